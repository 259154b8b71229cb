"""`lint --fix --verify` on the real engine: each rewrite builds the same image, and its
rebuild after a change to a source file reuses the install; the comparison sees a change."""

import pytest

import helpers
from helpers.course.fix_check import _differences, _files

HEAD = "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n"
# Requirements with nothing to fetch: the install step runs, offline.
OFFLINE = {"requirements.txt": "# nothing to install\n", "app.py": "print('hi')\n"}

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
        "a system package after the source (apt logs and caches differ in every build)",
        OFFLINE,
        HEAD + "COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends jq"
        " && rm -rf /var/lib/apt/lists/*\n",
    ),
    (
        "two stages",
        OFFLINE,
        HEAD.replace("}", "} AS build") + "COPY . /app\nRUN pip install -r /app/requirements.txt"
        " && mkdir /out && cp /app/app.py /out/\nFROM ${BASE_IMAGE}\n"
        "COPY --from=build /out /app\nUSER 1000\n",
    ),
]


@pytest.mark.engine
@pytest.mark.parametrize(("name", "files", "dockerfile"), CASES, ids=[c[0] for c in CASES])
def test_the_rewrite_builds_the_same_image_and_reuses_the_install(
    engine, base_image, make_context, name, files, dockerfile
):
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
