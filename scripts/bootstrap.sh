# Sourced by ./run and ./test: makes .venv and installs the project into it when pyproject.toml changed.
set -euo pipefail
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "· 创建虚拟环境 .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.keyprojects-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "· 安装依赖（pyproject.toml）"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
  touch "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
