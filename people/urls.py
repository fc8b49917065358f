from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import EmailAuthenticationForm
from .sign_in import LimitedPasswordResetView, ThrottledLoginView

urlpatterns = [
    path("", views.home, name="home"),
    path("paskyra/", views.profile, name="profile"),
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
