//! concord: a Russian→English translation memory, termbase and consistency checker.
//!
//! The library holds all domain logic and never prints; the `concord` binary is a thin
//! clap front end over it (one file per subcommand under `src/cli/`).
//!
//! ```
//! use concord::segment::{Lang, Segmenter};
//! let seg = Segmenter::new(Lang::Ru);
//! let text = "Президент Н. Назарбаев выступил в ООН в 1992 г. Затем он уехал.";
//! let parts: Vec<&str> = seg.split(text).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(parts, ["Президент Н. Назарбаев выступил в ООН в 1992 г.", "Затем он уехал."]);
//! ```
#![deny(missing_docs)]

pub mod align;
pub mod check;
pub mod config;
pub mod edition;
pub mod formats;
pub mod fsutil;
pub mod lint;
pub mod memory;
pub mod segment;
pub mod store;
pub mod termbase;
pub mod text;
pub mod tsv;
