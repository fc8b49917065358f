"""Who may build a survey, read its results, and answer it."""

from events.models import Registration
from people import roles

from .models import Survey


def can_manage_surveys(user):
    return roles.is_centre_staff(user)


def can_manage_survey(user, survey):
    """Centre staff of the organising centre build a survey and read its results."""
    return survey.organiser_id in roles.centre_ids(user)


def surveys_visible_to(user):
    return Survey.objects.filter(organiser_id__in=roles.centre_ids(user))


def can_answer_survey(user, survey):
    """The needs survey is for every teacher; an evaluation or follow-up for those who attended the event."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if survey.kind == "needs":
        return roles.is_teacher(user)
    if survey.event_id is None:
        return False
    return Registration.objects.filter(event_id=survey.event_id, teacher=user, status="attended").exists()
