# Sourced by scripts/course and scripts/test: make .venv with the course installed in it.
# Python 3.11 or newer; set PYTHON to choose an interpreter.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Layer Lab needs Python 3.11 or newer; '$python' is $("$python" --version 2>&1 || echo missing)." >&2
  echo "Install a newer Python, or run with PYTHON=/path/to/python3.12." >&2
  exit 1
fi
if [[ ! -x .venv/bin/python ]]; then
  echo "Creating .venv ..."
  "$python" -m venv .venv
fi
# Reinstall only when the package list changed since the last install.
stamp=.venv/.layerlab-installed
if [[ ! -f $stamp || pyproject.toml -nt $stamp ]]; then
  echo "Installing the course's packages into .venv (a minute or two the first time) ..."
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  touch "$stamp"
fi
export PATH="$repo/.venv/bin:$PATH"
