"""Runs a spreadsheet reader in a child process under a memory and time cap.

The container checks (container.py) refuse every trick we know of before a reader allocates; this is
for the one we do not. calamine is Rust: when an allocation fails it aborts the whole process, and
inside a gunicorn worker that resets the user's connection with no message. In a child process with
RLIMIT_AS the abort ends only the child, and the user reads why. A fresh interpreter (not a fork of a
worker holding database connections and threads) costs about 0.1 s; README 设计决定 has the figures.

The child's answer is unpickled with only plain values and dates allowed, so even a reader subverted
by a hostile file could not make the worker build an arbitrary object.
"""

import datetime
import importlib
import io
import logging
import os
import pickle
import resource
import subprocess
import sys

from .errors import ExcelRefused

MEMORY_LIMIT_BYTES = 1536 * 1024 * 1024  # address space; a 20,000-row import peaks near 450 MB in openpyxl
TIME_LIMIT_SECONDS = 90  # under gunicorn's 120 s (deploy/keyprojects.service)
TOO_HEAVY = (
    "文件过大或结构异常，无法读取（读取时超出了内存或时间的上限）。"
    "请用 Excel 或 WPS 打开后“另存为”.xlsx，删除多余的行、列和工作表，或拆分后分批导入。"
)
# A file that got past every check and still broke the reader is worth a look: it is an attack or a reader bug.
security_log = logging.getLogger("keyprojects.security")
_ALLOWED = {("datetime", name) for name in ("date", "datetime", "time", "timedelta")}


# task → (module, function); the module is imported in the child only, and only the one needed
# (openpyxl alone takes 0.1 s to import): the parent never loads a hostile file into its own memory.
TASKS = {"sheet": ("reader", "parse_sheet"), "mark": ("marked", "mark_workbook")}


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) in _ALLOWED:
            return getattr(datetime, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a plain value")


def run(task: str, *args):
    """`task`'s result for `args`, computed in a capped child; ExcelRefused when the child refuses or dies."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)}
    try:
        child = subprocess.run(
            [sys.executable, "-m", __name__],
            input=pickle.dumps((task, args), protocol=pickle.HIGHEST_PROTOCOL),
            capture_output=True,
            timeout=TIME_LIMIT_SECONDS,
            env=environment,
        )
    except subprocess.TimeoutExpired:
        security_log.warning("spreadsheet %s: reader stopped after %s s", task, TIME_LIMIT_SECONDS)
        raise ExcelRefused(TOO_HEAVY) from None
    if child.returncode != 0:
        reason = child.stderr.decode(errors="replace").strip().splitlines()[:1] or [""]
        security_log.warning("spreadsheet %s: reader ended with status %s: %s", task, child.returncode, reason[0][:200])
        raise ExcelRefused(TOO_HEAVY)
    outcome, value = _PlainUnpickler(io.BytesIO(child.stdout)).load()
    if outcome == "refused":
        raise ExcelRefused(value)
    return value


def _serve() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (TIME_LIMIT_SECONDS, TIME_LIMIT_SECONDS))
    task, args = pickle.load(sys.stdin.buffer)  # written by run() in the parent, never by a user
    try:
        module, function = TASKS[task]
        answer = ("done", getattr(importlib.import_module(f"{__package__}.{module}"), function)(*args))
    except ExcelRefused as refusal:
        answer = ("refused", refusal.message)
    sys.stdout.buffer.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    _serve()
