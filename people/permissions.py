"""The one place that answers "may this user do this to this object".

Every answer is derived from active memberships: school-scoped for deputies and directors, own records
for teachers, centre-wide for centre staff, district-wide for administrators. Views use the `can_*`
predicates; lists use the `*_visible_to` querysets, so a list never shows what a detail page refuses.
"""

from django.apps import apps
from django.db.models import Exists, OuterRef, Q

from .models import Membership, Organisation, Role

SCHOOL_HEADS = (Role.DIRECTOR, Role.DEPUTY)


def _memberships(user):
    """Active (organisation_id, organisation_kind, role) triples, cached on the user object per request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached = getattr(user, "_kv_memberships", None)
    if cached is None:
        cached = tuple(
            Membership.objects.active()
            .filter(user=user, organisation__is_active=True)
            .values_list("organisation_id", "organisation__kind", "role")
        )
        user._kv_memberships = cached
    return cached


def forget_memberships(user):
    """Drop the per-request cache after memberships change (used by services and tests)."""
    if hasattr(user, "_kv_memberships"):
        del user._kv_memberships


def org_ids(user, *roles, kind=None):
    return {
        org_id
        for org_id, org_kind, role in _memberships(user)
        if (not roles or role in roles) and (kind is None or org_kind == kind)
    }


def has_role(user, *roles):
    return any(role in roles for _, _, role in _memberships(user))


def is_teacher(user):
    return bool(org_ids(user, Role.TEACHER, kind=Organisation.Kind.SCHOOL))


def is_centre_staff(user):
    return has_role(user, Role.CENTRE_STAFF)


def is_administrator(user):
    return has_role(user, Role.ADMINISTRATOR)


def is_lecturer(user):
    return has_role(user, Role.LECTURER)


def is_school_head(user):
    return has_role(user, *SCHOOL_HEADS)


def is_director(user):
    return has_role(user, Role.DIRECTOR)


def teacher_school_ids(user):
    return org_ids(user, Role.TEACHER, kind=Organisation.Kind.SCHOOL)


def headed_school_ids(user, roles=SCHOOL_HEADS):
    return org_ids(user, *roles, kind=Organisation.Kind.SCHOOL)


def centre_ids(user):
    return org_ids(user, Role.CENTRE_STAFF)


def schools_of_teacher(teacher):
    return set(
        Membership.objects.active()
        .filter(user=teacher, role=Role.TEACHER, organisation__kind=Organisation.Kind.SCHOOL)
        .values_list("organisation_id", flat=True)
    )


def can_use_admin(user):
    """The Django admin is for superusers (and anyone given model permissions there); everybody else
    works in the portal's own pages, so the link is not shown to them."""
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.is_staff):
        return False
    return user.is_superuser or bool(user.get_all_permissions())


# --- People -----------------------------------------------------------------------------------------

def can_view_teacher_record(user, teacher):
    """A teacher sees own record; the deputy and director of one of the teacher's schools see it;
    administrators see the district."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.pk == teacher.pk or is_administrator(user):
        return True
    return bool(headed_school_ids(user) & schools_of_teacher(teacher))


def teachers_visible_to(user):
    User = apps.get_model("people", "User")
    if not getattr(user, "is_authenticated", False):
        return User.objects.none()
    if is_administrator(user):
        return User.objects.filter(memberships__role=Role.TEACHER, memberships__is_active=True).distinct()
    schools = headed_school_ids(user)
    return User.objects.filter(
        Q(pk=user.pk)
        | Q(memberships__organisation_id__in=schools, memberships__role=Role.TEACHER, memberships__is_active=True)
    ).distinct()


# --- Events -----------------------------------------------------------------------------------------

def can_manage_events(user):
    return is_centre_staff(user)


def can_manage_event(user, event):
    """Centre staff of the organising centre manage an event (edit, publish, registrants, certificates)."""
    return event.organiser_id in centre_ids(user)


def can_take_attendance(user, event):
    if can_manage_event(user, event):
        return True
    return is_lecturer(user) and event.lecturers.filter(pk=user.pk).exists()


def can_view_registrants(user, event):
    return can_take_attendance(user, event)


def events_managed_by(user):
    Event = apps.get_model("events", "Event")
    return Event.objects.filter(organiser_id__in=centre_ids(user))


def events_lectured_by(user):
    Event = apps.get_model("events", "Event")
    return Event.objects.filter(lecturers=user)


def can_register(user):
    return is_teacher(user)


def can_cancel_registration(user, registration):
    return registration.teacher_id == user.pk or can_manage_event(user, registration.event)


# --- Leave requests ---------------------------------------------------------------------------------

def leave_school_ids(user):
    """Schools a person may ask leave from: where they teach, and where they are the director (whose
    request then goes to the municipality)."""
    return teacher_school_ids(user) | headed_school_ids(user, roles=(Role.DIRECTOR,))


def can_ask_leave(user):
    return bool(leave_school_ids(user))


def is_directors_request(leave_request):
    """The request's teacher is a director of the request's school: the school's founder (the
    municipality administrator) decides it, never the director."""
    return Membership.objects.active().filter(
        user_id=leave_request.teacher_id, organisation_id=leave_request.school_id, role=Role.DIRECTOR
    ).exists()


def directors_requests_q():
    """A queryset condition on leave requests: the teacher is a director of the request's school."""
    return Q(Exists(Membership.objects.filter(
        user_id=OuterRef("teacher_id"), organisation_id=OuterRef("school_id"), role=Role.DIRECTOR,
        is_active=True)))


def can_view_leave_request(user, leave_request):
    if not getattr(user, "is_authenticated", False):
        return False
    if leave_request.teacher_id == user.pk or leave_request.school_id in headed_school_ids(user):
        return True
    return is_administrator(user) and is_directors_request(leave_request)


def can_agree_cover(user, leave_request):
    """The deputy (or the director, who may act for the deputy) of the request's school."""
    return leave_request.school_id in headed_school_ids(user)


def can_decide_leave(user, leave_request):
    """Nobody decides their own request. A director's request is decided by the municipality
    administrator (the school's founder); everybody else's by a director of the request's school."""
    if not getattr(user, "is_authenticated", False) or leave_request.teacher_id == user.pk:
        return False
    if is_directors_request(leave_request):
        return is_administrator(user)
    return leave_request.school_id in headed_school_ids(user, roles=(Role.DIRECTOR,))


def can_edit_leave_request(user, leave_request):
    return leave_request.teacher_id == user.pk


def leave_requests_visible_to(user):
    LeaveRequest = apps.get_model("leave", "LeaveRequest")
    if not getattr(user, "is_authenticated", False):
        return LeaveRequest.objects.none()
    visible = Q(teacher=user) | Q(school_id__in=headed_school_ids(user))
    if is_administrator(user):
        visible |= directors_requests_q()
    return LeaveRequest.objects.filter(visible)


def can_manage_school(user, school):
    """Priorities, recommendations and school reports: the school's director or deputy."""
    return school.pk in headed_school_ids(user)


# --- Money ------------------------------------------------------------------------------------------

def can_view_funding_source(user, source):
    if is_administrator(user):
        return True
    return source.owner_id in headed_school_ids(user) or source.owner_id in centre_ids(user)


def can_manage_funding_source(user, source):
    return source.owner_id in headed_school_ids(user, roles=(Role.DIRECTOR,)) or source.owner_id in centre_ids(user)


def can_override_budget(user, source):
    """Only the owner's head (director) or centre staff for centre money may spend past zero, with a reason."""
    return can_manage_funding_source(user, source)


def funding_sources_visible_to(user):
    FundingSource = apps.get_model("funding", "FundingSource")
    if not getattr(user, "is_authenticated", False):
        return FundingSource.objects.none()
    if is_administrator(user):
        return FundingSource.objects.all()
    return FundingSource.objects.filter(owner_id__in=headed_school_ids(user) | centre_ids(user))


def can_view_district_reports(user):
    return is_administrator(user)


# --- Certificates -----------------------------------------------------------------------------------

def can_view_certificate(user, certificate):
    if not getattr(user, "is_authenticated", False):
        return False
    if certificate.holder_id == user.pk or certificate.issuer_id in centre_ids(user):
        return True
    return can_view_teacher_record(user, certificate.holder)


def can_issue_certificates(user, event):
    return can_manage_event(user, event)


def can_view_outside_certificate(user, outside_certificate):
    """Private to the teacher and the deputy and director of the teacher's school."""
    if not getattr(user, "is_authenticated", False):
        return False
    if outside_certificate.teacher_id == user.pk:
        return True
    return bool(headed_school_ids(user) & schools_of_teacher(outside_certificate.teacher))


def can_recognise_outside_certificate(user, outside_certificate):
    return outside_certificate.teacher_id != user.pk and bool(
        headed_school_ids(user) & schools_of_teacher(outside_certificate.teacher)
    )


def outside_certificates_visible_to(user):
    OutsideCertificate = apps.get_model("certificates", "OutsideCertificate")
    if not getattr(user, "is_authenticated", False):
        return OutsideCertificate.objects.none()
    schools = headed_school_ids(user)
    return OutsideCertificate.objects.filter(
        Q(teacher=user)
        | Q(
            teacher__memberships__organisation_id__in=schools,
            teacher__memberships__role=Role.TEACHER,
            teacher__memberships__is_active=True,
        )
    ).distinct()


# --- Surveys ----------------------------------------------------------------------------------------

def can_manage_surveys(user):
    return is_centre_staff(user)


def can_manage_survey(user, survey):
    """Centre staff of the organising centre build a survey and read its results."""
    return survey.organiser_id in centre_ids(user)


def surveys_visible_to(user):
    Survey = apps.get_model("surveys", "Survey")
    return Survey.objects.filter(organiser_id__in=centre_ids(user))


def can_answer_survey(user, survey):
    """The needs survey is for every teacher; an evaluation or follow-up for those who attended the event."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if survey.kind == "needs":
        return is_teacher(user)
    if survey.event_id is None:
        return False
    Registration = apps.get_model("events", "Registration")
    return Registration.objects.filter(event_id=survey.event_id, teacher=user, status="attended").exists()


# --- Loans and methodical material ------------------------------------------------------------------

def can_manage_loans(user):
    """Centre staff keep the equipment catalogue and decide loans."""
    return is_centre_staff(user)


def can_view_equipment(user):
    return is_centre_staff(user) or is_school_head(user)


def can_request_loan(user, school):
    """The director or deputy of a school borrows for it."""
    return school.pk in headed_school_ids(user)


def can_view_loan(user, loan):
    return loan.equipment.owner_id in centre_ids(user) or loan.school_id in headed_school_ids(user)


def can_decide_loan(user, loan):
    return loan.equipment.owner_id in centre_ids(user)


def loans_visible_to(user):
    Loan = apps.get_model("loans", "Loan")
    if not getattr(user, "is_authenticated", False):
        return Loan.objects.none()
    return Loan.objects.filter(Q(equipment__owner_id__in=centre_ids(user)) | Q(school_id__in=headed_school_ids(user)))


def can_upload_material(user):
    """Teachers (and school heads, who also prepare material) upload methodical material."""
    return is_teacher(user) or is_school_head(user)


def can_edit_material(user, material):
    return material.author_id == user.pk and material.is_editable


def can_review_materials(user):
    """Centre staff have a review queue (of their own centre's material)."""
    return is_centre_staff(user)


def can_review_material(user, material):
    """The staff of the centre the material was sent to review it (material from before centres were
    told apart, with no centre, any centre's staff)."""
    if not is_centre_staff(user):
        return False
    return material.centre_id is None or material.centre_id in centre_ids(user)


def materials_reviewable_by(user):
    """The material a person may review: their centres' (and material with no centre)."""
    MethodicalMaterial = apps.get_model("loans", "MethodicalMaterial")
    if not is_centre_staff(user):
        return MethodicalMaterial.objects.none()
    return MethodicalMaterial.objects.filter(Q(centre__isnull=True) | Q(centre_id__in=centre_ids(user)))


def can_view_material(user, material):
    """Published material is public; before that only its author and the staff of its centre see it."""
    if material.status == "published":
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return material.author_id == user.pk or can_review_material(user, material)


# --- Money: pages per organisation (funding app) ------------------------------------------------------

def can_use_funding_pages(user):
    """School heads, centre staff and administrators; everybody else gets 403 on money pages."""
    return is_school_head(user) or is_centre_staff(user) or is_administrator(user)


def funding_owner_ids(user):
    """Organisations whose money this user may see and report on (not administrators' district view)."""
    return headed_school_ids(user) | centre_ids(user)


def can_view_funding_of(user, organisation):
    """A school's or the centre's money: its heads / staff, and administrators (read only)."""
    return is_administrator(user) or organisation.pk in funding_owner_ids(user)


def can_manage_funding_of(user, organisation):
    """Add sources and amendments, pay and release: the school's director, or centre staff for the centre."""
    return (organisation.pk in headed_school_ids(user, roles=(Role.DIRECTOR,))
            or organisation.pk in centre_ids(user))


# --- Notices (notices app) ------------------------------------------------------------------------------

def can_view_notice_log(user):
    """The notice log and its dead letter: centre staff and administrators."""
    return is_centre_staff(user) or is_administrator(user)


def notice_log_visible_to(user):
    """The staff notice log: administrators see every notice; centre staff see their centres' notices
    and those about no centre's work (sign-in, invitations), never another centre's."""
    NoticeLog = apps.get_model("notices", "NoticeLog")
    if is_administrator(user):
        return NoticeLog.objects.all()
    if is_centre_staff(user):
        return NoticeLog.objects.filter(Q(centre__isnull=True) | Q(centre_id__in=centre_ids(user)))
    return NoticeLog.objects.none()


def notices_visible_to(user):
    """A person's inbox: only notices addressed to them."""
    NoticeLog = apps.get_model("notices", "NoticeLog")
    if not getattr(user, "is_authenticated", False):
        return NoticeLog.objects.none()
    return NoticeLog.objects.filter(recipient=user)


# --- Reports back (leave app) -----------------------------------------------------------------------

def can_view_report_back(user, report):
    """The teacher's own report, and the deputy and director of one of the teacher's schools."""
    if not getattr(user, "is_authenticated", False):
        return False
    if report.teacher_id == user.pk:
        return True
    return bool(headed_school_ids(user) & schools_of_teacher(report.teacher))


# --- Invoices ---------------------------------------------------------------------------------------

def can_manage_invoice(user, invoice):
    """Centre staff of the issuing centre issue, send and mark paid its invoices."""
    return invoice.issuer_id in centre_ids(user)


def can_view_invoice(user, invoice):
    """The issuing centre's staff, the paying school's director and the paying person see an invoice."""
    if not getattr(user, "is_authenticated", False):
        return False
    if can_manage_invoice(user, invoice):
        return True
    if invoice.payer_school_id and invoice.payer_school_id in headed_school_ids(user, (Role.DIRECTOR,)):
        return True
    return invoice.payer_person_id is not None and invoice.payer_person_id == user.pk and user.is_active


def invoices_visible_to(user):
    Invoice = apps.get_model("funding", "Invoice")
    if not getattr(user, "is_authenticated", False):
        return Invoice.objects.none()
    return Invoice.objects.filter(
        Q(issuer_id__in=centre_ids(user))
        | Q(payer_school_id__in=headed_school_ids(user, (Role.DIRECTOR,)))
        | Q(payer_person=user)
    )
