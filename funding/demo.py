"""Demo money: for every school and the centre, sources of several of the seven kinds with realistic
yearly amounts, a few dated amendments, and a year of commitments and spending (with document
numbers), tied to teachers, registrations and leave requests where the demo has them; the centre's
fee income from paid registrations.

Everything goes through `funding.services` as people's actions do: `create_source`, `amend`, `commit`
(never past a source's balance), `mark_paid` with the document number and date, `release`, and
`record_income` for the centre's fees.

Idempotent: sources by their natural key (owner, year, kind, name); a source that already has
expenses gets no more; amendments by (source, date, reason).
"""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from events.models import Registration
from leave.models import LeaveRequest
from people.models import Membership, Role

from . import services
from .models import Expense, FundingAmendment, FundingKind, FundingSource

K = FundingKind
# kind, name, (min, max) euros, share of schools that have it
SCHOOL_SOURCES = [
    (K.TEACHING_FUNDS, "Mokymo lėšos kvalifikacijai tobulinti", (800, 3000), 1.0),
    (K.OWN_FUNDS, "Įstaigos pajamų lėšos", (150, 700), 0.8),
    (K.MUNICIPALITY, "Savivaldybės tikslinės lėšos", (300, 1500), 0.6),
    (K.PROJECTS, "Projekto „Tūkstantmečio mokyklos“ lėšos", (1000, 4000), 0.4),
    (K.SPONSORS, "Rėmėjų ir paramos (1,2 %) lėšos", (100, 600), 0.3),
    (K.COMPETITION, "Švietimo ministerijos konkurso lėšos", (500, 2000), 0.2),
]
CENTRE_SOURCES = [
    (K.PERSONAL, "Dalyvių mokesčiai už renginius", (0, 0)),
    (K.OWN_FUNDS, "Centro pajamų lėšos", (2000, 5000)),
    (K.MUNICIPALITY, "Savivaldybės tikslinės lėšos kvalifikacijai", (6000, 15000)),
    (K.PROJECTS, "ES projekto „Kokybės krepšelis“ lėšos", (3000, 9000)),
    (K.COMPETITION, "Nacionalinės švietimo agentūros konkurso lėšos", (1500, 4000)),
]
SPENDING = [
    "Seminaro dalyvio mokestis", "Kursų mokestis", "Kelionės išlaidos į konferenciją",
    "Nakvynė stažuotės metu", "Lektoriaus honoraras (mokyklos renginys)", "Kvalifikacijos programos mokestis",
    "Dienpinigiai (užsienio komandiruotė)", "Vebinaro prieiga", "Metodinės medžiagos spausdinimas",
]
CENTRE_SPENDING = [
    "Lektoriaus honoraras", "Salės nuoma", "Renginio medžiaga ir spauda", "Kavos pertraukos",
    "Transportas edukacinei išvykai", "Nuotolinės platformos licencija",
]


def _money(rng, low, high, step=10):
    return Decimal(rng.randrange(low // step, high // step + 1) * step).quantize(Decimal("0.01"))


def _source(owner, kind, name, year, amount, notes="", by=None):
    source = FundingSource.objects.filter(owner=owner, year=year, kind=kind, name=name).first()
    return source or services.create_source(owner=owner, kind=kind, name=name, year=year, amount=amount, by=by,
                                            notes=notes)


def _amend(source, date, amount, reason, by):
    if not FundingAmendment.objects.filter(source=source, date=date, reason=reason).exists():
        services.amend(source=source, amount=amount, date=date, reason=reason, by=by)


def _spend(rng, source, items, *, year, today, by, budget_share=0.75):
    """Commitments up to `budget_share` of the amended amount, through the services: older ones paid
    (with document numbers), recent ones still committed, a few released. `items` are dicts with the
    amount, the day and what the money is for (teacher, registration, leave request, event)."""
    planned = source.amount + sum((a.amount for a in source.amendments.all()), Decimal("0"))
    limit = planned * Decimal(str(budget_share))
    used = Decimal("0")
    for n, item in enumerate(items, start=1):
        amount, day = item.pop("amount"), item.pop("day")
        if used + amount > limit:
            break
        teacher = item.get("teacher")
        if by is not None and teacher is not None and teacher.pk == by.pk:
            continue  # nobody commits money to themselves
        expense = services.commit(source=source, amount=amount, by=by, **item)
        if rng.random() < 0.06:
            services.release(expense=expense, by=by)
            continue
        used += amount
        if day < today - dt.timedelta(days=25):
            services.mark_paid(expense=expense, paid_on=min(day + dt.timedelta(days=rng.randint(3, 20)), today),
                               document_number=f"SF-{year}-{source.owner_id:02d}{n:03d}", by=by)


def seed(ctx):
    rng = random.Random(f"funding-{ctx['year']}")
    year = ctx["year"]
    today = timezone.localdate()
    last_day = min(today, dt.date(year, 12, 31))
    first_day = dt.date(year, 1, 10)
    span = max((last_day - first_day).days, 1)

    def day():
        return first_day + dt.timedelta(days=rng.randint(0, span))

    people = {user.pk: user for user in ctx["teachers"]}
    heads = ctx.get("heads", {})
    centre = ctx["centre"]
    staff = ctx["demo"].get("centre_staff")
    teachers_of = {}
    for org_id, user_id in Membership.objects.filter(
            organisation__in=ctx["schools"], role=Role.TEACHER, is_active=True).values_list("organisation_id", "user_id"):
        teachers_of.setdefault(org_id, []).append(user_id)
    attended = {}
    for reg in Registration.objects.filter(school__in=ctx["schools"], event__starts_on__year=year,
                                           status__in=[Registration.Status.ATTENDED, Registration.Status.CONFIRMED]
                                           ).select_related("event").order_by("id"):
        attended.setdefault(reg.school_id, []).append(reg)
    leave_requests = {}
    for leave in LeaveRequest.objects.filter(school__in=ctx["schools"], status=LeaveRequest.Status.APPROVED,
                                             cost__gt=0, starts_on__year=year).order_by("id"):
        leave_requests.setdefault(leave.school_id, []).append(leave)

    for school in ctx["schools"]:
        director = heads.get(school.pk, (None, None))[0]
        for index, (kind, name, (low, high), share) in enumerate(SCHOOL_SOURCES):
            # Which sources a school has and their amounts depend only on the school, so a second run
            # finds the same ones.
            plan = random.Random(f"{year}-{school.name}-{kind}")
            if index and plan.random() > share:
                continue
            source = _source(school, kind, name, year, _money(plan, low, high),
                             notes="Patvirtinta direktoriaus įsakymu" if kind == K.TEACHING_FUNDS else "", by=director)
            if kind == K.TEACHING_FUNDS:
                _amend(source, dt.date(year, 3, 15), _money(plan, 100, 400), "Papildomas finansavimas iš savivaldybės",
                       director)
                if plan.random() < 0.5:
                    _amend(source, dt.date(year, 9, 1), -_money(plan, 50, 150), "Lėšų perskirstymas ugdymo priemonėms",
                           director)
            if source.expenses.exists():
                continue
            items = []
            if kind == K.TEACHING_FUNDS:
                for leave in leave_requests.get(school.pk, []):
                    if not leave.expenses.exists():
                        items.append({"amount": leave.cost, "day": leave.starts_on, "leave_request": leave,
                                      "description": leave.title or "Prašymas"})
                for reg in attended.get(school.pk, [])[:12]:
                    fee = reg.event.fee if reg.event.fee > 0 else _money(rng, 15, 60, 5)
                    items.append({"amount": fee, "day": reg.event.starts_on, "registration": reg, "event": reg.event,
                                  "teacher": reg.teacher, "description": f"Dalyvio mokestis: {reg.event.title}"})
            teachers = teachers_of.get(school.pk) or [None]
            for _ in range(rng.randint(4, 10) if kind == K.TEACHING_FUNDS else rng.randint(1, 4)):
                items.append({"amount": _money(rng, 20, 180, 5), "day": day(), "teacher": people.get(rng.choice(teachers)),
                              "description": rng.choice(SPENDING)})
            rng.shuffle(items)
            _spend(rng, source, items, year=year, today=today, by=director)

    events = list(ctx.get("events") or [])
    for kind, name, (low, high) in CENTRE_SOURCES:
        plan = random.Random(f"{year}-{centre.name}-{kind}")
        source = _source(centre, kind, name, year, _money(plan, low, high, 100) if high else Decimal("0.00"),
                         notes="Dalyvių mokesčiai: sąskaitos mokykloms arba asmenims" if kind == K.PERSONAL else "",
                         by=staff)
        if kind == K.MUNICIPALITY:
            _amend(source, dt.date(year, 6, 1), _money(plan, 500, 2000, 100), "Savivaldybės tarybos sprendimas", staff)
        if source.expenses.exists():
            continue
        if kind == K.PERSONAL:
            for n, reg in enumerate(Registration.objects.filter(
                    event__organiser=centre, event__fee__gt=0, event__starts_on__year=year,
                    status__in=[Registration.Status.ATTENDED, Registration.Status.CONFIRMED],
                    event__starts_on__lt=today).select_related("event", "teacher").order_by("id"), start=1):
                if rng.random() < 0.3:
                    continue  # not paid yet
                services.record_income(
                    source=source, amount=reg.event.fee, by=staff, registration=reg, event=reg.event,
                    teacher=reg.teacher, payer=Expense.Payer.SCHOOL if rng.random() < 0.8 else Expense.Payer.PERSON,
                    paid_on=min(reg.event.starts_on + dt.timedelta(days=rng.randint(5, 30)), today),
                    document_number=f"ŠC-{year}-{n:04d}", description=f"{reg.event.title} – {reg.teacher}")
            continue
        items = []
        for _ in range(rng.randint(5, 12)):
            event = rng.choice(events) if events else None
            items.append({"amount": _money(rng, 80, 600, 10), "day": event.starts_on if event and event.starts_on
                          and event.starts_on.year == year else day(), "event": event,
                          "description": rng.choice(CENTRE_SPENDING)})
        _spend(rng, source, items, year=year, today=today, by=staff, budget_share=0.7)
