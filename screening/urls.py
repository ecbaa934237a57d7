# PLACEHOLDER routes so that shared templates resolve while the app is built;
# replace this whole file with the app's real routes.
from django.http import HttpResponse
from django.urls import path

app_name = "screening"

urlpatterns = [
    path("start/", lambda request: HttpResponse("Not built yet"), name="start"),
    path("result/", lambda request: HttpResponse("Not built yet"), name="result"),
    path("history/", lambda request: HttpResponse("Not built yet"), name="history"),
]
