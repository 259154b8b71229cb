"""First-login accounts: a learner types a name and the room's password, and gets a Unix
account of that name, made by the room and marked as the room's by its group."""

from __future__ import annotations

import grp
import os
import pwd
import subprocess

from tornado import web

from .settings import LEARNERS_GROUP

USERNAME_PATTERN = r"^[a-z][a-z0-9]{1,19}$"
"""Short, lower-case, letters and digits: valid as a Unix account, a Docker tag part and a
hostname label alike, and never one of the machine's own accounts (see below)."""


def _in_learners_group(name: str) -> bool:
    try:
        return name in grp.getgrnam(LEARNERS_GROUP).gr_mem
    except KeyError:
        return False


def ensure_learner_account(name: str, extra_groups: tuple[str, ...] = ()) -> pwd.struct_passwd:
    """The learner's Unix account, made on first login.

    A name that belongs to an account the room did not make (root, www-data, an
    instructor's own login) is refused: signing in as it would run a server as that account.
    """
    try:
        account = pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["groupadd", "-f", LEARNERS_GROUP], check=True)
        # A group of the learner's own (a dedicated engine's socket is theirs through it), and
        # subordinate uid/gid ranges, which a rootless engine needs (workshop/start makes sure
        # /etc/subuid exists, so that useradd hands them out).
        made = subprocess.run(
            ["useradd", "--create-home", "--user-group", "--shell", "/bin/bash",
             "--groups", LEARNERS_GROUP, name],
            capture_output=True,
            text=True,
        )  # fmt: skip
        if made.returncode:
            # Such as a name that is already one of the machine's groups (docker, staff).
            raise web.HTTPError(
                403, f"The name {name!r} cannot be used on this machine. Sign in with another."
            ) from None
        account = pwd.getpwnam(name)
        # Learners' homes are their own: Debian's default leaves them readable by all.
        os.chmod(account.pw_dir, 0o700)
    else:
        if not _in_learners_group(name):
            raise web.HTTPError(
                403,
                f"The name {name!r} belongs to an account of this machine, not to the "
                "workshop. Sign in with another name.",
            )
    for group in extra_groups:
        subprocess.run(["usermod", "--append", "--groups", group, name], check=True)
    return account
