"""Long programmes in modules: modules edited in the programme form, an event runs one module or the
whole programme, certificates and the teacher's record name the module; drafts can be deleted."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.selectors import teacher_record
from certificates.services import issuing
from events.models import Event, ProgrammeModule
from events.services import events as event_services
from funding.models import Expense
from tests.certificates.helpers import completed_event
from tests.factories import (
    CentreFactory,
    EventFactory,
    FundingSourceFactory,
    ProgrammeFactory,
    ProgrammeModuleFactory,
    RegistrationFactory,
)

from .test_staff_views import event_post

pytestmark = pytest.mark.django_db

DAY = timezone.localdate() + dt.timedelta(days=30)


def modules_post(rows, initial=0, **fields):
    data = {"title": "Įtraukusis ugdymas", "academic_hours": "60",
            "modules-TOTAL_FORMS": str(len(rows)), "modules-INITIAL_FORMS": str(initial),
            "modules-MIN_NUM_FORMS": "0", "modules-MAX_NUM_FORMS": "1000"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"modules-{index}-{key}"] = value
    data.update(fields)
    return data


def test_programme_form_saves_modules_with_titles_hours_and_order(client, staff, centre):
    response = client.post(reverse("events:programme_create"), modules_post([
        {"title": "II modulis. Pagalba mokiniui", "academic_hours": "20", "order": "2"},
        {"title": "I modulis. Įvadas", "academic_hours": "40", "order": "1"},
    ]))
    assert response.status_code == 302
    modules = list(ProgrammeModule.objects.all())
    assert [(m.title, m.academic_hours) for m in modules] == [
        ("I modulis. Įvadas", 40), ("II modulis. Pagalba mokiniui", 20)]
    page = client.get(reverse("events:programme_edit", args=[modules[0].programme_id]))
    assert "I modulis. Įvadas" in page.content.decode()


def test_modules_cannot_add_up_to_more_than_the_programme(client, staff, centre):
    response = client.post(reverse("events:programme_create"), modules_post([
        {"title": "I", "academic_hours": "40", "order": "1"},
        {"title": "II", "academic_hours": "30", "order": "2"},
    ]))
    assert response.status_code == 200
    assert "70" in response.content.decode()
    assert not ProgrammeModule.objects.exists()


def test_a_module_an_event_runs_cannot_be_removed(client, staff, centre):
    programme = ProgrammeFactory(owner=centre, academic_hours=60)
    module = ProgrammeModuleFactory(programme=programme, title="I modulis", academic_hours=20)
    EventFactory(organiser=centre, programme=programme, module=module)
    response = client.post(reverse("events:programme_edit", args=[programme.pk]), modules_post(
        [{"id": str(module.pk), "title": "I modulis", "academic_hours": "20", "order": "0", "DELETE": "on"}],
        initial=1, title=programme.title))
    assert response.status_code == 200
    assert ProgrammeModule.objects.filter(pk=module.pk).exists()


def test_an_event_runs_a_module_of_its_own_programme_only(client, staff, centre):
    programme = ProgrammeFactory(owner=centre, academic_hours=60)
    other = ProgrammeFactory(owner=centre)
    module = ProgrammeModuleFactory(programme=other, title="Svetimas modulis", academic_hours=8)
    response = client.post(reverse("events:staff_event_create"),
                           event_post(programme=str(programme.pk), module=str(module.pk)))
    assert response.status_code == 200
    assert not Event.objects.exists()
    own = ProgrammeModuleFactory(programme=programme, title="I modulis", academic_hours=20)
    response = client.post(reverse("events:staff_event_create"),
                           event_post(programme=str(programme.pk), module=str(own.pk), academic_hours="20"))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.module == own
    page = client.get(event.get_absolute_url()).content.decode()
    assert "I modulis" in page


def test_new_event_for_a_module_starts_with_the_modules_hours(client, staff, centre):
    programme = ProgrammeFactory(owner=centre, title="Lyderystė", academic_hours=60)
    module = ProgrammeModuleFactory(programme=programme, title="II modulis", academic_hours=16)
    initial = event_services.event_initial_from_programme(programme, module)
    assert initial["academic_hours"] == 16 and initial["module"] == module.pk
    assert initial["title"] == "Lyderystė: II modulis"
    response = client.get(reverse("events:staff_event_create"), {"programme": programme.pk, "module": module.pk})
    assert 'value="16"' in response.content.decode()


def test_certificate_and_record_name_the_module():
    centre = CentreFactory()
    programme = ProgrammeFactory(owner=centre, title="Lyderystė", academic_hours=60)
    module = ProgrammeModuleFactory(programme=programme, title="II modulis. Komandos", academic_hours=12)
    event, (registration,) = completed_event(attendees=1, organiser=centre, programme=programme, module=module)
    certificate, _ = issuing.issue_certificate(registration=registration, render=False)
    assert certificate.module_title == "II modulis. Komandos"
    record = teacher_record(registration.teacher)
    entries = [entry for year in record.years for entry in year.entries]
    assert [entry.module for entry in entries] == ["II modulis. Komandos"]
    whole, (other,) = completed_event(attendees=1, organiser=centre, programme=programme)
    assert issuing.issue_certificate(registration=other, render=False)[0].module_title == ""


def test_staff_delete_a_draft_but_not_a_published_event(client, staff, centre):
    draft = EventFactory(organiser=centre, status=Event.Status.DRAFT)
    published = EventFactory(organiser=centre, status=Event.Status.PUBLISHED)
    assert client.get(reverse("events:staff_event_delete", args=[draft.pk])).status_code == 200
    response = client.post(reverse("events:staff_event_delete", args=[draft.pk]))
    assert response.status_code == 302
    assert not Event.objects.filter(pk=draft.pk).exists()
    response = client.post(reverse("events:staff_event_delete", args=[published.pk]), follow=True)
    assert Event.objects.filter(pk=published.pk).exists()
    assert "Only a draft can be deleted" in response.content.decode() or "juodraš" in response.content.decode()


def test_a_draft_with_registrations_or_money_is_not_deleted(centre):
    with_registration = EventFactory(organiser=centre, status=Event.Status.DRAFT)
    RegistrationFactory(event=with_registration)
    with pytest.raises(event_services.NotAllowedInStatus):
        event_services.delete_draft(event=with_registration, by=None)
    with_money = EventFactory(organiser=centre, status=Event.Status.DRAFT)
    source = FundingSourceFactory(owner=centre)
    Expense.objects.create(source=source, amount=10, event=with_money)
    with pytest.raises(event_services.NotAllowedInStatus):
        event_services.delete_draft(event=with_money, by=None)
    assert Event.objects.filter(pk__in=[with_registration.pk, with_money.pk]).count() == 2


def test_another_centres_draft_cannot_be_deleted(client, staff):
    draft = EventFactory(organiser=CentreFactory(), status=Event.Status.DRAFT)
    assert client.post(reverse("events:staff_event_delete", args=[draft.pk])).status_code == 403
    assert Event.objects.filter(pk=draft.pk).exists()
