# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging

_logger = logging.getLogger(__name__)


def uninstall_hook(env):
    """Give the unfinished sendings on the job queue back to the scheduled
    action: the batches sent are counted on their sending, the jobs still to
    run are cancelled (their methods go with this addon), and the scheduled
    action sends the reminders not processed yet. Nothing is lost, nothing
    is sent twice (the reminders sent are no longer to send)."""
    jobs = (
        env["dunning.send.job"]
        .sudo()
        .search(
            [("state", "in", ("pending", "running")), ("queue_batch_ids", "!=", False)]
        )
    )
    jobs._tally_batches()
    queue_jobs = (
        env["queue.job"]
        .sudo()
        .search(
            [
                ("model_name", "in", ("dunning.send.job", "dunning.send.job.batch")),
                ("state", "in", ("wait_dependencies", "pending", "enqueued", "failed")),
            ]
        )
    )
    queue_jobs.button_cancelled()
    _logger.info(
        "%s unfinished background sending(s) given back to the scheduled "
        "action, %s queued job(s) cancelled",
        len(jobs),
        len(queue_jobs),
    )
    if jobs:
        env.ref("dunning_levels.ir_cron_dunning_send_job").sudo()._trigger()
