//! Rendering findings: rustc-style snippets, one-line brief, or a JSON array.

use std::io::{IsTerminal as _, Write};

use annotate_snippets::{Level, Renderer, Snippet};
use concord::check::{Finding, Severity};

/// Output formats for findings shared by `check` and `lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FindingFormat {
    /// rustc-style snippets with the span underlined and the suggestion.
    Text,
    /// `path:line:col: rule: message`, one a line.
    Brief,
    /// One JSON array of finding objects.
    Json,
}

/// True when colour should be used on stdout (a terminal and no `NO_COLOR`).
pub(crate) fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// Renders findings; `sources(file, line)` returns the line's text for snippets.
#[allow(dead_code)] // the contract entry point for `concord lint`
pub(crate) fn render(
    findings: &[Finding],
    format: FindingFormat,
    sources: &dyn Fn(&str, usize) -> Option<String>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    render_with(findings, format, sources, out, use_color())
}

/// Like [`render`] with colour chosen by the caller.
pub(crate) fn render_with(
    findings: &[Finding],
    format: FindingFormat,
    sources: &dyn Fn(&str, usize) -> Option<String>,
    out: &mut dyn Write,
    color: bool,
) -> std::io::Result<()> {
    match format {
        FindingFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, findings)?;
            writeln!(out)
        }
        FindingFormat::Brief => {
            for f in findings {
                writeln!(
                    out,
                    "{}:{}:{}: {}: {}",
                    f.file, f.line, f.column, f.rule, f.message
                )?;
            }
            Ok(())
        }
        FindingFormat::Text => {
            let renderer = if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            };
            for f in findings {
                let text = text_snippet(f, sources(&f.file, f.line), &renderer);
                writeln!(out, "{text}\n")?;
            }
            let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
            if !findings.is_empty() {
                writeln!(
                    out,
                    "{} error(s), {} warning(s), {} note(s)",
                    count(Severity::Error),
                    count(Severity::Warning),
                    count(Severity::Info)
                )?;
            }
            Ok(())
        }
    }
}

fn level(s: Severity) -> Level {
    match s {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
    }
}

/// The byte span of a finding in its line: from its column, as long as `found` when
/// the line has it there, else one character.
pub(crate) fn span_in_line(f: &Finding, line: &str) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(f.column.saturating_sub(1))
        .map_or(line.len(), |(b, _)| b);
    let len = match &f.found {
        Some(found) if !found.is_empty() && line[start..].starts_with(found.as_str()) => {
            found.len()
        }
        _ => line[start..].chars().next().map_or(0, char::len_utf8),
    };
    start..start + len
}

fn text_snippet(f: &Finding, line: Option<String>, renderer: &Renderer) -> String {
    let lvl = level(f.severity);
    let id = f.rule.id();
    let label = match (&f.expected, &f.found) {
        (Some(e), Some(x)) if e != x => format!("expected “{e}”"),
        (Some(e), None) => format!("expected “{e}”"),
        _ => String::new(),
    };
    let help = f.suggestion.as_ref().map(|s| format!("use “{s}”"));
    let origin = f.file.as_str();
    let mut msg = lvl.title(&f.message).id(id);
    // tabs would shift the underline in some terminals; show them as spaces
    let shown = line.map(|l| l.replace('\t', " "));
    if let Some(l) = shown.as_deref() {
        let span = span_in_line(f, l);
        msg = msg.snippet(
            Snippet::source(l)
                .line_start(f.line)
                .origin(origin)
                .fold(false)
                .annotation(lvl.span(span).label(&label)),
        );
    }
    if let Some(h) = &help {
        msg = msg.footer(Level::Help.title(h));
    }
    let mut s = renderer.render(msg).to_string();
    if shown.is_none() {
        s.push_str(&format!("\n  --> {}:{}:{}", f.file, f.line, f.column));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord::check::Rule;

    fn finding() -> Finding {
        Finding {
            file: "m.tsv".into(),
            line: 2,
            column: 11,
            rule: Rule::TermVariant,
            severity: Severity::Warning,
            message: "“Nazarbaev” is a near-miss of “Nazarbayev”".into(),
            source_term: Some("Назарбаев".into()),
            expected: Some("Nazarbayev".into()),
            found: Some("Nazarbaev".into()),
            suggestion: Some("Nazarbayev".into()),
        }
    }

    #[test]
    fn text_underlines_the_span_and_shows_help() {
        let mut out = Vec::new();
        let src = |_: &str, _: usize| Some("Назарбаев\tNazarbaev said".to_string());
        render_with(&[finding()], FindingFormat::Text, &src, &mut out, false).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("warning[term-variant]"), "{s}");
        assert!(s.contains("--> m.tsv:2:11"), "{s}");
        assert!(s.contains("  --------- expected “Nazarbayev”"), "{s}");
        assert!(s.contains("help: use “Nazarbayev”"), "{s}");
    }

    #[test]
    fn brief_and_json() {
        let mut out = Vec::new();
        render_with(
            &[finding()],
            FindingFormat::Brief,
            &|_, _| None,
            &mut out,
            false,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "m.tsv:2:11: term-variant: “Nazarbaev” is a near-miss of “Nazarbayev”\n"
        );
        let mut out = Vec::new();
        render_with(
            &[finding()],
            FindingFormat::Json,
            &|_, _| None,
            &mut out,
            false,
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v[0]["rule"], "term-variant");
        assert_eq!(v[0]["column"], 11);
    }
}
