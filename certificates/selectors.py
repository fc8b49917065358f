"""Read queries shared by the record page, its PDF and ZIP, and the school heads' views."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import timezone

from events.models import Registration
from lithuanian.collation import lt_order
from people.models import Role, TeacherProfile, User
from people.qualification import QualificationDays, qualification_days, qualification_days_by_year

from .models import Certificate, OutsideCertificate
from .services.issuing import pending_evaluation_surveys


@dataclass
class RecordEntry:
    """One line of the record: an attended event (with its certificate, once issued), a lecturer's
    statement, or an outside certificate."""

    kind: str  # "event" | "statement" | "outside"
    title: str
    provider: str
    starts_on: date
    ends_on: date
    academic_hours: int
    counts: bool
    certificate: Certificate | None = None
    outside: OutsideCertificate | None = None
    evaluation_survey_id: int | None = None  # the evaluation the holder must answer before downloading
    module: str = ""

    @property
    def evaluation_pending(self):
        return self.evaluation_survey_id is not None

    @property
    def downloadable(self):
        return self.certificate is not None and self.certificate.is_valid and not self.evaluation_pending


@dataclass
class RecordYear:
    year: int
    entries: list = field(default_factory=list)
    standing: QualificationDays | None = None

    def __post_init__(self):
        if self.standing is None:
            self.standing = QualificationDays(year=self.year)

    @property
    def hours(self):
        return self.standing.done_hours


@dataclass
class TeacherRecord:
    teacher: User
    profile: TeacherProfile | None
    years: list
    current_year: int

    @property
    def current(self):
        for item in self.years:
            if item.year == self.current_year:
                return item
        return RecordYear(self.current_year)

    @property
    def hours_per_day(self):
        return settings.ACADEMIC_HOURS_PER_DAY

    @property
    def attestation_due(self):
        return bool(self.profile and self.profile.attestation_year == self.current_year)

    @property
    def certificates(self):
        return [entry.certificate for year in self.years for entry in year.entries if entry.certificate]

    @property
    def outside_certificates(self):
        return [entry.outside for year in self.years for entry in year.entries if entry.outside]


def teacher_record(teacher, *, viewer=None, today=None) -> TeacherRecord:
    """Every certificate of the teacher, issued here or uploaded, grouped by calendar year, with the
    hours and days that count: attended events and recognised outside certificates."""
    today = today or timezone.localdate()
    viewer = viewer or teacher
    profile = TeacherProfile.objects.filter(user=teacher).select_related("user").first()
    certificates = list(
        Certificate.objects.filter(holder=teacher).select_related("event").order_by("-issued_at", "-id")
    )
    valid_by_event = {}
    for certificate in certificates:
        if certificate.is_valid and certificate.kind == Certificate.Kind.CERTIFICATE:
            valid_by_event.setdefault(certificate.event_id, certificate)
    pending = pending_evaluation_surveys(viewer, valid_by_event) if viewer.pk == teacher.pk else {}
    by_year = defaultdict(list)
    attended = (
        Registration.objects.filter(teacher=teacher, status=Registration.Status.ATTENDED)
        .select_related("event__organiser", "event__provider", "event__module")
    )
    counting = set(Registration.objects.filter(teacher=teacher).counting().values_list("pk", flat=True))
    for registration in attended:
        event = registration.event
        ends_on = event.ends_on or event.starts_on
        certificate = valid_by_event.get(event.pk)
        by_year[ends_on.year].append(RecordEntry(
            kind="event", title=event.title, provider=str(event.provider or event.organiser),
            starts_on=event.starts_on or ends_on, ends_on=ends_on, academic_hours=event.academic_hours,
            counts=registration.pk in counting, certificate=certificate, evaluation_survey_id=pending.get(event.pk),
            module=certificate.module_title if certificate else (event.module.title if event.module_id else ""),
        ))
    for certificate in certificates:
        if certificate.kind == Certificate.Kind.STATEMENT:
            by_year[certificate.ends_on.year].append(RecordEntry(
                kind="statement", title=certificate.title, provider=certificate.issuer_name,
                starts_on=certificate.starts_on, ends_on=certificate.ends_on,
                academic_hours=certificate.academic_hours, counts=False, certificate=certificate,
                module=certificate.module_title,
            ))
    for outside in OutsideCertificate.objects.filter(teacher=teacher):
        by_year[outside.ends_on.year].append(RecordEntry(
            kind="outside", title=outside.title, provider=outside.provider_name, starts_on=outside.starts_on,
            ends_on=outside.ends_on, academic_hours=outside.counted_hours,
            counts=outside.status == OutsideCertificate.Status.RECOGNISED, outside=outside,
        ))
    by_year.setdefault(today.year, [])
    figures = qualification_days_by_year(teacher_ids=[teacher.pk], years=set(by_year), today=today)
    years = [
        RecordYear(year, sorted(entries, key=lambda entry: (entry.starts_on, entry.title)),
                   standing=figures[(teacher.pk, year)])
        for year, entries in sorted(by_year.items(), reverse=True)
    ]
    return TeacherRecord(teacher=teacher, profile=profile, years=years, current_year=today.year)


def _school_teacher_queryset(school):
    return (
        User.objects.filter(
            memberships__organisation=school, memberships__role=Role.TEACHER, memberships__is_active=True
        )
        .select_related("teacher_profile")
        .annotate(waiting=Count(
            "outside_certificates", filter=Q(outside_certificates__status=OutsideCertificate.Status.PENDING),
            distinct=True,
        ))
        .order_by(lt_order("last_name"), lt_order("first_name"), "id")
    )


def _rows(teachers, year):
    days = qualification_days(teacher_ids=[person.pk for person in teachers], year=year)
    rows = []
    for person in teachers:
        profile = getattr(person, "teacher_profile", None)
        rows.append({
            "teacher": person,
            "profile": profile,
            "standing": days[person.pk],
            "attestation_due": bool(profile and profile.attestation_year == year),
            "waiting": person.waiting,
        })
    return rows


def school_teachers(school, *, year) -> list[dict]:
    """The school's teachers with hours and days in `year`, whether they are below the yearly minimum,
    whether their attestation is due, and outside certificates waiting; three queries in all."""
    return _rows(list(_school_teacher_queryset(school)), year)


def school_teachers_page(school, *, year, show="", page=None, per_page=50):
    """One page of `school_teachers` (the page object and its rows) in a constant number of queries,
    whatever the school's size: only the page's teachers are read and counted. `show` narrows the list:
    "zemiau" to those below the yearly minimum (their days are summed in the database), "atestacija"
    to those whose attestation is due in `year`."""
    queryset = _school_teacher_queryset(school)
    if show == "atestacija":
        queryset = queryset.filter(teacher_profile__attestation_year=year)
    elif show == "zemiau":
        everyone = list(User.objects.filter(
            memberships__organisation=school, memberships__role=Role.TEACHER, memberships__is_active=True,
        ).values_list("pk", flat=True))
        days = qualification_days(teacher_ids=everyone, year=year)
        queryset = queryset.filter(pk__in=[pk for pk in everyone if not days[pk].reached_minimum])
    page_obj = Paginator(queryset, per_page).get_page(page)
    return page_obj, _rows(list(page_obj.object_list), year)


def event_certificates(event):
    return (
        Certificate.objects.filter(event=event)
        .select_related("holder", "replaces", "replaced_by")
        .order_by("kind", lt_order("holder_name"), "-issued_at")
    )
