"""Undoing a plan import run: an import run twice, or a wrong file, is taken back in one step.

Undoing deletes, in one transaction, the run's events that are still drafts nobody has registered for
(through `delete_draft`, the one rule for deleting an event); an event published, cancelled or with
registrations since is kept, and the result says which and why. Deleted drafts leave no trace in the
plan-against-actual figures (drafts are never counted there, and a deleted one no longer exists)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalifikacija.locks import lock_row

from .events import EventError, delete_draft


class NothingToUndo(EventError):
    default_message = _("This import run has no events left to undo.")


@dataclass
class UndoResult:
    deleted: list = field(default_factory=list)  # titles of the drafts deleted
    kept: list = field(default_factory=list)  # (event, the translated reason it was kept)


def undo_import_run(*, run, by) -> UndoResult:
    """Delete the run's events that are still drafts, all in one transaction; keep the others and say
    why. Refused when none of the run's events is left."""
    with transaction.atomic():
        run = lock_row(run)
        events = list(run.events.order_by("starts_on", "pk"))
        if not events:
            raise NothingToUndo()
        result = UndoResult()
        for event in events:
            try:
                delete_draft(event=event, by=by)
            except EventError as refusal:
                result.kept.append((event, refusal.message))
            else:
                result.deleted.append(event.title)
        run.undone_at = timezone.now()
        run.undone_by = by
        run.deleted_count += len(result.deleted)
        run.save(update_fields=["undone_at", "undone_by", "deleted_count"])
    return result
