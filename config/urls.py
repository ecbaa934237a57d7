from django.contrib import admin
from django.urls import include, path

from . import account_views, pwa, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("sw.js", pwa.service_worker, name="service-worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("offline/", pwa.offline, name="offline"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/cues/", views.cues, name="cues"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/verify-email/send/", account_views.verify_email_send, name="verify-email-send"),
    path("accounts/verify-email/<str:token>/", account_views.verify_email, name="verify-email"),
    path("accounts/delete/", account_views.delete_account, name="account-delete"),
    path("accounts/deleted/", account_views.account_deleted, name="account-deleted"),
    path(
        "accounts/password_change/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("screening/", include("screening.urls")),
    path("routines/", include("routines.urls")),
    path("", include("tracking.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "config.views.bad_request"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
