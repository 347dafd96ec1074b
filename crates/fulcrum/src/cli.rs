//! Command-line flags, and their validation into settings before any work starts.

use anyhow::{bail, Context};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "fulcrum",
    version,
    about = "Codes political events (PLOVER/CAMEO) from news pages."
)]
struct Cli {
    #[command(subcommand)]
    command: RawCommand,
}

#[derive(Subcommand)]
enum RawCommand {
    /// Code the events of news pages (HTML or text, files or folders; "-" reads stdin).
    Code {
        /// Files or folders (searched recursively); "-" for standard input.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// Publication date (YYYY-MM-DD) for every input, overriding what the pages say.
        #[arg(long)]
        published: Option<String>,
        /// A folder with extra dictionaries: DIR/actors/*.toml and DIR/patterns/*.toml.
        #[arg(long)]
        dict: Option<PathBuf>,
        /// Skip documents larger than this many bytes (with a message).
        #[arg(long, default_value_t = 64 * 1024 * 1024)]
        max_bytes: u64,
        /// Worker threads (default: all cores). Output is the same whatever the number.
        #[arg(long)]
        threads: Option<usize>,
        /// Also emit events whose target could not be identified (target null).
        #[arg(long)]
        null_targets: bool,
    },
    /// Print the extracted article (title, dateline, body, captions, dates) as JSON.
    Extract { file: PathBuf },
    /// Code documents and score them against gold events.
    Eval {
        /// Gold events, one JSON object per line, in the guidelines' format.
        #[arg(long, required_unless_present = "plover_examples")]
        gold: Option<PathBuf>,
        /// Folder of the documents the gold refers to (document id = file name without extension).
        #[arg(long, required_unless_present = "plover_examples")]
        docs: Option<PathBuf>,
        /// Instead of gold events: a JSON array of PLOVER example sentences (the PLOVER
        /// project's gold standard records, with `text` and `event`); reports event-type accuracy.
        #[arg(long, conflicts_with_all = ["gold", "docs"])]
        plover_examples: Option<PathBuf>,
        /// Publication dates: a TSV with columns `id` and `pub_date` (default: INDEX.tsv beside or inside DIR).
        #[arg(long)]
        index: Option<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// List missed and spurious events.
        #[arg(long)]
        verbose: bool,
        #[arg(long)]
        dict: Option<PathBuf>,
    },
    /// Measure throughput on a generated corpus built from the bundled examples.
    Bench {
        /// Size of the generated corpus in megabytes.
        #[arg(long, default_value_t = 10)]
        megabytes: usize,
        /// Folder of articles to build the corpus from.
        #[arg(long, default_value = "examples")]
        from: PathBuf,
    },
}

/// Output formats of `fulcrum code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Jsonl,
    Tsv,
    Csv,
}

/// Settings of `fulcrum code`.
pub struct CodeSettings {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub published: Option<String>,
    pub dict: Option<PathBuf>,
    pub max_bytes: u64,
    pub threads: Option<usize>,
    pub null_targets: bool,
}

pub struct ExtractSettings {
    pub file: PathBuf,
}

pub struct EvalSettings {
    pub target: EvalTarget,
    pub index: Option<PathBuf>,
    pub json: bool,
    pub verbose: bool,
    pub dict: Option<PathBuf>,
}

/// What `fulcrum eval` scores against.
pub enum EvalTarget {
    Gold { gold: PathBuf, docs: PathBuf },
    PloverExamples(PathBuf),
}

pub struct BenchSettings {
    pub megabytes: usize,
    pub from: PathBuf,
}

pub enum Command {
    Code(CodeSettings),
    Extract(ExtractSettings),
    Eval(EvalSettings),
    Bench(BenchSettings),
}

/// Checks a `YYYY-MM-DD` date.
pub fn valid_date(d: &str) -> bool {
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| d[r].parse::<u32>().ok();
    matches!((num(0..4), num(5..7), num(8..10)), (Some(y), Some(m), Some(dd)) if y >= 1 && (1..=12).contains(&m) && (1..=31).contains(&dd))
}

fn check_dict(dict: &Option<PathBuf>) -> anyhow::Result<()> {
    if let Some(d) = dict {
        if !d.is_dir() {
            bail!("--dict {}: not a folder; give a folder holding actors/*.toml and/or patterns/*.toml", d.display());
        }
    }
    Ok(())
}

/// Parses and validates the command line.
pub fn parse() -> anyhow::Result<Command> {
    let cli = Cli::parse();
    Ok(match cli.command {
        RawCommand::Code {
            paths,
            format,
            published,
            dict,
            max_bytes,
            threads,
            null_targets,
        } => {
            if let Some(p) = &published {
                if !valid_date(p) {
                    bail!("--published {p:?}: expected a date as YYYY-MM-DD, e.g. --published 2018-05-01");
                }
            }
            check_dict(&dict)?;
            if threads == Some(0) {
                bail!(
                    "--threads 0: give at least one thread, or leave the flag out to use all cores"
                );
            }
            let paths = if paths.is_empty() {
                vec![PathBuf::from("-")]
            } else {
                paths
            };
            for p in &paths {
                if p.as_os_str() != "-" && !p.exists() {
                    bail!("{}: no such file or folder", p.display());
                }
            }
            Command::Code(CodeSettings {
                paths,
                format,
                published,
                dict,
                max_bytes,
                threads,
                null_targets,
            })
        }
        RawCommand::Extract { file } => {
            if !file.is_file() {
                bail!("{}: no such file", file.display());
            }
            Command::Extract(ExtractSettings { file })
        }
        RawCommand::Eval {
            gold,
            docs,
            plover_examples,
            index,
            json,
            verbose,
            dict,
        } => {
            check_dict(&dict)?;
            if let Some(p) = plover_examples {
                if !p.is_file() {
                    bail!("--plover-examples {}: no such file", p.display());
                }
                return Ok(Command::Eval(EvalSettings {
                    target: EvalTarget::PloverExamples(p),
                    index: None,
                    json,
                    verbose,
                    dict,
                }));
            }
            let (Some(gold), Some(docs)) = (gold, docs) else {
                bail!("give --gold FILE and --docs DIR, or --plover-examples FILE");
            };
            if !gold.is_file() {
                bail!("--gold {}: no such file", gold.display());
            }
            if !docs.is_dir() {
                bail!("--docs {}: no such folder", docs.display());
            }
            let index = match index {
                Some(i) => Some(i)
                    .filter(|i| i.is_file())
                    .with_context(|| "--index: no such file".to_string())?
                    .into(),
                None => [
                    docs.join("INDEX.tsv"),
                    docs.parent()
                        .map(|p| p.join("INDEX.tsv"))
                        .unwrap_or_default(),
                ]
                .into_iter()
                .find(|p| p.is_file()),
            };
            Command::Eval(EvalSettings {
                target: EvalTarget::Gold { gold, docs },
                index,
                json,
                verbose,
                dict,
            })
        }
        RawCommand::Bench { megabytes, from } => {
            if megabytes == 0 {
                bail!("--megabytes must be at least 1");
            }
            if !from.is_dir() {
                bail!("--from {}: no such folder (run from the repository root, or point it at a folder of articles)", from.display());
            }
            Command::Bench(BenchSettings { megabytes, from })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::valid_date;

    #[test]
    fn dates_are_checked() {
        assert!(valid_date("2018-05-01"));
        for bad in ["2018-5-1", "2018-13-01", "yesterday", "", "2018-05-01T00"] {
            assert!(!valid_date(bad), "{bad}");
        }
    }
}
