# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
{
    "name": "Payment Reminders: French Legal Layer",
    "summary": "French late-payment penalties, 40 EUR indemnity, formal notice, "
    "recovery file and prescription for payment reminders",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "The dunning_levels Authors",
    "maintainers": ["dunning-levels"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["dunning_levels"],
    "data": [
        # security
        "security/ir.model.access.csv",
        # data
        "data/dunning_rate_data.xml",
        "data/product_product_data.xml",
        # views
        "views/dunning_rate_views.xml",
        "views/dunning_level_views.xml",
        "views/account_move_views.xml",
        "views/dunning_reminder_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        # report
        "report/dunning_reminder_templates.xml",
        "report/res_partner_templates.xml",
        "report/dunning_fr_templates.xml",
        "report/dunning_fr_reports.xml",
        # menus
        "views/dunning_levels_fr_menus.xml",
    ],
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
}
