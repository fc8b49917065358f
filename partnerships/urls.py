from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("centras/partneriai/", views.provider_list, name="provider_list"),
    path("centras/partneriai/naujas/", views.provider_form, name="provider_create"),
    path("centras/partneriai/<int:pk>/", views.provider_detail, name="provider_detail"),
    path("centras/partneriai/<int:pk>/redaguoti/", views.provider_form, name="provider_edit"),
    path("centras/tinklai/", views.network_list, name="network_list"),
    path("centras/tinklai/naujas/", views.network_form, name="network_create"),
    path("centras/tinklai/<int:pk>/", views.network_detail, name="network_detail"),
    path("centras/tinklai/<int:pk>/redaguoti/", views.network_form, name="network_edit"),
    path("centras/tinklai/<int:pk>/renginiai/", views.network_add_event, name="network_add_event"),
    path("centras/projektai/", views.project_list, name="project_list"),
    path("centras/projektai/naujas/", views.project_form, name="project_create"),
    path("centras/projektai/<int:pk>/", views.project_detail, name="project_detail"),
    path("centras/projektai/<int:pk>/redaguoti/", views.project_form, name="project_edit"),
    path("centras/mokyklu-renginiai/", views.proposal_queue, name="proposal_queue"),
    path("centras/mokyklu-renginiai/<int:pk>/", views.proposal_decide, name="proposal_decide"),
    path("mokykla/renginiai/", views.school_proposals, name="school_proposals"),
    path("mokykla/renginiai/naujas/", views.propose_event, name="propose_event"),
]
