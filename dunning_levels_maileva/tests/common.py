# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import importlib.util
import json
import sys
from pathlib import Path
from unittest.mock import patch
from urllib.parse import urlsplit

from odoo.tests.common import _super_send

from odoo.addons.dunning_levels.tests.common import DunningCommon

from ..tools import maileva_api


def load_fake_maileva():
    """Import the repository's fake Maileva server (``tests/fake_maileva`` at
    the repository root, next to the addons) under a name of its own."""
    name = "dunning_fake_maileva"
    if name not in sys.modules:
        package = Path(__file__).resolve().parents[2] / "tests" / "fake_maileva"
        spec = importlib.util.spec_from_file_location(
            name,
            package / "__init__.py",
            submodule_search_locations=[str(package)],
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


class DunningMailevaCommon(DunningCommon):
    """Base class of the Maileva channel's tests: the fake Maileva server
    runs in the test process (real HTTP on 127.0.0.1, no mock of the client),
    the company points at it, and helpers send through the wizard and run the
    scheduled action."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Maileva refuses anything but a PDF: the letters are rendered as in
        # production (QWeb), only wkhtmltopdf (which logs warnings on this
        # machine) is replaced by a one-page PDF; the HTML is kept.
        cls.env = cls.env(context=dict(cls.env.context, force_report_rendering=True))
        fake_module = load_fake_maileva()
        cls.letter_bodies = []

        def run_wkhtmltopdf(report, bodies, *args, **kwargs):
            cls.letter_bodies.extend(bodies)
            return fake_module.server.PROOF_PDF

        patcher = patch.object(
            type(cls.env["ir.actions.report"]), "_run_wkhtmltopdf", run_wkhtmltopdf
        )
        patcher.start()
        cls.addClassCleanup(patcher.stop)
        cls.fake = fake_module.FakeMaileva().start()
        cls.addClassCleanup(cls.fake.stop)
        cls.france = cls.env.ref("base.fr")
        cls.company.write(
            {
                "name": "Menuiserie Durand SARL",
                "country_id": cls.france.id,
                "maileva_environment": "sandbox",
                "maileva_auth_url": cls.fake.url,
                "maileva_api_url": cls.fake.url,
                "maileva_username": cls.fake.username,
                "maileva_password": cls.fake.password,
                "maileva_client_id": cls.fake.client_id,
                "maileva_client_secret": cls.fake.client_secret,
            }
        )
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("dunning_levels_maileva.timeout", "1")
        params.set_param("dunning_levels_maileva.backoff", "0")
        cls.customer = cls.create_postal_customer("Boulangerie Leroy")

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        # Odoo raises test timeouts below 10 s to 10 s; the fake's timeout
        # fault needs the client's own short timeout.
        if urlsplit(r.url).hostname == "127.0.0.1":
            return _super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)

    def setUp(self):
        super().setUp()
        self.fake.reset()
        self.letter_bodies.clear()
        maileva_api._token_cache.clear()

    @classmethod
    def create_postal_customer(cls, name, **values):
        """Create a French customer with a complete postal address."""
        return cls.create_customer(
            name,
            **{
                "street": "12 rue des Lilas",
                "zip": "69003",
                "city": "Lyon",
                "country_id": cls.france.id,
                "lang": "fr_FR",
                **values,
            },
        )

    def create_reminder(self, partner=None, level=1):
        """Post an overdue invoice and return its reminder at ``level``."""
        invoice = self.create_overdue_invoice(partner or self.customer, 60)
        return invoice._dunning_create_reminders(level=level, allow_resend=True)

    def send_wizard(
        self, reminders, registered=False, process=True, user=None, **values
    ):
        """Send ``reminders`` through Maileva only, with the wizard's form, as
        ``user`` (default: the test's). The sending hands the letters over
        without calling Maileva (checked); then, with ``process``, the
        scheduled action posts them, as it does once woken up.

        :return: the wizard, after sending
        """
        channel = "use_maileva_registered" if registered else "use_maileva"
        # Every other channel off, whatever the levels' default channels.
        channels = {
            fname: fname == channel
            for fname in self.env["dunning.send"]._fields
            if fname.startswith("use_") and fname != "use_phone"
        }
        wizard = self.open_send_wizard(reminders, user=user, **{**channels, **values})
        calls = len(self.fake.requests)
        wizard.action_send()
        self.assertEqual(
            len(self.fake.requests), calls, "the user's sending called Maileva"
        )
        if process:
            self.run_cron()
        return wizard

    def run_cron(self):
        """Run the Maileva scheduled action through its XML record."""
        self.env.ref(
            "dunning_levels_maileva.ir_cron_maileva_process"
        ).method_direct_trigger()

    def sending_of(self, reminders):
        return reminders.maileva_sending_ids

    def assertMailevaReceived(self, product="mail/v2", sendings=1):
        """Maileva received exactly ``sendings`` submitted sendings of
        ``product``, each with exactly one PDF document and one recipient,
        submitted once."""
        submitted = self.fake.submitted(product)
        self.assertEqual(len(submitted), sendings)
        for sending in submitted:
            self.assertEqual(len(sending["_documents"]), 1)
            document = next(iter(sending["_documents"].values()))
            self.assertTrue(document["_content"].startswith(b"%PDF"))
            self.assertEqual(len(sending["_recipients"]), 1)
        self.assertEqual(
            len(self.fake.calls("POST", r"/sendings/[^/]+/submit$")), sendings
        )
        return submitted

    def request_json(self, request):
        return json.loads(request["body"])
