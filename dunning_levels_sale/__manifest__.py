# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
{
    "name": "Payment Reminders in Sales",
    "summary": "Warn salespeople about customers under payment reminders, "
    "optionally block their orders",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "The dunning_levels Authors",
    "maintainers": ["dunning-levels"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["dunning_levels", "sale"],
    "data": [
        # views
        "views/sale_order_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "assets": {
        "web.assets_tests": ["dunning_levels_sale/static/tests/tours/*.js"],
    },
    "auto_install": True,
}
