/* Copyright 2026 The dunning_levels Authors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl) */
import {registry} from "@web/core/registry";

const LEROY_ROW = ".o_data_row:has(td[name=partner_id]:contains(Boulangerie Leroy))";
const GARAGE_ROW = ".o_data_row:has(td[name=partner_id]:contains(Garage Martin))";
const INVOICE_ROW = (customer) =>
    `.o_data_row:has(td[name=invoice_partner_display_name]:contains(${customer}))`;

/*
 * The workspace's rows in the colour of their level, with the last call's
 * comment and the installments' indicator; the list printed grouped by
 * customer, one row selected; the invoices in the colour of their level.
 */
registry.category("web_tour.tours").add("dunning_levels_workspace", {
    url: "/odoo/action-dunning_levels.dunning_reminder_action",
    steps: () => [
        {
            content: "The level 1 row takes level 1's colour",
            trigger: `${LEROY_ROW}.o_dunning_row_color_3`,
        },
        {
            content: "The level 2 row takes level 2's colour",
            trigger: `${GARAGE_ROW}.o_dunning_row_color_2`,
        },
        {
            content: "The last call's comment shows on hover beside the customer",
            trigger: `${LEROY_ROW} td[name=last_call_note] .o_dunning_indicator[title*='Pays on Friday']`,
        },
        {
            content: "Several installments of Leroy's invoice are overdue",
            trigger: `${LEROY_ROW} td[name=installment_label]:contains(1/3) .o_dunning_several_installments`,
        },
        {
            content: "Garage Martin's invoice is due at once",
            trigger: `${GARAGE_ROW} td[name=installment_label]:not(:has(.o_dunning_several_installments))`,
        },
        {
            content: "Open the search options",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Group by customer",
            trigger: ".o_group_by_menu .o_menu_item:contains(Customer)",
            run: "click",
        },
        {
            content: "Open Boulangerie Leroy's group",
            trigger: ".o_group_header:contains(Boulangerie Leroy)",
            run: "click",
        },
        {
            content: "Select its reminder",
            trigger: `${LEROY_ROW} .o_list_record_selector input`,
            run: "click",
        },
        {
            content: "Print the table",
            trigger: ".o_dunning_print_table",
            run: "click",
        },
        {
            content: "The table was printed",
            trigger: "body:not(:has(.o_blockUI))",
        },
        {
            content: "Open the Customers menu",
            trigger:
                ".o_main_navbar [data-menu-xmlid='account.menu_finance_receivables']",
            run: "click",
        },
        {
            content: "Open the invoices",
            trigger:
                ".dropdown-item[data-menu-xmlid='account.menu_action_move_out_invoice_type']",
            run: "click",
        },
        {
            content: "Garage Martin's invoice, reminded at level 1, has its colour",
            trigger: `${INVOICE_ROW("Garage Martin")}.o_dunning_row_color_3`,
        },
        {
            content: "Leroy's invoice, never reminded, has none",
            trigger: `${INVOICE_ROW("Boulangerie Leroy")}:not([class*=o_dunning_row_color])`,
        },
    ],
});
