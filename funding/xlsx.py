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


def _row(ws, values, money_from=None, money=(), bold=False):
    """One row: numbers stay numbers; from column `money_from` on every number, and the columns in
    `money` whatever their value, are formatted as euros."""
    ws.append([v if v is None or isinstance(v, (int, float)) or hasattr(v, "as_tuple") else str(v) for v in values])
    for index, cell in enumerate(ws[ws.max_row], start=1):
        if (money_from is not None and index >= money_from and not isinstance(cell.value, str)) or index in money:
            cell.number_format = EUR
        if bold:
            cell.font = BOLD


def _table(ws, header, rows, *, total=None, money_from=None, money=()):
    """A bold header, a row per item and, when given, a bold total row, formatted alike (see `_row`)."""
    _header(ws, header)
    for values in rows:
        _row(ws, values, money_from=money_from, money=money)
    if total is not None:
        _row(ws, total, money_from=money_from, money=money, bold=True)


def _table_sheet(wb, title, header, rows, *, widths=(40, 16), **formats):
    """A sheet of its own holding one `_table`."""
    ws = _sheet(wb, title)
    _table(ws, header, rows, **formats)
    _widths(ws, *widths)
    return ws


def _widths(ws, first=40, rest=16):
    for index in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(index)].width = first if index == 1 else rest


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
    _table(ws, [_("Source"), _("Kind"), _("Planned amount"), _("Amendments"), _("Amended total")],
           ([s.name, s.get_kind_display(), s.amount, s.amendments_total, s.planned_total] for s in data["sources"]),
           total=[_("Total"), "", data["total_amount"], data["total_amendments"], data["total_planned"]],
           money_from=3)
    _council_signature(ws, data)
    _widths(ws)
    _table_sheet(wb, _("Amendments"), [_("Source"), _("Date"), pgettext("amendment of an amount", "Change"),
                                       _("Reason"), _("Entered by")],
                 ([s.name, a.date.isoformat(), a.amount, a.reason, who_when(a.created_by, a.created_at)]
                  for s in data["sources"] for a in s.amendments.all()), money=(3,))
    _table_sheet(wb, _("By kind"), [_("Kind"), _("Sources"), _("Planned amount"), _("Amendments"), _("Amended total")],
                 ([k["label"], k["count"], k["amount"], k["amendments"], k["planned"]] for k in data["kinds"]),
                 money_from=3)
    return workbook_bytes(wb)


def year_end_xlsx(data) -> bytes:
    """The year-end report; the version for the whole council (`for_council`) has no cost per teacher."""
    wb = new_workbook()
    ws = _sheet(wb, _("Sources"), first=True)
    _council_head(ws, data)
    ws.append([str(_("Year-end report on qualification funds")), str(data["owner"]), data["year"]])
    t = data["totals"]
    _table(ws, [_("Source"), _("Kind"), _("Planned"), _("Income"), _("Committed"), _("Spent"), _("Left")],
           ([s.name, s.get_kind_display(), *_figures(s.figures)] for s in data["sources"]),
           total=[_("Total"), "", *_figures(t)], money_from=3)
    _council_signature(ws, data)
    _widths(ws)
    header = [_("Teacher"), _("Academic hours"), _("Days"), _("Planned days")]
    rows = [[row["name"], row["hours"], row["days"], row["planned_days"]] for row in data["teachers"]]
    total = [_("Total"), data["hours_total"], data["days_total"], None]
    if data.get("for_council"):
        _table_sheet(wb, _("Teachers"), header, rows, total=total)
    else:
        _table_sheet(wb, _("Teachers"), [*header, pgettext("money spent", "Cost")],
                     [[*values, row["cost"]] for values, row in zip(rows, data["teachers"], strict=True)],
                     total=[*total, data["teacher_cost_total"]], money=(5,))
    _table_sheet(wb, _("Events"), [_("Event"), _("Participants"), _("Committed"), _("Spent"), _("Total")],
                 ([row["title"], row["participants"], row["committed"], row["spent"], row["total"]]
                  for row in data["events"]), money_from=3)
    _movements_sheet(wb, data)
    return workbook_bytes(wb)


def _figures(f):
    """A source's or a total's money columns: planned, income, committed, spent, left."""
    return [f.planned, f.income, f.committed, f.spent, f.left]


def _movements_sheet(wb, data):
    """Every money movement with who entered each step and when (`who_when`); the version for the whole
    council names no teacher."""
    teachers = not data.get("for_council")

    def values(row):
        steps = {step["key"]: step["text"] for step in row["trail"]}
        return [row["source"], row["what_for"]] + ([row["teacher"]] if teachers else []) + [
            row["amount"], row["status"], steps.get("committed", ""), steps.get("paid", ""), steps.get("released", "")]

    _table_sheet(wb, _("Money movements"), [_("Source"), _("What for")] + ([_("Teacher")] if teachers else []) + [
        _("Amount"), _("Status"), _("Committed or recorded"), _("Payment recorded"), _("Released")],
        (values(row) for row in data.get("movements", [])), money=(4 if teachers else 3,), widths=(24, 28))


def district_xlsx(data) -> bytes:
    wb = new_workbook()
    ws = _sheet(wb, _("District"), first=True)
    ws.append([str(_("District report on qualification funds")), data["year"]])
    t = data["total"]
    _table(ws, [_("School"), _("Planned"), _("Income"), _("Committed"), _("Spent"), _("Left"), _("Teachers"),
                _("Reached the minimum"), _("Participation, %"), _("Days"), _("Cost per day")],
           ([r["name"], *_figures(r["total"]), r["teachers"], r["reached"], r["participation"], r["days"],
             r["cost_per_day"]] for r in data["rows"]),
           total=[_("District total"), *_figures(t), data["teachers"], data["reached"], data["participation"],
                  data["days"], data["cost_per_day"]], money=(2, 3, 4, 5, 6, 11))
    _widths(ws)
    _table_sheet(wb, _("By kind"), [_("Kind"), _("Planned"), _("Income"), _("Committed"), _("Spent"), _("Left")],
                 ([k["label"], *_figures(k["figures"])] for k in data["kinds"]), money_from=2)
    _table_sheet(wb, _("School × kind"), [_("School"), *[f"{k['label']}: {_('planned')}" for k in data["kinds"]],
                                          *[f"{k['label']}: {_('used')}" for k in data["kinds"]]],
                 ([r["name"], *[f.planned for f in r["kinds"]], *[f.used for f in r["kinds"]]] for r in data["rows"]),
                 money_from=2)
    return workbook_bytes(wb)
