# PLACEHOLDER routes so that shared templates resolve while the app is built;
# replace this whole file with the app's real routes.
from django.http import HttpResponse
from django.urls import path

app_name = "routines"

urlpatterns = [
    path("", lambda request: HttpResponse("Not built yet"), name="library"),
    path("today/", lambda request: HttpResponse("Not built yet"), name="today"),
    path("why/", lambda request: HttpResponse("Not built yet"), name="why"),
]
