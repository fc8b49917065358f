"""Demo leave data for the demo school: priorities, the planned days, requests in every state (outside
events, one abroad, catalogue ones tied to registrations), recommendations and reports back.

Idempotent: each part is skipped when the demo school already has it.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from events.models import Event, Registration
from events.services.registration import register
from funding.models import FundingKind, FundingSource
from lithuanian.holidays import next_school_day, school_days_from
from people.models import Membership, Role, User
from workflows import leave_requests

from . import services
from .models import LeaveRequest, Recommendation, ReportBack, SchoolPriority

PRIORITIES = [
    ("Įtraukusis ugdymas: kiekvieno mokinio pažanga", "Mokyklos 2026 m. veiklos plano 1 tikslas."),
    ("Skaitmeninis raštingumas ir dirbtinis intelektas pamokoje", "Veiklos plano 2 tikslas."),
    ("Mokinių emocinė gerovė ir patyčių prevencija", "Veiklos plano 3 tikslas."),
]

COVER = "Pamokas 5a ir 6b klasėse ves kolegė iš tos pačios metodinės grupės; kontrolinis perkeltas savaite vėliau."


def seed(ctx):
    school = ctx["demo_school"]
    year = ctx["year"]
    demo = ctx["demo"]
    deputy, director = demo["deputy"], demo["director"]
    events = [e for e in ctx.get("events") or [] if e.status != Event.Status.DRAFT]
    teachers = list(
        User.objects.filter(
            memberships__organisation=school, memberships__role=Role.TEACHER, memberships__is_active=True
        ).exclude(pk__in=[demo["teacher"].pk, director.pk]).distinct().order_by("email")[:12]
    )

    _priorities(school, year, deputy, events)
    teacher_count = Membership.objects.filter(organisation=school, role=Role.TEACHER, is_active=True).count()
    if not school.qualification_plans.filter(year=year).exists():
        services.set_planned_days(school=school, year=year, planned_days=Decimal(teacher_count * 5),
                                  by=director, note="Pagal mokyklos metinį veiklos planą ir mokymo lėšas.")
    if not LeaveRequest.objects.filter(school=school).exists():
        _requests(ctx, school, year, demo, teachers, events)
    if events and not Recommendation.objects.filter(school=school).exists():
        _recommendations(school, deputy, director, demo["teacher"], teachers, events)
    _reports(demo["teacher"])


def _priorities(school, year, deputy, events):
    if SchoolPriority.objects.filter(school=school, year=year).exists():
        return
    this_year = [e for e in events if e.plan_year == year]
    for order, (title, description) in enumerate(PRIORITIES, start=1):
        tied = this_year[order - 1::7][:3]
        services.save_priority(school=school, year=year, title=title, description=description, order=order,
                               events=tied, by=deputy)


def _outside(teacher, school, **fields):
    fields.setdefault("organiser_name", "Nacionalinė švietimo agentūra")
    fields.setdefault("country", "LT")
    fields.setdefault("reason", "Tobulinsiu dalykines ir didaktines kompetencijas; patirtimi pasidalinsiu metodinėje grupėje.")
    fields.setdefault("during_lessons", True)
    fields.setdefault("cover_plan", COVER if fields["during_lessons"] else "")
    return services.create_outside(teacher=teacher, school=school, **fields)


def _requests(ctx, school, year, demo, teachers, events):
    today = timezone.localdate()
    teacher, deputy, director = demo["teacher"], demo["deputy"], demo["director"]

    # Requests during lessons fall on school days (no weekends, public or school holidays).
    def day(offset):
        return next_school_day(today + dt.timedelta(days=offset))

    def span(offset, count):
        days = school_days_from(today + dt.timedelta(days=offset), count)
        return days[0], days[-1]

    # The demo teacher: an approved conference abroad (already over), a returned request and a draft.
    past_start, past_end = school_days_from(max(dt.date(year, 1, 12), today - dt.timedelta(days=40)), 2)
    abroad = _outside(teacher, school, title="Tarptautinė konferencija „Mokykla 2030“", organiser_name="Latvijas Universitāte",
                      place="Ryga", country="LV", starts_on=past_start, ends_on=past_end,
                      academic_hours=12, cost=Decimal("0"))
    services.submit(leave_request=abroad, by=teacher)
    services.agree_cover(leave_request=abroad, by=deputy, comment="Pavaduos O. Jonaitienė.")
    leave_requests.approve_request(leave_request=abroad, by=director, note="Pritariu, pasidalinkite patirtimi.", warnings_seen=True)

    returned = _outside(teacher, school, title="Seminaras „Vertinimas kaupiamuoju balu“", place="Kaunas",
                        starts_on=day(25), ends_on=day(25), academic_hours=6, cost=Decimal("35.00"),
                        cover_plan="Pamokos bus pavaduotos.")
    services.submit(leave_request=returned, by=teacher)
    services.return_request(leave_request=returned, by=deputy,
                            comment="Nurodykite, kas ves 7a klasės pamokas ir kada bus kontrolinis.")

    _outside(teacher, school, title="Vasaros akademija „Kūrybiškumas pamokoje“", organiser_name="Vilniaus universitetas",
             place="Vilnius", starts_on=day(50), ends_on=day(52), academic_hours=24, cost=Decimal("120.00"),
             during_lessons=False)

    # Other teachers: waiting for the director, decided, withdrawn.
    names = [
        ("Respublikinė matematikos mokytojų konferencija", "Šiauliai", 6, Decimal("0")),
        ("Kursai „Dirbtinis intelektas mokytojo darbe“", "Vilnius", 18, Decimal("60.00")),
        ("Erasmus+ kursai „Įtraukioji klasė“", "Barselona", 30, Decimal("0")),
        ("Seminaras „Patyčių prevencija mokykloje“", "Panevėžys", 8, Decimal("0")),
        ("Gerosios patirties sklaida: STEAM pamokos", "Klaipėda", 6, Decimal("0")),
        ("Konferencija „Lyderystė mokykloje“", "Kaunas", 8, Decimal("25.00")),
    ]
    for index, (title, place, hours, cost) in enumerate(names):
        if index >= len(teachers):
            break
        who = teachers[index]
        country = "ES" if place == "Barselona" else "LT"
        first, last = span(10 + index * 3, 3 if hours > 12 else 1)
        request = _outside(who, school, title=title, place=place, country=country, starts_on=first,
                           ends_on=last, academic_hours=hours, cost=cost,
                           during_lessons=index != 4)
        services.submit(leave_request=request, by=who)
        if request.during_lessons and index != 5:
            services.agree_cover(leave_request=request, by=deputy)
        if index == 3:
            leave_requests.reject_request(leave_request=request, by=director,
                            reason="Tą dieną vyksta mokyklos renginys; siūlome nuotolinį seminarą.")
        if index == 5:
            leave_requests.withdraw_request(leave_request=request, by=who)

    approved_other = teachers[6] if len(teachers) > 6 else None
    if approved_other:
        # Paid from the school's teaching funds: the approval commits the money (funding.demo ran first).
        source = FundingSource.objects.filter(owner=school, year=year, kind=FundingKind.TEACHING_FUNDS).first()
        request = _outside(approved_other, school, title="Seminaras „Šiuolaikinė pamoka“", place="Raseiniai",
                           starts_on=day(5), ends_on=day(5), academic_hours=6,
                           cost=Decimal("45.00") if source else Decimal("0"), funding_source=source)
        services.submit(leave_request=request, by=approved_other)
        services.agree_cover(leave_request=request, by=deputy)
        leave_requests.approve_request(leave_request=request, by=director, funding_source=source, warnings_seen=True)

    # Catalogue events: a held seat waiting for the cover, and one tied to a priority waiting for the director.

    open_events = [e for e in events if e.status == Event.Status.PUBLISHED and e.registration_open_on(today)
                   and not e.outside_working_hours]
    prioritised = set(SchoolPriority.events.through.objects.filter(schoolpriority__school=school)
                      .values_list("event_id", flat=True))
    open_events.sort(key=lambda e: (e.pk not in prioritised, e.starts_on or today))
    plan = [(teacher, False)] + [(t, True) for t in teachers[7:9]]
    for (who, to_director), event in zip(plan, open_events, strict=False):
        if Registration.objects.filter(event=event, teacher=who).exists():
            continue
        registration = register(event=event, teacher=who, school=school, needs_approval=True)
        if registration.status not in (Registration.Status.PENDING, Registration.Status.WAITLISTED):
            continue
        request = services.create_for_registration(
            registration=registration, by=who, reason="Renginys atitinka mokyklos prioritetą ir mano tobulinimo planą.",
            during_lessons=True, cover_plan=COVER,
        )
        services.submit(leave_request=request, by=who)
        if to_director:
            services.agree_cover(leave_request=request, by=deputy)


def _recommendations(school, deputy, director, demo_teacher, teachers, events):
    today = timezone.localdate()
    upcoming = [e for e in events if e.status == Event.Status.PUBLISHED and e.starts_on and e.starts_on >= today]
    if not upcoming:
        return
    services.recommend(event=upcoming[0], school=school, teachers=[demo_teacher, *teachers[:3]], by=deputy,
                       note="Renginys tiesiogiai susijęs su mūsų metų prioritetu.")
    if len(upcoming) > 3:
        services.recommend(event=upcoming[3], school=school, teachers=[demo_teacher], by=director,
                           note="Rekomenduoju prieš atestaciją.")


def _reports(teacher):
    registration = (
        Registration.objects.filter(teacher=teacher, status=Registration.Status.ATTENDED)
        .order_by("event__ends_on").first()
    )
    if registration and not ReportBack.objects.filter(registration=registration).exists():
        services.record_report_back(
            teacher=teacher, registration=registration, reported_on=timezone.localdate(),
            methodical_group="Lietuvių kalbos ir literatūros metodinė grupė",
            summary="Pristačiau seminaro medžiagą ir du praktinius užduočių pavyzdžius; sutarėme juos išbandyti 6-ose klasėse.",
        )
