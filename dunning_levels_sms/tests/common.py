# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from contextlib import contextmanager

from odoo.addons.dunning_levels.tests.common import DunningCommon
from odoo.addons.sms.tests.common import MockSMS, SMSCase


class DunningSmsCommon(DunningCommon):
    """Base class of the SMS channel's tests: French customers with mobile
    numbers, Odoo's SMS gateway mock and assertions, and helpers driving the
    sending wizard and the SMS queue.

    Odoo's SMS test helpers (``sms.tests.common``) are reused as they are. Their
    classes derive from ``HttpCase``, which pytest-odoo skips unless it starts an
    HTTP server, so their methods are taken over here rather than inherited:
    the gateway mock patches ``SmsApi._contact_iap`` only and needs no server.
    """

    mockSMSGateway = MockSMS.mockSMSGateway
    _clear_sms_sent = MockSMS._clear_sms_sent
    _find_sms_sms = SMSCase._find_sms_sms
    assertSMS = SMSCase.assertSMS
    assertSMSIapSent = SMSCase.assertSMSIapSent
    assertSMSFailed = SMSCase.assertSMSFailed
    assertSMSOutgoing = SMSCase.assertSMSOutgoing

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["iap.account"].get("sms")
        cls.france = cls.env.ref("base.fr")
        euro = cls.env.ref("base.EUR")
        euro.active = True
        cls.company.write(
            {
                "currency_id": euro.id,
                "name": "Menuiserie Durand SARL",
                "phone": "+33 4 78 00 00 00",
                "country_id": cls.france.id,
            }
        )

    def setUp(self):
        super().setUp()
        self._clear_sms_sent()

    @classmethod
    def create_sms_customer(cls, name, mobile="06 12 34 56 78", **values):
        """Create a French customer with a mobile number."""
        return cls.create_customer(
            name, mobile=mobile, country_id=cls.france.id, lang="fr_FR", **values
        )

    @contextmanager
    def mock_sms_gateway(self, sim_error=None, errors_by_recipient=None):
        """Mock Odoo's SMS gateway (IAP): nothing leaves the test.

        :param str sim_error: error of every SMS (``credit``,
            ``wrong_number_format``, ``server_error``, ``unregistered``)
        :param dict errors_by_recipient: ``{E.164 number: error}``
        """
        with self.mockSMSGateway(sim_error=sim_error, nbr_t_error=errors_by_recipient):
            yield

    def send_wizard(self, reminders, user=None, **values):
        """Send ``reminders`` with the wizard, driven through its form, by SMS
        only unless ``values`` say otherwise.

        :return: the wizard, after sending
        """
        return self.send_with_wizard(
            reminders, user=user, **{"use_email": False, "use_sms": True, **values}
        )

    def process_sms_queue(self):
        """Run Odoo's SMS queue cron, as the scheduler would."""
        self.env.ref("sms.ir_cron_sms_scheduler_action").method_direct_trigger()

    def assertReminderSmsSent(self, reminders):
        """The reminders were marked as sent by SMS, with a history line."""
        for reminder in reminders:
            self.assertEqual(reminder.state, "sent")
            self.assertEqual(reminder.channel, "sms")
            self.assertIn(reminder.sms_status, ("sent", "delivered"))
            self.assertFalse(reminder.sms_failure_reason)
            self.assertEqual(
                reminder.history_ids.filtered(lambda h: h.action == "sent").channel,
                "sms",
            )

    def assertReminderSmsFailed(self, reminders, reason):
        """The reminders stay to send, with a failed SMS history line whose
        note contains ``reason``."""
        for reminder in reminders:
            self.assertEqual(reminder.state, "draft")
            failed = reminder.history_ids.filtered(lambda h: h.action == "failed")
            self.assertEqual(len(failed), 1)
            self.assertEqual(failed.channel, "sms")
            self.assertIn(reason, failed.note)
            self.assertFalse(
                reminder.history_ids.filtered(lambda h: h.action == "sent")
            )
