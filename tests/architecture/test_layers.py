"""The layers hold: apps import only downwards, notices imports no domain app, and every project app
has its place in the contract (.importlinter, also run by `make lint` and CI)."""

from pathlib import Path

import grimp
import pytest
from django.apps import apps
from django.conf import settings
from importlinter import configuration
from importlinter.application.use_cases import read_user_options
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract

CONFIG = str(Path(settings.BASE_DIR) / ".importlinter")
configuration.configure()  # what the lint-imports command does before reading the options


@pytest.fixture(scope="module")
def options():
    return read_user_options(config_filename=CONFIG)


@pytest.fixture(scope="module")
def roots(options):
    return options.session_options["root_packages"]


def _contract(options, contract_id):
    contract_options = next(c for c in options.contracts_options if c["id"] == contract_id)
    kind = {"layers": LayersContract, "forbidden": ForbiddenContract}[contract_options["type"]]
    return kind(name=contract_options["name"], session_options=options.session_options,
                contract_options=contract_options)


@pytest.fixture
def graph(roots):
    return grimp.build_graph(*roots, cache_dir=None)


def test_the_contracts_are_kept(options, graph):
    for contract_id in ("layers", "notices"):
        check = _contract(options, contract_id).check(graph, verbose=False)
        assert check.kept, f"{contract_id}: {check.metadata}"


@pytest.mark.parametrize(("importer", "imported"), [
    ("people.models", "events.models"),           # people is below events
    ("events.services.seats", "leave.services"),  # events is below leave
    ("funding.services", "workflows.places"),     # the workflows are the top
    ("kvalifikacija.locks", "people.models"),     # the shared helpers are the bottom
])
def test_an_upward_import_breaks_the_layers(options, graph, importer, imported):
    graph.add_import(importer=importer, imported=imported)
    assert not _contract(options, "layers").check(graph, verbose=False).kept


def test_notices_importing_a_domain_app_breaks_its_contract(options, graph):
    graph.add_import(importer="notices.services", imported="people.models")
    assert not _contract(options, "notices").check(graph, verbose=False).kept


def test_every_project_app_has_its_place_in_the_contract(options, roots):
    base = Path(settings.BASE_DIR).resolve()
    project_apps = {
        config.name for config in apps.get_app_configs() if Path(config.path).resolve().parent == base
    }
    layered = set()
    raw = next(c for c in options.contracts_options if c["id"] == "layers")["layers"]
    for line in raw:
        layered |= {name.strip() for name in line.replace("|", ":").split(":")}
    assert project_apps <= set(roots), project_apps - set(roots)
    assert project_apps - {"notices"} <= layered, project_apps - {"notices"} - layered
