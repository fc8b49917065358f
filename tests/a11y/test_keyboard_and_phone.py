"""Keyboard use (skip link, registering, signing in) and a phone-sized screen (no sideways scrolling,
the collapsed navigation opens)."""

import pytest

from events.models import Registration
from tests import factories as f
from tests.security.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 667}


def focused(page, expression):
    return page.evaluate(f"() => {{ const el = document.activeElement; return {expression}; }}")


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page):
    page.goto("/renginiai/")
    page.keyboard.press("Tab")
    assert focused(page, "el.classList.contains('skip-link')")
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert focused(page, "el.id") == "main"


def test_sign_in_works_with_the_keyboard_alone(page):
    person = f.teacher(email="ruta@example.lt")
    page.goto("/prisijungti/")
    tab_to(page, "input[name=username]")
    page.keyboard.type(person.email)
    page.keyboard.press("Tab")
    assert focused(page, "el.name") == "password"
    page.keyboard.type("pass12345")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/prisijungti/" not in url)
    assert page.locator("form[action$='/atsijungti/']").count() == 1


def test_registering_works_with_the_keyboard_alone(page, sign_in):
    event = f.EventFactory(outside_working_hours=True, seats=5)
    person = f.teacher()
    sign_in(person)
    page.goto(event.get_absolute_url())
    tab_to(page, "#register-button")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.locator("#registration-panel .badge.text-bg-success").wait_for()
    assert Registration.objects.get(event=event, teacher=person).status == Registration.Status.CONFIRMED
    # The page opens with focus on the message that says what happened (WCAG: the status is announced).
    assert focused(page, "el.hasAttribute('data-status-message')")
    assert "užsiregistr" in page.locator("[data-status-message]").inner_text().lower()


PHONE_PAGES = [
    ("anonymous", "/"),
    ("anonymous", "/renginiai/"),
    ("anonymous", "/renginiai/{event.pk}/"),
    ("anonymous", "/planas/{year}/"),
    ("anonymous", "/prisijungti/"),
    ("anonymous", "/pazymejimai/{certificate.verification_code}/"),
    ("teacher", "/mano/renginiai/"),
    ("teacher", "/prasymai/"),
    ("teacher", "/prasymai/{leave_request.pk}/"),
    ("teacher", "/mano/aplankas/"),
    ("teacher", "/pranesimai/"),
    ("director", "/prasymai/direktoriui/"),
    ("director", "/lesos/"),
    ("centre_staff", "/centras/renginiai/"),
    ("centre_staff", "/centras/planas/"),
    ("administrator", "/lesos/rajonas/"),
]


@pytest.mark.parametrize(("role", "path"), PHONE_PAGES, ids=[f"{r}:{p}" for r, p in PHONE_PAGES])
def test_main_pages_fit_a_phone_screen(page, sign_in, role, path):
    world = build_world()
    if role != "anonymous":
        sign_in(world.users[role])
    page.set_viewport_size(PHONE)
    url = path.format(**world.objects)
    assert page.goto(url).status == 200
    page.wait_for_load_state("networkidle")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1 &&
                !(el.parentElement && el.parentElement.getBoundingClientRect().right > window.innerWidth + 1))
        .slice(0, 5).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                         (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''))""")
    assert widths[0] <= widths[1], f"{url} scrolls sideways on a phone: {widths}; too wide: {wide}"


def test_the_collapsed_navigation_opens_with_its_toggler(page, sign_in):
    sign_in(f.teacher())
    page.set_viewport_size(PHONE)
    page.goto("/renginiai/")
    toggler = page.locator(".navbar-toggler")
    assert toggler.is_visible()
    assert not page.locator("#main-nav").is_visible()
    assert toggler.get_attribute("aria-expanded") == "false"
    toggler.click()
    page.locator("#main-nav.show").wait_for()
    assert toggler.get_attribute("aria-expanded") == "true"
    assert page.locator("#main-nav a[href='/mano/renginiai/']").is_visible()
