/* Copyright 2026 The dunning_levels Authors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl) */
import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

/**
 * A reminder's oldest overdue installment (« 2/3 – 05/03/2026 »), followed
 * by a warning icon when several installments of the invoice are overdue
 * (installment_several_overdue).
 */
export class DunningInstallmentField extends Component {
    static template = "dunning_levels.DunningInstallmentField";
    static props = {...standardFieldProps};

    get several() {
        return this.props.record.data.installment_several_overdue;
    }

    get severalLabel() {
        return _t("Several installments of this invoice are overdue");
    }
}

registry.category("fields").add("dunning_installment", {
    component: DunningInstallmentField,
    supportedTypes: ["char"],
    fieldDependencies: [{name: "installment_several_overdue", type: "boolean"}],
});
