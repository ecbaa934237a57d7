"""An admin base class that writes every look and every change to the audit log."""

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse

from . import audit
from .models import AuditEvent


class AuditedAdmin(admin.ModelAdmin):
    """Whoever opens a list or a record, or adds, changes or deletes one here,
    is recorded with the record's kind and id (never its contents)."""

    def _record(self, request: HttpRequest, action: str, object_id: Any = "") -> None:
        audit.record(
            request,
            action,
            object_type=self.model._meta.label,
            object_id=str(object_id or "")[:64],
        )

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        self._record(request, AuditEvent.Action.ADMIN_VIEW)
        return super().changelist_view(request, extra_context)

    def changeform_view(
        self, request: HttpRequest, object_id=None, form_url="", extra_context=None
    ) -> HttpResponse:
        if object_id is not None and request.method == "GET":
            self._record(request, AuditEvent.Action.ADMIN_VIEW, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def history_view(self, request: HttpRequest, object_id, extra_context=None) -> HttpResponse:
        self._record(request, AuditEvent.Action.ADMIN_VIEW, object_id)
        return super().history_view(request, object_id, extra_context)

    def log_addition(self, request: HttpRequest, obj: Model, message: Any):
        self._record(request, AuditEvent.Action.ADMIN_CHANGE, obj.pk)
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Model, message: Any):
        self._record(request, AuditEvent.Action.ADMIN_CHANGE, obj.pk)
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: QuerySet | list[Model]):
        for obj in queryset:  # a list of one from the delete page
            self._record(request, AuditEvent.Action.ADMIN_CHANGE, obj.pk)
        return super().log_deletions(request, queryset)
