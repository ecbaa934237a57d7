from django.urls import path

from routines import views

app_name = "routines"

urlpatterns = [
    path("", views.library, name="library"),
    path("stretches/<slug:slug>/", views.stretch, name="stretch"),
]
