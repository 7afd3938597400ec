/* Copyright 2026 The dunning_levels Authors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl) */
import {onWillUnmount} from "@odoo/owl";
import {FormController} from "@web/views/form/form_controller";
import {formView} from "@web/views/form/form_view";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

/**
 * The form of a background sending reloads by itself while the sending runs:
 * each batch (dunning.send.job._notify_progress) tells its user's browser
 * tabs through Odoo's bus.
 */
export class DunningSendJobFormController extends FormController {
    setup() {
        super.setup();
        const busService = useService("bus_service");
        const onProgress = ({id}) => {
            const record = this.model.root;
            if (id === record.resId && !record.isNew) {
                record.load();
            }
        };
        busService.subscribe("dunning_levels.send_job_progress", onProgress);
        onWillUnmount(() =>
            busService.unsubscribe("dunning_levels.send_job_progress", onProgress)
        );
    }
}

registry.category("views").add("dunning_send_job_form", {
    ...formView,
    Controller: DunningSendJobFormController,
});
