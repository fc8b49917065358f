"""Partners, networks, projects, schools' own events and exhibitions (functions 4, 11, 12, 15, 17)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from events.models import Event, Exhibit, Registration
from events.services import registration as signup
from events.services.errors import NotInAudience
from funding.formatting import format_eur
from funding.models import Expense, FundingKind
from notices.models import NoticeLog
from partnerships import services
from partnerships.models import Network, PartnerProvider, Project, SchoolEventProposal
from people.models import Membership, Organisation, Role
from tests.factories import (
    CentreFactory,
    EventFactory,
    FundingSourceFactory,
    ProgrammeFactory,
    ProviderFactory,
    RegistrationFactory,
    SchoolFactory,
    member,
    teacher,
    today,
)

pytestmark = pytest.mark.django_db


def network_with(centre, *schools):
    network = Network.objects.create(centre=centre, name="Gamtos mokslų tinklas", coordinator=schools[0])
    network.members.set(schools)
    return network


# --- Networks ---------------------------------------------------------------------------------------------

def test_a_networks_members_only_event_refuses_other_schools_teachers(centre):
    member_school, outsider_school = SchoolFactory(), SchoolFactory()
    network = network_with(centre, member_school)
    event = EventFactory(organiser=centre)
    services.add_network_event(network=network, event=event, members_only=True)
    insider, outsider = teacher(member_school), teacher(outsider_school)
    assert signup.register(event=event, teacher=insider).status == Registration.Status.CONFIRMED
    with pytest.raises(NotInAudience):
        signup.register(event=event, teacher=outsider)
    assert not Registration.objects.filter(teacher=outsider).exists()


def test_a_teacher_of_two_schools_registers_through_the_member_school(centre):
    member_school, other = SchoolFactory(), SchoolFactory()
    network = network_with(centre, member_school)
    event = EventFactory(organiser=centre)
    services.add_network_event(network=network, event=event, members_only=True)
    person = teacher(other)
    member(Role.TEACHER, member_school, user=person)
    registration = signup.register(event=event, teacher=person, school=other)
    assert registration.school == member_school


def test_an_open_network_event_takes_everyone_and_new_members_join_members_only_events(client, centre, staff):
    first, second, late = SchoolFactory(), SchoolFactory(), SchoolFactory()
    network = network_with(centre, first, second)
    open_event, closed_event = EventFactory(organiser=centre), EventFactory(organiser=centre)
    services.add_network_event(network=network, event=open_event, members_only=False)
    services.add_network_event(network=network, event=closed_event, members_only=True)
    signup.register(event=open_event, teacher=teacher(late))
    client.force_login(staff)
    response = client.post(reverse("partnerships:network_edit", args=[network.pk]), {
        "name": network.name, "coordinator": first.pk, "members": [first.pk, second.pk, late.pk]})
    assert response.status_code == 302
    assert set(closed_event.open_to_schools.all()) == {first, second, late}
    assert not open_event.open_to_schools.exists()


def test_school_heads_see_the_networks_they_belong_to_only(client, centre):
    school, other = SchoolFactory(), SchoolFactory()
    mine, theirs = network_with(centre, school), Network.objects.create(centre=centre, name="Kitas tinklas")
    theirs.members.set([other])
    client.force_login(member(Role.DIRECTOR, school))
    listing = client.get(reverse("partnerships:network_list")).content.decode()
    assert mine.name in listing and "Kitas tinklas" not in listing
    assert client.get(reverse("partnerships:network_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("partnerships:network_detail", args=[theirs.pk])).status_code == 403


def test_the_coordinator_must_be_a_member(client, centre, staff):
    school, other = SchoolFactory(), SchoolFactory()
    client.force_login(staff)
    response = client.post(reverse("partnerships:network_create"),
                           {"name": "Tinklas", "coordinator": other.pk, "members": [school.pk]})
    assert response.status_code == 200 and not Network.objects.exists()


# --- Schools' own events ----------------------------------------------------------------------------------

def proposal_post(**overrides):
    day = today() + dt.timedelta(days=20)
    data = {"title": "Gerosios patirties diena „Mokomės kartu“", "form": "seminaras", "date": day.isoformat(),
            "start_time": "13:00", "end_time": "16:00", "place": "Ąžuolyno progimnazija, aktų salė",
            "academic_hours": "4", "seats": "30", "fee": "15,00", "audience": "own",
            "support_requested": "Lektorius ir pažymėjimai"}
    data.update(overrides)
    return data


def test_a_director_proposes_and_the_centre_approves_support(client, centre, staff,
                                                             django_capture_on_commit_callbacks):
    school = SchoolFactory()
    director = member(Role.DIRECTOR, school)
    source = FundingSourceFactory(owner=centre, kind=FundingKind.MUNICIPALITY, amount=Decimal("500"))
    client.force_login(director)
    response = client.post(reverse("partnerships:propose_event"), proposal_post())
    assert response.status_code == 302
    proposal = SchoolEventProposal.objects.get()
    assert proposal.school == school and proposal.centre == centre and proposal.fee == Decimal("15.00")
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partnerships:proposal_decide", args=[proposal.pk]), {
            "decision": "approve", "support_money": "120,00", "source": source.pk,
            "support_lecturer": "dr. Jonas Jonaitis", "support_room": "", "support_certificates": "on"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    event = proposal.event
    assert proposal.status == SchoolEventProposal.Status.APPROVED
    assert event.status == Event.Status.PUBLISHED and event.host_school == school and event.organiser == centre
    assert list(event.open_to_schools.all()) == [school]
    assert Expense.objects.get(event=event).amount == Decimal("120.00")
    catalogue = client.get(reverse("events:catalogue")).content.decode()
    assert event.title in catalogue and str(school) in catalogue
    assert NoticeLog.objects.filter(kind="school_event_decided", recipient=director).exists()
    # Open to the school's own teachers only.
    signup.register(event=event, teacher=teacher(school))
    with pytest.raises(NotInAudience):
        signup.register(event=event, teacher=teacher(SchoolFactory()))


def test_declining_needs_a_reason_and_the_school_sees_it(client, centre, staff):
    school = SchoolFactory()
    deputy = member(Role.DEPUTY, school)
    client.force_login(deputy)
    client.post(reverse("partnerships:propose_event"), proposal_post(audience="all"))
    proposal = SchoolEventProposal.objects.get()
    with pytest.raises(services.PartnershipError):
        services.decline_proposal(proposal=proposal, by=staff, reason=" ")
    services.decline_proposal(proposal=proposal, by=staff, reason="Tą dieną salė užimta.")
    with pytest.raises(services.PartnershipError):
        services.approve_proposal(proposal=proposal, by=staff)
    page = client.get(reverse("partnerships:school_proposals")).content.decode()
    assert "Tą dieną salė užimta." in page
    assert not Event.objects.exists()


def test_only_the_schools_heads_propose_and_only_centre_staff_decide(client, centre):
    school = SchoolFactory()
    client.force_login(teacher(school))
    assert client.post(reverse("partnerships:propose_event"), proposal_post()).status_code == 403
    proposal = SchoolEventProposal.objects.create(
        school=school, centre=centre, proposed_by=member(Role.DIRECTOR, school), title="A", form="seminaras",
        date=today() + dt.timedelta(days=5), start_time=dt.time(10), end_time=dt.time(12), place="X",
        academic_hours=2, seats=10)
    other_staff = member(Role.CENTRE_STAFF, CentreFactory())
    with pytest.raises(services.PartnershipError):
        services.approve_proposal(proposal=proposal, by=other_staff)
    client.force_login(other_staff)
    assert client.get(reverse("partnerships:proposal_decide", args=[proposal.pk])).status_code == 404


def test_a_proposal_in_the_past_or_ending_before_it_starts_is_refused(client):
    school = SchoolFactory()
    client.force_login(member(Role.DIRECTOR, school))
    response = client.post(reverse("partnerships:propose_event"),
                           proposal_post(date=today().isoformat(), end_time="12:00"))
    assert response.status_code == 200 and not SchoolEventProposal.objects.exists()


# --- Projects ---------------------------------------------------------------------------------------------

def test_a_projects_page_sums_its_events_participants_and_money(client, centre, staff):
    source = FundingSourceFactory(owner=centre, kind=FundingKind.PROJECTS, amount=Decimal("5000"))
    one, two = EventFactory(organiser=centre, academic_hours=6), EventFactory(organiser=centre, academic_hours=8)
    RegistrationFactory(event=one, status=Registration.Status.ATTENDED)
    RegistrationFactory(event=one, status=Registration.Status.CONFIRMED)
    RegistrationFactory(event=two, status=Registration.Status.CANCELLED)
    Expense.objects.create(source=source, amount=Decimal("300"), event=one, status=Expense.Status.SPENT)
    Expense.objects.create(source=source, amount=Decimal("200"), event=two)
    Expense.objects.create(source=source, amount=Decimal("99"), event=two, status=Expense.Status.RELEASED)
    client.force_login(staff)
    response = client.post(reverse("partnerships:project_create"), {
        "title": "Erasmus+ „Mokykla be sienų“", "starts_on": "2026-01-01", "ends_on": "2027-06-30",
        "funding_source": source.pk, "events": [one.pk, two.pk], "partners": [ProviderFactory().pk]})
    assert response.status_code == 302
    project = Project.objects.get()
    totals = services.project_totals(project)
    assert totals["events"] == 2 and totals["hours"] == 14
    assert totals["places"] == 2 and totals["attended"] == 1
    assert totals["spent"] == Decimal("300") and totals["committed"] == Decimal("200")
    assert totals["planned"] == Decimal("5000")
    page = client.get(reverse("partnerships:project_detail", args=[project.pk])).content.decode()
    assert format_eur(Decimal("5000")) in page and format_eur(Decimal("300")) in page


# --- Partner providers ------------------------------------------------------------------------------------

def test_staff_add_a_partner_whose_programmes_and_events_show_and_give_its_lecturer_an_account(client, centre, staff):
    client.force_login(staff)
    response = client.post(reverse("partnerships:provider_create"), {
        "org-name": "Vilniaus universitetas", "org-country": "LT", "org-email": "info@vu.lt",
        "partner-kind": "university", "partner-contact_person": "Asta Petraitienė",
        "partner-contact_email": "asta@vu.lt"})
    assert response.status_code == 302
    profile = PartnerProvider.objects.get()
    assert profile.organisation.kind == Organisation.Kind.PROVIDER and profile.centre == centre
    ProgrammeFactory(owner=centre, provider=profile.organisation, title="Skaitmeninis raštingumas")
    event = EventFactory(organiser=centre, provider=profile.organisation, title="VU seminaras")
    page = client.get(reverse("partnerships:provider_detail", args=[profile.pk])).content.decode()
    assert "Skaitmeninis raštingumas" in page and "VU seminaras" in page
    assert "Vilniaus universitetas" in client.get(reverse("events:catalogue")).content.decode()
    assert event.provider == profile.organisation
    client.post(reverse("partnerships:provider_detail", args=[profile.pk]),
                {"first_name": "Rimas", "last_name": "Kairys", "email": "rimas@vu.lt"})
    membership = Membership.objects.get(user__email="rimas@vu.lt")
    assert membership.role == Role.LECTURER and membership.organisation == profile.organisation


def test_partner_pages_are_for_centre_staff(client, centre):
    client.force_login(member(Role.DIRECTOR, SchoolFactory()))
    for name in ("partnerships:provider_list", "partnerships:project_list", "partnerships:proposal_queue"):
        assert client.get(reverse(name)).status_code == 403


# --- Exhibitions ------------------------------------------------------------------------------------------

def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_exhibition_shows_its_exhibits_with_photos(client, centre, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    school = SchoolFactory(name="Ąžuolyno progimnazija")
    event = EventFactory(organiser=centre, form="paroda", title="Mokinių darbų paroda")
    client.force_login(staff)
    response = client.post(reverse("events:exhibits", args=[event.pk]), {
        "title": "Rudens spalvos", "author": "Ona Onaitė", "school": school.pk, "order": "1",
        "photo": SimpleUploadedFile("darbas.png", png_bytes(), content_type="image/png")})
    assert response.status_code == 302
    exhibit = Exhibit.objects.get()
    refused = client.post(reverse("events:exhibits", args=[event.pk]), {
        "title": "Ne nuotrauka", "author": "X", "order": "2",
        "photo": SimpleUploadedFile("darbas.png", b"<script>alert(1)</script>", content_type="image/png")})
    assert refused.status_code == 400 and Exhibit.objects.count() == 1
    client.logout()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Rudens spalvos" in page and "Ona Onaitė" in page and "Ąžuolyno progimnazija" in page
    photo = client.get(reverse("events:exhibit_photo", args=[exhibit.pk]))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    client.force_login(staff)
    client.post(reverse("events:exhibit_delete", args=[event.pk, exhibit.pk]))
    assert not Exhibit.objects.exists()
