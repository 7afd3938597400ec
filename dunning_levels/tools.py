# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Plain helpers of the suite: insertion of many records in one query (for
the morning generation), the commit guard of scheduled actions, the sort of
names."""

import unicodedata

from odoo import modules
from odoo.models import LOG_ACCESS_COLUMNS
from odoo.tools import SQL, config

# Rows per INSERT: large enough that the number of queries does not depend on
# the number of reminders in practice, small enough to bound the memory.
INSERT_CHUNK_SIZE = 10000


def _joined_column(model, field, given):
    """Return ``(many2one, column)`` when ``field`` is a stored field related
    to a stored column of a many2one given to the insert (such as
    ``move_id.company_id``), else ``None``."""
    if not (field.related and field.store and field.column_type):
        return None
    path = field.related.split(".")
    if len(path) != 2 or path[0] not in given:
        return None
    many2one = model._fields[path[0]]
    if many2one.type != "many2one":
        return None
    target = model.env[many2one.comodel_name]._fields[path[1]]
    if not (target.store and target.column_type) or target.translate:
        return None
    if target.company_dependent or target.column_type != field.column_type:
        return None
    return many2one, target.name


def _column_value(model, field, vals):
    """Return the value of ``field`` in ``vals`` as an SQL parameter."""
    value = vals.get(field.name)
    if field.type == "monetary":
        # What convert_to_column_insert does, without a new record per row.
        currency_id = vals.get(field.get_currency_field(model))
        if currency_id:
            currency = model.env["res.currency"].browse(currency_id)
            return currency.round(float(value or 0.0))
    return field.convert_to_column_insert(value, model, vals)


def insert_records(model, vals_list):
    """Create records of ``model`` with one ``INSERT ... SELECT`` per
    :data:`INSERT_CHUNK_SIZE` rows, instead of the ORM's one query per 100
    records and field computations in Python.

    Meant for large batches of plain records, such as generated reminders and
    their history lines:

    - ``vals_list`` gives stored fields with a column (no relational
      commands); the other such fields get their defaults, evaluated once;
    - stored fields related to a column of a given many2one (``partner_id``
      related to ``move_id.commercial_partner_id``) are read by a join in the
      same query; other stored computed fields are marked to compute;
    - the new records are put in cache and the ORM is told they were created
      (dependent fields invalidated or recomputed, Python constraints
      checked), as ``create`` does;
    - access rights are checked on the new records, like ``create``.

    :param model: an empty recordset of the model
    :param list vals_list: values of the records to create
    :return: the new records, in the order of ``vals_list``
    """
    if not vals_list:
        return model.browse()
    model.check_access("create")
    given = sorted({name for vals in vals_list for name in vals})
    for name in given:
        field = model._fields[name]
        if not (field.store and field.column_type) or field.related:
            raise ValueError(f"{field} cannot be inserted in SQL")
    missing = [
        name
        for name, field in model._fields.items()
        if field.store
        and field.column_type
        and not field.compute
        and name not in given
        and name not in LOG_ACCESS_COLUMNS
        and name != "id"
    ]
    defaults = model.default_get(missing)
    columns = given + sorted(defaults)
    joins = {}
    for field in model._fields.values():
        joined = _joined_column(model, field, columns)
        if joined:
            joins[field.name] = joined
    filled, rows = _insert_rows(model, vals_list, defaults, columns, joins)
    records = model.browse([row[0] for row in rows])
    if records:
        empty = [name for name in missing if name not in defaults]
        _register_created(records, rows, filled, empty)
    return records


def _insert_rows(model, vals_list, defaults, columns, joins):
    """Run the INSERT queries.

    :return: (names of the fields stored, rows inserted: id, then the values
        of those fields)
    """
    env = model.env
    select = [SQL.identifier("v", name) for name in columns]
    inserted = list(columns)
    if model._log_access:
        now = env.cr.now()
        select += [SQL("%s", env.uid), SQL("%s", now)] * 2
        inserted += ["create_uid", "create_date", "write_uid", "write_date"]
    join_clauses = []
    aliases = {}
    for name, (many2one, column) in joins.items():
        alias = aliases.get(many2one.name)
        if alias is None:
            alias = aliases[many2one.name] = f"j_{many2one.name}"
            join_clauses.append(
                SQL(
                    "LEFT JOIN %s AS %s ON %s = %s",
                    SQL.identifier(env[many2one.comodel_name]._table),
                    SQL.identifier(alias),
                    SQL.identifier(alias, "id"),
                    SQL.identifier("v", many2one.name),
                )
            )
        select.append(SQL.identifier(alias, column))
        inserted.append(name)
        # The join reads the database: pending writes must be there first.
        env[many2one.comodel_name].flush_model([column])
    returned = ["id", *inserted]
    rows = []
    for start in range(0, len(vals_list), INSERT_CHUNK_SIZE):
        chunk = [
            {**defaults, **vals}
            for vals in vals_list[start : start + INSERT_CHUNK_SIZE]
        ]
        arrays = [
            SQL(
                "%s::%s[]",
                [_column_value(model, model._fields[name], vals) for vals in chunk],
                SQL(model._fields[name].column_type[1]),
            )
            for name in columns
        ]
        env.cr.execute(
            SQL(
                "INSERT INTO %s (%s) SELECT %s"
                " FROM unnest(%s) WITH ORDINALITY AS v(%s) %s"
                " ORDER BY v.ordinality RETURNING %s",
                SQL.identifier(model._table),
                SQL(", ").join(map(SQL.identifier, inserted)),
                SQL(", ").join(select),
                SQL(", ").join(arrays),
                SQL(", ").join(map(SQL.identifier, [*columns, "ordinality"])),
                SQL(" ").join(join_clauses),
                SQL(", ").join(map(SQL.identifier, returned)),
            )
        )
        rows += env.cr.fetchall()
    return inserted, rows


def _register_created(records, rows, filled, empty):
    """Tell the ORM about ``records`` just inserted, as ``create`` does.

    :param list rows: the rows inserted: id, then the values of ``filled``
    :param list filled: names of the fields stored by the insert
    :param list empty: names of the fields left empty (no value, no default)
    """
    env = records.env
    fields_ = records._fields
    # In cache, as if fetched: reading them costs no query.
    for index, name in enumerate(filled, start=1):
        env.cache.insert_missing(records, fields_[name], [row[index] for row in rows])
    for name in empty:
        env.cache.insert_missing(records, fields_[name], [None] * len(rows))
    for field in fields_.values():
        if field.type in ("one2many", "many2many"):
            env.cache.insert_missing(records, field, [()] * len(rows))
        elif field.store and field.compute and field.name not in filled:
            # Stored fields computed from others: computed at the next flush.
            env.add_to_compute(field, records)
    for index, name in enumerate(filled, start=1):
        field = fields_[name]
        if field.type == "many2one":
            _add_to_inverses(records, field, [row[index] for row in rows])
    with env.protecting([fields_[name] for name in filled], records):
        records.modified(list(fields_), create=True)
    records._validate_fields(filled)
    records.check_access("create")


def _add_to_inverses(records, many2one, values):
    """Add ``records`` to the one2many fields (in cache) of the records their
    ``many2one`` points at (``values``: its value for each record)."""
    env = records.env
    by_target = {}
    for record_id, target_id in zip(records._ids, values, strict=True):
        if target_id:
            by_target.setdefault(target_id, []).append(record_id)
    for inverse in records.pool.field_inverses[many2one]:
        if inverse.type != "one2many" or inverse.domain:
            # Which records belong there is not known here: read it again.
            # Forgotten in the cache itself: invalidate_recordset() would also
            # forget the many2one of every record of the model.
            env.cache.invalidate([(inverse, list(by_target))])
            continue
        targets = env[inverse.model_name]
        for target_id, record_ids in by_target.items():
            target = targets.browse(target_id)
            known = env.cache.get(target, inverse, None)
            if known is not None:
                env.cache.set(target, inverse, (*known, *record_ids))


def can_commit(env):
    """Return whether a scheduled action may commit its work so far: always,
    except in tests, whose transaction must stay whole.

    :param env: the scheduled action's environment (unused today; the
        signature leaves room for a per-database rule)
    """
    return not config["test_enable"] and not modules.module.current_test


def sort_text(value):
    """Return ``value`` for sorting names: lower case, accents ignored
    ("Ébénisterie" sorts with the E, not after Z).

    :param str value: a name, or False
    """
    decomposed = unicodedata.normalize("NFKD", value or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
