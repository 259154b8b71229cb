"""A Dockerfile the builder refuses is refused by `lint` and `predict` too, in the builder's
words and at its line; the engine test holds those words to the real builders'."""

import json
import re
import subprocess
import sys

import pytest

import helpers
from helpers.dockerfile.reading import read_dockerfile

HEAD = "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n"
# (name, Dockerfile, the builder's words, the line it names or None)
BROKEN = [
    ("copy with nothing", HEAD + "COPY\nRUN true\n", "COPY requires at least two arguments", 3),
    ("copy with no destination", HEAD + "COPY app.py\n", "COPY requires at least two arguments", 3),
    ("add with no destination", HEAD + "ADD app.py\n", "ADD requires at least two arguments", 3),
    ("unknown instruction", HEAD + "COPPY . .\n", "unknown instruction: COPPY", 3),
    ("unknown, lower case", HEAD.lower() + "frobnicate x\n", "unknown instruction: frob", 3),
    ("from with two words", "FROM a b\n", "FROM requires either one or three arguments", 1),
    ("from with nothing", "FROM\nRUN true\n", "FROM requires either one or three arguments", 1),
    ("unknown flag", HEAD + "COPY --chwon=1 app.py /\n", "unknown flag: chwon", 3),
    ("flag with no value", HEAD + "COPY --from /x /y\n", "missing a value on flag: from", 3),
    ("run flag", HEAD + "RUN --foo=1 true\n", "unknown flag: foo", 3),
    ("env with nothing", HEAD + "ENV\n", "ENV requires at least one argument", 3),
    ("env with a name only", HEAD + "ENV A\n", "ENV must have two arguments", None),
    ("workdir with nothing", HEAD + "WORKDIR\n", "WORKDIR requires exactly one argument", 3),
    ("user with nothing", HEAD + "USER\n", "USER requires exactly one argument", 3),
    ("label with nothing", HEAD + "LABEL\n", "LABEL requires at least one argument", 3),
    ("expose with nothing", HEAD + "EXPOSE\n", "EXPOSE requires at least one argument", 3),
    ("no stage", "RUN true\n" + HEAD, "no build stage in current context", None),
    ("empty", "", "the Dockerfile cannot be empty", None),
    ("only comments", "# nothing yet\n\n", "file with no instructions", None),
]
# Files both builders build (the engine test below builds each).
BUILT = [
    HEAD + "CMD\n",  # an empty CMD is allowed
    HEAD + "WORKDIR /my dir\nMAINTAINER Jo Doe <jo@example.com>\n",
    "\ufeff" + HEAD + "ENV A=1\n",  # a byte-order mark, as Windows editors write
    HEAD + "RUN echo one \\\n\n    && echo two\n",  # a blank line inside a continuation
    HEAD + "# caf\xe9, in Latin-1\nENV B=2\n",
]
# Files the builder reads too, but that need what no machine here has (a registry for the
# `# syntax=` frontend) or BuildKit alone.
ACCEPTED = [
    *BUILT,
    HEAD.replace("}", "} AS base") + "COPY --link --chown=1:1 --chmod=644 a b /c/\n",
    "# syntax=docker/dockerfile:1\n" + HEAD + "RUN --mount=type=cache,target=/c true\n",
    "# syntax=docker/dockerfile:1-labs\n" + HEAD + "RUN --device=x true\nADD --unpack=true a /b\n",
    "# escape=`\n" + HEAD + "RUN echo one `\n\n    && echo two\n",
]


@pytest.mark.parametrize(("name", "text", "words", "line"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_dockerfile_is_refused_with_the_builders_words(tmp_path, name, text, words, line):
    (tmp_path / "Dockerfile").write_text(text)
    with pytest.raises(helpers.BrokenDockerfile) as refused:
        read_dockerfile(tmp_path / "Dockerfile")
    assert words.lower() in str(refused.value).lower()
    if line is not None:
        assert refused.value.line == line
        assert f"line {line}" in str(refused.value)


def _write(path, text):
    # Latin-1 where the text says so: the builder does not check the encoding.
    path.write_bytes(text.encode("latin-1" if "Latin-1" in text else "utf-8"))


@pytest.mark.parametrize("text", ACCEPTED)
def test_what_the_builder_accepts_is_read(tmp_path, text):
    _write(tmp_path / "Dockerfile", text)
    assert read_dockerfile(tmp_path / "Dockerfile")
    assert helpers.lint(tmp_path / "Dockerfile") is not None


def _run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "helpers", *args], capture_output=True, text=True, cwd=cwd
    )


def test_each_bad_input_gets_one_line_and_a_failing_exit(tmp_path):
    (tmp_path / "app.py").write_text("print(1)\n")
    (tmp_path / "Dockerfile").write_text("FROM python\nCOPY . .\n")
    (tmp_path / "binary").write_bytes(bytes(range(256)))
    (tmp_path / "empty").write_text("")
    (tmp_path / "broken").write_text("FROM python\nCOPY\n")
    cases = {
        ("lint", str(tmp_path / "binary")): "is not a text file",
        ("lint", str(tmp_path / "empty")): "the Dockerfile cannot be empty",
        ("lint", str(tmp_path / "missing")): "No Dockerfile at",
        ("lint", str(tmp_path)): "is a folder",
        ("lint", str(tmp_path / "broken")): "dockerfile parse error on line 2",
        (
            "predict",
            "--context",
            str(tmp_path),
            "--dockerfile",
            "broken",
            "--changed",
            "app.py",
        ): "dockerfile parse error on line 2",
        ("predict", "--context", str(tmp_path), "--changed", "../elsewhere.py"): (
            "is outside the build context"
        ),
        ("predict", "--context", str(tmp_path), "--changed", "/etc/hostname"): (
            "is outside the build context"
        ),
        ("predict", "--context", str(tmp_path / "nowhere"), "--changed", "a.py"): (
            "No build context folder"
        ),
    }
    for args, words in cases.items():
        reply = _run(*args)
        assert reply.returncode == 1, (args, reply.stdout, reply.stderr)
        assert reply.stdout == ""
        lines = reply.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (args, reply.stderr)
        assert words in lines[0], (args, lines[0])
        assert "Traceback" not in reply.stderr and "[Errno" not in reply.stderr


def test_a_dockerignore_in_utf16_is_named(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python\nCOPY . .\n")
    (tmp_path / ".dockerignore").write_bytes("*.md\n".encode("utf-16"))
    reply = _run("predict", "--context", str(tmp_path), "--changed", "app.py")
    assert reply.returncode == 1
    assert reply.stderr.startswith("error: ") and "Save it as UTF-8" in reply.stderr
    assert len(reply.stderr.strip().splitlines()) == 1


def test_paths_may_be_written_as_a_shell_writes_them(tmp_path):
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    (project / "src" / "app.py").write_text("print(1)\n")
    (project / "requirements.txt").write_text("flask\n")
    (project / "Dockerfile").write_text(
        "FROM python\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY src src\n"
    )
    answers = set()
    for context, changed in [
        ("project", "src/app.py"),
        ("project/", "project/src/app.py"),  # completed from the current folder
        (str(project), str(project / "src" / "app.py")),
        (f"{project}/", "./src/app.py"),
        ("./project/", "src//app.py"),
    ]:
        reply = _run("predict", "--context", context, "--changed", changed, "--json", cwd=tmp_path)
        assert reply.returncode == 0, (context, changed, reply.stderr)
        steps = json.loads(reply.stdout)["steps"]
        answers.add(tuple((s["step"], s["cached"], s["reason"]) for s in steps))
    assert len(answers) == 1
    assert answers.pop()[3] == (4, False, "copies src/app.py, which changed")


@pytest.mark.engine
@pytest.mark.parametrize("text", BUILT)
def test_the_builder_builds_what_is_read(engine, base_image, make_context, builder, text):
    context = make_context({"app.py": "print(1)\n"})
    _write(context / "Dockerfile", text)
    assert helpers.build(context=context, client=engine, progress=None, builder=builder)


@pytest.mark.engine
@pytest.mark.parametrize(("name", "text", "words", "line"), BROKEN, ids=[b[0] for b in BROKEN])
def test_the_builder_refuses_the_same_files(
    engine, base_image, make_context, builder, name, text, words, line
):
    context = make_context({"Dockerfile": text, "app.py": "print(1)\n"})
    with pytest.raises(helpers.BuildFailed) as failed:
        helpers.build(context=context, client=engine, progress=None, builder=builder)
    # The classic builder writes the instruction upper case, BuildKit as it was written; the
    # classic builder names the file where BuildKit says "the Dockerfile".
    said = str(failed.value).lower().replace(" (dockerfile)", "").replace("frobnicate", "frob")
    assert words.lower() in said, said
    if line is not None:
        assert re.search(rf"line {line}\b", said), said
