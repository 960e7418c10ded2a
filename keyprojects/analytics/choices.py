from django.db import models


class Color(models.TextChoices):
    """四色管理 (DOMAIN.md §8): 绿 超计划推进, 白 正常推进, 黄 进度较慢, 红 基本停滞."""

    GREEN = "绿", "绿"
    WHITE = "白", "白"
    YELLOW = "黄", "黄"
    RED = "红", "红"


COLOR_MEANING = {Color.GREEN: "超计划推进", Color.WHITE: "正常推进", Color.YELLOW: "进度较慢", Color.RED: "基本停滞"}
