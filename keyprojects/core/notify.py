"""Sending in-app notifications. One insert for many recipients; a keyed message is sent once."""

from keyprojects.core.models import Notification


def notify(users, *, title: str, body: str = "", url: str = "", key: str = "") -> int:
    """Send to each user; with a key, users who already have a message with that key get nothing.
    Returns how many were sent."""
    users = list(users)
    if key:
        already = set(Notification.objects.filter(key=key, user__in=users).values_list("user_id", flat=True))
        users = [user for user in users if user.pk not in already]
    Notification.objects.bulk_create(
        [Notification(user=user, title=title, body=body, url=url, key=key) for user in users],
        ignore_conflicts=bool(key),
    )
    return len(users)
