"""Loan and methodical-material rules: no overlapping loans of one item, decisions by the centre,
uploads checked by content and size, publication by centre staff."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError
from kvalifikacija.locks import lock_row
from kvalifikacija.uploads import EXTENSIONS, ActivePdf, UploadRefused, check_upload
from notices.services import notify
from people.models import Organisation

from . import permissions
from .models import Equipment, Loan, MethodicalMaterial


class LoanError(DomainError):
    default_message = _("The loan cannot be changed.")


class LoanOverlaps(LoanError):
    default_message = _("This item is already booked or lent for some of these days. Choose other dates.")


class LoanNotAllowed(LoanError):
    default_message = _("Only the school's director or deputy may borrow for the school.")


class EquipmentUnavailable(LoanError):
    default_message = _("This item is not available for loan.")


class BadLoanDates(LoanError):
    default_message = _("The return date cannot be before the first day.")


class LoanWrongState(LoanError):
    default_message = _("The loan is no longer in a state that allows this.")


class MaterialError(DomainError):
    default_message = _("The material cannot be changed.")


class BadMaterialFile(MaterialError):
    default_message = _("Upload a PDF, Word, PowerPoint, Excel or OpenDocument file.")


class MaterialWrongState(MaterialError):
    default_message = _("The material is no longer in a state that allows this.")


ACTIVE = (Loan.Status.REQUESTED, Loan.Status.LENT)


def lock_equipment(equipment_id) -> Equipment:
    """Lock the item's row so two requests or approvals for it are checked one after the other."""
    return Equipment.objects.select_for_update().get(pk=equipment_id)


def overlapping(*, equipment, starts_on, due_on, statuses=ACTIVE, exclude=None, today=None):
    """Active loans of the item whose days meet [starts_on, due_on]; an overdue loan still holds the item
    until it is returned, so it blocks every day from today on."""
    today = today or timezone.localdate()
    clash = Q(starts_on__lte=due_on, due_on__gte=starts_on)
    if due_on >= today:
        clash |= Q(status=Loan.Status.LENT, returned_on__isnull=True, due_on__lt=today, starts_on__lte=due_on)
    qs = Loan.objects.filter(clash, equipment=equipment, status__in=statuses)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs


def request_loan(*, equipment, school, by, starts_on, due_on, note="", today=None) -> Loan:
    """A school's director or deputy asks to borrow an item for some days; refused when the days meet
    another request or loan of the same item."""
    if not permissions.can_request_loan(by, school):
        raise LoanNotAllowed()
    if due_on < starts_on:
        raise BadLoanDates()
    today = today or timezone.localdate()
    if starts_on < today:
        raise LoanError(_("A loan cannot start in the past."))
    with transaction.atomic():
        item = lock_equipment(equipment.pk)
        if not item.is_active:
            raise EquipmentUnavailable()
        if overlapping(equipment=item, starts_on=starts_on, due_on=due_on, today=today).exists():
            raise LoanOverlaps()
        loan = Loan.objects.create(
            equipment=item, school=school, requested_by=by, starts_on=starts_on, due_on=due_on, note=note,
        )
        for person in _centre_staff(item.owner_id):
            notify(kind="loan_requested", recipient=person, key=f"loan_requested:{loan.pk}:{person.pk}",
                   context={"loan": loan}, link=reverse("loans:loan_list"), centre_id=loan.equipment.owner_id)
    return loan


def _centre_staff(centre_id):
    return get_user_model().objects.filter(
        is_active=True, memberships__organisation_id=centre_id, memberships__role="centre_staff",
        memberships__is_active=True,
    ).distinct()


def _tell_school(loan, kind):
    notify(kind=kind, recipient=loan.requested_by, key=f"{kind}:{loan.pk}", context={"loan": loan},
           link=reverse("loans:loan_list"), centre_id=loan.equipment.owner_id)


def _decide(loan, status, *, by, note):
    """Record a decision on a requested loan (lent, declined or withdrawn): who, when, the note."""
    loan.status = status
    loan.decided_by, loan.decided_at, loan.decision_note = by, timezone.now(), note
    loan.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


def approve_loan(*, loan, by, note="", today=None) -> Loan:
    """The centre lends the item; refused when another loan of the item is lent for some of the days."""
    if not permissions.can_decide_loan(by, loan):
        raise LoanError(_("Only the centre's staff decide loans."))
    with transaction.atomic():
        lock_equipment(loan.equipment_id)
        loan = Loan.objects.select_related("equipment", "school", "requested_by").get(pk=loan.pk)
        if not loan.may_be_decided:
            raise LoanWrongState()
        if overlapping(equipment=loan.equipment, starts_on=loan.starts_on, due_on=loan.due_on,
                       statuses=(Loan.Status.LENT,), exclude=loan, today=today).exists():
            raise LoanOverlaps()
        _decide(loan, Loan.Status.LENT, by=by, note=note)
        _tell_school(loan, "loan_approved")
    return loan


def decline_loan(*, loan, by, note="") -> Loan:
    if not permissions.can_decide_loan(by, loan):
        raise LoanError(_("Only the centre's staff decide loans."))
    with transaction.atomic():
        loan = Loan.objects.select_for_update().select_related("equipment", "requested_by").get(pk=loan.pk)
        if not loan.may_be_decided:
            raise LoanWrongState()
        _decide(loan, Loan.Status.DECLINED, by=by, note=note)
        _tell_school(loan, "loan_declined")
    return loan


class ReturnedBeforeStart(LoanError):
    default_message = _("A loan cannot be returned before its first day.")


def mark_returned(*, loan, by, returned_on=None) -> Loan:
    """Centre staff take a lent item back; the return day cannot be before the loan's first day."""
    if not permissions.can_decide_loan(by, loan):
        raise LoanError(_("Only the centre's staff decide loans."))
    with transaction.atomic():
        loan = lock_row(loan, still="may_be_returned", refusal=LoanWrongState())
        returned_on = returned_on or timezone.localdate()
        if returned_on < loan.starts_on:
            raise ReturnedBeforeStart()
        loan.status = Loan.Status.RETURNED
        loan.returned_on = returned_on
        loan.save(update_fields=["status", "returned_on"])
    return loan


def cancel_loan_request(*, loan, by) -> Loan:
    """The school withdraws a request the centre has not decided yet."""
    if not permissions.can_withdraw_loan(by, loan):
        raise LoanNotAllowed()
    with transaction.atomic():
        loan = lock_row(loan, still="may_be_decided", refusal=LoanWrongState())
        _decide(loan, Loan.Status.DECLINED, by=by, note=str(_("Withdrawn by the school.")))
    return loan


# --- Methodical material ----------------------------------------------------------------------------

# Documents only (no images, no old Office formats), named as the portal's uploads name them.
ALLOWED_MATERIAL_TYPES = {kind: ext for kind, ext in EXTENSIONS.items()
                          if ext in {"pdf", "docx", "pptx", "xlsx", "odt", "odp", "ods", "rtf"}}


def check_material_file(upload) -> str:
    """Return the content type found in the file's first bytes; refuse what is not a document or too big."""
    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise BadMaterialFile(
            _("The file is too large (at most %(size)s).") % {"size": filesizeformat(settings.MAX_UPLOAD_BYTES)}
        )
    try:
        return check_upload(upload, allowed=ALLOWED_MATERIAL_TYPES)
    except UploadRefused as exc:
        raise BadMaterialFile(exc.message if isinstance(exc, ActivePdf) else None) from exc


def active_centres():
    return Organisation.objects.filter(kind=Organisation.Kind.CENTRE, is_active=True)


def save_material(*, author, title, description="", subject=None, school=None, upload=None,
                  material=None, centre=None) -> MethodicalMaterial:
    """Create or edit the author's draft (also one returned for changes); the file is checked by content.
    The material goes to `centre` for review (by default the one it went to, or the district's only
    centre); with several centres and none chosen it is refused."""
    if material is not None and not permissions.can_edit_material(author, material):
        raise MaterialWrongState()
    centre = centre or (material.centre if material is not None else None)
    if centre is None:
        centres = list(active_centres()[:2])
        if len(centres) > 1:
            raise MaterialError(_("Choose the education centre the material is for."), field="centre")
        centre = centres[0] if centres else None
    if centre is not None and centre.kind != Organisation.Kind.CENTRE:
        raise MaterialError(_("Choose the education centre the material is for."), field="centre")
    if material is None and upload is None:
        raise BadMaterialFile(_("Choose a file to upload."))
    content_type = check_material_file(upload) if upload is not None else None
    material = material or MethodicalMaterial(author=author)
    material.title, material.description, material.subject, material.school = title, description, subject, school
    material.centre = centre
    if upload is not None:
        upload.name = f"{slug_name(title)}.{ALLOWED_MATERIAL_TYPES[content_type]}"
        material.file = upload
        material.content_type = content_type
    material.save()
    return material


def slug_name(title):
    return (slugify(title.replace("ą", "a").replace("č", "c").replace("ę", "e").replace("ė", "e")
                    .replace("į", "i").replace("š", "s").replace("ų", "u").replace("ū", "u").replace("ž", "z"))
            or "medziaga")[:60]


def submit_material(*, material, by) -> MethodicalMaterial:
    if not permissions.can_edit_material(by, material):
        raise MaterialWrongState()
    material.status = MethodicalMaterial.Status.SUBMITTED
    material.submitted_at = timezone.now()
    material.save(update_fields=["status", "submitted_at"])
    return material


def _review(material, by, status, note, kind):
    if not permissions.can_review_material(by, material):
        raise MaterialError(_("Only the centre's staff publish methodical material."))
    with transaction.atomic():
        material = MethodicalMaterial.objects.select_for_update().select_related("author").get(pk=material.pk)
        if not material.may_be_reviewed:
            raise MaterialWrongState()
        material.status = status
        material.review_note = note
        material.reviewed_by = by
        fields = ["status", "review_note", "reviewed_by"]
        if status == MethodicalMaterial.Status.PUBLISHED:
            material.published_at = timezone.now()
            fields.append("published_at")
        material.save(update_fields=fields)
        notify(kind=kind, recipient=material.author, key=f"{kind}:{material.pk}:{int(material.submitted_at.timestamp()) if material.submitted_at else 0}",
               context={"material": material}, link=reverse("loans:material_detail", args=[material.pk]),
               centre_id=material.centre_id)
    return material


def publish_material(*, material, by, note="") -> MethodicalMaterial:
    """Centre staff publish submitted material: it appears in the public list and anyone may download it."""
    return _review(material, by, MethodicalMaterial.Status.PUBLISHED, note, "material_published")


def return_material(*, material, by, note) -> MethodicalMaterial:
    """Centre staff send submitted material back to its author for changes, saying why."""
    if not note.strip():
        raise MaterialError(_("Say what should be changed."))
    return _review(material, by, MethodicalMaterial.Status.RETURNED, note, "material_returned")


def unpublish_material(*, material, by, note="") -> MethodicalMaterial:
    if not permissions.can_review_material(by, material):
        raise MaterialError(_("Only the centre's staff publish methodical material."))
    if not material.may_be_unpublished:
        raise MaterialWrongState()
    material.status = MethodicalMaterial.Status.RETURNED
    material.review_note = note
    material.reviewed_by = by
    material.save(update_fields=["status", "review_note", "reviewed_by"])
    return material
