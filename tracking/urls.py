# PLACEHOLDER routes so that shared templates resolve while the app is built;
# replace this whole file with the app's real routes.
from django.http import HttpResponse
from django.urls import path

app_name = "tracking"

urlpatterns = [
    path("progress/", lambda request: HttpResponse("Not built yet"), name="dashboard"),
    path("log/", lambda request: HttpResponse("Not built yet"), name="log"),
    path("sessions/start/", lambda request: HttpResponse("Not built yet"), name="session-start"),
]
