from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("skaityti/", views.mark_read, name="mark_read"),
    path("<int:pk>/atidaryti/", views.open_notice, name="open"),
    path("nustatymai/", views.preferences, name="preferences"),
    path("zurnalas/", views.NoticeLogView.as_view(), name="log"),
    path("zurnalas/<int:pk>/kartoti/", views.retry, name="retry"),
]
