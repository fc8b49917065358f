from django.urls import path

from .urls_registration import urlpatterns as registration_patterns
from .views import catalogue

app_name = "events"

urlpatterns = [
    path("renginiai/", catalogue.CatalogueView.as_view(), name="catalogue"),
    path("renginiai/<int:pk>/", catalogue.EventDetailView.as_view(), name="detail"),
] + registration_patterns
