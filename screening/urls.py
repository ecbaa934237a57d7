from django.urls import path

from screening import views

app_name = "screening"

urlpatterns = [
    path("", views.start, name="start"),
    path("now/", views.standing, name="standing"),
    path("questions/<uuid:token>/<int:step>/", views.step, name="step"),
    path("questions/<uuid:token>/mistake/", views.mistake, name="mistake"),
    path("seen/", views.assessment, name="assessment"),
    # "result" with no pk shows the latest result; with a pk, a past one.
    path("result/", views.result, name="result"),
    path("result/<int:pk>/", views.result, name="result"),
    path("result/<int:pk>/clearance/", views.clearance, name="clearance"),
    path("history/", views.history, name="history"),
    path("intended-use/", views.intended_use, name="intended-use"),
]
