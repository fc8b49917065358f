"""Invitations, the own profile, the organisations, staff and attestation pages."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from notices.models import NoticeLog
from people import invitations, staff
from people.models import Invitation, Membership, Organisation, Role, TeacherProfile, User
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return f.SchoolFactory()


@pytest.fixture
def director(school):
    return f.member(Role.DIRECTOR, school)


def _added(school, director, email="nauja@mokykla.lt"):
    membership = staff.add_person(organisation=school, by=director, email=email, first_name="Nauja",
                                  last_name="Mokytoja", role=Role.TEACHER)
    return membership.user, invitations.latest_invitation(membership.user)


def _url(invitation):
    return reverse("invitation", kwargs={"token": invitations.link_token(invitation)})


def test_added_person_gets_one_invitation_sets_own_password_and_is_signed_in(client, school, director):
    user, invitation = _added(school, director)
    assert not user.has_usable_password()
    notice = NoticeLog.objects.get(kind="invitation", recipient=user)
    assert invitations.check(notice.link.split("/")[2]) == (invitation, None) and notice.link in notice.body_text
    staff.add_person(organisation=school, by=director, email="NAUJA@mokykla.lt", first_name="x", last_name="y",
                     role=Role.TEACHER)
    assert NoticeLog.objects.filter(kind="invitation").count() == 1
    response = client.post(notice.link, {"new_password1": "Sav4s-slaptas", "new_password2": "Sav4s-slaptas"})
    assert response.status_code == 302 and response["Location"] == reverse("profile")
    user.refresh_from_db()
    assert user.check_password("Sav4s-slaptas")
    assert client.get(reverse("profile")).status_code == 200
    # used: refused, and says so
    response = Client().get(notice.link)
    assert response.status_code == 410 and "already used" in response.content.decode().replace("\n", " ") or \
        "jau panaudotas" in response.content.decode()


def test_expired_withdrawn_and_replaced_links_are_refused(client, school, director, settings):
    user, invitation = _added(school, director)
    old = _url(invitation)
    invitations.withdraw(invitation=invitation, by=director)
    assert client.get(old).status_code == 410
    assert client.post(old, {"new_password1": "Sav4s-slaptas", "new_password2": "Sav4s-slaptas"}).status_code == 410
    invitations.resend(invitation=invitation, by=director)
    invitation.refresh_from_db()
    assert client.get(old).status_code == 410  # replaced by the new link
    new = _url(invitation)
    assert client.get(new).status_code == 200
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now() - dt.timedelta(days=15))
    invitation.refresh_from_db()
    assert invitations.check(invitations.link_token(invitation))[1] == "expired"
    assert client.get("/pakvietimas/zz-garbage/").status_code == 410
    assert NoticeLog.objects.filter(kind="invitation", recipient=user).count() == 2
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_director_resends_and_withdraws_from_the_staff_page(client, school, director):
    user, invitation = _added(school, director)
    membership = Membership.objects.get(user=user, organisation=school)
    client.force_login(director)
    client.post(reverse("membership_invitation", args=[membership.pk]), {"action": "withdraw"})
    invitation.refresh_from_db()
    assert invitation.withdrawn_at
    client.post(reverse("membership_invitation", args=[membership.pk]), {"action": "resend"})
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None and invitation.send_count == 2


def test_profile_edits_own_details_but_not_the_category(client, school):
    teacher = f.teacher(school)
    subject = f.SubjectFactory(name="Chemija")
    client.force_login(teacher)
    response = client.post(reverse("profile"), {
        "me-first_name": "Ona", "me-last_name": "Naujoji", "me-phone": "+37060000000", "me-language": "en",
        "t-position": "chemijos mokytoja", "t-subjects": [subject.pk], "t-category": "ekspertas"})
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert (teacher.first_name, teacher.language) == ("Ona", "en")
    profile = TeacherProfile.objects.get(user=teacher)
    assert profile.position == "chemijos mokytoja" and list(profile.subjects.all()) == [subject]
    assert profile.category == "mokytojas"


def test_bad_profile_input_keeps_what_was_typed(client, school):
    teacher = f.teacher(school)
    client.force_login(teacher)
    response = client.post(reverse("profile"), {"me-first_name": "", "me-last_name": "Ką-tik-įvesta",
                                                "me-language": "lt"})
    assert response.status_code == 200 and "Ką-tik-įvesta" in response.content.decode()


def test_wrong_school_director_is_refused_on_every_staff_address(school, director):
    other = f.SchoolFactory()
    other_teacher = f.teacher(other)
    other_membership = Membership.objects.get(user=other_teacher, organisation=other)
    client = Client()
    client.force_login(director)
    for name in ("school_staff", "school_staff_add", "school_staff_import", "school_staff_import_template",
                 "attestation_programme"):
        assert client.get(f"{reverse(name)}?school={other.pk}").status_code == 404, name
        assert client.post(f"{reverse(name)}?school={other.pk}", {"school": other.pk}).status_code == 404, name
    assert client.get(reverse("school_staff_edit", args=[other_membership.pk])).status_code == 404
    for name in ("membership_invitation", "membership_end"):
        assert client.post(reverse(name, args=[other_membership.pk]), {"action": "resend"}).status_code == 404
    assert client.post(reverse("attestation_programme"), {
        "teacher": other_teacher.pk, "attestation_year": 2030}).status_code == 404
    other_membership.refresh_from_db()
    assert other_membership.is_active
    assert TeacherProfile.objects.get(user=other_teacher).attestation_year is None


def test_removing_a_person_ends_the_membership_on_a_date_and_keeps_history(client, school, director):
    teacher = f.teacher(school)
    registration = f.RegistrationFactory(teacher=teacher, school=school)
    membership = Membership.objects.get(user=teacher, organisation=school)
    client.force_login(director)
    client.post(reverse("membership_end", args=[membership.pk]))
    membership.refresh_from_db()
    assert not membership.is_active and membership.ended_on == timezone.localdate()
    assert User.objects.filter(pk=teacher.pk).exists() and registration.__class__.objects.filter(
        pk=registration.pk).exists()
    page = client.get(reverse("school_staff")).content.decode()
    assert "Left the school" in page or "Išėjo" in page


def test_staff_list_has_a_constant_number_of_queries(client, school, director, django_assert_max_num_queries):
    for _ in range(12):
        f.teacher(school).teacher_profile.subjects.add(f.SubjectFactory())
    client.force_login(director)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("school_staff")).status_code == 200


def test_staff_import_through_the_pages_with_preview_and_template(client, school, director):
    client.force_login(director)
    template = client.get(reverse("school_staff_import_template"))
    assert template.status_code == 200 and template.content[:2] == b"PK"
    workbook = Workbook()
    workbook.active.append(["Vardas", "Pavardė", "El. paštas"])
    workbook.active.append(["Ona", "Onaitė", "ona@x.lt"])
    data = io.BytesIO()
    workbook.save(data)
    data.seek(0)
    data.name = "staff.xlsx"
    response = client.post(reverse("school_staff_import"), {"file": data})
    assert response.status_code == 200 and not User.objects.filter(email="ona@x.lt").exists()
    token = response.context["token"]
    response = client.post(reverse("school_staff_import"), {"confirm": token})
    assert response.status_code == 302
    assert Membership.objects.filter(user__email="ona@x.lt", organisation=school).exists()
    # the same confirmation cannot be replayed
    response = client.post(reverse("school_staff_import"), {"confirm": token})
    assert response.status_code == 200


def test_attestation_programme_row_feeds_the_profile(client, school, director):
    teacher = f.teacher(school)
    client.force_login(director)
    year = timezone.localdate().year
    response = client.post(reverse("attestation_programme"), {
        "teacher": teacher.pk, "attestation_year": year, "attestation_category_sought": "metodininkas"})
    assert response.status_code == 302
    profile = TeacherProfile.objects.get(user=teacher)
    assert profile.attestation_due(year) and profile.attestation_category_sought == "metodininkas"
    assert client.post(reverse("attestation_programme"), {"teacher": teacher.pk, "attestation_year": "x"}
                       ).status_code == 200


def test_administrator_adds_a_school_and_its_director(client):
    admin = f.member(Role.ADMINISTRATOR)
    client.force_login(admin)
    response = client.post(reverse("organisation_create"), {
        "kind": "school", "name": "Naujoji gimnazija", "country": "LT", "is_active": "on"})
    school = Organisation.objects.get(name="Naujoji gimnazija")
    assert response.status_code == 302
    client.post(reverse("organisation_edit", args=[school.pk]), {
        "person-first_name": "Rima", "person-last_name": "Rimaitė", "person-email": "rima@naujoji.lt",
        "person-role": "director", "person-position": "direktorė"})
    assert Membership.objects.filter(user__email="rima@naujoji.lt", organisation=school, role=Role.DIRECTOR).exists()
    assert NoticeLog.objects.filter(kind="invitation", recipient__email="rima@naujoji.lt").count() == 1
    # deactivate: history stays
    client.post(reverse("organisation_edit", args=[school.pk]), {"org-kind": "school", "org-name": school.name,
                                                                  "org-country": "LT"})
    school.refresh_from_db()
    assert not school.is_active


def test_a_director_cannot_make_directors_and_centre_staff_only_centre_roles(school, director):
    with pytest.raises(staff.StaffError):
        staff.add_person(organisation=school, by=director, email="x@y.lt", first_name="X", last_name="Y",
                         role=Role.DIRECTOR)
    centre = f.CentreFactory()
    centre_person = f.member(Role.CENTRE_STAFF, centre)
    with pytest.raises(staff.StaffError):
        staff.add_person(organisation=school, by=centre_person, email="x@y.lt", first_name="X", last_name="Y",
                         role=Role.TEACHER)
    membership = staff.add_person(organisation=centre, by=centre_person, email="lektore@x.lt", first_name="L",
                                  last_name="K", role=Role.LECTURER)
    assert membership.role == Role.LECTURER


def test_admin_link_only_for_people_who_can_use_the_admin(client, school):
    centre_person = f.member(Role.CENTRE_STAFF, f.CentreFactory(), is_staff=True)
    client.force_login(centre_person)
    assert reverse("admin:index") not in client.get(reverse("profile")).content.decode()
    superuser = User.objects.create_superuser("root@x.lt", "pass12345", first_name="R", last_name="S")
    client.force_login(superuser)
    assert reverse("admin:index") in client.get(reverse("profile")).content.decode()


def test_start_district_creates_the_first_administrator_with_an_invitation_once():
    from django.core.management import call_command

    args = ["start_district", "--municipality", "Rajono savivaldybė", "--centre", "Rajono švietimo centras",
            "--admin-email", "Vedeja@Savivaldybe.lt", "--admin-first-name", "Vedėja", "--admin-last-name", "Vedėjienė"]
    call_command(*args)
    call_command(*args)
    user = User.objects.get(email="vedeja@savivaldybe.lt")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, role=Role.ADMINISTRATOR, organisation__kind="municipality").count() == 1
    assert Organisation.objects.filter(kind="centre", name="Rajono švietimo centras").count() == 1
    assert NoticeLog.objects.filter(kind="invitation", recipient=user).count() == 1


def test_organisation_and_centre_lists_have_a_constant_number_of_queries(client, django_assert_max_num_queries):
    centre = f.CentreFactory()
    staff_member = f.member(Role.CENTRE_STAFF, centre)
    for n in range(8):
        f.SchoolFactory()
        staff.add_person(organisation=centre, by=staff_member, email=f"lektorius{n}@centras.lt", first_name="L",
                         last_name=str(n), role=Role.LECTURER)
    client.force_login(staff_member)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("organisation_list")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("centre_staff")).status_code == 200
    page = client.get(reverse("organisation_list")).content.decode()
    assert reverse("organisation_create") not in page  # centre staff read only
