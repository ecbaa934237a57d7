"""Admin for logs and share links: read-only, for support, never for editing scores.

Every look and every change here is written to the audit log. A delete here shows
on the person's dashboard at once, like one made in the app: the models move
the dashboard's data version themselves (tracking/models/versions.py)."""

from django.contrib import admin

from config.admin_audit import AuditedAdmin
from tracking.models import (
    PainLog,
    PegCheckin,
    Session,
    SessionStep,
    ShareLink,
    StopSignal,
)


@admin.register(PainLog)
class PainLogAdmin(AuditedAdmin):
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
class PegCheckinAdmin(AuditedAdmin):
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
class SessionAdmin(AuditedAdmin):
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
class StopSignalAdmin(AuditedAdmin):
    list_display = ["session", "reason", "step_number", "created_at"]
    list_filter = ["reason"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
