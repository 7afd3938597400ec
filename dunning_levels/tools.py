# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Plain helpers of the suite: insertion of many records in one query (for
the morning generation), the commit guard of scheduled actions, the sort of
names."""

import unicodedata
from collections import defaultdict

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
    :data:`INSERT_CHUNK_SIZE` rows, instead of ``create``'s one query per 100
    records and its field computations in Python.

    Meant for large batches of plain records written by the model's own
    methods: the reminders of the morning generation and their history lines
    (``dunning.reminder._create_generated_reminders`` and
    ``dunning.reminder._log_history``).

    What ``create`` guarantees and this function keeps:

    - **defaults**: stored fields missing from the values get their default
      (``default_get``, context ``default_*`` keys included), evaluated once
      for the whole batch; ``create_uid``/``write_uid`` are the current user,
      ``create_date``/``write_date`` the transaction's time;
    - **stored computed fields**: a stored field related to a column of a
      given many2one (``partner_id`` related to
      ``move_id.commercial_partner_id``) is read by a join in the same query;
      the other stored computed fields are marked to compute, and computed at
      the next flush, as after ``create``;
    - **cache**: the new records are in cache as stored (reading them costs
      no query), and the one2many fields in cache of the records their
      many2one fields point at get them, through the ORM's own helper
      (``Many2one._update_inverses``, as ``BaseModel._create`` does): an
      invoice read before sees its new reminder without invalidation;
    - **dependencies**: the ORM is told the records were created
      (``modified(create=True)``): fields depending on them elsewhere are
      invalidated or marked to recompute;
    - **constraints**: the Python constraints on the stored fields
      (``_validate_fields``) and the SQL constraints of the table;
    - **company consistency**: ``_check_company()`` when the model sets
      ``_check_company_auto``: a history line whose reminder belongs to
      another company than its invoice raises the same ``UserError``. One
      query per company-checked field first looks for such rows; the check
      itself runs only when it finds some;
    - **access rights**: ``check_access("create")`` on the model before the
      insert (access rights: nothing is inserted without them), then once on
      the new records (record rules), as ``create`` does for a batch.

    What it does not do, by design:

    - the model's ``create`` overrides are not called: nothing it adds there
      happens (``dunning.reminder.create`` refusing callers that are not the
      superuser, tracking and chatter messages of ``mail.thread`` models).
      The callers check the user's rights themselves first (the generation
      checks the right to create reminders; ``_log_history`` checks the
      right to write on the reminders, then inserts as superuser);
    - only stored fields with a column, given as plain values: relational
      commands, related fields and fields without a column are refused
      (``ValueError``), and so are models with ``_inherits`` or
      ``_parent_store``: no inverse method, parent record or parent path has
      to be handled;
    - precomputed fields (``precompute=True``) missing from the values are
      computed at the next flush, not before the insert;
    - a value given for a stored computed field is stored as given and
      protected from recomputation, where ``create`` would recompute a
      readonly one: the callers give what its compute would return (the
      history line's customer is its invoice's commercial partner).

    :param model: an empty recordset of the model, in the environment
        (user, company, superuser or not) the records are created for
    :param list vals_list: values of the records to create
    :return: the new records, in the order of ``vals_list``
    :raise ValueError: for a field or model the insert cannot handle
    :raise AccessError: when the user may not create these records
    :raise UserError: when a record links records of another company
    """
    if not vals_list:
        return model.browse()
    if model._inherits or model._parent_store:
        raise ValueError(f"{model._name} records cannot be inserted in SQL")
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
    empty = [name for name in missing if name not in defaults]
    _register_created(records, rows, filled, empty)
    return records


def _join_related_columns(model, joins, select, inserted):
    """Add to ``select`` and ``inserted`` the related fields read by joins
    (see :func:`_joined_column`).

    :return: the JOIN clauses
    """
    env = model.env
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
    return join_clauses


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
    join_clauses = _join_related_columns(model, joins, select, inserted)
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
    """Tell the ORM about ``records`` just inserted, and run the checks of
    ``create``, in the order ``BaseModel._create`` and ``create`` run them.

    :param list rows: the rows inserted: id, then the values of ``filled``
    :param list filled: names of the fields stored by the insert
    :param list empty: names of the fields left empty (no value, no default)
    """
    env = records.env
    fields_ = records._fields
    # Columns of the rows: ids, then the values of each field of ``filled``.
    columns = list(zip(*rows, strict=True))
    values_by_name = dict(zip(filled, columns[1:], strict=True))
    # In cache, as if fetched: reading them costs no query.
    for name, values in values_by_name.items():
        env.cache.insert_missing(records, fields_[name], values)
    for name in empty:
        env.cache.insert_missing(records, fields_[name], [None] * len(records))
    for field in fields_.values():
        if field.type in ("one2many", "many2many"):
            env.cache.insert_missing(records, field, [()] * len(records))
        elif field.store and field.compute and field.name not in values_by_name:
            # Stored fields computed from others: computed at the next flush.
            env.add_to_compute(field, records)
    _update_inverses(records, values_by_name)
    with env.protecting([fields_[name] for name in filled], records):
        records.modified(list(fields_), create=True)
    records._validate_fields(filled)
    records.check_access("create")
    if records._check_company_auto and _may_mix_companies(records):
        records._check_company()


def _may_mix_companies(records):
    """Return whether ``_check_company`` could refuse ``records``: one query
    per company-checked many2one finds the rows whose target belongs to
    another company than the row's. Only then is ``create``'s own check run
    (record by record, in Python), which also allows a parent company and
    raises its error; thousands of consistent rows are not checked one by
    one.
    """
    model = records.browse()
    company = model._fields.get("company_id")
    if not (company and company.store and company.column_type):
        return True
    for field in model._fields.values():
        if not (field.type == "many2one" and field.check_company and field.store):
            continue
        target = model.env[field.comodel_name]
        target_company = target._fields.get("company_id")
        if not (target_company and target_company.store and target_company.column_type):
            return True
        target.flush_model(["company_id"])
        mixed = model.env.execute_query(
            SQL(
                "SELECT 1 FROM %s AS r JOIN %s AS t ON t.id = r.%s"
                " WHERE r.id = ANY(%s) AND t.company_id IS NOT NULL"
                " AND t.company_id IS DISTINCT FROM r.company_id LIMIT 1",
                SQL.identifier(model._table),
                SQL.identifier(target._table),
                SQL.identifier(field.name),
                list(records.ids),
            )
        )
        if mixed:
            return True
    return False


def _update_inverses(records, values_by_name):
    """Add ``records`` to the one2many fields in cache of the records their
    many2one fields point at, with the ORM's helper, as ``_create`` does.

    :param dict values_by_name: the value of each inserted field, per record
    """
    fields_ = records._fields
    for name, values in values_by_name.items():
        field = fields_[name]
        if field.type not in ("many2one", "many2one_reference"):
            continue
        if not records.pool.field_inverses[field]:
            continue
        ids_by_value = defaultdict(list)
        for record_id, value in zip(records._ids, values, strict=True):
            ids_by_value[value].append(record_id)
        for value, ids in ids_by_value.items():
            field._update_inverses(records.browse(ids), value)


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
