/* Copyright 2026 The dunning_levels Authors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl) */
import {DunningReminderListRenderer} from "@dunning_levels/views/dunning_reminder_dashboard.esm";
import {ListController} from "@web/views/list/list_controller";
import {listView} from "@web/views/list/list_view";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

/**
 * The payment reminders' workspace: a "Print Table" button prints the list
 * as displayed, its search, grouping and selected rows, as a PDF table with
 * totals (dunning.reminder.action_print_table). Its renderer shows the
 * dashboard above the rows (dunning_reminder_dashboard.esm.js).
 */
export class DunningReminderListController extends ListController {
    setup() {
        super.setup();
        this.orm = useService("orm");
    }

    async onClickPrintTable() {
        const root = this.model.root;
        const ids = root.isDomainSelected
            ? []
            : root.selection.map((record) => record.resId);
        const action = await this.orm.call(
            "dunning.reminder",
            "action_print_table",
            [],
            {domain: this.props.domain, group_by: this.props.groupBy, ids},
            {context: this.props.context}
        );
        await this.actionService.doAction(action);
    }
}

registry.category("views").add("dunning_reminder_list", {
    ...listView,
    Controller: DunningReminderListController,
    Renderer: DunningReminderListRenderer,
    buttonTemplate: "dunning_levels.DunningReminderListView.Buttons",
});
