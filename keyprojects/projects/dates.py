"""When a project can really have started or been completed: the one rule the project form, the monthly report
(page, API and import) all apply to 实际开工日期 and 实际竣工日期."""

import datetime

from django.utils import timezone

EARLIEST = datetime.date(1949, 10, 1)  # no project of the platform's began before the People's Republic
LABELS = {"actual_start": "实际开工日期", "actual_completion": "实际竣工日期"}


def actual_date_errors(start, completion, *, latest: datetime.date | None = None, latest_words: str = "") -> dict:
    """Field name → Chinese message for each actual date that cannot be right. `latest` defaults to today in
    Beijing; a report passes the end of its month, described by `latest_words` (“本月月报所属月份的最后一天”)."""
    today = timezone.localdate()
    if latest is None or latest > today:
        latest, latest_words = today, "今天"
    errors = {}
    for name, value in (("actual_start", start), ("actual_completion", completion)):
        if value is None:
            continue
        if value > latest:
            errors[name] = (
                f"{LABELS[name]}“{value:%Y-%m-%d}”晚于{latest_words}（{latest:%Y-%m-%d}），请填写实际发生的日期。"
            )
        elif value < EARLIEST:
            errors[name] = f"{LABELS[name]}“{value:%Y-%m-%d}”早于 1949 年 10 月 1 日，请检查年份。"
    if start and completion and completion < start and "actual_completion" not in errors:
        errors["actual_completion"] = f"实际竣工日期“{completion:%Y-%m-%d}”早于实际开工日期“{start:%Y-%m-%d}”。"
    return errors
