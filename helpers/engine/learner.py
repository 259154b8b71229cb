"""Who is learning, and the names that make what the course creates on an engine theirs.

On a shared engine (a workshop's server) each learner's tags, containers, labels and
scratch folders carry their name, so that nobody's build or cleanup touches anybody else's.
On a laptop the name is simply the learner's own, and nothing else changes.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ..i18n import N_, _
from ..results.learner import Learner
from .labels import COURSE_LABEL, LEARNER_LABEL, TAG_REPOSITORY

LEARNER_ENV = "LAYERLAB_LEARNER"
HUB_USER_ENV = "JUPYTERHUB_USER"
WARM_UP_LEARNER = "warm-up"
"""The name `python -m helpers warm` builds under: the room's shared head start."""

SYSTEM_USER = N_("the system user")
"""A Learner's `source` when the name is the operating system's (translated where shown)."""

_acting_as: ContextVar[Learner | None] = ContextVar("layerlab_learner", default=None)
_MAX_LENGTH = 40
_UNSAFE = re.compile(r"[^a-z0-9._-]+")
_SEPARATORS = re.compile(r"[._-]{2,}")


def safe_learner_name(given: str) -> str:
    """`given` as image tags, container names and labels all allow it.

    Lower case is free (tags allow no capitals). Any other change could make two people one,
    so a name that had to change gets six characters of a hash of what was given:
    `Kim Min-su` becomes `kim-min-su-` plus the hash, and a name in Hangul `learner-` plus it.
    """
    lowered = given.strip().lower()
    safe = _SEPARATORS.sub("-", _UNSAFE.sub("-", lowered)).strip("._-")[:_MAX_LENGTH]
    safe = safe.strip("._-")
    if safe == lowered:
        return safe
    digest = hashlib.sha256(given.encode()).hexdigest()[:6]
    return f"{safe or 'learner'}-{digest}"


def current_learner() -> Learner:
    """LAYERLAB_LEARNER, else JupyterHub's user name, else the operating-system user (or the
    name `acting_as` lends for the length of a `with` block)."""
    lent = _acting_as.get()
    if lent is not None:
        return lent
    for variable in (LEARNER_ENV, HUB_USER_ENV):
        given = os.environ.get(variable, "").strip()
        if given:
            return Learner(safe_learner_name(given), variable, given)
    try:
        given = getpass.getuser()
    except (KeyError, OSError):  # a container's user with no entry in /etc/passwd
        given = str(os.getuid()) if hasattr(os, "getuid") else "learner"
    return Learner(safe_learner_name(given), SYSTEM_USER, given)


@contextmanager
def acting_as(given: str, why: str) -> Iterator[Learner]:
    """Build as `given` inside the block: what the instructor's warm-up does, so that its
    images are the room's head start and nobody's own."""
    token = _acting_as.set(Learner(safe_learner_name(given), why, given))
    try:
        yield _acting_as.get()
    finally:
        _acting_as.reset(token)


def my_tag(name: str, learner: Learner | None = None) -> str:
    """`layerlab/LEARNER/NAME`: the tag under which the course keeps `name` (`common:lesson`)
    for this learner, apart from every other learner's."""
    learner = learner or current_learner()
    if not name or "/" in name or name.startswith(":"):
        raise ValueError(
            _(
                "my_tag() takes a short name such as 'common:lesson', not {name}: the course "
                "adds {prefix} itself."
            ).format(name=repr(name), prefix=learner.tag_prefix)
        )
    return f"{learner.tag_prefix}{name}"


def course_labels(learner: Learner | None = None) -> dict[str, str]:
    """The labels on everything the course builds: that it built it, and for whom."""
    learner = learner or current_learner()
    return {COURSE_LABEL: "1", LEARNER_LABEL: learner.name}


def scratch_prefix(learner: Learner | None = None) -> str:
    """How the course's scratch folders start, so that each can be told apart by owner."""
    return f"{TAG_REPOSITORY}-{(learner or current_learner()).name}-"
