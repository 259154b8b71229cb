"""The check every notebook opens with: is this machine ready, and if not, what to do."""

from __future__ import annotations

import shutil
import sys
import urllib.request
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import docker

from ._baseimage import resolve_base_image
from ._engine import connect
from ._errors import LayerLabError
from ._recording import begin_lesson, why_recorded
from ._recording import label as _recording_label
from ._serialize import JsonSerializable

PACKAGES = ("docker", "plotly", "ipywidgets", "anywidget", "cattrs", "jupyterlab")
MIN_FREE_BYTES = 3 * 1024**3
PYPI = "https://pypi.org/simple/flask/"


@dataclass(frozen=True)
class Check(JsonSerializable):
    name: str
    ok: bool
    detail: str
    fix: str = ""


@dataclass(frozen=True)
class SetupReport(JsonSerializable):
    checks: tuple[Check, ...]
    mode: str = "live"
    """live: builds run on this engine; recorded: results replayed from a real run."""

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def check(self, name: str) -> Check:
        return next(check for check in self.checks if check.name == name)

    def _repr_markdown_(self) -> str:
        lines = ["| | check | result | what to do |", "|---|---|---|---|"]
        for check in self.checks:
            mark = "✅ ok" if check.ok else "❌ fix"
            lines.append(f"| {mark} | {check.name} | {check.detail} | {check.fix} |")
        if self.mode == "recorded":
            verdict = (
                "**Recorded mode.** No Docker engine answered, so every result in this "
                "notebook is replayed from a recording of a real run, and says so. The row "
                "below says how to get a live engine."
            )
        elif self.ok:
            verdict = "**Ready.** Everything this course needs is here."
        else:
            verdict = "**Not ready yet.** Fix the rows marked ❌, then run this cell again."
        return verdict + "\n\n" + "\n".join(lines)


def _python_check() -> Check:
    current = ".".join(map(str, sys.version_info[:3]))
    ok = sys.version_info >= (3, 11)
    return Check("Python", ok, current, "" if ok else "Install Python 3.11 or newer.")


def _packages_check() -> Check:
    found, missing = [], []
    for name in PACKAGES:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            missing.append(name)
    if missing:
        return Check(
            "Packages",
            False,
            "missing: " + ", ".join(missing),
            "Run scripts/course from the repository, which installs them.",
        )
    return Check("Packages", True, ", ".join(found))


def _pypi_check() -> Check:
    try:
        with urllib.request.urlopen(PYPI, timeout=10) as reply:
            ok = reply.status == 200
    except OSError as error:
        return Check(
            "PyPI",
            False,
            f"not reachable ({error})",
            "Builds run `pip install`: connect to the internet, or see README for proxies.",
        )
    return Check("PyPI", ok, "reachable" if ok else "answered oddly")


def _disk_check(client: docker.DockerClient) -> Check:
    root = Path(client.info().get("DockerRootDir", ""))
    if not root.exists():
        return Check(
            "Disk space",
            True,
            "the engine runs in a VM (Docker Desktop): check its disk in Settings",
        )
    free = shutil.disk_usage(root).free
    ok = free >= MIN_FREE_BYTES
    return Check(
        "Disk space",
        ok,
        f"{free / 1024**3:.1f} GiB free for images",
        ""
        if ok
        else "Free some space: `docker system prune` removes unused images "
        "(all of them, not only the course's), or delete files.",
    )


def check_setup(client: docker.DockerClient | None = None) -> SetupReport:
    """Check Python, packages, the engine, the base image, disk space and PyPI."""
    checks = [_python_check(), _packages_check()]
    try:
        client = connect(client)
        engine_version = client.version().get("Version", "unknown")
        checks.append(Check("Docker engine", True, f"Docker {engine_version} answered"))
    except LayerLabError as error:
        first, *rest = str(error).splitlines()
        checks.append(Check("Docker engine", False, first, " ".join(rest)))
        return SetupReport(tuple([*checks, _pypi_check()]))
    try:
        checks.append(Check("Base image", True, resolve_base_image(client)))
    except LayerLabError as error:
        first, *rest = str(error).splitlines()
        checks.append(Check("Base image", False, first, " ".join(rest)))
    checks += [_disk_check(client), _pypi_check()]
    return SetupReport(tuple(checks))


def use_notebook_charts() -> None:
    """Charts show in JupyterLab and in the notebook exported to HTML, with no internet:
    the MIME bundle is for JupyterLab, the embedded plotly.js for the HTML copy."""
    import plotly.io as pio

    pio.renderers.default = "plotly_mimetype+notebook"


def _recorded_report() -> SetupReport:
    first, *rest = why_recorded().splitlines()
    mode_check = Check(
        "Mode",
        True,
        f"recorded: results from a run {_recording_label()}. {first}",
        "For live builds: "
        + (" ".join(rest) or "unset LAYERLAB_MODE and start Docker.")
        + " Then restart the kernel.",
    )
    return SetupReport((_python_check(), _packages_check(), mode_check), mode="recorded")


def start_lesson(lesson: str, client: docker.DockerClient | None = None) -> SetupReport:
    """What each notebook's first cell calls with the notebook's name: set up the charts,
    choose live or recorded mode, and check the machine."""
    use_notebook_charts()
    if begin_lesson(lesson) == "recorded":
        return _recorded_report()
    return check_setup(client)
