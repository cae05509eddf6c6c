//! Findings for CI systems: GitHub Actions workflow commands and SARIF 2.1.0.
//!
//! `github` prints one `::error file=…,line=…,col=…,title=…::message` line a finding,
//! which GitHub turns into annotations on the pull request. `sarif` prints one SARIF
//! 2.1.0 log with rule metadata for GitHub code scanning (upload it with
//! `github/codeql-action/upload-sarif`).

use std::io::Write;

use concord::check::{Finding, Rule, Severity};
use serde_json::{json, Value};

/// A rule's one-line and full descriptions, for SARIF and documentation.
pub(crate) fn describe(rule: Rule) -> (&'static str, &'static str) {
    let info = rule.info();
    (info.summary, info.description)
}

/// Escapes workflow-command data (`%`, CR, LF).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property (data escapes plus `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn message(f: &Finding) -> String {
    match &f.suggestion {
        Some(s) if !f.message.contains(s.as_str()) => format!("{} (suggestion: {s})", f.message),
        _ => f.message.clone(),
    }
}

/// Writes GitHub Actions workflow commands, one a finding.
pub(crate) fn github(findings: &[Finding], out: &mut dyn Write) -> std::io::Result<()> {
    for f in findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = format!(
            "file={},line={},col={}",
            escape_property(&f.file),
            f.line,
            f.column
        );
        if let Some(found) = &f.found {
            let end = f.column + found.chars().count();
            props.push_str(&format!(",endLine={},endColumn={end}", f.line));
        }
        writeln!(
            out,
            "::{level} {props},title={}::{}",
            escape_property(&format!("concord {}", f.rule)),
            escape_data(&message(f))
        )?;
    }
    Ok(())
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A stable fingerprint of a finding that survives line shifts (FNV-1a over file, rule
/// and the offending text).
fn fingerprint(f: &Finding) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let text = f.found.as_deref().unwrap_or(&f.message);
    for part in [f.file.as_str(), f.rule.id(), text] {
        for b in part.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// Builds the SARIF 2.1.0 log. `levels` gives each rule's configured default level.
pub(crate) fn sarif_value(
    findings: &[Finding],
    levels: &dyn Fn(Rule) -> Option<Severity>,
) -> Value {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|&r| {
            let (short, full) = describe(r);
            let mut rule = json!({
                "id": r.id(),
                "name": r.id(),
                "shortDescription": { "text": short },
                "fullDescription": { "text": full },
                "help": {
                    "text": format!("{full} Switch it off or change its level in concord.toml: [rules] {} = \"warning\"", r.id()),
                },
                "properties": { "tags": ["terminology", "translation"] },
            });
            if let Some(url) = r.info().help_url {
                rule["helpUri"] = json!(url);
            }
            match levels(r) {
                Some(s) => rule["defaultConfiguration"] = json!({ "level": sarif_level(s) }),
                None => rule["defaultConfiguration"] = json!({ "enabled": false }),
            }
            rule
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut region = json!({ "startLine": f.line.max(1), "startColumn": f.column.max(1) });
            if let Some(found) = &f.found {
                region["endColumn"] = json!(f.column.max(1) + found.chars().count());
                region["snippet"] = json!({ "text": found });
            }
            let mut result = json!({
                "ruleId": f.rule.id(),
                "ruleIndex": Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0),
                "level": sarif_level(f.severity),
                "message": { "text": message(f) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&f.file), "uriBaseId": "%SRCROOT%" },
                        "region": region,
                    }
                }],
                "partialFingerprints": { "concordFinding/v1": fingerprint(f) },
            });
            let mut props = serde_json::Map::new();
            for (k, v) in [
                ("sourceTerm", &f.source_term),
                ("expected", &f.expected),
                ("found", &f.found),
                ("suggestion", &f.suggestion),
            ] {
                if let Some(v) = v {
                    props.insert(k.into(), json!(v));
                }
            }
            if !props.is_empty() {
                result["properties"] = Value::Object(props);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "concord",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/concord-tm/concord",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// Percent-encodes what a relative URI reference cannot hold (spaces, `%`, `#`, `?`).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '\\' => out.push('/'),
            c => out.push(c),
        }
    }
    out
}

/// Writes the SARIF 2.1.0 log.
pub(crate) fn sarif(
    findings: &[Finding],
    levels: &dyn Fn(Rule) -> Option<Severity>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &sarif_value(findings, levels))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding() -> Finding {
        Finding {
            file: "docs/a b.md".into(),
            line: 3,
            column: 5,
            rule: Rule::TermVariant,
            severity: Severity::Warning,
            message: "near-miss `Nazarbaev` of `Nazarbayev`, 100%".into(),
            source_term: None,
            expected: Some("Nazarbayev".into()),
            found: Some("Nazarbaev".into()),
            suggestion: Some("Nazarbayev".into()),
        }
    }

    #[test]
    fn github_command_escapes_and_positions() {
        let mut out = Vec::new();
        github(&[finding()], &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "::warning file=docs/a b.md,line=3,col=5,endLine=3,endColumn=14,title=concord term-variant::near-miss `Nazarbaev` of `Nazarbayev`, 100%25\n"
        );
    }

    #[test]
    fn sarif_has_rules_results_and_relative_uris() {
        let v = sarif_value(&[finding()], &|r| {
            (r != Rule::MixedScript).then_some(Severity::Error)
        });
        let run = &v["runs"][0];
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            Rule::ALL.len()
        );
        let res = &run["results"][0];
        assert_eq!(res["ruleId"], "term-variant");
        assert_eq!(
            run["tool"]["driver"]["rules"][res["ruleIndex"].as_u64().unwrap() as usize]["id"],
            "term-variant"
        );
        assert_eq!(res["level"], "warning");
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "docs/a%20b.md");
        assert_eq!(loc["region"]["endColumn"], 14);
        assert_eq!(
            run["tool"]["driver"]["rules"][6]["defaultConfiguration"]["enabled"],
            false
        );
    }

    #[test]
    fn fingerprint_ignores_line() {
        let a = finding();
        let mut b = finding();
        b.line = 40;
        assert_eq!(fingerprint(&a), fingerprint(&b));
    }
}
