"""People and organisations: users, schools and the centre, memberships with roles, teacher profiles."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lithuanian.collation import lt_order
from lithuanian.names import Gender, guess_gender, vocative


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address. Roles come from memberships, never from flags here;
    `is_staff` only opens the Django admin."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    gender = models.CharField(
        _("grammatical gender"), max_length=1, choices=Gender.choices, blank=True,
        help_text=_("Roles, categories and greetings agree with it (direktorė, mokytoja metodininkė). "
                    "Empty: guessed from the name."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("admin site access"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = [lt_order("last_name"), lt_order("first_name")]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name

    @property
    def grammatical_gender(self):
        """The gender set for the person, or the one the name suggests (Rūta, Jūratė: feminine)."""
        return self.gender or guess_gender(self.first_name, self.last_name)

    @property
    def is_feminine(self):
        return self.grammatical_gender == Gender.FEMININE

    @property
    def vocative_name(self):
        """The first name as one greets the person in Lithuanian (Jūrate, Kęstuti, Jonai); other
        languages greet with the name as written."""
        return vocative(self.first_name) if translation.get_language() == "lt" else self.first_name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("school")
        CENTRE = "centre", _("education centre")
        MUNICIPALITY = "municipality", _("municipality")
        PROVIDER = "provider", _("outside provider")

    class SchoolLevel(models.TextChoices):
        PRESCHOOL = "preschool", _("pre-school")
        PRIMARY = "primary", _("primary")
        BASIC = "basic", _("basic (progymnasium)")
        SECONDARY = "secondary", _("secondary (gymnasium)")
        VOCATIONAL = "vocational", _("vocational")
        NONFORMAL = "nonformal", _("non-formal")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    legal_code = models.CharField(_("legal entity code"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    country = models.CharField(_("country"), max_length=2, default="LT")
    school_level = models.CharField(_("school level"), max_length=20, choices=SchoolLevel.choices, blank=True)
    # Accreditation of a centre (printed on certificates).
    accreditation_order = models.CharField(_("accreditation order no."), max_length=80, blank=True)
    accreditation_date = models.DateField(_("accreditation date"), null=True, blank=True)
    accreditation_expires = models.DateField(_("accreditation expires"), null=True, blank=True)
    head_name = models.CharField(_("head's name"), max_length=150, blank=True)
    head_position = models.CharField(_("head's position"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", lt_order("name")]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="unique_organisation_name_per_kind")]

    def __str__(self):
        return self.short_name or self.name

    @property
    def is_school(self):
        return self.kind == self.Kind.SCHOOL


class Role(models.TextChoices):
    TEACHER = "teacher", _("teacher")
    DEPUTY = "deputy", _("deputy head for education")
    DIRECTOR = "director", _("director")
    CENTRE_STAFF = "centre_staff", _("centre staff")
    LECTURER = "lecturer", _("lecturer")
    ADMINISTRATOR = "administrator", _("administrator")


# The labels above are the masculine forms (and the names of the roles in lists); a woman holding a
# role is named in the feminine: direktorė, pavaduotoja ugdymui, lektorė.
FEMININE_ROLE_LABELS = {
    Role.TEACHER: pgettext_lazy("feminine", "teacher"),
    Role.DEPUTY: pgettext_lazy("feminine", "deputy head for education"),
    Role.DIRECTOR: pgettext_lazy("feminine", "director"),
    Role.CENTRE_STAFF: pgettext_lazy("feminine", "centre staff"),
    Role.LECTURER: pgettext_lazy("feminine", "lecturer"),
    Role.ADMINISTRATOR: pgettext_lazy("feminine", "administrator"),
}


def gendered_label(choices, feminine_labels, value, gender):
    """The label of `value` (one of `choices`) agreeing with the person's gender: the feminine form where
    there is one, else the choice's label; a value that is not a choice as it is."""
    if gender == Gender.FEMININE and value in feminine_labels:
        return feminine_labels[value]
    return choices(value).label if value in choices.values else value


def role_label(role, gender):
    """The role's name agreeing with the person's gender: `role_label("director", "f")` -> direktorė."""
    return gendered_label(Role, FEMININE_ROLE_LABELS, role, gender)


class MembershipQuerySet(models.QuerySet):
    def active(self):
        # A fixed condition: roles compiles the memberships query with it once per process (no dates here).
        return self.filter(is_active=True)


class Membership(models.Model):
    """A user's role in an organisation; every permission is derived from these rows."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    position = models.CharField(_("position"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The day a person left the organisation (the membership ends; certificates, requests and money stay).
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership_role")
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self):
        return f"{self.user} – {self.role_label} – {self.organisation}"

    @property
    def role_label(self):
        """The role in the person's grammatical gender (direktorius / direktorė)."""
        return role_label(self.role, self.user.grammatical_gender)


class Subject(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = [lt_order("name")]

    def __str__(self):
        return self.name


class QualificationCategory(models.TextChoices):
    TEACHER = "mokytojas", _("teacher")
    SENIOR = "vyresnysis", _("senior teacher")
    METHODIST = "metodininkas", _("teacher methodologist")
    EXPERT = "ekspertas", _("teacher expert")


FEMININE_CATEGORY_LABELS = {
    QualificationCategory.TEACHER: pgettext_lazy("feminine", "teacher"),
    QualificationCategory.SENIOR: pgettext_lazy("feminine", "senior teacher"),
    QualificationCategory.METHODIST: pgettext_lazy("feminine", "teacher methodologist"),
    QualificationCategory.EXPERT: pgettext_lazy("feminine", "teacher expert"),
}


def category_label(category, gender):
    """The qualification category agreeing with the person's gender: mokytoja metodininkė."""
    return gendered_label(QualificationCategory, FEMININE_CATEGORY_LABELS, category, gender)


class TeacherProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="teacher_profile")
    category = models.CharField(
        _("qualification category"), max_length=20, choices=QualificationCategory.choices,
        default=QualificationCategory.TEACHER,
    )
    category_since = models.DateField(_("category held since"), null=True, blank=True)
    subjects = models.ManyToManyField(Subject, blank=True, related_name="teachers", verbose_name=_("subjects"))
    position = models.CharField(_("position"), max_length=150, blank=True)
    attestation_category_sought = models.CharField(
        _("category sought at attestation"), max_length=20, choices=QualificationCategory.choices, blank=True
    )
    attestation_year = models.PositiveSmallIntegerField(_("attestation year"), null=True, blank=True)

    class Meta:
        verbose_name = _("teacher profile")
        verbose_name_plural = _("teacher profiles")

    def __str__(self):
        return str(self.user)

    @property
    def category_label(self):
        """The category in the teacher's grammatical gender (mokytojas metodininkas / mokytoja metodininkė)."""
        return category_label(self.category, self.user.grammatical_gender)

    @property
    def category_sought_label(self):
        if not self.attestation_category_sought:
            return ""
        return category_label(self.attestation_category_sought, self.user.grammatical_gender)

    def attestation_due(self, year):
        return self.attestation_year == year


class Invitation(models.Model):
    """An invitation to set one's own password: sent by e-mail (through the notice log) with a one-time
    link that expires after settings.INVITATION_DAYS; the sender may resend it (the previous link stops
    working) or withdraw it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("user"))
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("organisation"))
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    send_count = models.PositiveSmallIntegerField(default=0)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} ({self.sent_at or self.created_at:%Y-%m-%d})"

    @property
    def expires_at(self):
        if self.sent_at is None:
            return None
        return self.sent_at + timedelta(days=settings.INVITATION_DAYS)

    def state(self, now=None):
        """"accepted", "withdrawn", "expired" or "sent"."""
        now = now or timezone.now()
        if self.accepted_at:
            return "accepted"
        if self.withdrawn_at:
            return "withdrawn"
        if self.expires_at and now > self.expires_at:
            return "expired"
        return "sent"

    def get_state_display(self):
        return {"accepted": _("accepted"), "withdrawn": _("withdrawn"), "expired": _("expired"),
                "sent": _("sent, waiting")}[self.state()]
