//! The termbase: approved English renderings of Russian names and terms.
//!
//! The main type is [`Termbase`], a list of [`Concept`]s read from TSV. Columns:
//! `id ru en variants forbidden note case severity`; `ru`, `variants` and `forbidden`
//! hold `|`-separated forms, so a full name and its abbreviation share one row
//! (`Организация центральноазиатского сотрудничества|ОЦАС`).

pub mod candidates;
pub mod matcher;
pub use crate::text::stem;

pub use matcher::{FormKind, Matcher, TermHit};

use std::path::Path;
use std::sync::Arc;

use crate::severity::Severity;
use crate::tsv;
use crate::tsv::Origin;

/// How a term's case is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaseRule {
    /// Decided per term: acronyms and capitalised names keep their case, lower-case
    /// terms may take a capital at sentence start.
    #[default]
    Auto,
    /// The term must appear exactly in this case.
    Exact,
    /// Case is ignored.
    Ignore,
}

/// One concept: a Russian term (with its abbreviation or other forms) and its English.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Concept {
    /// Stable identifier (e.g. `csto`).
    pub id: String,
    /// Russian forms, in dictionary form: full name, abbreviation, synonyms.
    pub ru: Vec<String>,
    /// The approved English rendering.
    pub en: String,
    /// Other acceptable English renderings.
    pub variants: Vec<String>,
    /// English renderings that must not be used.
    pub forbidden: Vec<String>,
    /// Why this rendering (shown to translators).
    pub note: String,
    /// Case rule for the English forms.
    pub case: CaseRule,
    /// Severity of findings about this concept.
    pub severity: Severity,
    /// Other columns, by name, in file order: what a TBX file says besides terms
    /// (`definition`, `en:note`, `en-term:context`, …; see the interop section of
    /// `docs/design.md`). Kept through TSV and TBX.
    pub extra: Vec<(String, String)>,
    /// Where the concept was read from.
    pub origin: Origin,
}

/// A termbase: concepts in file order.
#[derive(Debug, Clone, Default)]
pub struct Termbase {
    /// The concepts.
    pub concepts: Vec<Concept>,
}

/// The termbase TSV columns, in the order concord writes them.
pub const COLUMNS: [&str; 8] = [
    "id",
    "ru",
    "en",
    "variants",
    "forbidden",
    "note",
    "case",
    "severity",
];

fn termbase_header(fields: &[String]) -> bool {
    tsv::looks_like_header(fields) && fields.iter().any(|f| f == "id")
}

/// Reading options for termbase TSV files.
pub const READ_OPTIONS: tsv::ReadOptions<'static> = tsv::ReadOptions {
    default_header: &COLUMNS,
    min_headerless_fields: 3,
    is_header: termbase_header,
    comments: true,
};

fn split_forms(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_string)
        .collect()
}

impl Concept {
    /// The value of an extra column.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.extra
            .iter()
            .find(|(k, _)| k == column)
            .map(|(_, v)| v.as_str())
    }
}

impl Termbase {
    /// The extra column names used by any concept, in first-seen order.
    pub fn extra_columns(&self) -> Vec<String> {
        let mut cols: Vec<String> = Vec::new();
        for c in &self.concepts {
            for (k, _) in &c.extra {
                if !cols.contains(k) {
                    cols.push(k.clone());
                }
            }
        }
        cols
    }

    /// Loads a termbase from a TSV file or a folder of `*.tsv` files.
    pub fn open(path: &Path) -> Result<Termbase, tsv::Error> {
        let mut tb = Termbase::default();
        for file in tsv::tsv_files(path)? {
            tb.concepts.extend(read_concepts(&file)?);
        }
        Ok(tb)
    }

    /// Serialises the termbase as TSV with the standard header.
    pub fn to_tsv(&self) -> String {
        let mut out = String::new();
        let extra = self.extra_columns();
        let mut header: Vec<&str> = COLUMNS.to_vec();
        header.extend(extra.iter().map(String::as_str));
        tsv::write_record(&mut out, &header);
        for c in &self.concepts {
            let case = match c.case {
                CaseRule::Auto => "auto",
                CaseRule::Exact => "exact",
                CaseRule::Ignore => "ignore",
            };
            let severity = c.severity.as_str();
            let (ru, variants, forbidden) =
                (c.ru.join("|"), c.variants.join("|"), c.forbidden.join("|"));
            let mut row = vec![
                c.id.as_str(),
                &ru,
                &c.en,
                &variants,
                &forbidden,
                &c.note,
                case,
                severity,
            ];
            row.extend(extra.iter().map(|k| c.get(k).unwrap_or("")));
            tsv::write_record(&mut out, &row);
        }
        out
    }
}

/// Reads the concepts of one termbase TSV file.
pub fn read_concepts(path: &Path) -> Result<Vec<Concept>, tsv::Error> {
    let table = tsv::read_file(path, &READ_OPTIONS)?;
    let col = |name: &str| table.column(name);
    let (Some(id), Some(ru), Some(en)) = (col("id"), col("ru"), col("en")) else {
        return Err(tsv::Error::parse(
            path,
            1,
            1,
            "the header must name `id`, `ru` and `en` columns",
        ));
    };
    let (variants, forbidden, note, case, severity) = (
        col("variants"),
        col("forbidden"),
        col("note"),
        col("case"),
        col("severity"),
    );
    let shared: Arc<Path> = Arc::from(path);
    let others: Vec<usize> = if table.has_header {
        (0..table.header.len())
            .filter(|&i| !COLUMNS.contains(&table.header[i].as_str()))
            .collect()
    } else {
        Vec::new()
    };
    let mut out = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let get = |i: Option<usize>| i.map_or("", |i| row.fields[i].as_str());
        let bad = |column: &str, value: &str, expected: &str| {
            let c = table.column(column).unwrap_or(0);
            tsv::Error::parse(
                path,
                row.line,
                c + 1,
                format!("bad `{column}` value `{value}`: expected {expected}"),
            )
        };
        let case = match get(case) {
            "" | "auto" => CaseRule::Auto,
            "exact" => CaseRule::Exact,
            "ignore" => CaseRule::Ignore,
            v => return Err(bad("case", v, "auto, exact or ignore")),
        };
        let severity = match get(severity) {
            "" => Severity::Error,
            v => match Severity::from_name(v) {
                Some(s) => s,
                None => return Err(bad("severity", v, "error, warning or info")),
            },
        };
        let concept = Concept {
            id: get(Some(id)).to_string(),
            ru: split_forms(get(Some(ru))),
            en: get(Some(en)).trim().to_string(),
            variants: split_forms(get(variants)),
            forbidden: split_forms(get(forbidden)),
            note: get(note).to_string(),
            case,
            severity,
            extra: others
                .iter()
                .map(|&i| (table.header[i].clone(), row.fields[i].clone()))
                .collect(),
            origin: Origin {
                path: shared.clone(),
                line: row.line,
            },
        };
        if concept.ru.is_empty() || concept.en.is_empty() {
            return Err(tsv::Error::parse(
                path,
                row.line,
                1,
                "a concept needs a Russian term (`ru`) and an approved English rendering (`en`)",
            ));
        }
        out.push(concept);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_forms_and_defaults_and_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.tsv");
        std::fs::write(
            &p,
            "id\tru\ten\tvariants\tforbidden\tnote\tcase\tseverity\n# comment\ncaco\tОрганизация центральноазиатского сотрудничества|ОЦАС\tCentral Asian Cooperation Organization\tCACO\tCACO Organisation\tWhy\t\twarning\n",
        )
        .unwrap();
        let tb = Termbase::open(&p).unwrap();
        let c = &tb.concepts[0];
        assert_eq!(
            c.ru,
            ["Организация центральноазиатского сотрудничества", "ОЦАС"]
        );
        assert_eq!(c.variants, ["CACO"]);
        assert_eq!(c.severity, Severity::Warning);
        assert_eq!(c.origin.line, 3);
        std::fs::write(&p, tb.to_tsv()).unwrap();
        assert_eq!(Termbase::open(&p).unwrap().concepts[0].ru, c.ru);
    }

    #[test]
    fn bad_severity_names_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.tsv");
        std::fs::write(&p, "id\tru\ten\tseverity\nx\tА\tA\tfatal\n").unwrap();
        let e = Termbase::open(&p).unwrap_err().to_string();
        assert!(
            e.ends_with("t.tsv:2:4: bad `severity` value `fatal`: expected error, warning or info"),
            "{e}"
        );
    }
}
