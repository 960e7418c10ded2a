"""The filters every statistic takes (DOMAIN.md §6): region subtree, level at least, domain, chain,
leader, task force. Built from a request's GET parameters or from the command line's options."""

from dataclasses import dataclass

from django.db.models import QuerySet

from keyprojects.accounts.models import Region
from keyprojects.projects.choices import Level, levels_at_least
from keyprojects.projects.filters import LARGEST_ID

LEVEL_WORDS = {label: value for value, label in Level.choices}  # 省 → province, for the command line


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

    def apply(self, entries: QuerySet) -> QuerySet:
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


NO_FILTERS = Filters()  # frozen: safe as a default argument
