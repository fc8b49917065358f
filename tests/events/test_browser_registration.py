"""The journey: a teacher registers, lands on the waiting list of a full event, and cancels."""

import pytest

from events.models import Registration
from tests.factories import EventFactory, RegistrationFactory, teacher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_teacher_registers_waits_on_a_full_event_and_cancels(page, sign_in):
    open_event = EventFactory(seats=3, outside_working_hours=True, title="Atviras seminaras")
    full_event = EventFactory(seats=1, outside_working_hours=True, title="Pilnas seminaras")
    RegistrationFactory(event=full_event)
    person = teacher(first_name="Rūta")
    sign_in(person)

    page.goto(open_event.get_absolute_url())
    page.click("#register-button")
    page.wait_for_load_state()
    assert page.locator("#registration-panel .badge.text-bg-success").count() == 1
    assert Registration.objects.get(event=open_event, teacher=person).status == Registration.Status.CONFIRMED

    page.goto(full_event.get_absolute_url())
    assert page.locator("#registration-panel [data-seats-left='0']").count() == 1
    page.click("#register-button")
    page.wait_for_load_state()
    panel = page.locator("#registration-panel")
    assert panel.locator(".badge.text-bg-secondary").count() == 1
    assert "1" in panel.locator(".registration-status").inner_text()
    assert Registration.objects.get(event=full_event, teacher=person).status == Registration.Status.WAITLISTED

    page.goto("/mano/renginiai/")
    assert "Pilnas seminaras" in page.locator("main").inner_text()

    page.goto(full_event.get_absolute_url())
    page.click("#cancel-registration")
    page.wait_for_load_state()
    assert page.locator("#register-button").count() == 1
    assert Registration.objects.get(event=full_event, teacher=person).status == Registration.Status.CANCELLED
