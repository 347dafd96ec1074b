//! `fulcrum ingest`: read sources, code them on all cores, store them exactly once.
//!
//! Documents are read as a stream and handled in batches: extracted in parallel, checked
//! against the store (unchanged documents are not coded again), coded in parallel, then written
//! by this one thread in one transaction per batch. Batches are written in input order, so the
//! store's ids do not depend on thread count, and a killed run resumes where it stopped.

use crate::cli::IngestSettings;
use crate::limits::Budget;
use crate::pipeline::{self, Prepared};
use crate::progress::Progress;
use anyhow::Context;
use fulcrum_events::Coder;
use fulcrum_read::{Kind, RawDoc, ReadError};
use fulcrum_store::{DocStatus, NewDocument, Store};
use rayon::prelude::*;
use std::collections::HashSet;
use std::process::ExitCode;

/// Totals of one run, printed at the end.
#[derive(Debug, Default)]
pub struct Summary {
    pub new: usize,
    pub versions: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub events: usize,
    pub clusters: usize,
}

pub fn run(s: &IngestSettings) -> anyhow::Result<ExitCode> {
    super::set_threads(s.threads)?;
    let mut store = Store::open(&s.db).with_context(|| format!("opening the store {}", s.db))?;
    let coder = Coder::new(s.dict.as_deref())?;
    let sum = ingest(&mut store, &coder, s)?;
    eprintln!(
        "fulcrum: {} new documents ({} new versions), {} unchanged, {} failed; {} events; {} unique events in the store ({})",
        sum.new, sum.versions, sum.unchanged, sum.failed, sum.events, sum.clusters, store.url()
    );
    Ok(if sum.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Ingests the settings' sources into `store`.
pub fn ingest(store: &mut Store, coder: &Coder, s: &IngestSettings) -> anyhow::Result<Summary> {
    let limits = s.limits.read_limits();
    let sources = fulcrum_read::plan(&s.sources);
    let total = sources
        .iter()
        .all(|src| {
            matches!(src.kind, Kind::Html | Kind::Text)
                || (src.kind == Kind::Sniff && src.path.is_some())
        })
        .then_some(sources.len() as u64);
    ingest_docs(
        store,
        coder,
        s,
        fulcrum_read::read_all(&s.sources, &limits),
        total,
    )
}

/// Ingests a stream of raw documents (`total` documents when known, for the progress bar);
/// also used by `fulcrum demo` on its embedded corpus.
pub fn ingest_docs(
    store: &mut Store,
    coder: &Coder,
    s: &IngestSettings,
    mut docs: impl Iterator<Item = Result<RawDoc, ReadError>>,
    total: Option<u64>,
) -> anyhow::Result<Summary> {
    let version = coder.version();
    let mut progress = Progress::new(total, s.quiet);
    let mut sum = Summary::default();
    loop {
        let batch: Vec<Result<RawDoc, ReadError>> = docs.by_ref().take(s.batch).collect();
        if batch.is_empty() {
            break;
        }
        let n = batch.len() as u64;
        let events = ingest_batch(store, coder, s, &version, batch, &mut sum, &progress)?;
        progress.add(n, events as u64);
    }
    progress.finish();
    sum.clusters = store.refresh_clusters(s.window_days)?;
    Ok(sum)
}

fn ingest_batch(
    store: &mut Store,
    coder: &Coder,
    s: &IngestSettings,
    version: &str,
    batch: Vec<Result<RawDoc, ReadError>>,
    sum: &mut Summary,
    progress: &Progress,
) -> anyhow::Result<usize> {
    let published = s.published.as_deref();
    let prepared: Vec<Result<Prepared, String>> = batch
        .into_par_iter()
        .map(|r| match r {
            Err(e) => Err(e.to_string()),
            Ok(raw) => {
                let origin = raw.origin.clone();
                // The reader holds documents to --max-doc-bytes; what coding one of this size
                // would need is checked here, before any work is done on it.
                s.limits
                    .check_size(raw.body.len() as u64)
                    .map_err(|over| format!("{origin}: {over}"))?;
                let budget = Budget::start(&s.limits);
                let p = pipeline::prepare(raw, published).map_err(|m| format!("{origin}: {m}"))?;
                budget.check().map_err(|over| format!("{origin}: {over}"))?;
                Ok(p)
            }
        })
        .collect();
    // Only documents the store lacks are coded; a document twice in one batch is coded once.
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut to_code = Vec::new();
    for p in prepared {
        match p {
            Err(m) => {
                sum.failed += 1;
                progress.note(&format!("fulcrum: {m}"));
            }
            Ok(p) => {
                let id = (p.key.clone(), p.content_hash.clone());
                if seen.contains(&id)
                    || store.status(&p.key, &p.content_hash)? == DocStatus::Unchanged
                {
                    sum.unchanged += 1;
                    continue;
                }
                seen.insert(id);
                to_code.push(p);
            }
        }
    }
    let coded: Vec<Result<NewDocument, String>> = to_code
        .into_par_iter()
        .map(|p| {
            let origin = p.raw.origin.clone();
            pipeline::code(coder, p, version, &s.limits).map_err(|m| format!("{origin}: {m}"))
        })
        .collect();
    let mut ready = Vec::with_capacity(coded.len());
    for c in coded {
        match c {
            Ok(d) => ready.push(d),
            Err(m) => {
                sum.failed += 1;
                progress.note(&format!("fulcrum: {m}"));
            }
        }
    }
    let w = store
        .write_documents(&ready, version)
        .context("writing to the store")?;
    sum.new += w.new;
    sum.versions += w.versions;
    sum.unchanged += w.unchanged;
    sum.events += w.events;
    Ok(w.events)
}
