# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
{
    "name": "Payment Reminders (Dunning Levels)",
    "summary": "Three-level customer payment reminders: levels, letters and emails",
    "version": "18.0.1.1.0",
    "category": "Accounting/Accounting",
    "author": "The dunning_levels Authors",
    "maintainers": ["dunning-levels"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["account", "mail", "portal", "account_payment", "account_qr_code_sepa"],
    "data": [
        # security
        "security/dunning_levels_security.xml",
        "security/ir.model.access.csv",
        # data
        "data/mail_template_data.xml",
        "data/mail_template_courtesy_data.xml",
        "data/ir_cron_data.xml",
        "data/dunning_dispute_reason_data.xml",
        # views
        "views/dunning_level_views.xml",
        "views/dunning_reminder_views.xml",
        "views/dunning_history_views.xml",
        "views/dunning_answer_views.xml",
        "views/dunning_send_job_views.xml",
        "views/dunning_sending_templates.xml",
        "views/account_move_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/dunning_portal_templates.xml",
        # wizard
        "wizard/dunning_set_level_views.xml",
        "wizard/dunning_summary_wizard_views.xml",
        "wizard/dunning_send_views.xml",
        "wizard/dunning_log_call_views.xml",
        "wizard/dunning_print_letter_views.xml",
        "wizard/dunning_record_answer_views.xml",
        # report
        "report/dunning_reminder_reports.xml",
        "report/dunning_reminder_templates.xml",
        "report/res_partner_templates.xml",
        "report/dunning_summary_wizard_templates.xml",
        "report/dunning_reminder_table_templates.xml",
        "report/dunning_payer_history_templates.xml",
        "report/dunning_ageing_report_views.xml",
        "report/dunning_dso_report_views.xml",
        "report/dunning_effectiveness_report_views.xml",
        "report/dunning_ageing_report_reports.xml",
        "report/dunning_ageing_report_templates.xml",
        # menus
        "views/dunning_levels_menus.xml",
    ],
    "demo": ["demo/dunning_levels_demo.xml"],
    "assets": {
        "web.assets_backend": ["dunning_levels/static/src/**/*"],
        "web.assets_tests": ["dunning_levels/static/tests/tours/*.js"],
        "web.report_assets_common": ["dunning_levels/static/src/report/*.scss"],
    },
    "post_init_hook": "post_init_hook",
}
