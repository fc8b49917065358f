"""Plan against actual for a yearly plan: what was planned, what was held, how full, at what cost.

Per form and per month: events planned (everything published in the plan year, including those later
cancelled), held, cancelled, still to come; the fill rate of limited events; participants who attended
and participant-hours; the cost (commitments and spending tied to the events, their registrations or
the leave requests for them) per participant-hour; the mix of funding-source kinds; and the centre's
yearly activity figures (events, participants, hours, the share held remotely). A constant number of
queries whatever the number of events.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.dates import MONTHS

from events.models import DeliveryMode, Event, Form, Registration

from .models import Expense, FundingKind

ZERO = Decimal("0.00")


@dataclass
class Row:
    label: str
    planned: int = 0
    held: int = 0
    cancelled: int = 0
    upcoming: int = 0
    seats: int = 0
    seats_taken: int = 0
    participants: int = 0
    participant_hours: int = 0
    academic_hours: int = 0
    remote_held: int = 0
    cost: Decimal = ZERO
    held_cost: Decimal = ZERO
    by_kind: dict = field(default_factory=lambda: defaultdict(lambda: ZERO))

    def add(self, event, cost, kinds):
        self.planned += 1
        if event.status == Event.Status.CANCELLED:
            self.cancelled += 1
            return
        if event.status == Event.Status.COMPLETED:
            self.held += 1
            self.academic_hours += event.academic_hours
            self.remote_held += event.delivery_mode in (DeliveryMode.REMOTE, DeliveryMode.BLENDED)
        else:
            self.upcoming += 1
        if not event.is_unlimited:
            self.seats += event.seats
            self.seats_taken += min(event.seats_taken, event.seats)
        self.participants += event.attended
        self.participant_hours += event.attended * event.academic_hours
        self.cost += cost
        if event.status == Event.Status.COMPLETED:
            self.held_cost += cost
        for kind, amount in kinds.items():
            self.by_kind[kind] += amount

    @property
    def fill_rate(self):
        return round(100 * self.seats_taken / self.seats, 1) if self.seats else None

    @property
    def cancellation_rate(self):
        return round(100 * self.cancelled / self.planned, 1) if self.planned else None

    @property
    def cost_per_participant_hour(self):
        """Money of the events held, per hour a participant attended (events still to come are left out)."""
        if not self.participant_hours:
            return None
        return (self.held_cost / self.participant_hours).quantize(Decimal("0.01"))

    @property
    def remote_share(self):
        return round(100 * self.remote_held / self.held, 1) if self.held else None

    def kind_shares(self):
        total = sum(self.by_kind.values(), ZERO)
        return [
            (label, self.by_kind.get(kind, ZERO), round(100 * self.by_kind.get(kind, ZERO) / total, 1) if total else None)
            for kind, label in FundingKind.choices
        ]

    def mix(self):
        """The kinds that paid, largest first, as (label, share %)."""
        return [(label, share) for label, amount, share in sorted(self.kind_shares(), key=lambda k: -k[1]) if amount]


def _costs(event_ids):
    """{event_id: {funding kind: amount}} of commitments and spending tied to the events (one query)."""
    rows = (
        Expense.objects.filter(direction=Expense.Direction.EXPENSE,
                               status__in=[Expense.Status.COMMITTED, Expense.Status.SPENT])
        .annotate(event_key=Coalesce("event_id", "registration__event_id", "leave_request__registration__event_id"))
        .filter(event_key__in=event_ids)
        .values("event_key", "source__kind")
        .annotate(total=Sum("amount"))
    )
    costs = defaultdict(dict)
    for row in rows:
        costs[row["event_key"]][row["source__kind"]] = row["total"]
    return costs


def plan_against_actual(*, organiser, year) -> dict:
    events = list(
        Event.objects.filter(organiser=organiser, plan_year=year)
        .exclude(status=Event.Status.DRAFT)
        .annotate(
            seats_taken=Count("registrations", filter=Q(registrations__status__in=Registration.SEAT_HOLDING)),
            attended=Count("registrations", filter=Q(registrations__status=Registration.Status.ATTENDED)),
        )
        .order_by("starts_on", "pk")
    )
    costs = _costs([e.pk for e in events])
    form_labels = dict(Form.choices)
    total = Row(label="")
    by_form = {value: Row(label=str(label)) for value, label in Form.choices}
    by_month = {month: Row(label=str(MONTHS[month])) for month in range(1, 13)}
    for event in events:
        kinds = costs.get(event.pk, {})
        cost = sum(kinds.values(), ZERO)
        total.add(event, cost, kinds)
        by_form.setdefault(event.form, Row(label=form_labels.get(event.form, event.form))).add(event, cost, kinds)
        if event.starts_on:
            by_month[event.starts_on.month].add(event, cost, kinds)
    return {
        "year": year,
        "organiser": organiser,
        "total": total,
        "by_form": [row for row in by_form.values() if row.planned],
        "by_month": [row for row in by_month.values() if row.planned],
    }


