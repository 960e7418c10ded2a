from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from keyprojects.core.choices import ChangeAction


class ChangeLogQuerySet(models.QuerySet):
    def for_object(self, obj) -> "ChangeLogQuerySet":
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class ChangeLogEntry(models.Model):
    """One create, update or delete of domain data. Written by services, never edited or deleted."""

    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL
    )
    username = models.CharField("操作人账号", max_length=150, blank=True)
    action = models.CharField("操作", max_length=10, choices=ChangeAction.choices)
    content_type = models.ForeignKey(ContentType, verbose_name="对象类型", on_delete=models.PROTECT)
    object_id = models.CharField("对象编号", max_length=64)
    object_repr = models.CharField("对象", max_length=200)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)
    reason = models.TextField("原因", blank=True)

    objects = ChangeLogQuerySet.as_manager()

    class Meta:
        verbose_name = "变更记录"
        verbose_name_plural = "变更记录"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="changelog_object")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        # The log is append-only: an entry once written is never rewritten.
        if self.pk is not None:
            raise PermissionError("变更记录不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("变更记录不可删除。")

    def changed_fields(self) -> list[tuple[str, object, object]]:
        """(field label, before, after) for every field whose value differs, values as a person reads them."""
        model = self.content_type.model_class()
        before, after = self.before or {}, self.after or {}
        rows = []
        for key in sorted(set(before) | set(after)):
            if before.get(key) != after.get(key):
                field = _field(model, key)
                label = str(getattr(field, "verbose_name", key)) if field is not None else key
                rows.append((label, _readable(field, before.get(key)), _readable(field, after.get(key))))
        return rows


def _field(model, key: str):
    if model is None:
        return None
    for field in model._meta.get_fields():
        if getattr(field, "attname", None) == key or field.name == key:
            return field
    return None


def _readable(field, value):
    """A stored choice shows its label (县级, not county) and a flag 是/否, not True/False."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if getattr(field, "choices", None) and isinstance(value, str | int):  # declared choices only: no query
        return str(dict(field.flatchoices).get(value, value))
    return value


class Notification(models.Model):
    """An in-app message to one user (returned report, reminder …). `key` makes a reminder idempotent:
    the same key is never sent to the same user twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    key = models.CharField("去重键", max_length=200, blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "消息"
        verbose_name_plural = "消息"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~models.Q(key=""), name="notification_once_per_key"
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title
