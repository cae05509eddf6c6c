//! Snapshot tests of the command line: every `tests/cmd/*.toml` case runs the built
//! binary in its `.in/` folder (or the repository root) and compares stdout, stderr and
//! the exit code with the files beside it.

#[test]
fn cmd_cases() {
    trycmd::TestCases::new()
        .register_bin(
            "concord",
            trycmd::schema::Bin::Path(env!("CARGO_BIN_EXE_concord").into()),
        )
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml");
}
