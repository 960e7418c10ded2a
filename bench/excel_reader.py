"""Issue 14: what the hostile-file checks and the memory-capped reader cost on a 20,000-row list.

Times the same file read four ways: the container checks alone, calamine in this process (as before
issue 14), calamine in the capped child, and the whole read_table; best of five each.
"""

import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from projects import HEADER, make_file  # noqa: E402

from keyprojects.core.excel import container, reader, sandbox  # noqa: E402
from keyprojects.core.excel.columns import Column  # noqa: E402

COLUMNS = [Column(f"c{n}", name.split("（")[0]) for n, name in enumerate(HEADER)]

ROWS = 20_000
RUNS = 5


def best(label: str, action) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    print(f"{label}: {min(times) * 1000:.0f} ms (best of {RUNS})")
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "名单.xlsx"
        make_file(path, ROWS)
        data = path.read_bytes()
        package = container.open_package(data, reader.MAX_UNPACKED_BYTES)
        name, _ = container.first_sheet(package)
        print(
            f"{ROWS:,} rows, {len(data) / 1024 / 1024:.1f} MB packed, "
            f"{sum(i.file_size for i in package.infolist()) / 1024 / 1024:.1f} MB unpacked"
        )
        checks = best(
            "container checks (every part inflated and scanned)",
            lambda: container.check_parts(
                package, data, max_unpacked=reader.MAX_UNPACKED_BYTES, max_cells=reader.MAX_CELLS
            ),
        )
        inside = best("calamine in this process", lambda: reader.parse_sheet(data, name, reader.MAX_CELLS))
        child = best("calamine in the capped child", lambda: reader._load_sheet(data, name, reader.MAX_CELLS))
        child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory of the child: {child_peak:.0f} MB (capped at {sandbox.MEMORY_LIMIT_BYTES // 2**20} MB)")
        whole = best("read_table, all of it", lambda: reader.read_table(data, COLUMNS))
        print(
            f"memory cap costs {(child - inside) * 1000:.0f} ms; checks {checks * 1000:.0f} ms; "
            f"read_table {whole:.2f} s"
        )


if __name__ == "__main__":
    main()
