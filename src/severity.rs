//! How serious a finding is ([`Severity`]) and how seriously a project takes a rule
//! ([`Level`]: a severity, or off). Floor 1: imports only `text`-free std and serde.

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth a look.
    Info,
    /// Probably wrong.
    Warning,
    /// Wrong.
    #[default]
    Error,
}

impl Severity {
    /// The kebab-case name (`info`, `warning`, `error`), as in the termbase and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses [`Severity::as_str`]'s names.
    pub fn from_name(s: &str) -> Option<Severity> {
        [Severity::Info, Severity::Warning, Severity::Error]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// How seriously a rule's findings are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// The rule does not run.
    Off,
    /// Shown, never fails a build.
    Info,
    /// Shown; fails the build only with `--deny warning`.
    Warning,
    /// Fails the build.
    Error,
}

impl Level {
    /// The kebab-case name (`off`, `info`, `warning`, `error`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    /// Parses [`Level::as_str`]'s names.
    pub fn from_name(s: &str) -> Option<Level> {
        [Level::Off, Level::Info, Level::Warning, Level::Error]
            .into_iter()
            .find(|v| v.as_str() == s)
    }

    /// The severity findings get at this level; `None` when the rule is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}
