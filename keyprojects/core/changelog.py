"""Writing the change log. Services call these explicitly (not signals) so bulk writes are logged too."""

import datetime
import decimal
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models

from keyprojects.accounts.scope import SYSTEM_NAME, account_of
from keyprojects.core.choices import ChangeAction
from keyprojects.core.models import ChangeLogEntry

SECRET_FIELDS = {"password"}


def snapshot(obj: models.Model, *, with_m2m: bool = True) -> dict:
    """The object's stored values as JSON-safe data: concrete fields and (one query each) many-to-many ids."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.attname in SECRET_FIELDS:
            continue
        data[field.attname] = _jsonable(getattr(obj, field.attname))
    if with_m2m and obj.pk is not None:
        for field in obj._meta.many_to_many:
            data[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return data


def _jsonable(value):
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    return value


def _entry(*, by, action: str, obj: models.Model, before, after, reason: str) -> ChangeLogEntry:
    user = account_of(by)
    return ChangeLogEntry(
        user=user,
        username=user.get_username() if user else SYSTEM_NAME,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        before=before,
        after=after,
        reason=reason,
    )


def _write(**kwargs) -> ChangeLogEntry:
    entry = _entry(**kwargs)
    entry.save()
    return entry


def log_create(*, by, obj: models.Model, reason: str = "") -> ChangeLogEntry:
    return _write(by=by, action=ChangeAction.CREATE, obj=obj, before=None, after=snapshot(obj), reason=reason)


def log_update(*, by, obj: models.Model, before: dict, reason: str = "") -> ChangeLogEntry | None:
    """Log an update; nothing is written when nothing changed."""
    after = snapshot(obj)
    if after == before:
        return None
    return _write(by=by, action=ChangeAction.UPDATE, obj=obj, before=before, after=after, reason=reason)


def log_delete(*, by, obj: models.Model, before: dict, reason: str = "") -> ChangeLogEntry:
    return _write(by=by, action=ChangeAction.DELETE, obj=obj, before=before, after=None, reason=reason)


def log_event(*, by, obj: models.Model, reason: str) -> ChangeLogEntry:
    """An action on the object that changes no shown field (a password set, a lock): kept with its reason."""
    state = snapshot(obj)
    return _write(by=by, action=ChangeAction.UPDATE, obj=obj, before=state, after=state, reason=reason)


def log_values(*, by, obj: models.Model, before: dict, after: dict, reason: str) -> ChangeLogEntry:
    """A change to data kept beside the object (its monthly split, its nodes), logged against the object."""
    return _write(by=by, action=ChangeAction.UPDATE, obj=obj, before=before, after=after, reason=reason)


def bulk_log(*, by, created=(), updated=(), values=(), reason: str = "") -> None:
    """Many changes in one insert (imports); each object still gets its own entry.

    `updated` holds (object, snapshot before); `values` holds (object, before, after) for data kept
    beside the object. Many-to-many ids are left out of these snapshots: one query per object is
    what a 20,000-row import cannot afford.
    """
    entries = [
        _entry(
            by=by, action=ChangeAction.CREATE, obj=obj, before=None, after=snapshot(obj, with_m2m=False), reason=reason
        )
        for obj in created
    ]
    for obj, before in updated:
        after = snapshot(obj, with_m2m=False)
        before = {key: value for key, value in before.items() if key in after}
        entries.append(_entry(by=by, action=ChangeAction.UPDATE, obj=obj, before=before, after=after, reason=reason))
    entries += [
        _entry(by=by, action=ChangeAction.UPDATE, obj=obj, before=before, after=after, reason=reason)
        for obj, before, after in values
    ]
    ChangeLogEntry.objects.bulk_create(entries, batch_size=1000)


def save_logged(obj: models.Model, *, by, reason: str = "") -> models.Model:
    """Validate and save an object edited in place, logging a create or (from the stored row) an update."""
    before = snapshot(type(obj)._default_manager.get(pk=obj.pk)) if obj.pk else None
    obj.full_clean()
    obj.save()
    if before is None:
        log_create(by=by, obj=obj, reason=reason)
    else:
        log_update(by=by, obj=obj, before=before, reason=reason)
    return obj


def update_logged(obj: models.Model, *, by, reason: str = "", **fields) -> models.Model:
    """Set `fields` on a stored object, validate, save and log the change (nothing logged if nothing changed)."""
    before = snapshot(obj)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    log_update(by=by, obj=obj, before=before, reason=reason)
    return obj
