"""Lithuanian alphabetical order (Š after S, Ž last, Č after C, Ą right after A) and search that
ignores diacritics and case, on the database in use (SQLite by default; PostgreSQL with DATABASE_URL,
which CI sets), and in Python lists."""

import pytest
from django.db import connection

from events.filters import EventFilter
from events.models import Event
from lithuanian.collation import fold, lt_contains, lt_order, sorted_lt
from people.models import Organisation, Subject, User
from tests import factories as f

pytestmark = pytest.mark.django_db

SURNAMES = ["Žukas", "Šimkus", "Sabaliauskas", "Zabiela", "Čepulis", "Cibulskis", "Ąžuolas", "Adomaitis",
            "Tamošiūnas", "Ėmužis", "Eidukas"]
ALPHABETICAL = ["Adomaitis", "Ąžuolas", "Cibulskis", "Čepulis", "Eidukas", "Ėmužis", "Sabaliauskas", "Šimkus",
                "Tamošiūnas", "Zabiela", "Žukas"]


def test_python_lists_sort_in_lithuanian_order():
    assert sorted_lt(SURNAMES) == ALPHABETICAL
    assert sorted_lt(["y", "j", "i", "į"]) == ["i", "į", "y", "j"]  # Y right after I and Į, before J


def test_fold_drops_diacritics_and_case():
    assert fold("Patyčių PREVENCIJA") == "patyciu prevencija"
    assert fold("Ąžuolyno ŠVIETIMO centras") == "azuolyno svietimo centras"


def test_people_are_listed_in_lithuanian_order_by_default():
    for surname in SURNAMES:
        f.UserFactory(last_name=surname, first_name="Ona")
    assert list(User.objects.filter(first_name="Ona").values_list("last_name", flat=True)) == ALPHABETICAL


def test_subjects_and_organisations_sort_in_lithuanian_order():
    for name in ["Žmogaus sauga", "Šokis", "Chemija", "Istorija", "Informatika", "Ekonomika", "Etika", "Čekų kalba"]:
        Subject.objects.create(name=name)
    assert list(Subject.objects.values_list("name", flat=True)) == [
        "Chemija", "Čekų kalba", "Ekonomika", "Etika", "Informatika", "Istorija", "Šokis", "Žmogaus sauga"]
    for name in ["Žiburio gimnazija", "Šilo progimnazija", "Saulės mokykla", "Ąžuolyno progimnazija", "Aušros gimnazija"]:
        f.SchoolFactory(name=name)
    names = list(Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).order_by(lt_order("name"))
                 .values_list("name", flat=True))
    assert names == ["Aušros gimnazija", "Ąžuolyno progimnazija", "Saulės mokykla", "Šilo progimnazija",
                     "Žiburio gimnazija"]
    descending = list(Organisation.objects.filter(kind=Organisation.Kind.SCHOOL)
                      .order_by(lt_order("name", descending=True)).values_list("name", flat=True))
    assert descending == list(reversed(names))


def test_search_ignores_diacritics_and_case():
    f.UserFactory(first_name="Jūratė", last_name="Šimkienė")
    f.UserFactory(first_name="Jonas", last_name="Simkus")
    found = set(User.objects.filter(lt_contains("first_name", "last_name", query="simk")).values_list("last_name", flat=True))
    assert found == {"Šimkienė", "Simkus"}
    assert User.objects.filter(lt_contains("first_name", query="JURATE")).count() == 1
    assert User.objects.filter(lt_contains("first_name", query="jūr")).count() == 1
    assert User.objects.filter(lt_contains("last_name", query="%")).count() == 0  # wildcards are literal
    assert User.objects.filter(lt_contains("last_name", query="_")).count() == 0


def test_catalogue_search_finds_patyciu_without_diacritics():
    wanted = f.EventFactory(title="Patyčių prevencija mokykloje", status=Event.Status.PUBLISHED)
    f.EventFactory(title="Matematikos olimpiada", status=Event.Status.PUBLISHED)
    for query in ("patyciu", "PATYČIŲ", "Patyčių prevencija", "prevencija patyciu"):
        found = list(EventFilter({"q": query}, queryset=Event.objects.published()).qs)
        assert found == [wanted], query


def test_the_database_in_use_is_reported():
    # Both databases run this module: SQLite by default, PostgreSQL when DATABASE_URL names one (CI).
    assert connection.vendor in ("sqlite", "postgresql")
