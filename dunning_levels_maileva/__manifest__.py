# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
{
    "name": "Payment Reminders by Maileva",
    "summary": "Post payment reminder letters, simple or registered, through Maileva",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "The dunning_levels Authors",
    "maintainers": ["dunning-levels"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["dunning_levels"],
    "uninstall_hook": "uninstall_hook",
    "data": [
        # security
        "security/dunning_levels_maileva_security.xml",
        "security/ir.model.access.csv",
        # data
        "data/ir_cron_data.xml",
        # views
        "views/maileva_sending_views.xml",
        "views/dunning_reminder_views.xml",
        "views/account_move_views.xml",
        "views/res_config_settings_views.xml",
        "views/dunning_level_views.xml",
        # wizard
        "wizard/dunning_send_views.xml",
        # menus
        "views/dunning_levels_maileva_menus.xml",
    ],
    "assets": {
        "web.assets_tests": ["dunning_levels_maileva/static/tests/tours/*.js"],
    },
}
