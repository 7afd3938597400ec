# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
{
    "name": "Payment Reminders by SMS",
    "summary": "Send payment reminders by SMS through Odoo's SMS queue",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "The dunning_levels Authors",
    "maintainers": ["dunning-levels"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["dunning_levels", "sms"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        # data
        "data/sms_template_data.xml",
        # views
        "views/dunning_level_views.xml",
        "views/dunning_reminder_views.xml",
        # wizard
        "wizard/dunning_send_views.xml",
    ],
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
}
