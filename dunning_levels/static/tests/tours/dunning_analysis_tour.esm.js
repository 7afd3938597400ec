/* Copyright 2026 The dunning_levels Authors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl) */
import {registry} from "@web/core/registry";

const FIGURE = (name) => `.o_dunning_dashboard_figure[data-figure=${name}]`;

/*
 * The workspace's dashboard: its level 2 figure opens the overdue invoices
 * at level 2, whose pivot shows them by customer and by age.
 */
registry.category("web_tour.tours").add("dunning_levels_analysis", {
    url: "/odoo/action-dunning_levels.dunning_reminder_action",
    steps: () => [
        {
            content: "The dashboard shows the amount overdue at level 2",
            trigger: `${FIGURE("overdue_2")}:contains(450.00)`,
        },
        {
            content: "One reminder to send",
            trigger: `${FIGURE("to_send")}:contains(1)`,
        },
        {
            content: "The print button is still there",
            trigger: ".o_dunning_print_table",
        },
        {
            content: "Open the amount overdue at level 2",
            trigger: FIGURE("overdue_2"),
            run: "click",
        },
        {
            content: "The list of the overdue installments at level 2",
            trigger:
                ".o_list_view .o_data_row:has(td[name=partner_id]:contains(Garage Martin))",
        },
        {
            content: "Only them",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Boulangerie Leroy)))",
        },
        {
            content: "Switch to the pivot",
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "The pivot shows the customer in rows",
            trigger: ".o_pivot .o_pivot_header_cell_closed:contains(Garage Martin)",
        },
        {
            content: "The buckets are its columns",
            trigger: ".o_pivot .o_pivot_measure_row:contains(31-60 Days Overdue)",
        },
        {
            content: "and its amount is in the row",
            trigger:
                ".o_pivot tbody tr:has(th:contains(Garage Martin)) td.o_pivot_cell_value:contains(450.00)",
        },
    ],
});
