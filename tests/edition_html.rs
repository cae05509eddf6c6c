//! The HTML edition rendered by headless Chromium: `scripts/edition/html_check.py` checks
//! the DOM (every sentence present, in order; highlights and hover titles where expected;
//! coverage table agrees with the rows) and saves a screenshot.
//!
//! Skips with a printed note when chromium or python3 is not installed
//! (`.ci/deps.d/edition.sh` installs chromium in CI).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs the check script; `None` when it cannot run here (note printed).
fn html_check(name: &str, args: &[&str]) -> Option<PathBuf> {
    if !have("chromium") {
        eprintln!("note: chromium is not installed; skipping the HTML edition check ({name})");
        return None;
    }
    if !have("python3") {
        eprintln!("note: python3 is not installed; skipping the HTML edition check ({name})");
        return None;
    }
    let out = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("edition-html-check")
        .join(name);
    let result = Command::new("python3")
        .current_dir(root())
        .arg("scripts/edition/html_check.py")
        .args(["--concord", env!("CARGO_BIN_EXE_concord")])
        .arg("--out")
        .arg(&out)
        .args(args)
        .output()
        .expect("run html_check.py");
    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        result.status.success(),
        "html_check.py failed ({}):\n{stdout}\n{stderr}",
        result.status
    );
    assert!(stdout.contains("html_check: "), "{stdout}");
    let png = out.join("edition.png");
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(
        bytes.starts_with(b"\x89PNG"),
        "not a PNG: {}",
        png.display()
    );
    eprintln!("{stdout}");
    Some(png)
}

#[test]
fn fixture_page_shows_every_sentence_with_its_highlights() {
    html_check(
        "fixture",
        &[
            "--config",
            "tests/data/edition/concord.toml",
            "--expect-fuzzy",
            "1",
            "--expect-missing",
            "1",
            "--expect-terms",
            "--expect-findings",
            "1",
            "--height",
            "1000",
        ],
    );
}

#[test]
fn sample_page_is_complete() {
    if !root().join("memory").exists() {
        eprintln!("note: the sample's memory/ is not in this checkout yet; skipping");
        return;
    }
    html_check(
        "sample",
        &[
            "--config",
            "concord.toml",
            "--expect-complete",
            "--height",
            "1600",
        ],
    );
}
