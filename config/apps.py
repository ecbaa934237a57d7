from django.apps import AppConfig


class LimberConfig(AppConfig):
    """Project-level pieces: accounts (profile, time zone) and the audit log."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "config"
    label = "config"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from . import audit, signins  # noqa: F401  (connect the auth signal receivers)
