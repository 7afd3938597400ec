#!/usr/bin/env bash
# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
#
# Export each addon's translation template (i18n/<addon>.pot) from the test
# database, where the suite is installed, and merge it into i18n/fr.po so new
# terms appear (untranslated) and removed ones become obsolete.
# Run `make test` (or setup/test.sh) first so the database is up to date.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

config="$LOCAL/test.conf"
db=${TEST_DB:-dunning_test}
db_exists "$db" || die "database $db not found: run 'make test' first."

for addon in $(suite_addons); do
    mkdir -p "$here/$addon/i18n"
    pot="$here/$addon/i18n/$addon.pot"
    log "exporting $pot"
    "${ODOO_BIN[@]}" -c "$config" -d "$db" --no-http --log-level=warn \
        --i18n-export="$pot" --modules="$addon" --stop-after-init
    po="$here/$addon/i18n/fr.po"
    if [ -f "$po" ]; then
        msgmerge --quiet --update --no-fuzzy-matching --backup=none "$po" "$pot"
    else
        msginit --no-translator --locale=fr_FR --input="$pot" --output-file="$po"
    fi
done
