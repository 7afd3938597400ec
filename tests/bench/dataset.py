# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Benchmark dataset: customers, posted invoices, payments and credit notes.

Everything goes through the ORM, in batches: moves are created with their
lines and posted a few thousand at a time, payments are real
``account.payment`` records posted and reconciled with the invoices (the
residuals are Odoo's, not written by hand). The data is deterministic for a
given scale and date (fixed random seeds).

The invoices are built in parts of :data:`PART_SIZE`, each in a process of
its own (``worker.py dataset SCALE:PART``): in one long process, Odoo's
posting slows down as records pile up (by 28,000 invoices, a third of the
speed it had at the start).

Bump ``DATASET_VERSION`` whenever the data changes: the cached template
databases are keyed by it.
"""

import random
import time
from datetime import timedelta

from odoo import Command

DATASET_VERSION = "2"

# scale: (customers, customer invoices)
SCALES = {"S": (1000, 10000), "M": (5000, 50000), "XS": (100, 1000)}
BATCH_SIZE = 2000
# Invoices per part (per process) of the build.
PART_SIZE = 10000
# Shares of the invoices (the rest: due 30 days after their date, unpaid).
SHARE_INSTALLMENTS = 0.15
SHARE_PARTLY_PAID = 0.15
SHARE_PAID = 0.15
# Credit notes, as a share of the invoices.
SHARE_CREDIT_NOTES = 0.03
# Invoice dates go back this many days: due dates (30 days later) spread
# over the last 150 days and the next 30.
HISTORY_DAYS = 180
CITIES = [
    ("69003", "Lyon"),
    ("75011", "Paris"),
    ("13001", "Marseille"),
    ("31000", "Toulouse"),
    ("44000", "Nantes"),
    ("33000", "Bordeaux"),
    ("59000", "Lille"),
    ("67000", "Strasbourg"),
]
TRADES = [
    "Boulangerie",
    "Menuiserie",
    "Garage",
    "Pharmacie",
    "Plomberie",
    "Imprimerie",
    "Librairie",
    "Fromagerie",
]


def _batches(items, size=BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class DatasetGenerator:
    """Fill the current company of ``env`` with the data of one scale.

    :param env: environment of the user creating the data
    :param str scale: a key of :data:`SCALES`
    :param today: the date the data is built around
    :param int part: which part of the invoices to build (see
        :func:`part_count`); the customers are created with part 0
    """

    def __init__(self, env, scale, today, part=0):
        # As superuser: the user's record rules are otherwise checked in
        # Python against every record of a growing prefetch set at each lazy
        # read while posting, each batch slower than the last.
        self.env = env(
            su=True,
            context=dict(
                env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                mail_notrack=True,
            ),
        )
        self.customer_count, invoice_count = SCALES[scale]
        self.part = part
        self.invoice_count = min(PART_SIZE, invoice_count - part * PART_SIZE)
        self.today = today
        self.rng = random.Random(f"dunning-bench-{scale}-{part}")
        self.company = self.env.company
        self.journal = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "sale")], limit=1
        )
        self.timings = {}

    def _timed(self, name, function, *args):
        start = time.perf_counter()
        result = function(*args)
        self.env.flush_all()
        self.timings[name] = round(time.perf_counter() - start, 1)
        return result

    def generate(self):
        """Create this part of the dataset; return its figures and timings."""
        start = time.perf_counter()
        customers = self._timed("customers", self._get_customers)
        invoices = self._timed("invoices", self._create_invoices, customers)
        refunds = self._timed("credit_notes", self._create_credit_notes, customers)
        payments = self._timed("payments", self._create_payments, invoices)
        self.env.cr.execute("ANALYZE")
        return {
            "customers": len(customers),
            "invoices": len(invoices),
            "credit_notes": len(refunds),
            "payments": len(payments),
            "seconds": round(time.perf_counter() - start, 1),
            "timings": self.timings,
        }

    # ------------------------------------------------------------

    def _get_customers(self):
        """Create the customers (part 0), or find them (other parts)."""
        if self.part:
            return self.env["res.partner"].search(
                [("email", "=like", "compta.%@client.example")], order="id"
            )
        return self._create_customers()

    def _create_customers(self):
        france = self.env.ref("base.fr")
        vals_list = []
        for index in range(self.customer_count):
            zip_code, city = CITIES[index % len(CITIES)]
            name = f"{TRADES[index % len(TRADES)]} {index:05d}"
            vals_list.append(
                {
                    "name": name,
                    "is_company": True,
                    "customer_rank": 1,
                    "email": f"compta.{index:05d}@client.example",
                    "phone": f"+33 4 72 {index // 100 % 100:02d} {index % 100:02d} 00",
                    "street": f"{index % 120 + 1} rue du Commerce",
                    "zip": zip_code,
                    "city": city,
                    "country_id": france.id,
                    "lang": "fr_FR",
                }
            )
        return self.env["res.partner"].create(vals_list)

    def _installment_term(self):
        return self.env["account.payment.term"].create(
            {
                "name": "30 % at 30 days, balance at 60 days",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 30.0, "nb_days": 30}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 70.0, "nb_days": 60}
                    ),
                ],
            }
        )

    def _line_vals(self, tax):
        # Values Odoo would compute line by line are given (same result).
        return [
            Command.create(
                {
                    "account_id": self.journal.default_account_id.id,
                    "name": f"Prestation {line + 1}",
                    "quantity": self.rng.randint(1, 5),
                    "price_unit": self.rng.randint(20, 800),
                    "tax_ids": [Command.set(tax.ids)],
                }
            )
            for line in range(self.rng.randint(1, 3))
        ]

    def _move_vals(self, customer):
        return {
            "partner_id": customer.id,
            "partner_shipping_id": customer.id,
            "journal_id": self.journal.id,
            "currency_id": self.company.currency_id.id,
            "fiscal_position_id": False,
        }

    def _create_invoices(self, customers):
        """Post the customer invoices: one in ``SHARE_INSTALLMENTS`` on a
        two-installment term, the others due 30 days after their date."""
        term_30 = self.env.ref("account.account_payment_term_30days")
        term_installments = self._installment_term()
        tax = self.company.account_sale_tax_id
        vals_list = []
        for index in range(self.invoice_count):
            installments = self.rng.random() < SHARE_INSTALLMENTS
            invoice_date = self.today - timedelta(
                days=self.rng.randint(0, HISTORY_DAYS)
            )
            vals_list.append(
                {
                    "move_type": "out_invoice",
                    **self._move_vals(customers[index % len(customers)]),
                    "invoice_date": invoice_date,
                    "date": invoice_date,
                    "invoice_payment_term_id": (
                        term_installments if installments else term_30
                    ).id,
                    "invoice_line_ids": self._line_vals(tax),
                }
            )
        # Sequence numbers must follow the dates within a journal.
        vals_list.sort(key=lambda vals: vals["invoice_date"])
        return self._create_and_post(vals_list)

    def _create_credit_notes(self, customers):
        tax = self.company.account_sale_tax_id
        vals_list = []
        for __ in range(int(self.invoice_count * SHARE_CREDIT_NOTES)):
            date = self.today - timedelta(days=self.rng.randint(0, HISTORY_DAYS))
            vals_list.append(
                {
                    "move_type": "out_refund",
                    **self._move_vals(self.rng.choice(customers)),
                    "invoice_date": date,
                    "date": date,
                    "invoice_line_ids": self._line_vals(tax)[:1],
                }
            )
        vals_list.sort(key=lambda vals: vals["invoice_date"])
        return self._create_and_post(vals_list)

    def _end_batch(self):
        """Flush the batch, forget its cache (not needed any more) and update
        the table statistics: the database was copied with empty tables, and
        without statistics PostgreSQL scans whole tables where an index would
        do, each batch slower than the last."""
        self.env.flush_all()
        self.env.invalidate_all()
        self.env.cr.execute(
            "ANALYZE account_move, account_move_line, account_partial_reconcile,"
            " account_payment"
        )

    def _create_and_post(self, vals_list):
        moves = self.env["account.move"]
        for batch in _batches(vals_list):
            created = moves.create(batch)
            created.action_post()
            moves |= created
            self._end_batch()
        return moves

    def _create_payments(self, invoices):
        """Pay invoices with real payments reconciled with them: fully for
        ``SHARE_PAID`` of the invoices, partly (20 to 70 %) for
        ``SHARE_PARTLY_PAID``."""
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "bank")], limit=1
        )
        to_pay = []
        for invoice in invoices:
            draw = self.rng.random()
            if draw < SHARE_PAID:
                to_pay.append((invoice, 1.0))
            elif draw < SHARE_PAID + SHARE_PARTLY_PAID:
                to_pay.append((invoice, self.rng.randint(20, 70) / 100))
        payments = self.env["account.payment"]
        for batch in _batches(to_pay):
            vals_list = []
            for invoice, share in batch:
                amount = invoice.currency_id.round(invoice.amount_total * share)
                payment_date = min(
                    invoice.invoice_date + timedelta(days=self.rng.randint(5, 60)),
                    self.today,
                )
                vals_list.append(
                    {
                        "payment_type": "inbound",
                        "partner_type": "customer",
                        "partner_id": invoice.commercial_partner_id.id,
                        "amount": amount,
                        "date": payment_date,
                        "journal_id": journal.id,
                        "memo": invoice.name,
                    }
                )
            created = payments.create(vals_list)
            created.action_post()
            plan = []
            for payment, (invoice, __) in zip(created, batch, strict=True):
                plan.append(
                    (payment.move_id.line_ids | invoice.line_ids).filtered(
                        lambda line: line.account_type == "asset_receivable"
                    )
                )
            self.env["account.move.line"]._reconcile_plan(plan)
            for payment, (invoice, __) in zip(created, batch, strict=True):
                invoice.matched_payment_ids += payment
            payments |= created
            self._end_batch()
        return payments


def part_count(scale):
    """Number of parts (processes) building the dataset of ``scale``."""
    return -(-SCALES[scale][1] // PART_SIZE)
