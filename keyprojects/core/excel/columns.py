"""What an importer or an export expects of one spreadsheet column."""

from dataclasses import dataclass

from .values import PARSERS


@dataclass(frozen=True)
class Column:
    """One column: `key` is the field it fills, `label` the Chinese name users see and write.

    kind: "text", "amount" (万元, 2 places), "date", "number" (a plain decimal such as a
    longitude) or "int". `aliases` are other header names accepted on import (older ledgers);
    `help` and `example` go into the downloadable template.
    """

    key: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    kind: str = "text"
    help: str = ""
    example: object = None

    def __post_init__(self):
        if self.kind not in PARSERS:
            raise ValueError(f"unknown column kind {self.kind!r} for {self.key}")
