# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Maileva's statuses and codes, and the PDF check, without a database."""

from odoo.tests import BaseCase, tagged

from ..tools.maileva_codes import (
    OPEN_STATES,
    PIPELINE_STATES,
    SENDING_ACCEPTED,
    SENDING_DELIVERED,
    SENDING_PROCESSED,
    SENDING_RECIPIENT_ADDED,
    SENDING_REJECTED,
    SENDING_SUBMITTED,
    SENDING_UNDELIVERED,
    get_delivery_state,
    get_error_label,
    get_sending_state,
    get_undelivered_reason,
    is_pdf,
)


@tagged("post_install", "-at_install")
class TestMailevaCodes(BaseCase):
    def test_pdf_detection(self):
        """Only bytes starting with the PDF header are a PDF: an empty render,
        no render, HTML or text are not."""
        self.assertTrue(is_pdf(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"))
        for content in (b"", None, False, b"<html><body/></html>", "%PDF-1.7"):
            with self.subTest(content=content):
                self.assertFalse(is_pdf(content))

    def test_sending_status_mapping(self):
        """Each status of a Maileva sending gives our state; an unknown one
        keeps the current state."""
        expected = {
            "DRAFT": SENDING_RECIPIENT_ADDED,
            "PENDING": SENDING_SUBMITTED,
            "BLOCKED": SENDING_SUBMITTED,
            "ACCEPTED": SENDING_ACCEPTED,
            "PREPARING": SENDING_ACCEPTED,
            "PROCESSED": SENDING_PROCESSED,
            "PROCESSED_WITH_ERRORS": SENDING_PROCESSED,
            "REJECTED": SENDING_REJECTED,
            "CANCELED": SENDING_REJECTED,
        }
        for status, state in expected.items():
            with self.subTest(status=status):
                self.assertEqual(
                    get_sending_state(status, {}, SENDING_SUBMITTED), state
                )
        self.assertEqual(
            get_sending_state("NEW_STATUS", {}, SENDING_ACCEPTED), SENDING_ACCEPTED
        )
        self.assertEqual(
            get_sending_state(None, {}, SENDING_ACCEPTED), SENDING_ACCEPTED
        )

    def test_rejected_recipient(self):
        """A recipient Maileva refused rejects the letter, whatever the
        sending's status."""
        for status in ("REJECTED", "SENDING_REJECTED"):
            with self.subTest(status=status):
                self.assertEqual(
                    get_sending_state(
                        "PROCESSED", {"status": status}, SENDING_ACCEPTED
                    ),
                    SENDING_REJECTED,
                )

    def test_delivery_of_registered_letters(self):
        """A registered letter is delivered with its acknowledgement of
        receipt, undelivered with a reason; a simple letter stays posted."""
        delivered = (
            {"acknowledgement_of_receipt_url": "https://ack"},
            {"last_main_delivery_status": {"category": "DELIVERED"}},
        )
        undelivered = (
            {"undelivered_mail_reason": "N02"},
            {"last_main_delivery_status": {"category": "UNDELIVERED"}},
        )
        for recipient in delivered:
            with self.subTest(recipient=recipient):
                self.assertEqual(get_delivery_state(recipient), SENDING_DELIVERED)
                self.assertEqual(
                    get_sending_state("PROCESSED", recipient, SENDING_PROCESSED, True),
                    SENDING_DELIVERED,
                )
                self.assertEqual(
                    get_sending_state("PROCESSED", recipient, SENDING_PROCESSED),
                    SENDING_PROCESSED,
                )
        for recipient in undelivered:
            with self.subTest(recipient=recipient):
                self.assertEqual(get_delivery_state(recipient), SENDING_UNDELIVERED)
                self.assertEqual(
                    get_sending_state("PROCESSED", recipient, SENDING_PROCESSED, True),
                    SENDING_UNDELIVERED,
                )
        on_its_way = {"last_main_delivery_status": {"category": "IN_PROGRESS"}}
        self.assertIsNone(get_delivery_state(on_its_way))
        self.assertIsNone(get_delivery_state({"last_main_delivery_status": None}))
        self.assertEqual(
            get_sending_state("PROCESSED", on_its_way, SENDING_ACCEPTED, True),
            SENDING_PROCESSED,
        )

    def test_pipeline_and_open_states(self):
        """The pipeline's states come before the submit, the open ones after:
        the values stored in the database."""
        self.assertEqual(
            PIPELINE_STATES, ("draft", "created", "uploaded", "recipient_added")
        )
        self.assertEqual(OPEN_STATES, ("submitted", "accepted", "processed"))

    def test_error_label(self):
        """A known code has our text; an unknown one shows Maileva's message,
        else the code itself."""
        self.assertNotIsInstance(get_error_label("NOT_A_PDF", "ignored"), str)
        self.assertEqual(get_error_label("HTTP_418", "I'm a teapot"), "I'm a teapot")
        self.assertEqual(get_error_label("HTTP_418"), "HTTP_418")

    def test_undelivered_reason(self):
        """A known reason code has our text; an unknown one shows the code,
        and none a dash."""
        self.assertNotIsInstance(get_undelivered_reason("N02"), str)
        self.assertEqual(get_undelivered_reason("N99"), "N99")
        self.assertEqual(get_undelivered_reason(None), "-")
