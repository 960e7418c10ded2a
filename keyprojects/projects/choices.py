from django.db import models


class Level(models.TextChoices):
    """The highest list a project is on. Order matters: "at least 市" means 国家, 省 or 市."""

    NATIONAL = "national", "国家"
    PROVINCE = "province", "省"
    CITY = "city", "市"
    COUNTY = "county", "县"


LEVEL_ORDER = [Level.NATIONAL, Level.PROVINCE, Level.CITY, Level.COUNTY]


def levels_at_least(level: str) -> list[str]:
    """省 → [国家, 省]; 市 → [国家, 省, 市] (DOMAIN.md §6)."""
    return [str(value) for value in LEVEL_ORDER[: LEVEL_ORDER.index(level) + 1]]


class Category(models.TextChoices):
    NEW_START = "new", "新开工"
    CONTINUING = "continuing", "续建"


class ListChange(models.TextChoices):
    ADDED = "added", "调入"
    REMOVED = "removed", "调出"


DEFAULT_MILESTONES = ["开工", "主体完工", "竣工", "投产"]
