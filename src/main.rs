//! The `concord` command: parse the command line, dispatch, map the outcome to an exit code.

mod cli;

use clap::Parser as _;

/// mimalloc: `check` and `lint` allocate small per-line vectors and strings by the
/// million on every core; glibc's allocator spent about a sixth of `lint`'s time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    let result = match &cli.command {
        cli::Command::Segment(a) => cli::segment::run(&cli, a),
        cli::Command::Lookup(a) => cli::lookup::run(&cli, a),
        cli::Command::Memory(a) => cli::memory::run(&cli, a),
        cli::Command::Termbase(a) => cli::termbase::run(&cli, a),
        cli::Command::Check(a) => cli::check::run(&cli, a),
        cli::Command::Align(a) => cli::align::run(&cli, a),
        cli::Command::Edition(a) => cli::edition::run(&cli, a),
        cli::Command::Lint(a) => cli::lint::run(&cli, a),
        cli::Command::Db(a) => cli::db::run(&cli, a),
        cli::Command::Serve(a) => cli::serve::run(&cli, a),
        cli::Command::Completions(a) => cli::completions::run(&cli, a),
    };
    cli::exit(result)
}
