"""Centre staff pages: the programme library and events (create, edit, copy, publish, cancel, complete;
the spreadsheet import is in `importing`). Wrong role gets 403; another centre's objects get 403 too."""


from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from kvalifikacija.exceptions import DomainError
from kvalifikacija.views import object_or_404
from lithuanian.collation import lt_contains
from people import roles
from workflows import event_cancellation, event_completion

from .. import permissions
from ..forms import (
    CancelEventForm,
    CompleteEventForm,
    CopyEventForm,
    EventForm,
    ModuleFormSet,
    ProgrammeForm,
    SessionFormSet,
    check_deadline,
)
from ..fragments import attach_staff_rows
from ..models import Event, Form, Programme
from ..selectors import annotate_seats_left, staff_events, staff_programmes
from ..services import events as event_services

_managed_event = object_or_404(Event.objects.all(), permissions.can_manage_event)


class StaffMixin(LoginRequiredMixin):
    """Centre staff only; `self.centre_ids` are the centres the user works for."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not permissions.can_manage_events(request.user):
            raise PermissionDenied
        self.centre_ids = sorted(roles.centre_ids(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_event(self, pk):
        return _managed_event(self.request, pk)

    def get_programme(self, pk):
        programme = get_object_or_404(Programme, pk=pk)
        if programme.owner_id not in self.centre_ids:
            raise PermissionDenied
        return programme


# --- Programmes -------------------------------------------------------------------------------------

class ProgrammeListView(StaffMixin, ListView):
    template_name = "events/staff/programme_list.html"
    context_object_name = "programmes"
    paginate_by = 50

    def get_queryset(self):
        queryset = staff_programmes(self.centre_ids)
        if self.request.GET.get("archived") != "1":
            queryset = queryset.filter(is_archived=False)
        text = self.request.GET.get("q", "").strip()
        if text:
            queryset = queryset.filter(lt_contains("title", query=text) | Q(registry_code__iexact=text))
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(query_string=params.urlencode(), show_archived=self.request.GET.get("archived") == "1",
                       q=self.request.GET.get("q", ""))
        return context


class ProgrammeFormView(StaffMixin, View):
    template_name = "events/staff/programme_form.html"

    def get_instance(self):
        pk = self.kwargs.get("pk")
        return self.get_programme(pk) if pk else Programme(owner_id=self.centre_ids[0])

    def render_form(self, form, modules):
        return render(self.request, self.template_name,
                      {"form": form, "modules": modules, "programme": form.instance})

    def get(self, request, pk=None):
        programme = self.get_instance()
        form = ProgrammeForm(instance=programme, centre_ids=self.centre_ids)
        return self.render_form(form, ModuleFormSet(instance=programme, prefix="modules"))

    def post(self, request, pk=None):
        programme = self.get_instance()
        form = ProgrammeForm(request.POST, instance=programme, centre_ids=self.centre_ids)
        modules = ModuleFormSet(request.POST, instance=programme, prefix="modules")
        if form.is_valid():
            modules.programme_hours = form.cleaned_data["academic_hours"]
        if form.is_valid() and modules.is_valid():
            event_services.save_programme(form=form, modules_formset=modules)
            messages.success(request, _("The programme is saved."))
            return redirect("events:programme_list")
        return self.render_form(form, modules)


class ProgrammeArchiveView(StaffMixin, View):
    def post(self, request, pk):
        programme = self.get_programme(pk)
        archived = request.POST.get("archived", "1") == "1"
        event_services.archive_programme(programme=programme, by=request.user, archived=archived)
        messages.success(request, _("The programme is archived.") if archived else _("The programme is back in use."))
        return redirect("events:programme_list")


# --- Events -----------------------------------------------------------------------------------------

class StaffEventListView(StaffMixin, ListView):
    template_name = "events/staff/event_list.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        queryset = staff_events(self.centre_ids)
        status = self.request.GET.get("status", "")
        if status in Event.Status.values:
            queryset = queryset.filter(status=status)
        year = self.request.GET.get("year", "")
        if year.isdigit():
            queryset = queryset.filter(plan_year=int(year))
        form = self.request.GET.get("form", "")
        if form in Form.values:
            queryset = queryset.filter(form=form)
        text = self.request.GET.get("q", "").strip()
        if text:
            queryset = queryset.filter(lt_contains("title", query=text))
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attach_staff_rows(annotate_seats_left(context["events"]))
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            query_string=params.urlencode(), statuses=Event.Status.choices, forms=Form.choices,
            current={k: self.request.GET.get(k, "") for k in ("status", "year", "form", "q")},
            years=sorted(set(Event.objects.filter(organiser_id__in=self.centre_ids)
                             .values_list("plan_year", flat=True)), reverse=True),
        )
        return context


class EventFormView(StaffMixin, View):
    """Create (stand-alone or from a programme) and edit an event with its sessions in one form."""

    template_name = "events/staff/event_form.html"

    def get_instance(self):
        pk = self.kwargs.get("pk")
        if pk:
            event = self.get_event(pk)
            if event.status == Event.Status.CANCELLED:
                raise PermissionDenied
            return event
        return Event(organiser_id=self.centre_ids[0])

    def render_form(self, form, formset):
        return render(self.request, self.template_name,
                      {"form": form, "formset": formset, "event": form.instance})

    def get(self, request, pk=None):
        event = self.get_instance()
        initial = {}
        programme_id = request.GET.get("programme", "")
        if not event.pk and programme_id.isdigit():
            programme = self.get_programme(int(programme_id))
            module_id = request.GET.get("module", "")
            module = get_object_or_404(programme.modules, pk=int(module_id)) if module_id.isdigit() else None
            initial = event_services.event_initial_from_programme(programme, module)
        if not event.pk:
            initial.setdefault("plan_year", timezone.localdate().year)
        form = EventForm(instance=event, initial=initial, centre_ids=self.centre_ids)
        formset = SessionFormSet(instance=event, prefix="sessions")
        return self.render_form(form, formset)

    def post(self, request, pk=None):
        event = self.get_instance()
        form = EventForm(request.POST, instance=event, centre_ids=self.centre_ids)
        formset = SessionFormSet(request.POST, instance=event, prefix="sessions")
        if form.is_valid() and formset.is_valid() and check_deadline(form, formset):
            try:
                event = event_services.save_event(form=form, sessions_formset=formset, by=request.user,
                                                  confirm_past=form.cleaned_data.get("confirm_past", False))
            except event_services.EventError as exc:
                exc.add_to_form(form)
                return self.render_form(form, formset)
            messages.success(request, _("The event is saved."))
            return redirect("events:detail", pk=event.pk)
        return self.render_form(form, formset)


class EventActionView(StaffMixin, View):
    """A POST that changes an event's status; GET shows a confirmation page where one is needed.
    A subclass names the action, its page's `title`, the message when it is `done`, and `perform`s it
    (returning where to go next)."""

    template_name = "events/staff/event_action.html"
    form_class = None
    title = ""
    done = ""

    def page(self, event, form):
        return render(self.request, self.template_name,
                      {"event": event, "form": form, "title": self.title, "action": self.action_name})

    def get(self, request, pk):
        return self.page(self.get_event(pk), self.form_class() if self.form_class else None)

    def post(self, request, pk):
        event = self.get_event(pk)
        form = self.form_class(request.POST) if self.form_class else None
        if form is not None and not form.is_valid():
            return self.page(event, form)
        try:
            url = self.perform(event, form)
        except DomainError as exc:
            if form is None:
                messages.error(request, str(exc))
                return redirect("events:detail", pk=event.pk)
            exc.add_to_form(form)
            return self.page(event, form)
        messages.success(request, self.done)
        return redirect(url)


class PublishEventView(EventActionView):
    action_name = "publish"
    title = gettext_lazy("Publish the event")
    done = gettext_lazy("The event is published in the catalogue.")

    def perform(self, event, form):
        return event_services.publish_event(event=event, by=self.request.user).get_absolute_url()


class CancelEventView(EventActionView):
    action_name = "cancel"
    form_class = CancelEventForm
    title = gettext_lazy("Cancel the event")
    done = gettext_lazy("The event is cancelled; registered people are told.")

    def perform(self, event, form):
        return event_cancellation.cancel_event(event=event, by=self.request.user,
                                               reason=form.cleaned_data["reason"]).get_absolute_url()


class CompleteEventView(EventActionView):
    action_name = "complete"
    form_class = CompleteEventForm
    title = gettext_lazy("Mark the event completed")
    done = gettext_lazy("The event is marked completed.")

    def perform(self, event, form):
        return event_completion.complete_event(event=event, by=self.request.user,
                                               assume_present=form.cleaned_data["assume_present"]).get_absolute_url()


class DeleteDraftView(EventActionView):
    action_name = "delete"
    title = gettext_lazy("Delete the draft")
    done = gettext_lazy("The draft is deleted.")

    def perform(self, event, form):
        event_services.delete_draft(event=event, by=self.request.user)
        return reverse("events:staff_event_list") + "?status=draft"


class CopyEventView(EventActionView):
    action_name = "copy"
    form_class = CopyEventForm
    title = gettext_lazy("Copy the event to new dates")
    done = gettext_lazy("A copy was made as a draft; check it and publish it.")

    def perform(self, event, form):
        copy = event_services.copy_event(event=event, first_date=form.cleaned_data["first_date"], by=self.request.user,
                                         confirm_past=form.cleaned_data["confirm_past"])
        return reverse("events:staff_event_edit", args=[copy.pk])
