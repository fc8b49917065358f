"""Plan against actual for a yearly plan: a page for centre staff and the municipality, and XLSX."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from events.services import plan as plan_services
from kvalifikacija.spreadsheets import XLSX_CONTENT_TYPE, new_workbook, workbook_bytes
from people import roles
from people.models import Organisation

from .plan_actual import plan_against_actual


def _organiser(user, year):
    centres = roles.centre_ids(user)
    if centres:
        return Organisation.objects.filter(pk__in=centres).order_by("pk").first()
    if roles.is_administrator(user):
        return plan_services.plan_centre(year)
    raise PermissionDenied


@login_required
def plan_actual_current(request):
    return redirect("plan_actual", timezone.localdate().year)


@login_required
def plan_actual(request, year):
    organiser = _organiser(request.user, year)
    if organiser is None:
        raise Http404
    report = plan_against_actual(organiser=organiser, year=year)
    if request.GET.get("format") == "xlsx":
        return _xlsx(report)
    return render(request, "events/plan/plan_actual.html",
                  {"report": report, "year": year, "years": [year - 1, year + 1]})


def _xlsx(report):
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = _("By form")[:31]
    columns = [_("Form"), _("Planned"), _("Held"), _("Cancelled"), _("To come"), _("Fill rate, %"),
               _("Participants"), _("Participant-hours"), _("Cost, EUR"), _("Cost per participant-hour, EUR"),
               _("Held remotely, %"), _("Funding mix")]

    def write(ws, rows, first):
        ws.append([first, *columns[1:]])
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for row in [*rows, report["total"]]:
            label = row.label if row is not report["total"] else _("Total")
            ws.append([label, row.planned, row.held, row.cancelled, row.upcoming, row.fill_rate, row.participants,
                       row.participant_hours, row.cost, row.cost_per_participant_hour, row.remote_share,
                       "; ".join(f"{label} {share} %" for label, share in row.mix())])

    write(sheet, report["by_form"], _("Form"))
    write(workbook.create_sheet(_("By month")[:31]), report["by_month"], _("Month"))
    mix = workbook.create_sheet(_("Funding mix")[:31])
    mix.append([_("Funding source kind"), _("Amount, EUR"), _("Share, %")])
    for label, amount, share in report["total"].kind_shares():
        mix.append([str(label), amount, share])
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="plano-vykdymas-{report["year"]}.xlsx"'
    return response

