//! concord's integration tests: one binary, one module per subcommand or area.
//!
//! - `util`: the shared fixture helper (the built binary, data paths, scratch folders,
//!   `../shared`, optional tools).
//! - one module per subcommand (`segment`, `lookup`, `memory`, `termbase`, `check`,
//!   `lint`, `align`, `edition`), plus `interop` (TMX/TBX/XLIFF) and `sample` (the
//!   sample project's data), and `segment_eval` (the segmenter on UD and blind data).
//! - `props_*`: property tests (proptest), one module per area.
//! - `snapshots`: trycmd cases under `tests/cmd/` (refresh with
//!   `TRYCMD=overwrite cargo test --test cli snapshots` and review the diff).
//!
//! Data stays in `tests/data/`, `tests/drafts/` and `tests/fixtures/`.

mod util;

mod align;
mod check;
mod edition;
mod interop;
mod interop_input;
mod interop_more;
mod interop_review;
mod layering;
mod lint;
mod lint_formats;
mod lookup;
mod memory;
mod ru_matching;
mod sample;
mod segment;
mod segment_eval;
mod termbase;

mod props_align;
mod props_edition;
mod props_interop;
mod props_lint;
mod props_segment;
mod props_tsv;

mod snapshots;
