# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import io
from unittest.mock import patch

from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tools import mute_logger, pdf

from ..models import dunning_sending
from .common import DunningCommon


def page_count(content):
    return len(pdf.PdfFileReader(io.BytesIO(content), strict=False).pages)


@tagged("post_install", "-at_install")
class TestDunningLetterChunks(DunningCommon, HttpCase):
    """A large sending of letters is rendered in chunks of a bounded number
    of letters, one call of the real wkhtmltopdf each, merged into one PDF.

    An HTTP case: wkhtmltopdf fetches the report's styles from the server.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo renders reports as HTML in tests unless told otherwise.
        cls.env = cls.env(context=dict(cls.env.context, force_report_rendering=True))
        address = {"street": "1 rue de la Paix", "zip": "75002", "city": "Paris"}
        for index in range(5):
            customer = cls.create_customer(f"Client {index}", **address)
            cls.create_invoice(customer, "2026-01-01", 100.0 + index)
        with freeze_time("2026-02-01"):
            cls.reminders = cls.generate("2026-02-01")

    def test_letters_rendered_in_chunks_and_merged(self):
        """Five letters by chunks of two: three calls of wkhtmltopdf, one
        PDF holding all their pages, in the letters' order, as many as one
        call renders."""
        report_class = type(self.env["ir.actions.report"])
        run_wkhtmltopdf = report_class._run_wkhtmltopdf
        chunk_pages = []

        def count_pages(report, *args, **kwargs):
            content = run_wkhtmltopdf(report, *args, **kwargs)
            chunk_pages.append(page_count(content))
            return content

        service = self.env["dunning.sending"].with_user(self.billing_user)
        groups = self.reminders.with_user(self.billing_user)._group_for_sending()
        options = service._get_options({"channels": ["letter"]})
        # wkhtmltopdf's stderr is logged as warnings: the patched-Qt build of
        # these machines reports its missing OpenSSL 1.0 there, though it
        # prints fine: the PDF itself is what is tested.
        with (
            mute_logger("odoo.addons.base.models.ir_actions_report"),
            patch.object(dunning_sending, "LETTER_CHUNK_SIZE", 2),
            patch.object(report_class, "_run_wkhtmltopdf", count_pages),
        ):
            merged = service._render_letters_pdf(groups, options)
        self.assertEqual(len(chunk_pages), 3)
        self.assertEqual(page_count(merged), sum(chunk_pages))

        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            whole = service._render_letters_pdf(groups, options)
        self.assertEqual(page_count(merged), page_count(whole))
        text = "\n".join(
            page.extract_text()
            for page in pdf.PdfFileReader(io.BytesIO(merged), strict=False).pages
        )
        positions = [text.find(group.partner_id.name) for group in groups]
        self.assertNotIn(-1, positions)
        self.assertEqual(positions, sorted(positions), "the letters keep their order")
