from django.contrib import admin

from .models import Answer, Invitation, Question, Response, Survey


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "event", "year", "opens_on", "closes_on", "is_active"]
    list_filter = ["kind", "year", "is_active"]
    search_fields = ["title", "event__title"]
    inlines = [QuestionInline]
    raw_id_fields = ["event"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["survey", "respondent", "submitted_at"]
    list_filter = ["survey__kind"]
    search_fields = ["survey__title", "respondent__email"]
    inlines = [AnswerInline]
    raw_id_fields = ["respondent"]
    list_select_related = ["survey", "respondent"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "survey", "kind", "topic", "required"]
    list_filter = ["kind", "required"]
    search_fields = ["text"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["question", "value"]
    list_filter = ["question__survey__kind"]
    search_fields = ["value", "question__text"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["survey", "person", "sent_on"]
    list_filter = ["sent_on", "survey__kind"]
    search_fields = ["survey__title", "person__email", "person__last_name"]
    raw_id_fields = ["survey", "person"]
