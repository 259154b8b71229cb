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
