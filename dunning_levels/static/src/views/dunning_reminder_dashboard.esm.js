/* Copyright 2026 The dunning_levels Authors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl) */
import {Component, onWillStart} from "@odoo/owl";
import {formatFloat, formatMonetary} from "@web/views/fields/formatters";
import {ListRenderer} from "@web/views/list/list_renderer";
import {useService} from "@web/core/utils/hooks";

/**
 * The figures at the top of the reminders' workspace: the amount overdue by
 * level, the reminders to send, what the reminders recovered this month and
 * the median days to payment by level, the customers' answers (promises
 * kept and broken, disputes opened and resolved). One call reads them all
 * (dunning.reminder.get_dashboard_data); each figure opens the list of what
 * it adds up, with the action the server prepared.
 */
export class DunningReminderDashboard extends Component {
    static template = "dunning_levels.DunningReminderDashboard";
    static props = {};

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        onWillStart(async () => {
            this.data = await this.orm.call("dunning.reminder", "get_dashboard_data");
        });
    }

    formatAmount(amount) {
        return formatMonetary(amount, {currencyId: this.data.currency_id});
    }

    formatDays(days) {
        return days === null ? "–" : formatFloat(days, {digits: [16, 1]});
    }

    openFigure(figure) {
        return this.actionService.doAction(figure.action);
    }
}

/**
 * The workspace's list, with the dashboard above its rows.
 */
export class DunningReminderListRenderer extends ListRenderer {
    static template = "dunning_levels.DunningReminderListRenderer";
    static components = {...ListRenderer.components, DunningReminderDashboard};
}
