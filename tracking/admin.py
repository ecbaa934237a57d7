"""Admin for logs and share links: read-mostly, for support, never for editing scores."""

from django.contrib import admin

from tracking.models import PainLog, PegCheckin, Session, SessionStep, ShareLink, StopSignal


@admin.register(PainLog)
class PainLogAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "pain", "logged_at", "session"]
    list_filter = ["kind"]
    search_fields = ["user__username"]
    date_hierarchy = "logged_at"
    raw_id_fields = ["user", "session"]
    readonly_fields = ["created_at"]


@admin.register(PegCheckin)
class PegCheckinAdmin(admin.ModelAdmin):
    list_display = ["user", "checked_at", "pain", "enjoyment", "activity"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    # The token itself is never stored; only its hash and last characters.
    list_display = ["user", "hint", "created_at", "expires_at", "revoked_at", "last_viewed_at"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]
    readonly_fields = ["token_hash", "hint", "created_at", "last_viewed_at"]


class SessionStepInline(admin.TabularInline):
    model = SessionStep
    extra = 0
    can_delete = False
    readonly_fields = ["number", "slug", "side", "rep", "outcome", "answered_at"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
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
class StopSignalAdmin(admin.ModelAdmin):
    list_display = ["session", "reason", "step_number", "created_at"]
    list_filter = ["reason"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
