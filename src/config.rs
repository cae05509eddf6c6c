//! `concord.toml`: the project file that names the source, memory and termbase.
//!
//! Discovered upward from the working directory (like `.git` or `typos.toml`), or given
//! with `--config`. Paths in it are relative to the file's folder. Unknown keys are
//! errors that name the key and the file, because a misspelt key silently ignored is a
//! check silently skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file name looked for when discovering a project.
pub const FILE_NAME: &str = "concord.toml";

/// An error loading a configuration file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read.
    #[error("cannot read {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown keys or bad values.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The TOML parser's message (names the unknown key).
        message: String,
    },
}

pub use crate::lint::PairPattern;
pub use crate::severity::Level;

/// The whole configuration file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// The Russian source document (one paragraph a line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<PathBuf>,
    /// The translation memory: a TSV file or a folder of `*.tsv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<PathBuf>,
    /// The termbase: a TSV file or a folder of `*.tsv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termbase: Option<PathBuf>,
    /// Sentence segmentation settings.
    #[serde(default)]
    pub segment: SegmentConfig,
    /// `concord edition` settings.
    #[serde(default)]
    pub edition: EditionConfig,
    /// `concord check` and `concord lint` settings shared by both.
    #[serde(default)]
    pub check: CheckConfig,
    /// `concord lint` settings.
    #[serde(default)]
    pub lint: LintConfig,
    /// Severity per rule id (`term-missing = "warning"`, `mixed-script = "off"`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, Level>,
}

/// Segmenter settings: extra abbreviations, as SRX no-break rules are in OmegaT.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SegmentConfig {
    /// Extra Russian abbreviations that never end a sentence (e.g. "просп.").
    #[serde(default)]
    pub abbreviations_ru: Vec<String>,
    /// Extra English abbreviations that never end a sentence (e.g. "Approx.").
    #[serde(default)]
    pub abbreviations_en: Vec<String>,
}

/// Edition settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EditionConfig {
    /// Lowest fuzzy score (0–100) accepted for a sentence.
    #[serde(default = "default_min_score")]
    pub min_score: f64,
}

fn default_min_score() -> f64 {
    75.0
}

impl Default for EditionConfig {
    fn default() -> Self {
        EditionConfig {
            min_score: default_min_score(),
        }
    }
}

/// Check settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckConfig {
    /// Similarity (0–1) above which a token is a near-miss of a term (`term-variant`).
    #[serde(default = "default_near_miss")]
    pub near_miss: f64,
}

fn default_near_miss() -> f64 {
    0.85
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            near_miss: default_near_miss(),
        }
    }
}

/// Lint settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintConfig {
    /// Globs of files to check (empty: everything not excluded).
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of files to skip.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Russian/English pair patterns: `{stem}` is the shared part, e.g. `{stem}.ru.md`
    /// with `{stem}.en.md`.
    #[serde(default = "default_pairs")]
    pub pairs: Vec<PairPattern>,
    /// Lowest level that fails the build.
    #[serde(default = "default_deny")]
    pub deny: Level,
    /// Paths linted when none are given on the command line (empty: the project root).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<PathBuf>,
    /// Accepted findings: only findings not in this baseline fail the build.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<PathBuf>,
    /// Honour `.gitignore`, `.ignore` and `.concordignore` files.
    #[serde(default = "default_true")]
    pub respect_ignore_files: bool,
    /// Lint hidden files and folders (names starting with a dot) too.
    #[serde(default)]
    pub hidden: bool,
}

fn default_true() -> bool {
    true
}

fn default_pairs() -> Vec<PairPattern> {
    ["txt", "md"]
        .iter()
        .map(|ext| PairPattern {
            ru: format!("{{stem}}.ru.{ext}"),
            en: format!("{{stem}}.en.{ext}"),
        })
        .collect()
}

fn default_deny() -> Level {
    Level::Error
}

impl Default for LintConfig {
    fn default() -> Self {
        LintConfig {
            include: Vec::new(),
            exclude: Vec::new(),
            pairs: default_pairs(),
            deny: default_deny(),
            paths: Vec::new(),
            baseline: None,
            respect_ignore_files: true,
            hidden: false,
        }
    }
}

/// A loaded configuration and the folder its relative paths are resolved against.
#[derive(Debug, Clone, Default)]
pub struct Project {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    /// The folder relative paths are resolved against.
    pub root: PathBuf,
    /// The parsed configuration.
    pub config: Config,
}

impl Project {
    /// Loads a configuration file.
    pub fn load(path: &Path) -> Result<Project, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let config = parse(path, &text)?;
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Ok(Project {
            path: Some(path.to_path_buf()),
            root,
            config,
        })
    }

    /// Finds `concord.toml` in `start` or its ancestors and loads it; with none found,
    /// returns the defaults rooted at `start`.
    pub fn discover(start: &Path) -> Result<Project, Error> {
        for dir in start.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Project::load(&candidate);
            }
        }
        Ok(Project {
            path: None,
            root: start.to_path_buf(),
            config: Config::default(),
        })
    }

    /// Resolves a configured path against the project root.
    pub fn resolve(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.root.join(p)
        }
    }

    /// The configured source document, resolved.
    pub fn source(&self) -> Option<PathBuf> {
        self.config.source.as_deref().map(|p| self.resolve(p))
    }

    /// The configured memory path, resolved.
    pub fn memory(&self) -> Option<PathBuf> {
        self.config.memory.as_deref().map(|p| self.resolve(p))
    }

    /// The configured termbase path, resolved.
    pub fn termbase(&self) -> Option<PathBuf> {
        self.config.termbase.as_deref().map(|p| self.resolve(p))
    }
}

impl Config {
    /// Serialises the configuration as TOML (what `concord lint --print-config` shows).
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }

    /// The `[rules]` table with rule ids parsed (ids are checked when the file is read).
    pub fn rule_levels(&self) -> BTreeMap<crate::check::Rule, Level> {
        self.rules
            .iter()
            .filter_map(|(k, v)| Some((crate::check::Rule::from_id(k)?, *v)))
            .collect()
    }
}

/// `check` never sees the file format: the project file builds its options here.
impl crate::check::CheckOptions {
    /// Options from a project's `[check]` and `[rules]` settings; unknown rule ids are
    /// returned as errors so that a misspelt rule is not silently ignored.
    pub fn from_config(config: &Config) -> Result<crate::check::CheckOptions, String> {
        let mut levels = BTreeMap::new();
        for (id, level) in &config.rules {
            let Some(rule) = crate::check::Rule::from_id(id) else {
                return Err(format!(
                    "unknown rule `{id}` in [rules]; rules are: {}",
                    crate::check::Rule::ALL
                        .map(crate::check::Rule::id)
                        .join(", ")
                ));
            };
            levels.insert(rule, *level);
        }
        Ok(crate::check::CheckOptions {
            near_miss: config.check.near_miss,
            levels,
            ..crate::check::CheckOptions::default()
        })
    }
}

/// Parses configuration text; `path` is used in error messages.
///
/// Besides unknown keys, an unknown rule id in `[rules]` is an error, naming the rule.
pub fn parse(path: &Path, text: &str) -> Result<Config, Error> {
    let config = parse_toml(path, text)?;
    for key in config.rules.keys() {
        if crate::check::Rule::from_id(key).is_none() {
            let at = text
                .find(&format!("\n{key}"))
                .map(|i| i + 1)
                .or_else(|| text.find(key.as_str()))
                .unwrap_or(0);
            let (line, column) = crate::text::line_column(text, at);
            let known: Vec<&str> = crate::check::Rule::ALL.iter().map(|r| r.id()).collect();
            return Err(Error::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: format!(
                    "unknown rule `{key}` in [rules], expected one of {}",
                    known.join(", ")
                ),
            });
        }
    }
    Ok(config)
}

fn parse_toml(path: &Path, text: &str) -> Result<Config, Error> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|s| crate::text::line_column(text, s.start))
            .unwrap_or((1, 1));
        Error::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: e.message().to_string(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_an_error_naming_key_file_and_line() {
        let e = parse(
            Path::new("concord.toml"),
            "memory = \"m\"\ntermbsae = \"t\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("concord.toml:2:1: unknown field `termbsae`"),
            "{e}"
        );
    }

    #[test]
    fn nested_unknown_key_is_an_error() {
        let e = parse(Path::new("c.toml"), "[lint]\nexclued = []\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown field `exclued`"), "{e}");
    }

    #[test]
    fn defaults_and_rules() {
        let c = parse(Path::new("c.toml"), "[rules]\nmixed-script = \"off\"\n").unwrap();
        assert_eq!(c.rules["mixed-script"], Level::Off);
        assert_eq!(c.edition.min_score, 75.0);
        assert_eq!(c.lint.pairs[1].en, "{stem}.en.md");
    }

    #[test]
    fn unknown_rule_id_is_an_error() {
        let e = parse(
            Path::new("c.toml"),
            "[rules]\nterm-missing = \"off\"\nterm-mising = \"off\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("c.toml:3:1: unknown rule `term-mising`"),
            "{e}"
        );
    }

    #[test]
    fn lint_keys_round_trip_through_to_toml() {
        let c = parse(
            Path::new("c.toml"),
            "memory = \"m\"\n[lint]\nexclude = [\"vendor/**\"]\nbaseline = \"b.json\"\nhidden = true\n",
        )
        .unwrap();
        assert!(c.lint.respect_ignore_files);
        let back = parse(Path::new("c.toml"), &c.to_toml()).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn discover_walks_up() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "source = \"s.txt\"\n").unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        let p = Project::discover(&sub).unwrap();
        assert_eq!(p.source().unwrap(), dir.path().join("s.txt"));
    }
}
