"""The check every lesson opens with (helpers/notebook/setup.py)."""

import helpers


def test_the_setup_report_says_what_to_fix(monkeypatch, tmp_path):
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/none.sock")
    report = helpers.check_setup()
    assert not report.ok
    engine = report.check("Docker engine")
    assert not engine.ok and "Docker Desktop" in engine.fix
    assert report.table().rows[3][:2] == ("❌ fix", "Docker engine")
    assert report.check("Learner").ok
    assert "Not ready yet" in str(report) and 'left">❌ fix</td>' in report._repr_html_()
    assert report.check("Python").ok
