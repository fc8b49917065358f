"""Every kind of notice, with its label (translated), whether a person may turn its e-mail off, and the
page it links to (a URL name and how many arguments it takes). The apps decide when to send which
kind; notices only renders, records and delivers. tests/notices/test_kinds.py checks that every link
resolves, that every kind has its e-mail templates, and that every template belongs to a kind."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    DIGEST_MONTHLY_PLAN = "digest_monthly_plan", _("Next month's plan of events (school heads)")
    DIGEST_NEW_EVENTS = "digest_new_events", _("Newly published events (school heads)")
    DIGEST_COMPLETED_PROGRAMMES = (
        "digest_completed_programmes", _("Completed programmes with the school's participants (school heads)"))
    EVENT_REMINDER = "event_reminder", _("Reminder the day before an event")
    SURVEY_INVITATION = "survey_invitation", _("Invitations to evaluation and follow-up surveys")
    NEEDS_SURVEY_INVITATION = "needs_survey_invitation", _("Invitations to the yearly needs survey")
    RECOMMENDATION = "recommendation", _("Events recommended to me")
    REPORT_BACK_OVERDUE = "report_back_overdue", _("Reminder to report back to the methodical group")
    REGISTRATION_CONFIRMED = "registration_confirmed", _("Registration confirmed")
    REGISTRATION_PENDING = "registration_pending", _("Registration awaiting approval")
    REGISTRATION_WAITLISTED = "registration_waitlisted", _("Placed on the waiting list")
    REGISTRATION_PROMOTED = "registration_promoted", _("Promoted from the waiting list")
    EVENT_CANCELLED = "event_cancelled", _("Event cancelled")
    SEAT_HOLD_EXPIRED = "seat_hold_expired", _("Held seat released")
    LEAVE_COVER_NEEDED = "leave_cover_needed", _("Leave request: lesson cover to agree")
    LEAVE_DECISION_NEEDED = "leave_decision_needed", _("Leave request waiting for a decision")
    LEAVE_RETURNED = "leave_returned", _("Leave request returned")
    LEAVE_DECIDED = "leave_decided", _("Leave request decided")
    CERTIFICATE_ISSUED = "certificate_issued", _("Certificate issued")
    OUTSIDE_CERTIFICATE_SUBMITTED = "outside_certificate_submitted", _("Outside certificate to recognise")
    OUTSIDE_CERTIFICATE_DECIDED = "outside_certificate_decided", _("Outside certificate decided")
    LOAN_REQUESTED = "loan_requested", _("Equipment requested")
    LOAN_APPROVED = "loan_approved", _("Equipment loan approved")
    LOAN_DECLINED = "loan_declined", _("Equipment loan declined")
    MATERIAL_PUBLISHED = "material_published", _("Methodical material published")
    MATERIAL_RETURNED = "material_returned", _("Methodical material returned")
    INVITATION = "invitation", _("Invitation to the portal")
    PASSWORD_RESET = "password_reset", _("Password reset")
    INVOICE_ISSUED = "invoice_issued", _("Invoices and credit notes for fees")
    SCHOOL_EVENT_DECIDED = "school_event_decided", _("School event proposal decided")

    @property
    def optional(self) -> bool:
        """Whether the person may choose not to receive it by e-mail (it still reaches the inbox)."""
        return self in OPTIONAL

    @property
    def link(self) -> tuple[str | None, int]:
        """(URL name, number of arguments) of the page the notice leads to; (None, 0) for a link made
        from a one-time token (the invitation)."""
        return LINKS[self]

    def link_for(self, *args) -> str:
        name, arity = self.link
        if len(args) != arity:
            raise TypeError(f"{self.value} links with {arity} argument(s), not {len(args)}")
        return reverse(name, args=args)


K = NoticeKind

# Everything else concerns a decision, a seat or an account, and always goes by e-mail too.
OPTIONAL = frozenset({
    K.DIGEST_MONTHLY_PLAN, K.DIGEST_NEW_EVENTS, K.DIGEST_COMPLETED_PROGRAMMES, K.EVENT_REMINDER,
    K.SURVEY_INVITATION, K.RECOMMENDATION,
})

LINKS = {
    K.DIGEST_MONTHLY_PLAN: ("home", 0),
    K.DIGEST_NEW_EVENTS: ("events:catalogue", 0),
    K.DIGEST_COMPLETED_PROGRAMMES: ("events:catalogue", 0),
    K.EVENT_REMINDER: ("events:detail", 1),
    K.SURVEY_INVITATION: ("surveys:answer", 1),
    K.NEEDS_SURVEY_INVITATION: ("surveys:answer", 1),
    K.RECOMMENDATION: ("events:detail", 1),
    K.REPORT_BACK_OVERDUE: ("leave:report_for_registration", 1),
    K.REGISTRATION_CONFIRMED: ("events:detail", 1),
    K.REGISTRATION_PENDING: ("events:detail", 1),
    K.REGISTRATION_WAITLISTED: ("events:detail", 1),
    K.REGISTRATION_PROMOTED: ("events:detail", 1),
    K.EVENT_CANCELLED: ("events:detail", 1),
    K.SEAT_HOLD_EXPIRED: ("events:detail", 1),
    K.LEAVE_COVER_NEEDED: ("leave:detail", 1),
    K.LEAVE_DECISION_NEEDED: ("leave:detail", 1),
    K.LEAVE_RETURNED: ("leave:detail", 1),
    K.LEAVE_DECIDED: ("leave:detail", 1),
    K.CERTIFICATE_ISSUED: ("certificates:my_record", 0),
    K.OUTSIDE_CERTIFICATE_SUBMITTED: ("certificates:outside_detail", 1),
    K.OUTSIDE_CERTIFICATE_DECIDED: ("certificates:outside_detail", 1),
    K.LOAN_REQUESTED: ("loans:loan_list", 0),
    K.LOAN_APPROVED: ("loans:loan_list", 0),
    K.LOAN_DECLINED: ("loans:loan_list", 0),
    K.MATERIAL_PUBLISHED: ("loans:material_detail", 1),
    K.MATERIAL_RETURNED: ("loans:material_detail", 1),
    K.INVITATION: ("invitation", 1),
    K.PASSWORD_RESET: ("password_reset_confirm", 2),
    K.INVOICE_ISSUED: ("funding:invoice_detail", 1),
    K.SCHOOL_EVENT_DECIDED: ("partnerships:school_proposals", 0),
}


def kind_label(kind) -> str:
    """The kind's label; a kind no longer sent (old rows in the log) reads "other notice", never its code."""
    try:
        return NoticeKind(kind).label
    except ValueError:
        return gettext("other notice")
