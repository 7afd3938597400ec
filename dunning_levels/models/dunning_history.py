# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.tools import SQL


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
        selection=lambda self: (
            self.env["dunning.reminder"]
            ._fields["channel"]
            ._description_selection(self.env)
        ),
        readonly=True,
    )
    action = fields.Selection(
        selection=[
            ("generated", "Generated"),
            ("sent", "Sent"),
            ("marked_sent", "Marked as sent"),
            ("called", "Called"),
            ("level_changed", "Level changed by hand"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
            ("failed", "Failed"),
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
        labels = dict(self._fields["channel"]._description_selection(self.env))
        self.flush_model(["channel", "note"])
        for channel in channels:
            text = self.env._(
                "Channel: %(channel)s (addon uninstalled)",
                channel=labels.get(channel, channel),
            )
            self.env.cr.execute(
                SQL(
                    "UPDATE dunning_history SET channel = NULL,"
                    " note = concat_ws(E'\\n', %s, note) WHERE channel = %s",
                    text,
                    channel,
                )
            )
        self.invalidate_model(["channel", "note"])
