/* Copyright 2026 The dunning_levels Authors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl) */
import {registry} from "@web/core/registry";
import saleTourUtils from "@sale/js/tours/tour_utils";

/*
 * A salesperson starts a quotation for a customer under payment reminders:
 * the warning shows as soon as the customer is picked, confirming is refused
 * (the company blocks from level 2) until the override is ticked.
 */
registry.category("web_tour.tours").add("dunning_levels_sale_warning", {
    // The Sales app menu comes with sale_management, not a dependency here.
    url: "/odoo/action-sale.action_quotations_with_onboarding",
    steps: () => [
        ...saleTourUtils.createNewSalesOrder(),
        {
            content: "No warning before a customer is picked",
            trigger:
                ".o_form_view .o_form_sheet_bg:not(:has(div[name=dunning_warning]))",
        },
        ...saleTourUtils.selectCustomer("Boulangerie Leroy"),
        {
            content: "The warning tells the level and what is overdue",
            trigger:
                ".o_form_view div[name=dunning_warning]:contains('Boulangerie Leroy has open payment reminders: level 2 (Second reminder), 2 overdue invoice(s)')",
        },
        {
            content: "The company blocks confirming from level 2",
            trigger:
                ".o_form_view div[name=dunning_block]:contains(only an accounting manager can confirm)",
        },
        {
            content: "Add a line",
            trigger: ".o_form_view div[name=order_line] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger:
                ".o_form_view div[name=order_line] .o_selected_row div[name=product_template_id] input",
            run: "edit product_a",
        },
        {
            trigger:
                ".o-autocomplete--dropdown-menu .dropdown-item:contains(product_a)",
            run: "click",
        },
        {
            content: "The line is priced",
            trigger:
                ".o_form_view div[name=order_line] .o_data_row td[name=price_subtotal]:contains(1,000.00)",
        },
        {
            content: "Try to confirm",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Refused, with the reason",
            trigger: ".modal .modal-body:contains(which blocks confirming)",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Tick the override",
            trigger:
                "body:not(:has(.modal)) .o_form_view div[name=dunning_override] input",
            run: "check",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The quotation became a sales order",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Sales Order)",
        },
        {
            content: "The warning stays on the order",
            trigger: ".o_form_view div[name=dunning_warning]:contains(level 2)",
        },
    ],
});
