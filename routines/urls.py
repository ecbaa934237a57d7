from django.urls import path

from routines import views

app_name = "routines"

urlpatterns = [
    path("", views.library, name="library"),
    path("stretches/<slug:slug>/", views.stretch, name="stretch"),
    path("today/", views.today, name="today"),
    path("today/sessions/", views.sessions_choice, name="sessions-choice"),
    path("why/", views.why, name="why"),
]
