"""The centre's equipment lent to schools, and methodical material teachers prepare for publication."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lithuanian.collation import lt_order

from . import permissions


class Equipment(models.Model):
    class Kind(models.TextChoices):
        TECHNICAL = "technical", _("technical equipment")
        METHODICAL = "methodical", _("methodical tools")

    owner = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="equipment")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    inventory_number = models.CharField(_("inventory number"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("available for loan"), default=True)

    class Meta:
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        ordering = [lt_order("name")]

    def __str__(self):
        return f"{self.name} ({self.inventory_number})"


class Loan(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        LENT = "lent", _("lent")
        RETURNED = "returned", _("returned")
        DECLINED = "declined", _("declined")

    STATUS_BADGES = {Status.REQUESTED: "info", Status.LENT: "warning", Status.RETURNED: "success"}

    equipment = models.ForeignKey(Equipment, on_delete=models.PROTECT, related_name="loans")
    school = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="loans")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="loans")
    starts_on = models.DateField(_("from"))
    due_on = models.DateField(_("due"))
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    note = models.TextField(_("note"), blank=True)
    decision_note = models.TextField(_("centre's note"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("starts_on")), name="loan_due_after_start"),
        ]
        indexes = [models.Index(fields=["equipment", "status"])]

    def __str__(self):
        return f"{self.equipment} → {self.school}"

    # What the loan's status allows: the services refuse anything else (`LoanWrongState`).
    @property
    def may_be_decided(self) -> bool:
        """Lent, declined or withdrawn: only while requested."""
        return self.status == self.Status.REQUESTED

    @property
    def may_be_returned(self) -> bool:
        return self.status == self.Status.LENT

    def allowed_actions(self, user) -> frozenset:
        """What `user` may do with the loan now: the centre lends, declines, takes back (`lend`,
        `decline`, `return`); the borrowing school withdraws its request (`withdraw`)."""
        actions = set()
        if permissions.can_decide_loan(user, self):
            if self.may_be_decided:
                actions |= {"lend", "decline"}
            if self.may_be_returned:
                actions.add("return")
        if self.may_be_decided and permissions.can_withdraw_loan(user, self):
            actions.add("withdraw")
        return frozenset(actions)

    @property
    def is_overdue(self):
        return self.status == self.Status.LENT and self.due_on < timezone.localdate()


class MethodicalMaterial(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted for publication")
        RETURNED = "returned", pgettext_lazy("methodical material", "returned for changes")
        PUBLISHED = "published", pgettext_lazy("methodical material", "published")

    STATUS_BADGES = {Status.SUBMITTED: "info", Status.RETURNED: "warning", Status.PUBLISHED: "success"}

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="materials")
    school = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="materials")
    # The centre whose staff review and publish it (another centre's staff never see it before it is
    # published). Empty only for material from before centres were told apart: every centre may review it.
    centre = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="reviewed_materials", limit_choices_to={"kind": "centre"},
                               verbose_name=_("education centre"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    subject = models.ForeignKey("people.Subject", on_delete=models.SET_NULL, null=True, blank=True,
                                verbose_name=_("subject"))
    file = models.FileField(_("file"), upload_to="materials/%Y/")
    content_type = models.CharField(max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    review_note = models.TextField(_("centre's note"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("methodical material")
        verbose_name_plural = _("methodical materials")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self):
        return self.title

    @property
    def may_be_reviewed(self) -> bool:
        """Published or returned for changes: only once submitted."""
        return self.status == self.Status.SUBMITTED

    @property
    def may_be_unpublished(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def allowed_actions(self, user) -> frozenset:
        """What `user` may do to the material now: centre staff publish or return it (`publish`,
        `return`) once submitted, and withdraw it from publication (`unpublish`) — their own centre's."""
        if not permissions.can_review_material(user, self):
            return frozenset()
        return frozenset(name for name, allowed in (
            ("publish", self.may_be_reviewed), ("return", self.may_be_reviewed), ("unpublish", self.may_be_unpublished),
        ) if allowed)

    @property
    def is_editable(self):
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)
