//! The bilingual HTML edition: one self-contained page for the editor.
//!
//! Russian and English side by side, paragraph by paragraph, one row per sentence, so the
//! two columns stay aligned however long a sentence is. Fuzzy and missing sentences are
//! highlighted with their score; termbase terms are marked in both columns, with the
//! approved rendering on hover; the coverage summary heads the page. Everything (CSS
//! included) is inline: the page opens from disk, offline, without JavaScript.
//!
//! The markup is a stable interface for scripts (see `scripts/edition/html_check.py`):
//! rows are `div.row.{exact|fuzzy|missing}` with `data-status` and, for fuzzy rows,
//! `data-score`; cells are `div.ru` and `div.en`; terms are `mark.term` with a `title`
//! and `data-term` (the concept id).

use std::fmt::Write as _;

use super::{percent_label, Edition, Sentence, Status, Tally, TermMark};

/// What the page says about itself.
#[derive(Debug, Clone, Default)]
pub struct PageInfo {
    /// The source document's name, shown as the title.
    pub source: String,
    /// The memory path, shown in the footer.
    pub memory: String,
    /// The termbase path, if any, shown in the footer.
    pub termbase: Option<String>,
    /// The minimum fuzzy score used.
    pub min_score: f64,
    /// Term-check findings to show on their sentence's row.
    pub notes: Vec<RowNote>,
}

/// A term-check finding attached to one sentence row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowNote {
    /// 0-based paragraph index.
    pub paragraph: usize,
    /// 0-based sentence index in the paragraph.
    pub sentence: usize,
    /// `error`, `warning` or `info` (a CSS class).
    pub severity: String,
    /// The rule id (`number-mismatch`).
    pub rule: String,
    /// The finding's message.
    pub message: String,
}

/// Escapes text for HTML content and attribute values.
///
/// ```
/// assert_eq!(concord::edition::html::escape("«a» & <b> \"c\" 'd'"), "«a» &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;");
/// ```
pub fn escape(s: &str) -> String {
    // quick-xml's escaper covers the five characters HTML needs in text and attributes.
    quick_xml::escape::escape(s).into_owned()
}

/// Renders the edition as one self-contained HTML page.
pub fn render(edition: &Edition, info: &PageInfo) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let title = format!("English edition — {}", info.source);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"concord edition\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    header(&mut out, edition, info);
    out.push_str("<main>\n<div class=\"colhead\" aria-hidden=\"true\"><div>Russian original</div><div>English edition</div></div>\n");
    for p in &edition.paragraphs {
        let n = p.index + 1;
        let _ = writeln!(
            out,
            "<section class=\"para\" id=\"p{n}\" data-line=\"{}\">\n<div class=\"para-label\"><a href=\"#p{n}\">¶ {n}</a><span>line {}</span></div>",
            p.line, p.line
        );
        for (j, s) in p.sentences.iter().enumerate() {
            let notes: Vec<&RowNote> = info
                .notes
                .iter()
                .filter(|r| r.paragraph == p.index && r.sentence == j)
                .collect();
            row(
                &mut out,
                edition,
                info,
                s,
                &format!("p{n}-s{}", j + 1),
                p.line,
                &notes,
            );
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n");
    footer(&mut out, info);
    out.push_str("</body>\n</html>\n");
    out
}

fn header(out: &mut String, edition: &Edition, info: &PageInfo) {
    let c = &edition.coverage;
    let s = &c.sentences;
    let state = if c.is_complete() {
        "<span class=\"state done\">Complete: every sentence has an exact match</span>"
    } else {
        "<span class=\"state todo\">Needs work before publication</span>"
    };
    let check = match (info.termbase.is_some(), info.notes.len()) {
        (false, _) => "<span class=\"state muted\">Term check: no termbase</span>".to_string(),
        (true, 0) => "<span class=\"state done\">Term check: no findings</span>".to_string(),
        (true, n) => format!(
            "<span class=\"state todo\">Term check: {n} finding{}</span>",
            if n == 1 { "" } else { "s" }
        ),
    };
    let _ = write!(
        out,
        "<header class=\"top\">\n<div class=\"kicker\">concord · English edition</div>\n<h1>{}</h1>\n{state}\n{check}\n\
         <section class=\"coverage\" id=\"coverage\" aria-label=\"Coverage\">\n",
        escape(&info.source)
    );
    let label = format!(
        "Sentences: {} exact, {} fuzzy, {} missing",
        s.exact, s.fuzzy, s.missing
    );
    let _ = writeln!(
        out,
        "<div class=\"bar\" role=\"img\" aria-label=\"{}\" title=\"{}\">{}{}{}</div>",
        escape(&label),
        escape(&label),
        bar_segment("exact", s.exact, s.total()),
        bar_segment("fuzzy", s.fuzzy, s.total()),
        bar_segment("missing", s.missing, s.total()),
    );
    out.push_str(
        "<table class=\"stats\">\n<thead><tr><th></th><th colspan=\"2\">Sentences</th><th colspan=\"2\">Words</th></tr></thead>\n<tbody>\n",
    );
    type Count = fn(&Tally) -> usize;
    let rows: [(&str, &str, Count); 3] = [
        ("exact", "Exact", |t| t.exact),
        ("fuzzy", "Fuzzy", |t| t.fuzzy),
        ("missing", "Missing", |t| t.missing),
    ];
    for (class, name, get) in rows {
        let _ = writeln!(
            out,
            "<tr class=\"{class}\"><th><span class=\"dot {class}\"></span>{name}</th><td class=\"num\" data-count=\"{}\">{}</td><td class=\"pct\">{}</td><td class=\"num\">{}</td><td class=\"pct\">{}</td></tr>",
            get(&c.sentences),
            get(&c.sentences),
            percent_label(get(&c.sentences), c.sentences.total()),
            get(&c.words),
            percent_label(get(&c.words), c.words.total()),
        );
    }
    let _ = writeln!(
        out,
        "<tr class=\"total\"><th>Total</th><td class=\"num\">{}</td><td></td><td class=\"num\">{}</td><td></td></tr>\n</tbody>\n</table>\n</section>",
        c.sentences.total(),
        c.words.total()
    );
    out.push_str(
        "<div class=\"legend\"><span><span class=\"swatch fuzzy\"></span>Fuzzy match: review (score shown)</span>\
         <span><span class=\"swatch missing\"></span>Missing: not in the memory</span>\
         <span><mark class=\"term sample\">Term</mark> termbase term: hover for the approved rendering</span></div>\n",
    );
    review(out, edition, info);
    out.push_str("</header>\n");
}

/// Links to every row that needs attention (fuzzy, missing, flagged by the term check),
/// so the editor can walk through them without scrolling the whole document.
fn review(out: &mut String, edition: &Edition, info: &PageInfo) {
    const LIMIT: usize = 200;
    let mut links = Vec::new();
    let mut more = 0;
    for p in &edition.paragraphs {
        for (j, s) in p.sentences.iter().enumerate() {
            let flagged = info
                .notes
                .iter()
                .any(|n| n.paragraph == p.index && n.sentence == j);
            let what = match s.status {
                Status::Fuzzy(score) => format!("fuzzy {score:.0}%"),
                Status::Missing => "missing".to_string(),
                Status::Exact if flagged => "term check".to_string(),
                Status::Exact => continue,
            };
            if links.len() == LIMIT {
                more += 1;
                continue;
            }
            let class = if flagged && s.status == Status::Exact {
                "flagged"
            } else {
                s.status.name()
            };
            links.push(format!(
                "<a class=\"{class}\" href=\"#p{n}-s{m}\">¶{n}.{m} {what}</a>",
                n = p.index + 1,
                m = j + 1
            ));
        }
    }
    if links.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<nav class=\"review\" aria-label=\"To review\"><span class=\"review-title\">To review</span> {}",
        links.join(" ")
    );
    if more > 0 {
        let _ = write!(out, " <span>… and {more} more</span>");
    }
    out.push_str("</nav>\n");
}

fn bar_segment(class: &str, n: usize, total: usize) -> String {
    if n == 0 || total == 0 {
        return String::new();
    }
    let width = n as f64 * 100.0 / total as f64;
    format!("<span class=\"seg {class}\" style=\"width:{width:.3}%\"></span>")
}

fn row(
    out: &mut String,
    edition: &Edition,
    info: &PageInfo,
    s: &Sentence,
    id: &str,
    line: usize,
    notes: &[&RowNote],
) {
    let status = s.status.name();
    let flagged = if notes.is_empty() { "" } else { " flagged" };
    let score_attr = match s.status {
        Status::Fuzzy(score) => format!(" data-score=\"{score:.1}\""),
        _ => String::new(),
    };
    let _ = write!(
        out,
        "<div class=\"row {status}{flagged}\" id=\"{id}\" data-status=\"{status}\"{score_attr}>\n<div class=\"ru\" lang=\"ru\">"
    );
    marked(out, edition, &s.ru, &s.ru_terms, Lang::Ru);
    out.push_str("</div>\n<div class=\"en\" lang=\"en\">");
    match (&s.en, s.status) {
        (Some(en), status) => {
            marked(out, edition, en, &s.en_terms, Lang::En);
            if let Status::Fuzzy(score) = status {
                let mut why = format!(
                    "Fuzzy match {score:.0}%: this English translates «{}»",
                    s.matched_ru.as_deref().unwrap_or("")
                );
                if let Some(o) = s.origin.as_ref().filter(|o| o.line > 0) {
                    let _ = write!(why, " ({}:{})", o.path.display(), o.line);
                }
                let _ = write!(
                    out,
                    " <span class=\"badge fuzzy\" title=\"{}\">{score:.0}%</span>\
                     <div class=\"hint\">Memory source: «{}»</div>",
                    escape(&why),
                    diffed(s.matched_ru.as_deref().unwrap_or(""), &s.ru)
                );
            }
        }
        (None, _) => {
            let nearest = match s.best_below {
                Some(score) if score > 0.0 => format!(
                    "The best memory match scores {score:.0}%, below the minimum {}%",
                    info.min_score
                ),
                _ => "No similar sentence in the memory".to_string(),
            };
            let _ = write!(
                out,
                "<span class=\"badge missing\" title=\"{}; line {line}, column {}\">missing</span> \
                 <span class=\"placeholder\">Not yet translated</span>",
                escape(&nearest),
                s.column
            );
        }
    }
    for n in notes {
        let _ = write!(
            out,
            "<div class=\"finding {}\" data-rule=\"{}\"><span class=\"rule\">{}</span> {}</div>",
            escape(&n.severity),
            escape(&n.rule),
            escape(&n.rule),
            escape(&n.message)
        );
    }
    out.push_str("</div>\n</div>\n");
}

/// Writes `theirs` escaped, with the words that `ours` lacks marked as differences.
///
/// Why: in a fuzzy match the reviewer needs to see at once what the memory's sentence
/// says that the source does not (a year, a name, a negation).
fn diffed(theirs: &str, ours: &str) -> String {
    let a: Vec<_> = crate::text::words(theirs).collect();
    let b: Vec<String> = crate::text::words(ours)
        .map(|t| crate::text::fold(t.text))
        .collect();
    let fa: Vec<String> = a.iter().map(|t| crate::text::fold(t.text)).collect();
    // longest common subsequence of folded words
    let (n, m) = (fa.len(), b.len());
    let mut dp = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[i][j] = if fa[i] == b[j] {
                dp[i + 1][j + 1] + 1
            } else {
                dp[i + 1][j].max(dp[i][j + 1])
            };
        }
    }
    let mut common = vec![false; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if fa[i] == b[j] {
            common[i] = true;
            i += 1;
            j += 1;
        } else if dp[i + 1][j] >= dp[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    let mut out = String::new();
    let mut at = 0;
    for (t, same) in a.iter().zip(common) {
        if same {
            continue;
        }
        out.push_str(&escape(&theirs[at..t.start]));
        let _ = write!(out, "<span class=\"diff\">{}</span>", escape(t.text));
        at = t.end();
    }
    out.push_str(&escape(&theirs[at..]));
    out
}

#[derive(Clone, Copy)]
enum Lang {
    Ru,
    En,
}

/// Writes `text` escaped, with its term marks as `<mark>`s.
fn marked(out: &mut String, edition: &Edition, text: &str, marks: &[TermMark], lang: Lang) {
    let mut at = 0;
    for m in marks {
        let ok = m.span.start >= at
            && m.span.end <= text.len()
            && text.is_char_boundary(m.span.start)
            && text.is_char_boundary(m.span.end);
        let Some(info) = edition.terms.get(m.term).filter(|_| ok) else {
            continue;
        };
        out.push_str(&escape(&text[at..m.span.start]));
        let mut title = match lang {
            Lang::Ru => format!("Approved: {}\nTermbase: {} → {}", info.en, info.ru, info.en),
            Lang::En => format!("Termbase: {} → {}", info.ru, info.en),
        };
        if !info.note.is_empty() {
            title.push('\n');
            title.push_str(&info.note);
        }
        let _ = write!(
            out,
            "<mark class=\"term\" data-term=\"{}\" title=\"{}\">{}</mark>",
            escape(&info.id),
            escape(&title),
            escape(&text[m.span.clone()])
        );
        at = m.span.end;
    }
    out.push_str(&escape(&text[at..]));
}

fn footer(out: &mut String, info: &PageInfo) {
    let mut parts = vec![format!("Source: {}", escape(&info.source))];
    if !info.memory.is_empty() {
        parts.push(format!("memory: {}", escape(&info.memory)));
    }
    if let Some(t) = &info.termbase {
        parts.push(format!("termbase: {}", escape(t)));
    }
    parts.push(format!("minimum fuzzy score: {}", info.min_score));
    let _ = writeln!(
        out,
        "<footer>Generated by <code>concord edition</code>. {}.</footer>",
        parts.join(" · ")
    );
}

const CSS: &str = r#"
:root{--ink:#1d2330;--muted:#5f6b7a;--rule:#e3e7ee;--paper:#fff;--bg:#f4f6f9;
--exact:#2f9e6e;--fuzzy:#c98a00;--fuzzy-bg:#fff7e0;--missing:#c93a3a;--missing-bg:#fdeeee;
--term:#2456c7;--term-bg:#e9f0ff}
*{box-sizing:border-box}
html{background:var(--bg)}
body{margin:0 auto;max-width:1240px;padding:32px 28px 48px;color:var(--ink);
font:15px/1.6 "Source Serif Pro","Georgia","DejaVu Serif",serif}
header.top,footer,.colhead,.para-label,.stats,.legend,.badge,.hint,.state,.kicker{
font-family:"Inter","Segoe UI","Helvetica Neue","DejaVu Sans",Arial,sans-serif}
header.top{background:var(--paper);border:1px solid var(--rule);border-radius:10px;padding:22px 26px;margin-bottom:22px}
.kicker{font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:var(--muted)}
h1{margin:4px 0 6px;font-size:24px;font-weight:600;line-height:1.3;word-break:break-word}
.state{display:inline-block;font-size:13px;font-weight:600;padding:2px 10px;border-radius:999px}
.state.done{background:#e3f5ec;color:#1d7a52}.state.todo{background:var(--missing-bg);color:var(--missing)}
.state.muted{background:var(--bg);color:var(--muted)}.state+.state{margin-left:8px}
.finding{font-size:12.5px;margin-top:4px;padding:3px 8px;border-radius:4px;background:#fff1f0;color:#8a1c1c;
font-family:"Inter","Segoe UI","Helvetica Neue","DejaVu Sans",Arial,sans-serif}
.finding.warning{background:#fff6e0;color:#7a5200}.finding.info{background:#eef3fb;color:#2a4a7a}
.finding .rule{font-weight:700}
.row.flagged>.en{box-shadow:inset -3px 0 0 var(--missing)}
.review{margin-top:14px;padding-top:12px;border-top:1px solid var(--rule);font-size:12.5px;line-height:2;
font-family:"Inter","Segoe UI","Helvetica Neue","DejaVu Sans",Arial,sans-serif;color:var(--muted)}
.review-title{font-weight:600;color:var(--ink);margin-right:6px}
.review a{display:inline-block;padding:0 8px;margin-right:4px;border-radius:999px;text-decoration:none;line-height:1.7;white-space:nowrap}
.review a.fuzzy{background:var(--fuzzy-bg);color:#7a5200;border:1px solid #f1d48a}
.review a.missing{background:var(--missing-bg);color:var(--missing);border:1px solid #f1b9b9}
.review a.flagged{background:#fff1f0;color:#8a1c1c;border:1px solid #f1b9b9}
.row:target>div{outline:2px solid var(--term);outline-offset:-2px}
.diff{background:#ffe08a;border-radius:2px;padding:0 2px;font-weight:600}
.coverage{display:flex;flex-wrap:wrap;gap:18px 36px;align-items:center;margin-top:16px}
.bar{flex:1 1 320px;display:flex;height:12px;border-radius:6px;overflow:hidden;background:var(--rule)}
.seg{display:block;height:100%}.seg.exact{background:var(--exact)}.seg.fuzzy{background:var(--fuzzy)}.seg.missing{background:var(--missing)}
.stats{border-collapse:collapse;font-size:13px}
.stats th,.stats td{padding:3px 10px;text-align:left}
.stats thead th{color:var(--muted);font-weight:500;border-bottom:1px solid var(--rule)}
.stats td.num{text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
.stats td.pct{color:var(--muted);font-variant-numeric:tabular-nums;text-align:right}
.stats tr.total th,.stats tr.total td{border-top:1px solid var(--rule)}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:7px;vertical-align:0}
.dot.exact{background:var(--exact)}.dot.fuzzy{background:var(--fuzzy)}.dot.missing{background:var(--missing)}
.legend{display:flex;flex-wrap:wrap;gap:8px 22px;margin-top:14px;font-size:12.5px;color:var(--muted)}
.swatch{display:inline-block;width:22px;height:14px;border-radius:3px;vertical-align:-2px;margin-right:6px}
.swatch.fuzzy{background:var(--fuzzy-bg);border-left:3px solid var(--fuzzy)}
.swatch.missing{background:var(--missing-bg);border-left:3px solid var(--missing)}
main{background:var(--paper);border:1px solid var(--rule);border-radius:10px;overflow:hidden}
.colhead{display:grid;grid-template-columns:1fr 1fr;position:sticky;top:0;z-index:2;background:#fafbfc;
border-bottom:1px solid var(--rule);font-size:12px;letter-spacing:.06em;text-transform:uppercase;color:var(--muted)}
.colhead div{padding:10px 22px}.colhead div+div{border-left:1px solid var(--rule)}
.para{border-bottom:1px solid var(--rule)}.para:last-child{border-bottom:0}
.para-label{display:flex;gap:10px;align-items:baseline;padding:12px 22px 2px;font-size:12px;color:var(--muted)}
.para-label a{color:var(--ink);font-weight:600;text-decoration:none}
.row{display:grid;grid-template-columns:1fr 1fr}
.row>div{padding:5px 22px;min-width:0;overflow-wrap:anywhere}
.row>.en{border-left:1px solid var(--rule)}
.row+.row>div{border-top:1px dashed #edf0f4}
.row:last-child>div{padding-bottom:14px}
.row.fuzzy>div{background:var(--fuzzy-bg)}.row.fuzzy>.ru{box-shadow:inset 3px 0 0 var(--fuzzy)}
.row.missing>div{background:var(--missing-bg)}.row.missing>.ru{box-shadow:inset 3px 0 0 var(--missing)}
.badge{display:inline-block;font-size:11px;font-weight:700;line-height:1;padding:3px 6px;border-radius:4px;
vertical-align:2px;color:#fff;cursor:help;white-space:nowrap}
.badge.fuzzy{background:var(--fuzzy)}.badge.missing{background:var(--missing);text-transform:uppercase;letter-spacing:.04em}
.placeholder{color:var(--missing);font-style:italic}
.hint{font-size:12px;color:#7a5b00;margin-top:2px}
mark.term{background:var(--term-bg);color:inherit;border-bottom:1px dotted var(--term);border-radius:2px;padding:0 1px;cursor:help}
mark.term:hover{background:#d5e2ff}
footer{margin-top:18px;font-size:12px;color:var(--muted);text-align:center}
footer code{font-size:12px}
@media (max-width:760px){.row,.colhead{grid-template-columns:1fr}.row>.en{border-left:0}.colhead div+div{display:none}}
@media print{html{background:#fff}body{padding:0;max-width:none}header.top,main{border:0}.colhead{position:static}.legend{display:none}}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edition::tests::sample_edition;

    fn page() -> String {
        render(
            &sample_edition(),
            &PageInfo {
                source: "doc <1>.ru.txt".into(),
                memory: "memory".into(),
                termbase: Some("termbase".into()),
                min_score: 75.0,
                notes: vec![RowNote {
                    paragraph: 1,
                    sentence: 0,
                    severity: "error".into(),
                    rule: "number-mismatch".into(),
                    message: "the source has <1991>".into(),
                }],
            },
        )
    }

    #[test]
    fn rows_carry_status_and_score() {
        let html = page();
        assert_eq!(html.matches("<div class=\"row exact\"").count(), 2);
        assert!(html.contains(
            "<div class=\"row fuzzy flagged\" id=\"p2-s1\" data-status=\"fuzzy\" data-score=\"87.5\">"
        ));
        assert!(html.contains("<span class=\"badge fuzzy\""));
        assert!(html.contains(">88%</span>"));
        assert_eq!(html.matches("<div class=\"row missing\"").count(), 1);
    }

    #[test]
    fn terms_are_marked_with_the_approved_rendering() {
        let html = page();
        assert!(html.contains(
            "<mark class=\"term\" data-term=\"cis\" title=\"Approved: CIS\nTermbase: СНГ → CIS\">СНГ</mark> создано"
        ), "{html}");
        assert!(html.contains("The <mark class=\"term\" data-term=\"cis\" title=\"Termbase: СНГ → CIS\">CIS</mark> was"));
    }

    #[test]
    fn page_is_self_contained_and_escaped() {
        let html = page();
        assert!(html.contains("<h1>doc &lt;1&gt;.ru.txt</h1>"));
        for external in [
            "<script", "<link", "src=", "http://", "https://", "@import", "url(",
        ] {
            assert!(!html.contains(external), "{external}");
        }
    }

    #[test]
    fn findings_show_on_their_row_and_in_the_header() {
        let html = page();
        assert!(html.contains("<div class=\"row fuzzy flagged\" id=\"p2-s1\""));
        assert!(html.contains("<div class=\"finding error\" data-rule=\"number-mismatch\"><span class=\"rule\">number-mismatch</span> the source has &lt;1991&gt;</div>"));
        assert!(html.contains("Term check: 1 finding</span>"));
    }

    #[test]
    fn review_list_links_to_rows_needing_attention() {
        let html = page();
        assert!(html.contains("<nav class=\"review\" aria-label=\"To review\"><span class=\"review-title\">To review</span> <a class=\"fuzzy\" href=\"#p2-s1\">¶2.1 fuzzy 88%</a> <a class=\"missing\" href=\"#p2-s2\">¶2.2 missing</a></nav>"), "{html}");
    }

    #[test]
    fn fuzzy_hint_marks_the_words_that_differ() {
        assert_eq!(
            diffed(
                "СНГ создано в 1991 г. в Минске.",
                "снг создано в 1991 г. в Алматы."
            ),
            "СНГ создано в 1991 г. в <span class=\"diff\">Минске</span>."
        );
        assert_eq!(
            diffed("a <b> c", "a c"),
            "a &lt;<span class=\"diff\">b</span>&gt; c"
        );
        assert_eq!(diffed("", "x"), "");
    }

    #[test]
    fn escape_covers_markup_characters() {
        assert_eq!(
            escape("<a href='x'>&\"</a>"),
            "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }
}
