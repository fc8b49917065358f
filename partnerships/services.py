"""Partners, networks, projects and schools' own events: every rule here, views only call these."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Registration
from events.services import events as event_services
from funding import services as funding
from funding.models import Expense
from kvalifikacija.exceptions import DomainError
from kvalifikacija.locks import lock_row
from kvalifikacija.text import required_text
from notices.services import notify
from people import roles
from people.invitations import invite
from people.models import Organisation, Role
from people.staff import ensure_membership, ensure_person

from . import permissions
from .models import Network, PartnerProvider, SchoolEventProposal


class PartnershipError(DomainError):
    default_message = _("This change is not allowed.")


# --- Partner providers ------------------------------------------------------------------------------------

def save_provider(*, centre, organisation_form, profile_form) -> PartnerProvider:
    """Save a partner provider: its organisation (kind *outside provider*) and its partner details."""
    with transaction.atomic():
        organisation = organisation_form.save(commit=False)
        organisation.kind = Organisation.Kind.PROVIDER
        organisation.save()
        profile = profile_form.save(commit=False)
        profile.organisation = organisation
        if not profile.centre_id:
            profile.centre = centre
        profile.save()
    return profile


def give_lecturer_account(*, provider, by, email, first_name, last_name):
    """A provider's lecturer gets an account: a lecturer membership at the provider and an invitation
    to set a password (sent once; a person who already signs in just gets the role)."""
    with transaction.atomic():
        user, _created = ensure_person(email=email, first_name=first_name, last_name=last_name)
        membership, _changed = ensure_membership(user=user, organisation=provider.organisation, role=Role.LECTURER)
        invite(user=user, organisation=provider.organisation, by=by)
    roles.forget_memberships(user)
    return membership


# --- Networks ---------------------------------------------------------------------------------------------

def save_network(*, form) -> Network:
    """Save a network and its members; its members-only events follow the new member list."""
    with transaction.atomic():
        network = form.save()
        for event in network.events.filter(open_to_schools__isnull=False).distinct():
            event.open_to_schools.set(network.members.all())
    return network


def add_network_event(*, network, event, members_only) -> Event:
    """Tie an event to the network; a members-only event takes only the member schools' teachers."""
    if event.organiser_id != network.centre_id:
        raise PartnershipError(_("Only the centre's own events can be tied to its network."))
    with transaction.atomic():
        network.events.add(event)
        if members_only:
            event.open_to_schools.set(network.members.all())
        else:
            event.open_to_schools.clear()
    return event


# --- Projects ---------------------------------------------------------------------------------------------

def project_totals(project) -> dict:
    """The project's events, participants (places held and attended) and money: what its events committed
    and spent, the fee income they brought, and its funding source's planned amount."""
    zero = Value(Decimal("0.00"), output_field=DecimalField(max_digits=14, decimal_places=2))
    events = project.events.all()
    participants = Registration.objects.filter(event__in=events).aggregate(
        places=Count("pk", filter=Q(status__in=Registration.SEAT_HOLDING)),
        attended=Count("pk", filter=Q(status=Registration.Status.ATTENDED)),
    )
    money = Expense.objects.filter(event__in=events).exclude(status=Expense.Status.RELEASED).aggregate(
        spent=Coalesce(Sum("amount", filter=Q(direction=Expense.Direction.EXPENSE, status=Expense.Status.SPENT)), zero),
        committed=Coalesce(Sum("amount", filter=Q(direction=Expense.Direction.EXPENSE,
                                                  status=Expense.Status.COMMITTED)), zero),
        income=Coalesce(Sum("amount", filter=Q(direction=Expense.Direction.INCOME)), zero),
    )
    return {
        "events": events.count(), "hours": events.aggregate(h=Coalesce(Sum("academic_hours"), 0))["h"],
        **participants, **money,
        "planned": project.funding_source.amount if project.funding_source_id else None,
    }


# --- Schools' own events ----------------------------------------------------------------------------------

def the_centre():
    """The district's education centre that supports schools' own events."""
    return Organisation.objects.filter(kind=Organisation.Kind.CENTRE, is_active=True).order_by("pk").first()


def propose_event(*, school, by, form) -> SchoolEventProposal:
    """A school's director or deputy proposes the school's own event for the centre's support; the
    centre's staff are told."""
    if school.pk not in roles.headed_school_ids(by):
        raise PartnershipError(_("Only the school's director or deputy can propose its events."))
    centre = the_centre()
    if centre is None:
        raise PartnershipError(_("There is no education centre to send the proposal to."))
    with transaction.atomic():
        proposal = form.save(commit=False)
        proposal.school, proposal.centre, proposal.proposed_by = school, centre, by
        proposal.save()
    return proposal


def approve_proposal(*, proposal, by, support_money=Decimal("0"), support_lecturer="", support_room="",
                     support_certificates=False, source=None) -> SchoolEventProposal:
    """The centre supports a school's event: it is published in the catalogue as the school's event
    (organised with the centre, so it runs, registers and certifies like any other), open to the school's
    own teachers or to all; money promised is committed from the centre's chosen source."""
    if not permissions.can_decide_proposal(by, proposal):
        raise PartnershipError(_("Only the centre's staff decide on this proposal."))
    support_money = Decimal(support_money or 0)
    if support_money > 0 and source is None:
        raise PartnershipError(_("Choose the centre's funding source for the money."))
    with transaction.atomic():
        proposal = lock_row(proposal, still="may_be_decided",
                            refusal=PartnershipError(_("This proposal is already decided.")))
        place = proposal.place if not support_room else f"{support_room} ({proposal.place})"
        event = event_services.create_event(
            organiser=proposal.centre, host_school=proposal.school, by=by, status=Event.Status.PUBLISHED,
            title=proposal.title, form=proposal.form, description=proposal.description, place=place,
            academic_hours=proposal.academic_hours, seats=proposal.seats, fee=proposal.fee,
            plan_year=proposal.date.year, lecturer_names=support_lecturer,
            registration_deadline=proposal.date - dt.timedelta(days=1),
            sessions=[{"date": proposal.date, "start_time": proposal.start_time, "end_time": proposal.end_time,
                       "place": ""}],
        )
        if proposal.audience == SchoolEventProposal.Audience.OWN:
            event.open_to_schools.set([proposal.school])
        if support_money > 0:
            funding.commit(source=source, amount=support_money, by=by, event=event,
                           description=f"Parama mokyklos renginiui: {proposal.title}")
        proposal.status = SchoolEventProposal.Status.APPROVED
        proposal.support_money, proposal.support_lecturer = support_money, support_lecturer
        proposal.support_room, proposal.support_certificates = support_room, support_certificates
        proposal.decided_by, proposal.decided_at, proposal.event = by, timezone.now(), event
        proposal.save()
        transaction.on_commit(lambda: _tell_proposer(proposal))
    return proposal


def decline_proposal(*, proposal, by, reason) -> SchoolEventProposal:
    """The centre declines a school's proposal, always with a reason the school sees."""
    if not permissions.can_decide_proposal(by, proposal):
        raise PartnershipError(_("Only the centre's staff decide on this proposal."))
    reason = required_text(reason, PartnershipError(_("Give the reason for declining.")))
    with transaction.atomic():
        proposal = lock_row(proposal, still="may_be_decided",
                            refusal=PartnershipError(_("This proposal is already decided.")))
        proposal.status = SchoolEventProposal.Status.DECLINED
        proposal.decision_reason = reason
        proposal.decided_by, proposal.decided_at = by, timezone.now()
        proposal.save()
        transaction.on_commit(lambda: _tell_proposer(proposal))
    return proposal


def _tell_proposer(proposal):
    notify(kind="school_event_decided", recipient=proposal.proposed_by, key=f"school_event_decided:{proposal.pk}",
           context={"proposal": proposal}, link=reverse("partnerships:school_proposals"), centre_id=proposal.centre_id)
