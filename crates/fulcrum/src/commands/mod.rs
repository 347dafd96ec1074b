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

use crate::cli::Emit;
use crate::input::{read, Input};
use crate::limits::{Budget, DocLimits, Over};
use fulcrum_events::{Coder, Event, MentionRecord, Quote};
use rayon::prelude::*;

/// The outcome of coding one input.
pub struct Coded {
    pub input: Input,
    pub result: Result<Output, String>,
}

/// What coding one document produced; `quotes` and `mentions` only when asked for.
#[derive(Default)]
pub struct Output {
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    pub mentions: Vec<MentionRecord>,
}

/// Codes one input: read, extract, code, within the per-document limits. Never panics
/// outward: a panic inside the pipeline is caught and reported as that input's failure, so one
/// bad page cannot stop a run.
pub fn code_one(
    coder: &Coder,
    input: &Input,
    published: Option<&str>,
    limits: &DocLimits,
    emit: Emit,
) -> Result<Output, String> {
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
        let (analysed, found) =
            coder.analyse_dated_with(&doc, pubdate.as_deref(), || budget.between_sentences())?;
        let pubdate = pubdate.or(found.map(|f| f.date));
        let pubdate = pubdate.as_deref();
        let mut out = Output::default();
        if emit != Emit::Mentions {
            out.events = coder.code_analysed(&analysed, &doc, &name, pubdate);
        }
        if matches!(emit, Emit::EventsAndQuotes | Emit::Quotes) {
            out.quotes = coder.quotes(&analysed, &doc, &name, &out.events);
        }
        if emit == Emit::Mentions {
            out.mentions = coder.mention_records(&analysed, &doc);
        }
        Ok::<Output, Over>(out)
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
    emit: Emit,
    mut sink: F,
) {
    // Chunks bound the memory held by finished documents waiting for their turn to print.
    for chunk in inputs.chunks(256) {
        let results: Vec<Coded> = chunk
            .par_iter()
            .map(|i| Coded {
                input: i.clone(),
                result: code_one(coder, i, published, limits, emit),
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
