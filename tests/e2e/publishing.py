"""Browser steps shared by the publishing tests: upload a file on the Data page and publish it as an analyst."""

from __future__ import annotations

from pathlib import Path

from dashboard import auth

DIASPORA_2020 = "Iraqi-born living abroad, 2020"


def add_analyst(analysts_file: Path, name: str, passphrase: str) -> None:
    """What an operator does (docs/DEPLOYMENT.md): `python -m dashboard.auth add NAME`, passphrase typed twice."""
    typed = iter([passphrase, passphrase])
    assert auth.main(["--file", str(analysts_file), "add", name], prompt=lambda _: next(typed)) == 0


def shown_diaspora_2020(probe) -> str:
    """The Overview's headline figure as the page shows it now."""
    metric = probe.page.locator("[data-testid='stMetric']").filter(has_text=DIASPORA_2020)
    return metric.locator("[data-testid='stMetricValue']").inner_text().strip()


def start_publish(probe, url: str, upload: Path, analyst: str, passphrase: str) -> None:
    """Open the Data page, upload `upload`, fill the form, confirm a large change and click Publish (without
    waiting for the result)."""
    probe.goto(f"{url}/data")
    probe.page.get_by_role("tab", name="Upload").click()
    with probe.page.expect_file_chooser() as chooser:
        probe.page.get_by_test_id("stFileUploaderDropzone").click()
    chooser.value.set_files(str(upload))
    probe.page.get_by_text("All checks passed: 1,401 rows ready.").wait_for(timeout=60_000)
    probe.wait_idle()
    for label, value in (("Title", f"Iraqi-born abroad, {upload.stem}"), ("Source (publisher of the figures)", "Test"),
                         ("Citation", "Test (2025)"), ("Analyst name (your account)", analyst),
                         ("Analyst passphrase", passphrase)):
        probe.page.get_by_label(label, exact=True).first.fill(value)
    confirm = probe.page.get_by_text("I have checked these changes: publish this version for everyone anyway")
    if confirm.count():  # a version that moves the total by more than 10% asks for it
        confirm.first.click()
    probe.page.get_by_role("button", name="Publish as the new active version").click()
