//! Command-line flags, and their validation into settings before any work starts.

use crate::limits::DocLimits;
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
        #[command(flatten)]
        docs: DocArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        #[command(flatten)]
        limits: LimitArgs,
        /// Worker threads (default: all cores). Output is the same whatever the number.
        #[arg(long)]
        threads: Option<usize>,
        /// Also emit events whose target could not be identified (target null).
        #[arg(long)]
        null_targets: bool,
        /// Emit only events of these factualities, comma-separated (asserted, negated, future,
        /// hypothetical); by default every event is emitted, labelled with its factuality.
        #[arg(long)]
        factuality: Option<String>,
        /// Also emit the quotations (direct and reported speech, with their speakers) as
        /// records of kind "quote" (JSON Lines only).
        #[arg(long)]
        quotes: bool,
    },
    /// Print the quotations of documents, each with its speaker, cue and the events inside
    /// it, as JSON Lines.
    Quotes {
        #[command(flatten)]
        docs: DocArgs,
        #[command(flatten)]
        limits: LimitArgs,
        /// Worker threads (default: all cores). Output is the same whatever the number.
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Print every actor and person mention of documents as JSON Lines: what each resolves
    /// to, and the mention it was resolved from.
    Mentions {
        #[command(flatten)]
        docs: DocArgs,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print the extracted article (title, dateline, body, captions, dates) as JSON.
    Extract {
        file: PathBuf,
        #[command(flatten)]
        limits: LimitArgs,
    },
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
    /// Read sources into the event store, coding each new document once (files and folders of
    /// HTML and text, JSON Lines, RSS/Atom feeds, WARC; .gz and .zst; "-" for stdin).
    Ingest {
        /// Files or folders; "-" for standard input.
        #[arg(required = true)]
        sources: Vec<PathBuf>,
        #[command(flatten)]
        store: StoreArgs,
        /// Publication date (YYYY-MM-DD) for every input, overriding what the sources say.
        #[arg(long)]
        published: Option<String>,
        /// A folder with extra dictionaries: DIR/actors/*.toml and DIR/patterns/*.toml.
        #[arg(long)]
        dict: Option<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
        /// Stop reading a compressed stream that expands past this size (gzip bombs); 0 for no
        /// limit.
        #[arg(long, default_value = "64G", value_parser = crate::limits::parse_size)]
        max_decompressed_bytes: u64,
        /// Worker threads (default: all cores). The store is the same whatever the number.
        #[arg(long)]
        threads: Option<usize>,
        /// Documents per transaction.
        #[arg(long, default_value_t = 64)]
        batch: usize,
        /// Days within which mentions of the same actors and event type count as one event.
        #[arg(long, default_value_t = fulcrum_store::DEFAULT_WINDOW_DAYS)]
        window_days: i64,
        /// No progress output.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Re-code stored documents whose events came from other dictionaries or another version.
    Recode {
        #[command(flatten)]
        store: StoreArgs,
        #[arg(long)]
        dict: Option<PathBuf>,
        #[arg(long)]
        threads: Option<usize>,
        /// Documents per transaction.
        #[arg(long, default_value_t = 64)]
        batch: usize,
        #[arg(long, default_value_t = fulcrum_store::DEFAULT_WINDOW_DAYS)]
        window_days: i64,
        #[arg(long, short)]
        quiet: bool,
    },
    /// Load events coded elsewhere (GDELT 1.0/2.0, ICEWS, POLECAT tab-separated files).
    Import {
        /// The dataset's format.
        #[arg(long)]
        format: fulcrum_import::Format,
        /// Files (.gz is read as a stream).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        store: StoreArgs,
        #[arg(long, default_value_t = fulcrum_store::DEFAULT_WINDOW_DAYS)]
        window_days: i64,
    },
    /// Write stored events as JSON Lines, CSV or Parquet (columns in docs/store.md).
    Export {
        #[command(flatten)]
        store: StoreArgs,
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// Output file (default: standard output; required for Parquet).
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterArgs,
        /// One row per unique event (cluster of mentions) instead of one per mention.
        #[arg(long)]
        unique: bool,
    },
    /// Relations between two actors period by period: counts by type and quad class,
    /// Goldstein, net cooperation (unique events, both directions).
    Relations {
        /// First actor: a code (PRK) or a name ("North Korea").
        a: String,
        /// Second actor.
        b: String,
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        filter: FilterArgs,
        /// Period: day, week, month, quarter or year.
        #[arg(long, default_value = "month")]
        by: String,
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Also draw the series into this file (.svg or .png).
        #[arg(long)]
        chart: Option<PathBuf>,
    },
    /// How FOCUS balances between powers: relation scores, tilt and shares with intervals,
    /// and the shifts (docs/balance.md).
    Balance {
        /// The state whose balance is measured: a code or a name.
        focus: String,
        /// The powers, comma-separated: --between CHN,USA.
        #[arg(long, required = true)]
        between: String,
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        filter: FilterArgs,
        /// Period: day, week, month, quarter or year.
        #[arg(long, default_value = "quarter")]
        by: String,
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Draw scores, tilt, intervals and shifts into this file (.svg or .png).
        #[arg(long)]
        chart: Option<PathBuf>,
        /// Bootstrap resamples for the intervals.
        #[arg(long, default_value_t = 1000)]
        bootstrap: usize,
        /// Seed of the bootstrap (results are identical for the same seed).
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
    /// The relations among the most active actors, as JSON or GraphML.
    Network {
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        filter: FilterArgs,
        /// How many actors.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// GraphML instead of JSON.
        #[arg(long)]
        graphml: bool,
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Build a fresh store from the bundled demo corpus and show North Korea's balance between
    /// China and the United States.
    Demo {
        /// Where to build the demo store (it is emptied first).
        #[arg(long, default_value = "fulcrum-demo.db")]
        db: String,
        /// Where to draw the balance chart (.svg or .png).
        #[arg(long, default_value = "fulcrum-demo-balance.svg")]
        chart: PathBuf,
        #[arg(long)]
        threads: Option<usize>,
        #[arg(long, short)]
        quiet: bool,
    },
    /// Serve the HTTP API (described at /openapi.json) and the dashboard over a store.
    Serve {
        #[command(flatten)]
        store: StoreArgs,
        /// Address to listen on; port 0 picks a free port (the address is printed).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// A file holding the bearer token that POST /api/documents requires (writes are
        /// disabled without a token).
        #[arg(long, conflicts_with = "token")]
        token_file: Option<PathBuf>,
        /// The bearer token itself, from the environment.
        #[arg(long, env = "FULCRUM_TOKEN", hide_env_values = true)]
        token: Option<String>,
    },
    /// Measure throughput on a generated corpus built from the bundled examples.
    Bench {
        /// Size of the generated corpus in megabytes.
        #[arg(long, default_value_t = 10)]
        megabytes: usize,
        /// Folder of articles to build the corpus from.
        #[arg(long, default_value = "examples")]
        from: PathBuf,
        /// Also measure ingest into this (empty) store, e.g. a PostgreSQL database; ingest into
        /// a temporary SQLite file is always measured.
        #[arg(long = "db")]
        stores: Vec<String>,
    },
}

/// The documents `code`, `quotes` and `mentions` read, and how.
#[derive(clap::Args)]
struct DocArgs {
    /// Files or folders (searched recursively); "-" for standard input.
    paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for every input, overriding what the pages say.
    #[arg(long)]
    published: Option<String>,
    /// A folder with extra dictionaries: DIR/actors/*.toml and DIR/patterns/*.toml.
    #[arg(long)]
    dict: Option<PathBuf>,
}

/// Per-document limits of `code`, `ingest` and `extract` (docs/limits.md).
#[derive(clap::Args, Clone)]
pub struct LimitArgs {
    /// Skip documents larger than this (bytes, or with a unit: 64M, 1G); 0 for no limit.
    #[arg(long, alias = "max-bytes", default_value = "64M", value_parser = crate::limits::parse_size)]
    pub max_doc_bytes: u64,
    /// Skip a document that takes longer than this many seconds to extract and code (checked
    /// between sentences); 0 for no limit.
    #[arg(long, default_value_t = crate::limits::DEFAULT_MAX_DOC_SECONDS, value_parser = crate::limits::parse_seconds)]
    pub max_doc_seconds: f64,
    /// Skip a document that needs more memory than this to code (estimated from its size
    /// before reading, measured between sentences); 0 for no limit.
    #[arg(long, default_value = "1G", value_parser = crate::limits::parse_size)]
    pub max_doc_memory: u64,
}

impl LimitArgs {
    fn limits(&self, max_decompressed_bytes: Option<u64>) -> DocLimits {
        DocLimits {
            max_doc_bytes: self.max_doc_bytes,
            max_doc_seconds: self.max_doc_seconds,
            max_doc_memory: self.max_doc_memory,
            max_decompressed_bytes: max_decompressed_bytes
                .unwrap_or(DocLimits::default().max_decompressed_bytes),
        }
    }
}

/// Where the store is.
#[derive(clap::Args, Clone)]
pub struct StoreArgs {
    /// The store: an SQLite file path, or postgres://user:pass@host/db.
    #[arg(long, env = "FULCRUM_DB", default_value = "fulcrum.db")]
    pub db: String,
}

/// Filters shared by the commands that read events.
#[derive(clap::Args, Clone, Default)]
pub struct FilterArgs {
    /// First day, YYYY-MM-DD.
    #[arg(long)]
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD.
    #[arg(long)]
    pub to: Option<String>,
    /// Events with this actor (code or name) on either side.
    #[arg(long)]
    pub actor: Option<String>,
    /// Events between two actors, either direction: --dyad PRK,USA.
    #[arg(long)]
    pub dyad: Option<String>,
    /// PLOVER types, comma-separated: --type CONSULT,AGREE.
    #[arg(long = "type")]
    pub types: Option<String>,
    /// Factuality values, comma-separated (asserted, negated, future, hypothetical).
    #[arg(long)]
    pub factuality: Option<String>,
}

/// Output of the analysis commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Table,
    Csv,
    Json,
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Csv,
    Parquet,
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
    pub limits: DocLimits,
    pub threads: Option<usize>,
    pub null_targets: bool,
    /// The factualities to emit; empty for all.
    pub factuality: Vec<String>,
    /// Which records to write.
    pub emit: Emit,
}

/// The records `code` and its sibling commands write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emit {
    /// Events (`fulcrum code`).
    Events,
    /// Events and quotations (`fulcrum code --quotes`).
    EventsAndQuotes,
    /// Quotations only (`fulcrum quotes`).
    Quotes,
    /// Actor and person mentions (`fulcrum mentions`).
    Mentions,
}

pub struct ExtractSettings {
    pub file: PathBuf,
    pub limits: DocLimits,
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
    pub stores: Vec<String>,
}

pub struct IngestSettings {
    pub sources: Vec<PathBuf>,
    pub db: String,
    pub published: Option<String>,
    pub dict: Option<PathBuf>,
    pub limits: DocLimits,
    pub threads: Option<usize>,
    pub batch: usize,
    pub window_days: i64,
    pub quiet: bool,
}

pub struct RecodeSettings {
    pub db: String,
    pub dict: Option<PathBuf>,
    pub threads: Option<usize>,
    pub batch: usize,
    pub window_days: i64,
    pub quiet: bool,
}

pub struct ImportSettings {
    pub db: String,
    pub format: fulcrum_import::Format,
    pub files: Vec<PathBuf>,
    pub window_days: i64,
}

pub struct ExportSettings {
    pub db: String,
    pub format: ExportFormat,
    pub output: Option<PathBuf>,
    pub filter: fulcrum_store::EventFilter,
    pub unique: bool,
}

pub struct RelationsSettings {
    pub db: String,
    pub a: String,
    pub b: String,
    pub filter: fulcrum_store::EventFilter,
    pub by: fulcrum_relations::Period,
    pub format: TableFormat,
    pub chart: Option<PathBuf>,
}

pub struct BalanceSettings {
    pub db: String,
    pub focus: String,
    pub powers: Vec<String>,
    pub filter: fulcrum_store::EventFilter,
    pub by: fulcrum_relations::Period,
    pub format: TableFormat,
    pub chart: Option<PathBuf>,
    pub bootstrap: usize,
    pub seed: u64,
}

pub struct NetworkSettings {
    pub db: String,
    pub filter: fulcrum_store::EventFilter,
    pub top: usize,
    pub graphml: bool,
    pub output: Option<PathBuf>,
}

pub struct DemoSettings {
    pub db: String,
    pub chart: PathBuf,
    pub threads: Option<usize>,
    pub quiet: bool,
}

/// Settings of `fulcrum serve`.
pub struct ServeSettings {
    pub db: String,
    pub addr: std::net::SocketAddr,
    pub token: Option<String>,
}

pub enum Command {
    Relations(RelationsSettings),
    Balance(BalanceSettings),
    Network(NetworkSettings),
    Demo(DemoSettings),
    Ingest(IngestSettings),
    Recode(RecodeSettings),
    Export(ExportSettings),
    Import(ImportSettings),
    Code(CodeSettings),
    Extract(ExtractSettings),
    Eval(EvalSettings),
    Bench(BenchSettings),
    Serve(ServeSettings),
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

fn check_threads(threads: Option<usize>) -> anyhow::Result<()> {
    if threads == Some(0) {
        bail!("--threads 0: give at least one thread, or leave the flag out to use all cores");
    }
    Ok(())
}

/// An actor as the user names it: a code ("PRK") or a name ("North Korea").
pub fn actor_code(a: &str) -> anyhow::Result<String> {
    let a = a.trim();
    if a.len() == 3 && a.chars().all(|c| c.is_ascii_alphabetic()) {
        return Ok(a.to_ascii_uppercase());
    }
    static GAZETTEER: std::sync::OnceLock<Option<fulcrum_actors::Gazetteer>> =
        std::sync::OnceLock::new();
    let g = GAZETTEER.get_or_init(|| fulcrum_actors::Gazetteer::builtin().ok());
    g.as_ref()
        .and_then(|g| fulcrum_actors::code_for_name(g, a))
        .with_context(|| {
        format!("{a:?}: not a known actor; give a code such as PRK, USA, CHN, or a country name such as \"North Korea\"")
    })
}

/// Validates filter flags into a store filter.
pub fn event_filter(f: &FilterArgs) -> anyhow::Result<fulcrum_store::EventFilter> {
    for (flag, d) in [("--from", &f.from), ("--to", &f.to)] {
        if let Some(d) = d {
            if !valid_date(d) {
                bail!("{flag} {d:?}: expected a date as YYYY-MM-DD");
            }
        }
    }
    let dyad = match &f.dyad {
        None => None,
        Some(d) => {
            let Some((a, b)) = d.split_once(',') else {
                bail!("--dyad {d:?}: give two actors separated by a comma, e.g. --dyad PRK,USA");
            };
            Some((actor_code(a)?, actor_code(b)?))
        }
    };
    let list = |s: &Option<String>| -> Vec<String> {
        s.as_deref()
            .map(|s| {
                s.split(',')
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let factuality = list(&f.factuality);
    for v in &factuality {
        if !FACTUALITY.contains(&v.as_str()) {
            bail!(
                "--factuality {v:?}: expected any of {}",
                FACTUALITY.join(", ")
            );
        }
    }
    Ok(fulcrum_store::EventFilter {
        from: f.from.clone(),
        to: f.to.clone(),
        actor: f.actor.as_deref().map(actor_code).transpose()?,
        dyad,
        types: list(&f.types).iter().map(|t| t.to_uppercase()).collect(),
        factuality,
        ..Default::default()
    })
}

/// Filters for the analyses: only asserted events unless the user asks for others, because
/// a threat that might happen or a visit that is planned is not yet part of a relation.
pub fn analysis_filter(f: &FilterArgs) -> anyhow::Result<fulcrum_store::EventFilter> {
    let mut filter = event_filter(f)?;
    if filter.factuality.is_empty() {
        filter.factuality = vec!["asserted".into()];
    }
    Ok(filter)
}

/// The factuality values events carry.
pub const FACTUALITY: &[&str] = &["asserted", "negated", "future", "hypothetical"];

/// Validates `--factuality a,b` of `fulcrum code`: every value must be one events carry.
fn factuality_list(flag: Option<&str>) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for v in flag.unwrap_or_default().split(',').map(str::trim) {
        if v.is_empty() {
            continue;
        }
        if !FACTUALITY.contains(&v) {
            bail!(
                "--factuality {v:?}: not a factuality; give any of {}, comma-separated",
                FACTUALITY.join(", ")
            );
        }
        out.push(v.to_string());
    }
    if flag.is_some() && out.is_empty() {
        bail!(
            "--factuality: give at least one of {}, comma-separated",
            FACTUALITY.join(", ")
        );
    }
    Ok(out)
}

/// Validates the settings shared by `code`, `quotes` and `mentions`.
#[allow(clippy::too_many_arguments)]
fn code_settings(
    DocArgs {
        paths,
        published,
        dict,
    }: DocArgs,
    format: Format,
    limits: DocLimits,
    threads: Option<usize>,
    null_targets: bool,
    factuality: Vec<String>,
    emit: Emit,
) -> anyhow::Result<CodeSettings> {
    if let Some(p) = &published {
        if !valid_date(p) {
            bail!("--published {p:?}: expected a date as YYYY-MM-DD, e.g. --published 2018-05-01");
        }
    }
    check_dict(&dict)?;
    if threads == Some(0) {
        bail!("--threads 0: give at least one thread, or leave the flag out to use all cores");
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
    Ok(CodeSettings {
        paths,
        format,
        published,
        dict,
        limits,
        threads,
        null_targets,
        factuality,
        emit,
    })
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
            docs,
            format,
            limits,
            threads,
            null_targets,
            factuality,
            quotes,
        } => {
            if quotes && format != Format::Jsonl {
                bail!("--quotes: quotations are written as JSON Lines records; drop --format or use --format jsonl");
            }
            Command::Code(code_settings(
                docs,
                format,
                limits.limits(None),
                threads,
                null_targets,
                factuality_list(factuality.as_deref())?,
                if quotes {
                    Emit::EventsAndQuotes
                } else {
                    Emit::Events
                },
            )?)
        }
        RawCommand::Quotes {
            docs,
            limits,
            threads,
        } => Command::Code(code_settings(
            docs,
            Format::Jsonl,
            limits.limits(None),
            threads,
            false,
            Vec::new(),
            Emit::Quotes,
        )?),
        RawCommand::Mentions { docs, limits } => Command::Code(code_settings(
            docs,
            Format::Jsonl,
            limits.limits(None),
            None,
            false,
            Vec::new(),
            Emit::Mentions,
        )?),
        RawCommand::Ingest {
            sources,
            store,
            published,
            dict,
            limits,
            max_decompressed_bytes,
            threads,
            batch,
            window_days,
            quiet,
        } => {
            if let Some(p) = &published {
                if !valid_date(p) {
                    bail!("--published {p:?}: expected a date as YYYY-MM-DD, e.g. --published 2018-05-01");
                }
            }
            check_dict(&dict)?;
            check_threads(threads)?;
            for p in &sources {
                if p.as_os_str() != "-" && !p.exists() {
                    bail!("{}: no such file or folder", p.display());
                }
            }
            if batch == 0 {
                bail!("--batch 0: give at least one document per transaction");
            }
            if !(0..=366).contains(&window_days) {
                bail!("--window-days {window_days}: give a number of days from 0 to 366");
            }
            Command::Ingest(IngestSettings {
                sources,
                db: store.db,
                published,
                dict,
                limits: limits.limits(Some(max_decompressed_bytes)),
                threads,
                batch,
                window_days,
                quiet,
            })
        }
        RawCommand::Recode {
            store,
            dict,
            threads,
            batch,
            window_days,
            quiet,
        } => {
            check_dict(&dict)?;
            check_threads(threads)?;
            if batch == 0 {
                bail!("--batch 0: give at least one document per transaction");
            }
            Command::Recode(RecodeSettings {
                db: store.db,
                dict,
                threads,
                batch,
                window_days,
                quiet,
            })
        }
        RawCommand::Relations {
            a,
            b,
            store,
            filter,
            by,
            format,
            chart,
        } => Command::Relations(RelationsSettings {
            db: store.db,
            a: actor_code(&a)?,
            b: actor_code(&b)?,
            filter: analysis_filter(&filter)?,
            by: crate::commands::analyse::parse_period(&by)?,
            format,
            chart,
        }),
        RawCommand::Balance {
            focus,
            between,
            store,
            filter,
            by,
            format,
            chart,
            bootstrap,
            seed,
        } => {
            let powers = between
                .split(',')
                .filter(|p| !p.trim().is_empty())
                .map(actor_code)
                .collect::<anyhow::Result<Vec<_>>>()?;
            if powers.is_empty() {
                bail!("--between {between:?}: give at least one power, e.g. --between CHN,USA");
            }
            if !(1..=100_000).contains(&bootstrap) {
                bail!("--bootstrap {bootstrap}: give 1 to 100000 resamples");
            }
            Command::Balance(BalanceSettings {
                db: store.db,
                focus: actor_code(&focus)?,
                powers,
                filter: analysis_filter(&filter)?,
                by: crate::commands::analyse::parse_period(&by)?,
                format,
                chart,
                bootstrap,
                seed,
            })
        }
        RawCommand::Network {
            store,
            filter,
            top,
            graphml,
            output,
        } => {
            if top == 0 {
                bail!("--top 0: give at least one actor");
            }
            Command::Network(NetworkSettings {
                db: store.db,
                filter: analysis_filter(&filter)?,
                top,
                graphml,
                output,
            })
        }
        RawCommand::Demo {
            db,
            chart,
            threads,
            quiet,
        } => {
            check_threads(threads)?;
            Command::Demo(DemoSettings {
                db,
                chart,
                threads,
                quiet,
            })
        }
        RawCommand::Import {
            format,
            files,
            store,
            window_days,
        } => {
            for f in &files {
                if !f.is_file() {
                    bail!("{}: no such file", f.display());
                }
            }
            Command::Import(ImportSettings {
                db: store.db,
                format,
                files,
                window_days,
            })
        }
        RawCommand::Export {
            store,
            format,
            output,
            filter,
            unique,
        } => {
            if format == ExportFormat::Parquet && output.is_none() {
                bail!(
                    "--format parquet needs --output FILE (Parquet is not written to a terminal)"
                );
            }
            Command::Export(ExportSettings {
                db: store.db,
                format,
                output,
                filter: event_filter(&filter)?,
                unique,
            })
        }
        RawCommand::Extract { file, limits } => {
            if !file.is_file() {
                bail!("{}: no such file", file.display());
            }
            Command::Extract(ExtractSettings {
                file,
                limits: limits.limits(None),
            })
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
        RawCommand::Serve {
            store,
            addr,
            token_file,
            token,
        } => {
            let addr: std::net::SocketAddr = addr.parse().map_err(|_| {
                anyhow::anyhow!("--addr {addr:?}: give an address and port, e.g. 127.0.0.1:8080")
            })?;
            let token = match token_file {
                Some(f) => Some(
                    std::fs::read_to_string(&f)
                        .with_context(|| format!("--token-file {}: cannot read it", f.display()))?,
                ),
                None => token,
            };
            let token = token.map(|t| t.trim().to_string());
            if token.as_ref().is_some_and(|t| t.len() < 16) {
                bail!("the token is shorter than 16 characters; give a long random one (e.g. from openssl rand -hex 32)");
            }
            Command::Serve(ServeSettings {
                db: store.db,
                addr,
                token,
            })
        }
        RawCommand::Bench {
            megabytes,
            from,
            stores,
        } => {
            if megabytes == 0 {
                bail!("--megabytes must be at least 1");
            }
            if !from.is_dir() {
                bail!("--from {}: no such folder (run from the repository root, or point it at a folder of articles)", from.display());
            }
            Command::Bench(BenchSettings {
                megabytes,
                from,
                stores,
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{factuality_list, valid_date};

    #[test]
    fn factuality_values_are_checked() {
        assert_eq!(
            factuality_list(Some("asserted, future")).unwrap(),
            vec!["asserted", "future"]
        );
        assert!(factuality_list(None).unwrap().is_empty());
        let e = factuality_list(Some("asserted,maybe"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"maybe\"") && e.contains("hypothetical"), "{e}");
        assert!(factuality_list(Some(",")).is_err());
    }

    #[test]
    fn dates_are_checked() {
        assert!(valid_date("2018-05-01"));
        for bad in ["2018-5-1", "2018-13-01", "yesterday", "", "2018-05-01T00"] {
            assert!(!valid_date(bad), "{bad}");
        }
    }
}
