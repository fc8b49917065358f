"""The district's lists as spreadsheets: the schools (the municipality administrator) and a school's
staff with its attestation programme (the director or deputy). Both run on the project's one importer
(`kvalifikacija.importing`, django-import-export): a preview first, then everything in one
transaction or nothing.

An empty cell leaves what is already recorded; a new person gets the model's defaults.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kvalifikacija.import_cells import clean_text, parse_choice, parse_date, parse_rows, parse_year
from kvalifikacija.importing import Column, ImportResource, TableImporter

from . import staff
from .invitations import invite
from .models import Membership, Organisation, QualificationCategory, Role, TeacherProfile, User


class ChangeTrackingResource(ImportResource):
    """A row whose instance and related rows already say what the file says is "unchanged"."""

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        return instance.pk is not None and not getattr(instance, "_kv_changed", True)

    def after_import_row(self, row, row_result, **kwargs):
        if not row_result.validation_error and not row_result.errors:
            row_result.object_repr = self.row_label(row)

    def row_label(self, row):
        return ""


# --- Schools -------------------------------------------------------------------------------------------

SCHOOL_FIELDS = ("name", "short_name", "legal_code", "address", "school_level", "head_name", "head_position",
                 "email", "phone")
LEVEL_ALIASES = {
    "darzelis": "preschool", "lopselisdarzelis": "preschool", "ikimokyklinis": "preschool",
    "pradine": "primary", "pradinemokykla": "primary", "progimnazija": "basic", "pagrindine": "basic",
    "pagrindinemokykla": "basic", "gimnazija": "secondary", "vidurine": "secondary",
    "profesinemokykla": "vocational", "profesine": "vocational", "neformalusis": "nonformal",
}


class SchoolResource(ChangeTrackingResource):
    class Meta:
        model = Organisation
        fields = ("id",)

    def get_instance(self, instance_loader, row):
        code = clean_text(row.get("legal_code"))
        schools = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL)
        if code:
            found = schools.filter(legal_code=code).first()
            if found:
                return found
        name = clean_text(row.get("name"))
        return schools.filter(name__iexact=name).first() if name else None

    def init_instance(self, row=None):
        return Organisation(kind=Organisation.Kind.SCHOOL)

    def import_instance(self, instance, row, **kwargs):
        def required(value):
            text = clean_text(value, max_length=255)
            if not text:
                raise ValidationError(gettext("this column may not be empty."))
            return text

        def email(value):
            text = clean_text(value, max_length=254)
            if text:
                validate_email(text)
            return text

        values = parse_rows(row, {
            "name": required,
            "short_name": lambda v: clean_text(v, max_length=80),
            "legal_code": lambda v: clean_text(v, max_length=20),
            "address": lambda v: clean_text(v, max_length=255),
            "school_level": lambda v: parse_choice(v, Organisation.SchoolLevel.choices, aliases=LEVEL_ALIASES),
            "head_name": lambda v: clean_text(v, max_length=150),
            "head_position": lambda v: clean_text(v, max_length=150),
            "email": email,
            "phone": lambda v: clean_text(v, max_length=40),
        })
        seen = self.context.setdefault("seen", set())
        if values["name"].casefold() in seen:
            raise ValidationError({"name": [gettext("the same school appears twice in the file.")]})
        seen.add(values["name"].casefold())
        changed = instance.pk is None
        for name in SCHOOL_FIELDS:
            if name in row and (values[name] or name == "name") and getattr(instance, name) != values[name]:
                setattr(instance, name, values[name])
                changed = True
        instance._kv_changed = changed

    def row_label(self, row):
        return clean_text(row.get("name"))


class SchoolListImporter(TableImporter):
    title = _("Schools")
    template_name = "mokyklos.xlsx"
    resource_class = SchoolResource
    columns = (
        Column("name", _("Name"), ("pavadinimas", "mokykla", "school", "institution", "istaiga"), True,
               ("Vilniaus Ąžuolyno progimnazija", "Beržų gimnazija")),
        Column("short_name", _("Short name"), ("trumpaspavadinimas", "trumpas", "shortname"), False,
               ("Ąžuolyno progimnazija", "Beržų gimnazija")),
        Column("legal_code", _("Legal entity code"), ("juridinioasmenskodas", "imoneskodas", "kodas", "code",
                                                       "legalcode"), False, ("190012345", "190054321")),
        Column("address", _("Address"), ("adresas",), False, ("Ąžuolų g. 1, Vilnius", "Beržų g. 2, Vilnius")),
        Column("school_level", _("School level"), ("mokyklostipas", "tipas", "lygmuo", "level", "type"), False,
               ("progimnazija", "gimnazija")),
        Column("head_name", _("Head's name"), ("vadovas", "direktorius", "vadovovardaspavarde", "head"), False,
               ("Rasa Rasienė", "Jonas Jonaitis")),
        Column("head_position", _("Head's position"), ("vadovopareigos", "headposition"), False,
               ("direktorė", "direktorius")),
        Column("email", _("E-mail"), ("elpastas", "email", "epastas"), False,
               ("rastine@azuolynas.lt", "info@berzai.lt")),
        Column("phone", _("Phone"), ("telefonas", "tel"), False, ("+370 5 200 0000", "")),
    )


# --- A school's staff -----------------------------------------------------------------------------------

ROLE_ALIASES = {
    "mokytojas": Role.TEACHER, "mokytoja": Role.TEACHER, "mokytojai": Role.TEACHER, "pedagogas": Role.TEACHER,
    "pavaduotojas": Role.DEPUTY, "pavaduotoja": Role.DEPUTY, "pavaduotojasugdymui": Role.DEPUTY,
    "pavaduotojaugdymui": Role.DEPUTY, "deputy": Role.DEPUTY, "deputyhead": Role.DEPUTY,
}
CATEGORY_ALIASES = {
    "vyresnysismokytojas": "vyresnysis", "mokytojasmetodininkas": "metodininkas",
    "mokytojasekspertas": "ekspertas", "senior": "vyresnysis", "methodologist": "metodininkas",
    "expert": "ekspertas", "teacher": "mokytojas",
}


class StaffResource(ChangeTrackingResource):
    """One row is one person of the school: found by e-mail address (any case) anywhere in the district,
    so a teacher of two schools keeps one account with two memberships."""

    class Meta:
        model = User
        fields = ("id",)

    def __init__(self, **context):
        super().__init__(**context)
        self.people = []

    @property
    def school(self):
        return self.context["school"]

    def get_instance(self, instance_loader, row):
        email = clean_text(row.get("email"))
        return staff.find_user(email) if email else None

    def init_instance(self, row=None):
        return User()

    def _parse(self, row):
        allowed = staff.roles_given_by(self.context["by"], self.school)

        def required(limit):
            def parse(value):
                text = clean_text(value, max_length=limit)
                if not text:
                    raise ValidationError(gettext("this column may not be empty."))
                return text
            return parse

        def email(value):
            text = clean_text(value, max_length=254)
            if not text:
                raise ValidationError(gettext("this column may not be empty."))
            validate_email(text)
            return text.lower()

        def roles(value):
            found = []
            for part in str(value or "").replace(";", ",").split(","):
                if part.strip():
                    role = parse_choice(part, Role.choices, aliases=ROLE_ALIASES)
                    if role not in allowed:
                        raise ValidationError(gettext("the role “%(role)s” cannot be given here.")
                                              % {"role": part.strip()})
                    found.append(role)
            return found or [Role.TEACHER]

        def category(value):
            return parse_choice(value, QualificationCategory.choices, aliases=CATEGORY_ALIASES)

        def subjects(value):
            return sorted({part.strip() for part in str(value or "").replace(";", ",").split(",") if part.strip()},
                          key=str.casefold)

        return parse_rows(row, {
            "first_name": required(150), "last_name": required(150), "email": email,
            "position": lambda v: clean_text(v, max_length=150), "role": roles, "subjects": subjects,
            "category": category, "category_since": parse_date, "attestation_year": parse_year,
            "attestation_category_sought": category,
        })

    def import_instance(self, instance, row, **kwargs):
        values = self._parse(row)
        seen = self.context.setdefault("seen", set())
        if values["email"] in seen:
            raise ValidationError({"email": [gettext("the same address appears twice in the file.")]})
        seen.add(values["email"])
        changed = instance.pk is None
        if changed:  # an existing account keeps its own name and address
            instance.email, instance.first_name, instance.last_name = (
                values["email"], values["first_name"], values["last_name"])
        instance._kv_values = values
        instance._kv_changed = changed or self._differs(instance, values, row)

    def _differs(self, user, values, row):
        memberships = {m.role: m for m in Membership.objects.filter(user=user, organisation=self.school)}
        for role in values["role"]:
            membership = memberships.get(role)
            if membership is None or not membership.is_active:
                return True
            if "position" in row and values["position"] and membership.position != values["position"]:
                return True
        profile = TeacherProfile.objects.filter(user=user).first()
        if profile is None:
            return True
        for name in ("position", "category", "category_since", "attestation_year", "attestation_category_sought"):
            if name in row and values[name] not in ("", None) and getattr(profile, name) != values[name]:
                return True
        if values["subjects"]:
            current = sorted(profile.subjects.values_list("name", flat=True), key=str.casefold)
            if [s.casefold() for s in current] != [s.casefold() for s in values["subjects"]]:
                return True
        return False

    def save_instance(self, instance, is_create, row, **kwargs):
        values = instance._kv_values
        if instance.pk is None:
            instance.set_unusable_password()
            instance.save()
        for role in values["role"]:
            staff.ensure_membership(user=instance, organisation=self.school, role=role,
                                    position=values["position"] or None)
        profile, _created = TeacherProfile.objects.get_or_create(user=instance)
        for name in ("position", "category", "category_since", "attestation_year", "attestation_category_sought"):
            if values[name] not in ("", None):
                setattr(profile, name, values[name])
        profile.save()
        if values["subjects"]:
            profile.subjects.set(staff.subjects_named(values["subjects"]))
        self.people.append(instance)

    def row_label(self, row):
        return f"{clean_text(row.get('first_name'))} {clean_text(row.get('last_name'))} <{clean_text(row.get('email'))}>"


class StaffImporter(TableImporter):
    """Context: school (the Organisation), by (the acting head)."""

    title = _("Staff")
    template_name = "darbuotojai.xlsx"
    resource_class = StaffResource
    columns = (
        Column("first_name", _("First name"), ("vardas", "firstname", "name"), True, ("Ona", "Petras")),
        Column("last_name", _("Last name"), ("pavarde", "lastname", "surname"), True, ("Onaitienė", "Petraitis")),
        Column("email", _("E-mail"), ("elpastas", "email", "epastas", "elektroninispastas", "emailaddress"), True,
               ("ona.onaitiene@mokykla.lt", "petras.petraitis@mokykla.lt")),
        Column("position", pgettext_lazy("job", "Position"), ("pareigos", "position"), False, ("lietuvių kalbos mokytoja",
                                                                              "direktoriaus pavaduotojas ugdymui")),
        Column("role", _("Role"), ("role", "vaidmuo"), False, ("mokytojas", "pavaduotojas, mokytojas")),
        Column("subjects", _("Subjects"), ("dalykai", "subjects", "dalykas"), False,
               ("Lietuvių kalba ir literatūra", "Matematika, Fizika")),
        Column("category", _("Qualification category"), ("kvalifikacinekategorija", "kategorija",
                                                          "qualificationcategory", "category"), False,
               ("vyresnysis mokytojas", "mokytojas metodininkas")),
        Column("category_since", _("Category since"), ("kategorijanuo", "categorysince", "heldsince",
                                                       "kategorijosdata"), False, ("2019-06-01", "2016-09-01")),
        Column("attestation_year", _("Attestation year"), ("atestacijosmetai", "attestationyear", "atestacija"),
               False, ("2027", "")),
        Column("attestation_category_sought", _("Category sought"), ("siekiamakategorija", "categorysought"),
               False, ("mokytojas metodininkas", "")),
    )

    def after_apply(self, resource, report):
        """Everybody imported who has not set a password yet gets the invitation, once."""
        for user in resource.people:
            invite(user=user, organisation=self.context["school"], by=self.context["by"])
