"""Results show themselves: the same table as HTML in a notebook and as text in a terminal
(helpers/results/display.py and each result's `table()`)."""

import pytest
from recorded import recorded_build

import helpers

INFO = helpers.EngineInfo("26.1.5", "1.45", "Debian GNU/Linux 13", "overlayfs", 2, 25 << 30)


@pytest.fixture(scope="module")
def rebuild():
    return recorded_build("stream-reordered-rebuild.json")


def test_a_table_draws_the_same_cells_in_html_and_text():
    table = helpers.Table("Two <rows>.", ("name", "bytes"), (("a & b", "1,024"), ("c", "7")),
                          notes=("a note",), numeric=(1,))  # fmt: skip
    text = str(table).splitlines()
    assert text == ["Two <rows>.", "name   bytes", "-----  -----", "a & b  1,024", "c          7",
                    "a note"]  # fmt: skip
    html = table._repr_html_()
    assert "<p>Two &lt;rows&gt;.</p>" in html
    assert '<td style="text-align:left">a &amp; b</td>' in html
    assert '<td style="text-align:right">1,024</td>' in html


def test_the_engine_shows_its_version_not_a_repr():
    assert str(INFO).splitlines()[0] == "Docker 26.1.5 (API 1.45) on Debian GNU/Linux 13."
    assert "25.0 GiB" in str(INFO) and "memory_bytes" not in str(INFO)
    assert '<td style="text-align:left">overlayfs</td>' in INFO._repr_html_()


def test_a_build_shows_its_steps(rebuild):
    text = str(rebuild)
    assert text.startswith("4 of 8 steps came from the cache; the build took 18.00 s.")
    assert "7  COPY source/ /app/source/" in text
    assert "(added by the course)" in text and "The slowest step was step 8 (2.50 s)." in text
    assert str(helpers.describe_steps(rebuild)) == text


def test_the_layers_table_numbers_rows_as_the_chart_does(rebuild):
    table = helpers.describe_layers(rebuild)
    assert [row[0] for row in table.rows] == [row.label for row in rebuild.rows]
    assert ("step 7", "COPY source/ /app/source/", "1,035", "built") in table.rows
    assert table.rows[0][3] == "base image"


def test_a_recorded_result_says_so_first(rebuild):
    import dataclasses

    recorded = dataclasses.replace(rebuild, recorded="recorded 2026-11-30 on Docker 20.10")
    assert str(recorded).startswith("(Recorded run: recorded 2026-11-30 on Docker 20.10.)")
    assert "<i>Recorded run:" in recorded._repr_html_()


def test_a_prediction_and_advice_show_themselves(tmp_path):
    (tmp_path / "Dockerfile").write_text(
        "FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n"
    )
    prediction = helpers.predict(tmp_path, "Dockerfile", ["app.py"])
    text = str(prediction)
    assert text.startswith("If app.py changes, step 2 is the first to run again.")
    assert "3  RUNS        RUN pip install" in text
    advice = helpers.lint(tmp_path / "Dockerfile")
    assert [finding.rule for finding in advice] == ["cache-order", "missing-dockerignore",
                                                    "pip-cache"]  # fmt: skip
    assert f"{tmp_path / 'Dockerfile'}: 3 finding(s)." in str(advice)
    assert "line 2 [cache-order]" in str(advice) and "fix: COPY /app/requirements.txt first" in str(
        advice
    )


def test_a_cleanup_report_lists_what_it_removed_and_kept():
    report = helpers.CleanupReport(("c1",), ("layerlab/a:1",), ("abc",), ("def: also tagged x",))
    text = str(report)
    assert text.startswith("Removed 1 container(s) and 1 image(s) the course made; kept 1.")
    assert "removed tag        layerlab/a:1" in text and "kept               def" in text


def test_the_context_and_the_bytes_below_a_folder_in_words(rebuild):
    import dataclasses

    sent = dataclasses.replace(rebuild, context_files=3, context_bytes=2048)
    assert str(helpers.describe_context(sent)) == (
        "Context sent: 3 files, 2.0 KiB, 0.50 s before step 1."
    )
    entry = helpers.FileEntry("/root/.cache/pip/wheel.whl", 900, "file")
    layer = helpers.LayerContents(0, None, "RUN pip install x", 1000, (entry,), (), (), 0)
    table = helpers.describe_bytes_under({"cache": layer}, "/root/.cache/pip")
    assert table.rows == (("cache", "1,000", "900"),)
