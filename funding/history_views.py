"""A funding source's history: its own changes, its dated amendments, and every commitment, payment,
release and income on it, with who, when and why."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kvalifikacija import audit
from kvalifikacija.views import object_or_404

from . import permissions
from .models import Expense, FundingAmendment

_visible_source = object_or_404(permissions.funding_sources_visible_to, permissions.can_view_funding_source,
                                allowed=permissions.can_use_funding_pages)


def _money_subject(record):
    return f"{capfirst(record.get_direction_display())}: {record.description}".rstrip(": ")


def _amendment_subject(record):
    return str(capfirst(FundingAmendment._meta.verbose_name))


def source_trail(source) -> list:
    """The source's audit trail with its amendments' and its money's, oldest first."""
    return audit.trail(
        source.history.all(),
        (FundingAmendment.history.filter(source_id=source.pk), _amendment_subject),
        (Expense.history.filter(source_id=source.pk), _money_subject),
        hidden=("owner", "source"), on_creation=("status", "amount"),
    )


@login_required
def source_history(request, pk):
    source = _visible_source(request, pk)
    return audit.history_page(request, title=str(source), rows=source_trail(source),
                              back_url=reverse("funding:source_detail", args=[pk]), back_label=_("Funding source"))
