# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.dunning_levels.tools import can_commit

from ..tools.maileva_codes import (
    PIPELINE_STATES,
    PRODUCT_REGISTERED,
    SENDING_ACCEPTED,
    SENDING_PROCESSED,
    SENDING_SUBMITTED,
)

CRON_BATCH_SIZE = 50


class MailevaSending(models.Model):
    """The scheduled action talking to Maileva: it picks the sendings due in
    the pipeline and those whose status may change, one transaction and one
    lock each."""

    _inherit = "maileva.sending"

    @api.model
    def _cron_process(self, batch_size=CRON_BATCH_SIZE):
        """Scheduled action: advance up to ``batch_size`` sendings due in the
        pipeline, then read the status of up to ``batch_size`` open ones;
        re-trigger itself for what is left.

        Each sending is handled in a transaction of its own, committed after
        it, and selected with ``FOR UPDATE SKIP LOCKED``: one that another
        transaction holds waits for the next run. As superuser: only the
        model's own methods write its fields.
        """
        sendings = self.sudo()
        # Read before the pipeline runs: a letter submitted in this run has
        # nothing to tell yet.
        open_sendings = sendings.search(
            self._get_open_domain(),
            limit=batch_size + 1,
            order="last_poll_date asc nulls first, id",
        )
        # Each lock below is then the first statement of its transaction.
        self._commit()
        processed = sendings.browse()
        while len(processed) < batch_size:
            sending = sendings._lock_first(
                sendings._get_due_domain() + [("id", "not in", processed.ids)]
            )
            if not sending:
                break
            processed |= sending
            sending._process_one()
            self._commit()
        polled = sendings.browse()
        for sending in open_sendings[:batch_size]:
            if sending._lock_first(self._get_open_domain() + [("id", "=", sending.id)]):
                sending._poll()
                polled |= sending
            self._commit()
        due = sendings.search_count(self._get_due_domain())
        # Due sendings left after a whole batch are the rest of the queue;
        # after a partial one, other transactions hold them: they are tried
        # again in a minute, not in a loop.
        remaining = (due if len(processed) == batch_size else 0) + len(
            open_sendings[batch_size:]
        )
        self.env["ir.cron"]._notify_progress(
            done=len(processed) + len(polled), remaining=remaining
        )
        if remaining:
            self._trigger_cron()
        elif due:
            self._trigger_cron(at=fields.Datetime.now() + timedelta(minutes=1))

    @api.model
    def _get_due_domain(self):
        """Domain of the sendings the pipeline advances now: not submitted
        yet, and due for an attempt."""
        return [
            ("state", "in", PIPELINE_STATES),
            "|",
            ("next_attempt_date", "=", False),
            ("next_attempt_date", "<=", fields.Datetime.now()),
        ]

    @api.model
    def _get_open_domain(self):
        """Domain of the sendings whose status may still change: submitted or
        accepted, and registered letters posted but not yet delivered nor
        returned (a posted simple letter has nothing more to tell)."""
        return [
            ("maileva_sending_id", "!=", False),
            "|",
            ("state", "in", (SENDING_SUBMITTED, SENDING_ACCEPTED)),
            "&",
            ("state", "=", SENDING_PROCESSED),
            ("product", "=", PRODUCT_REGISTERED),
        ]

    @api.model
    def _lock_first(self, domain):
        """Lock, until the end of the transaction, the first sending (by id)
        matching ``domain`` that no other transaction holds (``FOR UPDATE
        SKIP LOCKED``): two runs never work on one sending, and a run never
        waits for another.

        :return: the sending locked, or an empty recordset
        """
        query = self._search(domain, order="id", limit=1)
        rows = self.env.execute_query(SQL("%s FOR UPDATE SKIP LOCKED", query.select()))
        return self.browse([row[0] for row in rows])

    def _commit(self):
        """Commit in the scheduled action, except in tests (see
        ``dunning_levels.tools.can_commit``)."""
        if can_commit(self.env):
            self.env.cr.commit()  # pylint: disable=invalid-commit

    @api.model
    def _trigger_cron(self, at=None):
        """Wake the scheduled action up (at once, or ``at`` a datetime): it
        sends the letters handed over."""
        cron = self.env.ref("dunning_levels_maileva.ir_cron_maileva_process")
        cron.sudo()._trigger(at=at)
