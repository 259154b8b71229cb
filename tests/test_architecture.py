"""The shape of helpers/: imports point one way, checked by import-linter; the commands that
need no engine load neither the Docker SDK nor plotly; no import hides inside a function."""

import ast
import json
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

HEAVY = ("docker", "plotly", "ipywidgets", "IPython")


def lint_imports(root):
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
         "sys.exit(lint_imports_command())"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": ""},
        capture_output=True,
        text=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def copy_of_the_package(tmp_path_factory):
    root = tmp_path_factory.mktemp("layout")
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "helpers", root / "helpers", ignore=skip)
    shutil.copy(REPO / "pyproject.toml", root)
    return root


def test_the_import_contract_holds(copy_of_the_package):
    checked = lint_imports(copy_of_the_package)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "3 kept, 0 broken" in checked.stdout


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("results/units.py", "from helpers.engine import connection"),
        ("engine/building.py", "from helpers.notebook import charts"),
        ("dockerfile/parsing.py", "from helpers.image import history"),
        ("dockerfile/prediction.py", "import docker"),
    ],
)
def test_an_upward_or_sideways_import_breaks_it(copy_of_the_package, tmp_path, module, upward):
    broken = tmp_path / "broken"
    shutil.copytree(copy_of_the_package, broken)
    path = broken / "helpers" / module
    path.write_text(path.read_text() + f"\n{upward}  # noqa\n")
    checked = lint_imports(broken)
    assert checked.returncode != 0 and "BROKEN" in checked.stdout, checked.stdout


def modules_loaded_by(*argv: str) -> set[str]:
    code = (
        "import json, sys\n"
        "from helpers.cli.main import main\n"
        f"main({list(argv)!r})\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    return {name.split(".")[0] for name in json.loads(done.stderr.strip().splitlines()[-1])}


def test_predict_and_lint_load_neither_the_sdk_nor_plotly(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nCOPY app.py /app/\n")
    (tmp_path / "app.py").write_text("print('hi')\n")
    predicted = modules_loaded_by("predict", "--context", str(tmp_path), "--changed", "app.py")
    linted = modules_loaded_by("lint", str(tmp_path / "Dockerfile"))
    assert "helpers" in predicted and "dockerfile_parse" in predicted
    for loaded in (predicted, linted):
        assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_importing_helpers_loads_nothing_until_a_name_is_used():
    code = (
        "import sys, helpers\n"
        "print(sorted(m for m in sys.modules if m.startswith(('helpers', 'docker', 'plotly'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['helpers']"


def test_every_public_name_resolves():
    import helpers

    missing = [name for name in helpers.__all__ if not hasattr(helpers, name)]
    assert not missing
    assert helpers.lessons.__name__ == "helpers.notebook.lessons"


def test_no_import_hides_inside_a_function():
    hidden = []
    for path in sorted((REPO / "helpers").rglob("*.py")):
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                hidden += [
                    f"{path.relative_to(REPO)}:{node.lineno}"
                    for node in ast.walk(function)
                    if isinstance(node, (ast.Import, ast.ImportFrom))
                ]
    assert not hidden, hidden
