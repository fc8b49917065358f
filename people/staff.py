"""Organisations and their people, kept by the district's own people (no Django admin needed).

The municipality administrator keeps the organisations and adds their heads; a school's director or
deputy keeps the school's staff; centre staff keep the centre's staff and lecturers. A person is one
account, found by e-mail address whatever its case; a second organisation adds a membership, never a
second account. Removing a person ends the membership on a date; what the person did stays.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError
from kvalifikacija.locks import lock_row

from . import roles
from .invitations import invite
from .models import Membership, Organisation, Role, Subject, TeacherProfile, User

# Which roles may be given in which kind of organisation, and by whom.
SCHOOL_ROLES = (Role.TEACHER, Role.DEPUTY)
CENTRE_ROLES = (Role.CENTRE_STAFF, Role.LECTURER)
HEAD_ROLES = {  # what the administrator gives when adding an organisation's head
    Organisation.Kind.SCHOOL: (Role.DIRECTOR, Role.DEPUTY, Role.TEACHER),
    Organisation.Kind.CENTRE: (Role.CENTRE_STAFF, Role.LECTURER),
    Organisation.Kind.MUNICIPALITY: (Role.ADMINISTRATOR,),
    Organisation.Kind.PROVIDER: (Role.LECTURER,),
}


class StaffError(DomainError):
    default_message = _("This change to the organisation's people is not allowed.")


def organisations_visible_to(user):
    """The administrator and centre staff see the district's organisations."""
    if roles.is_administrator(user) or roles.is_centre_staff(user):
        return Organisation.objects.all()
    return Organisation.objects.none()


def can_manage_organisations(user):
    return roles.is_administrator(user)


def can_view_organisations(user):
    return roles.is_administrator(user) or roles.is_centre_staff(user)


def roles_given_by(user, organisation):
    """The roles `user` may give in `organisation`: the administrator any head role of any organisation;
    a school's director and deputy the school's teachers and deputies; centre staff the centre's staff
    and lecturers, and lecturers of outside providers."""
    given = set()
    if roles.is_administrator(user):
        given.update(HEAD_ROLES.get(organisation.kind, ()))
    if organisation.kind == Organisation.Kind.SCHOOL and organisation.pk in roles.headed_school_ids(user):
        given.update(SCHOOL_ROLES)
    if organisation.kind == Organisation.Kind.CENTRE and organisation.pk in roles.centre_ids(user):
        given.update(CENTRE_ROLES)
    if organisation.kind == Organisation.Kind.PROVIDER and roles.is_centre_staff(user):
        given.add(Role.LECTURER)
    return [role for role in Role if role in given]


def can_manage_membership(user, membership):
    return membership.role in roles_given_by(user, membership.organisation)


def find_user(email):
    return User.objects.filter(email__iexact=(email or "").strip()).first()


def ensure_person(*, email, first_name, last_name):
    """The account with this e-mail address (any case), or a new one with no usable password."""
    user = find_user(email)
    if user is not None:
        return user, False
    user = User(email=User.objects.normalize_email(email.strip()).lower(),
                first_name=first_name.strip(), last_name=last_name.strip())
    user.set_unusable_password()
    user.save()
    return user, True


def ensure_membership(*, user, organisation, role, position=None):
    """An active membership (a removed one comes back); returns (membership, changed)."""
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role,
        defaults={"position": position or ""},
    )
    changed = created
    if not membership.is_active or membership.ended_on:
        membership.is_active, membership.ended_on, changed = True, None, True
    if position is not None and membership.position != position:
        membership.position, changed = position, True
    if changed and not created:
        membership.save(update_fields=["is_active", "ended_on", "position"])
    return membership, changed


def add_person(*, organisation, by, email, first_name, last_name, role, position="") -> Membership:
    """Add one person to an organisation with a role and send the invitation (once) if the person has
    never set a password. Refused when `by` may not give that role there."""
    if role not in roles_given_by(by, organisation):
        raise StaffError(_("You may not add people with this role to this organisation."))
    with transaction.atomic():
        user, _created = ensure_person(email=email, first_name=first_name, last_name=last_name)
        membership, _changed = ensure_membership(user=user, organisation=organisation, role=role, position=position)
        if role in (Role.TEACHER, Role.DEPUTY, Role.DIRECTOR):
            TeacherProfile.objects.get_or_create(user=user, defaults={"position": position})
        invite(user=user, organisation=organisation, by=by)
    roles.forget_memberships(user)
    return membership


def invite_teacher(*, email, first_name, last_name, school, by) -> User:
    """Centre staff adding somebody to an event by an address with no account: the person becomes a
    teacher of the school they named and gets the invitation (once). Refused for an address that already
    has an account (that person is added as they are) and for anyone but centre staff."""
    if not roles.is_centre_staff(by):
        raise StaffError()
    if school.kind != Organisation.Kind.SCHOOL or not school.is_active:
        raise StaffError(_("Choose one of the district's schools."))
    if find_user(email) is not None:
        raise StaffError(_("This address already has an account."))
    if not first_name.strip() or not last_name.strip():
        raise StaffError(_("Give the person's first and last name to invite them."))
    with transaction.atomic():
        user, _created = ensure_person(email=email, first_name=first_name, last_name=last_name)
        ensure_membership(user=user, organisation=school, role=Role.TEACHER)
        TeacherProfile.objects.get_or_create(user=user)
        invite(user=user, organisation=school, by=by)
    roles.forget_memberships(user)
    return user


def end_membership(*, membership, by, on=None) -> Membership:
    """The person leaves the organisation on `on` (today): the membership ends; certificates, requests
    and money movements stay. Nobody removes their own last head role here."""
    if not can_manage_membership(by, membership):
        raise StaffError()
    if membership.user_id == by.pk and membership.role in (Role.DIRECTOR, Role.ADMINISTRATOR):
        raise StaffError(_("You cannot remove yourself."))
    with transaction.atomic():
        membership = lock_row(membership)
        membership.is_active = False
        membership.ended_on = on or timezone.localdate()
        membership.save(update_fields=["is_active", "ended_on"])
    return membership


def update_teacher(*, membership, by, position, category, category_since, subjects,
                   attestation_year, attestation_category_sought) -> TeacherProfile:
    """The school sets what the attestation commission decided (category, held since), the attestation
    programme's row (category sought, year), the position and subjects."""
    if not can_manage_membership(by, membership):
        raise StaffError()
    with transaction.atomic():
        profile, _created = TeacherProfile.objects.get_or_create(user=membership.user)
        profile.position = position
        profile.category = category
        profile.category_since = category_since
        profile.attestation_year = attestation_year
        profile.attestation_category_sought = attestation_category_sought
        profile.save()
        profile.subjects.set(subjects)
        if membership.position != position:
            membership.position = position
            membership.save(update_fields=["position"])
    return profile


def set_attestation(*, school, teacher, by, year, category_sought) -> TeacherProfile:
    """One row of the school's attestation programme: the category a teacher seeks and the year.
    Only the school's director or deputy, for a teacher of that school."""
    if school.pk not in roles.headed_school_ids(by):
        raise StaffError()
    if school.pk not in roles.schools_of_teacher(teacher):
        raise StaffError(_("The person is not a teacher of this school."))
    profile, _created = TeacherProfile.objects.get_or_create(user=teacher)
    profile.attestation_year = year
    profile.attestation_category_sought = category_sought
    profile.save(update_fields=["attestation_year", "attestation_category_sought"])
    return profile


def subjects_named(names):
    """Subjects by name (case ignored); a new name becomes a new subject."""
    found = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        subject = Subject.objects.filter(name__iexact=name).first() or Subject.objects.create(name=name[:120])
        if subject not in found:
            found.append(subject)
    return found


def save_organisation(*, form, by) -> Organisation:
    """The administrator adds or edits an organisation; deactivating keeps its history."""
    if not can_manage_organisations(by):
        raise StaffError()
    return form.save()
