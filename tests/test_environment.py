"""environment.yml (conda, Binder) and pyproject.toml (pip) must name the same packages."""

import re
import tomllib

import yaml
from conftest import REPO

# conda-forge spells a few packages differently from PyPI.
CONDA_TO_PYPI = {"docker-py": "docker", "lazy_loader": "lazy-loader"}
NOT_PACKAGES = {"python", "pip"}


def _split(requirement: str) -> tuple[str, str]:
    name, _, bound = re.match(r"([A-Za-z0-9_.-]+)(\[[^]]*\])?(.*)", requirement.strip()).groups()
    name = name.lower()
    return CONDA_TO_PYPI.get(name, name), bound.replace(" ", "")


def _pip_requirements() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += extra
    return dict(_split(r) for r in requirements)


def _conda_requirements() -> dict[str, str]:
    environment = yaml.safe_load((REPO / "environment.yml").read_text())
    entries = [e for e in environment["dependencies"] if isinstance(e, str)]
    for section in (e["pip"] for e in environment["dependencies"] if isinstance(e, dict)):
        entries += [e for e in section if not e.startswith("-")]
    named = dict(_split(e) for e in entries)
    return {name: bound for name, bound in named.items() if name not in NOT_PACKAGES}


def test_environment_yml_and_pyproject_name_the_same_packages():
    pip, conda = _pip_requirements(), _conda_requirements()
    assert set(conda) == set(pip), (
        f"only in environment.yml: {sorted(set(conda) - set(pip))}; "
        f"only in pyproject.toml: {sorted(set(pip) - set(conda))}"
    )


def test_they_ask_for_the_same_versions():
    pip, conda = _pip_requirements(), _conda_requirements()
    differing = {name: (pip[name], conda[name]) for name in pip if pip[name] != conda.get(name)}
    assert not differing, f"pyproject.toml vs environment.yml bounds differ: {differing}"
