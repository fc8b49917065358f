"""The leave app's services, by concern: `requests` (the flow up to a decision), `decisions`
(approve, reject, withdraw, system closing), `school` (priorities, planned days, recommendations),
`report_back`. The public names are re-exported here, so callers write `leave.services.submit(...)`."""

from .decisions import (
    AWAY_PER_SCHOOL_WARNING,
    AWAY_PER_SUBJECT_WARNING,
    SEAT_HOLD_DAYS,
    approval_warnings,
    approve,
    away_warnings,
    expire_unrequested_seats,
    on_registration_cancelled,
    reject,
    remind_waiting_decisions,
    withdraw,
)
from .errors import (
    AlreadyRequested,
    CoverPlanMissing,
    FundingSourceRequired,
    LeaveError,
    NotAllowed,
    ReasonRequired,
    RegistrationNotAwaitingApproval,
    ReportError,
    TransitionNotAllowed,
    WarningsNotConfirmed,
)
from .report_back import MATERIAL_TYPES, check_material, record_report_back
from .requests import (
    CATALOGUE_FIELDS,
    EDITABLE_FIELDS,
    TRANSITIONS,
    agree_cover,
    allowed_actions,
    create_for_registration,
    create_outside,
    leave_request_url,
    registration_needs_approval,
    return_request,
    submit,
    update_request,
)
from .school import delete_priority, recommend, save_priority, set_planned_days

__all__ = [
    "AWAY_PER_SCHOOL_WARNING", "AWAY_PER_SUBJECT_WARNING", "CATALOGUE_FIELDS", "EDITABLE_FIELDS", "MATERIAL_TYPES",
    "SEAT_HOLD_DAYS", "TRANSITIONS", "AlreadyRequested", "CoverPlanMissing", "FundingSourceRequired", "LeaveError",
    "NotAllowed", "ReasonRequired", "RegistrationNotAwaitingApproval", "ReportError", "TransitionNotAllowed",
    "WarningsNotConfirmed", "agree_cover", "allowed_actions", "approval_warnings", "approve", "away_warnings",
    "check_material", "create_for_registration", "create_outside", "delete_priority", "expire_unrequested_seats",
    "leave_request_url", "on_registration_cancelled", "registration_needs_approval", "recommend", "record_report_back", "reject",
    "remind_waiting_decisions", "return_request", "save_priority", "set_planned_days", "submit",
    "update_request", "withdraw",
]
