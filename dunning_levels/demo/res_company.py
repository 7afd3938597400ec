# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging

from odoo import Command, api, fields, models

_logger = logging.getLogger(__name__)

# Lines of the workshop's term invoices (workshop fee and snacks).
FIRST_TERM = [
    ("Atelier bois du mercredi, premier trimestre", 1, 150.0),
    ("Goûters de l'atelier, premier trimestre", 1, 36.0),
]
SECOND_TERM = [
    ("Atelier bois du mercredi, deuxième trimestre", 1, 150.0),
    ("Goûters de l'atelier, deuxième trimestre", 1, 36.0),
]

# The demo invoices of the main company, all dated relative to today. Keys:
#   customer       xml id (in this module) of the invoiced partner
#   invoiced       days between the invoice date and today
#   due_after      days between the invoice date and the due date (default 0)
#   installments   paid in two installments (30 % now, 70 % at 30 days)
#   lines          (description, quantity, unit price excluding tax)
#   payments       partial payments: (amount, days before today)
#   paid           paid in full that many days before today
#   to_remind      False: never reminded, ``note`` says why in the chatter
#   reminders      channels of the reminders already sent, one per level, the
#                  last one ``last_reminder`` days before today
DEMO_INVOICES = [
    # Boulangerie Leroy: second reminder sent 20 days ago, formal notice due.
    {
        "customer": "res_partner_boulangerie_leroy",
        "invoiced": 112,
        "lines": [
            ("Comptoir de vente en chêne massif, sur mesure", 1, 1380.0),
            ("Pose et ajustage sur place (heures)", 6, 48.0),
        ],
        "reminders": ["email", "letter"],
        "last_reminder": 20,
    },
    {
        "customer": "res_partner_boulangerie_leroy",
        "invoiced": 18,
        "lines": [
            ("Réparation de la porte de la réserve", 1, 165.0),
            ("Fourniture d'une serrure trois points", 1, 89.0),
        ],
    },
    # Cabinet Morel: a partly paid invoice reminded once, a recent one, and
    # one not due yet.
    {
        "customer": "res_partner_cabinet_morel",
        "invoiced": 95,
        "lines": [("Bibliothèque sur mesure en chêne huilé, 4 m linéaires", 1, 2350.0)],
        "payments": [(1200.0, 60)],
        "reminders": ["email"],
        "last_reminder": 25,
    },
    {
        "customer": "res_partner_cabinet_morel",
        "invoiced": 40,
        "lines": [("Étagères murales en noyer", 4, 135.0)],
    },
    {
        "customer": "res_partner_cabinet_morel",
        "invoiced": 5,
        "due_after": 30,
        "lines": [("Caisson de rangement pour plans, en bouleau", 1, 980.0)],
    },
    # Le Bouchon des Canuts: the deposit of an invoice in installments is
    # overdue, the balance is not due yet; another invoice was reminded
    # 4 days ago (too recent for the next level).
    {
        "customer": "res_partner_bouchon_canuts",
        "invoiced": 20,
        "installments": True,
        "lines": [
            ("Banquettes en hêtre massif pour la salle", 3, 640.0),
            ("Tables de bistrot, plateau en chêne", 2, 290.0),
        ],
    },
    {
        "customer": "res_partner_bouchon_canuts",
        "invoiced": 52,
        "lines": [("Remplacement de plateaux de tables", 4, 95.0)],
        "reminders": ["email"],
        "last_reminder": 4,
    },
    # Ébénisterie Garnier, a fellow workshop: formal notice due, second
    # reminder due, and a recent invoice.
    {
        "customer": "res_partner_ebenisterie_garnier",
        "invoiced": 120,
        "lines": [
            ("Débit et rabotage de plateaux de frêne (m²)", 14, 62.0),
            ("Livraison à Vienne", 1, 85.0),
        ],
        "reminders": ["email", "letter"],
        "last_reminder": 30,
    },
    {
        "customer": "res_partner_ebenisterie_garnier",
        "invoiced": 75,
        "lines": [("Usinage de pieds de table tournés", 12, 38.0)],
        "reminders": ["email"],
        "last_reminder": 40,
    },
    {
        "customer": "res_partner_ebenisterie_garnier",
        "invoiced": 10,
        "lines": [("Location de l'atelier de finition (demi-journée)", 2, 120.0)],
    },
    # École Montessori Les Petits Chênes: a partly paid invoice, a disputed
    # one not to be reminded, one due today.
    {
        "customer": "res_partner_ecole_petits_chenes",
        "invoiced": 60,
        "lines": [
            ("Tables d'enfant en hêtre", 12, 145.0),
            ("Chaises d'enfant en hêtre", 12, 42.0),
        ],
        "payments": [(1000.0, 30)],
    },
    {
        "customer": "res_partner_ecole_petits_chenes",
        "invoiced": 33,
        "lines": [("Bacs de rangement en pin", 8, 55.0)],
        "to_remind": False,
        "note": "Finitions contestées par l'école : reprise prévue pendant les "
        "vacances scolaires, ne pas relancer d'ici là.",
    },
    {
        "customer": "res_partner_ecole_petits_chenes",
        "invoiced": 0,
        "lines": [("Réglage et réparation des portes de placards", 1, 310.0)],
    },
    # Hôtel Le Lys Blanc: a large invoice paid in full, a second reminder
    # due, a first reminder due.
    {
        "customer": "res_partner_hotel_lys_blanc",
        "invoiced": 88,
        "lines": [
            ("Habillage bois du comptoir de réception", 1, 2650.0),
            ("Pose (heures)", 5, 52.0),
        ],
        "paid": 75,
    },
    {
        "customer": "res_partner_hotel_lys_blanc",
        "invoiced": 47,
        "lines": [("Porte-bagages en chêne pour les chambres", 6, 145.0)],
        "reminders": ["email"],
        "last_reminder": 10,
    },
    {
        "customer": "res_partner_hotel_lys_blanc",
        "invoiced": 25,
        "lines": [("Remplacement d'une plinthe et reprise du parquet", 1, 520.0)],
    },
    # SCI Les Jardins de Fourvière: formal notice already sent, nothing more
    # is generated for that invoice.
    {
        "customer": "res_partner_sci_fourviere",
        "invoiced": 102,
        "lines": [("Fenêtres en bois, double vitrage", 2, 780.0)],
        "reminders": ["email", "letter", "letter"],
        "last_reminder": 15,
    },
    {
        "customer": "res_partner_sci_fourviere",
        "invoiced": 20,
        "lines": [("Réglage des fenêtres et remplacement des joints", 1, 180.0)],
    },
    # Régie Dumont Immobilier: a partly paid invoice, a small one, one not
    # due yet.
    {
        "customer": "res_partner_regie_dumont",
        "invoiced": 56,
        "lines": [("Remise en état de portes palières", 3, 290.0)],
        "payments": [(500.0, 20)],
    },
    {
        "customer": "res_partner_regie_dumont",
        "invoiced": 28,
        "lines": [("Remplacement d'une boîte aux lettres en bois", 1, 240.0)],
    },
    {
        "customer": "res_partner_regie_dumont",
        "invoiced": 12,
        "due_after": 30,
        "lines": [("Main courante d'escalier en chêne", 1, 690.0)],
    },
    # Agencements Fontaine: the excluded customer, never reminded.
    {
        "customer": "res_partner_agencements_fontaine",
        "invoiced": 80,
        "lines": [("Façades de meubles en chêne, sous-traitance", 10, 190.0)],
    },
    {
        "customer": "res_partner_agencements_fontaine",
        "invoiced": 35,
        "lines": [("Plans de travail en hêtre lamellé-collé", 2, 260.0)],
    },
    # Children of the woodworking workshop, invoiced to a parent.
    {
        "customer": "res_partner_sophie_bernard",
        "invoiced": 70,
        "lines": [("Atelier bois du mercredi, premier trimestre", 1, 150.0)],
        "reminders": ["email"],
        "last_reminder": 30,
    },
    {
        "customer": "res_partner_sophie_bernard",
        "invoiced": 22,
        "lines": [("Stage bois des vacances (5 demi-journées)", 1, 95.0)],
    },
    {
        "customer": "res_partner_karim_haddad",
        "invoiced": 70,
        "lines": [("Atelier bois du mercredi, premier trimestre", 1, 150.0)],
        "payments": [(90.0, 40)],
    },
    {
        "customer": "res_partner_karim_haddad",
        "invoiced": 5,
        "lines": [("Stage bois des vacances (5 demi-journées)", 1, 95.0)],
    },
    # The workshop's pupils in classes (tags CM1 A, CM1 B, CM2 A): each
    # family is billed per term, the first term 70 days ago, the second one
    # 22 days ago.
    # Chloé Martin (CM1 A): first term reminded twice, formal notice due.
    {
        "customer": "res_partner_julien_martin",
        "invoiced": 70,
        "lines": FIRST_TERM,
        "reminders": ["email", "letter"],
        "last_reminder": 15,
    },
    {
        "customer": "res_partner_julien_martin",
        "invoiced": 22,
        "lines": SECOND_TERM,
    },
    # Noah Petit (CM1 A): first term paid, second term overdue.
    {
        "customer": "res_partner_camille_petit",
        "invoiced": 70,
        "lines": FIRST_TERM,
        "paid": 60,
    },
    {
        "customer": "res_partner_camille_petit",
        "invoiced": 22,
        "lines": SECOND_TERM,
    },
    # Léa Moreau (CM1 B): first term partly paid and reminded once.
    {
        "customer": "res_partner_aurelie_moreau",
        "invoiced": 70,
        "lines": FIRST_TERM,
        "payments": [(100.0, 50)],
        "reminders": ["email"],
        "last_reminder": 25,
    },
    {
        "customer": "res_partner_aurelie_moreau",
        "invoiced": 22,
        "lines": SECOND_TERM,
    },
    # Adam Benali (CM1 B): everything paid.
    {
        "customer": "res_partner_yacine_benali",
        "invoiced": 70,
        "lines": FIRST_TERM,
        "paid": 65,
    },
    {
        "customer": "res_partner_yacine_benali",
        "invoiced": 22,
        "lines": SECOND_TERM,
        "paid": 10,
    },
    # Jade Fournier (CM1 B): no email address, reminded by letter.
    {
        "customer": "res_partner_elodie_fournier",
        "invoiced": 70,
        "lines": FIRST_TERM,
        "reminders": ["letter"],
        "last_reminder": 30,
    },
    {
        "customer": "res_partner_elodie_fournier",
        "invoiced": 22,
        "lines": SECOND_TERM,
    },
    # Manon Lefèvre (CM2 A): first term paid, second term overdue.
    {
        "customer": "res_partner_claire_lefevre",
        "invoiced": 70,
        "lines": FIRST_TERM,
        "paid": 50,
    },
    {
        "customer": "res_partner_claire_lefevre",
        "invoiced": 22,
        "lines": SECOND_TERM,
    },
    # Hugo Roux (CM2 A): first term reminded once, second term overdue.
    {
        "customer": "res_partner_thomas_roux",
        "invoiced": 70,
        "lines": FIRST_TERM,
        "reminders": ["email"],
        "last_reminder": 35,
    },
    {
        "customer": "res_partner_thomas_roux",
        "invoiced": 22,
        "lines": SECOND_TERM,
    },
    # Gabriel Girard (CM2 A): first term paid, second term not due yet.
    {
        "customer": "res_partner_nadia_girard",
        "invoiced": 70,
        "lines": FIRST_TERM,
        "paid": 55,
    },
    {
        "customer": "res_partner_nadia_girard",
        "invoiced": 22,
        "lines": SECOND_TERM,
        "due_after": 30,
    },
]


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _dunning_load_demo_data(self):
        """Build the payment reminder demo story of the main company.

        Posts the customer invoices of :data:`DEMO_INVOICES` (overdue from 0 to
        120 days, some not due yet, partly or fully paid, one in installments,
        one not to be reminded, two of an excluded customer), registers their
        payments and sends their past reminders, so that the morning
        generation proposes reminders at every level.

        Called by the demo data file. Skipped when the main company has no
        chart of accounts (no accounting localisation installed) or already
        has invoices of the demo customers.

        :return: the posted invoices (empty when skipped)
        """
        company = self.env.ref("base.main_company")
        if not company.chart_template:
            _logger.info(
                "Company %s has no chart of accounts: no payment reminder demo "
                "invoices.",
                company.name,
            )
            return self.env["account.move"]
        customers = self.env["res.partner"].union(
            *(
                self.env.ref(f"dunning_levels.{spec['customer']}")
                for spec in DEMO_INVOICES
            )
        )
        if self.env["account.move"].search_count(
            [
                ("company_id", "=", company.id),
                ("commercial_partner_id", "in", customers.commercial_partner_id.ids),
            ],
            limit=1,
        ):
            _logger.info("The payment reminder demo invoices already exist.")
            return self.env["account.move"]
        # Demo data is loaded before the post-init hook that creates the
        # levels of existing companies: the past reminders need them now.
        company._dunning_create_default_levels()
        # The administrator plays the story: chatter messages and reminder
        # history are theirs, in their language.
        admin = self.env.ref("base.user_admin")
        self._dunning_demo_load_translations()
        invoices = (
            self.with_user(admin)
            .with_context(lang=admin.lang, tz=admin.tz)
            ._dunning_demo_create_invoices(company)
        )
        _logger.info("Created %s payment reminder demo invoices.", len(invoices))
        return invoices

    @api.model
    def _dunning_demo_load_translations(self):
        """Load this module's translations now, for every installed language.

        Odoo loads a module's translations after its demo data: without this,
        the chatter lines of the demo story would name the channels (labels
        of a selection field) in English.
        """
        langs = [
            code for code, __ in self.env["res.lang"].get_installed() if code != "en_US"
        ]
        if langs:
            self.env["ir.module.module"]._load_module_terms(["dunning_levels"], langs)
            self.env.registry.clear_cache()

    @api.model
    def _dunning_demo_create_invoices(self, company):
        """Post the invoices of :data:`DEMO_INVOICES` for ``company``, with
        their payments and past reminders.

        :return: the posted ``account.move`` records
        """
        moves_model = self.env["account.move"].with_company(company)
        invoices = moves_model.browse()
        today = fields.Date.context_today(self)
        payment_term = self._dunning_demo_create_payment_term(company)
        # Oldest first, so that invoice numbers follow invoice dates.
        for spec in sorted(DEMO_INVOICES, key=lambda spec: -spec["invoiced"]):
            invoice = moves_model.create(
                self._prepare_dunning_demo_invoice_vals(
                    company, spec, today, payment_term
                )
            )
            invoice.action_post()
            self._dunning_demo_apply_story(invoice, spec, today)
            invoices |= invoice
        return invoices

    @api.model
    def _dunning_demo_create_payment_term(self, company):
        """Create the installment payment term of the demo: a 30 % deposit
        on the invoice date, the balance 30 days later.

        :return: the new ``account.payment.term``
        """
        return self.env["account.payment.term"].create(
            {
                "name": "Acompte 30 % à la commande, solde à 30 jours",
                "company_id": company.id,
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 30.0, "nb_days": 0}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 70.0, "nb_days": 30}
                    ),
                ],
            }
        )

    @api.model
    def _prepare_dunning_demo_invoice_vals(self, company, spec, today, payment_term):
        """Return the ``create`` values of the demo invoice described by ``spec``.

        :param company: the company invoicing
        :param dict spec: an item of :data:`DEMO_INVOICES`
        :param today: the date the invoice dates are relative to
        :param payment_term: the installment payment term, used when
            ``spec["installments"]`` is set
        :return: values for ``account.move.create``
        """
        invoice_date = fields.Date.subtract(today, days=spec["invoiced"])
        tax = company.account_sale_tax_id
        vals = {
            "move_type": "out_invoice",
            "partner_id": self.env.ref(f"dunning_levels.{spec['customer']}").id,
            "invoice_date": invoice_date,
            "dunning_to_remind": spec.get("to_remind", True),
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": name,
                        "quantity": quantity,
                        "price_unit": price_unit,
                        "tax_ids": [Command.set(tax.ids)],
                    }
                )
                for name, quantity, price_unit in spec["lines"]
            ],
        }
        if spec.get("installments"):
            vals["invoice_payment_term_id"] = payment_term.id
        else:
            vals["invoice_payment_term_id"] = False
            vals["invoice_date_due"] = fields.Date.add(
                invoice_date, days=spec.get("due_after", 0)
            )
        return vals

    @api.model
    def _dunning_demo_apply_story(self, invoice, spec, today):
        """Register the payments and past reminders ``spec`` gives the posted
        ``invoice``, and log why it is not to be reminded."""
        if spec.get("note"):
            invoice._message_log(body=spec["note"])
        for amount, days_ago in spec.get("payments", []):
            self._dunning_demo_register_payment(
                invoice, fields.Date.subtract(today, days=days_ago), amount
            )
        if "paid" in spec:
            self._dunning_demo_register_payment(
                invoice, fields.Date.subtract(today, days=spec["paid"])
            )
        if spec.get("reminders"):
            self._dunning_demo_send_reminders(
                invoice,
                spec["reminders"],
                fields.Date.subtract(today, days=spec["last_reminder"]),
            )

    @api.model
    def _dunning_demo_register_payment(self, invoice, payment_date, amount=None):
        """Pay ``invoice`` through the payment wizard, as a user would.

        :param payment_date: date of the payment
        :param float amount: amount paid; default: what remains due
        :return: the new ``account.payment``
        """
        vals = {"payment_date": payment_date}
        if amount is not None:
            vals["amount"] = amount
        wizard = (
            self.env["account.payment.register"]
            .with_company(invoice.company_id)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(vals)
        )
        return wizard._create_payments()

    @api.model
    def _dunning_demo_send_reminders(self, invoice, channels, last_date):
        """Send one reminder per level through ``channels`` (level 1 first),
        then date the last one ``last_date``.

        Sending stamps the invoice with today's date; moving it back in the
        past lets the morning generation propose the next level.

        :return: the sent ``dunning.reminder`` records
        """
        invoice = invoice.with_company(invoice.company_id)
        reminders = self.env["dunning.reminder"]
        for rank, channel in enumerate(channels):
            reminder = invoice._dunning_create_reminders()._mark_sent(channel)
            # Each reminder dated in the past, 15 days before the next one.
            sent_on = fields.Date.subtract(
                last_date, days=15 * (len(channels) - 1 - rank)
            )
            sent_at = fields.Datetime.to_datetime(sent_on).replace(hour=9)
            reminder._write_evidence(
                {"generated_date": sent_on, "sent_datetime": sent_at}
            )
            reminder.history_ids.sudo().write({"date": sent_at})
            reminders |= reminder
        invoice._dunning_write({"dunning_date": last_date})
        return reminders
