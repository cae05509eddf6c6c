//! The two languages concord works between.

/// The language of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Russian.
    #[default]
    Ru,
    /// English.
    En,
}
