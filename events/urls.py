from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("renginiai/", views.CatalogueView.as_view(), name="catalogue"),
    path("renginiai/<int:pk>/", views.EventDetailView.as_view(), name="detail"),
]
