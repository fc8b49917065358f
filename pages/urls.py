from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("informacija/", views.page_index, name="index"),
    path("informacija/<slug:slug>/", views.page_detail, name="page"),
    path("centras/informacija/", views.PageListView.as_view(), name="manage_list"),
    path("centras/informacija/nauja/", views.PageFormView.as_view(), name="create"),
    path("centras/informacija/<int:pk>/", views.PageFormView.as_view(), name="edit"),
]
