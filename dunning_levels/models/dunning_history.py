# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.tools import SQL

from ..const import (
    ACTION_CALLED,
    ACTION_CANCELLED,
    ACTION_CLOSED,
    ACTION_COURTESY,
    ACTION_DISPUTE_CREDITED,
    ACTION_DISPUTE_OPENED,
    ACTION_DISPUTE_RESOLVED,
    ACTION_FAILED,
    ACTION_GENERATED,
    ACTION_LEVEL_CHANGED,
    ACTION_MARKED_SENT,
    ACTION_OTHER,
    ACTION_PAYMENT_ANNOUNCED,
    ACTION_PAYMENT_EXPIRED,
    ACTION_PROMISE,
    ACTION_PROMISE_BROKEN,
    ACTION_PROMISE_KEPT,
    ACTION_SENT,
)


class DunningHistory(models.Model):
    _name = "dunning.history"
    _description = "Payment Reminder History"
    _order = "date desc, id desc"
    _check_company_auto = True

    date = fields.Datetime(
        string="Date and Time",
        required=True,
        readonly=True,
        default=fields.Datetime.now,
        index=True,
    )
    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Invoice",
        required=True,
        readonly=True,
        index=True,
        # Not "cascade": the database would delete the evidence behind the
        # ORM's back; account.move.unlink deletes what may go.
        ondelete="restrict",
        check_company=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=True,
        index=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="move_id.company_id",
        store=True,
        index=True,
    )
    reminder_id = fields.Many2one(
        comodel_name="dunning.reminder",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
    )
    level = fields.Integer(readonly=True, aggregator=False)
    channel = fields.Selection(
        selection=lambda self: list(
            self.env["dunning.reminder"]._get_channel_labels().items()
        ),
        readonly=True,
    )
    action = fields.Selection(
        selection=[
            (ACTION_GENERATED, "Generated"),
            (ACTION_SENT, "Sent"),
            (ACTION_MARKED_SENT, "Marked as sent"),
            (ACTION_CALLED, "Called"),
            (ACTION_LEVEL_CHANGED, "Level changed by hand"),
            (ACTION_CLOSED, "Closed"),
            (ACTION_CANCELLED, "Cancelled"),
            (ACTION_FAILED, "Failed"),
            (ACTION_COURTESY, "Courtesy notice"),
            (ACTION_PROMISE, "Promise to pay"),
            (ACTION_PROMISE_KEPT, "Promise kept"),
            (ACTION_PROMISE_BROKEN, "Promise broken"),
            (ACTION_PAYMENT_ANNOUNCED, "Payment announced"),
            (ACTION_PAYMENT_EXPIRED, "Payment announced, not received"),
            (ACTION_DISPUTE_OPENED, "Dispute opened"),
            (ACTION_DISPUTE_RESOLVED, "Dispute resolved"),
            (ACTION_DISPUTE_CREDITED, "Dispute closed by a credit note"),
            # What an uninstalled addon's actions become (see _forget_actions).
            (ACTION_OTHER, "Other"),
        ],
        required=True,
        readonly=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    note = fields.Text(readonly=True)

    @api.depends("move_id")
    def _compute_partner_id(self):
        # Stored once: the customer at the time of the event.
        for line in self:
            line.partner_id = line.move_id.commercial_partner_id

    @api.model
    def _forget_channels(self, channels):
        """Empty the channel of the history lines of ``channels``, writing it
        at the head of their note instead.

        Called by a channel addon's uninstall hook: once it is gone, the field
        offers these channels no more, while the history must still tell how
        each reminder was sent.

        :param list channels: values of the ``channel`` selection
        """
        labels = self.env["dunning.reminder"]._get_channel_labels()
        for channel in channels:
            self._forget_value(
                "channel",
                channel,
                None,
                self.env._(
                    "Channel: %(channel)s (addon uninstalled)",
                    channel=labels.get(channel, channel),
                ),
            )

    @api.model
    def _forget_actions(self, actions):
        """Turn the history lines of ``actions`` into ``other`` lines, writing
        the action at the head of their note instead.

        Called by the uninstall hook of an addon adding actions: once it is
        gone, the field offers these actions no more, while the history must
        keep its lines and still tell what happened.

        :param list actions: values of the ``action`` selection
        """
        labels = dict(self._fields["action"]._description_selection(self.env))
        for action in actions:
            self._forget_value(
                "action",
                action,
                ACTION_OTHER,
                self.env._(
                    "Action: %(action)s (addon uninstalled)",
                    action=labels.get(action, action),
                ),
            )

    @api.model
    def _forget_value(self, fname, value, replacement, text):
        """Replace ``value`` of the selection ``fname`` by ``replacement`` in
        every history line, and write ``text`` at the head of their note.

        Called by uninstall hooks: one query per value, whatever the number
        of lines.
        """
        self.flush_model([fname, "note"])
        self.env.cr.execute(
            SQL(
                "UPDATE dunning_history SET %s = %s,"
                " note = concat_ws(E'\\n', %s, note) WHERE %s = %s",
                SQL.identifier(fname),
                replacement,
                text,
                SQL.identifier(fname),
                value,
            )
        )
        self.invalidate_model([fname, "note"])
