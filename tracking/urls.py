"""Tracking's routes. Guided-session routes live in session_views.py and join below."""

from django.urls import path

from tracking import (
    erase_views,
    reminder_views,
    session_views,
    share_views,
    today_views,
    views,
)

app_name = "tracking"

# Pain logs, progress, export and sharing.
urlpatterns = [
    # Today and its plan read the person's own records, so they are served here;
    # the addresses stay where people have them bookmarked.
    path("routines/today/", today_views.today, name="today"),
    path("routines/today/sessions/", today_views.sessions_choice, name="sessions-choice"),
    path("routines/why/", today_views.why, name="why"),
    path("progress/", views.progress, name="dashboard"),
    path("progress/export.zip", views.export_zip, name="export"),
    path("progress/export/columns/", views.export_columns, name="export-columns"),
    path("progress/report/", views.report, name="report"),
    path("progress/shares/", share_views.shares, name="shares"),
    path("progress/shares/<int:pk>/revoke/", share_views.share_revoke, name="share-revoke"),
    path("progress/shares/revoke-all/", share_views.share_revoke_all, name="share-revoke-all"),
    path("progress/delete-my-data/", erase_views.delete_data, name="data-delete"),
    path("shared/<str:token>/", share_views.shared_report, name="shared-report"),
    path("log/", views.log, name="log"),
    path("log/<int:pk>/edit/", views.log_edit, name="log-edit"),
    path("log/<int:pk>/delete/", views.log_delete, name="log-delete"),
    path("log/undo/", views.log_restore, name="log-restore"),
    path("log/weekly/", views.peg, name="peg"),
]

# Guided sessions.
urlpatterns += [
    path("sessions/start/", session_views.session_start, name="session-start"),
    path("sessions/<int:pk>/", session_views.session, name="session"),
    path("walks/today/", session_views.walk, name="walk"),
    path(
        "sessions/<int:pk>/after-effect/",
        session_views.session_aftereffect,
        name="session-aftereffect",
    ),
]

# Reminders: the choices page, the calendar link and its feed, and email unsubscribe.
urlpatterns += [
    path("reminders/", reminder_views.reminders, name="reminders"),
    path("reminders/calendar/", reminder_views.calendar_link, name="calendar-link"),
    path("reminders/calendar/end/", reminder_views.calendar_link_end, name="calendar-link-end"),
    path("calendar/<str:token>.ics", reminder_views.calendar_feed, name="calendar-feed"),
    path("reminders/stop/<str:token>/", reminder_views.unsubscribe, name="reminders-unsubscribe"),
    path("reminders/confirm/<str:token>/", reminder_views.confirm_email, name="reminders-confirm"),
    path(
        "reminders/confirm-again/",
        reminder_views.resend_confirmation,
        name="reminders-confirm-again",
    ),
]
