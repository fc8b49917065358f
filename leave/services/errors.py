"""The leave app's domain errors: each carries a translated message the views show as it is."""

from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError


class LeaveError(DomainError):
    pass


class NotAllowed(LeaveError):
    default_message = _("You may not do this with this request.")


class TransitionNotAllowed(LeaveError):
    default_message = _("The request cannot move to that state from where it is now.")


class CoverPlanMissing(LeaveError):
    default_message = _("The event is during lessons: write the plan for the missed lessons.")


class ReasonRequired(LeaveError):
    default_message = _("Write the reason.")


class AlreadyRequested(LeaveError):
    default_message = _("A request for this registration already exists.")


class RegistrationNotAwaitingApproval(LeaveError):
    default_message = _("This registration does not wait for the director's approval.")


class FundingSourceRequired(LeaveError):
    default_message = _("Choose the funding source the cost is paid from.")


class WarningsNotConfirmed(LeaveError):
    """Approval would go beyond the plan, the money or the school's staffing: the director must confirm
    (raised with `warnings=`, the list to confirm)."""

    default_message = _("Read the warnings and confirm that you approve anyway.")


class ReportError(LeaveError):
    pass
