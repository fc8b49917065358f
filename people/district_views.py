"""Pages that let a district run itself without the Django admin: organisations (the municipality),
a school's staff and attestation programme (the school's heads), the centre's staff and lecturers,
invitations and imports."""


from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalifikacija.exceptions import DomainError
from kvalifikacija.views import attempt, form_errors_text, object_or_404
from lithuanian.collation import lt_order

from . import import_flow, invitations, roles, staff
from .forms import (
    AttestationRowForm,
    OrganisationForm,
    PersonForm,
    StaffMemberForm,
)
from .importers import SchoolListImporter, StaffImporter
from .models import Invitation, Membership, Organisation, Role, TeacherProfile
from .school_pages import headed_school, headed_schools

# --- Invitations ---------------------------------------------------------------------------------------

def invitation(request, token):
    """The invited person chooses a password and is signed in; a used, withdrawn, replaced or expired
    link says so (410)."""
    found, refusal = invitations.check(token)
    if refusal:
        return render(request, "people/invitation.html", {"refusal": invitations.REFUSALS[refusal]}, status=410)
    form = SetPasswordForm(found.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accepted = invitations.accept(token=token, password=form.cleaned_data["new_password1"])
        except DomainError as error:
            return render(request, "people/invitation.html", {"refusal": error.message}, status=410)
        login(request, accepted.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your password is set. Welcome!"))
        return redirect("profile")
    return render(request, "people/invitation.html", {"form": form, "invitation": found})


_managed_membership = object_or_404(Membership.objects.select_related("user", "organisation"),
                                    staff.can_manage_membership, hidden=True)


def _back(membership):
    kind = membership.organisation.kind
    if kind == Organisation.Kind.SCHOOL and membership.role in staff.SCHOOL_ROLES:
        return f"{reverse('school_staff')}?school={membership.organisation_id}"
    if membership.role in staff.CENTRE_ROLES and kind in (Organisation.Kind.CENTRE, Organisation.Kind.PROVIDER):
        return reverse("centre_staff")
    return reverse("organisation_edit", args=[membership.organisation_id])


@login_required
@require_POST
def membership_invitation(request, pk):
    """Resend or withdraw the invitation of a person one may manage."""
    membership = _managed_membership(request, pk)
    action = request.POST.get("action")
    latest = invitations.latest_invitation(membership.user)
    try:
        if action == "resend":
            if latest is None:
                if invitations.invite(user=membership.user, organisation=membership.organisation,
                                      by=request.user) is None:
                    raise invitations.InvitationError(_("The person has already set a password."))
            else:
                invitations.resend(invitation=latest, by=request.user)
            messages.success(request, _("The invitation was sent again."))
        elif action == "withdraw" and latest is not None:
            invitations.withdraw(invitation=latest, by=request.user)
            messages.success(request, _("The invitation was withdrawn; its link no longer works."))
        else:
            return HttpResponse(status=400)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(_back(membership))


@login_required
@require_POST
def membership_end(request, pk):
    """Remove a person from the organisation as of today (the membership ends; the history stays)."""
    membership = _managed_membership(request, pk)
    attempt(request, lambda: staff.end_membership(membership=membership, by=request.user),
            _("%(name)s no longer works here (from %(date)s).") % {
                "name": membership.user, "date": timezone.localdate().isoformat()})
    return redirect(_back(membership))


def _people_rows(memberships):
    """Memberships with the person's latest invitation attached as `invitation`."""
    rows = list(memberships)
    latest = {}
    for item in Invitation.objects.filter(user_id__in={m.user_id for m in rows}).order_by("created_at", "pk"):
        latest[item.user_id] = item
    for membership in rows:
        membership.invitation = latest.get(membership.user_id)
    return rows


def _add_person(request, form, organisation):
    try:
        membership = staff.add_person(
            organisation=organisation, by=request.user, email=form.cleaned_data["email"],
            first_name=form.cleaned_data["first_name"], last_name=form.cleaned_data["last_name"],
            role=form.cleaned_data["role"], position=form.cleaned_data["position"],
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return None
    messages.success(request, _("%(name)s was added; an invitation goes out unless the person already signs in.")
                     % {"name": membership.user})
    return membership


# --- Organisations (the municipality) -------------------------------------------------------------------

@login_required
def organisation_list(request):
    if not staff.can_view_organisations(request.user):
        raise PermissionDenied
    organisations = staff.organisations_visible_to(request.user).order_by("kind", "-is_active", lt_order("name"))
    return render(request, "people/organisation_list.html", {
        "organisations": organisations, "can_manage": staff.can_manage_organisations(request.user)})


@login_required
def organisation_create(request):
    if not staff.can_manage_organisations(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, initial={"kind": Organisation.Kind.SCHOOL})
    if request.method == "POST" and form.is_valid():
        organisation = staff.save_organisation(form=form, by=request.user)
        messages.success(request, _("The organisation is saved. Now add its head."))
        return redirect("organisation_edit", organisation.pk)
    return render(request, "people/organisation_form.html", {"form": form})


@login_required
def organisation_edit(request, pk):
    """The organisation's details and its people with roles; the administrator adds its head."""
    if not staff.can_manage_organisations(request.user):
        raise PermissionDenied
    organisation = get_object_or_404(Organisation, pk=pk)
    form = OrganisationForm(request.POST or None, instance=organisation, prefix="org")
    person_form = PersonForm(request.POST or None, roles=staff.roles_given_by(request.user, organisation),
                             prefix="person")
    if request.method == "POST":
        if "org-name" in request.POST and form.is_valid():
            staff.save_organisation(form=form, by=request.user)
            messages.success(request, _("The organisation is saved."))
            return redirect("organisation_edit", pk)
        if "person-email" in request.POST and person_form.is_valid():
            if _add_person(request, person_form, organisation):
                return redirect("organisation_edit", pk)
    people = _people_rows(Membership.objects.filter(organisation=organisation, is_active=True)
                          .select_related("user").order_by("role", lt_order("user__last_name")))
    return render(request, "people/organisation_edit.html", {
        "organisation": organisation, "form": form, "person_form": person_form, "people": people})


# --- Imports (two steps: preview, then apply) ----------------------------------------------------------

@login_required
def organisation_import(request):
    if not staff.can_manage_organisations(request.user):
        raise PermissionDenied
    context = {"title": _("Import the district's schools"), "template_url": reverse("organisation_import_template"),
               "back_url": reverse("organisation_list")}
    report, form, preview = import_flow.import_step(request, SchoolListImporter(), "school_import", context)
    if report is not None:
        messages.success(request, _("Imported: %(created)s new, %(changed)s changed, %(unchanged)s unchanged.")
                         % {"created": report.created, "changed": report.changed, "unchanged": report.unchanged})
        return redirect("organisation_list")
    context.update(form=form, preview=preview)
    return render(request, "people/import.html", context)


@login_required
def organisation_import_template(request):
    if not staff.can_manage_organisations(request.user):
        raise PermissionDenied
    return import_flow.template_response(SchoolListImporter())


# --- A school's staff -----------------------------------------------------------------------------------

def _school_context(request, school):
    return {"school": school, "schools": headed_schools(request)}


@login_required
def school_staff(request):
    """The school's people: role, position, subjects, category, attestation, last sign-in, invitation."""
    school = headed_school(request)
    memberships = (
        Membership.objects.filter(organisation=school, is_active=True)
        .select_related("user", "user__teacher_profile")
        .prefetch_related("user__teacher_profile__subjects")
        .order_by(lt_order("user__last_name"), lt_order("user__first_name"), "role")
    )
    context = _school_context(request, school)
    context["people"] = _people_rows(memberships)
    for membership in context["people"]:
        membership.profile = getattr(membership.user, "teacher_profile", None)
    context["left"] = (Membership.objects.filter(organisation=school, is_active=False, ended_on__isnull=False)
                       .select_related("user").order_by("-ended_on")[:50])
    return render(request, "people/school_staff.html", context)


@login_required
def school_staff_add(request):
    school = headed_school(request)
    form = PersonForm(request.POST or None, roles=staff.roles_given_by(request.user, school))
    if request.method == "POST" and form.is_valid() and _add_person(request, form, school):
        return redirect(f"{reverse('school_staff')}?school={school.pk}")
    context = _school_context(request, school)
    context["form"] = form
    return render(request, "people/person_form.html", context)


@login_required
def school_staff_edit(request, pk):
    """The school records a person's position, subjects, category (the commission's decision) and the
    attestation programme's row."""
    membership = get_object_or_404(Membership.objects.select_related("user", "organisation"), pk=pk,
                                   organisation__kind=Organisation.Kind.SCHOOL)
    if membership.organisation_id not in roles.headed_school_ids(request.user) or \
            membership.role not in staff.SCHOOL_ROLES:
        raise Http404
    profile = TeacherProfile.objects.filter(user=membership.user).first()
    initial = {"position": membership.position}
    if profile:
        initial.update(position=profile.position or membership.position, subjects=profile.subjects.all(),
                       category=profile.category, category_since=profile.category_since,
                       attestation_category_sought=profile.attestation_category_sought,
                       attestation_year=profile.attestation_year)
    form = StaffMemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        staff.update_teacher(membership=membership, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(f"{reverse('school_staff')}?school={membership.organisation_id}")
    return render(request, "people/staff_edit.html", {"membership": membership, "form": form})


@login_required
def school_staff_import(request):
    school = headed_school(request)
    context = _school_context(request, school)
    context.update(title=_("Import the staff list"), back_url=f"{reverse('school_staff')}?school={school.pk}",
                   template_url=reverse("school_staff_import_template"))
    report, form, preview = import_flow.import_step(request, StaffImporter(school=school, by=request.user),
                                         f"staff_import_{school.pk}", context)
    if report is not None:
        messages.success(request, _("Imported: %(created)s new, %(changed)s changed, %(unchanged)s unchanged.")
                         % {"created": report.created, "changed": report.changed, "unchanged": report.unchanged})
        return redirect(context["back_url"])
    context.update(form=form, preview=preview)
    return render(request, "people/import.html", context)


@login_required
def school_staff_import_template(request):
    school = headed_school(request)
    return import_flow.template_response(StaffImporter(school=school, by=request.user))


@login_required
def attestation_programme(request):
    """The school's rolling three-year attestation programme: per teacher, the category sought and the
    year; a row saved here feeds the "attestation due this year" priority rule."""
    school = headed_school(request)
    if request.method == "POST":
        form = AttestationRowForm(request.POST)
        if form.is_valid():
            teacher = get_object_or_404(
                Membership.objects.select_related("user"), organisation=school, role=Role.TEACHER,
                is_active=True, user_id=form.cleaned_data["teacher"]).user
            attempt(request, lambda: staff.set_attestation(
                school=school, teacher=teacher, by=request.user, year=form.cleaned_data["attestation_year"],
                category_sought=form.cleaned_data["attestation_category_sought"]), _("Saved: %(name)s.") % {"name": teacher})
            return redirect(f"{reverse('attestation_programme')}?school={school.pk}")
        messages.error(request, _("Check the year: %(errors)s") % {"errors": form_errors_text(form, sep=" ")})
    year = timezone.localdate().year
    teachers = (
        TeacherProfile.objects.filter(user__memberships__organisation=school, user__memberships__role=Role.TEACHER,
                                      user__memberships__is_active=True)
        .select_related("user").distinct().order_by("attestation_year", lt_order("user__last_name"), lt_order("user__first_name"))
    )
    rows = [(profile, AttestationRowForm(initial={
        "teacher": profile.user_id, "attestation_year": profile.attestation_year,
        "attestation_category_sought": profile.attestation_category_sought}, prefix=f"t{profile.user_id}"))
        for profile in teachers]
    context = _school_context(request, school)
    context.update(rows=rows, years=(year, year + 1, year + 2))
    return render(request, "people/attestation.html", context)


# --- The centre's staff and lecturers -------------------------------------------------------------------

@login_required
def centre_staff(request):
    """Centre staff keep the centre's own staff and the lecturers (of the centre or of an outside
    provider) who can be named on events."""
    centres = roles.centre_ids(request.user)
    if not centres:
        raise PermissionDenied
    organisations = Organisation.objects.filter(pk__in=centres) | Organisation.objects.filter(
        kind=Organisation.Kind.PROVIDER, is_active=True)
    form = PersonForm(request.POST or None, roles=staff.CENTRE_ROLES, organisations=organisations.order_by("kind", lt_order("name")))
    if request.method == "POST" and form.is_valid() and _add_person(request, form, form.cleaned_data["organisation"]):
        return redirect("centre_staff")
    memberships = (Membership.objects.filter(is_active=True, role__in=staff.CENTRE_ROLES)
                   .filter(organisation__in=organisations).select_related("user", "organisation")
                   .order_by("role", lt_order("user__last_name"), lt_order("user__first_name")))
    return render(request, "people/centre_staff.html", {"people": _people_rows(memberships), "form": form})
