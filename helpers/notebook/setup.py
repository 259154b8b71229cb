"""The check every notebook opens with: is this machine ready, and if not, what to do."""

from __future__ import annotations

import shutil
import sys
import urllib.request
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import docker
import plotly.io as pio
from docker.errors import DockerException
from requests.exceptions import RequestException

from ..engine import progress
from ..engine.baseimage import choose_base_image
from ..engine.buildkit import choose_builder
from ..engine.connection import connect
from ..engine.learner import current_learner
from ..i18n import N_, _, use_language
from ..replay import session
from ..results.errors import EngineUnavailable, LayerLabError
from ..results.setup import Check, SetupReport
from .progress import NotebookProgress

PACKAGES = ("docker", "plotly", "ipywidgets", "anywidget", "cattrs", "jupyterlab")
MIN_FREE_BYTES = 3 * 1024**3
PYPI = "https://pypi.org/simple/flask/"


def _python_check() -> Check:
    current = ".".join(map(str, sys.version_info[:3]))
    ok = sys.version_info >= (3, 11)
    return Check(N_("Python"), ok, current, "" if ok else _("Install Python 3.11 or newer."))


def _packages_check() -> Check:
    found, missing = [], []
    for name in PACKAGES:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            missing.append(name)
    if missing:
        return Check(
            N_("Packages"),
            False,
            _("missing: {packages}").format(packages=", ".join(missing)),
            _("Run scripts/course from the repository, which installs them."),
        )
    return Check(N_("Packages"), True, ", ".join(found))


def _pypi_check() -> Check:
    try:
        with urllib.request.urlopen(PYPI, timeout=10) as reply:
            ok = reply.status == 200
    except OSError as error:
        return Check(
            N_("PyPI"),
            False,
            _("not reachable ({error})").format(error=error),
            _("Builds run `pip install`: connect to the internet, or see README for proxies."),
        )
    return Check(N_("PyPI"), ok, _("reachable") if ok else _("answered oddly"))


def _learner_check() -> Check:
    """Whose images these are: on an engine a room shares, the name keeps each learner's
    builds and cleanup apart."""
    return Check(N_("Learner"), True, current_learner().describe())


def _disk_check(client: docker.DockerClient) -> Check:
    root = Path(client.info().get("DockerRootDir", ""))
    if not root.exists():
        return Check(
            N_("Disk space"),
            True,
            _("the engine runs in a VM (Docker Desktop): check its disk in Settings"),
        )
    free = shutil.disk_usage(root).free
    ok = free >= MIN_FREE_BYTES
    return Check(
        N_("Disk space"),
        ok,
        _("{free:.1f} GiB free for images").format(free=free / 1024**3),
        ""
        if ok
        else _(
            "Free some space: `docker system prune` removes unused images "
            "(all of them, not only the course's), or delete files."
        ),
    )


def check_setup(client: docker.DockerClient | None = None) -> SetupReport:
    """Check Python, packages, the engine, the base image, disk space and PyPI.

    In recorded mode there is no engine to check: the report says which recording the
    notebook replays, and how to get a live engine."""
    if session.mode() == "recorded":
        return _recorded_report()
    checks = [_python_check(), _packages_check(), _learner_check()]
    try:
        client = connect(client)
        engine_version = client.version().get("Version", "unknown")
        checks.append(
            Check(
                N_("Docker engine"),
                True,
                _("Docker {version} answered").format(version=engine_version),
            )
        )
    except (LayerLabError, DockerException, RequestException) as error:
        first, *rest = str(error).splitlines()
        checks.append(Check(N_("Docker engine"), False, first, " ".join(rest)))
        return SetupReport(tuple([*checks, _pypi_check()]))
    try:
        # Straight to the engine, past the recording seam: recorded mode never runs this
        # check, so a recording must not hold its answer either.
        checks.append(Check(N_("Base image"), True, choose_base_image(client)))
    except LayerLabError as error:
        first, *rest = str(error).splitlines()
        checks.append(Check(N_("Base image"), False, first, " ".join(rest)))
    checks += [_builder_check(client), _disk_check(client), _pypi_check()]
    return SetupReport(tuple(checks))


def _builder_check(client: docker.DockerClient) -> Check:
    """Which builder `build()` will use, and through which command line: BuildKit needs one."""
    try:
        cli = choose_builder(None, client)
    except (LayerLabError, ValueError) as error:
        first, *rest = str(error).splitlines()
        return Check(N_("Builder"), False, first, " ".join(rest))
    if cli is not None:
        return Check(
            N_("Builder"), True, _("BuildKit, through {command}").format(command=cli.description)
        )
    return Check(
        N_("Builder"),
        True,
        _("the classic builder (through the Docker SDK)"),
        _(
            "BuildKit needs the docker command line with buildx; lesson 12 compares both "
            "builders and needs it."
        ),
    )


def _recorded_report() -> SetupReport:
    first, *rest = session.why_recorded().splitlines() or [""]
    how = " ".join(rest)
    mode_check = Check(
        N_("Mode"),
        True,
        # Translators: {run} says when and on what engine the run was; {why}, why it is
        # replayed.
        _("recorded: results from a run {run}. {why}")
        .format(run=session.label(), why=first)
        .strip(),
        _("For live builds: {how} Then restart the kernel.").format(how=how)
        if how
        else _("For live builds: unset LAYERLAB_MODE and start Docker. Then restart the kernel."),
    )
    return SetupReport((_python_check(), _packages_check(), mode_check), mode="recorded")


def _choose_mode(
    client: docker.DockerClient | None,
) -> tuple[session.Mode, str, docker.DockerClient | None]:
    """LAYERLAB_MODE, with `auto` settled by asking the engine once; and the client that
    answered, for the checks that follow."""
    wanted = session.wanted_mode()
    if wanted != "auto":
        why = _("{variable}={value} asks for recorded mode.").format(
            variable=session.MODE_ENV, value=wanted
        )
        return wanted, why, client
    session.end_lesson()  # live, so that connect() may ask the engine
    try:
        if client is None:
            client = connect()
        else:
            client.ping()
    except EngineUnavailable as error:
        return "recorded", str(error), None
    except (DockerException, RequestException) as error:  # a client passed in, engine gone
        return "recorded", _("The engine did not answer: {error}").format(error=error), None
    return "live", "", client


def start_lesson(
    lesson: str, client: docker.DockerClient | None = None, language: str = "en"
) -> SetupReport:
    """What each notebook's first cell calls with the notebook's name: choose the language
    (`"ko"` in the Korean lessons), set up the charts and build progress, choose live or
    recorded mode, and check the machine."""
    use_language(language)
    # Charts show in JupyterLab (the MIME bundle) and in the HTML export, offline (plotly.js
    # embedded once per notebook).
    pio.renderers.default = "plotly_mimetype+notebook"
    progress.use_for_notebooks(NotebookProgress)
    chosen, why, client = _choose_mode(client)
    session.begin_lesson(lesson, chosen, why)
    return check_setup(client)
