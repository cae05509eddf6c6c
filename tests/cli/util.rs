//! The one fixture helper: the built binary, the repository's test data, scratch
//! folders, `../shared` and optional outside tools.
//!
//! Every module of the `cli` test binary reaches files and the program through here, so
//! a moved data folder or a new environment variable is one edit.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root (the sample project lives there).
pub(crate) fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path under the repository root, e.g. `repo("tests/data/lint/basic")`.
pub(crate) fn repo(rel: &str) -> PathBuf {
    root().join(rel)
}

/// [`repo`] as a command-line argument.
pub(crate) fn repo_arg(rel: &str) -> String {
    repo(rel).display().to_string()
}

/// A path under `tests/data/`.
pub(crate) fn data(rel: &str) -> PathBuf {
    repo("tests/data").join(rel)
}

/// A path under `tests/fixtures/`.
pub(crate) fn fixture(rel: &str) -> PathBuf {
    repo("tests/fixtures").join(rel)
}

/// [`fixture`] as a command-line argument.
pub(crate) fn fixture_arg(rel: &str) -> String {
    fixture(rel).display().to_string()
}

/// The built `concord` binary, with colour off so output is the same on a terminal.
pub(crate) fn concord() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_concord"));
    c.env("NO_COLOR", "1");
    c
}

/// [`concord`] run from `dir` (where it looks for `concord.toml`).
pub(crate) fn concord_in(dir: &Path) -> Command {
    let mut c = concord();
    c.current_dir(dir);
    c
}

/// Runs `cmd`, expects exit `code`, and returns its stdout.
pub(crate) fn stdout_bytes(cmd: &mut Command, code: i32) -> Vec<u8> {
    cmd.assert().code(code).get_output().stdout.clone()
}

/// Runs `cmd`, whatever its exit code, and returns its stdout as text.
pub(crate) fn stdout_text(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().get_output().stdout.clone()).unwrap()
}

/// Runs `cmd`, expects exit `code`, and returns its stdout as text.
pub(crate) fn stdout_of(cmd: &mut Command, code: i32) -> String {
    String::from_utf8(stdout_bytes(cmd, code)).unwrap()
}

/// A fresh scratch folder, removed when dropped.
pub(crate) fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Copies the tree at `from` into `to` (created when absent).
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// `shared/<rel>` when it exists, from `CONCORD_SHARED`, `../shared` beside the
/// repository (CI) or `../../shared` (a worktree under `wt/`); otherwise prints a note
/// naming the skipped test and returns `None`.
pub(crate) fn shared(rel: &str, what: &str) -> Option<PathBuf> {
    let mut roots: Vec<PathBuf> = std::env::var_os("CONCORD_SHARED")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    roots.push(root().join("../shared"));
    roots.push(root().join("../../shared"));
    let found = roots.into_iter().map(|r| r.join(rel)).find(|p| p.exists());
    if found.is_none() {
        eprintln!("note: ../shared/{rel} is absent; {what} skipped");
    }
    found
}

/// Whether `program --version` runs and succeeds here.
pub(crate) fn have(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether `python3` can import `module`.
pub(crate) fn python_has(module: &str) -> bool {
    std::process::Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The built binary's path, for tests that drive `std::process::Command` by hand.
pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_concord");
