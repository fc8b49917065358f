"""axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on every HTML page of the permission matrix, as each
role that may open it: no violation of any impact.

The list of pages comes from the matrix itself (tests/a11y/pages.py), so a new page is checked as soon as
it is listed there, which the matrix test already demands."""

import pytest
from django.conf import settings
from django.test import Client

from tests.a11y.pages import html_pages
from tests.security.world import ROLES, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_URL = "/static/vendor/axe-core/axe.min.js"


def run_axe(page):
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_URL)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})", WCAG_TAGS)
    lines = []
    for violation in result["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return lines


def browser_context(browser, live_server, world, role):
    context = browser.new_context(base_url=live_server.url, locale="lt-LT")
    context.set_default_timeout(15_000)
    if role != "anonymous":
        client = Client()
        client.force_login(world.users[role])
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value,
                              "url": live_server.url}])
    return context


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_the_role_has_no_wcag_violation(_playwright_browser, live_server, role):
    world = build_world()
    urls = sorted({url for _role, url, html in html_pages(world, roles=[role]) if "<!doctype" in html[:50].lower()})
    assert urls, f"{role} opens no page?"
    context = browser_context(_playwright_browser, live_server, world, role)
    page = context.new_page()
    problems = []
    try:
        for url in urls:
            response = page.goto(url)
            if response.status != 200:
                problems.append(f"{url}: {response.status}")
                continue
            problems.extend(f"{url}: {line}" for line in run_axe(page))
    finally:
        context.close()
    assert not problems, f"{role}:\n" + "\n".join(problems)


def test_axe_reports_a_violation_on_a_bad_page(_playwright_browser, live_server):
    """The check can fail: an image without alternative text is a WCAG violation."""
    world = build_world()
    context = browser_context(_playwright_browser, live_server, world, "anonymous")
    page = context.new_page()
    try:
        page.goto("/renginiai/")
        page.evaluate("() => { const img = document.createElement('img'); img.src = '/x.png';"
                      " document.querySelector('main').appendChild(img); }")
        assert any(line.startswith("image-alt") for line in run_axe(page))
    finally:
        context.close()
