import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from loans.models import Equipment, Loan, MethodicalMaterial
from people.models import Role
from tests.factories import (
    EquipmentFactory,
    LoanFactory,
    MethodicalMaterialFactory,
    SchoolFactory,
    member,
    teacher,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def day(offset):
    return timezone.localdate() + dt.timedelta(days=offset)


@pytest.fixture
def item(centre):
    return EquipmentFactory(owner=centre)


@pytest.mark.parametrize("role", [Role.TEACHER, Role.LECTURER, Role.ADMINISTRATOR])
@pytest.mark.parametrize("name", ["loans:equipment_list", "loans:loan_list"])
def test_equipment_pages_refuse_teachers_lecturers_and_administrators(client, role, name):
    client.force_login(member(role))
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("role", [Role.TEACHER, Role.DIRECTOR, Role.DEPUTY])
def test_only_centre_staff_manage_the_catalogue(client, item, role):
    client.force_login(member(role))
    assert client.get(reverse("loans:equipment_create")).status_code == 403
    assert client.get(reverse("loans:equipment_edit", args=[item.pk])).status_code == 403
    assert client.get(reverse("loans:material_review")).status_code == 403


def test_staff_of_another_centre_cannot_edit_the_item(client, item):
    client.force_login(member(Role.CENTRE_STAFF))
    assert client.get(reverse("loans:equipment_edit", args=[item.pk])).status_code == 404


def test_staff_add_an_item(client, staff):
    client.force_login(staff)
    response = client.post(reverse("loans:equipment_create"), {
        "kind": "methodical", "name": "Robotikos rinkinys", "inventory_number": "MP-7", "is_active": "on",
    })
    assert response.status_code == 302
    assert Equipment.objects.get(inventory_number="MP-7").owner == staff.memberships.get().organisation


@pytest.mark.parametrize("name", ["loans:loan_approve", "loans:loan_decline", "loans:loan_return"])
@pytest.mark.parametrize("role", [Role.TEACHER, Role.DIRECTOR])
def test_loan_decisions_refuse_school_roles(client, item, name, role):
    loan = LoanFactory(equipment=item)
    client.force_login(member(role, loan.school))
    assert client.post(reverse(name, args=[loan.pk])).status_code == 403
    loan.refresh_from_db()
    assert loan.status == Loan.Status.REQUESTED


def test_staff_of_another_centre_get_404_for_a_loan(client, item):
    loan = LoanFactory(equipment=item)
    client.force_login(member(Role.CENTRE_STAFF))
    assert client.post(reverse("loans:loan_approve", args=[loan.pk])).status_code == 404


def test_teacher_cannot_open_the_loan_request_form(client, item):
    client.force_login(teacher())
    assert client.get(reverse("loans:loan_request", args=[item.pk])).status_code == 403


def test_head_requests_a_loan_and_an_overlap_is_shown_as_a_form_error(client, item):
    school = SchoolFactory()
    head = member(Role.DEPUTY, school)
    LoanFactory(equipment=item, starts_on=day(2), due_on=day(5), status=Loan.Status.LENT)
    client.force_login(head)
    url = reverse("loans:loan_request", args=[item.pk])
    response = client.post(url, {"school": school.pk, "starts_on": day(4), "due_on": day(6), "note": "Renginiui"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "Renginiui" in response.content.decode()  # what was typed is kept
    response = client.post(url, {"school": school.pk, "starts_on": day(6), "due_on": day(8)})
    assert response.status_code == 302
    assert Loan.objects.filter(school=school, status=Loan.Status.REQUESTED).count() == 1


def test_a_head_sees_only_the_own_schools_loans(client, item):
    mine = LoanFactory(equipment=item)
    LoanFactory(equipment=item, starts_on=day(30), due_on=day(31))
    client.force_login(member(Role.DIRECTOR, mine.school))
    loans = list(client.get(reverse("loans:loan_list")).context["loans"])
    assert loans == [mine]


def test_staff_approve_and_mark_returned(client, staff, item):
    loan = LoanFactory(equipment=item)
    client.force_login(staff)
    client.post(reverse("loans:loan_approve", args=[loan.pk]))
    loan.refresh_from_db()
    assert loan.status == Loan.Status.LENT
    client.post(reverse("loans:loan_return", args=[loan.pk]))
    loan.refresh_from_db()
    assert loan.status == Loan.Status.RETURNED


def test_overdue_loans_are_highlighted_and_filterable(client, staff, item):
    overdue = LoanFactory(equipment=item, starts_on=day(-9), due_on=day(-2), status=Loan.Status.LENT)
    LoanFactory(equipment=EquipmentFactory(owner=item.owner), status=Loan.Status.LENT)
    client.force_login(staff)
    response = client.get(reverse("loans:loan_list"))
    assert 'class="table-danger"' in response.content.decode()
    assert list(client.get(reverse("loans:loan_list") + "?status=overdue").context["loans"]) == [overdue]


def test_equipment_and_loan_lists_use_constant_queries(client, staff, centre, django_assert_max_num_queries):
    def make(n):
        for _i in range(n):
            equipment = EquipmentFactory(owner=centre)
            LoanFactory(equipment=equipment, status=Loan.Status.LENT, starts_on=day(-1), due_on=day(3))

    make(3)
    client.force_login(staff)
    counts = {}
    for name in ("loans:equipment_list", "loans:loan_list"):
        with django_assert_max_num_queries(10) as captured:
            client.get(reverse(name))
        counts[name] = len(captured.captured_queries)
    make(20)
    for name in ("loans:equipment_list", "loans:loan_list"):
        with django_assert_max_num_queries(counts[name]):
            response = client.get(reverse(name))
    assert len(response.context["loans"]) == 23


# --- Methodical material ----------------------------------------------------------------------------

def test_public_list_shows_only_published_material_with_search(client, django_assert_max_num_queries):
    MethodicalMaterialFactory(title="Trupmenos", status="published", published_at=timezone.now())
    MethodicalMaterialFactory(title="Trupmenos juodraštis")
    with django_assert_max_num_queries(6) as few:
        response = client.get(reverse("loans:material_list") + "?q=trupmen")
    assert [m.title for m in response.context["materials"]] == ["Trupmenos"]
    for n in range(10):
        MethodicalMaterialFactory(title=f"Trupmenos {n}", status="published", published_at=timezone.now())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("loans:material_list") + "?q=trupmen")


def test_the_public_list_address_is_stable(client):
    assert reverse("loans:material_list") == "/priemones/medziaga/"


def test_unpublished_material_is_hidden_from_others_but_not_from_author_and_staff(client):
    material = MethodicalMaterialFactory(status="submitted")
    for url in (reverse("loans:material_detail", args=[material.pk]),
                reverse("loans:material_download", args=[material.pk])):
        assert client.get(url).status_code == 404  # anonymous
        client.force_login(teacher())
        assert client.get(url).status_code == 404
        client.force_login(material.author)
        assert client.get(url).status_code == 200
        client.force_login(member(Role.CENTRE_STAFF))
        assert client.get(url).status_code == 200
        client.logout()


def test_published_material_downloads_for_anyone(client):
    material = MethodicalMaterialFactory(status="published", published_at=timezone.now(), content_type="application/pdf")
    response = client.get(reverse("loans:material_download", args=[material.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def test_teacher_uploads_and_submits_material(client):
    author = teacher()
    client.force_login(author)
    response = client.post(reverse("loans:material_create"), {
        "title": "Skaitymo strategijos", "description": "Pamokų ciklas",
        "upload": SimpleUploadedFile("s.pdf", PDF, content_type="application/pdf"), "submit": "1",
    })
    material = MethodicalMaterial.objects.get(title="Skaitymo strategijos")
    assert response.status_code == 302
    assert material.status == MethodicalMaterial.Status.SUBMITTED and material.author == author


def test_upload_of_a_renamed_executable_is_refused_and_the_form_keeps_the_title(client):
    client.force_login(teacher())
    response = client.post(reverse("loans:material_create"), {
        "title": "Mano medžiaga", "upload": SimpleUploadedFile("s.pdf", b"MZ\x90\x00" + b"\x00" * 100),
    })
    assert response.status_code == 200
    assert response.context["form"].errors["upload"]
    assert "Mano medžiaga" in response.content.decode()
    assert not MethodicalMaterial.objects.exists()


@pytest.mark.parametrize("role", [Role.LECTURER, Role.ADMINISTRATOR, Role.CENTRE_STAFF])
def test_roles_outside_schools_cannot_upload(client, role):
    client.force_login(member(role))
    assert client.get(reverse("loans:material_create")).status_code == 403
    assert client.get(reverse("loans:my_materials")).status_code == 403


def test_another_teacher_cannot_edit_or_submit_the_material(client):
    material = MethodicalMaterialFactory()
    client.force_login(teacher())
    assert client.get(reverse("loans:material_edit", args=[material.pk])).status_code == 404
    assert client.post(reverse("loans:material_submit", args=[material.pk])).status_code == 404


@pytest.mark.parametrize("name", ["loans:material_publish", "loans:material_return", "loans:material_unpublish"])
def test_review_actions_refuse_teachers_and_heads(client, name):
    material = MethodicalMaterialFactory(status="submitted")
    for user in (material.author, member(Role.DIRECTOR)):
        client.force_login(user)
        assert client.post(reverse(name, args=[material.pk]), {"note": "x"}).status_code == 403


def test_staff_publish_from_the_review_queue(client):
    material = MethodicalMaterialFactory(status="submitted", submitted_at=timezone.now())
    client.force_login(member(Role.CENTRE_STAFF))
    assert material in client.get(reverse("loans:material_review")).context["materials"]
    client.post(reverse("loans:material_publish", args=[material.pk]), {"note": ""})
    material.refresh_from_db()
    assert material.status == MethodicalMaterial.Status.PUBLISHED
