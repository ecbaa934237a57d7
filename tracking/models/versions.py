"""A per-person counter that says when their progress figures last changed,
and the one place that moves it.

The dashboard keeps its computed figures in the cache under this number. The
models whose rows the figures read (pain logs, PEG-3 check-ins, sessions,
stop signals, next-day answers) inherit ``Versioned`` and use a
``VersionedQuerySet``: every ``save()``, ``delete()``, ``update()``,
``bulk_create()`` and ``bulk_update()`` of them adds one to the owner's
number in the same transaction as the write, so no write path can forget it
and a new one needs nothing. SQL written by hand goes round it, unless it
says what it wrote (``Versioned.written_by_hand``). The
number lives in the database, so every worker process sees the same one.

Deleting a person deletes their number with them (a cascade); the cache key
also holds when they joined, so a reused id never finds their old figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from django.conf import settings
from django.db import IntegrityError, connection, models, router, transaction
from django.db.models import F

__all__ = ["DataVersion", "Versioned", "VersionedQuerySet"]


class DataVersion(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="tracking_data_version",
    )
    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.user_id} · data version {self.number}"

    @classmethod
    def current(cls, user: Any) -> int:
        number = cls.objects.filter(user=user).values_list("number", flat=True).first()
        return number or 0

    @classmethod
    def bump(cls, *users: Any) -> None:
        """Add one for each person: a single UPDATE, and the first rows of anyone new.

        Called by ``Versioned`` and ``VersionedQuerySet`` only (a structure
        test holds the code to that).
        """
        ids = {getattr(user, "pk", user) for user in users}
        if not ids:
            return
        if len(ids) == 1:  # every write in the app: one statement, without compiling a QuerySet
            with connection.cursor() as cursor:
                cursor.execute(_BUMP_ONE, [next(iter(ids))])
                bumped = cursor.rowcount
        else:
            bumped = cls.objects.filter(user_id__in=ids).update(number=F("number") + 1)
        if bumped == len(ids):
            return
        new = ids
        if bumped:  # some had a row already
            new = ids - set(cls.objects.filter(user_id__in=ids).values_list("user_id", flat=True))
        for user_id in new:
            try:
                with transaction.atomic():
                    cls.objects.create(user_id=user_id, number=1)
            except IntegrityError:  # created by a parallel write a moment ago
                cls.objects.filter(user_id=user_id).update(number=F("number") + 1)


class VersionedQuerySet[M: models.Model](models.QuerySet[M]):
    """Writes of many rows at once, each moving every owner's version once, in the
    same transaction. ``update`` and ``delete`` read the owners once, as distinct
    ids, before the write (after it, an update may have moved the rows out of the
    filter); an ``update`` of fields the figures ignore reads nothing more."""

    def _owner_ids(self) -> set[Any]:
        path = self.model.version_owner
        return set(self.order_by().values_list(path, flat=True).distinct())

    def _reads(self, fields: Iterable[str]) -> bool:
        return not set(fields) <= self.model.figures_ignore

    def update(self, **kwargs: Any) -> int:
        if not self._reads(kwargs):
            return super().update(**kwargs)
        with transaction.atomic(using=self.db, savepoint=False):
            owners = self._owner_ids()
            if not owners:  # no row to change: the read stands in for the UPDATE
                return 0
            rows = super().update(**kwargs)
            if rows:
                DataVersion.bump(*owners)
            return rows

    update.alters_data = True

    def delete(self) -> tuple[int, dict[str, int]]:
        with transaction.atomic(using=self.db, savepoint=False):
            owners = self._owner_ids()
            if not owners:
                return 0, {}
            deleted = super().delete()
            if deleted[0]:
                DataVersion.bump(*owners)
            return deleted

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_create(self, objs: Iterable[M], *args: Any, **kwargs: Any) -> list[M]:
        objs = list(objs)
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            DataVersion.bump(*{obj.version_owner_id() for obj in objs})
            return created

    def bulk_update(
        self, objs: Iterable[M], fields: Iterable[str], *args: Any, **kwargs: Any
    ) -> int:
        objs, fields = list(objs), list(fields)
        if not self._reads(fields):
            return super().bulk_update(objs, fields, *args, **kwargs)
        with transaction.atomic(using=self.db, savepoint=False):
            rows = super().bulk_update(objs, fields, *args, **kwargs)
            if rows:
                DataVersion.bump(*{obj.version_owner_id() for obj in objs})
            return rows


class Versioned(models.Model):
    """A row the progress figures read: saving or deleting it moves its owner's version."""

    # The path from a row to the person it belongs to, as in a filter.
    version_owner: ClassVar[str] = "user"
    # Fields the figures never read: a save of only these leaves the version alone.
    figures_ignore: ClassVar[frozenset[str]] = frozenset()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        fields = kwargs.get("update_fields")
        if fields is not None and not self.figures_read(fields):
            super().save(*args, **kwargs)
            return
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        # No SAVEPOINT inside a caller's transaction; a transaction of its own otherwise.
        with transaction.atomic(using=using, savepoint=False):
            super().save(*args, **kwargs)
            DataVersion.bump(self.version_owner_id())

    @classmethod
    def figures_read(cls, fields: Iterable[str]) -> bool:
        """Whether the figures read any of ``fields`` (a write of them moves the version)."""
        return not set(fields) <= cls.figures_ignore

    def written_by_hand(self, fields: Iterable[str]) -> None:
        """Move the version for a write of ``fields`` of this row made in SQL written
        by hand, as ``save(update_fields=fields)`` would. The caller holds the
        transaction the write is in."""
        if self.figures_read(fields):
            DataVersion.bump(self.version_owner_id())

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        owner = self.version_owner_id()  # before the row, and maybe its parent, are gone
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            deleted = super().delete(*args, **kwargs)
            DataVersion.bump(owner)
            return deleted

    def version_owner_id(self) -> Any:
        """The owner's id; a hop through a relation reads it only when not already loaded."""
        *hops, last = self.version_owner.split("__")
        row: Any = self
        for hop in hops:
            row = getattr(row, hop)
        return getattr(row, f"{last}_id")


_BUMP_ONE = f"UPDATE {DataVersion._meta.db_table} SET number = number + 1 WHERE user_id = %s"  # noqa: S608 - the table name is the model's
