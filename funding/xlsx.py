"""Spreadsheets (XLSX, openpyxl) of the money reports; amounts are numbers formatted as euros."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kvalifikacija.spreadsheets import new_workbook, workbook_bytes
from lithuanian.formats import XLSX_MONEY

from .formatting import who_when

EUR = XLSX_MONEY
BOLD = Font(bold=True)


def _sheet(wb, title, first=False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title[:31]
    return ws


def _header(ws, cells):
    ws.append([str(c) for c in cells])
    for cell in ws[ws.max_row]:
        cell.font = BOLD


def _row(ws, values, money_from=None, bold=False):
    ws.append([v if v is None or isinstance(v, (int, float)) or hasattr(v, "as_tuple") else str(v) for v in values])
    for index, cell in enumerate(ws[ws.max_row], start=1):
        if money_from is not None and index >= money_from and not isinstance(cell.value, str):
            cell.number_format = EUR
        if bold:
            cell.font = BOLD


def _widths(ws, first=40, rest=16):
    for index in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(index)].width = first if index == 1 else rest


def _save(wb) -> bytes:
    return workbook_bytes(wb)


def _council_head(ws, data):
    """The frame of a report to the teachers' council above the first sheet's table."""
    frame = data.get("frame")
    if frame:
        ws.append([str(data["owner"].name)])
        ws.append([str(_("Teachers' council meeting")), frame["meeting_on"].isoformat()])


def _council_signature(ws, data):
    frame = data.get("frame")
    if frame:
        ws.append([])
        ws.append([str(frame["signer_position"]).capitalize(), "____________________", frame["signer_name"]])


def statement_xlsx(data) -> bytes:
    wb = new_workbook()
    ws = _sheet(wb, _("Sources"), first=True)
    _council_head(ws, data)
    ws.append([str(_("Start-of-year statement of qualification funds")), str(data["owner"]), data["year"]])
    _header(ws, [_("Source"), _("Kind"), _("Planned amount"), _("Amendments"), _("Amended total")])
    for s in data["sources"]:
        _row(ws, [s.name, s.get_kind_display(), s.amount, s.amendments_total, s.planned_total], money_from=3)
    _row(ws, [_("Total"), "", data["total_amount"], data["total_amendments"], data["total_planned"]],
         money_from=3, bold=True)
    _council_signature(ws, data)
    _widths(ws)
    ws = _sheet(wb, _("Amendments"))
    _header(ws, [_("Source"), _("Date"), pgettext("amendment of an amount", "Change"), _("Reason"), _("Entered by")])
    for s in data["sources"]:
        for a in s.amendments.all():
            _row(ws, [s.name, a.date.isoformat(), a.amount, a.reason, who_when(a.created_by, a.created_at)])
            ws.cell(ws.max_row, 3).number_format = EUR
    _widths(ws)
    ws = _sheet(wb, _("By kind"))
    _header(ws, [_("Kind"), _("Sources"), _("Planned amount"), _("Amendments"), _("Amended total")])
    for k in data["kinds"]:
        _row(ws, [k["label"], k["count"], k["amount"], k["amendments"], k["planned"]], money_from=3)
    _widths(ws)
    return _save(wb)


def year_end_xlsx(data) -> bytes:
    """The year-end report; the version for the whole council (`for_council`) has no cost per teacher."""
    wb = new_workbook()
    ws = _sheet(wb, _("Sources"), first=True)
    _council_head(ws, data)
    ws.append([str(_("Year-end report on qualification funds")), str(data["owner"]), data["year"]])
    _header(ws, [_("Source"), _("Kind"), _("Planned"), _("Income"), _("Committed"), _("Spent"), _("Left")])
    for s in data["sources"]:
        f = s.figures
        _row(ws, [s.name, s.get_kind_display(), f.planned, f.income, f.committed, f.spent, f.left], money_from=3)
    t = data["totals"]
    _row(ws, [_("Total"), "", t.planned, t.income, t.committed, t.spent, t.left], money_from=3, bold=True)
    _council_signature(ws, data)
    _widths(ws)
    ws = _sheet(wb, _("Teachers"))
    if data.get("for_council"):
        _header(ws, [_("Teacher"), _("Academic hours"), _("Days"), _("Planned days")])
        for row in data["teachers"]:
            _row(ws, [row["name"], row["hours"], row["days"], row["planned_days"]])
        _row(ws, [_("Total"), data["hours_total"], data["days_total"], None], bold=True)
    else:
        _header(ws, [_("Teacher"), _("Academic hours"), _("Days"), _("Planned days"), pgettext("money spent", "Cost")])
        for row in data["teachers"]:
            _row(ws, [row["name"], row["hours"], row["days"], row["planned_days"], row["cost"]])
            ws.cell(ws.max_row, 5).number_format = EUR
        _row(ws, [_("Total"), data["hours_total"], data["days_total"], None, data["teacher_cost_total"]], bold=True)
        ws.cell(ws.max_row, 5).number_format = EUR
    _widths(ws)
    ws = _sheet(wb, _("Events"))
    _header(ws, [_("Event"), _("Participants"), _("Committed"), _("Spent"), _("Total")])
    for row in data["events"]:
        _row(ws, [row["title"], row["participants"], row["committed"], row["spent"], row["total"]], money_from=3)
    _widths(ws)
    _movements_sheet(wb, data)
    return _save(wb)


def _movements_sheet(wb, data):
    """Every money movement with who entered each step and when (`who_when`); the version for the whole
    council names no teacher."""
    ws = _sheet(wb, _("Money movements"))
    teachers = not data.get("for_council")
    _header(ws, [_("Source"), _("What for")] + ([_("Teacher")] if teachers else []) + [
        _("Amount"), _("Status"), _("Committed or recorded"), _("Payment recorded"), _("Released")])
    for row in data.get("movements", []):
        steps = {step["key"]: step["text"] for step in row["trail"]}
        _row(ws, [row["source"], row["what_for"]] + ([row["teacher"]] if teachers else []) + [
            row["amount"], row["status"], steps.get("committed", ""), steps.get("paid", ""), steps.get("released", "")])
        ws.cell(ws.max_row, 4 if teachers else 3).number_format = EUR
    _widths(ws, first=24, rest=28)


def district_xlsx(data) -> bytes:
    wb = new_workbook()
    ws = _sheet(wb, _("District"), first=True)
    ws.append([str(_("District report on qualification funds")), data["year"]])
    _header(ws, [_("School"), _("Planned"), _("Income"), _("Committed"), _("Spent"), _("Left"), _("Teachers"),
                 _("Reached the minimum"), _("Participation, %"), _("Days"), _("Cost per day")])
    for r in data["rows"]:
        t = r["total"]
        _row(ws, [r["name"], t.planned, t.income, t.committed, t.spent, t.left, r["teachers"], r["reached"],
                  r["participation"], r["days"], r["cost_per_day"]])
        for col in (2, 3, 4, 5, 6, 11):
            ws.cell(ws.max_row, col).number_format = EUR
    t = data["total"]
    _row(ws, [_("District total"), t.planned, t.income, t.committed, t.spent, t.left, data["teachers"],
              data["reached"], data["participation"], data["days"], data["cost_per_day"]], bold=True)
    for col in (2, 3, 4, 5, 6, 11):
        ws.cell(ws.max_row, col).number_format = EUR
    _widths(ws)
    ws = _sheet(wb, _("By kind"))
    _header(ws, [_("Kind"), _("Planned"), _("Income"), _("Committed"), _("Spent"), _("Left")])
    for k in data["kinds"]:
        f = k["figures"]
        _row(ws, [k["label"], f.planned, f.income, f.committed, f.spent, f.left], money_from=2)
    _widths(ws)
    ws = _sheet(wb, _("School × kind"))
    _header(ws, [_("School"), *[f"{k['label']}: {_('planned')}" for k in data["kinds"]],
                 *[f"{k['label']}: {_('used')}" for k in data["kinds"]]])
    for r in data["rows"]:
        _row(ws, [r["name"], *[f.planned for f in r["kinds"]], *[f.used for f in r["kinds"]]], money_from=2)
    _widths(ws)
    return _save(wb)
