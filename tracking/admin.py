"""Admin for logs and share links: read-only, for support, never for editing scores.

Every look and every change here is written to the audit log."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from config.admin_audit import AuditedAdmin
from tracking.models import (
    DataVersion,
    PainLog,
    PegCheckin,
    Session,
    SessionStep,
    ShareLink,
    StopSignal,
)


class BumpsDataVersion(AuditedAdmin):
    """A change made here shows on the person's dashboard at once, like one made in the app.

    The admin runs these inside its own transaction, so the bump commits with
    the change.
    """

    @staticmethod
    def _owner_id(obj: Any) -> int:
        return obj.user_id if hasattr(obj, "user_id") else obj.session.user_id

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        DataVersion.bump(self._owner_id(obj))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        owner = self._owner_id(obj)
        super().delete_model(request, obj)
        DataVersion.bump(owner)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        owners = {self._owner_id(obj) for obj in queryset}
        super().delete_queryset(request, queryset)
        for owner in owners:
            DataVersion.bump(owner)


@admin.register(PainLog)
class PainLogAdmin(BumpsDataVersion):
    list_display = ["user", "kind", "pain", "logged_at", "session"]
    list_filter = ["kind"]
    search_fields = ["user__username"]
    date_hierarchy = "logged_at"
    raw_id_fields = ["user", "session"]
    readonly_fields = ["created_at"]

    # A score is what the person said: support may delete one on request, never edit it.
    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(PegCheckin)
class PegCheckinAdmin(BumpsDataVersion):
    list_display = ["user", "checked_at", "pain", "enjoyment", "activity"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ShareLink)
class ShareLinkAdmin(AuditedAdmin):
    # The token itself is never stored; only its hash and last characters. A
    # link keeps its owner: moved to someone else it would show their report.
    # Support can only switch a link off.
    list_display = ["user", "hint", "created_at", "expires_at", "revoked_at", "last_viewed_at"]
    search_fields = ["user__username"]
    readonly_fields = ["user", "token_hash", "hint", "created_at", "expires_at", "last_viewed_at"]

    def has_add_permission(self, request) -> bool:
        return False


class SessionStepInline(admin.TabularInline):
    model = SessionStep
    extra = 0
    can_delete = False
    readonly_fields = [
        "number",
        "slug",
        "side",
        "reps",
        "outcome",
        "cut_short",
        "for_pain",
        "answered_at",
    ]


@admin.register(Session)
class SessionAdmin(BumpsDataVersion):
    # Sessions are records of what happened: viewable for support, not editable.
    list_display = ["user", "status", "started_at", "ended_at", "stage"]
    list_filter = ["status"]
    search_fields = ["user__username"]
    date_hierarchy = "started_at"
    inlines = [SessionStepInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(StopSignal)
class StopSignalAdmin(BumpsDataVersion):
    list_display = ["session", "reason", "step_number", "created_at"]
    list_filter = ["reason"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
