"""The plan import's runs (each can be undone) and the column mappings it remembers per centre."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """One run of the plan import: who ran it, when, from which file, how many events it created and how
    many rows it skipped as imported before. Its events stay linked while they exist; staff may undo the
    run, which deletes those of them that are still drafts."""

    organiser = models.ForeignKey("people.Organisation", on_delete=models.CASCADE, related_name="import_runs")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(_("file"), max_length=255)
    created_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    deleted_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"


class ImportColumnMapping(models.Model):
    """A column of a centre's plan files mapped by hand on the import's mapping step, remembered for
    the next file: the header (folded) -> an import column, or "" to ignore it."""

    organiser = models.ForeignKey("people.Organisation", on_delete=models.CASCADE, related_name="import_mappings")
    header = models.CharField(max_length=200)
    column = models.CharField(max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organiser", "header"], name="unique_import_mapping")]

    def __str__(self):
        return f"{self.header} → {self.column or '—'}"
