"""Read queries for leave requests: days per teacher, the queues, ranking inputs, reports owed."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import Registration
from events.selectors import overlapping_events
from kvalifikacija import audit
from lithuanian.collation import lt_order
from people import roles
from people.models import Membership, Role, TeacherProfile, User
from people.qualification import days_from_hours, qualification_days, qualification_days_by_year

from . import permissions
from .models import LeaveRequest, ReportBack, SchoolPriority, SchoolQualificationPlan
from .ranking import RankInput, rank


def days_by_teacher(teacher_ids, year) -> dict:
    """{teacher_id: QualificationDays} in `year`: done and planned, by the one definition in
    `people.qualification`."""
    return qualification_days(teacher_ids=teacher_ids, year=year)


def school_teachers(school):
    return (
        User.objects.filter(
            memberships__organisation=school, memberships__role=Role.TEACHER, memberships__is_active=True
        )
        .distinct()
        .order_by(lt_order("last_name"), lt_order("first_name"))
    )


def school_heads(school, role):
    return User.objects.filter(
        memberships__organisation=school, memberships__role=role, memberships__is_active=True, is_active=True
    ).distinct()


def deciders(leave_request):
    """Who is told that a request waits for a decision: the school's directors, or for a director's
    own request the municipality administrators."""

    if permissions.is_directors_request(leave_request):
        return User.objects.filter(memberships__role=Role.ADMINISTRATOR, memberships__is_active=True,
                                   is_active=True).exclude(pk=leave_request.teacher_id).distinct()
    return school_heads(leave_request.school, Role.DIRECTOR).exclude(pk=leave_request.teacher_id)


def request_list(queryset):
    return queryset.select_related("teacher", "school", "registration__event", "funding_source", "priority")


def priority_event_ids(school_ids, year) -> set[tuple[int, int]]:
    """{(school_id, event_id)} for events tied to a school priority of the year."""
    through = SchoolPriority.events.through
    return set(
        through.objects.filter(schoolpriority__school_id__in=list(school_ids), schoolpriority__year=year)
        .values_list("schoolpriority__school_id", "event_id")
    )


def serves_priority(leave_request, tied=None) -> bool:
    if leave_request.priority_id:
        return True
    if not leave_request.registration_id:
        return False
    if tied is None:
        tied = priority_event_ids([leave_request.school_id], leave_request.year)
    return (leave_request.school_id, leave_request.registration.event_id) in tied


def request_days(requests) -> dict:
    """{(teacher_id, year): QualificationDays} for the teachers and years of the requests, one query per source."""
    requests = list(requests)
    return qualification_days_by_year(
        teacher_ids={r.teacher_id for r in requests}, years={r.year for r in requests}
    )


def ranking_inputs(requests, days=None) -> list[RankInput]:
    """Plain data for `ranking.rank` from a list of requests, in a constant number of queries; rule (3)
    compares the days *done* this year."""
    requests = list(requests)
    if not requests:
        return []
    teacher_ids = {r.teacher_id for r in requests}
    years = {r.year for r in requests}
    days = days if days is not None else request_days(requests)
    attestation = dict(
        TeacherProfile.objects.filter(user_id__in=teacher_ids).values_list("user_id", "attestation_year")
    )
    tied = set()
    for year in years:
        tied |= priority_event_ids({r.school_id for r in requests}, year)
    return [
        RankInput(
            key=r.pk,
            serves_priority=serves_priority(r, tied),
            attestation_due=attestation.get(r.teacher_id) == r.year,
            days_this_year=days[(r.teacher_id, r.year)].done_days,
            is_free=r.is_free,
            outside_working_hours=r.runs_outside_working_hours,
            submitted_at=r.submitted_at,
        )
        for r in requests
    ]


DECIDABLE = Q(status=LeaveRequest.Status.COVER_AGREED) | Q(status=LeaveRequest.Status.SUBMITTED, during_lessons=False)


def awaiting_decision(user):
    """Requests the director may decide now: cover agreed, or submitted without lessons to cover; a
    director's own request (and a co-director's) goes to the municipality instead."""
    schools = roles.headed_school_ids(user, roles=(Role.DIRECTOR,))
    return request_list(
        LeaveRequest.objects.filter(school_id__in=schools).filter(DECIDABLE)
        .exclude(permissions.directors_requests_q()).exclude(teacher=user)
    )


def awaiting_municipality(user):
    """Directors' own requests waiting for the municipality administrator's decision."""
    if not roles.is_administrator(user):
        return LeaveRequest.objects.none()
    return request_list(LeaveRequest.objects.filter(DECIDABLE).filter(permissions.directors_requests_q()))


def ranked_for_director(user, requests=None):
    requests = {r.pk: r for r in (awaiting_decision(user) if requests is None else requests)}
    days = request_days(requests.values())
    rows = rank(ranking_inputs(requests.values(), days))
    for row in rows:
        row.request = requests[row.item.key]
        row.standing = days[(row.request.teacher_id, row.request.year)]
    return rows


def awaiting_cover(user):
    schools = roles.headed_school_ids(user)
    return request_list(
        LeaveRequest.objects.filter(school_id__in=schools, status=LeaveRequest.Status.SUBMITTED, during_lessons=True)
    ).order_by("submitted_at", "id")


def planned_days(school, year):
    plan = SchoolQualificationPlan.objects.filter(school=school, year=year).first()
    return plan.planned_days if plan else None


def approved_days(school, year, exclude_pk=None) -> Decimal:
    """Days of the school's approved requests in the year, as the director has committed them."""
    qs = LeaveRequest.objects.filter(school=school, status=LeaveRequest.Status.APPROVED, ends_on__year=year)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    hours = qs.aggregate(total=Coalesce(Sum("academic_hours"), 0))["total"]
    return days_from_hours(hours)


def reports_owed(school_ids):
    """Attended catalogue events (and approved outside events already over) of the schools' teachers
    with no report to the methodical group yet."""


    teacher_ids = Membership.objects.active().filter(
        organisation_id__in=list(school_ids), role=Role.TEACHER
    ).values("user_id")
    registrations = (
        Registration.objects.filter(
            teacher_id__in=teacher_ids, status=Registration.Status.ATTENDED, school_id__in=list(school_ids)
        )
        .filter(~Exists(ReportBack.objects.filter(registration=OuterRef("pk"))))
        .select_related("teacher", "event")
        .order_by("-event__ends_on", lt_order("teacher__last_name"))
    )
    outside = (
        LeaveRequest.objects.filter(
            school_id__in=list(school_ids), status=LeaveRequest.Status.APPROVED, registration__isnull=True,
            ends_on__lt=timezone.localdate(),
        )
        .filter(~Exists(ReportBack.objects.filter(leave_request=OuterRef("pk"))))
        .select_related("teacher")
        .order_by("-ends_on")
    )
    return registrations, outside


def reports_owed_by(teacher):
    registrations = (
        Registration.objects.filter(teacher=teacher, status=Registration.Status.ATTENDED)
        .filter(~Exists(ReportBack.objects.filter(registration=OuterRef("pk"))))
        .select_related("event")
    )
    outside = LeaveRequest.objects.filter(
        teacher=teacher, status=LeaveRequest.Status.APPROVED, registration__isnull=True,
        ends_on__lt=timezone.localdate(),
    ).filter(~Exists(ReportBack.objects.filter(leave_request=OuterRef("pk"))))
    return registrations, outside


def teacher_subject_ids(teacher_ids) -> dict:
    through = TeacherProfile.subjects.through
    result = defaultdict(set)
    for user_id, subject_id in through.objects.filter(teacherprofile__user_id__in=list(teacher_ids)).values_list(
        "teacherprofile__user_id", "subject_id"
    ):
        result[user_id].add(subject_id)
    return result


def overlapping_commitments(leave_request) -> list[str]:
    """Titles of the teacher's other events on the request's dates: catalogue places and other open
    or approved requests (outside events), so the teacher is warned of an overlap."""
    event_id = leave_request.registration.event_id if leave_request.registration_id else None
    titles = [event.title for event in overlapping_events(
        teacher=leave_request.teacher, starts_on=leave_request.starts_on, ends_on=leave_request.ends_on,
        exclude_event_id=event_id,
    )]
    others = (
        LeaveRequest.objects.filter(
            teacher=leave_request.teacher, registration__isnull=True,
            status__in=(*LeaveRequest.OPEN, LeaveRequest.Status.APPROVED),
            starts_on__lte=leave_request.ends_on, ends_on__gte=leave_request.starts_on,
        )
        .exclude(pk=leave_request.pk).order_by("starts_on", "id")
    )
    return titles + [other.title for other in others]


def request_trail(leave_request) -> list:
    """The request's audit trail (`kvalifikacija.audit.trail`): every step with who, when, what changed
    and why. The teacher, school and registration never change, and the deputy's comment and the
    decision note are the reasons of their steps, so they are left out of the changes."""
    return audit.trail(leave_request.history.all(),
                       hidden=("teacher", "school", "registration", "deputy_comment", "decision_note"))
