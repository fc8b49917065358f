import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from loans import services
from loans.models import Loan, MethodicalMaterial
from notices.models import NoticeLog
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

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def day(offset):
    return timezone.localdate() + dt.timedelta(days=offset)


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.fixture
def school():
    return SchoolFactory()


@pytest.fixture
def head(school):
    return member(Role.DIRECTOR, school)


@pytest.fixture
def item():
    return EquipmentFactory()


@pytest.fixture
def staff(item):
    return member(Role.CENTRE_STAFF, item.owner)


def test_school_head_requests_a_loan_and_centre_staff_are_told(item, school, head, staff):
    loan = services.request_loan(equipment=item, school=school, by=head, starts_on=day(1), due_on=day(5))
    assert loan.status == Loan.Status.REQUESTED
    assert NoticeLog.objects.filter(kind="loan_requested", recipient=staff).exists()


def test_a_teacher_cannot_borrow_for_a_school(item, school):
    with pytest.raises(services.LoanNotAllowed):
        services.request_loan(equipment=item, school=school, by=teacher(school), starts_on=day(1), due_on=day(2))


def test_a_head_cannot_borrow_for_another_school(item, head):
    with pytest.raises(services.LoanNotAllowed):
        services.request_loan(equipment=item, school=SchoolFactory(), by=head, starts_on=day(1), due_on=day(2))


@pytest.mark.parametrize("start, due", [(3, 7), (1, 3), (7, 9), (4, 5), (0, 12)])
def test_overlapping_requests_for_the_same_item_are_refused(item, school, head, start, due):
    services.request_loan(equipment=item, school=school, by=head, starts_on=day(3), due_on=day(7))
    other_head = member(Role.DEPUTY, SchoolFactory())
    with pytest.raises(services.LoanOverlaps) as caught:
        services.request_loan(equipment=item, school=other_head.memberships.get().organisation, by=other_head,
                              starts_on=day(start), due_on=day(due))
    assert "already booked" in str(caught.value) or "jau" in str(caught.value)


def test_adjacent_days_and_other_items_do_not_overlap(item, school, head):
    services.request_loan(equipment=item, school=school, by=head, starts_on=day(3), due_on=day(7))
    services.request_loan(equipment=item, school=school, by=head, starts_on=day(8), due_on=day(9))
    services.request_loan(equipment=item, school=school, by=head, starts_on=day(1), due_on=day(2))
    services.request_loan(equipment=EquipmentFactory(), school=school, by=head, starts_on=day(3), due_on=day(7))
    assert Loan.objects.count() == 4


def test_declined_and_returned_loans_free_the_days(item, school, head, staff):
    first = services.request_loan(equipment=item, school=school, by=head, starts_on=day(1), due_on=day(4))
    services.decline_loan(loan=first, by=staff, note="Remontuojamas")
    second = services.request_loan(equipment=item, school=school, by=head, starts_on=day(1), due_on=day(4))
    services.approve_loan(loan=second, by=staff)
    services.mark_returned(loan=second, by=staff, returned_on=day(1))
    services.request_loan(equipment=item, school=school, by=head, starts_on=day(2), due_on=day(3))


def test_an_overdue_loan_holds_the_item_until_returned(item, school, head, staff):
    LoanFactory(equipment=item, school=school, starts_on=day(-10), due_on=day(-2), status=Loan.Status.LENT)
    with pytest.raises(services.LoanOverlaps):
        services.request_loan(equipment=item, school=school, by=head, starts_on=day(0), due_on=day(3))


def test_approval_is_refused_when_the_item_is_lent_for_those_days(item, school, head, staff):
    first = LoanFactory(equipment=item, school=school, starts_on=day(2), due_on=day(4))
    second = LoanFactory(equipment=item, school=school, starts_on=day(3), due_on=day(6))  # made past the rule
    services.approve_loan(loan=first, by=staff)
    with pytest.raises(services.LoanOverlaps):
        services.approve_loan(loan=second, by=staff)
    second.refresh_from_db()
    assert second.status == Loan.Status.REQUESTED


def test_approval_tells_the_school_and_only_the_owning_centre_decides(item, school, head, staff):
    loan = services.request_loan(equipment=item, school=school, by=head, starts_on=day(1), due_on=day(2))
    with pytest.raises(services.LoanError):
        services.approve_loan(loan=loan, by=member(Role.CENTRE_STAFF))
    services.approve_loan(loan=loan, by=staff, note="Atsiimkite 8 val.")
    loan.refresh_from_db()
    assert loan.status == Loan.Status.LENT and loan.decided_by == staff
    assert NoticeLog.objects.filter(kind="loan_approved", recipient=head).exists()


def test_states_move_only_forward(item, school, staff):
    loan = LoanFactory(equipment=item, school=school)
    with pytest.raises(services.LoanWrongState):
        services.mark_returned(loan=loan, by=staff)
    services.approve_loan(loan=loan, by=staff)
    with pytest.raises(services.LoanWrongState):
        services.decline_loan(loan=loan, by=staff)
    services.mark_returned(loan=loan, by=staff)
    loan.refresh_from_db()
    assert loan.status == Loan.Status.RETURNED and loan.returned_on == timezone.localdate()


def test_a_loan_cannot_be_returned_before_it_starts(item, school, head, staff):
    loan = services.request_loan(equipment=item, school=school, by=head, starts_on=day(3), due_on=day(5))
    services.approve_loan(loan=loan, by=staff)
    with pytest.raises(services.ReturnedBeforeStart):
        services.mark_returned(loan=loan, by=staff)
    with pytest.raises(services.ReturnedBeforeStart):
        services.mark_returned(loan=loan, by=staff, returned_on=day(2))
    services.mark_returned(loan=loan, by=staff, returned_on=day(3))
    loan.refresh_from_db()
    assert loan.status == Loan.Status.RETURNED and loan.returned_on == day(3)


def test_overdue_is_a_lent_loan_past_its_due_day(item, school):
    assert LoanFactory(equipment=item, starts_on=day(-5), due_on=day(-1), status=Loan.Status.LENT).is_overdue
    assert not LoanFactory(equipment=item, starts_on=day(-9), due_on=day(-8), status=Loan.Status.RETURNED).is_overdue
    assert not LoanFactory(equipment=item, starts_on=day(1), due_on=day(2), status=Loan.Status.LENT).is_overdue


def test_a_loan_cannot_end_before_it_starts_or_start_in_the_past(item, school, head):
    with pytest.raises(services.BadLoanDates):
        services.request_loan(equipment=item, school=school, by=head, starts_on=day(5), due_on=day(4))
    with pytest.raises(services.LoanError):
        services.request_loan(equipment=item, school=school, by=head, starts_on=day(-1), due_on=day(4))


# --- Methodical material ----------------------------------------------------------------------------

def test_teacher_uploads_pdf_and_docx_checked_by_content():
    author = teacher()
    pdf = services.save_material(author=author, title="Žodžių žaidimai",
                                 upload=SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"))
    assert pdf.content_type == "application/pdf" and pdf.file.name.endswith(".pdf")
    docx = services.save_material(author=author, title="Užduotys",
                                  upload=SimpleUploadedFile("b.docx", docx_bytes()))
    assert docx.file.name.endswith(".docx")


def test_a_renamed_executable_is_refused():
    with pytest.raises(services.BadMaterialFile):
        services.save_material(author=teacher(), title="Virusas",
                               upload=SimpleUploadedFile("ataskaita.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200))


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.MAX_UPLOAD_BYTES = 100
    with pytest.raises(services.BadMaterialFile):
        services.save_material(author=teacher(), title="Didelis", upload=SimpleUploadedFile("a.pdf", PDF * 10))


def test_material_goes_from_draft_to_submitted_to_published():
    material = MethodicalMaterialFactory()
    staff = member(Role.CENTRE_STAFF)
    with pytest.raises(services.MaterialWrongState):
        services.publish_material(material=material, by=staff)
    services.submit_material(material=material, by=material.author)
    services.publish_material(material=material, by=staff)
    material.refresh_from_db()
    assert material.status == MethodicalMaterial.Status.PUBLISHED and material.published_at
    assert NoticeLog.objects.filter(kind="material_published", recipient=material.author).exists()


def test_returned_material_says_why_and_can_be_edited_and_resubmitted():
    material = MethodicalMaterialFactory(status=MethodicalMaterial.Status.SUBMITTED, submitted_at=timezone.now())
    staff = member(Role.CENTRE_STAFF)
    with pytest.raises(services.MaterialError):
        services.return_material(material=material, by=staff, note="  ")
    services.return_material(material=material, by=staff, note="Trūksta šaltinių")
    material.refresh_from_db()
    assert material.status == MethodicalMaterial.Status.RETURNED
    services.save_material(author=material.author, title="Pataisyta", material=material)
    services.submit_material(material=material, by=material.author)
    assert material.status == MethodicalMaterial.Status.SUBMITTED


def test_only_the_author_edits_and_only_centre_staff_publish():
    material = MethodicalMaterialFactory(status=MethodicalMaterial.Status.SUBMITTED)
    with pytest.raises(services.MaterialWrongState):
        services.submit_material(material=material, by=teacher())
    with pytest.raises(services.MaterialError):
        services.publish_material(material=material, by=material.author)
