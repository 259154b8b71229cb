"""Scratch copies and contexts (helpers/course/scratch.py): the learner's files stay as they are."""

import helpers


def test_scratch_contexts_are_copies(tmp_path):
    copy = helpers.scratch_copy(helpers.SAMPLE_APP)
    assert copy != helpers.SAMPLE_APP and (copy / "source" / "app.py").is_file()
    helpers.one_line_change(copy / "source" / "app.py")
    original = (helpers.SAMPLE_APP / "source" / "app.py").read_text()
    assert (copy / "source" / "app.py").read_text().startswith(original)
    assert "Layer Lab edit" not in original
    context = helpers.write_context({"Dockerfile": "FROM scratch\n", "a/b.txt": "x"})
    assert (context / "a" / "b.txt").read_text() == "x"


def test_a_written_context_holds_bytes_and_text_over_a_copy(tmp_path):
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "app.py").write_text("print('hi')\n")
    context = helpers.write_context(
        {"Dockerfile": "FROM x\n", "model/weights.bin": b"\x00\xff" * 4},
        start_from=tmp_path / "project",
    )
    assert (context / "app.py").read_text() == "print('hi')\n"
    assert (context / "model" / "weights.bin").read_bytes() == b"\x00\xff" * 4
    assert (context / "Dockerfile").read_text() == "FROM x\n"
    assert (tmp_path / "project").exists() and not (tmp_path / "project" / "Dockerfile").exists()
