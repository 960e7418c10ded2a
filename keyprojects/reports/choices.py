from django.db import models


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    COUNTY_APPROVED = "county_approved", "县审核通过"
    RETURNED = "returned", "退回"
    CONFIRMED = "confirmed", "已确认"


# States an owner may still edit; every later state is changed only by a workflow step.
EDITABLE = [ReportStatus.DRAFT, ReportStatus.RETURNED]
# Reported (for 报送率): anything the owner has handed in, even if later sent back for correction.
HANDED_IN = [ReportStatus.SUBMITTED, ReportStatus.COUNTY_APPROVED, ReportStatus.CONFIRMED]


class Stage(models.TextChoices):
    PREPARATION = "preparation", "前期手续"
    SITE_READY = "site_ready", "施工准备"
    CONSTRUCTION = "construction", "主体施工"
    INSTALLATION = "installation", "设备安装"
    ACCEPTANCE = "acceptance", "竣工验收"
    PRODUCING = "producing", "已投产运营"


class ProblemCategory(models.TextChoices):
    LAND = "land", "用地"
    PLANNING = "planning", "规划"
    EIA = "eia", "环评"
    RELOCATION = "relocation", "征迁"
    FUNDS = "funds", "资金"
    UTILITIES = "utilities", "水电气暖"
    APPROVAL = "approval", "审批手续"
    SITE = "site", "施工条件"
    OTHER = "other", "其他"


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", "现场照片"
    INVOICE = "invoice", "发票"
    CERTIFICATE = "certificate", "进度证明"


class FileType(models.TextChoices):
    """What an evidence file was found to be by decoding it (reports/evidence.py); it alone decides how it is served."""

    JPEG = "jpeg", "JPG 图片"
    PNG = "png", "PNG 图片"
    PDF = "pdf", "PDF 文件"
    # Kept before files were decoded on upload: only ever downloaded, as bytes of no declared type.
    UNVERIFIED = "unverified", "未核验的旧文件"


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", "按时"
    LATE = "late", "逾期报送"
    MISSING = "missing", "未报送"
