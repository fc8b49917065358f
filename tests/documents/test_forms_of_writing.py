"""The forms of writing of printed documents (kvalifikacija.documents)."""

import datetime as dt
from decimal import Decimal

import pytest

from lithuanian.documents import (
    country_name,
    date_span,
    dative_phrase,
    document_date,
    genitive_name,
    money,
    printed_title,
    quoted,
    town_of,
)


@pytest.mark.parametrize("name, genitive", [
    ("Ąžuolyno progimnazija", "Ąžuolyno progimnazijos"),
    ("Žiburio pagrindinė mokykla", "Žiburio pagrindinės mokyklos"),
    ("Ežerėlio lopšelis-darželis", "Ežerėlio lopšelio-darželio"),
    ("Meno mokykla „Gija“", "Meno mokyklos „Gija“"),
    ("Jaunimo ir suaugusiųjų mokymo centras", "Jaunimo ir suaugusiųjų mokymo centro"),
    ("Kėdainių rajono švietimo centras", "Kėdainių rajono švietimo centro"),
    ("Specialioji mokykla", "Specialiosios mokyklos"),
])
def test_organisation_names_in_the_genitive(name, genitive):
    assert genitive_name(name) == genitive


@pytest.mark.parametrize("name, dative", [
    ("Jūratė Šimkienė", "Jūratei Šimkienei"), ("Dalia Mažeika", "Daliai Mažeikai"),
    ("Kęstutis Bružas", "Kęstučiui Bružui"), ("Paulius Urbonavičius", "Pauliui Urbonavičiui"),
    ("Linas Čepulis", "Linui Čepuliui"), ("Tomas Rimkus", "Tomui Rimkui"), ("direktorius", "direktoriui"),
    ("direktorė", "direktorei"),
])
def test_names_and_positions_in_the_dative(name, dative):
    assert dative_phrase(name) == dative


def test_dates_as_documents_write_them():
    assert document_date(dt.date(2026, 12, 1)) == "2026 m. gruodžio 1 d."
    assert document_date(None).startswith("20__ m.")  # a blank to fill in by hand
    assert date_span(dt.date(2026, 12, 8), dt.date(2026, 12, 8)) == "2026 m. gruodžio 8 d."
    assert date_span(dt.date(2026, 12, 8), dt.date(2026, 12, 10)) == "2026 m. gruodžio 8–10 d."
    assert date_span(dt.date(2026, 11, 30), dt.date(2026, 12, 2)) == "2026 m. lapkričio 30 d. – gruodžio 2 d."


def test_titles_lose_cohort_labels_and_never_nest_quotes():
    assert printed_title("Gabių mokinių ugdymas (3 srautas)") == "Gabių mokinių ugdymas"
    assert printed_title("Kursai (2-oji grupė)") == "Kursai"
    assert printed_title("Matematika 5 klasėje") == "Matematika 5 klasėje"
    assert quoted("Konferencija „Mokykla 2030“") == "„Konferencija ‚Mokykla 2030‘“"
    assert quoted('Seminaras "Vertinimas"') == "„Seminaras ‚Vertinimas‘“"


def test_money_country_and_town():
    assert money(Decimal("1234.5")) == "1\u00a0234,50\u00a0€"
    assert country_name("LV") == "Latvija" and country_name("es") == "Ispanija"
    assert town_of("Žemaitės g. 5, LT-85001 Kėdainiai") == "Kėdainiai"
