"""Registration pages: register and cancel, my events, the registrants of an event, lecturers' events."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import BadRequest, PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView

from kvalifikacija.exceptions import DomainError
from kvalifikacija.params import id_param, int_param
from kvalifikacija.views import object_or_404
from people import roles
from people.models import Organisation, User
from people.staff import invite_teacher
from workflows import places

from .. import permissions, selectors
from ..attendance_pdf import attendance_sheet_pdf
from ..exports import registrants_csv, registrants_of, registrants_page, registrants_xlsx
from ..models import Event, Registration
from ..services import errors, seats, waiting_list
from ..services import registration as signup
from ..templatetags.registration_panel import panel_context


def _event_for_registration(pk):
    return get_object_or_404(Event.objects.exclude(status=Event.Status.DRAFT), pk=pk)


def _needs_approval(event):
    return signup.needs_leave_approval(event)


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    # Only a path on this site: anything else (a bare word would be taken for a view name) is ignored.
    if target and target.startswith("/") and url_has_allowed_host_and_scheme(
            target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@login_required
@require_POST
def register(request, pk):
    event = _event_for_registration(pk)
    if not permissions.can_register(request.user):
        messages.error(request, errors.NotATeacher.default_message)
        return redirect(event)
    school = None
    if request.POST.get("school", "").isdigit() and len(request.POST["school"]) < 19:
        school = Organisation.objects.filter(pk=int(request.POST["school"])).first()
    needs_approval = _needs_approval(event)
    try:
        registration = signup.register(
            event=event, teacher=request.user, school=school, needs_approval=needs_approval
        )
    except DomainError as exc:
        messages.error(request, _error_text(exc))
        return redirect(event)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You are registered. Your place is confirmed."))
    elif registration.status == Registration.Status.PENDING:
        messages.info(request, _("A seat is held for you. It is confirmed when your director approves the leave."))
    else:
        messages.warning(request, _("The event is full. You are on the waiting list, number %(position)s.")
                         % {"position": seats.position_on_joining(registration)})
    overlaps = selectors.overlapping_events(
        teacher=request.user, starts_on=event.starts_on, ends_on=event.ends_on or event.starts_on,
        exclude_event_id=event.pk,
    )
    if overlaps:
        messages.warning(request, _("On these dates you also have: %(events)s.")
                         % {"events": "; ".join(other.title for other in overlaps)})
    if registration.needs_approval:
        try:
            return redirect(reverse("leave:create_for_registration", args=[registration.pk]))
        except NoReverseMatch:
            messages.info(request, _("This event needs your director's approval: ask for leave from your school."))
    return redirect(event)


@require_GET
def panel(request, pk):
    """The registration panel alone, for the htmx refresh of the waiting-list position."""
    event = _event_for_registration(pk)
    return render(request, "events/registration/_panel_body.html",
                  panel_context(event=event, user=request.user, request=request))


_cancellable_registration = object_or_404(Registration.objects.select_related("event", "teacher"),
                                          permissions.can_cancel_registration)


@login_required
@require_POST
def cancel(request, pk):
    registration = _cancellable_registration(request, pk)
    fallback = (reverse("events:registrants", args=[registration.event_id])
                if registration.teacher_id != request.user.pk else registration.event.get_absolute_url())
    try:
        places.give_up_place(registration=registration, by=request.user,
                             reason=request.POST.get("reason", "")[:300])
    except DomainError as exc:
        messages.error(request, _error_text(exc))
    else:
        if registration.teacher_id == request.user.pk:
            messages.success(request, _("Your registration is cancelled."))
        else:
            messages.success(request, _("The registration of %(name)s is cancelled.")
                             % {"name": registration.teacher.get_full_name()})
    return redirect(_safe_next(request, fallback))


def _error_text(exc):
    return str(getattr(exc, "message", None) or exc)


class MyEventsView(LoginRequiredMixin, TemplateView):
    """A teacher's events: upcoming, waiting, past with hours, cancelled."""

    template_name = "events/registration/my_events.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        registrations = list(
            Registration.objects.filter(teacher=self.request.user)
            .select_related("event", "event__organiser", "school")
            .order_by("event__starts_on", "id")
        )
        waiting = [r for r in registrations if r.status == Registration.Status.WAITLISTED]
        # Positions for all waiting registrations in one query.
        if waiting:
            ahead = Registration.objects.filter(
                event_id__in=[r.event_id for r in waiting], status=Registration.Status.WAITLISTED
            ).values_list("event_id", "waitlisted_at", "id")
            for r in waiting:
                r.position = 1 + sum(
                    1 for event_id, at, pk in ahead
                    if event_id == r.event_id and (at, pk) < (r.waitlisted_at, r.pk)
                )
        upcoming, past, cancelled = [], [], []
        for r in registrations:
            if r.status == Registration.Status.CANCELLED:
                cancelled.append(r)
            elif r.status in (Registration.Status.ATTENDED, Registration.Status.NO_SHOW) or (
                r.event.status == Event.Status.COMPLETED
            ) or (r.event.ends_on or r.event.starts_on or today) < today:
                if r.status != Registration.Status.WAITLISTED:
                    past.append(r)
            elif r.status in (Registration.Status.CONFIRMED, Registration.Status.PENDING):
                upcoming.append(r)
        past.reverse()
        this_year = [r for r in past if r.status == Registration.Status.ATTENDED and r.event.starts_on
                     and r.event.starts_on.year == today.year]
        return super().get_context_data(
            upcoming=upcoming, waiting=[r for r in waiting if r.event.status == Event.Status.PUBLISHED],
            past=past, cancelled=cancelled,
            hours_this_year=sum(r.event.academic_hours for r in this_year), year=today.year, **kwargs,
        )


class AddRegistrantForm(forms.Form):
    """A teacher by e-mail address. An address with no account is refused, or, when the centre chooses
    to invite, becomes a teacher of the named school with an invitation and a place."""

    email = forms.EmailField(label=_("Teacher's e-mail address"))
    invite = forms.BooleanField(label=_("Invite an address that has no account yet"), required=False)
    first_name = forms.CharField(label=_("First name (for an invitation)"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name (for an invitation)"), max_length=150, required=False)
    school = forms.ModelChoiceField(label=_("School (for an invitation)"), required=False,
                                    queryset=Organisation.objects.filter(kind=Organisation.Kind.SCHOOL,
                                                                         is_active=True).order_by("name"))

    def clean(self):
        data = super().clean()
        email = (data.get("email") or "").strip().lower()
        if not email:
            return data
        self.teacher = User.objects.filter(email__iexact=email).first()
        if self.teacher is None:
            if not data.get("invite"):
                self.add_error("email", _("No active person has this e-mail address."))
            elif not (data.get("first_name", "").strip() and data.get("last_name", "").strip() and data.get("school")):
                self.add_error("email", _("To invite a new person give their first and last name and school."))
        elif not self.teacher.is_active:
            self.add_error("email", _("No active person has this e-mail address."))
        elif not roles.is_teacher(self.teacher):
            self.add_error("email", _("This person is not a teacher of a school."))
        return data


_event_for_staff = object_or_404(Event.objects.select_related("organiser"), permissions.can_view_registrants)


REGISTRANTS_PAGE_SIZE = 100  # rows a page of the registrants page: its cost does not grow with the event


def _back_to_registrants(request, event):
    """After an action, the page of the registrants it was taken on (the forms post to the page's URL)."""
    url = reverse("events:registrants", args=[event.pk])
    page = request.GET.get("page", "")
    return redirect(f"{url}?page={page}" if page.isdigit() else url)


@login_required
def registrants(request, pk):
    """The registrants of an event with school and status; centre staff act on them."""
    event = _event_for_staff(request, pk)
    can_manage = permissions.can_manage_event(request.user, event)
    form = AddRegistrantForm()
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "add":
            form = AddRegistrantForm(request.POST)
            if form.is_valid():
                try:
                    if form.teacher is None:  # the invitation stands even if the event is full
                        data = form.cleaned_data
                        form.teacher = invite_teacher(
                            email=data["email"], first_name=data["first_name"], last_name=data["last_name"],
                            school=data["school"], by=request.user)
                    added = signup.register(event=event, teacher=form.teacher, added_by=request.user,
                                             needs_approval=False)
                except DomainError as exc:
                    form.add_error("email", _error_text(exc))
                else:
                    messages.success(request, _("%(name)s is added: %(status)s.") % {
                        "name": form.teacher.get_full_name(), "status": added.get_status_display()})
                    return _back_to_registrants(request, event)
        elif action in ("to_waiting", "to_confirmed"):
            registration = get_object_or_404(Registration, pk=id_param(request.POST.get("registration")), event=event)
            mover = waiting_list.move_to_waiting_list if action == "to_waiting" else waiting_list.move_to_confirmed
            try:
                mover(registration=registration, by=request.user)
            except DomainError as exc:
                messages.error(request, _error_text(exc))
            else:
                messages.success(request, _("%(name)s: %(status)s.") % {
                    "name": registration.teacher.get_full_name(), "status": registration.get_status_display()})
            return _back_to_registrants(request, event)
        elif action == "seats":
            try:
                seats = int_param(request.POST.get("seats", ""), minimum=0, maximum=100_000)
                if seats is None:
                    raise ValueError
                waiting_list.set_seats(event=event, seats=seats, by=request.user)
            except (ValueError, BadRequest, DomainError) as exc:
                messages.error(request, _error_text(exc) if isinstance(exc, DomainError)
                               else _("Enter a whole number of seats."))
            else:
                messages.success(request, _("The seat count is saved."))
            return _back_to_registrants(request, event)
    # The counts are of every row; only the page's rows are read and rendered (a bad page number
    # answers the first or the last page, as the school's teachers do).
    page_obj, counts = registrants_page(event, request.GET.get("page"), size=REGISTRANTS_PAGE_SIZE)
    taken = sum(counts[s] for s in Registration.SEAT_HOLDING)
    return render(request, "events/registration/registrants.html", {
        "event": event, "rows": page_obj.object_list, "page_obj": page_obj, "form": form, "can_manage": can_manage, "counts": counts,
        "taken": taken, "seats_left": event.seats_left_given(taken),
    })


def _download(content, *, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def export_csv(request, pk):
    event = _event_for_staff(request, pk)
    return _download(registrants_csv(registrants_of(event)), content_type="text/csv; charset=utf-8",
                     filename=f"renginys-{event.pk}-dalyviai.csv")


@login_required
def export_xlsx(request, pk):
    event = _event_for_staff(request, pk)
    return _download(
        registrants_xlsx(registrants_of(event), title=event.title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=f"renginys-{event.pk}-dalyviai.xlsx",
    )


@login_required
def attendance_sheet(request, pk):
    event = _event_for_staff(request, pk)
    response = HttpResponse(attendance_sheet_pdf(event, base_url=request.build_absolute_uri("/")),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="renginys-{event.pk}-lankomumo-lapas.pdf"'
    return response


class LecturerEventsView(LoginRequiredMixin, TemplateView):
    """A lecturer's own events with their registrant counts."""

    template_name = "events/registration/lecturer_events.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        if not roles.is_lecturer(user):
            raise PermissionDenied
        today = timezone.localdate()
        events = list(
            permissions.events_lectured_by(user)
            .exclude(status=Event.Status.DRAFT)
            .select_related("organiser")
            .annotate(
                confirmed=Count("registrations", filter=Q(registrations__status__in=Registration.SEAT_HOLDING),
                                distinct=True),
                waiting=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED),
                              distinct=True),
                session_count=Count("sessions", distinct=True),
            )
            .order_by("starts_on", "id")
        )
        upcoming = [e for e in events if e.status == Event.Status.PUBLISHED and (e.ends_on or e.starts_on or today) >= today]
        past = [e for e in events if e not in upcoming]
        past.reverse()
        return super().get_context_data(upcoming=upcoming, past=past, **kwargs)
