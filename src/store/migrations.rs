//! Versioned schema migrations, embedded in the binary.
//!
//! Each migration is a SQL file under `migrations/` at the repository root, applied in
//! order by `concord db migrate` in one transaction under an advisory lock (so two
//! migrating processes never race), and recorded in `concord_schema`. Every command
//! and server checks the version at start: an older schema is refused with a message
//! that says to run `concord db migrate`; a newer one with a message to upgrade concord.

/// (version, name, SQL) of every migration, in order.
pub const MIGRATIONS: &[(i32, &str, &str)] =
    &[(1, "init", include_str!("../../migrations/0001_init.sql"))];

/// The schema version this build expects.
pub const LATEST: i32 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// The advisory lock key `concord db migrate` holds ("concord" in ASCII).
pub const LOCK_KEY: i64 = 0x0063_6f6e_636f_7264;
