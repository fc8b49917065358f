"""Pages for partners (/centras/partneriai/), networks (/centras/tinklai/), projects
(/centras/projektai/) and schools' own events (/mokykla/renginiai/, decided at /centras/mokyklu-renginiai/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import Event
from kvalifikacija.exceptions import DomainError
from kvalifikacija.views import attempt, form_page, object_or_404, page_of
from people import roles
from people.models import Organisation

from . import permissions, services
from .forms import (
    ApproveForm,
    DeclineForm,
    LecturerAccountForm,
    NetworkEventForm,
    NetworkForm,
    ProjectForm,
    ProposalForm,
    ProviderOrganisationForm,
    ProviderProfileForm,
)
from .models import Network, PartnerProvider, Project, SchoolEventProposal


def _staff(user):
    if not roles.is_centre_staff(user):
        raise PermissionDenied
    return sorted(roles.centre_ids(user))


def _centre(centre_ids):
    return Organisation.objects.get(pk=centre_ids[0])


def _centre_list(request, queryset, name, template):
    """A page listing the objects of `queryset` that belong to the user's centre, as `name`."""
    return render(request, template, {name: queryset.filter(centre_id__in=_staff(request.user))})


def _centre_object(model, pk, centre_ids):
    """The centre's object being edited (404 for another centre's), or a new one of the user's centre."""
    return get_object_or_404(model, pk=pk, centre_id__in=centre_ids) if pk else model(centre_id=centre_ids[0])


# --- Partner providers ------------------------------------------------------------------------------------

@login_required
def provider_list(request):
    return _centre_list(request, PartnerProvider.objects.select_related("organisation"), "providers",
                        "partnerships/provider_list.html")


@login_required
def provider_form(request, pk=None):
    centre_ids = _staff(request.user)
    profile = get_object_or_404(PartnerProvider, pk=pk, centre_id__in=centre_ids) if pk else PartnerProvider()
    organisation = profile.organisation if pk else Organisation(kind=Organisation.Kind.PROVIDER)
    org_form = ProviderOrganisationForm(request.POST or None, instance=organisation, prefix="org")
    profile_form = ProviderProfileForm(request.POST or None, instance=profile, prefix="partner")
    if request.method == "POST" and org_form.is_valid() and profile_form.is_valid():
        profile = services.save_provider(centre=_centre(centre_ids), organisation_form=org_form,
                                         profile_form=profile_form)
        messages.success(request, _("The partner is saved."))
        return redirect("partnerships:provider_detail", pk=profile.pk)
    return render(request, "partnerships/provider_form.html",
                  {"org_form": org_form, "profile_form": profile_form, "profile": profile})


@login_required
def provider_detail(request, pk):
    centre_ids = _staff(request.user)
    profile = get_object_or_404(PartnerProvider.objects.select_related("organisation"), pk=pk,
                                centre_id__in=centre_ids)
    organisation = profile.organisation
    form = LecturerAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.give_lecturer_account(provider=profile, by=request.user, **form.cleaned_data)
        messages.success(request, _("The lecturer has an account; an invitation to set a password was sent."))
        return redirect("partnerships:provider_detail", pk=profile.pk)
    return render(request, "partnerships/provider_detail.html", {
        "profile": profile, "organisation": organisation, "form": form,
        "programmes": organisation.provided_programmes.filter(is_archived=False),
        "events": organisation.provided_events.exclude(status=Event.Status.DRAFT).order_by("-starts_on")[:50],
        "lecturers": organisation.memberships.filter(role="lecturer", is_active=True).select_related("user"),
    })


# --- Networks ---------------------------------------------------------------------------------------------

@login_required
def network_list(request):
    user = request.user
    if roles.is_centre_staff(user):
        networks = Network.objects.filter(centre_id__in=roles.centre_ids(user))
    elif roles.is_school_head(user):
        networks = permissions.networks_of_school_heads(user)
    else:
        raise PermissionDenied
    networks = networks.select_related("coordinator").prefetch_related("members")
    return render(request, "partnerships/network_list.html",
                  {"networks": networks, "is_staff": roles.is_centre_staff(user)})


@login_required
def network_form(request, pk=None):
    centre_ids = _staff(request.user)
    network = _centre_object(Network, pk, centre_ids)
    return form_page(request, NetworkForm(request.POST or None, instance=network), "partnerships/network_form.html",
                     {"network": network}, save=lambda form: services.save_network(form=form),
                     done=_("The network is saved."), then=page_of("partnerships:network_detail"))


_visible_network = object_or_404(Network.objects.select_related("coordinator"), permissions.can_view_network)


@login_required
def network_detail(request, pk):
    network = _visible_network(request, pk)
    is_staff = network.centre_id in roles.centre_ids(request.user)
    form = NetworkEventForm(centre_ids=roles.centre_ids(request.user)) if is_staff else None
    events = network.events.prefetch_related("open_to_schools").order_by("-starts_on")
    return render(request, "partnerships/network_detail.html", {
        "network": network, "members": network.members.order_by("name"), "events": events, "form": form,
        "is_staff": is_staff,
    })


@login_required
@require_POST
def network_add_event(request, pk):
    centre_ids = _staff(request.user)
    network = get_object_or_404(Network, pk=pk, centre_id__in=centre_ids)
    form = NetworkEventForm(request.POST, centre_ids=centre_ids)
    if form.is_valid():
        attempt(request, lambda: services.add_network_event(network=network, **form.cleaned_data),
                _("The event is tied to the network."))
    else:
        messages.error(request, _("Choose one of the centre's events."))
    return redirect("partnerships:network_detail", pk=network.pk)


# --- Projects ---------------------------------------------------------------------------------------------

@login_required
def project_list(request):
    return _centre_list(request, Project.objects.select_related("funding_source"), "projects",
                        "partnerships/project_list.html")


@login_required
def project_form(request, pk=None):
    centre_ids = _staff(request.user)
    project = _centre_object(Project, pk, centre_ids)
    return form_page(request, ProjectForm(request.POST or None, instance=project, centre_ids=centre_ids),
                     "partnerships/project_form.html", {"project": project},
                     done=_("The project is saved."), then=page_of("partnerships:project_detail"))


@login_required
def project_detail(request, pk):
    centre_ids = _staff(request.user)
    project = get_object_or_404(Project.objects.select_related("funding_source"), pk=pk, centre_id__in=centre_ids)
    return render(request, "partnerships/project_detail.html", {
        "project": project, "totals": services.project_totals(project),
        "events": project.events.order_by("starts_on"), "partners": project.partners.order_by("name"),
    })


# --- Schools' own events ----------------------------------------------------------------------------------

def _headed_school(user):
    school_ids = roles.headed_school_ids(user)
    if not school_ids:
        raise PermissionDenied
    return Organisation.objects.get(pk=min(school_ids))


@login_required
def school_proposals(request):
    """A school's heads: their proposals with the centre's decisions."""
    school_ids = roles.headed_school_ids(request.user)
    if not school_ids:
        raise PermissionDenied
    proposals = SchoolEventProposal.objects.filter(school_id__in=school_ids).select_related("event", "school")
    return render(request, "partnerships/school_proposals.html", {"proposals": proposals})


@login_required
def propose_event(request):
    school = _headed_school(request.user)
    return form_page(request, ProposalForm(request.POST or None), "partnerships/propose_event.html",
                     {"school": school}, save=lambda form: services.propose_event(school=school, by=request.user,
                                                                                  form=form),
                     done=_("The proposal is sent to the centre."), then=lambda _proposal: "partnerships:school_proposals")


@login_required
def proposal_queue(request):
    return _centre_list(request, SchoolEventProposal.objects.select_related("school", "event"), "proposals",
                        "partnerships/proposal_queue.html")


@login_required
def proposal_decide(request, pk):
    centre_ids = _staff(request.user)
    proposal = get_object_or_404(SchoolEventProposal.objects.select_related("school", "event", "proposed_by"),
                                 pk=pk, centre_id__in=centre_ids)
    approve_form = ApproveForm(centre_ids=centre_ids)
    decline_form = DeclineForm()
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "approve":
                approve_form = ApproveForm(request.POST, centre_ids=centre_ids)
                if approve_form.is_valid():
                    data = approve_form.cleaned_data
                    services.approve_proposal(proposal=proposal, by=request.user,
                                              support_money=data["support_money"] or 0, source=data["source"],
                                              support_lecturer=data["support_lecturer"],
                                              support_room=data["support_room"],
                                              support_certificates=data["support_certificates"])
                    messages.success(request, _("The support is approved; the event is in the catalogue."))
                    return redirect("partnerships:proposal_decide", pk=proposal.pk)
            else:
                decline_form = DeclineForm(request.POST)
                if decline_form.is_valid():
                    services.decline_proposal(proposal=proposal, by=request.user, **decline_form.cleaned_data)
                    messages.success(request, _("The proposal is declined; the school sees your reason."))
                    return redirect("partnerships:proposal_queue")
        except DomainError as exc:
            messages.error(request, exc.message)
    return render(request, "partnerships/proposal_decide.html",
                  {"proposal": proposal, "approve_form": approve_form, "decline_form": decline_form})
