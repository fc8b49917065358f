"""CSRF: every POST form carries the token, and every address refuses a POST without one."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.security.test_permission_matrix import MATRIX
from tests.security.urls import url_of
from tests.security.world import build_world

ROOT = Path(settings.BASE_DIR)
FORM = re.compile(r"<form\b(?P<attrs>[^>]*)>(?P<body>.*?)</form>", re.S | re.I)
POST_METHOD = re.compile(r"""method\s*=\s*["']?post""", re.I)


def template_files():
    for path in ROOT.rglob("templates/**/*.html"):
        if any(part in {".venv", "node_modules", "staticfiles"} for part in path.parts):
            continue
        yield path


def test_the_template_scan_sees_the_project_templates():
    names = {p.relative_to(ROOT).as_posix() for p in template_files()}
    assert "templates/base.html" in names
    assert any(n.startswith("leave/templates/") for n in names)


def test_every_post_form_in_the_templates_has_a_csrf_token():
    missing = []
    for path in template_files():
        text = path.read_text(encoding="utf-8")
        for match in FORM.finditer(text):
            if POST_METHOD.search(match["attrs"]) and "csrf_token" not in match["body"]:
                line = text[: match.start()].count("\n") + 1
                missing.append(f"{path.relative_to(ROOT)}:{line}")
    assert not missing, "POST forms without {% csrf_token %}: " + ", ".join(missing)


@pytest.mark.django_db
def test_every_address_refuses_a_post_without_a_csrf_token():
    world = build_world()
    clients = {}
    accepted = []
    for name, (allowed, _method) in sorted(MATRIX.items()):
        # POST as a role that may use the page, so only the missing token can be the reason for 403.
        role = sorted(allowed)[0] if "anonymous" not in allowed else "anonymous"
        if role not in clients:
            clients[role] = Client(enforce_csrf_checks=True)
            if role != "anonymous":
                clients[role].force_login(world.users[role])
        response = clients[role].post(url_of(name, world), {})
        if response.status_code != 403:
            accepted.append(f"{name} as {role}: {response.status_code}")
    assert not accepted, "POST without a CSRF token was not refused: " + ", ".join(accepted)
