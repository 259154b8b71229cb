"""Real builds on the engine: steps, cache hits, layers, progress, and a learner's errors."""

import io

import pytest
from conftest import size_matches
from docker.api.daemon import DaemonApiMixin

import helpers
from helpers import BuildFailed, MissingFile

TINY = {
    "Dockerfile": (
        "ARG BASE_IMAGE\n"
        "FROM ${BASE_IMAGE}\n"
        "COPY hello.txt /hello.txt\n"
        "RUN head -c 100000 /dev/zero > /zeros.bin\n"
        "env GREETING=hi\n"  # lower case on purpose: the builder accepts it
    ),
    "hello.txt": "hello\n",
}


def test_a_build_records_steps_layers_and_the_tag(
    engine, base_image, make_context, builder, block_sizes
):
    context = make_context(TINY)
    result = helpers.build(
        context=context,
        tag=helpers.my_tag("test-tiny:1"),
        client=engine,
        progress=None,
        builder=builder,
    )
    assert result.builder == builder
    if builder == "classic":
        # Every instruction is a step, and the course's LABELs (one per label: that the
        # course built it, and for whom) are the last.
        assert [s.instruction.split()[0] for s in result.steps] == [
            "ARG",
            "FROM",
            "COPY",
            "RUN",
            "env",
            "LABEL",
            "LABEL",
        ]
        assert [s.added_by_course for s in result.steps[-3:]] == [False, True, True]
        assert result.steps_total == 5
    else:
        # BuildKit numbers only FROM, COPY, RUN (and ADD, WORKDIR): `[2/3] COPY ...`.
        assert [(s.label, s.instruction.split()[0]) for s in result.steps] == [
            ("[1/3]", "FROM"),
            ("[2/3]", "COPY"),
            ("[3/3]", "RUN"),
        ]
    image = engine.images.get(helpers.my_tag("test-tiny:1"))
    assert image.id == result.image_id
    assert image.labels[helpers.COURSE_LABEL] == "1"
    assert image.labels[helpers.LEARNER_LABEL] == helpers.current_learner().name
    by_kind = {layer.instruction.split()[0]: layer for layer in result.layers}
    assert size_matches(by_kind["COPY"].size_bytes, len("hello\n"), block_sizes)
    assert size_matches(by_kind["RUN"].size_bytes, 100_000, block_sizes)
    assert by_kind["ENV"].metadata_only and by_kind["ENV"].size_bytes == 0
    learner = helpers.current_learner().name
    assert [
        layer.instruction for layer in result.layers if layer.instruction.startswith("LABEL")
    ] in (
        # BuildKit: the one LABEL the course appends to the Dockerfile.
        [f"LABEL {helpers.COURSE_LABEL}=1 {helpers.LEARNER_LABEL}={learner}"],
        # The classic builder: one step per label it was given, in name order.
        [f"LABEL {helpers.COURSE_LABEL}=1", f"LABEL {helpers.LEARNER_LABEL}={learner}"],
    )
    assert helpers.built_by_course(image)
    assert result.rows[-1].instruction.endswith("(added by the course)")
    assert result.seconds > 0 and all(step.seconds >= 0 for step in result.steps)


def _runs_something(step) -> bool:
    return not step.instruction.upper().startswith(("ARG", "FROM"))


def test_a_rebuild_reuses_every_step_before_the_first_change(
    engine, base_image, make_context, builder, block_sizes
):
    context = make_context(TINY)
    helpers.build(context=context, client=engine, progress=None, builder=builder)
    unchanged = helpers.build(context=context, client=engine, progress=None, builder=builder)
    assert all(s.cached for s in unchanged.dockerfile_steps if _runs_something(s))
    assert unchanged.rebuilt_steps == ()

    (context / "hello.txt").write_text(f"hello again {id(context)}\n")
    changed = helpers.build(context=context, client=engine, progress=None, builder=builder)
    # Once COPY misses the cache, every step after it runs again.
    assert not any(s.cached for s in changed.dockerfile_steps if _runs_something(s))
    assert changed.first_rebuilt_step.instruction == "COPY hello.txt /hello.txt"
    assert changed.image_id != unchanged.image_id
    fresh = helpers.new_layers(unchanged.layers, changed.layers)
    # Layers are compared by digest: this RUN wrote the same bytes again (within the same
    # second, even the timestamps agree), so it cost time but stored nothing new.
    assert [layer.instruction.split()[0] for layer in fresh] in (["COPY"], ["COPY", "RUN"])
    assert size_matches(fresh[0].size_bytes, len(f"hello again {id(context)}\n"), block_sizes)


def test_a_step_that_writes_new_bytes_shows_as_a_new_layer(
    engine, base_image, make_context, builder
):
    context = make_context(
        {
            "Dockerfile": (
                "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY a.txt /\nRUN date +%s%N > /stamp\n"
            ),
            "a.txt": "one\n",
        }
    )
    before = helpers.build(context=context, client=engine, progress=None, builder=builder)
    (context / "a.txt").write_text("two\n")
    after = helpers.build(context=context, client=engine, progress=None, builder=builder)
    fresh = helpers.new_layers(before.layers, after.layers)
    assert [layer.instruction for layer in fresh][1:] == ["RUN date +%s%N > /stamp"]
    # The classic builder records the file's digest; BuildKit the instruction as written.
    assert fresh[0].instruction.startswith("COPY file:" if builder == "classic" else "COPY a.txt")


def test_progress_shows_each_step_and_its_cache_hit(engine, base_image, make_context, builder):
    context = make_context(TINY)
    helpers.build(context=context, client=engine, progress=None, builder=builder)
    printed = io.StringIO()
    helpers.build(
        context=context,
        client=engine,
        progress=helpers.TerminalProgress(printed),
        builder=builder,
    )
    text = printed.getvalue()
    if builder == "classic":
        assert "with the classic builder" in text
        assert "Step 3/7: COPY hello.txt /hello.txt\n    (from cache)" in text
        assert "3 of 5 steps from the cache" in text
    else:
        assert "with BuildKit (" in text
        assert "[2/3]: COPY hello.txt /hello.txt\n    (from cache)" in text
        assert "2 of 3 steps from the cache" in text


def test_a_syntax_error_names_the_line(engine, make_context, builder):
    context = make_context({"Dockerfile": "FROM scratch\nCOPPY a b\n"})
    with pytest.raises(BuildFailed) as failure:
        helpers.build(context=context, client=engine, progress=None, builder=builder)
    message = str(failure.value)
    assert "line 2" in message and "COPPY" in message and "What to do" in message
    assert failure.value.step is None


def test_a_copy_of_a_missing_file_says_where_it_looked(engine, base_image, make_context, builder):
    context = make_context({"Dockerfile": "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY nope.txt /\n"})
    with pytest.raises(BuildFailed) as failure:
        helpers.build(context=context, client=engine, progress=None, builder=builder)
    message = str(failure.value)
    assert failure.value.step == (3 if builder == "classic" else 2)
    assert failure.value.instruction == "COPY nope.txt /"
    assert "nope.txt" in message and str(context) in message and ".dockerignore" in message


def test_a_failing_run_names_the_step_and_shows_the_end_of_its_log(
    engine, base_image, make_context, builder
):
    lines = "; ".join(f"echo line-{n}" for n in range(30))
    context = make_context(
        {"Dockerfile": f"ARG BASE_IMAGE\nFROM ${{BASE_IMAGE}}\nRUN {lines}; echo oops; exit 7\n"}
    )
    with pytest.raises(BuildFailed) as failure:
        helpers.build(context=context, client=engine, progress=None, builder=builder)
    error = failure.value
    assert error.step == (3 if builder == "classic" else 2)
    assert error.instruction.startswith("RUN echo line-0")
    assert ("non-zero code: 7" if builder == "classic" else "exit code: 7") in str(error)
    assert "oops" in error.log_tail and "line-29" in error.log_tail
    assert "line-0" not in error.log_tail  # only the end of a long log
    assert "  | line-29" in str(error)


def test_no_network_for_pip_says_so(engine, base_image, make_context, builder):
    # Port 9 on loopback refuses at once: the same failure as a laptop with no network.
    context = make_context(
        {
            "Dockerfile": (
                "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n"
                "RUN pip install --index-url http://127.0.0.1:9/simple --retries 0 --timeout 2 "
                "--no-cache-dir flask\n"
            )
        }
    )
    with pytest.raises(BuildFailed) as failure:
        helpers.build(context=context, client=engine, progress=None, builder=builder)
    assert "could not download" in str(failure.value)
    assert "check that this computer is online" in str(failure.value)


def test_missing_context_or_dockerfile_is_explained_before_any_build(tmp_path):
    with pytest.raises(MissingFile, match="is not a folder"):
        helpers.build(context=tmp_path / "nowhere", progress=None)
    (tmp_path / "Dockerfile.common").write_text("FROM scratch\n")
    with pytest.raises(MissingFile, match=r"Dockerfiles in .*: Dockerfile\.common"):
        helpers.build("Dockerfile.comon", tmp_path, progress=None)


def test_the_context_is_measured_after_dockerignore(tmp_path):
    from helpers.engine.context import measure_context

    (tmp_path / "Dockerfile").write_text("FROM scratch\n")
    (tmp_path / "app.py").write_text("x" * 100)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "big.bin").write_bytes(b"0" * 10_000)
    assert measure_context(tmp_path, tmp_path / "Dockerfile") == (3, 10_113)
    (tmp_path / ".dockerignore").write_text("# comment\ndata/\n")
    # .dockerignore itself is sent: the engine reads it too.
    assert measure_context(tmp_path, tmp_path / "Dockerfile") == (
        3,
        113 + len("# comment\ndata/\n"),
    )


def test_a_file_in_an_image_can_be_read_without_running_it(engine, base_image, make_context):
    context = make_context(
        {
            "Dockerfile": "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY secret.txt /app/\n",
            "secret.txt": "hunter2\n",
        }
    )
    result = helpers.build(context=context, client=engine, progress=None)
    assert helpers.read_file_in_image(result.image_id, "/app/secret.txt", engine) == b"hunter2\n"
    assert helpers.read_file_in_image(result.image_id, "/app/none.txt", engine) is None
    assert result.context_files == 2 and result.seconds_to_first_step > 0


def test_one_build_asks_the_engine_once_whether_it_answers(engine, base_image, make_context):
    pings = []
    real_ping = DaemonApiMixin.ping

    def counted(self, *args, **kwargs):
        pings.append(1)
        return real_ping(self, *args, **kwargs)

    context = make_context({"Dockerfile": "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nENV A=1\n"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DaemonApiMixin, "ping", counted)
        helpers.build(context=context, progress=None)
        assert len(pings) == 1  # connect() with no client: one ping
        helpers.build(context=context, progress=None, client=engine)
        assert len(pings) == 1  # a client passed in is trusted
