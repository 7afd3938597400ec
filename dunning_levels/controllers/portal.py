# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.account_payment.controllers.payment import (
    PaymentPortal as AccountPaymentPortal,
)
from odoo.addons.account_payment.controllers.portal import PortalAccount

from ..const import (
    ANSWER_DISPUTE,
    ANSWER_PAYMENT,
    ANSWER_PROMISE,
    MAX_ANSWER_FILE_SIZE,
    STATE_SENT,
)

# What the forms of the page may weigh: the largest file an answer accepts,
# plus the form's other fields.
MAX_ANSWER_FORM_SIZE = MAX_ANSWER_FILE_SIZE + 64 * 1024


class DunningPortal(PortalAccount, AccountPaymentPortal):
    """The customer's reminder page: ``/r/<token>``, the link every reminder
    carries, and ``/my/reminders`` for the customer's portal users.

    The token of a ``dunning.access`` is the whole credential: every route
    checks it first and answers 404, telling nothing, when it is unknown,
    expired, or when what it asks for is not the token's customer's and
    company's. Past that check, the records are read in sudo mode.
    """

    # ------------------------------------------------------------
    # ACCESS
    # ------------------------------------------------------------

    def _dunning_get_access(self, token):
        """Return the valid access of ``token`` (sudo), in the customer's
        language.

        :raise NotFound: for an unknown or expired token
        """
        access = request.env["dunning.access"]._find_by_token(token)
        if not access:
            raise NotFound()
        lang = access.partner_id.lang
        if lang and not request.env.user._is_internal():
            request.update_context(lang=lang)
            access = access.with_context(lang=lang)
        return access

    def _dunning_get_invoices(self, access):
        """Return the open overdue invoices the page of ``access`` lists:
        the customer's invoices to remind in the access's company that have
        an unpaid installment past its due date.

        TO OVERRIDE to list other invoices.

        :param access: ``dunning.access`` record (sudo)
        :return: ``account.move`` records (sudo), by due date
        """
        partner = access.partner_id.with_company(access.company_id).with_context(
            dunning_move_ids=False
        )
        return partner.dunning_overdue_move_ids

    def _dunning_get_invoice(self, access, move_id):
        """Return the invoice ``move_id`` if the page of ``access`` lists it.

        :raise NotFound: otherwise
        """
        invoice = self._dunning_get_invoices(access).filtered(
            lambda move: move.id == move_id
        )
        if not invoice:
            raise NotFound()
        return invoice

    # ------------------------------------------------------------
    # PAGE
    # ------------------------------------------------------------

    def _dunning_get_last_reminders(self, access):
        """Return the reminders of the last communication sent to the
        customer in the access's company (sudo), empty when none was sent."""
        reminders = request.env["dunning.reminder"].sudo()
        last = reminders.search(
            [
                ("partner_id", "=", access.partner_id.id),
                ("company_id", "=", access.company_id.id),
                ("sent_datetime", "!=", False),
            ],
            order="sent_datetime desc, id desc",
            limit=1,
        )
        if not last:
            return last
        return reminders.search(
            [
                ("partner_id", "=", access.partner_id.id),
                ("company_id", "=", access.company_id.id),
                ("sent_datetime", "=", last.sent_datetime),
            ]
        )

    def _dunning_prepare_page_values(self, access, **kwargs):
        """Return the values of the reminder page of ``access``.

        TO OVERRIDE to add values; the template only lays them out.

        :return: dict with ``access``, ``token``, ``company``, ``partner``,
            ``invoices`` (one dict per invoice: ``invoice``, ``level``,
            ``amount_due``, ``pause``), ``currency`` (when the invoices share
            one, else empty: they are then paid one by one), ``amount_due``,
            ``has_letter``, the values of the answer forms (see
            :meth:`_dunning_prepare_answer_values`) and ``message`` /
            ``error`` (the outcome of the last form sent)
        """
        invoices = self._dunning_get_invoices(access)
        currency = invoices.currency_id if len(invoices.currency_id) == 1 else None
        token = access.access_token
        return {
            **self._prepare_portal_layout_values(),
            "page_name": "dunning_reminders",
            "access": access,
            "token": token,
            "base_route": f"/r/{token}",
            "company": access.company_id,
            "partner": access.partner_id,
            "invoices": [
                self._dunning_prepare_invoice_values(invoice) for invoice in invoices
            ],
            "currency": currency,
            "amount_due": currency.round(sum(invoices.mapped("amount_residual")))
            if currency
            else 0.0,
            "can_pay": bool(invoices)
            and bool(
                request.env["payment.provider"]
                .sudo()
                ._get_compatible_providers(
                    access.company_id.id,
                    access.partner_id.id,
                    sum(invoices.mapped("amount_residual")),
                    currency_id=invoices.currency_id[:1].id,
                )
            ),
            "has_letter": bool(self._dunning_get_last_reminders(access)),
            **self._dunning_prepare_answer_values(access, invoices),
            "message": kwargs.get("message"),
            "error": kwargs.get("error"),
        }

    def _dunning_prepare_answer_values(self, access, invoices):
        """Return the values of the page's answer forms: promise to pay,
        payment announced and dispute.

        :return: dict with ``today`` and ``promise_max_date`` (the bounds of
            the forms' dates), ``payment_methods`` (``[(code, label)]``) and
            ``dispute_reasons`` (``dunning.dispute.reason`` records)
        """
        company = access.company_id
        env = request.env
        today = fields.Date.context_today(access)
        return {
            "today": today,
            "promise_max_date": fields.Date.add(
                today, days=company.dunning_promise_max_days
            ),
            "payment_methods": env["dunning.answer"]
            ._fields["payment_method"]
            ._description_selection(env),
            "dispute_reasons": env["dunning.dispute.reason"]
            .sudo()
            .search([("company_id", "in", [False, company.id])]),
        }

    def _dunning_prepare_invoice_values(self, invoice):
        """Return the values of one line of the reminder page.

        TO OVERRIDE to show more columns.

        :param invoice: ``account.move`` record (sudo)
        :return: dict with ``invoice``, ``level`` (reached), ``amount_due``
            and ``pause`` (a text saying why and until when its reminders
            are paused, else empty)
        """
        return {
            "invoice": invoice,
            "level": invoice.dunning_level,
            "amount_due": invoice.amount_residual,
            "pause": invoice.dunning_pause_label or "",
        }

    def _dunning_render_page(self, access, **kwargs):
        values = self._dunning_prepare_page_values(access, **kwargs)
        return request.render("dunning_levels.portal_reminder_page", values)

    @http.route(
        "/r/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def dunning_reminder_page(self, token, answered=None, **kwargs):
        """The customer's reminder page; ``answered`` names the answer just
        recorded, thanked for on the page."""
        access = self._dunning_get_access(token)
        return self._dunning_render_page(
            access, message=self._dunning_get_answer_messages().get(answered)
        )

    @http.route(
        "/r/<string:token>/invoice/<int:move_id>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def dunning_reminder_invoice_pdf(self, token, move_id, **kwargs):
        """The PDF of one invoice the page lists."""
        access = self._dunning_get_access(token)
        invoice = self._dunning_get_invoice(access, move_id)
        return self._show_report(
            model=invoice,
            report_type="pdf",
            report_ref="account.account_invoices",
            download=True,
        )

    @http.route(
        "/r/<string:token>/letter",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def dunning_reminder_letter_pdf(self, token, **kwargs):
        """The PDF of the letter of the last reminder sent to the customer."""
        access = self._dunning_get_access(token)
        reminders = self._dunning_get_last_reminders(access)
        if not reminders:
            raise NotFound()
        attachment = reminders.letter_attachment_id[:1]
        if attachment:
            pdf = attachment.raw
        else:
            pdf = (
                request.env["ir.actions.report"]
                .sudo()
                .with_company(access.company_id)
                ._render_qweb_pdf(
                    "dunning_levels.report_dunning_letter", reminders.ids
                )[0]
            )
        filename = request.env._("Payment reminder.pdf")
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )

    # ------------------------------------------------------------
    # PORTAL USERS
    # ------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        # EXTENDS 'portal'
        values = super()._prepare_home_portal_values(counters)
        if "dunning_reminder_count" in counters:
            values["dunning_reminder_count"] = len(self._dunning_get_user_companies())
        return values

    def _dunning_get_user_companies(self):
        """Return the companies where the logged-in user's commercial partner
        has reminders sent (sudo)."""
        partner = request.env.user.partner_id.commercial_partner_id
        if request.env.user._is_public():
            return request.env["res.company"]
        reminders = (
            request.env["dunning.reminder"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("state", "=", STATE_SENT),
                ]
            )
        )
        return reminders.company_id

    @http.route(
        "/my/reminders",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def dunning_my_reminders(self, **kwargs):
        """The reminder pages of the logged-in customer, one per company
        that sent reminders: the page itself when there is only one."""
        companies = self._dunning_get_user_companies()
        partner = request.env.user.partner_id.commercial_partner_id
        accesses = request.env["dunning.access"]
        for company in companies:
            # Logged in, the customer needs no link: theirs stays valid, for
            # the page's forms.
            accesses._renew(partner, company)
            accesses |= accesses._get_access(partner, company)
        if len(accesses) == 1:
            return self._dunning_render_page(accesses)
        return request.render(
            "dunning_levels.portal_my_reminders",
            {
                **self._prepare_portal_layout_values(),
                "page_name": "dunning_reminders",
                "accesses": accesses,
            },
        )

    # ------------------------------------------------------------
    # PAYMENT
    # ------------------------------------------------------------

    def _dunning_get_invoices_to_pay(self, access, move_id=None):
        """Return the invoices a payment from the page of ``access`` settles:
        ``move_id`` alone, else all the listed invoices, which must then
        share one currency.

        :raise NotFound: for an invoice the page does not list, or when
            there is nothing to pay
        """
        if move_id:
            return self._dunning_get_invoice(access, move_id)
        invoices = self._dunning_get_invoices(access)
        if not invoices or len(invoices.currency_id) != 1:
            raise NotFound()
        return invoices

    def _dunning_get_payment_reference(self, invoices):
        if len(invoices) == 1:
            return invoices.name
        return invoices.company_id.get_next_batch_payment_communication()

    @http.route(
        [
            "/r/<string:token>/pay",
            "/r/<string:token>/pay/<int:move_id>",
        ],
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def dunning_reminder_pay(self, token, move_id=None, **kwargs):
        """The payment form of one invoice of the page, or of all."""
        access = self._dunning_get_access(token)
        invoices = self._dunning_get_invoices_to_pay(access, move_id=move_id)
        currency = invoices.currency_id
        amount = currency.round(sum(invoices.mapped("amount_residual")))
        reference = ", ".join(invoices.mapped("name"))
        transaction_route = f"/r/{token}/transaction"
        if move_id:
            transaction_route += f"/{move_id}"
        values = {
            **self._prepare_portal_layout_values(),
            "page_name": "dunning_reminders",
            "access": access,
            "token": token,
            "invoices": invoices,
            "amount": amount,
            "reference": reference,
            **self._get_common_page_view_values(
                invoices_data={
                    "partner": access.partner_id,
                    "company": access.company_id,
                    "total_amount": amount,
                    "currency": currency,
                    "amount_residual": amount,
                    "landing_route": f"/r/{token}",
                    "transaction_route": transaction_route,
                },
            ),
        }
        return request.render("dunning_levels.portal_reminder_payment_page", values)

    @http.route(
        [
            "/r/<string:token>/transaction",
            "/r/<string:token>/transaction/<int:move_id>",
        ],
        type="json",
        auth="public",
    )
    def dunning_reminder_transaction(
        self, token, move_id=None, access_token=None, **kwargs
    ):
        """Create the transaction of a payment from the reminder page and
        return its processing values.

        The amount is the invoices' amount due, whatever the browser says.
        """
        access = self._dunning_get_access(token)
        invoices = self._dunning_get_invoices_to_pay(access, move_id=move_id)
        self._validate_transaction_kwargs(kwargs)
        user = request.env.user
        partner = user.partner_id if not user._is_public() else access.partner_id
        if not self._can_partner_pay_in_company(partner, access.company_id):
            raise ValidationError(
                request.env._("You cannot pay these invoices from this account.")
            )
        kwargs["amount"] = invoices.currency_id.round(
            sum(invoices.mapped("amount_residual"))
        )
        return self._process_transaction(
            partner.id,
            invoices.currency_id.id,
            invoices.ids,
            self._dunning_get_payment_reference(invoices),
            **kwargs,
        )

    # ------------------------------------------------------------
    # ANSWERS
    # ------------------------------------------------------------

    def _dunning_get_answer_messages(self):
        """Return the thanks of the page for each kind of answer recorded."""
        return {
            ANSWER_PROMISE: request.env._(
                "Thank you, your promise to pay is recorded. We will not send "
                "you reminders about these invoices until that date."
            ),
            ANSWER_PAYMENT: request.env._(
                "Thank you, your payment is recorded. We will check it and will "
                "not send you reminders about these invoices in the meantime."
            ),
            ANSWER_DISPUTE: request.env._(
                "Thank you, your dispute is recorded. We will come back to you "
                "and will not send you reminders about this invoice until then."
            ),
        }

    def _dunning_get_form_invoices(self, access, field="invoice_ids"):
        """Return the invoices of the page ticked in the posted form.

        :raise NotFound: for an invoice the page does not list
        """
        ids = []
        for value in request.httprequest.form.getlist(field):
            if not value.isdigit():
                raise NotFound()
            ids.append(int(value))
        invoices = self._dunning_get_invoices(access)
        selected = invoices.filtered(lambda move: move.id in ids)
        if len(selected) != len(set(ids)):
            raise NotFound()
        return selected

    def _dunning_get_form_files(self, field="proof"):
        """Return the files posted in ``field``, as ``[(name, raw bytes)]``."""
        return [
            (upload.filename, upload.read())
            for upload in request.httprequest.files.getlist(field)
            if upload.filename
        ]

    def _dunning_answer(self, token, kind, record):
        """Record an answer of the page's customer and show the outcome.

        :param str kind: ``promise``, ``payment`` or ``dispute``
        :param record: function of the access recording the answer through
            the ``account.move`` answers' API, in sudo mode
        :return: a redirection to the page thanking for the answer, or the
            page with the API's error; nothing is stored then
        """
        access = self._dunning_get_access(token)
        try:
            with request.env.cr.savepoint():
                record(access)
        except UserError as error:
            return self._dunning_render_page(access, error=error.args[0])
        return request.redirect(f"/r/{token}?answered={kind}")

    def _dunning_get_author(self, access):
        """Return who answers: the logged-in customer's contact, else the
        customer."""
        user = request.env.user
        if not user._is_public() and (
            user.partner_id.commercial_partner_id == access.partner_id
        ):
            return user.partner_id
        return access.partner_id

    @http.route(
        "/r/<string:token>/promise",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def dunning_reminder_promise(self, token, date_promised=None, message=None, **kw):
        """Promise to pay the ticked invoices by a date."""

        def record(access):
            self._dunning_get_form_invoices(access)._dunning_promise_to_pay(
                date_promised, message=message, author=self._dunning_get_author(access)
            )

        return self._dunning_answer(token, ANSWER_PROMISE, record)

    @http.route(
        "/r/<string:token>/payment",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
        max_content_length=MAX_ANSWER_FORM_SIZE,
    )
    def dunning_reminder_payment(
        self,
        token,
        payment_date=None,
        amount=None,
        method=None,
        message=None,
        **kw,
    ):
        """Announce the payment of the ticked invoices, with an optional
        proof. A body over ``MAX_ANSWER_FORM_SIZE`` is refused (413) before
        it is read."""

        def record(access):
            self._dunning_get_form_invoices(access)._dunning_announce_payment(
                payment_date,
                amount,
                method,
                message=message,
                files=self._dunning_get_form_files(),
                author=self._dunning_get_author(access),
            )

        return self._dunning_answer(token, ANSWER_PAYMENT, record)

    @http.route(
        "/r/<string:token>/dispute",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
        max_content_length=MAX_ANSWER_FORM_SIZE,
    )
    def dunning_reminder_dispute(self, token, reason_id=None, message=None, **kw):
        """Dispute one invoice, for a reason of the list, with an optional
        file."""

        def record(access):
            reason = request.env["dunning.dispute.reason"].sudo()
            if reason_id and str(reason_id).isdigit():
                reason = reason.browse(int(reason_id))
            self._dunning_get_form_invoices(
                access, field="invoice_id"
            )._dunning_open_dispute(
                reason,
                message=message,
                files=self._dunning_get_form_files(),
                author=self._dunning_get_author(access),
            )

        return self._dunning_answer(token, ANSWER_DISPUTE, record)
