from django.urls import path

from . import views

app_name = "loans"

urlpatterns = [
    path("", views.equipment_list, name="equipment_list"),
    path("nauja/", views.equipment_create, name="equipment_create"),
    path("<int:pk>/redaguoti/", views.equipment_edit, name="equipment_edit"),
    path("<int:pk>/skolintis/", views.loan_request, name="loan_request"),
    path("paskolos/", views.loan_list, name="loan_list"),
    path("paskolos/<int:pk>/patvirtinti/", views.loan_approve, name="loan_approve"),
    path("paskolos/<int:pk>/atmesti/", views.loan_decline, name="loan_decline"),
    path("paskolos/<int:pk>/grazinta/", views.loan_return, name="loan_return"),
    path("paskolos/<int:pk>/atsaukti/", views.loan_cancel, name="loan_cancel"),
    path("medziaga/", views.material_list, name="material_list"),
    path("medziaga/mano/", views.my_materials, name="my_materials"),
    path("medziaga/nauja/", views.material_create, name="material_create"),
    path("medziaga/perziura/", views.material_review_queue, name="material_review"),
    path("medziaga/<int:pk>/", views.material_detail, name="material_detail"),
    path("medziaga/<int:pk>/redaguoti/", views.material_edit, name="material_edit"),
    path("medziaga/<int:pk>/failas/", views.material_download, name="material_download"),
    path("medziaga/<int:pk>/pateikti/", views.material_submit, name="material_submit"),
    path("medziaga/<int:pk>/publikuoti/", views.material_publish, name="material_publish"),
    path("medziaga/<int:pk>/grazinti/", views.material_return, name="material_return"),
    path("medziaga/<int:pk>/atsaukti/", views.material_unpublish, name="material_unpublish"),
]
