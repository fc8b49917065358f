from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import district_views as dv
from . import views
from .forms import EmailAuthenticationForm
from .sign_in import LimitedPasswordResetView, ThrottledLoginView

urlpatterns = [
    path("", views.home, name="home"),
    path("paskyra/", views.profile, name="profile"),
    path("pakvietimas/<str:token>/", dv.invitation, name="invitation"),
    path("nariai/<int:pk>/pakvietimas/", dv.membership_invitation, name="membership_invitation"),
    path("nariai/<int:pk>/pasalinti/", dv.membership_end, name="membership_end"),
    path("savivaldybe/istaigos/", dv.organisation_list, name="organisation_list"),
    path("savivaldybe/istaigos/nauja/", dv.organisation_create, name="organisation_create"),
    path("savivaldybe/istaigos/importas/", dv.organisation_import, name="organisation_import"),
    path("savivaldybe/istaigos/importas/sablonas.xlsx", dv.organisation_import_template,
         name="organisation_import_template"),
    path("savivaldybe/istaigos/<int:pk>/", dv.organisation_edit, name="organisation_edit"),
    path("mokykla/darbuotojai/", dv.school_staff, name="school_staff"),
    path("mokykla/darbuotojai/naujas/", dv.school_staff_add, name="school_staff_add"),
    path("mokykla/darbuotojai/importas/", dv.school_staff_import, name="school_staff_import"),
    path("mokykla/darbuotojai/importas/sablonas.xlsx", dv.school_staff_import_template,
         name="school_staff_import_template"),
    path("mokykla/darbuotojai/<int:pk>/", dv.school_staff_edit, name="school_staff_edit"),
    path("mokykla/atestacija/", dv.attestation_programme, name="attestation_programme"),
    path("centras/darbuotojai/", dv.centre_staff, name="centre_staff"),
    path(
        "prisijungti/",
        ThrottledLoginView.as_view(authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path("atsijungti/", auth_views.LogoutView.as_view(), name="logout"),
    path("slaptazodis/keisti/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("slaptazodis/pakeistas/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "slaptazodis/atkurti/",
        LimitedPasswordResetView.as_view(success_url=reverse_lazy("password_reset_done")),
        name="password_reset",
    ),
    path("slaptazodis/atkurti/issiusta/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "slaptazodis/atkurti/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "slaptazodis/atkurti/baigta/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
]
