/* Copyright 2026 The dunning_levels Authors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl) */
import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

/*
 * A reminder posted as a letter through Maileva from the sending wizard,
 * then found among the Maileva letters, queued for the scheduled action.
 */
tours.add("dunning_levels_maileva_send", {
    url: "/odoo/action-dunning_levels.dunning_reminder_action",
    steps: () => [
        {
            content: "Select the reminder of Boulangerie Leroy",
            trigger:
                ".o_list_view .o_data_row:contains(Boulangerie Leroy) .o_list_record_selector input",
            run: "click",
        },
        {
            trigger: ".o_control_panel button[name=action_send]",
            run: "click",
        },
        {
            content: "No email this time",
            trigger: ".modal div[name=use_email] input",
            run: "uncheck",
        },
        {
            content: "Post it through Maileva",
            trigger: ".modal div[name=use_maileva] input",
            run: "check",
        },
        {
            content: "The preview lists one Maileva letter",
            trigger:
                ".modal div[name=preview_html] tr:contains(Maileva letter):has(td:nth-child(3):contains(1))",
        },
        {
            trigger: ".modal div[name=preview_html]:not(:has(tr:contains(Email)))",
        },
        {
            trigger: ".modal footer button[name=action_send]",
            run: "click",
        },
        {
            content: "The letter is handed to Maileva",
            trigger:
                ".modal div[name=summary_html]:contains('1 reminder(s) handed to Maileva:')",
        },
        {
            trigger: ".modal footer button:contains(Close)",
            run: "click",
        },
        {
            content: "Open the Customers menu",
            trigger:
                "body:not(:has(.modal)) .o_main_navbar [data-menu-xmlid='account.menu_finance_receivables']",
            run: "click",
        },
        {
            trigger:
                ".dropdown-item[data-menu-xmlid='dunning_levels_maileva.maileva_sending_menu']",
            run: "click",
        },
        {
            content: "The letter is queued",
            trigger:
                ".o_list_view .o_data_row:contains(Boulangerie Leroy) td[name=state]:contains(Queued)",
        },
    ],
});

/*
 * Later, the letter's status is read again from Maileva: it was posted.
 */
tours.add("dunning_levels_maileva_status", {
    url: "/odoo/action-dunning_levels_maileva.maileva_sending_action",
    steps: () => [
        {
            content: "Open the letter",
            trigger:
                ".o_list_view .o_data_row:contains(Boulangerie Leroy) td[name=partner_id]",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Submitted)",
        },
        {
            content: "Ask Maileva for its status",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name=action_refresh_status]",
            run: "click",
        },
        {
            content: "Maileva posted it",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Posted)",
        },
        {
            trigger: ".o_form_view div[name=maileva_status]:contains(PROCESSED)",
        },
    ],
});
