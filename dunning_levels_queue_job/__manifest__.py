# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
{
    "name": "Payment Reminders on the Job Queue",
    "summary": "Send payment reminders in the background on queue_job, in "
    "parallel over several workers and servers",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "The dunning_levels Authors",
    "maintainers": ["dunning-levels"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["dunning_levels", "queue_job"],
    "data": [
        # security
        "security/dunning_levels_queue_job_security.xml",
        "security/ir.model.access.csv",
        # data
        "data/queue_job_channel_data.xml",
        "data/queue_job_function_data.xml",
        # views
        "views/res_config_settings_views.xml",
    ],
    "uninstall_hook": "uninstall_hook",
    "auto_install": True,
}
