//! `fulcrum recode`: re-code stored documents after the dictionaries or fulcrum changed.
//!
//! Documents whose events carry another coder version are re-coded from their stored
//! extraction, a batch per transaction: each document's events are replaced together with its
//! version, so an interrupted run resumes with the documents still stale and none twice.

use crate::cli::RecodeSettings;
use crate::pipeline;
use crate::progress::Progress;
use anyhow::Context;
use fulcrum_events::Coder;
use fulcrum_store::Store;
use rayon::prelude::*;
use std::process::ExitCode;

pub fn run(s: &RecodeSettings) -> anyhow::Result<ExitCode> {
    super::set_threads(s.threads)?;
    let mut store = Store::open(&s.db).with_context(|| format!("opening the store {}", s.db))?;
    let coder = Coder::new(s.dict.as_deref())?;
    let version = coder.version();
    let mut progress = Progress::new(None, s.quiet);
    let (mut docs, mut events, mut failed) = (0usize, 0usize, 0usize);
    loop {
        let stale = store.stale_documents(&version, s.batch)?;
        if stale.is_empty() {
            break;
        }
        let coded: Vec<(i64, Result<Vec<fulcrum_store::EventRow>, String>)> = stale
            .par_iter()
            .map(|d| {
                (
                    d.id,
                    pipeline::recode(&coder, &d.key, &d.body, d.published.as_deref(), &version),
                )
            })
            .collect();
        let mut ready = Vec::with_capacity(coded.len());
        for (id, r) in coded {
            match r {
                Ok(ev) => ready.push((id, ev)),
                Err(m) => {
                    // A document that cannot be re-coded keeps no events from the old version,
                    // so that the store never mixes versions; it is reported.
                    progress.note(&format!("fulcrum: stored document {id}: {m}"));
                    failed += 1;
                    ready.push((id, Vec::new()));
                }
            }
        }
        let n = store.replace_events(&ready, &version)?;
        docs += ready.len();
        events += n;
        progress.add(ready.len() as u64, n as u64);
    }
    progress.finish();
    let clusters = store.refresh_clusters(s.window_days)?;
    eprintln!(
        "fulcrum: re-coded {docs} documents with {version} ({failed} failed): {events} events, {clusters} unique events ({})",
        store.url()
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
