"""A workshop room, for real: `workshop/start` runs JupyterHub on 127.0.0.1, three learners
sign in with the room's password, the hub starts each one's server and engine, and lessons
01 and 04 run in each learner's own server, checkpoints and all. Then what the instructor's
guide promises: learners kept apart, a name of the machine's refused, the engine stopped
with the server, and `workshop/clean-up` removing the room's accounts and nothing else.

Each engine mode the room offers runs in turn. Needs root (the room makes Unix accounts):
CI runs it; elsewhere it skips, saying why.
"""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import re
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from browser_support import SHOTS, output, run_all_cells, start_chromium
from conftest import REPO
from hub_client import Learner, RunningRoom
from layerlab_room.engines import answers

pytestmark = pytest.mark.engine

ROOM_DIR = Path(os.environ.get("LAYERLAB_TEST_ROOM_DIR", "/opt/layerlab-room-test"))
LEARNERS = ("ada", "bob", "cy")
BYSTANDER = "layerlabbystander"
LESSONS = ("01_setup_check", "04_reordered_dockerfile")
# A dedicated engine is the machine's own dockerd, once more per learner: lesson 04 on that
# engine is the rest of CI's business, and lesson 01 proves the room's wiring (its socket, its
# base image, the package cache). Rootless and shared engines run both lessons.
LESSONS_BY_MODE = {"rootless": LESSONS, "shared": LESSONS, "dedicated": LESSONS[:1]}
# What each lesson must show: every checkpoint it makes, passed (a failed one raises).
CHECKPOINTS = {"01_setup_check": 1, "04_reordered_dockerfile": 3}
RESULTS = REPO / "build" / "workshop"


def need_root():
    if os.geteuid() == 0:
        return
    if os.environ.get("CI"):
        pytest.fail("CI must run the workshop test as root: the room makes Unix accounts")
    pytest.skip("the workshop room makes Unix accounts, so its test needs root (sudo)")


@pytest.fixture(scope="module", params=("rootless", "dedicated", "shared"))
def room(request, engine, base_image):
    need_root()
    ROOM_DIR.mkdir(parents=True, exist_ok=True)
    log = ROOM_DIR.parent / f"layerlab-room-test-{request.param}.log"
    # A shared engine is the one these tests were given.
    shared = os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock"
    # An account of the machine's own, which clean-up must leave alone.
    subprocess.run(["useradd", BYSTANDER], capture_output=True)
    try:
        room = RunningRoom(request.param, ROOM_DIR, log, {"DOCKER_HOST": shared})
        try:
            yield room, {name: Learner(room.url, name) for name in LEARNERS}
        finally:
            room.stop()
    finally:
        RunningRoom.clean_up_room(ROOM_DIR)
        bystander_kept = subprocess.run(["id", BYSTANDER], capture_output=True).returncode == 0
        subprocess.run(["userdel", BYSTANDER], capture_output=True)
    for name in LEARNERS:
        with pytest.raises(KeyError):
            pwd.getpwnam(name)
    assert bystander_kept, "workshop/clean-up removed an account the room did not make"


@pytest.fixture(scope="module")
def ready(room):
    """The three learners signed in, their servers started through the hub, together."""
    room_, learners = room

    def arrive(learner: Learner) -> float:
        answer = learner.sign_in(room_.password)
        assert answer.status_code == 200, answer.text[:500]
        learner.make_token()
        return learner.start_server(timeout=600)

    with ThreadPoolExecutor(len(learners)) as pool:
        waits = dict(zip(learners, pool.map(arrive, learners.values()), strict=True))
    room_.figures = {
        "mode": room_.mode,
        "seconds_from_start_to_three_ready": round(time.monotonic() - room_.began, 1),
        "seconds_each_server_took": waits,
    }
    return room_, learners


def test_three_learners_run_lessons_01_and_04_in_their_own_servers(ready):
    room, learners = ready

    def take_lessons(learner: Learner) -> dict[str, list[str]]:
        return {
            lesson: learner.run_notebook(f"layer-lab/{lesson}.ipynb", timeout=900)
            for lesson in LESSONS_BY_MODE[room.mode]
        }

    began = time.monotonic()
    with ThreadPoolExecutor(len(learners)) as pool:
        taken = dict(zip(learners, pool.map(take_lessons, learners.values()), strict=True))
    room.figures["lessons"] = LESSONS_BY_MODE[room.mode]
    room.figures["seconds_for_the_lessons_together"] = round(time.monotonic() - began, 1)
    for name, lessons in taken.items():
        for lesson, outputs in lessons.items():
            passed = sum(text.count("✅") for text in outputs)
            assert passed >= CHECKPOINTS[lesson], f"{name}'s {lesson}: {passed} checkpoints"
        setup = "".join(lessons["01_setup_check"])
        # A live engine, not the recording, with the room's base image (the package cache).
        assert "This machine is ready for the course" in setup
        assert "base image layerlab/base:room" in setup
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{room.mode}.json").write_text(json.dumps(room.figures, indent=2))


def test_the_package_cache_fetched_each_wheel_once(ready):
    """Every learner's engine installed numpy through the room's cache, which fetched it from
    PyPI once at most (when workshop/start warmed it; not at all if an earlier room had)."""
    room, _ = ready
    if room.mode == "dedicated":
        pytest.skip("lesson 04, which installs numpy, does not run in the dedicated room")
    warming = (ROOM_DIR / "logs" / "package-cache-warming.log").read_text(errors="replace")
    served = room.log.read_text(errors="replace")
    assert "Warming the cache failed" not in served, room.tail()
    kept = list((ROOM_DIR / "package-cache").rglob("numpy-*-cp311-*.whl"))
    assert kept, "the cache holds no numpy wheel"
    wheel = re.compile(r"numpy-[0-9.]+-cp311-[^ )']*\.whl")
    fetched = [line for line in (warming + served).splitlines() if "reading remote" in line]
    assert len([line for line in fetched if wheel.search(line)]) <= 1
    handed_out = [line for line in served.splitlines() if "GET /root/pypi/+f/" in line]
    # Rootless: three engines, three installs. Shared: one engine's build cache, so at
    # least the first learner's build.
    wanted = 3 if room.mode == "rootless" else 1
    assert len([line for line in handed_out if wheel.search(line)]) >= wanted


PEEK = """
import json, os, docker
mine = docker.from_env()
tags = sorted(tag for image in mine.images.list() for tag in image.tags)
try:
    other = docker.DockerClient(base_url={other!r})
    theirs = sorted(tag for image in other.images.list() for tag in image.tags)
    reached = True
except docker.errors.DockerException as error:
    theirs, reached = str(error), False
print(json.dumps({{"host": os.environ["DOCKER_HOST"], "tags": tags, "reached": reached,
                  "theirs": theirs}}))
"""


def _peek(learner: Learner, other_host: str) -> dict:
    return json.loads(learner.run_code(PEEK.format(other=other_host)).strip().splitlines()[-1])


def test_one_learner_cannot_see_or_remove_anothers_images(ready):
    room, learners = ready
    ada, bob = learners["ada"], learners["bob"]
    # An image of ada's own, whatever lessons ran: her tag on the room's base image.
    ada.run_code(
        "import docker\ndocker.from_env().images.get('layerlab/base:room').tag('ada/mine')"
    )
    ada_host = _peek(ada, "unix:///nonexistent.sock")["host"]
    bob_sees = _peek(bob, ada_host)
    ada_tags = [tag for tag in _peek(ada, "unix:///nonexistent.sock")["tags"] if "ada/" in tag]
    assert "ada/mine:latest" in ada_tags
    if room.mode == "shared":
        # One engine: the course keeps names apart, nothing more. bob sees ada's images (the
        # guide says so), and bob's cleanup leaves them alone.
        assert bob_sees["host"] == ada_host
        assert set(ada_tags) <= set(bob_sees["tags"])
        bob.run_code("import helpers; helpers.cleanup()")
        after = _peek(ada, "unix:///nonexistent.sock")["tags"]
        assert set(ada_tags) <= set(after)
        # Her own tag is hers to remove: clean-up never touches a learner's own tags.
        ada.run_code("import docker\ndocker.from_env().images.remove('ada/mine')")
        return
    # An engine each: bob's engine holds none of ada's images, and ada's socket refuses him,
    # so he can neither list nor remove them.
    assert bob_sees["host"] != ada_host
    assert not [tag for tag in bob_sees["tags"] if "ada/" in tag]
    assert bob_sees["reached"] is False
    assert "Permission denied" in bob_sees["theirs"]
    removal = bob.run_code(
        f"import docker\ntry:\n    docker.DockerClient(base_url={ada_host!r}).images.remove("
        f"{ada_tags[0]!r})\n    print('removed')\nexcept docker.errors.DockerException as e:\n"
        "    print('refused', e)"
    )
    assert removal.startswith("refused") and "Permission denied" in removal
    assert ada_tags[0] in _peek(ada, "unix:///nonexistent.sock")["tags"]


def test_a_name_of_the_machine_is_refused_and_so_is_a_wrong_password(room):
    room_, _ = room
    assert Learner(room_.url, "nobody").sign_in(room_.password).status_code == 403
    wrong = Learner(room_.url, "dee").sign_in("not-the-room-password")
    assert wrong.status_code == 403
    assert "Invalid username or password" in wrong.text
    with pytest.raises(KeyError):
        pwd.getpwnam("dee")


def test_a_learner_sees_the_course_in_chromium(ready):
    """Signed in through the hub's own form, the learner lands on the course's index; lesson
    01 runs from JupyterLab's menu. Screenshots kept, once (the page is the same in every
    mode but for the engine's name)."""
    room, _ = ready
    if room.mode != "rootless":
        pytest.skip("screenshots are taken in the rootless room only")
    with start_chromium() as chromium:
        page = chromium.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(f"{room.url}/hub/login")
            page.fill("input[name=username]", "cy")
            page.fill("input[name=password]", room.password)
            page.click("input[type=submit], button[type=submit]")
            page.wait_for_url("**/user/cy/lab/tree/layer-lab/index.ipynb", timeout=120_000)
            page.wait_for_selector("h1:has-text('Layer Lab')", timeout=120_000)
            page.screenshot(path=SHOTS / "workshop_index.png", full_page=True)
            page.goto(f"{room.url}/user/cy/lab/tree/layer-lab/01_setup_check.ipynb")
            run_all_cells(page)
            output(page, "This machine is ready for the course").wait_for(timeout=300_000)
            setup = output(page, "Learner").first
            assert "cy" in setup.inner_text()
            setup.scroll_into_view_if_needed()
        finally:
            page.screenshot(path=SHOTS / "workshop_01_setup_check.png", full_page=True)
            page.close()


VIEW = "/services/room-view/"
FOURTH = "A fourth checkpoint, sent while the instructor watches"


def _lesson_cell(page, learner: str, lesson: str = "04_reordered_dockerfile"):
    return page.locator(f'tr[data-learner="{learner}"] td[data-lesson="{lesson}"]')


def test_the_instructor_sees_the_room_live_and_a_learner_is_refused(ready):
    """The instructor's view, in Chromium: the three learners with lesson 04's checkpoints
    passed and the rebuild ratio each measured; a fourth checkpoint from ada's kernel shows up
    on the open page, in her row only; a learner who opens the view's address is refused by
    the hub, until the instructor adds them to the `instructors` group."""
    room, learners = ready
    if room.mode != "rootless":
        pytest.skip("the view is the same in every mode: it is tested in the rootless room")
    instructor_password = (ROOM_DIR / "state" / "instructor-password").read_text().strip()
    with start_chromium() as chromium:
        page = chromium.new_page(viewport={"width": 1400, "height": 900})
        try:
            page.goto(f"{room.url}/hub/login?next={VIEW}")
            page.fill("input[name=username]", "instructor")
            page.fill("input[name=password]", instructor_password)
            page.click("input[type=submit], button[type=submit]")
            page.wait_for_url(f"**{VIEW}", timeout=60_000)
            for name in LEARNERS:
                cell = _lesson_cell(page, name)
                cell.and_(page.locator("[data-state=passed]")).wait_for(timeout=60_000)
                passed = int(cell.get_attribute("data-passed"))
                assert passed == CHECKPOINTS["04_reordered_dockerfile"], f"{name}: {passed}"
                ratio = page.locator(f'tr[data-learner="{name}"] td[data-ratio]')
                assert float(ratio.get_attribute("data-ratio")) > 1, f"{name}'s rebuild ratio"
            assert page.locator("tr[data-learner=instructor]").count() == 0
            page.evaluate("window.sameVisit = true")
            page.screenshot(path=SHOTS / "workshop_instructor_view.png", full_page=True)
            # From another thread: Playwright's own event loop runs in this one.
            with ThreadPoolExecutor(1) as pool:
                pool.submit(
                    learners["ada"].run_code,
                    "import helpers\nhelpers.start_lesson('04_reordered_dockerfile')\n"
                    f"helpers.checkpoint({FOURTH!r}, True, 'sent by the workshop test')",
                    timeout=300,
                ).result()
            # No reload: the open page hears of it (and the flag set above is still there).
            _lesson_cell(page, "ada").and_(page.locator('[data-reported="4"]')).wait_for(
                timeout=30_000
            )
            assert page.evaluate("window.sameVisit") is True
            # A learner's own checkpoint is theirs: the lesson still has three, and the
            # others' rows are as they were.
            assert _lesson_cell(page, "ada").get_attribute("data-state") == "passed"
            assert _lesson_cell(page, "bob").get_attribute("data-reported") == "3"
            _lesson_cell(page, "ada").click()
            page.locator("#details", has_text=FOURTH).wait_for(timeout=10_000)
            page.screenshot(path=SHOTS / "workshop_instructor_view_updated.png", full_page=True)
        finally:
            page.close()
        refused = chromium.new_page()
        try:
            refused.goto(f"{room.url}/hub/login?next=/hub/home")
            refused.fill("input[name=username]", "cy")
            refused.fill("input[name=password]", room.password)
            refused.click("input[type=submit], button[type=submit]")
            refused.wait_for_url("**/hub/home", timeout=60_000)
            answer = refused.goto(f"{room.url}{VIEW}")
            assert answer is not None and answer.status == 403
            assert "permission" in refused.content().lower()
            refused.screenshot(path=SHOTS / "workshop_instructor_view_refused.png")
        finally:
            refused.close()
    # It kept the room's progress as the account it runs as: not root, since it parses what
    # learners send.
    kept = ROOM_DIR / "view" / "room-view.json"
    assert kept.stat().st_uid == pwd.getpwnam("layerlab-view").pw_uid
    assert "ada" in kept.read_text()
    # Nor with a learner's token, straight at the view's data.
    assert learners["cy"].api("GET", f"{VIEW}api/room").status_code == 403
    # A report needs a learner's token, and a report's shape.
    assert requests.post(f"{room.url}{VIEW}api/reports", json={}, timeout=30).status_code == 403
    assert learners["cy"].api("POST", f"{VIEW}api/reports", json=[]).status_code == 400


def test_a_co_instructor_sees_the_view_once_in_the_instructors_group(ready):
    """The hub's permissions decide, not the view: a learner account the instructor adds to
    the `instructors` group (the instructor role's) may open the view, and is no learner row."""
    room, _ = ready
    if room.mode != "rootless":
        pytest.skip("the view is the same in every mode: it is tested in the rootless room")
    instructor = Learner(room.url, "instructor")
    password = (ROOM_DIR / "state" / "instructor-password").read_text().strip()
    assert instructor.sign_in(password).status_code == 200
    instructor.make_token()
    tara = Learner(room.url, "tara")
    assert tara.sign_in(room.password).status_code == 200
    tara.make_token()
    assert tara.api("GET", f"{VIEW}api/room").status_code == 403
    added = instructor.api("POST", "/hub/api/groups/instructors/users", json={"users": ["tara"]})
    assert added.status_code == 200, added.text
    # A new token: the view remembers what the hub said of the old one for a minute.
    tara.make_token()
    seen = tara.api("GET", f"{VIEW}api/room")
    assert seen.status_code == 200, seen.text
    names = [row["name"] for row in seen.json()["learners"]]
    assert set(LEARNERS) <= set(names)
    assert "tara" not in names and "instructor" not in names


def _wait_until_stopped(learner: Learner, seconds: float = 120) -> None:
    """Until the hub no longer lists the learner's server (it polls every 10 s)."""
    deadline = time.monotonic() + seconds
    while learner.api("GET", f"/hub/api/users/{learner.name}").json()["servers"]:
        assert time.monotonic() < deadline, f"{learner.name}'s server still listed"
        time.sleep(1)


def _engine_answers(host: str) -> bool:
    return asyncio.run(answers(host.removeprefix("unix://")))


@pytest.mark.parametrize("how", ["the hub stops it", "JupyterLab's File > Shut Down"])
def test_when_a_learners_server_ends_so_does_their_engine(ready, how):
    room, learners = ready
    learner = learners["ada"] if how == "the hub stops it" else learners["bob"]
    host = _peek(learner, "unix:///nonexistent.sock")["host"]
    if how == "the hub stops it":
        answer = learner.api("DELETE", f"/hub/api/users/{learner.name}/server")
        assert answer.status_code in (202, 204)
    else:
        # The server ends by itself: the hub only notices when it next polls.
        learner.api("POST", f"/user/{learner.name}/api/shutdown")
    _wait_until_stopped(learner)
    if room.mode == "shared":
        assert _engine_answers(host), "the shared engine must outlive one learner's server"
        return
    assert not _engine_answers(host), f"{learner.name}'s engine answers after the server ended"
    if room.mode == "rootless":
        still = subprocess.run(["pgrep", "-u", learner.name], capture_output=True, text=True)
        assert not still.stdout, f"{learner.name}'s processes outlived the server: {still.stdout}"
