//! `concord lint --format sarif` is valid against the SARIF 2.1.0 JSON schema.
//!
//! Validation uses Python's `jsonschema` and the schema installed by
//! `.ci/deps.d/lint.sh` (or named by `CONCORD_SARIF_SCHEMA`); without them the test
//! prints a note and skips.

use std::path::{Path, PathBuf};
use std::process::Command;

fn schema() -> Option<PathBuf> {
    let p = std::env::var_os("CONCORD_SARIF_SCHEMA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/local/share/concord/sarif-schema-2.1.0.json"));
    p.is_file().then_some(p)
}

fn python_has_jsonschema() -> bool {
    Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success())
}

const VALIDATE: &str = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
cls = jsonschema.validators.validator_for(schema)
errors = sorted(cls(schema).iter_errors(log), key=lambda e: list(e.path))
for e in errors[:10]:
    print("/".join(map(str, e.path)), e.message)
sys.exit(1 if errors else 0)
"#;

fn validate(schema: &Path, log: &Path) {
    let out = Command::new("python3")
        .args(["-c", VALIDATE])
        .arg(schema)
        .arg(log)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "SARIF log {} is not valid:\n{}{}",
        log.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sarif_output_is_valid_against_the_schema() {
    let (Some(schema), true) = (schema(), python_has_jsonschema()) else {
        eprintln!(
            "note: skipping SARIF schema validation: run .ci/deps.d/lint.sh (needs python3 \
             with jsonschema and the schema file) or set CONCORD_SARIF_SCHEMA"
        );
        return;
    };
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/lint/basic");
    let dir = tempfile::tempdir().unwrap();
    // with findings, and with none (an empty results array must be valid too)
    for (name, extra) in [
        ("findings.sarif", vec![]),
        (
            "clean.sarif",
            vec!["--deny", "off", "notes.txt", "--rule", "term-forbidden=off"],
        ),
    ] {
        let log = dir.path().join(name);
        let out = assert_cmd::Command::cargo_bin("concord")
            .unwrap()
            .current_dir(&fixture)
            .args(["lint", "-q", "--format", "sarif", "-o"])
            .arg(&log)
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
        validate(&schema, &log);
    }
    // the validator really rejects a broken log
    let bad = dir.path().join("bad.sarif");
    std::fs::write(&bad, r#"{"version":"2.1.0","runs":[{"tool":{}}]}"#).unwrap();
    let out = Command::new("python3")
        .args(["-c", VALIDATE])
        .arg(&schema)
        .arg(&bad)
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "a log without a driver passed validation"
    );
}
