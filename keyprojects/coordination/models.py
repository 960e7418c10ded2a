from django.db import models


class CalendarDay(models.Model):
    """One day of the State Council's holiday arrangement, entered by the city office.

    Needed for a year the chinesecalendar package does not know yet (see `workdays`). A row also wins
    over the package in a known year, so a late correction does not wait for a package upgrade.
    """

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否上班")
    note = models.CharField("说明", max_length=60, blank=True, help_text="如“春节”“调休上班”。")

    class Meta:
        verbose_name = "法定节假日安排"
        verbose_name_plural = "法定节假日安排"
        ordering = ["date"]

    def __str__(self) -> str:
        kind = "上班" if self.is_workday else "休息"
        note = f"（{self.note}）" if self.note else ""
        return f"{self.date.year}年{self.date.month}月{self.date.day}日 {kind}{note}"
