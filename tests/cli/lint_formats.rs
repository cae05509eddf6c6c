//! `concord lint` finds terms where writers put them (tests/data/lint/formats): a
//! multi-word term wrapped across lines of Markdown, HTML and plain text is reported
//! at its first word; reStructuredText, AsciiDoc, gettext PO (the `msgstr` side),
//! XLIFF (the `<target>` side) and Markdown front matter are linted, with code,
//! comments, attributes and the source side left out; an include pattern that matches
//! files but checks none says so on stderr.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::{self, concord_in};

fn findings(extra: &[&str]) -> (BTreeSet<String>, String) {
    let out = concord_in(&util::data("lint/formats"))
        .args(["lint", "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON findings");
    let set = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {}",
                f["file"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["found"].as_str().unwrap_or("")
            )
        })
        .collect();
    (set, String::from_utf8(out.stderr).unwrap())
}

#[test]
fn every_document_type_is_linted_where_the_prose_is() {
    let (found, stderr) = findings(&[]);
    let expected: BTreeSet<String> = [
        // wrapped terms, reported at their first word
        "docs/wrapped.md:8:85 Tashkent Pact Organization",
        "docs/wrapped.html:5:36 Tashkent Pact Organization",
        "docs/wrapped.html:5:1 Akmola City",
        "docs/wrapped.txt:3:23 Tashkent Pact Organization",
        // front matter values are prose
        "docs/wrapped.md:2:8 Nazarbaev",
        "docs/guide.rst:4:36 Nazarbaev",
        "docs/guide.rst:5:1 Tashkent Pact Organization",
        "docs/guide.rst:11:38 Akmola City",
        "docs/guide.adoc:4:36 Nazarbaev",
        "docs/guide.adoc:12:28 Akmola City",
        // msgstr only, a string continued over two lines is one text
        "locale/en.po:10:19 Nazarbaev",
        "locale/en.po:15:19 Tashkent Pact Organization",
        // target only, inline codes left out
        "locale/portal.xlf:7:46 Nazarbaev",
        "locale/portal.xlf:12:75 Akmola City",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(found, expected, "stderr: {stderr}");
    assert!(stderr.contains("7 files checked"), "{stderr}");
}

#[test]
fn an_include_pattern_that_checks_nothing_says_so() {
    let (found, stderr) = findings(&["--include", "data/**"]);
    assert!(found.is_empty(), "{found:?}");
    assert!(
        stderr
            .contains("include pattern `data/**` matches 2 files but none of a type concord lints"),
        "{stderr}"
    );
    // a pattern that checks files says nothing
    let (_, stderr) = findings(&["--include", "docs/**"]);
    assert!(!stderr.contains("include pattern"), "{stderr}");
}
