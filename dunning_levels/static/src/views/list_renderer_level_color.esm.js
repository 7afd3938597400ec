/* Copyright 2026 The dunning_levels Authors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl) */
import {ListRenderer} from "@web/views/list/list_renderer";
import {patch} from "@web/core/utils/patch";

/**
 * Name of the Integer field holding a row's colour index: a list showing it
 * (column_invisible is enough) colours each row with its record's reminder
 * level colour. List decorations are fixed classes, hence this patch.
 */
export const LEVEL_COLOR_FIELD = "dunning_level_color";

patch(ListRenderer.prototype, {
    getRowClass(record) {
        const classNames = super.getRowClass(record);
        const color = record.data[LEVEL_COLOR_FIELD];
        return color ? `${classNames} o_dunning_row_color_${color}` : classNames;
    },
});
