"""The migration that moves leave request steps (LeaveStep) into the request's history loses nothing:
each step's actor, moment, status and comment are in the history afterwards, once each."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from kvalifikacija import audit
from leave import selectors
from leave.models import LeaveRequest
from people.models import Role
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("leave", "0004_history_reason_text")]
AFTER = [("leave", "0006_delete_leavestep")]
S = LeaveRequest.Status


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def migrated_back():
    """The database with LeaveStep still there; put back at the latest migrations afterwards."""
    apps = _migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_steps_become_the_requests_history_with_actor_moment_and_comment(migrated_back):
    apps = migrated_back
    school = f.SchoolFactory()
    teacher = f.teacher(school)
    deputy = f.member(Role.DEPUTY, school)
    created = timezone.now() - dt.timedelta(days=3)
    # Request A: its saves left history records (no actor, no reason); its steps say who and why.
    asked = f.LeaveRequestFactory(school=school, teacher=teacher)
    asked.status = S.SUBMITTED
    asked.save()
    # Request B: made before the history was kept (no record at all).
    old = f.LeaveRequestFactory(school=school, teacher=teacher, title="Senas prašymas")

    Step = apps.get_model("leave", "LeaveStep")
    Historical = apps.get_model("leave", "HistoricalLeaveRequest")
    Historical.objects.filter(id=old.pk).delete()
    first = Historical.objects.filter(id=asked.pk, history_type="+").get()
    submitted = Historical.objects.filter(id=asked.pk, history_type="~").get()
    steps = [
        (asked, teacher, "", S.DRAFT, "", first.history_date - dt.timedelta(milliseconds=5)),
        (asked, teacher, S.DRAFT, S.SUBMITTED, "Prašau leisti", submitted.history_date - dt.timedelta(milliseconds=5)),
        # A step whose save left no record: it becomes a record of its own.
        (asked, deputy, S.SUBMITTED, S.RETURNED, "Papildykite pavadavimo planą",
         submitted.history_date + dt.timedelta(hours=2)),
        (old, teacher, "", S.DRAFT, "", created),
    ]
    for request, actor, from_status, to_status, comment, at in steps:
        step = Step.objects.create(leave_request_id=request.pk, actor_id=actor.pk, from_status=from_status,
                                   to_status=to_status, comment=comment)
        Step.objects.filter(pk=step.pk).update(at=at)

    new_apps = _migrate(AFTER)

    with pytest.raises(LookupError):
        new_apps.get_model("leave", "LeaveStep")
    rows = selectors.request_trail(LeaveRequest.objects.get(pk=asked.pk))
    assert [(row.who, str(row.headline), row.reason) for row in rows] == [
        (str(teacher), str(S.DRAFT.label), ""),
        (str(teacher), str(S.SUBMITTED.label), "Prašau leisti"),
        (str(deputy), str(S.RETURNED.label), "Papildykite pavadavimo planą"),
    ]
    assert rows[1].change_of("status").before == S.DRAFT.label
    assert rows[2].when == submitted.history_date + dt.timedelta(hours=2)
    assert LeaveRequest.history.filter(id=asked.pk).count() == 3  # the matched records were not doubled

    rows = selectors.request_trail(LeaveRequest.objects.get(pk=old.pk))
    assert [(row.who, row.when, str(row.headline)) for row in rows] == [(str(teacher), created, str(S.DRAFT.label))]
    record = LeaveRequest.history.get(id=old.pk)
    assert record.history_type == "+" and record.title == "Senas prašymas"
    assert str(audit.SYSTEM) not in {row.who for row in rows}
