from django.apps import AppConfig


class TrackingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tracking"

    def ready(self) -> None:
        # Today (routines) shows "see your GP or physio" without reading tracking's logs.
        from routines.today import (
            add_advice_source,
            set_history_source,
            set_session_tasks_source,
        )
        from tracking.dashboard import see_clinician_note
        from tracking.history import history_for
        from tracking.session_today import session_tasks

        # Today's decision reads sessions and pain logs through this, not by import.
        set_history_source(history_for)

        add_advice_source(see_clinician_note)
        # Today offers "Resume your session" and "I walked today" from tracking's rows.
        set_session_tasks_source(session_tasks)
