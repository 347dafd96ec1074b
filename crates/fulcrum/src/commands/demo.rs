//! `fulcrum demo`: the bundled demo corpus into a fresh store, and North Korea's balance
//! between China and the United States by quarter, as a table and a chart.
//!
//! The corpus (`demo/corpus/`, described in `demo/README.md`) is compiled into the binary, so
//! the demo runs from any folder and reads nothing but what it writes.

use crate::cli::{BalanceSettings, DemoSettings, IngestSettings, TableFormat};
use crate::commands::analyse;
use crate::commands::ingest::ingest_docs;
use crate::limits::DocLimits;
use anyhow::Context;
use fulcrum_events::Coder;
use fulcrum_read::{Body, RawDoc, ReadError};
use fulcrum_store::Store;
use include_dir::{include_dir, Dir};
use std::process::ExitCode;

/// The demo corpus, embedded.
pub static CORPUS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../demo/corpus");

/// The corpus's documents in name order, as raw documents.
pub fn corpus_docs() -> Vec<Result<RawDoc, ReadError>> {
    let mut files: Vec<_> = CORPUS.files().collect();
    files.sort_by_key(|f| f.path());
    files
        .into_iter()
        .map(|f| {
            Ok(RawDoc {
                origin: format!("demo/corpus/{}", f.path().display()),
                url: None,
                published: None,
                captured: None,
                title: None,
                body: Body::Unknown(f.contents().to_vec()),
            })
        })
        .collect()
}

pub fn run(s: &DemoSettings) -> anyhow::Result<ExitCode> {
    super::set_threads(s.threads)?;
    let start = std::time::Instant::now();
    let mut store = Store::open(&s.db).with_context(|| format!("opening the store {}", s.db))?;
    store.clear()?;
    let coder = Coder::new(None)?;
    let docs = corpus_docs();
    let total = docs.len() as u64;
    eprintln!(
        "fulcrum: coding the demo corpus ({total} news briefs, 2016–2019) into {}",
        s.db
    );
    let ingest = IngestSettings {
        sources: Vec::new(),
        db: s.db.clone(),
        published: None,
        dict: None,
        limits: DocLimits {
            max_decompressed_bytes: 1 << 30,
            ..DocLimits::default()
        },
        threads: s.threads,
        batch: 32,
        window_days: fulcrum_store::DEFAULT_WINDOW_DAYS,
        quiet: s.quiet,
    };
    let sum = ingest_docs(&mut store, &coder, &ingest, docs.into_iter(), Some(total))?;
    eprintln!(
        "fulcrum: {} documents, {} events, {} unique events ({:.1} s)",
        sum.new + sum.versions + sum.unchanged,
        sum.events,
        sum.clusters,
        start.elapsed().as_secs_f64()
    );
    let settings = demo_balance(&s.db);
    let b = analyse::compute_balance(&mut store, &settings)?;
    say!();
    say!("North Korea between China and the United States, 2016–2019, by quarter (asserted events only):");
    say!();
    analyse::print_balance(&b);
    let title = b.title();
    let bytes = if s
        .chart
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"))
    {
        fulcrum_relations::chart_png(&b, &title)?
    } else {
        fulcrum_relations::chart_svg(&b, &title)?.into_bytes()
    };
    std::fs::write(&s.chart, bytes)
        .with_context(|| format!("{}: cannot write the chart", s.chart.display()))?;
    say!();
    say!("Chart: {}", s.chart.display());
    say!();
    say!("Next:");
    say!(
        "  fulcrum relations PRK USA --db {} --by quarter     the dyad behind the balance",
        s.db
    );
    say!(
        "  fulcrum balance KOR --between CHN,USA --db {}      another state's balance",
        s.db
    );
    say!(
        "  fulcrum export --db {} --format csv -o events.csv  every event, with its sentence and rule",
        s.db
    );
    say!("  fulcrum ingest YOUR/FOLDER                          your own pages, feeds or WARC files into fulcrum.db");
    Ok(ExitCode::SUCCESS)
}

/// The balance the demo shows.
pub fn demo_balance(db: &str) -> BalanceSettings {
    BalanceSettings {
        db: db.to_string(),
        focus: "PRK".into(),
        powers: vec!["CHN".into(), "USA".into()],
        // The corpus also tells history ("China fought alongside the North in 1950"), coded
        // with its own dates; the demo shows the years the corpus covers.
        filter: fulcrum_store::EventFilter {
            factuality: vec!["asserted".into()],
            from: Some("2016-01-01".into()),
            to: Some("2019-12-31".into()),
            ..Default::default()
        },
        by: fulcrum_relations::Period::Quarter,
        format: TableFormat::Table,
        chart: None,
        bootstrap: 1000,
        seed: 0,
    }
}
