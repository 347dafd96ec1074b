//! `fulcrum extract`: the article as fulcrum reads it.

use crate::cli::ExtractSettings;
use crate::input::{read, Input, Skip};
use crate::limits::{Budget, Over};
use std::process::ExitCode;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

pub fn run(s: &ExtractSettings) -> anyhow::Result<ExitCode> {
    let name = s.file.display().to_string();
    let input = Input {
        name: name.clone(),
        path: Some(s.file.clone()),
    };
    let bytes = match read(&input, &s.limits) {
        Ok(b) => b,
        // An empty or binary file still has an (empty) extraction worth showing.
        Err(Skip::Empty | Skip::Binary) => std::fs::read(&s.file)?,
        Err(e) => return Ok(skipped(&name, &e.to_string())),
    };
    // Extraction has no sentence loop to check a deadline in, so it runs on its own thread and
    // is abandoned when the time is up; the process ends right after, taking the thread along.
    let limits = s.limits;
    let hint = s.file.to_str().map(str::to_string);
    let (tx, rx) = std::sync::mpsc::channel();
    let started = std::time::Instant::now();
    std::thread::spawn(move || {
        let budget = Budget::start(&limits);
        let mut doc = fulcrum_extract::extract(&bytes, hint.as_deref());
        drop(bytes);
        // A page without any date evidence may still be dated by the events it reports.
        if doc.published.is_none() {
            if let Ok(coder) = fulcrum_events::Coder::new(None) {
                coder.date_undated(&mut doc);
            }
        }
        let _ = tx.send(budget.check().map(|()| doc));
    });
    let wait = if limits.max_doc_seconds > 0.0 {
        Duration::from_secs_f64(limits.max_doc_seconds)
    } else {
        Duration::MAX
    };
    match rx.recv_timeout(wait) {
        Ok(Ok(doc)) => {
            say!("{}", serde_json::to_string_pretty(&doc)?);
            Ok(ExitCode::SUCCESS)
        }
        Ok(Err(over)) => Ok(skipped(&name, &over.to_string())),
        Err(RecvTimeoutError::Timeout) => {
            let over = Over::Time {
                elapsed: started.elapsed(),
                limit: limits.max_doc_seconds,
            };
            Ok(skipped(&name, &over.to_string()))
        }
        Err(RecvTimeoutError::Disconnected) => Ok(skipped(
            &name,
            "internal error while reading this document (please report it with the file); skipped",
        )),
    }
}

/// Reports a file that was not extracted, as `code` and `ingest` do, with exit status 1.
fn skipped(name: &str, why: &str) -> ExitCode {
    eprintln!("fulcrum: {name}: {why}");
    ExitCode::from(1)
}
