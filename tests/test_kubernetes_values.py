"""The room on Kubernetes (workshop/kubernetes), checked offline: no cluster, no helm.

The values are merged as `helm upgrade --install` merges them, from the arguments
workshop/kubernetes/helm-args prints (the README's command), and validated with the schema the
chart ships, made by the chart's own script from the copy vendored in workshop/kubernetes/z2jh.
Then what the values promise is checked against the repository.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import io
import json
import os
import re
import runpy
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml
from conftest import REPO

import helpers
from helpers.cli.main import COMMANDS
from helpers.engine.baseimage import BASE_IMAGE_ENV

KUBERNETES = REPO / "workshop" / "kubernetes"
CHART = KUBERNETES / "z2jh"
HELM_ARGS = KUBERNETES / "helm-args"
PACKAGE_CACHE = KUBERNETES / "package-cache.yaml"
ROOM_VIEW = REPO / "workshop" / "room_view"
ROOM_LOCK = REPO / "workshop" / "requirements" / "room.txt"
ROOM_SPAWNER = REPO / "workshop" / "layerlab_room" / "spawner.py"
VIEW = "room-view"
INSTRUCTORS_GROUP = "instructors"
# The home folder of the course's image, as repo2docker makes it: the repository is copied
# there (its default REPO_DIR), and JupyterLab's tree starts there.
IMAGE_HOME = PurePosixPath("/home/jovyan")
# What JupyterHub accepts in a service's entry (jupyterhub/services/service.py, the traits
# tagged input=True). The chart's schema does not look inside hub.services, and the hub
# refuses to start on any other key.
SERVICE_FIELDS = frozenset(
    {
        "admin",
        "api_token",
        "command",
        "cwd",
        "display",
        "environment",
        "info",
        "name",
        "oauth_client_allowed_scopes",
        "oauth_client_id",
        "oauth_no_confirm",
        "oauth_redirect_uri",
        "oauth_roles",
        "url",
        "user",
    }
)


def helm_merge(base: dict, override: dict) -> dict:
    """`override` over `base`, as Helm merges values: maps merge key by key, anything else
    (a list too) replaces, and null removes the key."""
    merged = dict(base)
    for key, value in override.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def at_key_path(key_path: str, value) -> dict:
    """`--set-file a.b.c=FILE`'s value as a map: {"a": {"b": {"c": value}}}."""
    for key in reversed(key_path.split(".")):
        value = {key: value}
    return value


def read_yaml(path: Path):
    return yaml.safe_load(path.read_text())


@dataclass(frozen=True)
class HelmArgs:
    """What helm-args hands `helm upgrade --install`."""

    values_files: tuple[Path, ...]
    set_files: tuple[tuple[str, Path], ...]
    """(key path, file) for each --set-file."""

    @classmethod
    def parse(cls, words: Iterable[str]) -> HelmArgs:
        values_files, set_files = [], []
        for word in words:
            flag, _, value = word.partition("=")
            if flag == "--values":
                values_files.append(Path(value))
            elif flag == "--set-file":
                key_path, _, file = value.partition("=")
                set_files.append((key_path, Path(file)))
            else:
                raise ValueError(f"helm-args printed {word!r}, which this test cannot follow")
        return cls(tuple(values_files), tuple(set_files))

    def merged_values(self, with_set_files: bool = True) -> dict:
        """What Helm hands the chart: its defaults, each --values file, then each --set-file
        (Helm applies --set-file after every --values, whatever the order given)."""
        values = read_yaml(CHART / "jupyterhub" / "values.yaml")
        for path in self.values_files:
            values = helm_merge(values, read_yaml(path))
        for key_path, file in self.set_files if with_set_files else ():
            values = helm_merge(values, at_key_path(key_path, file.read_text()))
        return values


@pytest.fixture(scope="module")
def helm_args(tmp_path_factory) -> HelmArgs:
    # From another folder, as the README's command may be; split as the shell splits
    # $(workshop/kubernetes/helm-args).
    printed = subprocess.run(
        [HELM_ARGS],
        cwd=tmp_path_factory.mktemp("elsewhere"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return HelmArgs.parse(printed.split())


@pytest.fixture(scope="module")
def values(helm_args) -> dict:
    return helm_args.merged_values()


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> dict:
    """values.schema.json as the published chart carries it: the vendored
    tools/generate-json-schema.py, run as it is, reads ../jupyterhub/values.schema.yaml beside
    it and writes values.schema.json there, so it runs from a scratch copy of that layout."""
    scratch = tmp_path_factory.mktemp("z2jh")
    for part in ("tools/generate-json-schema.py", "jupyterhub/values.schema.yaml"):
        (scratch / part).parent.mkdir(exist_ok=True)
        (scratch / part).symlink_to(CHART / part)
    with contextlib.redirect_stdout(io.StringIO()):
        runpy.run_path(str(scratch / "tools" / "generate-json-schema.py"), run_name="__main__")
    return json.loads((scratch / "jupyterhub" / "values.schema.json").read_text())


def schema_errors(values: dict, schema: dict) -> list[str]:
    """Each place where `values` breaks `schema`, under the draft the schema declares."""
    validator = jsonschema.validators.validator_for(schema)(schema)
    return sorted(
        f"{'.'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
        for error in validator.iter_errors(values)
    )


def engine_container(values: dict) -> dict:
    """The learner's Docker engine: the Docker-in-Docker container of their pod, one of its
    init containers (a native sidecar)."""
    (engine,) = (
        container
        for container in values["singleuser"]["initContainers"]
        if container["name"] == "dind"
    )
    return engine


def course_folder() -> str:
    """The one-machine room's name for a learner's copy of the lessons (COURSE_FOLDER in
    workshop/layerlab_room/spawner.py), read without importing it: it needs JupyterHub."""
    for node in ast.parse(ROOM_SPAWNER.read_text()).body:
        if isinstance(node, ast.Assign) and [
            target.id for target in node.targets if isinstance(target, ast.Name)
        ] == ["COURSE_FOLDER"]:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{ROOM_SPAWNER} no longer sets COURSE_FOLDER")


def post_start_command(values: dict) -> list[str]:
    return values["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]


def opened_in_image(values: dict) -> PurePosixPath:
    """The file singleuser.defaultUrl opens, as a path in the learner's container."""
    url_path = PurePosixPath(values["singleuser"]["defaultUrl"])
    assert url_path.parts[:3] == ("/", "lab", "tree"), url_path
    return IMAGE_HOME.joinpath(*url_path.parts[3:])


def view_files() -> list[str]:
    return sorted(
        path.name for path in ROOM_VIEW.iterdir() if path.is_file() and path.suffix != ".pyc"
    )


def package_cache_objects() -> list[dict]:
    return [document for document in yaml.safe_load_all(PACKAGE_CACHE.read_text()) if document]


def test_helm_merge_merges_maps_replaces_the_rest_and_drops_nulls():
    chart = {"a": {"keep": 1, "drop": 2, "list": [1, 2]}, "b": "scalar", "c": {"x": 1}}
    given = {"a": {"drop": None, "list": [3], "new": True}, "b": {"now": "a map"}, "c": None}
    assert helm_merge(chart, given) == {
        "a": {"keep": 1, "list": [3], "new": True},
        "b": {"now": "a map"},
    }
    assert chart["a"] == {"keep": 1, "drop": 2, "list": [1, 2]}, "the chart's map was changed"
    assert at_key_path("hub.extraFiles.f.stringData", "text") == {
        "hub": {"extraFiles": {"f": {"stringData": "text"}}}
    }


def test_the_values_pass_the_chart_schema(values, schema):
    assert schema_errors(values, schema) == []


def test_the_same_check_rejects_a_misspelt_key_and_a_wrong_type(values, schema):
    misspelt = copy.deepcopy(values)
    misspelt["singleuser"]["extraContainer"] = []
    errors = schema_errors(misspelt, schema)
    assert any("'extraContainer' was unexpected" in error for error in errors), errors
    wrong_type = copy.deepcopy(values)
    wrong_type["cull"]["timeout"] = "2h"
    assert any(error.startswith("cull.timeout:") for error in schema_errors(wrong_type, schema))


def test_the_values_alone_are_refused_without_the_files_helm_args_gives(helm_args, schema):
    errors = schema_errors(helm_args.merged_values(with_set_files=False), schema)
    assert errors, "hub.extraFiles entries need their content, which only --set-file gives"
    assert all(error.startswith("hub.extraFiles.") for error in errors)


def test_helm_args_gives_every_file_of_the_view_once_where_the_values_mount_it(values, helm_args):
    mounts = {
        key: PurePosixPath(entry["mountPath"]) for key, entry in values["hub"]["extraFiles"].items()
    }
    given = {}
    for key_path, file in helm_args.set_files:
        hub, extra_files, key, field = key_path.split(".")
        assert (hub, extra_files, field) == ("hub", "extraFiles", "stringData"), key_path
        assert key not in given, f"{key} is given twice"
        given[key] = file
    assert sorted(given) == sorted(mounts), "each hub.extraFiles entry needs exactly one file"
    for key, file in given.items():
        assert file.parent == ROOM_VIEW
        assert mounts[key].name == file.name, f"{key} mounts {file.name} as {mounts[key].name}"
    assert sorted(file.name for file in given.values()) == view_files()


def test_the_view_service_runs_the_package_the_hub_pod_is_given(values):
    service = values["hub"]["services"][VIEW]
    assert set(service) <= SERVICE_FIELDS, set(service) - SERVICE_FIELDS
    flag, module = service["command"][1:]
    assert (flag, module) == ("-m", ROOM_VIEW.name)
    assert (ROOM_VIEW / "__main__.py").is_file(), "the view's package has no __main__.py"
    package = PurePosixPath(service["environment"]["PYTHONPATH"]) / module
    assert {
        PurePosixPath(entry["mountPath"]).parent for entry in values["hub"]["extraFiles"].values()
    } == {package}
    # Kept on the hub's own volume, which outlives the hub's pod.
    assert values["hub"]["db"]["type"] == "sqlite-pvc"
    state = PurePosixPath(service["environment"]["LAYERLAB_ROOM_VIEW_STATE"])
    assert state.is_relative_to("/srv/jupyterhub")


def test_the_instructor_may_open_the_view_and_the_view_may_read_the_room(values):
    roles = values["hub"]["loadRoles"]
    assert roles["instructor"]["users"] == ["instructor"]
    # Co-instructors: the role goes to the group's members too. A role's unknown group would
    # be made empty; load_groups makes it with the instructor in it.
    assert roles["instructor"]["groups"] == [INSTRUCTORS_GROUP]
    hub_config = values["hub"]["config"]
    groups = hub_config["JupyterHub"]["load_groups"]
    assert groups[INSTRUCTORS_GROUP]["users"] == ["instructor"]
    assert f"access:services!service={VIEW}" in roles["instructor"]["scopes"]
    assert VIEW in roles[VIEW]["services"]
    # read:users:groups: the view leaves the group's members out of its learners' rows.
    assert set(roles[VIEW]["scopes"]) == {
        "list:users",
        "read:users:name",
        "read:users:groups",
        "read:users:activity",
        "read:servers",
    }
    assert hub_config["JupyterHub"]["authenticator_class"] == "shared-password"
    assert hub_config["Authenticator"]["admin_users"] == ["instructor"]
    view_environment = values["hub"]["services"][VIEW]["environment"]
    assert "instructor" in view_environment["LAYERLAB_ROOM_INSTRUCTORS"].split(",")


def test_the_view_knows_the_courses_lessons(values):
    """Without them, lessons a learner made up would become columns in everyone's rows."""
    named = values["hub"]["services"][VIEW]["environment"]["LAYERLAB_ROOM_LESSONS"]
    lessons = [lesson.strip() for lesson in named.split(",")]
    assert lessons == sorted(path.stem for path in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_the_view_port_is_on_the_hub_service_and_open_to_the_proxy_and_learners(values):
    view_url = urlsplit(values["hub"]["services"][VIEW]["url"])
    assert view_url.hostname == "hub", "the chart's Service for the hub pod is named hub"
    ports = {entry["port"]: entry["targetPort"] for entry in values["hub"]["service"]["extraPorts"]}
    assert ports.get(view_url.port) == view_url.port
    allowed_in = [
        rule["from"][0]["podSelector"]["matchLabels"]
        for rule in values["hub"]["networkPolicy"]["ingress"]
        if {"port": view_url.port} in rule["ports"]
    ]
    # The chart puts this label on the proxy's pods and on learners' pods.
    assert {"hub.jupyter.org/network-access-hub": "true"} in allowed_in
    learners_out = [
        rule["to"][0]["podSelector"]["matchLabels"]
        for rule in values["singleuser"]["networkPolicy"]["egress"]
        if {"port": view_url.port} in rule["ports"]
    ]
    # By default the chart lets learners' pods reach the hub on its API port only.
    assert any(labels.get("app.kubernetes.io/component") == "hub" for labels in learners_out)
    reports = values["singleuser"]["extraEnv"]["LAYERLAB_ROOM_VIEW_URL"]
    assert reports == f"{view_url.geturl()}/services/{VIEW}/api/reports"


def test_the_engine_and_the_notebook_share_the_engine_socket(values):
    singleuser = values["singleuser"]
    engine = engine_container(values)
    docker_host = singleuser["extraEnv"]["DOCKER_HOST"]
    socket = PurePosixPath(docker_host.removeprefix("unix://"))
    assert f"--host={docker_host}" in engine["args"]
    engine_mounts = {mount["mountPath"]: mount["name"] for mount in engine["volumeMounts"]}
    notebook_mounts = {
        mount["mountPath"]: mount["name"] for mount in singleuser["storage"]["extraVolumeMounts"]
    }
    volumes = {volume["name"]: volume for volume in singleuser["storage"]["extraVolumes"]}
    shared = engine_mounts[str(socket.parent)]
    assert notebook_mounts.get(str(socket.parent)) == shared
    assert "emptyDir" in volumes[shared]
    # The notebook's user reaches the socket through the pod's fsGroup, which every
    # container of the pod has.
    assert f"--group={singleuser['fsGid']}" in engine["args"]
    assert volumes[engine_mounts["/var/lib/docker"]]["emptyDir"]["sizeLimit"]


def test_the_engine_answers_before_the_notebook_starts(values):
    engine = engine_container(values)
    # A native sidecar: a restartable init container, started (probe passed) before the
    # notebook container, whose postStart hook needs it.
    assert engine["restartPolicy"] == "Always"
    assert engine["startupProbe"]["exec"]["command"][0] == "docker"
    assert engine["securityContext"]["privileged"] is True


def test_the_room_base_image_is_made_with_the_package_cache_before_the_server_starts(values):
    singleuser = values["singleuser"]
    assert singleuser["extraEnv"][BASE_IMAGE_ENV] == helpers.ROOM_BASE_IMAGE
    script = singleuser["lifecycleHooks"]["postStart"]["exec"]["command"][-1]
    assert "base-image" in COMMANDS
    assert 'python -m helpers base-image --index-url "$LAYERLAB_ROOM_INDEX"' in script
    # With the variable set, base-image would take the image it is about to make as its base.
    assert f"env -u {BASE_IMAGE_ENV} " in script


def test_the_engine_image_is_pulled_onto_nodes_before_learners_arrive(values):
    pre_puller = values["prePuller"]
    # Both pullers: the hook's at each install or upgrade, the continuous one on nodes that
    # join later.
    assert pre_puller["hook"]["enabled"] is True
    assert pre_puller["continuous"]["enabled"] is True
    # The pullers pull the image of each container of singleuser.initContainers (and of
    # extraContainers): templates/image-puller/_helpers-daemonset.tpl of the published chart,
    # which the repository does not vendor. So the engine must be an init container there.
    assert "dind" in [container["name"] for container in values["singleuser"]["initContainers"]]
    # Pinned to a release, so that every node pulls the same engine: not latest, not a
    # moving tag such as dind or 26-dind.
    repository, _, tag = engine_container(values)["image"].rpartition(":")
    assert repository == "docker"
    assert re.fullmatch(r"\d+\.\d+\.\d+-dind", tag), tag


def test_idle_servers_are_culled_but_never_users(values):
    cull = values["cull"]
    assert cull["enabled"]
    assert 0 < cull["every"] < cull["timeout"]
    # Culling a user would delete them, and with them (unless delete_pvc is off) their volume.
    assert not cull["users"]


def test_each_learner_has_a_volume_that_outlives_their_server_and_hides_nothing(values):
    storage = values["singleuser"]["storage"]
    # A claim of their own, which KubeSpawner makes at their first start and which stopping
    # the server (culling, an eviction) leaves alone.
    assert storage["type"] == "dynamic"
    assert re.fullmatch(r"\d+(Mi|Gi)", storage["capacity"]), storage["capacity"]
    # Nor is it deleted with their user: nothing a learner owns may be deleted.
    assert values["hub"]["config"]["KubeSpawner"]["delete_pvc"] is False
    # In the home folder, and not over it nor over any folder the repository brings there:
    # the helpers postBuild installed from the repository must stay in sight.
    mount = PurePosixPath(storage["homeMountPath"])
    assert mount.parent == IMAGE_HOME
    assert mount.name not in {path.name for path in REPO.iterdir()}


def test_the_server_opens_the_learners_own_copy_of_the_course_index(values):
    opened = opened_in_image(values)
    # On the learner's volume, in a folder named as in the one-machine room.
    lessons = opened.parent
    assert lessons.parent == PurePosixPath(values["singleuser"]["storage"]["homeMountPath"])
    assert lessons.name == course_folder()
    # The course's index: the copy is of the repository's notebooks folder.
    assert (REPO / "notebooks" / opened.name).is_file()


@pytest.fixture
def run_post_start(values, tmp_path):
    """Runs the postStart hook's script as the container would, with the image's home folder
    moved to a scratch folder, a stub Python that records the base image's command, and no
    waiting for the engine's socket. Gives (home, run, the stub's record), run returning the
    hook's exit status."""
    command = post_start_command(values)
    home = tmp_path / "home"
    script = command[-1].replace(str(IMAGE_HOME), str(home))
    assert str(IMAGE_HOME) not in script
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    for name, body in {
        "python": f'echo "$@" >> "{tmp_path}/python-calls"',
        "sleep": ":",
    }.items():
        (stubs / name).write_text(f"#!/bin/sh\n{body}\n")
        (stubs / name).chmod(0o755)
    environment = {
        **os.environ,
        "PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}",
        "LAYERLAB_ROOM_INDEX": values["singleuser"]["extraEnv"]["LAYERLAB_ROOM_INDEX"],
    }

    def run() -> int:
        return subprocess.run(
            [*command[:-1], script], env=environment, capture_output=True, check=False
        ).returncode

    return home, run, tmp_path / "python-calls"


def test_the_post_start_hook_copies_the_lessons_once_and_never_over_the_learners_edits(
    values, run_post_start
):
    home, run, python_calls = run_post_start
    lessons = home / opened_in_image(values).parent.relative_to(IMAGE_HOME)
    course = home / "notebooks"
    course.mkdir(parents=True)
    (course / "index.ipynb").write_text("the course's index")
    (course / "01_setup_check.ipynb").write_text("lesson 01")
    lessons.parent.mkdir()  # the volume's mount point

    assert run() == 0
    assert (lessons / "index.ipynb").read_text() == "the course's index"
    assert (lessons / "01_setup_check.ipynb").read_text() == "lesson 01"
    assert "helpers base-image --index-url" in python_calls.read_text()

    # The learner edits a lesson and deletes another; a new image brings a changed index.
    (lessons / "index.ipynb").write_text("the learner's notes")
    (lessons / "01_setup_check.ipynb").unlink()
    (course / "index.ipynb").write_text("a newer course")
    assert run() == 0
    assert (lessons / "index.ipynb").read_text() == "the learner's notes"
    assert not (lessons / "01_setup_check.ipynb").exists()


def test_a_failed_copy_of_the_lessons_fails_the_hook(values, run_post_start):
    home, run, python_calls = run_post_start
    # No notebooks folder in the image, so the copy fails.
    (home / opened_in_image(values).parent.parent.relative_to(IMAGE_HOME)).mkdir(parents=True)
    assert run() != 0
    assert not (home / opened_in_image(values).parent.relative_to(IMAGE_HOME)).exists()
    assert not python_calls.exists(), "the hook went on past the failed copy"


def test_the_package_cache_manifests_are_kubernetes_objects():
    objects = package_cache_objects()
    assert objects
    for manifest in objects:
        assert isinstance(manifest, dict), manifest
        assert manifest["apiVersion"] and manifest["kind"] and manifest["metadata"]["name"]


def test_the_package_cache_runs_the_rooms_devpi():
    def pins(text: str) -> set[str]:
        return set(re.findall(r"\bdevpi-server==([0-9][\w.]*)", text))

    assert pins(ROOM_LOCK.read_text()) == pins(PACKAGE_CACHE.read_text())
    assert len(pins(ROOM_LOCK.read_text())) == 1


def test_learners_builds_reach_the_package_cache(values):
    index = urlsplit(values["singleuser"]["extraEnv"]["LAYERLAB_ROOM_INDEX"])
    objects = {(item["kind"], item["metadata"]["name"]): item for item in package_cache_objects()}
    service = objects["Service", index.hostname]
    assert index.port in {port["port"] for port in service["spec"]["ports"]}
    pod_labels = objects["Deployment", index.hostname]["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= pod_labels.items()
    assert any(
        rule["to"][0]["podSelector"]["matchLabels"].items() <= pod_labels.items()
        and {"port": index.port} in rule["ports"]
        for rule in values["singleuser"]["networkPolicy"]["egress"]
    ), "learners' pods may reach no private address unless a rule allows it"
