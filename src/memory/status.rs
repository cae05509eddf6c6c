//! Review status of a memory entry: the `status` column.
//!
//! Values, from least to most trusted: `draft`, `fuzzy` (a fuzzy match taken over
//! unedited), `mt` (machine translation), `translated` (a translator's, not yet
//! reviewed), `reviewed`, `approved`. A memory without the column, or a row with the
//! cell empty, is `approved`: a hand-kept TSV memory is publication quality, as the
//! sample's is. Only `reviewed` and `approved` entries are exact matches for
//! `concord edition`; the others are shown as fuzzy, and `--strict` fails on them.
//! An unknown value counts as `draft`.

use super::Entry;

/// The memory column holding the review status.
pub const COLUMN: &str = "status";

/// How far a translation has been reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReviewStatus {
    /// A draft (or rejected) translation.
    Draft,
    /// A fuzzy match taken over without editing.
    Fuzzy,
    /// Machine translation.
    Mt,
    /// Translated, not yet reviewed.
    Translated,
    /// Reviewed.
    Reviewed,
    /// Approved for publication (the default).
    Approved,
}

impl ReviewStatus {
    /// Every status, least trusted first.
    pub const ALL: [ReviewStatus; 6] = [
        ReviewStatus::Draft,
        ReviewStatus::Fuzzy,
        ReviewStatus::Mt,
        ReviewStatus::Translated,
        ReviewStatus::Reviewed,
        ReviewStatus::Approved,
    ];

    /// The column value (`draft`, …, `approved`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Draft => "draft",
            ReviewStatus::Fuzzy => "fuzzy",
            ReviewStatus::Mt => "mt",
            ReviewStatus::Translated => "translated",
            ReviewStatus::Reviewed => "reviewed",
            ReviewStatus::Approved => "approved",
        }
    }

    /// Parses a column value (ASCII case ignored); `None` for an unknown one.
    pub fn from_name(s: &str) -> Option<ReviewStatus> {
        let s = s.trim();
        ReviewStatus::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
    }

    /// Reads a cell: empty is `approved`, unknown is `draft`.
    pub fn from_cell(s: &str) -> ReviewStatus {
        if s.trim().is_empty() {
            ReviewStatus::Approved
        } else {
            ReviewStatus::from_name(s).unwrap_or(ReviewStatus::Draft)
        }
    }

    /// True for `reviewed` and `approved`: fit to be used as an exact match.
    pub fn is_reviewed(self) -> bool {
        matches!(self, ReviewStatus::Reviewed | ReviewStatus::Approved)
    }
}

impl std::fmt::Display for ReviewStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Entry {
    /// The entry's review status (see the [module docs](self)).
    pub fn status(&self) -> ReviewStatus {
        ReviewStatus::from_cell(self.get(COLUMN).unwrap_or(""))
    }

    /// Sets the review status column.
    pub fn set_status(&mut self, status: ReviewStatus) {
        match self.extra.iter_mut().find(|(k, _)| k == COLUMN) {
            Some((_, v)) => *v = status.as_str().to_string(),
            None => self
                .extra
                .push((COLUMN.to_string(), status.as_str().to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_or_empty_is_approved_unknown_is_draft() {
        let mut e = Entry::new("а", "a");
        assert_eq!(e.status(), ReviewStatus::Approved);
        e.extra.push(("status".into(), "".into()));
        assert_eq!(e.status(), ReviewStatus::Approved);
        e.set_status(ReviewStatus::Mt);
        assert_eq!(e.get("status"), Some("mt"));
        assert!(!e.status().is_reviewed());
        e.extra[0].1 = "Bogus".into();
        assert_eq!(e.status(), ReviewStatus::Draft);
        assert_eq!(
            ReviewStatus::from_name("REVIEWED"),
            Some(ReviewStatus::Reviewed)
        );
        assert!(ReviewStatus::Draft < ReviewStatus::Approved);
    }
}
