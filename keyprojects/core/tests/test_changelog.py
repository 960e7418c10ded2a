import pytest

from keyprojects.accounts import services
from keyprojects.accounts.choices import UserRole
from keyprojects.core.changelog import log_update, snapshot
from keyprojects.core.models import ChangeLogEntry


def test_creating_a_user_logs_who_when_and_after(people):
    user = services.user_create(by=people.city, username="newbie", password="x-Secret-123", role=UserRole.LEADER)
    entry = ChangeLogEntry.objects.for_object(user).get()
    assert entry.username == "t_city" and entry.action == "create"
    assert entry.before is None and entry.after["role"] == "leader"
    assert "password" not in entry.after


def test_updating_a_user_logs_before_and_after(people):
    services.user_update(by=people.city, user=people.owner_x, title="总经理")
    entry = ChangeLogEntry.objects.for_object(people.owner_x).latest("id")
    assert entry.before["title"] == "" and entry.after["title"] == "总经理"
    assert [label for label, _, _ in entry.changed_fields()] == ["职务"]


def test_an_update_that_changes_nothing_writes_no_entry(people):
    before = snapshot(people.dept)
    assert log_update(by=people.city, obj=people.dept, before=before) is None


def test_setting_a_password_is_logged_without_the_password(people):
    services.user_set_password(by=people.city, user=people.owner_x, password="Another-Secret-9")
    entry = ChangeLogEntry.objects.for_object(people.owner_x).latest("id")
    assert entry.reason == "设置了新密码"
    assert "password" not in entry.before and "password" not in entry.after


def test_a_log_entry_cannot_be_edited_or_deleted(people):
    entry = ChangeLogEntry.objects.first()
    entry.reason = "篡改"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_an_objects_history_page_shows_its_changes(people, client_for):
    services.user_update(by=people.city, user=people.owner_x, title="总经理")
    page = client_for("city").get(f"/history/accounts.user/{people.owner_x.pk}/").content.decode()
    assert "总经理" in page and "职务" in page and "t_city" in page


def test_the_change_log_has_no_edit_url(people, client_for):
    entry = ChangeLogEntry.objects.first()
    response = client_for("city").post("/changelog/", {"id": entry.pk, "reason": "x"})
    assert response.status_code == 405
    assert ChangeLogEntry.objects.get(pk=entry.pk).reason == entry.reason
