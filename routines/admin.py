"""The content editor's view of the library and the stage table."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.html import format_html

from config.admin_audit import AuditedAdmin
from routines import planning
from routines.forms import STRETCH_GROUPS, StretchAdminForm
from routines.models import Mistake, StageDecision, StageRule, Stretch, StretchStep


class StepInline(admin.TabularInline):
    model = StretchStep
    extra = 1
    min_num = 1
    fields = ["order", "text"]


class MistakeInline(admin.TabularInline):
    model = Mistake
    extra = 1
    min_num = 2  # every stretch names at least two mistakes, each with its fix
    fields = ["order", "mistake", "fix"]


def _gaps_without(stretches: QuerySet[Stretch]) -> tuple[str, ...]:
    keep = Stretch.objects.exclude(pk__in=[s.pk for s in stretches])
    return planning.library_gaps([s.as_exercise() for s in keep], StageRule.current_first())


@admin.register(Stretch)
class StretchAdmin(AuditedAdmin):
    form = StretchAdminForm
    inlines = [StepInline, MistakeInline]
    list_display = ["name", "kind", "position", "targets", "min_stage", "priority", "preview"]
    list_filter = ["kind", "position", "targets", "min_stage"]
    search_fields = ["name", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["preview"]
    # The form's groups, with the picture's preview beside its file name.
    fieldsets = [
        (title, {"fields": [*group, "preview"] if "picture" in group else list(group)})
        for title, group in STRETCH_GROUPS
    ]

    @admin.display(description="Picture")
    def preview(self, obj: Stretch) -> str:
        if not obj or not obj.picture:
            return "-"
        return format_html(
            '<img src="{}" alt="{}" width="100">', static(obj.picture), obj.picture_alt
        )

    def delete_model(self, request: HttpRequest, obj: Stretch) -> None:
        gaps = _gaps_without(Stretch.objects.filter(pk=obj.pk))
        if gaps:
            messages.error(request, f"{obj} was kept: {' '.join(gaps)}")
            return
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Stretch]) -> None:
        gaps = _gaps_without(queryset)
        if gaps:
            messages.error(request, f"Nothing was deleted: {' '.join(gaps)}")
            return
        super().delete_queryset(request, queryset)


@admin.register(StageRule)
class StageRuleAdmin(AuditedAdmin):
    list_display = ["__str__", "hold_min", "hold_max", "reps_min", "reps_max", "min_days"]
    fieldsets = [
        (None, {"fields": ["number", "name", "source"]}),
        ("Holds and reps", {"fields": ["hold_min", "hold_max", "reps_min", "reps_max"]}),
        (
            "Sessions",
            {
                "fields": [
                    "sessions_min",
                    "sessions_max",
                    "per_week",
                    "flare_sessions",
                    "walk_minutes",
                ]
            },
        ),
        ("Double knee", {"fields": ["double_knee", "double_knee_max_hold", "rocking"]}),
        (
            "What it takes to reach this stage",
            {"fields": ["min_days", "min_sessions", "settled_pain_max", "settled_days"]},
        ),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: StageRule | None = None) -> list[str]:
        return ["number"] if obj else []

    # The engine needs exactly stages 1 to 4: editors change them, never add or remove.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(StageDecision)
class StageDecisionAdmin(AuditedAdmin):
    """Stored decisions explain a person's history, so they are never edited."""

    list_display = ["day", "user", "action", "from_stage", "to_stage", "flare"]
    list_filter = ["action", "flare"]
    search_fields = ["user__username"]
    date_hierarchy = "day"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
