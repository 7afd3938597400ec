/* Copyright 2026 The dunning_levels Authors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl) */
import {registry} from "@web/core/registry";

/**
 * Return the date ``days`` days from today, as a date input takes it.
 *
 * @param {Number} days days from today
 * @returns {String} the date, YYYY-MM-DD
 */
function isoDateIn(days) {
    const date = new Date();
    date.setDate(date.getDate() + days);
    const month = String(date.getMonth() + 1).padStart(2, "0");
    const day = String(date.getDate()).padStart(2, "0");
    return `${date.getFullYear()}-${month}-${day}`;
}

/*
 * The customer opens the link of a reminder email, promises to pay the
 * first invoice in a week, then pays the other one online with the demo
 * provider. The invoices' names come from the test, in the tour's data.
 */
registry.category("web_tour.tours").add("dunning_levels_portal", {
    steps: () => [
        {
            content: "The page lists both overdue invoices",
            trigger: "#dunning_invoices tr[name=invoice_line]:nth-child(2)",
        },
        {
            content: "The promise is about the first invoice only: untick the second",
            trigger: "#dunning_promise_form input[name=invoice_ids]:eq(1)",
            run: "click",
        },
        {
            content: "Promise to pay in a week",
            trigger: "#dunning_promise_form input[name=date_promised]",
            run(helpers) {
                helpers.anchor.value = isoDateIn(7);
            },
        },
        {
            content: "Say why",
            trigger: "#dunning_promise_form textarea[name=message]",
            run: "edit Virement programmé.",
        },
        {
            content: "Send the promise",
            trigger: "#dunning_promise_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The promise is recorded and the first invoice shows it",
            trigger: "#dunning_message:contains(promise to pay is recorded)",
        },
        {
            content: "Pay the other invoice online",
            trigger:
                "#dunning_invoices tr[name=invoice_line]:eq(1) a[name=pay_invoice]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Enter the demo card",
            trigger: "input[name=customer_input]",
            run: "edit 4242424242424242",
        },
        {
            content: "Pay",
            trigger: "button[name=o_payment_submit_button]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back on the page, only the promised invoice is left",
            trigger: "#dunning_invoices tbody:not(:has(tr + tr)) tr:contains(Promise)",
        },
    ],
});
