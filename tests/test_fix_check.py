"""`lint --fix --verify` on the real engine: each rewrite builds the same image, and its
rebuild after a change to a source file reuses the install; the comparison sees a change."""

import json
from pathlib import Path

import pytest

import helpers
from helpers.course.fix_check import _differences, _files, _without_timestamp

HEAD = "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n"
# Requirements with nothing to fetch: the install step runs, offline.
OFFLINE = {"requirements.txt": "# nothing to install\n", "app.py": "print('hi')\n"}

# Node from Debian's packages, as the example project installs it: the same RUN after the
# same FROM, so the case and the project share the toolchain's layer.
NODE_INSTALL = (
    "RUN apt-get update \\\n"
    "    && apt-get install -y --no-install-recommends nodejs npm \\\n"
    "    && rm -rf /var/lib/apt/lists/*\n"
)
NODE_HEAD = HEAD + NODE_INSTALL
# No dependencies, so that `npm ci` runs offline; the build script needs the source.
NODE = {
    "package.json": json.dumps(
        {
            "name": "hello",
            "version": "1.0.0",
            "private": True,
            "scripts": {"build": "mkdir -p dist && cp index.js dist/"},
        }
    ),
    "package-lock.json": json.dumps(
        {
            "name": "hello",
            "version": "1.0.0",
            "lockfileVersion": 3,
            "requires": True,
            "packages": {"": {"name": "hello", "version": "1.0.0"}},
        }
    ),
    "index.js": "console.log('hello');\n",
}
CASES = [
    ("pip", OFFLINE, HEAD + "WORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"),
    (
        "flags and an ENV between",
        OFFLINE,
        HEAD + "COPY --chown=1000:1000 . /srv/\nENV PIP_NO_CACHE_DIR=1\n"
        "RUN pip install -r /srv/requirements.txt && python3 -m compileall -q /srv\n"
        'CMD ["python3", "/srv/app.py"]\n',
    ),
    (
        "a requirements folder",
        {"req/prod.txt": "-r base.txt\n", "req/base.txt": "# none\n", "src/app.py": "x = 1\n"},
        HEAD + "WORKDIR /w\nCOPY . .\nRUN pip install -r req/prod.txt\n",
    ),
    (
        "a requirements file that includes one in another folder",
        {
            "requirements/prod.txt": "-r ../common/base.txt\n",
            "common/base.txt": "# none\n",
            "app.py": "x = 1\n",
        },
        HEAD + "WORKDIR /app\nCOPY . .\nRUN pip install -r requirements/prod.txt\n",
    ),
    (
        "a system package after the source (apt logs and caches differ in every build)",
        OFFLINE,
        HEAD + "COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends jq"
        " && rm -rf /var/lib/apt/lists/*\n",
    ),
    (
        "uv's pip interface",
        OFFLINE,
        HEAD + "RUN pip install --no-cache-dir uv==0.5.11\nWORKDIR /app\nCOPY . .\n"
        "RUN uv pip install --system --break-system-packages -r requirements.txt\n",
    ),
    (
        "pip: the libraries, then a server installed after the source",
        OFFLINE,
        HEAD + "WORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n"
        "RUN pip install --no-cache-dir gunicorn==23.0.0\n",
    ),
    (
        "a step that writes something new in every build",
        OFFLINE,
        HEAD + "COPY . /app\nRUN pip install -r /app/requirements.txt\n"
        "RUN head -c 16 /dev/urandom > /build-id\n",
    ),
    (
        "two stages",
        OFFLINE,
        HEAD.replace("}", "} AS build") + "COPY . /app\nRUN pip install -r /app/requirements.txt"
        " && mkdir /out && cp /app/app.py /out/\nFROM ${BASE_IMAGE}\n"
        "COPY --from=build /out /app\nUSER 1000\n",
    ),
]

# A toolchain from Debian's packages takes a minute or two per builder: CI verifies this, and
# the example projects (Go's among them), on one engine (Docker 26 with overlay2, BuildKit).
TOOLCHAIN_CASES = [
    (
        "Node: npm ci, then a build script that needs the source",
        NODE,
        NODE_HEAD + "WORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n"
        'CMD ["node", "dist/index.js"]\n',
    ),
]


@pytest.mark.engine
@pytest.mark.parametrize(("name", "files", "dockerfile"), CASES, ids=[c[0] for c in CASES])
def test_the_rewrite_builds_the_same_image_and_reuses_the_install(
    engine, base_image, make_context, name, files, dockerfile
):
    _verified(engine, make_context, files, dockerfile)


@pytest.mark.engine
@pytest.mark.parametrize(
    ("name", "files", "dockerfile"), TOOLCHAIN_CASES, ids=[c[0] for c in TOOLCHAIN_CASES]
)
def test_toolchain_rewrites_build_the_same_image(
    engine, base_image, make_context, name, files, dockerfile
):
    _verified(engine, make_context, files, dockerfile)


def _verified(engine, make_context, files, dockerfile):
    """What differs between two builds of the Dockerfile as written is not the rewrite's
    (the case writing /build-id); anything else that differs fails the test."""
    context = make_context({**files, "Dockerfile": dockerfile})
    verdict = helpers.verify_fix(context / "Dockerfile", client=engine, progress=None)
    assert verdict.same_image, verdict.sentence()
    assert verdict.sentence().startswith("Same image, and the rebuild after a code change")
    assert verdict.reused_after > verdict.reused_before
    # The learner's files are never touched.
    assert (context / "Dockerfile").read_text() == dockerfile


@pytest.mark.engine
def test_the_comparison_sees_what_differs(engine, base_image, make_context):
    context = make_context(
        {
            "a.txt": "a\n",
            "b.txt": "bb\n",
            "A": HEAD + "COPY a.txt /x\n",
            "B": HEAD + "COPY b.txt /x\n",
        }
    )
    one = helpers.build("A", context, client=engine, progress=None)
    two = helpers.build("B", context, client=engine, progress=None)
    differences = _differences(_files(one.image_id, engine), _files(two.image_id, engine))
    assert differences == (["/x: size, content differ"], 0)


@pytest.mark.engine
@pytest.mark.parametrize("project", helpers.EXAMPLE_PROJECTS, ids=str)
def test_each_example_project_is_rewritten_into_the_same_image(engine, base_image, project):
    """The lesson's example projects, as shipped: real dependencies from the package index."""
    folder = helpers.EXAMPLE_PROJECTS[project]
    written = (folder / "Dockerfile").read_text()
    verdict = helpers.verify_fix(folder / "Dockerfile", client=engine, progress=None)
    assert verdict.same_image, verdict.sentence()
    assert verdict.reused_after > verdict.reused_before
    # The install's layer is not written again: what the rebuild adds is the source, and
    # the build that needs it (Go's binary).
    assert verdict.new_bytes_after < verdict.new_bytes_before
    assert (folder / "Dockerfile").read_text() == written


def test_a_compiled_python_file_is_compared_without_its_source_time():
    header = b"\xa7\r\r\n" + bytes(4)
    one = header + (1000).to_bytes(4, "little") + (52).to_bytes(4, "little") + b"code"
    two = header + (2000).to_bytes(4, "little") + (52).to_bytes(4, "little") + b"code"
    assert _without_timestamp(one) == _without_timestamp(two)
    assert _without_timestamp(one) != _without_timestamp(two[:-1] + b"X")
    # A hash-based .pyc (flags 1 or 3) holds no time: it is compared whole.
    hashed = b"\xa7\r\r\n" + (1).to_bytes(4, "little") + bytes(8) + b"code"
    assert _without_timestamp(hashed) == hashed


def test_the_example_projects_are_whole():
    for project, folder in helpers.EXAMPLE_PROJECTS.items():
        assert (folder / "Dockerfile").is_file(), project
        fix = helpers.fix_dockerfile(folder / "Dockerfile")
        assert fix.changed and all(step.rewritten for step in fix.steps), fix.table()
    changed = {
        project: helpers.source_file_to_change(folder / "Dockerfile")
        for project, folder in helpers.EXAMPLE_PROJECTS.items()
    }
    # The first file by name that no install reads: never a manifest or a lock file.
    assert changed == {
        "pip": "app.py",
        "Poetry": "greet/__init__.py",
        "uv": "tally/__init__.py",
        "Node (npm)": "index.js",
        "Go": "main.go",
    }
    refused = helpers.fix_dockerfile(helpers.REFUSED_EXAMPLE / "Dockerfile")
    assert not refused.changed and refused.exit_code == 2
    assert "pip install --no-deps ." in refused.steps[0].what
    assert isinstance(helpers.REFUSED_EXAMPLE, Path)
