"""The audit trail: who changed an approval, money or a certificate, when, what changed (before → after)
and why — one record, the history django-simple-history keeps for the model (`HistoricalRecords`).

Services name the actor and the reason of their next save with `attribute(instance, by=…, reason=…)`;
without `by` the signed-in user of the request is recorded (`HistoryRequestMiddleware`), and a change
with no request (a beat job) is the system's. Every history page shows `trail(…)`, rendered by the
template `audit/trail.html`.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.signals import post_create_historical_record

SYSTEM = _("System")
EMPTY = "—"

# A field is shown when its model gives it a translated label; the rest (ids, timestamps, who-did-it
# columns the row names anyway) are bookkeeping.
ALWAYS_HIDDEN = frozenset({"id", "created_at", "updated_at"})


def attribute(instance, *, by=None, reason="", system=False):
    """Name who makes the next save of `instance` and why; the history record of that save carries
    them. `by` None leaves the actor to the request's signed-in user (or the system when there is no
    request); `system=True` records the system even inside someone's request. Returns the instance."""
    if by is not None or system:
        instance._history_user = by
    elif hasattr(instance, "_history_user"):
        del instance._history_user
    instance._change_reason = str(reason or "").strip() or None
    return instance


def _forget_attribution(sender, instance, **kwargs):
    """Who and why belong to the one save `attribute` was called for: once its history record is
    written they are taken off the instance, so a later save of the same object is not credited to
    the same person with the same reason."""
    for name in ("_history_user", "_change_reason"):
        instance.__dict__.pop(name, None)


post_create_historical_record.connect(_forget_attribution, dispatch_uid="kvalifikacija.audit.forget")


def last_record(instance):
    """The newest history record of `instance` (the one its last save wrote)."""
    return instance.history.order_by("-history_date", "-history_id").first()


@dataclass(frozen=True)
class Change:
    name: str
    label: str
    before: object
    after: object


@dataclass
class Row:
    """One line of an object's trail: when, who, what (created, changed or deleted, with the changed
    fields), why; `subject` names the object when a trail follows several (a source and its money)."""

    when: dt.datetime
    who: str
    action: str
    reason: str
    changes: list = field(default_factory=list)
    subject: str = ""
    record_id: int = 0

    @property
    def headline(self):
        """The status reached, when the row changes a status; else what happened (created, changed)."""
        status = self.change_of("status")
        return status.after if status is not None else self.action

    def change_of(self, name):
        """The change of field `name` in this row, or None."""
        return next((change for change in self.changes if change.name == name), None)


ACTIONS = {"+": pgettext_lazy("history", "created"), "~": pgettext_lazy("history", "changed"),
           "-": pgettext_lazy("history", "deleted")}


def _shown_fields(model, hidden):
    return [
        f for f in model._meta.concrete_fields
        if isinstance(f.verbose_name, Promise) and f.name not in ALWAYS_HIDDEN and f.name not in hidden
    ]


def _display(model_field, value, related):
    if value is None or value == "":
        return EMPTY
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(model_field, models.ForeignKey):
        obj = related.get(model_field.name, {}).get(value)
        return str(obj) if obj is not None else f"#{value}"
    if isinstance(model_field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(value, (dt.date, Decimal, int, float)):
        return value  # formatted by the page (Lithuanian dates and numbers)
    return str(value)


def _related_objects(records, fields):
    """{field name: {pk: object}} for the foreign keys the records point at: one query per field."""
    related = {}
    for model_field in fields:
        if not isinstance(model_field, models.ForeignKey):
            continue
        ids = {getattr(r, model_field.attname) for r in records} - {None}
        if ids:
            related[model_field.name] = model_field.related_model._base_manager.in_bulk(ids)
    return related


def _rows_of(history, *, hidden, on_creation, subject):
    model = history.model.instance_type
    records = list(history.select_related("history_user").order_by("history_date", "history_id"))
    fields = _shown_fields(model, hidden)
    related = _related_objects(records, fields)
    previous = {}
    rows = []
    pk_name = model._meta.pk.attname
    for record in records:
        before = previous.get(getattr(record, pk_name))
        changes = []
        for model_field in fields:
            new = getattr(record, model_field.attname)
            if before is None:
                if model_field.name not in on_creation or new in (None, ""):
                    continue
                old_shown = EMPTY
            else:
                old = getattr(before, model_field.attname)
                if old == new:
                    continue
                old_shown = _display(model_field, old, related)
            changes.append(Change(model_field.name, capfirst(model_field.verbose_name), old_shown,
                                  _display(model_field, new, related)))
        previous[getattr(record, pk_name)] = record
        if before is not None and not changes and not record.history_change_reason and record.history_type == "~":
            continue  # a save that changed nothing shown and said nothing
        rows.append(Row(
            when=record.history_date,
            who=str(record.history_user) if record.history_user_id else str(SYSTEM),
            action=str(ACTIONS.get(record.history_type, record.history_type)),
            reason=record.history_change_reason or "",
            changes=changes,
            subject=subject(record) if subject else "",
            record_id=record.history_id,
        ))
    return rows


def trail(*histories, hidden=(), on_creation=("status",)) -> list[Row]:
    """The rows of one or more histories (querysets of historical records, or `(queryset, subject)` with
    `subject(record)` naming each object), oldest first: when, who (the system when nobody), what
    changed — each field with a translated label, before → after in display values (a choice's label,
    a related object's name) — and the reason. A created object shows the fields in `on_creation`.
    Queries: one per history, and one per foreign key shown, whatever the number of rows."""
    rows = []
    for item in histories:
        history, subject = item if isinstance(item, tuple) else (item, None)
        rows.extend(_rows_of(history, hidden=set(hidden), on_creation=set(on_creation), subject=subject))
    rows.sort(key=lambda row: (row.when, row.record_id))
    return rows


def history_page(request, *, title, rows, back_url, back_label):
    """The page of an object's history (each app's view checks who may see the object first)."""
    return render(request, "audit/history.html", {
        "title": title, "rows": rows, "back_url": back_url, "back_label": back_label})
