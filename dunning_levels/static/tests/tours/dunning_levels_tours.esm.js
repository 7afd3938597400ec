/* Copyright 2026 The dunning_levels Authors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl) */
import {registry} from "@web/core/registry";
import {rpc} from "@web/core/network/rpc";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const tours = registry.category("web_tour.tours");

/**
 * Open a menu of Invoicing > Customers.
 *
 * @param {String} menuXmlid xmlid of the menu item
 * @returns {Array} tour steps
 */
function openCustomersMenu(menuXmlid) {
    return [
        {
            content: "Open the Customers menu",
            trigger:
                ".o_main_navbar [data-menu-xmlid='account.menu_finance_receivables']",
            run: "click",
        },
        {
            content: "Open the menu item",
            trigger: `.dropdown-item[data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
    ];
}

/*
 * The morning of the person in charge of reminders: the reminders generated
 * overnight, those of level 1 sent by email and printed as letters at once,
 * then the history.
 */
tours.add("dunning_levels_morning", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("account.menu_finance", "Open Invoicing"),
        ...openCustomersMenu("dunning_levels.dunning_reminder_menu"),
        {
            content: "The level 2 reminder is among those to send",
            trigger:
                ".o_list_view .o_data_row td[name=partner_id]:contains(Garage Martin)",
        },
        {
            content: "Open the filters",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Keep the level 1 reminders only",
            trigger: ".o_filter_menu .o_menu_item:contains(Level 1)",
            run: "click",
        },
        {
            trigger: ".o_searchview_facet:contains(Level 1)",
        },
        {
            content: "The level 2 reminder left the list",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Garage Martin)))",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Boulangerie Leroy)",
        },
        {
            content: "Select all the level 1 reminders",
            trigger: ".o_list_view thead .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Send them",
            trigger: ".o_control_panel button[name=action_send]",
            run: "click",
        },
        {
            content: "The preview counts three invoices of three customers by email",
            trigger:
                ".modal div[name=preview_html] tr:contains(Email):has(td:nth-child(3):contains(3)):has(td:nth-child(4):contains(3))",
        },
        {
            content: "Print the letters as well",
            trigger: ".modal div[name=use_letter] input",
            run: "check",
        },
        {
            content: "The preview now lists the letters",
            trigger: ".modal div[name=preview_html] tr:contains(Printed letter)",
        },
        {
            trigger: ".modal footer button[name=action_send]",
            run: "click",
        },
        {
            content: "The summary tells what was sent",
            trigger:
                ".modal div[name=summary_html]:contains('3 reminder(s) sent, 0 failure(s).')",
        },
        {
            trigger: ".modal div[name=summary_html] li:contains('Printed letter: 3')",
        },
        {
            content: "The letters can be downloaded",
            trigger: ".modal footer button[name=action_download_letters]",
        },
        {
            trigger: ".modal footer button:contains(Close)",
            run: "click",
        },
        {
            content: "Nothing is left to send at level 1",
            trigger: "body:not(:has(.modal)) .o_list_view:not(:has(.o_data_row))",
        },
        ...openCustomersMenu("dunning_levels.dunning_history_menu"),
        {
            content: "The history shows the email and the letter",
            trigger:
                ".o_list_view .o_data_row:contains(Boulangerie Leroy):has(td[name=channel]:contains(Email))",
        },
        {
            trigger:
                ".o_list_view .o_data_row:contains(Boulangerie Leroy):has(td[name=channel]:contains(Printed letter))",
        },
    ],
});

/*
 * An invoice that must not be reminded any more (a dispute, a payment plan):
 * unticking "To be reminded" on it takes its reminder out of the list.
 */
tours.add("dunning_levels_not_to_remind", {
    url: "/odoo/action-dunning_levels.dunning_reminder_action",
    steps: () => [
        {
            trigger: ".o_list_view .o_data_row:contains(Boulangerie Leroy)",
        },
        {
            content: "Open the invoice of the reminder",
            trigger:
                ".o_list_view .o_data_row:contains(Boulangerie Leroy) button[name=action_open_invoice]",
            run: "click",
        },
        {
            content: "Open the Payment Reminders tab",
            trigger: ".o_form_view .o_notebook a[name=dunning]",
            run: "click",
        },
        {
            content: "Untick To be reminded",
            trigger: ".o_form_view div[name=dunning_to_remind] input:checked",
            run: "click",
        },
        {
            content: "Saved at once: the reminder shows as cancelled on the invoice",
            trigger:
                ".o_form_view div[name=dunning_reminder_ids] .o_data_row:contains(Cancelled)",
        },
        {
            content: "Back to the reminders",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Payment Reminders)",
            run: "click",
        },
        {
            content: "The reminder left the list, the other one stays",
            trigger:
                ".o_list_view:has(.o_data_row:contains(Garage Martin)):not(:has(.o_data_row:contains(Boulangerie Leroy)))",
        },
    ],
});

/*
 * The accounting manager makes the second reminder wait longer and stops
 * sending formal notices.
 */
tours.add("dunning_levels_level_configuration", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("account.menu_finance", "Open Invoicing"),
        {
            content: "Open the Configuration menu",
            trigger:
                ".o_main_navbar [data-menu-xmlid='account.menu_finance_configuration']",
            run: "click",
        },
        {
            trigger:
                ".dropdown-item[data-menu-xmlid='dunning_levels.dunning_level_menu']",
            run: "click",
        },
        {
            content: "Open the second level",
            trigger: ".o_list_view .o_data_row td[name=level]:contains(2)",
            run: "click",
        },
        {
            content: "Change its delay",
            trigger: ".o_form_view div[name=delay_days] input",
            run: "edit 35",
        },
        ...stepUtils.saveForm(),
        {
            trigger: ".o_breadcrumb li.breadcrumb-item a",
            run: "click",
        },
        {
            content: "The new delay shows in the list",
            trigger:
                ".o_list_view .o_data_row:has(td[name=level]:contains(2)) td[name=delay_days]:contains(35)",
        },
        {
            content: "Disable the formal notice",
            trigger:
                ".o_list_view .o_data_row:has(td[name=level]:contains(3)) div[name=active] input:checked",
            run: "click",
        },
        {
            content: "The formal notice shows as archived",
            trigger:
                ".o_list_view .o_data_row.text-muted:has(td[name=level]:contains(3)) div[name=active] input:not(:checked)",
        },
    ],
});

/*
 * A background sending's form follows the sending by itself: when the
 * sending ends elsewhere (here, cancelled by a call the form does not make),
 * the form shows it without being reloaded by hand.
 */
tours.add("dunning_levels_send_job_refresh", {
    steps: () => [
        {
            content: "The sending waits for the scheduled action",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains(Waiting)",
        },
        {
            content: "The sending is cancelled outside this form",
            trigger: ".o_form_view .o_form_readonly, .o_form_view .o_form_saved",
            async run() {
                const jobId = Number(window.location.pathname.split("/").pop());
                await rpc("/web/dataset/call_kw/dunning.send.job/action_cancel", {
                    model: "dunning.send.job",
                    method: "action_cancel",
                    args: [[jobId]],
                    kwargs: {},
                });
                // Tests do not send PostgreSQL's NOTIFY that wakes the bus up
                // at commit: ask the bus to fetch what it missed, as it does
                // when it reconnects.
                odoo.__WOWL_DEBUG__.root.env.services.bus_service.forceUpdateChannels();
            },
        },
        {
            content: "The form shows the end of the sending by itself",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains(Cancelled)",
        },
        {
            content: "with its summary",
            trigger: ".o_field_widget[name=summary_html]:contains(Sending cancelled)",
        },
    ],
});
