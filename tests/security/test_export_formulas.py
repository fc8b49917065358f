"""Every XLSX export, with a formula payload seeded in every text field of every row of the world, holds
no live formula: each formula-like text cell is a quoted text cell."""

import io
import itertools

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from openpyxl import load_workbook

from funding.reports import district_report
from funding.xlsx import district_xlsx
from kvalifikacija.spreadsheets import XLSX_CONTENT_TYPE, is_formula_like
from tests.security.test_permission_matrix import MATRIX
from tests.security.urls import url_of
from tests.security.world import build_world

pytestmark = pytest.mark.django_db
PROJECT_APPS = {"people", "events", "leave", "funding", "certificates", "surveys", "loans", "notices"}
SKIP = {"password", "email", "username", "key", "content_type", "verification_code", "uidb64", "token"}


def seed_payload_everywhere():
    """Overwrite every free-text field (CharField without choices, TextField) of every row with a formula."""
    counter = itertools.count()
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model._meta.proxy:
            continue
        fields = [f for f in model._meta.concrete_fields
                  if isinstance(f, (models.CharField, models.TextField)) and not f.choices
                  and not isinstance(f, (models.EmailField, models.SlugField, models.URLField))
                  and f.name not in SKIP]
        if not fields:
            continue
        for row in model._default_manager.all():
            values = {}
            for f in fields:
                payload = f'=HYPERLINK("http://x.example/{next(counter)}","Spauskite")'
                values[f.attname] = payload[: f.max_length] if f.max_length else payload
            model._default_manager.filter(pk=row.pk).update(**values)  # past the input cleaning


def formula_cells(data):
    book = load_workbook(io.BytesIO(data))
    live, inert = [], 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (is_formula_like(cell.value) and not cell.quotePrefix):
                    live.append(f"{sheet.title}!{cell.coordinate}={cell.value!r}")
                elif is_formula_like(cell.value):
                    inert += 1
    return live, inert


def test_no_export_holds_a_live_formula_from_user_text():
    world = build_world()
    seed_payload_everywhere()
    exports = {name: allowed for name, (allowed, _m) in MATRIX.items() if name.endswith("xlsx")}
    exports["plan_actual"] = MATRIX["plan_actual"][0]
    problems, seen = [], {}
    for name, allowed in sorted(exports.items()):
        role = next(r for r in ("centre_staff", "director", "administrator", "lecturer") if r in allowed)
        client = Client()
        client.force_login(world.users[role])
        url = url_of(name, world) + ("?format=xlsx" if name == "plan_actual" else "")
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == XLSX_CONTENT_TYPE, (name, response)
        live, inert = formula_cells(b"".join(response) if response.streaming else response.content)
        problems += [f"{name}: {cell}" for cell in live]
        seen[name] = inert
    live, inert = formula_cells(district_xlsx(district_report(year=world.objects["year"])))
    problems += [f"district export: {cell}" for cell in live]
    seen["district export"] = inert
    assert not problems, "\n".join(problems)
    # The payload did reach the exports that show people's text (the check is not vacuous).
    for name in ("events:registrants_xlsx", "funding:statement_xlsx", "funding:year_end_xlsx", "district export"):
        assert seen[name] > 0, (name, seen)
