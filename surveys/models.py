"""Surveys: the yearly needs survey, the quality evaluation after each event, the applicability follow-up."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Survey(models.Model):
    class Kind(models.TextChoices):
        NEEDS = "needs", _("yearly needs survey")
        EVALUATION = "evaluation", _("quality evaluation")
        FOLLOW_UP = "follow_up", _("applicability follow-up")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("introduction"), blank=True,
                                   help_text=_("Shown to respondents above the questions."))
    organiser = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="surveys")
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, null=True, blank=True,
                              related_name="surveys", verbose_name=_("event"))
    year = models.PositiveSmallIntegerField(_("year"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    is_active = models.BooleanField(pgettext_lazy("survey", "active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on"]
        constraints = [
            models.UniqueConstraint(fields=["event", "kind"], name="unique_survey_kind_per_event"),
        ]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("scale 1–5")
        TEXT = "text", _("free text")
        CHOICE = "choice", _("one choice")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SCALE)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=True)
    topic = models.CharField(_("topic"), max_length=150, blank=True,
                             help_text=_("Groups the needs survey's results, e.g. \"Inclusive education\"."))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "order", "id"]

    def __str__(self):
        return self.text


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_responses")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [models.UniqueConstraint(fields=["survey", "respondent"], name="one_response_per_person")]


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]


class Invitation(models.Model):
    """One person invited to one survey, once; the invitations a person gets on one day go out as one
    notice listing them all (its key is kept here)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations")
    sent_on = models.DateField(_("sent on"))
    notice_key = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [models.UniqueConstraint(fields=["survey", "person"], name="one_invitation_per_survey")]
