/* Copyright 2026 The dunning_levels Authors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl) */
import {Component} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

/**
 * A read-only icon shown when the field is set, its text on hover: the text
 * of a Char field (the last call's comment), the label of a Boolean one.
 * Unlike Odoo's boolean_icon, it is not a button and never writes.
 */
export class DunningIndicatorField extends Component {
    static template = "dunning_levels.DunningIndicatorField";
    static props = {
        ...standardFieldProps,
        icon: {type: String, optional: true},
        label: {type: String, optional: true},
    };
    static defaultProps = {icon: "fa-info-circle"};

    get value() {
        return this.props.record.data[this.props.name];
    }

    get tooltip() {
        return typeof this.value === "string" ? this.value : this.props.label;
    }
}

registry.category("fields").add("dunning_indicator", {
    component: DunningIndicatorField,
    supportedTypes: ["boolean", "char"],
    extractProps: ({options, string}) => ({icon: options.icon, label: string}),
});
