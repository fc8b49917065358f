from django.urls import path

from kvalifikacija.viewer_cache import cached_for_viewer

from . import views

app_name = "leave"

urlpatterns = [
    path("", cached_for_viewer(views.my_requests), name="my_requests"),
    path("nauja/", views.create_outside, name="create_outside"),
    path("nauja/registracija/<int:pk>/", views.create_for_registration, name="create_for_registration"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/keisti/", views.edit, name="edit"),
    path("<int:pk>/veiksmas/", views.teacher_action, name="teacher_action"),
    path("<int:pk>/pavadavimas/", views.cover, name="cover"),
    path("<int:pk>/sprendimas/", views.decide, name="decide"),
    path("<int:pk>/prasymas.pdf", views.request_pdf, name="request_pdf"),
    path("<int:pk>/sprendimas.pdf", views.decision_pdf, name="decision_pdf"),
    path("pavaduotojui/", views.deputy_queue, name="deputy_queue"),
    path("direktoriui/", cached_for_viewer(views.director_queue), name="director_queue"),
    path("savivaldybei/", views.municipality_queue, name="municipality_queue"),
    path("dienos/", views.school_days, name="school_days"),
    path("prioritetai/", views.priorities, name="priorities"),
    path("prioritetai/<int:pk>/", views.priority_edit, name="priority_edit"),
    path("rekomendacijos/", views.recommendations, name="recommendations"),
    path("ataskaitos/nauja/renginys/<int:pk>/", views.report_new, {"kind": "registration"},
         name="report_for_registration"),
    path("ataskaitos/nauja/prasymas/<int:pk>/", views.report_new, {"kind": "request"}, name="report_for_request"),
    path("ataskaitos/<int:pk>/medziaga/", views.report_materials, name="report_materials"),
]
