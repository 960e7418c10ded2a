from django.db import models


class Stage(models.TextChoices):
    """招商引资 stages, in order (DOMAIN.md §7): a later stage includes the earlier ones."""

    TALKS = "talks", "在谈"
    SIGNED = "signed", "签约"
    PERFORMING = "performing", "履约"
    STARTED = "started", "开工"
    PRODUCING = "producing", "投产"


STAGE_ORDER = [Stage.TALKS, Stage.SIGNED, Stage.PERFORMING, Stage.STARTED, Stage.PRODUCING]
STAGE_DATES = {  # the field holding the day each stage was reached
    Stage.TALKS: "talks_on",
    Stage.SIGNED: "signed_on",
    Stage.PERFORMING: "performed_on",
    Stage.STARTED: "started_on",
    Stage.PRODUCING: "producing_on",
}


def at_least(stage: str) -> list[str]:
    return [str(s) for s in STAGE_ORDER[STAGE_ORDER.index(stage) :]]


def stages_reached(stage: str) -> list[str]:
    """The stage and the ones before it."""
    return [str(s) for s in STAGE_ORDER[: STAGE_ORDER.index(stage) + 1]]


class Mode(models.TextChoices):
    FUND = "fund", "基金招商"
    PLATFORM = "platform", "平台公司招商"
    BUSINESS = "business", "以商招商"
    PARK = "park", "园区招商"
    SCENARIO = "scenario", "应用场景招商"
    CHAIN = "chain", "产业链招商"
    OTHER = "other", "其他"


class ReserveStage(models.TextChoices):
    """储备库 pre-work stages, in order (DOMAIN.md §7)."""

    AGREEMENT = "agreement", "签订投资协议"
    PROPOSAL = "proposal", "编制项目建议书及可研"
    APPROVAL = "approval", "办理立项用地规划许可"
    DESIGN = "design", "编报初步设计及施工图设计"
    READY = "ready", "施工前准备"


class ReserveStatus(models.TextChoices):
    ACTIVE = "active", "储备中"
    PROMOTED = "promoted", "已转入年度名单"
    EXITED = "exited", "已退出"


class ElementKind(models.TextChoices):
    LAND = "land", "用地（亩）"
    LAND_QUOTA = "land_quota", "新增建设用地指标（亩）"
    ENERGY = "energy", "能耗（吨标准煤）"
    ENVIRONMENT = "environment", "环境容量"
    WATER = "water", "用水"
    POWER = "power", "用电"
    GAS = "gas", "用气"
    HEATING = "heating", "供暖"
    FUNDS = "funds", "资金（万元）"


class ElementStatus(models.TextChoices):
    RAISED = "raised", "需求提出"
    PARTIAL = "partial", "部分保障"
    SECURED = "secured", "已保障"
    IMPOSSIBLE = "impossible", "无法保障"


class FundingKind(models.TextChoices):
    SPECIAL_BOND = "special_bond", "专项债"
    POLICY_BANK = "policy_bank", "政策性银行"
    INDUSTRY_FUND = "industry_fund", "产业基金"
    BANK_LOAN = "bank_loan", "银行贷款"
