//! concord: a Russian→English translation memory, termbase and consistency checker.
//!
//! The library holds all domain logic and never prints; the `concord` binary is a thin
//! clap front end over it (one file per subcommand under `src/cli/`).
//!
//! # Floors
//!
//! Modules are stacked; each imports only from floors below it (`tests/layering.rs`
//! reads every `crate::` path outside test modules and fails on an edge that breaks
//! the order, and on files of one module that use each other round a circle):
//!
//! 0. [`text`]: folding, tokens, interning, the one hasher, stems, scripts, languages.
//!    Imports nothing of ours.
//! 1. [`severity`] (finding severity and configured level), [`tsv`] (the codec,
//!    [`tsv::Origin`], file listing), [`fsutil`].
//! 2. [`segment`], [`memory`], [`termbase`]: none imports another.
//! 3. [`align`], [`formats`].
//! 4. [`check`] (with the near-miss termbase matcher in `check::near`).
//! 5. [`edition`], [`lint`].
//! 6. [`config`]: reads `concord.toml` and builds the options of the floors below
//!    ([`check::CheckOptions::from_config`]), so they never see the file format.
//!
//! The binary (`src/main.rs`, `src/cli/`) sits on top: each subcommand's `run`
//! resolves inputs, calls the library and renders.
//!
//! ```
//! use concord::segment::{Lang, Segmenter};
//! let seg = Segmenter::new(Lang::Ru);
//! let text = "Президент Н. Назарбаев выступил в ООН в 1992 г. Затем он уехал.";
//! let parts: Vec<&str> = seg.split(text).into_iter().map(|r| &text[r]).collect();
//! assert_eq!(parts, ["Президент Н. Назарбаев выступил в ООН в 1992 г.", "Затем он уехал."]);
//! ```
#![deny(missing_docs)]
#![warn(clippy::print_stdout)]

pub mod align;
pub mod check;
pub mod config;
pub mod edition;
pub mod formats;
pub mod fsutil;
pub mod lint;
pub mod memory;
pub mod segment;
pub mod severity;
pub mod termbase;
pub mod text;
pub mod tsv;
