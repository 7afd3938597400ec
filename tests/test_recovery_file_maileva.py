# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The recovery file of dunning_levels_fr collects the proofs of the formal
notice sent by registered letter through dunning_levels_maileva."""

import io
import zipfile

from odoo.tests import tagged

from odoo.addons.dunning_levels_maileva.tests.common import DunningMailevaCommon


@tagged("post_install", "-at_install")
class TestRecoveryFileMaileva(DunningMailevaCommon):
    def test_registered_letter_proofs_in_recovery_file(self):
        """The formal notice goes by registered letter through the (fake)
        Maileva server; once delivered, the recovery file holds the deposit
        proof and the acknowledgement of receipt, and its summary gives the
        registered number."""
        reminder = self.create_reminder(level=3)
        invoice = reminder.move_id
        self.send_wizard(reminder)
        sending = reminder.maileva_sending_ids
        self.assertEqual(sending.product, "registered")
        self.assertEqual(invoice.dunning_level, 3)
        self.fake.advance(sending.maileva_sending_id, steps=3)
        self.run_cron()
        self.fake.set_outcome(sending.maileva_sending_id, "DELIVERED")
        self.run_cron()
        self.assertEqual(sending.state, "delivered")
        proofs = sending.deposit_proof_id | sending.acknowledgement_id
        self.assertEqual(len(proofs), 2)
        self.assertEqual(reminder._get_proof_attachments(), proofs)

        self.letter_bodies.clear()
        attachment = invoice._dunning_fr_build_recovery_file()
        archive = zipfile.ZipFile(io.BytesIO(attachment.raw))
        names = archive.namelist()
        for proof in proofs:
            path = next(n for n in names if n.startswith(f"4_proofs/{proof.id}_"))
            self.assertEqual(archive.read(path), proof.raw)
        # The letter is filed with the letters, not again with the proofs.
        self.assertEqual(len([n for n in names if n.startswith("4_proofs/")]), 2)
        self.assertEqual(len([n for n in names if n.startswith("2_letters/")]), 1)
        # The summary is a PDF report (wkhtmltopdf is replaced by a one-page
        # PDF in these tests, its HTML kept).
        self.assertTrue(archive.read("0_summary.pdf").startswith(b"%PDF"))
        bodies = [
            body.decode() if isinstance(body, bytes) else body
            for body in self.letter_bodies
        ]
        summary = next(body for body in bodies if "summary_invoices" in body)
        self.assertIn(sending.registered_number, summary)
        self.assertIn(invoice.name, summary)

    def test_letter_on_its_way_has_a_reference_but_no_proof(self):
        """A registered letter not yet posted is referenced with its state;
        no proof exists yet."""
        reminder = self.create_reminder(level=3)
        self.send_wizard(reminder)
        sending = reminder.maileva_sending_ids
        reference = reminder._get_proof_reference()
        self.assertIn(sending.name, reference)
        self.assertIn("Submitted", reference)
        self.assertFalse(reminder._get_proof_attachments())
