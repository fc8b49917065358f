"""The demo district is built through the services people use, so it obeys every rule they enforce.

Each check below is a trace only a service leaves (the notice it sends, the history it records, the
money it commits, the outcome it derives from attendance); a demo part that wrote rows around the
services (bulk_create, update, a model's save) fails here.
"""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from certificates.models import Certificate, OutsideCertificate
from events.models import AttendanceMark, Event, Registration
from events.services.attendance import attended_share
from funding.models import Expense, FundingSource
from funding.services import with_balances
from leave.models import LeaveRequest
from loans.models import Loan, MethodicalMaterial
from notices.models import NoticeLog
from people.models import Membership, Organisation, Role, TeacherProfile, User
from surveys.models import Response, Survey

pytestmark = pytest.mark.django_db

R = Registration.Status
OUTCOME_KINDS = ("registration_confirmed", "registration_pending", "registration_waitlisted")


def keyed(kind):
    """The object ids in the keys of the notices of `kind` (`<kind>:<id>:...`)."""
    return {int(key.split(":")[1]) for key in NoticeLog.objects.filter(kind=kind).values_list("key", flat=True)}


def test_the_demo_district_is_built_through_the_services(settings, django_capture_on_commit_callbacks):
    """One build (it takes a while), every trace checked."""
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
    places_come_from_the_registration_services()
    outcomes_come_from_the_attendance_taken_and_the_completion_workflow()
    certificates_surveys_and_reports_follow_their_rules()
    leave_decisions_and_money_come_from_the_workflows()
    people_loans_and_material_come_from_their_services()


def places_come_from_the_registration_services():
    registrations = Registration.objects.all()
    assert registrations.count() > 2000
    # Every place was taken by `register`, which tells the teacher where they stand.
    told = set().union(*(keyed(kind) for kind in OUTCOME_KINDS))
    assert set(registrations.values_list("pk", flat=True)) <= told
    # ... and every change of a place is in its history, the ends and the outcomes among them.
    changes = set(Registration.history.values_list("id", "status"))
    assert set(registrations.values_list("pk", "status")) <= changes
    # Seats are never exceeded, and nobody waits while a published event has a free seat.
    for event in Event.objects.filter(seats__gt=0):
        holding = event.registrations.holding_seats().count()
        assert holding <= event.seats, event
        if event.status == Event.Status.PUBLISHED and event.registrations.filter(status=R.WAITLISTED).exists():
            assert holding == event.seats, event
    # A place given up or ended by a cancelled event says when (the one cancel write).
    assert not registrations.filter(status=R.CANCELLED, cancelled_at=None).exists()
    assert registrations.filter(status=R.CANCELLED, event__status=Event.Status.CANCELLED).exists()
    assert not registrations.filter(event__status=Event.Status.CANCELLED).exclude(status=R.CANCELLED).exists()
    assert NoticeLog.objects.filter(kind="event_cancelled").exists()


def outcomes_come_from_the_attendance_taken_and_the_completion_workflow():
    today = timezone.localdate()
    completed = Event.objects.filter(status=Event.Status.COMPLETED).prefetch_related("sessions")
    assert completed.count() > 100
    assert not Registration.objects.filter(status__in=[R.ATTENDED, R.NO_SHOW]).exclude(
        event__status=Event.Status.COMPLETED).exists()
    assert not AttendanceMark.objects.filter(marked_by=None).exists()
    marks = defaultdict(set)
    for registration_id, session_id in AttendanceMark.objects.values_list("registration_id", "session_id"):
        marks[registration_id].add(session_id)
    with_evaluation = set(Survey.objects.filter(kind=Survey.Kind.EVALUATION).values_list("event_id", flat=True))
    for event in completed:
        assert event.pk in with_evaluation, event  # made by the completion workflow
        sessions = [s.pk for s in event.sessions.all() if s.date < today]
        places = event.registrations.prefetch_related("attendance")
        assert not places.filter(status__in=[R.CONFIRMED, R.PENDING, R.WAITLISTED]).exists(), event
        for registration in places.filter(status__in=[R.ATTENDED, R.NO_SHOW]):
            assert marks[registration.pk] >= set(sessions), registration
            share = attended_share(registration, len(event.sessions.all()))
            expected = R.ATTENDED if share >= event.attendance_threshold else R.NO_SHOW
            assert registration.status == expected, registration


def certificates_surveys_and_reports_follow_their_rules():
    issued = Certificate.objects.filter(kind=Certificate.Kind.CERTIFICATE).select_related("registration", "event")
    assert issued.exists()
    for certificate in issued:
        assert certificate.registration.status == R.ATTENDED, certificate
        assert certificate.event.status == Event.Status.COMPLETED
        assert certificate.holder_id == certificate.registration.teacher_id
    decided = OutsideCertificate.objects.exclude(status=OutsideCertificate.Status.PENDING)
    assert decided.count() >= 2 and not decided.filter(decided_by=None).exists()
    assert set(decided.values_list("pk", flat=True)) <= keyed("outside_certificate_decided")
    # Only the people entitled answered, each once: an evaluation by those who attended.
    for response in Response.objects.filter(survey__kind=Survey.Kind.EVALUATION).select_related("survey"):
        assert Registration.objects.filter(event_id=response.survey.event_id, teacher_id=response.respondent_id,
                                           status=R.ATTENDED).exists(), response


def leave_decisions_and_money_come_from_the_workflows():
    decided = LeaveRequest.objects.filter(status__in=[LeaveRequest.Status.APPROVED, LeaveRequest.Status.REJECTED])
    assert decided.filter(status=LeaveRequest.Status.APPROVED).exists()
    assert decided.filter(status=LeaveRequest.Status.REJECTED).exists()
    for request in decided:
        assert request.decided_by_id and request.decided_by_id != request.teacher_id, request
        # Recorded in the request's history by the decision, not written over it.
        assert request.history.filter(status=request.status).exists(), request
    for request in LeaveRequest.objects.filter(status=LeaveRequest.Status.APPROVED, cost__gt=0,
                                               funding_source__isnull=False):
        committed = request.expenses.exclude(status=Expense.Status.RELEASED).aggregate(total=Sum("amount"))["total"]
        assert committed == request.cost, request
    assert not Expense.objects.filter(leave_request__status__in=[
        LeaveRequest.Status.REJECTED, LeaveRequest.Status.WITHDRAWN]).exclude(status=Expense.Status.RELEASED).exists()
    # No source went below zero.
    sources = with_balances(FundingSource.objects.all())
    assert sources.count() > 10
    assert all(source.available >= Decimal("0") for source in sources)


def people_loans_and_material_come_from_their_services():
    # Every school teacher came in through the staff import: a profile with the position.
    teachers = Membership.objects.filter(role=Role.TEACHER, organisation__kind=Organisation.Kind.SCHOOL)
    assert teachers.count() > 290
    assert set(teachers.values_list("user_id", flat=True)) <= set(TeacherProfile.objects.values_list("user_id", flat=True))
    assert User.objects.get(email="mokytoja@demo.lt").check_password("demo12345")
    loans = Loan.objects.all()
    assert set(loans.values_list("status", flat=True)) == set(Loan.Status.values)
    assert set(loans.values_list("pk", flat=True)) <= keyed("loan_requested")
    assert not loans.exclude(status=Loan.Status.REQUESTED).filter(decided_by=None).exists()
    published = MethodicalMaterial.objects.filter(status=MethodicalMaterial.Status.PUBLISHED)
    assert published.exists() and not published.filter(reviewed_by=None).exists()
    assert set(published.values_list("pk", flat=True)) <= keyed("material_published")
    # The periodic duties ran: the heads' digest and the survey invitations reached the inboxes.
    for email, kind in [("direktore@demo.lt", "digest_new_events"), ("mokytoja@demo.lt", "needs_survey_invitation")]:
        assert NoticeLog.objects.filter(recipient__email=email, kind=kind).exists(), (email, kind)
