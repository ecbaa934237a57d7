"""Admin for logs and share links: read-mostly, for support, never for editing scores."""

from django.contrib import admin

from tracking.models import PainLog, PegCheckin, ShareLink


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
