//! Terminology linting of a repository for CI: `concord lint`.
//!
//! The main type is [`Linter`]: it compiles the termbase once, walks the given paths in
//! parallel (respecting `.gitignore`, `.ignore`, `.concordignore` and the configured
//! include/exclude globs), sorts each file into a unit of work and checks the units on
//! all cores:
//! - memory TSVs (the configured memory, or any `.tsv` whose header names `ru` and `en`
//!   columns): every `concord check` rule, all files of the memory together so that
//!   `inconsistent-translation` sees across them;
//! - Russian/English document pairs found by a naming pattern (`{stem}.ru.md` with
//!   `{stem}.en.md`): segmented, aligned, then every check rule;
//! - English-only Markdown, HTML and text: the English rules (`term-forbidden`,
//!   `term-variant`, `mixed-script`), in prose only ([`prose`]).
//!
//! Binary and non-UTF-8 documents are skipped with a note; a file that cannot be read
//! or parsed is an error in the [`Report`] and the run goes on. Inline directives
//! ([`suppress`]) move findings to [`Report::suppressed`]; the [`baseline`] is applied
//! by the caller.

pub mod baseline;
pub mod prose;
pub mod suppress;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;

use self::prose::Markup;
use self::suppress::{RuleSet, Suppressions};
pub use crate::check::CheckOptions;
use crate::check::{Checker, Segment};
use crate::check::{Finding, Rule};
use crate::segment::{Lang, Segmenter};
use crate::severity::Level;
use crate::termbase::Termbase;
use crate::tsv;

/// An error that stops one file (or the whole run, for bad options).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read.
    #[error("cannot read {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A memory TSV or a document could not be decoded or parsed.
    #[error(transparent)]
    Tsv(#[from] tsv::Error),
    /// The walker failed on a path (permissions, loops).
    #[error("{0}")]
    Walk(String),
    /// An include or exclude glob is malformed.
    #[error("bad glob `{glob}` in lint {what}: {message}")]
    Glob {
        /// `include` or `exclude`.
        what: &'static str,
        /// The pattern.
        glob: String,
        /// The parser's message.
        message: String,
    },
}

/// What to lint and how; built from `concord.toml` `[lint]` and the command line.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// The project root: include/exclude globs and pair patterns are relative to it.
    pub root: PathBuf,
    /// Globs of files to check (empty: every file of a known kind).
    pub include: Vec<String>,
    /// Globs of files and folders to skip.
    pub exclude: Vec<String>,
    /// Russian/English pair patterns.
    pub pairs: Vec<PairPattern>,
    /// The memory (file or folder): its TSVs are checked together.
    pub memory: Option<PathBuf>,
    /// The termbase (file or folder): never linted itself.
    pub termbase: Option<PathBuf>,
    /// Other files never linted (the config file, the baseline).
    pub skip: Vec<PathBuf>,
    /// Honour `.gitignore`, `.ignore` and `.concordignore`.
    pub ignore_files: bool,
    /// Walk hidden files and folders too.
    pub hidden: bool,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Extra Russian abbreviations for segmenting pairs.
    pub abbreviations_ru: Vec<String>,
    /// Extra English abbreviations for segmenting pairs.
    pub abbreviations_en: Vec<String>,
}

/// What a lint run found.
#[derive(Debug, Default)]
pub struct Report {
    /// Findings, sorted by file, line and column.
    pub findings: Vec<Finding>,
    /// Findings switched off by inline directives or memory notes.
    pub suppressed: Vec<Finding>,
    /// Files checked.
    pub files: usize,
    /// Files skipped with a reason (binary, not UTF-8, Russian without a translation).
    pub notes: Vec<String>,
    /// Files that could not be checked; the run went on without them.
    pub errors: Vec<Error>,
}

/// How one walked file is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Unit {
    /// The files of one memory, checked together.
    Memory(Vec<PathBuf>),
    /// A Russian document and its English translation.
    Pair { ru: PathBuf, en: PathBuf },
    /// An English-only document.
    Document { path: PathBuf, markup: Markup },
}

/// The result of checking one unit.
#[derive(Debug, Default)]
struct UnitReport {
    findings: Vec<Finding>,
    suppressed: Vec<Finding>,
    files: usize,
    notes: Vec<String>,
    errors: Vec<Error>,
}

/// A compiled termbase plus the lint options: build once, run on any paths.
pub struct Linter {
    checker: Checker,
    opts: LintOptions,
    levels: BTreeMap<Rule, Level>,
    include: GlobSet,
    exclude: Arc<GlobSet>,
    cwd: PathBuf,
    root: PathBuf,
    memory: Option<PathBuf>,
    termbase: Option<PathBuf>,
    seg_ru: Segmenter,
    seg_en: Segmenter,
}

fn globs(what: &'static str, pats: &[String]) -> Result<GlobSet, Error> {
    let mut b = GlobSetBuilder::new();
    for p in pats {
        let g = Glob::new(p.trim_end_matches('/')).map_err(|e| Error::Glob {
            what,
            glob: p.clone(),
            message: e.kind().to_string(),
        })?;
        b.add(g);
    }
    b.build().map_err(|e| Error::Glob {
        what,
        glob: pats.join(", "),
        message: e.to_string(),
    })
}

fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    };
    // drop `.` and resolve `..` lexically, so that prefixes compare
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

fn extension(p: &Path) -> String {
    p.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn markup_of(p: &Path) -> Option<Markup> {
    match extension(p).as_str() {
        "md" | "markdown" | "mdown" | "mkd" | "mkdn" | "mdx" => Some(Markup::Markdown),
        "html" | "htm" | "xhtml" => Some(Markup::Html),
        "txt" | "text" => Some(Markup::Plain),
        "rst" | "rest" => Some(Markup::Rst),
        "adoc" | "asciidoc" | "asc" => Some(Markup::AsciiDoc),
        "po" | "pot" => Some(Markup::Po),
        "xlf" | "xliff" => Some(Markup::Xliff),
        _ => None,
    }
}

/// Matches `rel` against a pattern with one `{stem}`; returns the stem.
fn match_pattern<'a>(pattern: &str, rel: &'a str) -> Option<&'a str> {
    let (pre, post) = pattern.split_once("{stem}")?;
    if rel.len() > pre.len() + post.len() && rel.starts_with(pre) && rel.ends_with(post) {
        let stem = &rel[pre.len()..rel.len() - post.len()];
        // a stem without folders unless the pattern puts one there
        (!stem.is_empty()).then_some(stem)
    } else {
        None
    }
}

/// Applies the level overrides: `off` rules are dropped.
fn drop_off(levels: &BTreeMap<Rule, Level>, findings: &mut Vec<Finding>) {
    if levels.values().any(|l| *l == Level::Off) {
        findings.retain(|f| levels.get(&f.rule) != Some(&Level::Off));
    }
}

fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
        && !bytes.starts_with(&[0xFF, 0xFE])
        && !bytes.starts_with(&[0xFE, 0xFF])
}

fn is_memory_header(first_line: &str) -> bool {
    let fields: Vec<String> = first_line
        .trim_end_matches('\r')
        .split('\t')
        .map(|f| f.trim_start_matches('\u{feff}').to_string())
        .collect();
    let has = |lang| {
        fields
            .iter()
            .any(|f| crate::memory::is_lang_column(f, lang))
    };
    let termbase_like = fields.iter().any(|f| f == "id")
        && fields.iter().any(|f| f == "variants" || f == "forbidden");
    has("ru") && has("en") && !termbase_like
}

impl Linter {
    /// Compiles the termbase and the globs.
    pub fn new(
        termbase: &Termbase,
        check: CheckOptions,
        opts: LintOptions,
    ) -> Result<Linter, Error> {
        let cwd = std::env::current_dir().map_err(|source| Error::Io {
            path: PathBuf::from("."),
            source,
        })?;
        let root = absolute(&cwd, &opts.root);
        let levels = check.levels.clone();
        let seg_ru = Segmenter::new(Lang::Ru).with_abbreviations(opts.abbreviations_ru.clone());
        let seg_en = Segmenter::new(Lang::En).with_abbreviations(opts.abbreviations_en.clone());
        Ok(Linter {
            checker: Checker::new(termbase, check),
            include: globs("include", &opts.include)?,
            exclude: Arc::new(globs("exclude", &opts.exclude)?),
            memory: opts.memory.as_deref().map(|p| absolute(&cwd, p)),
            termbase: opts.termbase.as_deref().map(|p| absolute(&cwd, p)),
            opts,
            levels,
            cwd,
            root,
            seg_ru,
            seg_en,
        })
    }

    /// The path relative to the project root, with `/` separators, for glob matching.
    fn rel(&self, abs: &Path) -> String {
        let r = abs.strip_prefix(&self.root).unwrap_or(abs);
        r.to_string_lossy().replace('\\', "/")
    }

    /// The path as reported: relative to the working directory when under it.
    pub fn display(&self, abs: &Path) -> String {
        let r = relative_to(abs, &self.cwd);
        let s = r.to_string_lossy().replace('\\', "/");
        if s.is_empty() {
            ".".into()
        } else {
            s
        }
    }

    /// Walks `paths` (the project root when empty) and checks every file found.
    pub fn run(&self, paths: &[PathBuf]) -> Report {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.opts.threads)
            .build();
        match pool {
            Ok(pool) => pool.install(|| self.run_inner(paths)),
            Err(_) => self.run_inner(paths),
        }
    }

    fn run_inner(&self, paths: &[PathBuf]) -> Report {
        let mut report = Report::default();
        let roots: Vec<PathBuf> = if paths.is_empty() {
            vec![self.root.clone()]
        } else {
            paths.iter().map(|p| absolute(&self.cwd, p)).collect()
        };
        let (files, walk_errors) = self.walk(&roots);
        report.errors.extend(walk_errors);
        let units = self.plan(files, &mut report.notes);
        let results: Vec<UnitReport> = units.par_iter().map(|u| self.check_unit(u)).collect();
        // sized once: a large tree can have hundreds of thousands of findings
        report
            .findings
            .reserve(results.iter().map(|r| r.findings.len()).sum());
        for r in results {
            report.findings.extend(r.findings);
            report.suppressed.extend(r.suppressed);
            report.files += r.files;
            report.notes.extend(r.notes);
            report.errors.extend(r.errors);
        }
        let order = |a: &Finding, b: &Finding| {
            (&a.file, a.line, a.column, a.rule).cmp(&(&b.file, b.line, b.column, b.rule))
        };
        report.findings.par_sort_by(order);
        report.suppressed.par_sort_by(order);
        report.notes.sort();
        report
    }

    /// Lists the files under `roots`: (absolute path, named on the command line).
    fn walk(&self, roots: &[PathBuf]) -> (Vec<(PathBuf, bool)>, Vec<Error>) {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        let mut dirs = Vec::new();
        for r in roots {
            match std::fs::metadata(r) {
                Ok(m) if m.is_dir() => dirs.push(r.clone()),
                Ok(_) => files.push((r.clone(), true)),
                Err(source) => errors.push(Error::Io {
                    path: PathBuf::from(self.display(r)),
                    source,
                }),
            }
        }
        let Some((first, rest)) = dirs.split_first() else {
            return (files, errors);
        };
        let mut b = ignore::WalkBuilder::new(first);
        for d in rest {
            b.add(d);
        }
        let ig = self.opts.ignore_files;
        b.hidden(!self.opts.hidden)
            .ignore(ig)
            .git_ignore(ig)
            .git_global(ig)
            .git_exclude(ig)
            .parents(ig)
            .require_git(false)
            .threads(self.opts.threads);
        if ig {
            b.add_custom_ignore_filename(".concordignore");
        }
        let exclude = self.exclude.clone();
        let root = self.root.clone();
        b.filter_entry(move |e| {
            if e.file_name() == ".git" {
                return false;
            }
            if e.depth() == 0 || !e.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            let rel = e.path().strip_prefix(&root).unwrap_or(e.path());
            !exclude.is_match(rel)
        });
        let found = Mutex::new(Vec::new());
        let errs = Mutex::new(Vec::new());
        b.build_parallel().run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        if let Ok(mut v) = found.lock() {
                            v.push((e.into_path(), false));
                        }
                    }
                    Ok(_) => {}
                    Err(err) => {
                        if let Ok(mut v) = errs.lock() {
                            v.push(Error::Walk(err.to_string()));
                        }
                    }
                }
                ignore::WalkState::Continue
            })
        });
        files.extend(found.into_inner().unwrap_or_default());
        errors.extend(errs.into_inner().unwrap_or_default());
        (files, errors)
    }

    fn under(p: &Path, dir: Option<&PathBuf>) -> bool {
        dir.is_some_and(|d| p.starts_with(d))
    }

    /// Sorts walked files into units of work.
    fn plan(&self, mut files: Vec<(PathBuf, bool)>, notes: &mut Vec<String>) -> Vec<Unit> {
        files.sort();
        files.dedup_by(|a, b| a.0 == b.0);
        let mut memory = Vec::new();
        let mut units = Vec::new();
        let mut pairs_seen = BTreeSet::new();
        // per include pattern: files it matched, files of them checked, one not checked
        let mut per_pattern: Vec<(usize, usize, Option<String>)> =
            vec![(0, 0, None); self.opts.include.len()];
        for (path, explicit) in files {
            let rel = self.rel(&path);
            let before = units.len() + memory.len();
            let counted = !explicit && !self.include.is_empty() && !self.exclude.is_match(&rel);
            self.plan_file(
                path,
                explicit,
                &rel,
                &mut memory,
                &mut units,
                &mut pairs_seen,
                notes,
            );
            if counted {
                let checked = units.len() + memory.len() > before;
                for i in self.include.matches(&rel) {
                    let p = &mut per_pattern[i];
                    p.0 += 1;
                    if checked {
                        p.1 += 1;
                    } else if p.2.is_none() {
                        p.2 = Some(rel.clone());
                    }
                }
            }
        }
        for (pat, (matched, checked, example)) in self.opts.include.iter().zip(per_pattern) {
            if matched > 0 && checked == 0 {
                notes.push(format!(
                    "include pattern `{pat}` matches {matched} file{} but none of a type concord lints (such as {}); lint reads Markdown, HTML, text, reStructuredText, AsciiDoc, PO, XLIFF and memory TSVs",
                    if matched == 1 { "" } else { "s" },
                    example.unwrap_or_default()
                ));
            }
        }
        if !memory.is_empty() {
            units.push(Unit::Memory(memory));
        }
        units
    }

    /// Sorts one walked file into `units` (or `memory`), or skips it.
    #[allow(clippy::too_many_arguments)]
    fn plan_file(
        &self,
        path: PathBuf,
        explicit: bool,
        rel: &str,
        memory: &mut Vec<PathBuf>,
        units: &mut Vec<Unit>,
        pairs_seen: &mut BTreeSet<PathBuf>,
        notes: &mut Vec<String>,
    ) {
        if self.exclude.is_match(rel)
            || (!explicit && !self.include.is_empty() && !self.include.is_match(rel))
            || Self::under(&path, self.termbase.as_ref())
            || self
                .opts
                .skip
                .iter()
                .any(|s| absolute(&self.cwd, s) == path)
        {
            return;
        }
        if extension(&path) == "tsv" {
            if Self::under(&path, self.memory.as_ref()) {
                memory.push(path);
            } else if self.sniff_memory(&path) {
                units.push(Unit::Memory(vec![path]));
            }
            return;
        }
        if let Some(unit) = self.pair_of(rel, &path, notes) {
            if let Some(Unit::Pair { en, .. }) = &unit {
                if !pairs_seen.insert(en.clone()) {
                    return;
                }
            }
            units.extend(unit);
            return;
        }
        match markup_of(&path) {
            Some(markup) => units.push(Unit::Document { path, markup }),
            None if explicit => units.push(Unit::Document {
                path,
                markup: Markup::Plain,
            }),
            None => {}
        }
    }

    fn sniff_memory(&self, path: &Path) -> bool {
        use std::io::BufRead as _;
        let Ok(f) = std::fs::File::open(path) else {
            return false;
        };
        let mut first = String::new();
        let _ = std::io::BufReader::new(f).read_line(&mut first);
        is_memory_header(&first)
    }

    /// The unit of a file a pair pattern names (`Some(None)`: skip it); `None` for a
    /// file no pattern names.
    fn pair_of(&self, rel: &str, path: &Path, notes: &mut Vec<String>) -> Option<Option<Unit>> {
        for p in &self.opts.pairs {
            if let Some(stem) = match_pattern(&p.ru, rel) {
                let en = self.root.join(p.en.replace("{stem}", stem));
                if en.is_file() {
                    return Some(Some(Unit::Pair {
                        ru: path.to_path_buf(),
                        en,
                    }));
                }
                notes.push(format!(
                    "{}: skipped: Russian document without its English translation {}",
                    self.display(path),
                    self.display(&en)
                ));
                return Some(None);
            }
            if let Some(stem) = match_pattern(&p.en, rel) {
                let ru = self.root.join(p.ru.replace("{stem}", stem));
                if ru.is_file() {
                    return Some(Some(Unit::Pair {
                        ru,
                        en: path.to_path_buf(),
                    }));
                }
                return Some(markup_of(path).map(|markup| Unit::Document {
                    path: path.to_path_buf(),
                    markup,
                }));
            }
        }
        None
    }

    fn check_unit(&self, unit: &Unit) -> UnitReport {
        let mut r = match unit {
            Unit::Memory(files) => self.check_memory(files),
            Unit::Pair { ru, en } => self.check_pair(ru, en),
            Unit::Document { path, markup } => self.check_file(path, *markup),
        };
        drop_off(&self.levels, &mut r.findings);
        r
    }

    /// Reads a document; `Ok(None)` with a note for binary or non-UTF-8 files.
    fn read_doc(&self, path: &Path, r: &mut UnitReport) -> Option<String> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(source) => {
                r.errors.push(Error::Io {
                    path: PathBuf::from(self.display(path)),
                    source,
                });
                return None;
            }
        };
        if looks_binary(&bytes) {
            r.notes
                .push(format!("{}: skipped: binary file", self.display(path)));
            return None;
        }
        match tsv::decode(path, &bytes) {
            Ok(std::borrow::Cow::Borrowed(_)) => {
                // valid UTF-8: reuse the buffer, minus a byte-order mark
                let mut bytes = bytes;
                if bytes.starts_with(b"\xEF\xBB\xBF") {
                    bytes.drain(..3);
                }
                String::from_utf8(bytes).ok()
            }
            Ok(std::borrow::Cow::Owned(s)) => Some(s),
            Err(e) => {
                let why = match &e {
                    tsv::Error::Parse {
                        line,
                        column,
                        message,
                        ..
                    } => format!("{line}:{column}: {message}"),
                    other => other.to_string(),
                };
                r.notes.push(format!(
                    "{}: skipped: not UTF-8 text ({why})",
                    self.display(path)
                ));
                None
            }
        }
    }

    /// Checks one English-only document given as text (used by `run` and benchmarks).
    pub fn check_document(
        &self,
        file: &str,
        text: &str,
        markup: Markup,
    ) -> (Vec<Finding>, Vec<Finding>) {
        let masked = (markup != Markup::Plain).then(|| prose::mask(text, markup));
        let base = masked.as_ref().map_or(text, |m| m.text.as_str());
        // a term wrapped across lines of one paragraph is found at its first word
        let joined = prose::join_lines(base, markup);
        let mut findings = self.checker.check_english(file, &joined);
        if !findings.is_empty() {
            let (js, bs) = (prose::line_starts(&joined), prose::line_starts(base));
            let orig = line_slices(text);
            let masked_lines = line_slices(base);
            for f in &mut findings {
                (f.line, f.column) = prose::unjoin(&joined, &js, base, &bs, (f.line, f.column));
                if let Some(found) = f.found.as_mut().filter(|s| s.contains("  ")) {
                    *found = found.split_whitespace().collect::<Vec<_>>().join(" ");
                }
                if let (Some(o), Some(k)) = (orig.get(f.line - 1), masked_lines.get(f.line - 1)) {
                    if o != k {
                        f.column = prose::fix_column(o, k, f.column);
                    }
                }
            }
        }
        let sup = match &masked {
            Some(m) if markup.has_comments() => Suppressions::from_comments(text, &m.comments),
            _ => Suppressions::from_plain(text),
        };
        drop_off(&self.levels, &mut findings);
        split_suppressed(findings, |f| sup.suppresses(f.line, f.rule))
    }

    fn check_file(&self, path: &Path, markup: Markup) -> UnitReport {
        let mut r = UnitReport::default();
        let Some(text) = self.read_doc(path, &mut r) else {
            return r;
        };
        let display = self.display(path);
        let (f, s) = self.check_document(&display, &text, markup);
        r.files = 1;
        r.findings = f;
        r.suppressed = s;
        r
    }

    fn check_memory(&self, files: &[PathBuf]) -> UnitReport {
        struct Row {
            file: usize,
            line: usize,
            ru: String,
            en: String,
            offset: usize,
            ignore: Option<RuleSet>,
        }
        let mut r = UnitReport::default();
        let mut names = Vec::new();
        let mut rows = Vec::new();
        for path in files {
            let table = std::fs::read(path)
                .map_err(|source| Error::Io {
                    path: PathBuf::from(self.display(path)),
                    source,
                })
                .and_then(|b| {
                    tsv::parse(
                        Path::new(&self.display(path)),
                        &b,
                        &crate::memory::READ_OPTIONS,
                    )
                    .map_err(Error::from)
                });
            let table = match table {
                Ok(t) => t,
                Err(e) => {
                    r.errors.push(e);
                    continue;
                }
            };
            let Some((ru, en)) = crate::memory::lang_columns(&table.header) else {
                r.errors.push(Error::Tsv(tsv::Error::parse(
                    Path::new(&self.display(path)),
                    1,
                    1,
                    "the header must name a `ru` and an `en` column",
                )));
                continue;
            };
            let note = table.column("note");
            r.files += 1;
            names.push(self.display(path));
            for row in table.rows {
                let offset = row.fields[..en]
                    .iter()
                    .map(|f| tsv::escape(f).chars().count() + 1)
                    .sum();
                let mut fields = row.fields;
                rows.push(Row {
                    file: names.len() - 1,
                    line: row.line,
                    ignore: note.and_then(|n| suppress::note_marker(&fields[n])),
                    ru: std::mem::take(&mut fields[ru]),
                    en: std::mem::take(&mut fields[en]),
                    offset,
                });
            }
        }
        let segs: Vec<Segment<'_>> = rows
            .iter()
            .map(|row| Segment {
                file: &names[row.file],
                line: row.line,
                ru: &row.ru,
                en: &row.en,
                en_column_offset: row.offset,
            })
            .collect();
        let findings = self.checker.check_tsv_segments(&segs);
        let ignored: HashMap<(&str, usize), &RuleSet> = rows
            .iter()
            .filter_map(|row| Some(((names[row.file].as_str(), row.line), row.ignore.as_ref()?)))
            .collect();
        let (f, s) = split_suppressed(findings, |f| {
            ignored
                .get(&(f.file.as_str(), f.line))
                .is_some_and(|set| set.as_ref().is_none_or(|s| s.contains(&f.rule)))
        });
        r.findings = f;
        r.suppressed = s;
        r
    }

    fn check_pair(&self, ru_path: &Path, en_path: &Path) -> UnitReport {
        let mut r = UnitReport::default();
        let (Some(ru), Some(en)) = (
            self.read_doc(ru_path, &mut r),
            self.read_doc(en_path, &mut r),
        ) else {
            return r;
        };
        let file = self.display(en_path);
        let segs = crate::check::document_pair(
            &file,
            &ru,
            &en,
            &self.seg_ru,
            &self.seg_en,
            self.checker.matcher(),
        );
        let findings = self.checker.check_segments(&segs);
        let sup = match markup_of(en_path) {
            Some(m) if m.has_comments() => {
                Suppressions::from_comments(&en, &prose::mask(&en, m).comments)
            }
            _ => Suppressions::from_plain(&en),
        };
        r.files = 2;
        let (f, s) = split_suppressed(findings, |f| sup.suppresses(f.line, f.rule));
        r.findings = f;
        r.suppressed = s;
        r
    }
}

/// `path` relative to `base` (`../docs/a.md`) when they share more than the filesystem
/// root; otherwise `path` itself.
fn relative_to(path: &Path, base: &Path) -> PathBuf {
    if let Ok(r) = path.strip_prefix(base) {
        return r.to_path_buf();
    }
    let common = path
        .components()
        .zip(base.components())
        .take_while(|(a, b)| a == b)
        .count();
    let shared_is_root = path.components().take(common).all(|c| {
        matches!(
            c,
            std::path::Component::RootDir | std::path::Component::Prefix(_)
        )
    });
    if common == 0 || shared_is_root {
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in base.components().skip(common) {
        out.push("..");
    }
    out.extend(path.components().skip(common));
    out
}

fn line_slices(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

fn split_suppressed(
    findings: Vec<Finding>,
    suppressed: impl Fn(&Finding) -> bool,
) -> (Vec<Finding>, Vec<Finding>) {
    findings.into_iter().partition(|f| !suppressed(f))
}

/// A naming convention that pairs a Russian file with its English translation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PairPattern {
    /// Pattern of the Russian file, containing `{stem}`.
    pub ru: String,
    /// Pattern of the English file, containing `{stem}`.
    pub en: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_patterns_give_the_stem() {
        assert_eq!(
            match_pattern("{stem}.ru.md", "docs/a.ru.md"),
            Some("docs/a")
        );
        assert_eq!(
            match_pattern("ru/{stem}.md", "ru/guide/a.md"),
            Some("guide/a")
        );
        assert_eq!(match_pattern("ru/{stem}.md", "en/a.md"), None);
        assert_eq!(match_pattern("{stem}.ru.md", ".ru.md"), None);
    }

    #[test]
    fn memory_headers_but_not_termbase_headers() {
        assert!(is_memory_header("ru\ten\tnote\n"));
        assert!(is_memory_header("\u{feff}en-GB\tru-RU\r\n"));
        assert!(!is_memory_header("id\tru\ten\tvariants\tforbidden\n"));
        assert!(!is_memory_header("name\tvalue\n"));
    }

    #[test]
    fn display_paths_are_relative_where_they_share_a_folder() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(relative_to(&p("/r/docs/a.md"), &p("/r")), p("docs/a.md"));
        assert_eq!(
            relative_to(&p("/r/notes.txt"), &p("/r/docs")),
            p("../notes.txt")
        );
        assert_eq!(relative_to(&p("/x/a.md"), &p("/r/docs")), p("/x/a.md"));
    }

    #[test]
    fn absolute_drops_dot_and_resolves_dotdot() {
        assert_eq!(
            absolute(Path::new("/r/docs"), Path::new("../a/./b.md")),
            PathBuf::from("/r/a/b.md")
        );
    }

    #[test]
    fn binary_sniffing_spares_utf16() {
        assert!(looks_binary(b"abc\0def"));
        assert!(!looks_binary(b"\xFF\xFEa\0b\0"));
        assert!(!looks_binary("plain «text»".as_bytes()));
    }
}
