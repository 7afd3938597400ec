# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [level, batch size].
# The company sends on the job queue (dunning_levels_queue_job), in batches
# of ARGS[1] reminders; the administrator sends every reminder of that level
# by email with the mass sending wizard, in the background: its batches are
# queued, nothing is sent yet. RESULT: [sending id, reminders, batches].
level, batch_size = ARGS
admin = env.ref("base.user_admin")
admin.company_id.write(
    {"dunning_send_on_job_queue": True, "dunning_send_background_threshold": 1}
)
env["ir.config_parameter"].set_param("dunning_levels_queue_job.batch_size", batch_size)
reminders = (
    env["dunning.reminder"]
    .with_user(admin)
    .search([("state", "=", "draft"), ("level", "=", level)])
)
wizard = (
    env["dunning.send"]
    .with_user(admin)
    .with_context(active_model="dunning.reminder", active_ids=reminders.ids)
    .create({"use_email": True})
)
action = wizard.action_send()
job = env["dunning.send.job"].browse(action["res_id"])
env.cr.commit()
print("RESULT", [job.id, len(reminders), len(job.sudo().queue_batch_ids)])
