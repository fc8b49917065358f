from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("nauja/", views.survey_create, name="create"),
    path("mano/", views.my_surveys, name="my_surveys"),
    path("rezultatai/pagal-forma/", views.results_by_form, name="results_by_form"),
    path("rezultatai/pagal-forma.xlsx", views.results_by_form_xlsx, name="results_by_form_xlsx"),
    path("renginys/<int:event_pk>/", views.event_surveys, name="event"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/redaguoti/", views.survey_edit, name="edit"),
    path("<int:pk>/klausimai/naujas/", views.question_create, name="question_create"),
    path("<int:pk>/klausimai/<int:question_pk>/", views.question_edit, name="question_edit"),
    path("<int:pk>/klausimai/<int:question_pk>/salinti/", views.question_delete, name="question_delete"),
    path("<int:pk>/rezultatai/", views.survey_results, name="results"),
    path("<int:pk>/rezultatai.xlsx", views.survey_results_xlsx, name="results_xlsx"),
    path("<int:pk>/atsakyti/", views.answer, name="answer"),
]
