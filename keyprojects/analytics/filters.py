"""The filters every statistic takes (DOMAIN.md §6): region subtree, level at least, domain, chain,
leader, task force. Built from a request's GET parameters or from the command line's options."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from keyprojects.accounts.models import Region
from keyprojects.projects.choices import Level, levels_at_least
from keyprojects.projects.filters import LARGEST_ID

LEVEL_WORDS = {label: value for value, label in Level.choices}  # 省 → province, for the command line
LEVEL_INPUTS = [*Level.values, *LEVEL_WORDS]
REGION_CODE_PATTERN = r"^[0-9]{6}$"
NUMBERED = {"domain": "领域编号", "chain": "产业链编号", "leader": "分包领导编号", "task_force": "专班编号"}


def level_code(text: str) -> str:
    """A level given as a code (province) or as the word offices use (省, 省重点)."""
    text = (text or "").replace("重点", "").strip()
    return LEVEL_WORDS.get(text, text if text in Level.values else "")


@dataclass(frozen=True)
class Filters:
    region: Region | None = None
    level: str = ""
    domain: int | None = None
    chain: int | None = None
    leader: int | None = None
    task_force: int | None = None
    # A region code that names no region: nothing matches (rather than no filter, which would look like real data).
    unknown_region: bool = False

    def apply(self, entries: QuerySet) -> QuerySet:
        if self.unknown_region:
            return entries.none()
        if self.region is not None:
            entries = entries.filter(project__region__path__startswith=self.region.path)
        if self.level:
            entries = entries.filter(level__in=levels_at_least(self.level))
        if self.domain:
            entries = entries.filter(project__domain_id=self.domain)
        if self.chain:
            entries = entries.filter(project__chains=self.chain)
        if self.leader:
            entries = entries.filter(project__leaders=self.leader)
        if self.task_force:
            entries = entries.filter(project__task_force_id=self.task_force)
        return entries

    @classmethod
    def from_query(cls, params) -> "Filters":
        def number(name):
            value = params.get(name, "")
            return int(value) if value.isdigit() and int(value) <= LARGEST_ID else None

        region = Region.objects.filter(code=params.get("region", "")).first() if params.get("region") else None
        return cls(
            region=region,
            level=level_code(params.get("level", "")),
            domain=number("domain"),
            chain=number("chain"),
            leader=number("leader"),
            task_force=number("task_force"),
        )

    @classmethod
    def checked(cls, params) -> "Filters":
        """The API's reading of the same parameters: a malformed one is refused (ValidationError naming the
        parameter and the value) instead of ignored. A well-formed number or region code that names nothing
        matches nothing; so does one outside the caller's scope, since the selectors intersect with it."""
        errors = {}
        values = {}
        region = params.get("region", "")
        if region and not re.fullmatch(REGION_CODE_PATTERN, region):
            errors["region"] = f"区划代码“{region}”应为 6 位数字，如 341302。"
        elif region:
            values["region"] = Region.objects.filter(code=region).first()
            values["unknown_region"] = values["region"] is None
        level = params.get("level", "")
        if level and not level_code(level):
            errors["level"] = f"级别“{level}”不存在，应为 {'、'.join(LEVEL_INPUTS)} 之一。"
        values["level"] = level_code(level)
        for name, label in NUMBERED.items():
            text = params.get(name, "")
            if not text:
                continue
            if not (text.isascii() and text.isdigit()) or int(text) < 1:
                errors[name] = f"{label}“{text}”应为正整数。"
            elif int(text) > LARGEST_ID:
                errors[name] = f"{label}“{text}”超出编号范围。"
            else:
                values[name] = int(text)
        if errors:
            raise ValidationError(errors)
        return cls(**values)


NO_FILTERS = Filters()  # frozen: safe as a default argument
