"""Demo notices: the district's periodic duties run once, through the same functions beat runs, so the
inboxes hold what the portal itself sends: the school heads' digests of new events and of next
month's plan, the survey invitations, the reminders to report back.

Idempotent: each duty sends nothing it has sent before (its own rule).
"""

from django.utils import timezone

from events import digests
from leave import services as leave
from surveys import services as surveys


def seed(ctx):
    if not ctx.get("demo"):
        return
    today = timezone.localdate()
    digests.send_new_events_digest(now=timezone.now())
    # Near the 20th of the month, next month's plan.
    digests.send_monthly_plan_digest(today=today)
    surveys.send_survey_invitations(today=today)
    leave.send_overdue_report_back_reminders(today=today)
