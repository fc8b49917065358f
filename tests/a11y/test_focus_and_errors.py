"""What a keyboard user sees and where focus goes: a focus indicator of at least 3:1 against its background
(WCAG 2.2), button and badge colours at 4.5:1 for text and 3:1 for boundaries, and after a failed submit
the error summary has the focus and each error is tied to its field."""

import re

import pytest

from leave.models import LeaveRequest
from tests.a11y.test_keyboard_and_phone import focused, tab_to
from tests.security.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def rgb(css):
    """'rgb(10, 88, 202)' or 'rgba(0, 0, 0, 0)' -> (r, g, b, alpha)."""
    parts = [float(p) for p in re.findall(r"[\d.]+", css)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def luminance(color):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in color[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def test_contrast_function_matches_wcag_examples():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((255, 193, 7), (255, 255, 255)) == pytest.approx(1.63, abs=0.01)


BACKGROUND_OF = """(el) => {
  for (let node = el.parentElement; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') return bg;
  }
  return 'rgb(255, 255, 255)';
}"""


def focus_ring(page):
    style = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                          " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }")
    background = page.evaluate(f"() => ({BACKGROUND_OF})(document.activeElement)")
    return style[0], float(style[1].rstrip("px")), rgb(style[2]), rgb(background)


def test_focus_in_the_top_bar_is_visible_against_the_bar(page):
    page.goto("/renginiai/")
    tab_to(page, ".navbar-brand")
    outline_style, width, color, background = focus_ring(page)
    assert outline_style != "none" and width >= 2
    assert contrast(color, background) >= 3, (color, background)


def test_focus_on_a_form_field_is_visible_against_the_page(page):
    page.goto("/prisijungti/")
    tab_to(page, "input[name=username]")
    outline_style, width, color, background = focus_ring(page)
    assert outline_style != "none" and width >= 2
    assert contrast(color, background) >= 3, (color, background)


VARIANTS = ["primary", "secondary", "success", "danger", "warning", "info", "dark"]


def test_every_button_and_badge_colour_meets_the_contrast_minimums(page):
    page.goto("/renginiai/")
    html = "".join(
        f'<button class="btn btn-{v}" data-kind="solid">x</button>'
        f'<button class="btn btn-outline-{v}" data-kind="outline">x</button>'
        f'<span class="badge text-bg-{v}" data-kind="badge">x</span>'
        for v in VARIANTS
    )
    page.evaluate("(html) => { const d = document.createElement('div'); d.id = 'swatches';"
                  " d.innerHTML = html; document.querySelector('main').prepend(d); }", html)
    swatches = page.evaluate("""() => [...document.querySelectorAll('#swatches > *')].map(el => {
        const s = getComputedStyle(el);
        return [el.className, el.dataset.kind, s.color, s.backgroundColor, s.borderTopColor];
    })""")
    problems = []
    for cls, kind, color, bg, border in swatches:
        color, bg, border = rgb(color), rgb(bg), rgb(border)
        surface = bg if bg[3] > 0 else (255, 255, 255)
        if contrast(color, surface) < 4.5:
            problems.append(f"{cls}: text {contrast(color, surface):.2f}:1")
        if kind == "outline" and contrast(border, (255, 255, 255)) < 3:
            problems.append(f"{cls}: border {contrast(border, (255, 255, 255)):.2f}:1")
    assert not problems, "\n".join(problems)


def test_a_rejection_without_reason_puts_focus_on_the_error_summary_tied_to_the_note(page, sign_in):
    world = build_world()
    director = world.users["director"]
    leave_request = world.objects["leave_request"]
    assert leave_request.status == LeaveRequest.Status.SUBMITTED
    sign_in(director)
    page.goto(f"/prasymai/{leave_request.pk}/sprendimas/")
    tab_to(page, "button[value=reject]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.locator("[data-error-summary]").wait_for()
    assert focused(page, "el.hasAttribute('data-error-summary')")
    note = page.locator("textarea[name=note]")
    assert note.get_attribute("aria-invalid") == "true"
    described = note.get_attribute("aria-describedby").split()
    texts = [page.locator(f"#{i}").inner_text() for i in described]
    summary = page.locator("[data-error-summary]").inner_text()
    assert any(t.strip() and t.strip() in summary and "atmetimo priežastį" in t for t in texts), texts
    # The summary links to the field, and following the link puts the cursor in it.
    link = page.locator("[data-error-summary] a[href='#id_note']")
    assert link.count() == 1
    link.click()
    assert focused(page, "el.name") == "note"
    leave_request.refresh_from_db()
    assert leave_request.status == LeaveRequest.Status.SUBMITTED
