from django.urls import path

from kvalifikacija.viewer_cache import cached_for_viewer

from .views import decisions, report_back, requests, school

app_name = "leave"

urlpatterns = [
    path("", cached_for_viewer(requests.my_requests), name="my_requests"),
    path("nauja/", requests.create_outside, name="create_outside"),
    path("nauja/registracija/<int:pk>/", requests.create_for_registration, name="create_for_registration"),
    path("<int:pk>/", requests.detail, name="detail"),
    path("<int:pk>/keisti/", requests.edit, name="edit"),
    path("<int:pk>/istorija/", requests.history, name="history"),
    path("<int:pk>/veiksmas/", requests.teacher_action, name="teacher_action"),
    path("<int:pk>/pavadavimas/", decisions.cover, name="cover"),
    path("<int:pk>/sprendimas/", decisions.decide, name="decide"),
    path("<int:pk>/prasymas.pdf", requests.request_pdf, name="request_pdf"),
    path("<int:pk>/sprendimas.pdf", requests.decision_pdf, name="decision_pdf"),
    path("pavaduotojui/", decisions.deputy_queue, name="deputy_queue"),
    path("direktoriui/", cached_for_viewer(decisions.director_queue), name="director_queue"),
    path("savivaldybei/", decisions.municipality_queue, name="municipality_queue"),
    path("dienos/", school.school_days, name="school_days"),
    path("prioritetai/", school.priorities, name="priorities"),
    path("prioritetai/<int:pk>/", school.priority_edit, name="priority_edit"),
    path("rekomendacijos/", school.recommendations, name="recommendations"),
    path("ataskaitos/nauja/renginys/<int:pk>/", report_back.report_new, {"kind": "registration"},
         name="report_for_registration"),
    path("ataskaitos/nauja/prasymas/<int:pk>/", report_back.report_new, {"kind": "request"}, name="report_for_request"),
    path("ataskaitos/<int:pk>/medziaga/", report_back.report_materials, name="report_materials"),
]
