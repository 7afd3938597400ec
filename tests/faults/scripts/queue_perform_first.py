# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = []. Perform the job of
# the first batch of payment reminders as a queue_job worker does (started,
# performed, done, committed). RESULT: the reminders of that batch.
from odoo.addons.queue_job.job import Job

batch = env["dunning.send.job.batch"].search([], order="id", limit=1)
record = env["queue.job"].search([("identity_key", "=", batch._get_identity_key())])
job = Job.load(env, record.uuid)
job.set_started()
job.store()
job.perform()
job.set_done()
job.store()
env.cr.commit()
print("RESULT", batch.reminder_ids.ids)
