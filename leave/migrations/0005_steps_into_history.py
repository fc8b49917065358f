"""The steps of leave requests (LeaveStep, a second record beside the history) move into the request's
history, so the one audit trail holds every fact the steps held: who, when, the status reached, the
comment (as the change's reason).

A step and the history record its save wrote (the same status, within a minute) become one record:
the step's actor and comment are put on it. A step with no such record (a request made before the
history was kept, or a save that left none) becomes a record of its own at the step's moment, with the
request's values of that moment (the latest record before it, else the first after, else the request
as it is now) and the step's status."""

import datetime as dt

from django.db import migrations

SAME_SAVE = dt.timedelta(minutes=1)


def _closest(records, step, used):
    candidates = [r for r in records if r.history_id not in used and r.status == step.to_status
                  and abs(r.history_date - step.at) <= SAME_SAVE]
    return min(candidates, key=lambda r: abs(r.history_date - step.at), default=None)


def _values_at(records, current, moment, names):
    before = [r for r in records if r.history_date <= moment]
    source = before[-1] if before else (records[0] if records else current)
    return {name: getattr(source, name) for name in names}


def steps_into_history(apps, schema_editor):
    LeaveRequest = apps.get_model("leave", "LeaveRequest")
    LeaveStep = apps.get_model("leave", "LeaveStep")
    Historical = apps.get_model("leave", "HistoricalLeaveRequest")
    names = [f.attname for f in LeaveRequest._meta.concrete_fields]
    request_ids = LeaveStep.objects.order_by().values_list("leave_request_id", flat=True).distinct()
    for request_id in list(request_ids):
        current = LeaveRequest.objects.get(pk=request_id)
        records = list(Historical.objects.filter(id=request_id).order_by("history_date", "history_id"))
        used = set()
        for step in LeaveStep.objects.filter(leave_request_id=request_id).order_by("at", "id"):
            record = _closest(records, step, used)
            if record is not None:
                record.history_user_id = step.actor_id
                if step.comment:
                    record.history_change_reason = step.comment
                record.save(update_fields=["history_user", "history_change_reason"])
            else:
                values = _values_at(records, current, step.at, names)
                values["status"] = step.to_status
                first = not step.from_status and not any(r.history_date <= step.at for r in records)
                record = Historical.objects.create(
                    **values, history_date=step.at, history_type="+" if first else "~",
                    history_user_id=step.actor_id, history_change_reason=step.comment or None,
                )
                records.append(record)
                records.sort(key=lambda r: (r.history_date, r.history_id))
            used.add(record.history_id)


class Migration(migrations.Migration):

    dependencies = [
        ("leave", "0004_history_reason_text"),
    ]

    operations = [
        migrations.RunPython(steps_into_history, migrations.RunPython.noop),
    ]
