"""Each plan import run is recorded and can be undone: its events still drafts are deleted in one
transaction, the others are kept with the reason; deleted drafts never enter plan-against-actual."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events.models import Event, ImportRun
from events.services.events import publish_event
from events.services.import_runs import NothingToUndo, undo_import_run
from events.services.importing import import_events, import_plan
from funding.plan_actual import plan_against_actual
from people.models import Role
from tests.factories import CentreFactory, RegistrationFactory, member, teacher

pytestmark = pytest.mark.django_db

HEADER = "Data;Laikas;Renginio pavadinimas;Forma;Trukmė (akad. val.);Kaina, Eur"
FIRST = ["2031-03-10;14.00–17.00;Įtraukusis ugdymas;Seminaras;4;15,00",
         "2031-03-17;13:00-16:00;Skaitmeninis raštingumas;Vebinaras;4;0"]
# The same plan typed again with its titles changed a little: not recognised as imported before.
SECOND = ["2031-03-10;14.00–17.00;Įtraukusis ugdymas kitaip;Seminaras;4;15,00",
          "2031-03-17;13:00-16:00;Skaitmeninis raštingumas 2;Vebinaras;4;0",
          "2031-04-02;10:00-12:00;Naujas seminaras;Seminaras;2;0"]


def plan(rows):
    return "\n".join([HEADER, *rows]).encode("utf-8")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_run_is_recorded_with_who_when_which_file_and_its_events(centre, staff):
    created, skipped = import_plan(data=plan(FIRST), filename="kovas.csv", organiser=centre, by=staff)
    run = ImportRun.objects.get()
    assert (run.organiser, run.by, run.filename, run.created_count, run.skipped_count) == (
        centre, staff, "kovas.csv", 2, 0)
    assert run.created_at is not None and set(run.events.all()) == set(created)
    import_plan(data=plan(FIRST), filename="kovas.csv", organiser=centre, by=staff)
    again = ImportRun.objects.latest("pk")
    assert (again.created_count, again.skipped_count, again.events.count()) == (0, 2, 0)


def test_undoing_the_second_run_leaves_exactly_the_first_runs_events(centre, staff):
    first = import_events(data=plan(FIRST), filename="kovas.csv", organiser=centre, by=staff)
    second = import_events(data=plan(SECOND), filename="kovas-2.csv", organiser=centre, by=staff)
    assert Event.objects.count() == 5
    result = undo_import_run(run=second[0].import_run, by=staff)
    assert sorted(result.deleted) == sorted(e.title for e in second) and result.kept == []
    assert set(Event.objects.values_list("pk", flat=True)) == {e.pk for e in first}
    run = ImportRun.objects.get(pk=second[0].import_run_id)
    assert run.undone_by == staff and run.undone_at is not None and run.deleted_count == 3
    with pytest.raises(NothingToUndo):
        undo_import_run(run=run, by=staff)


def test_the_same_file_imported_twice_adds_nothing_and_its_empty_run_is_refused(centre, staff):
    first = import_events(data=plan(FIRST), filename="kovas.csv", organiser=centre, by=staff)
    assert import_events(data=plan(FIRST), filename="kovas.csv", organiser=centre, by=staff) == []
    with pytest.raises(NothingToUndo):
        undo_import_run(run=ImportRun.objects.latest("pk"), by=staff)
    assert set(Event.objects.all()) == set(first)


def test_events_no_longer_drafts_are_kept_and_named(centre, staff):
    published, draft = import_events(data=plan(FIRST), filename="kovas.csv", organiser=centre, by=staff)
    publish_event(event=published, by=staff)
    result = undo_import_run(run=published.import_run, by=staff)
    assert result.deleted == [draft.title]
    assert [(event.pk, str(reason)) for event, reason in result.kept] == [
        (published.pk, "Only a draft can be deleted; cancel a published event instead.")]
    assert list(Event.objects.all()) == [published]


def test_a_draft_with_registrations_is_kept(centre, staff):
    taken, free = import_events(data=plan(FIRST), filename="kovas.csv", organiser=centre, by=staff)
    RegistrationFactory(event=taken)
    result = undo_import_run(run=taken.import_run, by=staff)
    assert result.deleted == [free.title] and [event for event, _ in result.kept] == [taken]


def test_deleted_drafts_never_enter_plan_against_actual(centre, staff):
    import_events(data=plan(FIRST), filename="kovas.csv", organiser=centre, by=staff, publish=True)
    before = plan_against_actual(organiser=centre, year=2031)["total"]
    second = import_events(data=plan(SECOND), filename="kovas-2.csv", organiser=centre, by=staff)
    during = plan_against_actual(organiser=centre, year=2031)["total"]
    undo_import_run(run=second[0].import_run, by=staff)
    after = plan_against_actual(organiser=centre, year=2031)["total"]
    assert (before.planned, during.planned, after.planned) == (2, 2, 2)
    assert (before.upcoming, after.upcoming, after.cancelled) == (2, 2, 0)


def test_the_runs_page_lists_the_centres_runs_and_undoes_one(client, centre, staff):
    import_events(data=plan(FIRST), filename="kovas.csv", organiser=centre, by=staff)
    second = import_events(data=plan(SECOND), filename="kovas-2.csv", organiser=centre, by=staff)
    other_centre = CentreFactory()
    import_events(data=plan(FIRST), filename="kito-centro.csv", organiser=other_centre)
    client.force_login(staff)
    page = client.get(reverse("events:staff_import_runs")).content.decode()
    assert "kovas-2.csv" in page and "kovas.csv" in page and "kito-centro.csv" not in page
    url = reverse("events:staff_import_run_undo", args=[second[0].import_run_id])
    page = client.get(url).content.decode()
    assert "Naujas seminaras" in page and "Įtraukusis ugdymas</a>" not in page
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("events:staff_import_runs")
    # The pages speak Lithuanian (the site's language).
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Ištrinti 3 importo renginių juodraščiai."]
    assert Event.objects.filter(organiser=centre).count() == 2
    response = client.post(url)  # nothing left: refused, with the reason
    assert response.status_code == 400 and "Šio importo renginių neliko" in response.content.decode()


def test_the_kept_events_are_reported_on_the_page(client, centre, staff):
    published, _draft = import_events(data=plan(FIRST), filename="kovas.csv", organiser=centre, by=staff)
    publish_event(event=published, by=staff)
    client.force_login(staff)
    response = client.post(reverse("events:staff_import_run_undo", args=[published.import_run_id]))
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts == ["Ištrintas 1 importo renginio juodraštis.",
                     "„Įtraukusis ugdymas“ paliktas: Ištrinti galima tik juodraštį; paskelbtą renginį atšaukite."]


def test_only_the_centres_own_staff_may_undo_its_run(client, centre, staff):
    created = import_events(data=plan(FIRST), filename="kovas.csv", organiser=centre, by=staff)
    url = reverse("events:staff_import_run_undo", args=[created[0].import_run_id])
    client.force_login(member(Role.CENTRE_STAFF, CentreFactory()))
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    client.force_login(teacher())
    assert client.post(url).status_code == 403
    assert Event.objects.count() == 2


def test_the_upload_page_records_the_run_and_links_to_the_runs(client, centre, staff):
    client.force_login(staff)
    url = reverse("events:staff_event_import")
    page = client.get(url).content.decode()
    assert reverse("events:staff_import_runs") in page
    client.post(url, {"step": "upload", "file": SimpleUploadedFile("kovas.csv", plan(FIRST))})
    assert client.post(url, {"step": "confirm"}).status_code == 302
    run = ImportRun.objects.get()
    assert (run.by, run.filename, run.created_count, run.events.count()) == (staff, "kovas.csv", 2, 2)


def test_the_runs_page_keeps_a_constant_number_of_queries(client, centre, staff):
    client.force_login(staff)
    url = reverse("events:staff_import_runs")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    import_events(data=plan(FIRST), filename="kovas.csv", organiser=centre, by=staff)
    one = queries()
    for number in range(3):
        import_events(data=plan([row.replace("2031", f"{2032 + number}") for row in SECOND]),
                      filename=f"planas-{number}.csv", organiser=centre, by=staff)
    undo_import_run(run=ImportRun.objects.latest("pk"), by=staff)
    assert queries() == one
