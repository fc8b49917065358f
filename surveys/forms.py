from django import forms
from django.utils.translation import gettext_lazy as _

from events import permissions as event_permissions

from .models import Question, Survey


class SurveyForm(forms.ModelForm):
    standard_questions = forms.BooleanField(
        label=_("Start with the standard questions of this kind"), required=False, initial=True,
    )

    class Meta:
        model = Survey
        fields = ["kind", "title", "description", "event", "year", "opens_on", "closes_on", "is_active"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = event_permissions.events_managed_by(user).exclude(
            status__in=["draft", "cancelled"]
        ).order_by("-starts_on")
        self.fields["event"].help_text = _("Required for an evaluation or a follow-up; empty for the needs survey.")
        if self.instance.pk:
            del self.fields["standard_questions"]
            self.fields["kind"].disabled = True

    def clean(self):
        data = super().clean()
        kind, event = data.get("kind"), data.get("event")
        if kind == Survey.Kind.NEEDS and event:
            self.add_error("event", _("The needs survey is for all teachers, not for one event."))
        if kind in (Survey.Kind.EVALUATION, Survey.Kind.FOLLOW_UP) and not event:
            self.add_error("event", _("Choose the event this survey is about."))
        if kind and event:
            others = Survey.objects.filter(event=event, kind=kind).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("event", _("This event already has a survey of this kind."))
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The survey cannot close before it opens."))
        return data


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Answers to choose from"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One answer per line; only for a one-choice question."),
    )

    class Meta:
        model = Question
        fields = ["text", "kind", "required", "topic", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.choices:
            self.fields["choices_text"].initial = "\n".join(self.instance.choices)

    def clean(self):
        data = super().clean()
        options = [line.strip() for line in (data.get("choices_text") or "").splitlines() if line.strip()]
        if data.get("kind") == Question.Kind.CHOICE:
            if len(options) < 2:
                self.add_error("choices_text", _("Give at least two answers to choose from."))
            elif len(set(options)) != len(options):
                self.add_error("choices_text", _("The answers to choose from must differ."))
        else:
            options = []
        data["choices"] = options
        return data

    def save(self, commit=True):
        self.instance.choices = self.cleaned_data["choices"]
        return super().save(commit)


class AnswerForm(forms.Form):
    """One field per question; the service checks the answers again (required, allowed values)."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = f"q{question.pk}"
            if question.kind == Question.Kind.SCALE:
                field = forms.ChoiceField(
                    choices=[(str(v), str(v)) for v in range(1, 6)], widget=forms.RadioSelect,
                    help_text=_("1 – very poor / not at all, 5 – excellent / very much"),
                )
            elif question.kind == Question.Kind.CHOICE:
                field = forms.ChoiceField(choices=[(c, c) for c in question.choices], widget=forms.RadioSelect)
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
            field.label = question.text
            field.required = question.required
            self.fields[name] = field

    def answers(self):
        return {q.pk: self.cleaned_data.get(f"q{q.pk}", "") for q in self.questions}

    def add_service_errors(self, errors):
        for question_id, message in errors.items():
            self.add_error(f"q{question_id}", message)
