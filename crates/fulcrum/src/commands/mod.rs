//! One module per subcommand.

pub mod analyse;
pub mod bench;
pub mod code;
pub mod demo;
pub mod eval;
pub mod export;
pub mod extract;
pub mod import;
pub mod ingest;
pub mod recode;
pub mod serve;

use crate::input::{read, Input};
use crate::limits::{Budget, DocLimits};
use fulcrum_events::{Coder, Event};
use rayon::prelude::*;

/// The outcome of coding one input.
pub struct Coded {
    pub input: Input,
    pub result: Result<Vec<Event>, String>,
}

/// Codes one input: read, extract, code, within the per-document limits. Never panics
/// outward: a panic inside the pipeline is caught and reported as that input's failure, so one
/// bad page cannot stop a run.
pub fn code_one(
    coder: &Coder,
    input: &Input,
    published: Option<&str>,
    limits: &DocLimits,
) -> Result<Vec<Event>, String> {
    let budget = Budget::start(limits);
    let bytes = read(input, limits).map_err(|e| e.to_string())?;
    let name = input.name.clone();
    let coded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let doc = fulcrum_extract::extract(&bytes, input.path.as_deref().and_then(|p| p.to_str()));
        drop(bytes);
        budget.check()?;
        let pubdate = published
            .map(str::to_string)
            .or_else(|| doc.published.as_ref().map(|d| d.date.clone()));
        coder.code_document_with(&doc, &name, pubdate.as_deref(), || {
            budget.between_sentences()
        })
    }))
    .map_err(|_| {
        "internal error while coding this document (please report it with the file); skipped"
            .to_string()
    })?;
    coded.map_err(|over| over.to_string())
}

/// Codes inputs in parallel; results come back in input order whatever the thread count.
pub fn code_all<F: FnMut(Coded)>(
    coder: &Coder,
    inputs: Vec<Input>,
    published: Option<&str>,
    limits: &DocLimits,
    mut sink: F,
) {
    // Chunks bound the memory held by finished documents waiting for their turn to print.
    for chunk in inputs.chunks(256) {
        let results: Vec<Coded> = chunk
            .par_iter()
            .map(|i| Coded {
                input: i.clone(),
                result: code_one(coder, i, published, limits),
            })
            .collect();
        for r in results {
            sink(r);
        }
    }
}

/// Sets the number of worker threads when the user asked for one; all cores otherwise.
pub fn set_threads(threads: Option<usize>) -> anyhow::Result<()> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| anyhow::anyhow!("setting up {n} worker threads: {e}"))?;
    }
    Ok(())
}
