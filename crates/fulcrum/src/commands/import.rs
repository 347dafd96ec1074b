//! `fulcrum import`: existing event datasets (GDELT 1.0 and 2.0, ICEWS, POLECAT) into the
//! store, so that fulcrum's relations and balance work on data analysts already have.
//!
//! Each event is stored once: its dataset's event id, with provenance `imported:<format>`,
//! identifies it, so importing a file twice adds nothing.

use crate::cli::ImportSettings;
use anyhow::Context;
use fulcrum_import::ImportedEvent;
use fulcrum_store::{EventRow, Store};
use std::process::ExitCode;

/// Events per transaction.
const BATCH: usize = 2000;

/// The stored form of an imported event.
pub fn row(e: &ImportedEvent) -> EventRow {
    EventRow {
        provenance: e.provenance.clone(),
        external_id: Some(e.external_id.clone()),
        url: e.url.clone(),
        sentence: e.text.clone(),
        source_code: e.source.code.clone(),
        source_sector: e.source.sector.clone(),
        source_text: Some(e.source.name.clone()).filter(|n| !n.is_empty()),
        target_code: e.target.as_ref().map(|t| t.code.clone()),
        target_sector: e.target.as_ref().map(|t| t.sector.clone()),
        target_text: e.target.as_ref().map(|t| t.name.clone()),
        plover: e.plover.clone().unwrap_or_default(),
        cameo: e.cameo.clone(),
        goldstein: e.goldstein,
        quad: e.quad.clone(),
        date_start: Some(e.date.clone()),
        date_end: Some(e.date.clone()),
        date_basis: "imported".into(),
        factuality: "asserted".into(),
        mentions: e.mentions.max(1) as i64,
        ..Default::default()
    }
}

pub fn run(s: &ImportSettings) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(&s.db).with_context(|| format!("opening the store {}", s.db))?;
    let (mut added, mut skipped, mut failed) = (0usize, 0usize, 0usize);
    for path in &s.files {
        let events = match fulcrum_import::read_file(s.format, path) {
            Ok(ev) => ev,
            Err(e) => {
                eprintln!("fulcrum: {e}");
                failed += 1;
                continue;
            }
        };
        let mut batch = Vec::with_capacity(BATCH);
        for item in events {
            match item {
                Ok(e) => batch.push(row(&e)),
                Err(e) => {
                    eprintln!("fulcrum: {e}");
                    failed += 1;
                }
            }
            if batch.len() == BATCH {
                let (a, k) = store.write_imported(&batch)?;
                added += a;
                skipped += k;
                batch.clear();
            }
        }
        let (a, k) = store.write_imported(&batch)?;
        added += a;
        skipped += k;
    }
    let clusters = store.recluster(s.window_days)?;
    eprintln!(
        "fulcrum: imported {added} events ({skipped} already stored, {failed} rows or files skipped); {clusters} unique events in the store ({})",
        store.url()
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
