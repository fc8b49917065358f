"""Centre staff pages of the plan import: upload, column mapping, preview and confirmation; the
template; the centre's import runs, each of which can be undone (its events still drafts deleted).
Wrong role gets 403; another centre's import run gets 404."""

import base64

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import ListView

from kvalifikacija import spreadsheets
from kvalifikacija.exceptions import DomainError
from kvalifikacija.views import object_or_404
from people.models import Organisation

from .. import permissions
from ..forms import ImportForm
from ..models import Event, ImportRun
from ..services.import_runs import undo_import_run
from ..services.importing import (
    COLUMNS,
    MAPPABLE,
    REQUIRED,
    ImportFailed,
    import_plan,
    preview_events,
    remember_mapping,
    remembered_mapping,
    template_rows,
)
from .staff import StaffMixin


class ImportView(StaffMixin, View):
    """Plan import in steps: upload, then a preview showing how each column is read, the columns that
    will be ignored (each can be mapped by hand, remembered for the centre), the events to be created
    and the rows already imported; nothing is saved until the import is confirmed."""

    template_name = "events/staff/import.html"
    session_key = "plan_import"

    def context(self, form, errors=(), preview=None):
        return {"form": form, "errors": errors, "columns": list(COLUMNS), "required": REQUIRED, "preview": preview,
                "mappable": MAPPABLE}

    def get(self, request):
        return render(request, self.template_name, self.context(ImportForm()))

    def post(self, request):
        step = request.POST.get("step", "upload")
        if step == "upload":
            form = ImportForm(request.POST, request.FILES)
            if not form.is_valid():
                return render(request, self.template_name, self.context(form))
            upload = form.cleaned_data["file"]
            upload.seek(0)
            request.session[self.session_key] = {
                "data": base64.b64encode(upload.read()).decode(), "name": upload.name,
                "publish": form.cleaned_data["publish"],
            }
            return self.show_preview()
        stored = request.session.get(self.session_key)
        if not stored:
            messages.error(request, _("Upload the file again: the previous upload has expired."))
            return redirect("events:staff_event_import")
        centre = self._centre()
        if step == "map":
            choices = {header: request.POST.get(f"map-{number}", "")
                       for number, header in enumerate(request.POST.getlist("header"))}
            try:
                remember_mapping(organiser=centre, choices=choices)
            except ImportFailed as exc:
                messages.error(request, "; ".join(str(e) for e in exc.errors))
            return self.show_preview()
        try:
            created, skipped = import_plan(data=base64.b64decode(stored["data"]), filename=stored["name"],
                                           organiser=centre, by=request.user, publish=stored["publish"])
        except ImportFailed:
            return self.show_preview()
        del request.session[self.session_key]
        messages.success(request, _("%(count)d events were imported; %(skipped)d rows were imported before and "
                                    "skipped.") % {"count": len(created), "skipped": skipped})
        return redirect(reverse("events:staff_event_list") + "?status=" + ("published" if stored["publish"]
                                                                           else "draft"))

    def show_preview(self):
        stored = self.request.session[self.session_key]
        centre = self._centre()
        preview = preview_events(data=base64.b64decode(stored["data"]), filename=stored["name"], organiser=centre,
                                 mapping=remembered_mapping(centre))
        return render(self.request, self.template_name,
                      self.context(ImportForm(), errors=preview.errors, preview=preview),
                      status=400 if preview.errors else 200)

    def _centre(self):
        return Organisation.objects.get(pk=self.centre_ids[0])


class ImportTemplateView(StaffMixin, View):
    """The plan template with example rows, as XLSX or CSV."""

    def get(self, request, fmt):
        rows = template_rows()
        if fmt == "csv":
            response = HttpResponse(spreadsheets.csv_bytes(rows), content_type="text/csv; charset=utf-8")
        else:
            workbook = spreadsheets.new_workbook()
            sheet = workbook.active
            sheet.title = "Planas"
            for number, row in enumerate(rows):
                spreadsheets.append_row(sheet, row, bold=number == 0)
            response = HttpResponse(spreadsheets.workbook_bytes(workbook), content_type=spreadsheets.XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="renginiu-planas.{fmt}"'
        return response


class ImportRunListView(StaffMixin, ListView):
    """The centre's plan import runs, newest first: who, when, which file, events created and rows skipped,
    how many of its events are left, and an "undo" action while any is."""

    template_name = "events/staff/import_runs.html"
    context_object_name = "runs"
    paginate_by = 50

    def get_queryset(self):
        return (ImportRun.objects.filter(organiser_id__in=self.centre_ids)
                .select_related("by", "undone_by")
                .annotate(left=Count("events"))
                .order_by("-created_at", "-pk"))


# Another centre's run is answered as if it did not exist.
_centre_run = object_or_404(ImportRun.objects.select_related("by"), permissions.can_undo_import_run, hidden=True)


class UndoImportRunView(StaffMixin, View):
    """Undo one run of the centre's: the page lists its events (the drafts to be deleted, the others to
    be kept); posting deletes the drafts in one transaction and says which events were kept and why."""

    template_name = "events/staff/import_run_undo.html"

    def get(self, request, pk, error=None):
        run = _centre_run(self.request, pk)
        events = list(run.events.annotate(registered=Count("registrations")).order_by("starts_on", "pk"))
        for event in events:
            event.deletable = event.status == Event.Status.DRAFT and not event.registered
        return render(request, self.template_name,
                      {"run": run, "events": events, "deletable": sum(e.deletable for e in events), "error": error},
                      status=400 if error else 200)

    def post(self, request, pk):
        run = _centre_run(self.request, pk)
        try:
            result = undo_import_run(run=run, by=request.user)
        except DomainError as refusal:
            return self.get(request, pk, error=str(refusal))
        count = len(result.deleted)
        messages.success(request, ngettext("%(count)d draft event of the import was deleted.",
                                           "%(count)d draft events of the import were deleted.", count)
                         % {"count": count})
        for event, reason in result.kept:
            messages.warning(request, _("“%(title)s” was kept: %(reason)s") % {"title": event.title, "reason": reason})
        return redirect("events:staff_import_runs")
