"""Screenings and clearances in the admin: for looking, never for changing answers."""

from __future__ import annotations

import json

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html

from config.admin_audit import AuditedAdmin
from screening.models import (
    AnswerChange,
    AssessmentRecord,
    Clearance,
    FlagAnswer,
    SafetyStop,
    Screening,
)


class ReadOnlyAdmin(AuditedAdmin):
    """A stored safety decision must stay as it was made, so nothing is editable;
    every look is audited."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ClearanceInline(admin.StackedInline):
    model = Clearance
    extra = 0
    can_delete = False
    readonly_fields = [
        "clinician_name",
        "clinician_role",
        "cleared_on",
        "note",
        "created_at",
        "user",
    ]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Screening)
class ScreeningAdmin(ReadOnlyAdmin):
    list_display = ["user", "created_at", "tier", "flags", "cautions", "lapsed_at", "rules_version"]
    list_filter = ["tier", "rules_version", "created_at"]
    search_fields = ["user__username", "user__email"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "user",
        "created_at",
        "rules_version",
        "tier",
        "flags",
        "cautions",
        "lapsed_at",
        "lapse_reason",
        "pretty_answers",
    ]
    exclude = ["answers"]
    inlines = [ClearanceInline]

    @admin.display(description="Answers")
    def pretty_answers(self, obj: Screening) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.answers, indent=2, sort_keys=True))


@admin.register(Clearance)
class ClearanceAdmin(ReadOnlyAdmin):
    list_display = ["user", "clinician_name", "clinician_role", "cleared_on", "screening"]
    list_filter = ["clinician_role", "cleared_on"]
    search_fields = ["user__username", "clinician_name"]
    readonly_fields = [
        "user",
        "screening",
        "clinician_name",
        "clinician_role",
        "cleared_on",
        "note",
        "created_at",
    ]


@admin.register(FlagAnswer)
class FlagAnswerAdmin(ReadOnlyAdmin):
    list_display = ["user", "at", "question", "tier", "corrected_at"]
    list_filter = ["tier", "at"]
    search_fields = ["user__username"]
    readonly_fields = ["user", "draft_token", "question", "answer", "tier", "flags", "at"]


@admin.register(AnswerChange)
class AnswerChangeAdmin(ReadOnlyAdmin):
    list_display = ["user", "created_at", "question", "reason"]
    list_filter = ["reason"]
    search_fields = ["user__username"]


@admin.register(AssessmentRecord)
class AssessmentRecordAdmin(ReadOnlyAdmin):
    list_display = ["user", "created_at", "place", "seen_on"]
    list_filter = ["place"]
    search_fields = ["user__username"]


@admin.register(SafetyStop)
class SafetyStopAdmin(ReadOnlyAdmin):
    list_display = ["user", "at", "kind", "label"]
    list_filter = ["kind"]
    search_fields = ["user__username"]
