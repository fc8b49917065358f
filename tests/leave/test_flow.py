"""The request's flow: draft → submitted → cover agreed / returned → approved / rejected; withdrawal."""

from decimal import Decimal

import pytest
from django.utils import timezone

from events.models import Registration
from events.services import registration as signup
from funding.models import Expense
from funding.services import BudgetExceeded
from kvalifikacija import audit
from leave import selectors, services
from leave.models import LeaveRequest
from notices.models import NoticeLog
from tests.factories import EventFactory, RegistrationFactory, teacher
from workflows import leave_requests, places

from .conftest import catalogue_request, outside_request, source_for

S = LeaveRequest.Status
pytestmark = pytest.mark.django_db


def test_submit_moves_a_draft_to_submitted_and_tells_the_deputy(school):
    lr = outside_request(school)
    services.submit(leave_request=lr, by=school.teacher)
    lr.refresh_from_db()
    assert lr.status == S.SUBMITTED and lr.submitted_at
    assert NoticeLog.objects.filter(kind="leave_cover_needed", recipient=school.deputy).exists()
    assert not NoticeLog.objects.filter(kind="leave_cover_needed", recipient=school.teacher).exists()


def test_request_during_lessons_cannot_be_submitted_without_a_cover_plan(school):
    lr = outside_request(school, cover_plan="")
    with pytest.raises(services.CoverPlanMissing):
        services.submit(leave_request=lr, by=school.teacher)
    assert LeaveRequest.objects.get(pk=lr.pk).status == S.DRAFT


def test_request_outside_lessons_goes_straight_to_the_director(school):
    lr = outside_request(school, during_lessons=False, cover_plan="")
    services.submit(leave_request=lr, by=school.teacher)
    assert NoticeLog.objects.filter(kind="leave_decision_needed", recipient=school.director).exists()
    leave_requests.approve_request(leave_request=lr, by=school.director)
    assert LeaveRequest.objects.get(pk=lr.pk).status == S.APPROVED


def test_deputy_agrees_cover_and_the_director_is_told(school):
    lr = outside_request(school, status=S.SUBMITTED)
    services.agree_cover(leave_request=lr, by=school.deputy, comment="Pavaduos O. Jonaitienė")
    lr.refresh_from_db()
    assert lr.status == S.COVER_AGREED and lr.cover_agreed_by == school.deputy
    assert NoticeLog.objects.filter(kind="leave_decision_needed", recipient=school.director).exists()


def test_deputy_returns_with_a_comment_and_the_teacher_resubmits(school):
    lr = outside_request(school, status=S.SUBMITTED)
    with pytest.raises(services.ReasonRequired):
        services.return_request(leave_request=lr, by=school.deputy, comment=" ")
    services.return_request(leave_request=lr, by=school.deputy, comment="Patikslinkite pavadavimą")
    lr.refresh_from_db()
    assert lr.status == S.RETURNED and lr.deputy_comment == "Patikslinkite pavadavimą"
    assert NoticeLog.objects.filter(kind="leave_returned", recipient=school.teacher).exists()
    services.update_request(leave_request=lr, by=school.teacher, cover_plan="Naujas planas")
    services.submit(leave_request=lr, by=school.teacher)
    assert LeaveRequest.objects.get(pk=lr.pk).status == S.SUBMITTED


def test_director_cannot_approve_before_the_cover_is_agreed(school):
    lr = outside_request(school, status=S.SUBMITTED)
    with pytest.raises(services.TransitionNotAllowed):
        leave_requests.approve_request(leave_request=lr, by=school.director)


def test_director_approves_and_the_teacher_is_told(school):
    lr = outside_request(school, status=S.COVER_AGREED)
    leave_requests.approve_request(leave_request=lr, by=school.director, note="Sėkmės")
    lr.refresh_from_db()
    assert lr.status == S.APPROVED and lr.decided_by == school.director and lr.decided_at
    assert NoticeLog.objects.filter(kind="leave_decided", recipient=school.teacher).count() == 1


def test_rejection_needs_a_reason(school):
    lr = outside_request(school, status=S.COVER_AGREED)
    with pytest.raises(services.ReasonRequired):
        leave_requests.reject_request(leave_request=lr, by=school.director, reason="")
    leave_requests.reject_request(leave_request=lr, by=school.director, reason="Nėra lėšų")
    lr.refresh_from_db()
    assert lr.status == S.REJECTED and lr.decision_note == "Nėra lėšų"
    assert NoticeLog.objects.filter(kind="leave_decided", recipient=school.teacher).exists()


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.RETURNED, S.COVER_AGREED])
def test_teacher_can_withdraw_until_decided(school, status):
    lr = outside_request(school, status=status)
    leave_requests.withdraw_request(leave_request=lr, by=school.teacher)
    assert LeaveRequest.objects.get(pk=lr.pk).status == S.WITHDRAWN


@pytest.mark.parametrize("status", [S.APPROVED, S.REJECTED, S.WITHDRAWN])
def test_teacher_cannot_withdraw_a_decided_request(school, status):
    lr = outside_request(school, status=status)
    with pytest.raises(services.TransitionNotAllowed):
        leave_requests.withdraw_request(leave_request=lr, by=school.teacher)


@pytest.mark.parametrize("action, status", [
    ("submit", S.SUBMITTED), ("submit", S.COVER_AGREED), ("submit", S.APPROVED), ("submit", S.REJECTED),
    ("agree_cover", S.DRAFT), ("agree_cover", S.RETURNED), ("agree_cover", S.COVER_AGREED),
    ("agree_cover", S.APPROVED),
    ("return", S.DRAFT), ("return", S.APPROVED), ("return", S.WITHDRAWN),
    ("approve", S.DRAFT), ("approve", S.RETURNED), ("approve", S.APPROVED), ("approve", S.REJECTED),
    ("approve", S.WITHDRAWN),
    ("reject", S.DRAFT), ("reject", S.REJECTED), ("reject", S.WITHDRAWN),
])
def test_forbidden_transitions_raise_a_domain_error(school, action, status):
    lr = outside_request(school, status=status)
    call = {
        "submit": lambda: services.submit(leave_request=lr, by=school.teacher),
        "agree_cover": lambda: services.agree_cover(leave_request=lr, by=school.deputy),
        "return": lambda: services.return_request(leave_request=lr, by=school.deputy, comment="x"),
        "approve": lambda: leave_requests.approve_request(leave_request=lr, by=school.director),
        "reject": lambda: leave_requests.reject_request(leave_request=lr, by=school.director, reason="x"),
    }[action]
    with pytest.raises(services.TransitionNotAllowed):
        call()
    assert LeaveRequest.objects.get(pk=lr.pk).status == status


def test_every_step_is_recorded_with_who_and_when(school):
    lr = outside_request(school)
    services.submit(leave_request=lr, by=school.teacher)
    services.agree_cover(leave_request=lr, by=school.deputy)
    leave_requests.approve_request(leave_request=lr, by=school.director, note="Gerai")
    # The steps after the draft was made: the rows that move the status from one to another.
    steps = [row for row in selectors.request_trail(lr)
             if row.change_of("status") and row.change_of("status").before != audit.EMPTY]
    assert [(s.who, s.change_of("status").before, s.change_of("status").after) for s in steps] == [
        (str(school.teacher), S.DRAFT.label, S.SUBMITTED.label),
        (str(school.deputy), S.SUBMITTED.label, S.COVER_AGREED.label),
        (str(school.director), S.COVER_AGREED.label, S.APPROVED.label),
    ]
    assert all(s.when for s in steps) and steps[-1].reason == "Gerai"


def test_wrong_roles_and_schools_may_not_act(school, other_school):
    lr = outside_request(school, status=S.SUBMITTED)
    with pytest.raises(services.NotAllowed):
        services.agree_cover(leave_request=lr, by=other_school.deputy)
    with pytest.raises(services.NotAllowed):
        services.agree_cover(leave_request=lr, by=school.teacher)
    lr.status = S.COVER_AGREED
    lr.save()
    with pytest.raises(services.NotAllowed):
        leave_requests.approve_request(leave_request=lr, by=school.deputy)
    with pytest.raises(services.NotAllowed):
        leave_requests.approve_request(leave_request=lr, by=other_school.director)
    with pytest.raises(services.NotAllowed):
        leave_requests.withdraw_request(leave_request=lr, by=school.director)


# --- Registration and money ------------------------------------------------------------------------------

def test_approval_confirms_the_pending_seat(school):
    lr = catalogue_request(school, status=S.COVER_AGREED)
    leave_requests.approve_request(leave_request=lr, by=school.director)
    registration = Registration.objects.get(pk=lr.registration_id)
    assert registration.status == Registration.Status.CONFIRMED and registration.approved



def test_approval_on_the_waiting_list_is_kept_for_the_promotion(school):
    event = EventFactory(seats=1)
    holder = RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
    lr = catalogue_request(school, event=event, reg_status=Registration.Status.WAITLISTED, status=S.COVER_AGREED)
    Registration.objects.filter(pk=lr.registration_id).update(waitlisted_at=holder.created_at)
    leave_requests.approve_request(leave_request=lr, by=school.director)
    registration = Registration.objects.get(pk=lr.registration_id)
    assert registration.status == Registration.Status.WAITLISTED and registration.approved
    places.give_up_place(registration=holder, by=holder.teacher)
    assert Registration.objects.get(pk=lr.registration_id).status == Registration.Status.CONFIRMED


def test_rejection_releases_the_seat_and_the_waiting_list_moves(school):
    event = EventFactory(seats=1)
    lr = catalogue_request(school, event=event, status=S.COVER_AGREED)
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    Registration.objects.filter(pk=waiting.pk).update(waitlisted_at=timezone.now())
    leave_requests.reject_request(leave_request=lr, by=school.director, reason="Per daug prašymų")
    assert Registration.objects.get(pk=lr.registration_id).status == Registration.Status.CANCELLED
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.CONFIRMED


def test_withdrawal_releases_the_seat(school):
    lr = catalogue_request(school, status=S.SUBMITTED)
    leave_requests.withdraw_request(leave_request=lr, by=school.teacher)
    assert Registration.objects.get(pk=lr.registration_id).status == Registration.Status.CANCELLED


def test_one_request_per_registration(school):
    lr = catalogue_request(school)
    with pytest.raises(services.AlreadyRequested):
        services.create_for_registration(registration=lr.registration, by=school.teacher)


def test_a_confirmed_registration_needs_no_request(school):
    registration = RegistrationFactory(teacher=school.teacher, school=school.school,
                                       status=Registration.Status.CONFIRMED)
    with pytest.raises(services.RegistrationNotAwaitingApproval):
        services.create_for_registration(registration=registration, by=school.teacher)


def test_request_for_another_teachers_registration_is_refused(school):
    registration = RegistrationFactory(teacher=teacher(school.school), school=school.school,
                                       status=Registration.Status.PENDING)
    with pytest.raises(services.NotAllowed):
        services.create_for_registration(registration=registration, by=school.teacher)


def test_approval_commits_the_cost_from_the_source(school):
    source = source_for(school)
    lr = catalogue_request(school, fee=Decimal("40.00"), status=S.COVER_AGREED, funding_source=source)
    leave_requests.approve_request(leave_request=lr, by=school.director)
    expense = Expense.objects.get(leave_request=lr)
    assert expense.amount == Decimal("40.00") and expense.status == Expense.Status.COMMITTED
    assert expense.registration_id == lr.registration_id and expense.teacher == school.teacher


def test_approval_with_a_cost_needs_a_source(school):
    lr = catalogue_request(school, fee=Decimal("40.00"), status=S.COVER_AGREED)
    with pytest.raises(services.FundingSourceRequired):
        leave_requests.approve_request(leave_request=lr, by=school.director)


def test_a_shortfall_needs_the_directors_override_reason(school):
    source = source_for(school, amount="10.00")
    lr = catalogue_request(school, fee=Decimal("40.00"), status=S.COVER_AGREED, funding_source=source)
    with pytest.raises(services.WarningsNotConfirmed) as warned:
        leave_requests.approve_request(leave_request=lr, by=school.director)
    assert any("30,00" in w for w in warned.value.warnings)
    with pytest.raises(BudgetExceeded) as exc:
        leave_requests.approve_request(leave_request=lr, by=school.director, warnings_seen=True)
    assert exc.value.shortfall == Decimal("30.00")
    assert LeaveRequest.objects.get(pk=lr.pk).status == S.COVER_AGREED
    assert Registration.objects.get(pk=lr.registration_id).status == Registration.Status.PENDING
    leave_requests.approve_request(leave_request=lr, by=school.director, warnings_seen=True, override_reason="Prioritetas")
    assert Expense.objects.get(leave_request=lr).override_reason == "Prioritetas"


def test_revoking_an_approval_releases_the_money_and_the_seat(school):
    source = source_for(school)
    lr = catalogue_request(school, fee=Decimal("40.00"), status=S.COVER_AGREED, funding_source=source)
    leave_requests.approve_request(leave_request=lr, by=school.director)
    leave_requests.reject_request(leave_request=lr, by=school.director, reason="Renginys nebeaktualus")
    assert Expense.objects.get(leave_request=lr).status == Expense.Status.RELEASED
    assert Registration.objects.get(pk=lr.registration_id).status == Registration.Status.CANCELLED


def test_a_source_of_another_school_is_refused(school, other_school):
    lr = catalogue_request(school, fee=Decimal("40.00"), status=S.COVER_AGREED)
    with pytest.raises(services.LeaveError):
        leave_requests.approve_request(leave_request=lr, by=school.director, funding_source=source_for(other_school))


def test_registration_needs_approval_in_working_hours_or_for_a_fee(db):
    assert signup.needs_leave_approval(EventFactory.build(outside_working_hours=False, fee=0))
    assert signup.needs_leave_approval(EventFactory.build(outside_working_hours=True, fee=5))
    assert not signup.needs_leave_approval(EventFactory.build(outside_working_hours=True, fee=0))
