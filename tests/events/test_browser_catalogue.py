import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import EventFactory, SubjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_filters_the_catalogue_and_opens_an_event(page):
    soon = timezone.localdate() + dt.timedelta(days=12)
    maths = SubjectFactory(name="Matematika")
    wanted = EventFactory(title="Matematikos žaidimai pradinukams", form="dirbtuves", starts_on=soon,
                          outside_working_hours=True, place="Ąžuolyno progimnazija")
    wanted.audience_subjects.add(maths)
    EventFactory(title="Konferencija „Mokykla 2030“", form="konferencija", starts_on=soon)
    EventFactory(title="Vakarinis seminaras", form="seminaras", starts_on=soon, outside_working_hours=True)

    page.goto("/renginiai/")
    assert page.locator("h1").inner_text()
    assert page.get_by_role("link", name="Konferencija „Mokykla 2030“").is_visible()

    page.select_option("select[name=form]", "dirbtuves")
    page.check("input[name=outside_working_hours]")
    page.click("#catalogue-filters button[type=submit]")
    page.wait_for_load_state()

    assert "form=dirbtuves" in page.url and "outside_working_hours=on" in page.url
    links = page.locator(".event-card h3 a")
    assert links.count() == 1
    assert page.get_by_role("link", name="Konferencija „Mokykla 2030“").count() == 0

    links.first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Matematikos žaidimai pradinukams"
    assert "Ąžuolyno progimnazija" in page.content()
    assert page.url.endswith(f"/renginiai/{wanted.pk}/")
