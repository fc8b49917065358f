"""Hostile values in every URL of the permission matrix: no 500, ever.

For every URL name in MATRIX, as a role that may open it (tests/security/world.py), the walk sends:
- in each path parameter whose converter admits it: non-numeric ids, 20-digit numbers, 0 and 10000 (as
  years), `0001-01-01`, a raw `%ff`, NUL and a 200 KB string;
- in the query string (GET) and in the body (POST): every field name of the forms the view shows (its
  context's forms and filter sets and the names in its HTML) or, for a POST-only address, of the forms
  that post to it on the pages walked before, plus common parameter names (page, year, org, q …): all
  fields at once with each hostile value, then each field alone with a 20-digit number and with text.

A 400/403/404/405/429, a form error (200) or a redirect are all fine answers; a 500 fails the test. Every
request's writes are rolled back, so the world stays the same for the next one. The requests are
grouped by app (one world per group), so a failure names the group and lists every 500 found in it.
"""

import html
import os
import re
import time
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.forms import BaseForm, BaseFormSet
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.security.test_permission_matrix import GET, MATRIX, POST, POST_DATA
from tests.security.urls import ARGS
from tests.security.world import build_world

pytestmark = pytest.mark.django_db

HOSTILE = {
    "text": "abc",
    "20 digits": "9" * 20,
    "zero": "0",
    "year 10000": "10000",
    "negative": "-1",
    "year 1": "0001-01-01",
    "bad escape": "%ff",
    "NUL": "a\x00b",
    "200 KB": "x" * 200_000,
}
COMMON = ("page", "year", "org", "q", "school", "event", "teacher", "status", "kind", "from", "to", "date",
          "pk", "id", "next", "action", "format", "sort", "registration", "expense", "seats", "present")
# Documents are built on every request: fewer values in their query strings keep the walk short.
DOCUMENT_SUFFIXES = ("_pdf", "_xlsx", "_csv", "_zip", "_ics", "_photo", "_download", "_file")
DOCUMENT_VALUES = ("abc", "9" * 20, "0001-01-01", "%ff")
ONE_BY_ONE_MAX = 6
# The role that walks a page: the most privileged that may open it comes first.
PREFERENCE = ("centre_staff", "director", "deputy", "administrator", "teacher", "lecturer", "anonymous")
SKIP_NAMES = {"csrfmiddlewaretoken"}


def _app(name):
    return name.split(":", 1)[0] if ":" in name else "site"


GROUPS = sorted({_app(name) for name in MATRIX})


def encode(pairs):
    """A query string or form body that carries `%ff` as the raw (undecodable) byte escape."""
    return urlencode(pairs, doseq=True).replace("%25ff", "%ff")


def walker(world, allowed):
    role = next(r for r in PREFERENCE if r in allowed)
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world.users[role])
    return role, client


def send(client, method, url, query="", body=None):
    """One request whose writes are rolled back; returns the response."""
    with transaction.atomic():
        target = f"{url}?{query}" if query else url
        if method == GET:
            response = client.get(target)
        else:
            response = client.post(target, body or "", content_type="application/x-www-form-urlencoded")
        transaction.set_rollback(True)
    return response


def path_variants(name, world):
    """(parameter, value, url) for each path parameter and each hostile value its converter admits."""
    if name not in ARGS:
        return
    objs = dict(world.objects, teacher=world.objects.get("teacher", world.users["teacher"]))
    kwargs = ARGS[name](world, objs)
    for key in kwargs:
        for label, value in HOSTILE.items():
            try:
                url = reverse(name, kwargs=dict(kwargs, **{key: value}))
            except NoReverseMatch:
                continue
            yield key, label, url.replace("%25ff", "%ff")


def context_field_names(response):
    names = set()
    contexts = response.context
    if contexts is None:
        return names
    values = []
    for context in (contexts if isinstance(contexts, list) else [contexts]):
        values.extend(context.flatten().values())
    for value in values:
        form = getattr(value, "form", None) if not isinstance(value, (BaseForm, BaseFormSet)) else value
        if isinstance(form, BaseFormSet):
            names.update(form.management_form.add_prefix(n) for n in form.management_form.fields)
            names.update(form.empty_form.add_prefix(n) for n in form.empty_form.fields)
            form = form.forms[0] if form.forms else None
        if isinstance(form, BaseForm):
            names.update(form.add_prefix(n) for n in form.fields)
    return names


FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
ACTION = re.compile(r"""\baction=["']([^"']*)["']""", re.I)
METHOD = re.compile(r"""\bmethod=["']?post""", re.I)
NAME = re.compile(r"""<(?:input|select|textarea|button)\b[^>]*\bname=["']([^"']+)["']""", re.I)


def html_forms(response, url):
    """{(action path, method): field names} of the forms in an HTML page."""
    if "html" not in response.get("Content-Type", "") or getattr(response, "streaming", False):
        return {}
    forms = {}
    for attributes, inside in FORM.findall(response.content.decode(errors="replace")):
        action = ACTION.search(attributes)
        target = html.unescape(action.group(1)).split("?")[0] if action and action.group(1) else url
        verb = POST if METHOD.search(attributes) else GET
        forms.setdefault((target, verb), set()).update(html.unescape(n) for n in NAME.findall(inside))
    return forms


def hostile_requests(name, fields):
    """(description, method, query, body) for a page's hostile parameters; `fields` maps GET and POST
    to the field names the page's forms send that way."""
    document = name.endswith(DOCUMENT_SUFFIXES)
    base = POST_DATA.get(name, {})
    for verb in (GET, POST):
        if verb not in fields:
            continue
        names = sorted((fields[verb] | set(COMMON) | set(base)) - SKIP_NAMES)
        for value in DOCUMENT_VALUES if document else tuple(HOSTILE.values()):
            label = next(k for k, v in HOSTILE.items() if v == value)
            yield f"{verb} every field = {label}", verb, dict(base, **dict.fromkeys(names, value))
        one_by_one = sorted(fields[verb] - SKIP_NAMES)
        # Each field alone (a hand-read parameter refused first may hide the next), at most
        # ONE_BY_ONE_MAX per page, spread over its fields; every field already got every value above.
        step = max(1, -(-len(one_by_one) // ONE_BY_ONE_MAX))
        for field in one_by_one[::step]:
            yield f"{verb} {field} = 20 digits", verb, dict(base, **{field: "9" * 20})


def walk(world, names):
    """Every hostile request for `names`; returns the 500s found as lines."""
    problems = []
    forms_to = {}  # (action path, method) -> field names, from the pages walked so far
    # GET pages first: the forms they show tell which fields the POST-only addresses read.
    for name in sorted(names, key=lambda n: (MATRIX[n][1] != GET, n)):
        started, count = time.monotonic(), len(problems)
        allowed, method = MATRIX[name]
        role, client = walker(world, allowed)
        objs = dict(world.objects, teacher=world.objects.get("teacher", world.users["teacher"]))
        url = reverse(name, kwargs=ARGS[name](world, objs) if name in ARGS else {})

        def check(description, response, role=role, name=name):
            if response.status_code >= 500:
                problems.append(f"{name} as {role}: {description} -> {response.status_code}")

        for key, label, variant in path_variants(name, world):
            check(f"path {key} = {label} ({variant[:80]})", send(client, method, variant, body=""))
        fields = {POST: set()} if method == POST else {GET: set()}
        if method == GET:
            page = send(client, GET, url)
            check("the page itself", page)
            found = html_forms(page, url)
            for key, names_found in found.items():
                forms_to.setdefault(key, set()).update(names_found)
            in_context = context_field_names(page)
            if (url, POST) in forms_to or in_context - forms_to.get((url, GET), set()):
                fields[POST] = set()
            for verb in fields:
                fields[verb] |= forms_to.get((url, verb), set())
            # Forms known only from the context: their fields go both ways.
            for verb in fields:
                fields[verb] |= in_context
        else:
            fields[POST] |= forms_to.get((url, POST), set())
        for description, verb, pairs in hostile_requests(name, fields):
            if verb == GET:
                check(description, send(client, GET, url, encode(pairs)))
            else:
                check(description, send(client, POST, url, body=encode(pairs)))
        if os.environ.get("KV_WALK_TIMES"):
            print(f"{time.monotonic() - started:6.1f}s {name} {len(problems) - count}")  # noqa: T201
    return problems


@pytest.mark.parametrize("group", GROUPS)
def test_hostile_values_never_answer_500(group):
    world = build_world()
    names = [name for name in MATRIX if _app(name) == group]
    problems = walk(world, names)
    assert not problems, f"{len(problems)} hostile requests answered 500:\n" + "\n".join(problems)
