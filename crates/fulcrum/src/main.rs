//! The `fulcrum` command line: a thin layer over the pipeline crates.

/// Prints a line on standard output. A closed pipe (`fulcrum eval ... | head`) is not an
/// error worth a panic: the rest of the output is simply not wanted.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

mod cli;
mod commands;
mod input;
mod limits;
mod pipeline;
mod progress;

use std::process::ExitCode;

// Counts each thread's allocations so that a document's memory can be held to
// --max-doc-memory (see limits.rs).
#[global_allocator]
static ALLOCATOR: limits::Counting = limits::Counting;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("fulcrum: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Parses the command line into validated settings and runs the one command asked for.
fn run() -> anyhow::Result<ExitCode> {
    match cli::parse()? {
        cli::Command::Code(s) => commands::code::run(&s),
        cli::Command::Extract(s) => commands::extract::run(&s),
        cli::Command::Eval(s) => commands::eval::run(&s),
        cli::Command::Bench(s) => commands::bench::run(&s),
        cli::Command::Ingest(s) => commands::ingest::run(&s),
        cli::Command::Recode(s) => commands::recode::run(&s),
        cli::Command::Import(s) => commands::import::run(&s),
        cli::Command::Export(s) => commands::export::run(&s),
        cli::Command::Relations(s) => commands::analyse::relations(&s),
        cli::Command::Balance(s) => commands::analyse::balance(&s),
        cli::Command::Network(s) => commands::analyse::network(&s),
        cli::Command::Demo(s) => commands::demo::run(&s),
        cli::Command::Serve(s) => commands::serve::run(&s),
    }
}
