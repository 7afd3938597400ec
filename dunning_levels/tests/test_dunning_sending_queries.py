# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from unittest.mock import patch

from odoo.tests import freeze_time, tagged

from .common import DunningCommon

# SQL queries one more communication may cost a sending at most. An email is
# posted in its invoice's chatter: its message, notification and queued mail
# (Odoo's ``message_post``, about 12 queries), its merge fields read for its
# own invoices; what the sending reads or writes for all its emails at once
# (the invoices' figures and installments, the thread's reply-to, the
# senders, the reminder page links, the sender following the invoices) is not
# counted again: about 13 in all (17 when each email subscribed its sender).
# A letter is one more page of the same PDF, with the customer's reminder
# page link (looked up, then renewed once sent) and the company's bank
# account for the transfer: about 5.
QUERIES_PER_EMAIL = 14
QUERIES_PER_LETTER = 6


@tagged("post_install", "-at_install")
class TestDunningSendingQueries(DunningCommon):
    """The cost of a sending grows by a bounded number of SQL queries per
    communication, whatever the number of communications."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        address = {"street": "1 rue de la Paix", "zip": "75002", "city": "Paris"}
        for index in range(12):
            customer = cls.create_customer(
                f"Client {index:02d}", email=f"client{index:02d}@example.com", **address
            )
            cls.create_invoice(customer, "2026-01-01", 100.0 + index)
        with freeze_time("2026-02-01"):
            cls.reminders = cls.generate("2026-02-01")

    def _count_sending(self, start, count, channel):
        """Queries of a sending of ``count`` communications (one reminder
        each, from the ``start``-th) through ``channel``, as the background
        sending sends a batch."""
        # As in a user's session, where the sender of an email follows its
        # invoice.
        reminders = self.in_session(
            self.reminders.sorted("id")[start : start + count].with_user(
                self.billing_user
            )
        )
        service = self.in_session(
            self.env["dunning.sending"].with_user(self.billing_user)
        )
        with freeze_time("2026-02-02"):
            result, queries = self.count_queries(
                service._send, {"channels": [channel]}, reminders
            )
        self.assertEqual(result["sent_count"], count)
        return queries

    def test_queries_per_email(self):
        """Ten emails cost at most nine times the bound more than one."""
        # The first sending fills Odoo's caches (templates, views, rules).
        self._count_sending(0, 1, "email")
        one = self._count_sending(1, 1, "email")
        ten = self._count_sending(2, 10, "email")
        self.assertLessEqual(ten - one, 9 * QUERIES_PER_EMAIL, (one, ten))

    def test_queries_per_letter(self):
        """Ten letters cost at most nine times the bound more than one."""
        self._count_sending(0, 1, "letter")
        one = self._count_sending(1, 1, "letter")
        ten = self._count_sending(2, 10, "letter")
        self.assertLessEqual(ten - one, 9 * QUERIES_PER_LETTER, (one, ten))

    def test_email_body_compiled_once(self):
        """The body of a level's email is checked and compiled once, not once
        per email: Odoo does both each time it renders an inline template."""
        self._count_sending(0, 1, "email")
        qweb_class = type(self.env["ir.qweb"])
        generate_code = qweb_class._generate_code
        compiled = []

        def count_compilations(qweb, template):
            compiled.append(template)
            return generate_code(qweb, template)

        with patch.object(qweb_class, "_generate_code", count_compilations):
            self._count_sending(1, 6, "email")
        self.assertFalse(compiled, "the body compiled for the first email")
        # Each email rendered for its own invoice all the same.
        for reminder in self.reminders.sorted("id")[1:7]:
            body = reminder.mail_message_id.body
            self.assertIn(reminder.move_id.name, body)
            self.assertIn(f"{reminder.move_id.amount_total:.2f}", body)
