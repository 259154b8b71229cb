# Sourced by scripts/course and scripts/test: make .venv with the course installed in it, at the
# versions locked in requirements/ (made by scripts/lock), so every learner and CI run the same.
# Python 3.11 or newer; set PYTHON to choose an interpreter.
#
# Which set: `source _venv.sh course` installs requirements/course.txt, what the notebooks need
# (scripts/course); `source _venv.sh test` installs requirements/test.txt, the same pins plus the
# test tools (scripts/test). With no argument the set is `test`: .ci/run runs
# `bash -c 'source scripts/_venv.sh'` to ready .venv for its background test runs, and a bare
# call that installs too much is harmless where one that misses the test tools is not.
# Callers with arguments of their own must name the set, or a sourced file sees theirs.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
layerlab_set=${1:-test}
case $layerlab_set in
  course | test) ;;
  *)
    echo "scripts/_venv.sh: unknown set '$layerlab_set' (course or test)." >&2
    exit 2
    ;;
esac
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
# Reinstall only when the set's lock file changed since its last install (a stamp per set).
# `pip install -r` only adds and moves to the locked versions, so a learner who ran the course
# and then runs the tests just gets the test tools added; the helpers go in last, without
# dependencies, since the lock file already holds them all.
lock=requirements/$layerlab_set.txt
stamp=.venv/.layerlab-installed-$layerlab_set
if [[ ! -f $stamp || $lock -nt $stamp ]]; then
  echo "Installing the course's packages ($lock) into .venv (a minute or two the first time) ..."
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$lock"
  .venv/bin/python -m pip install --quiet --no-deps -e .
  touch "$stamp"
fi
export PATH="$repo/.venv/bin:$PATH"
