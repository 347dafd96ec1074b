//! `fulcrum code`: events of news pages on standard output.

use super::code_all;
use crate::cli::{CodeSettings, Emit, Format};
use crate::input::collect;
use anyhow::Context;
use fulcrum_events::{Coder, Event};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

/// Column names of the TSV and CSV outputs, documented in docs/output.md.
pub const COLUMNS: &[&str] = &[
    "doc",
    "sentence_index",
    "source_code",
    "source_sector",
    "source_text",
    "target_code",
    "target_sector",
    "target_text",
    "trigger",
    "plover",
    "cameo",
    "goldstein",
    "quad",
    "date_start",
    "date_end",
    "date_basis",
    "factuality",
    "rule",
    "confidence",
    "sentence",
];

fn row(e: &Event) -> Vec<String> {
    let t = e.target.as_ref();
    vec![
        e.doc.clone(),
        e.sentence_index.to_string(),
        e.source.code.clone(),
        e.source.sector.clone(),
        e.source.text.clone(),
        t.map(|t| t.code.clone()).unwrap_or_default(),
        t.map(|t| t.sector.clone()).unwrap_or_default(),
        t.map(|t| t.text.clone()).unwrap_or_default(),
        e.trigger.text.clone(),
        e.plover.clone().unwrap_or_default(),
        e.cameo.clone(),
        e.goldstein.to_string(),
        e.quad.clone(),
        e.date.start.clone().unwrap_or_default(),
        e.date.end.clone().unwrap_or_default(),
        e.date.basis.clone(),
        e.factuality.clone(),
        e.rule.clone(),
        e.confidence.to_string(),
        e.sentence.clone(),
    ]
}

/// Tabs and newlines inside a TSV field would break the row; they become spaces.
fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// One CSV record, quoted as RFC 4180 says.
fn csv_line(fields: Vec<String>) -> std::io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&fields).map_err(std::io::Error::other)?;
    w.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// One record as a line of JSON.
fn json_line<T: serde::Serialize>(out: &mut impl Write, record: &T) -> std::io::Result<()> {
    let j = serde_json::to_string(record).map_err(std::io::Error::other)?;
    writeln!(out, "{j}")
}

/// A mention record with the document it belongs to.
#[derive(serde::Serialize)]
struct MentionLine<'a> {
    doc: &'a str,
    #[serde(flatten)]
    mention: &'a fulcrum_events::MentionRecord,
}

pub fn run(s: &CodeSettings) -> anyhow::Result<ExitCode> {
    super::set_threads(s.threads)?;
    let mut coder = Coder::new(s.dict.as_deref())?;
    coder.null_targets = s.null_targets;
    let inputs = collect(&s.paths);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    match s.format {
        Format::Tsv => writeln!(out, "{}", COLUMNS.join("\t"))?,
        Format::Csv => {
            out.write_all(&csv_line(COLUMNS.iter().map(|c| c.to_string()).collect())?)?
        }
        Format::Jsonl => {}
    }
    let mut write_err: Option<std::io::Error> = None;
    code_all(
        &coder,
        inputs,
        s.published.as_deref(),
        &s.limits,
        s.emit,
        |c| match c.result {
            Err(msg) => {
                eprintln!("fulcrum: {}: {msg}", c.input.name);
                failed += 1;
            }
            Ok(coded) => {
                // Every event is coded and labelled; `--factuality` only chooses which to print.
                let wanted =
                    |e: &&Event| s.factuality.is_empty() || s.factuality.contains(&e.factuality);
                let events = match s.emit {
                    Emit::Events | Emit::EventsAndQuotes => {
                        coded.events.iter().filter(wanted).collect()
                    }
                    Emit::Quotes | Emit::Mentions => Vec::new(),
                };
                for e in events {
                    let r = match s.format {
                        Format::Jsonl => json_line(&mut out, e),
                        Format::Tsv => writeln!(
                            out,
                            "{}",
                            row(e)
                                .iter()
                                .map(|f| tsv_field(f))
                                .collect::<Vec<_>>()
                                .join("\t")
                        ),
                        Format::Csv => csv_line(row(e)).and_then(|b| out.write_all(&b)),
                    };
                    if let Err(err) = r {
                        write_err.get_or_insert(err);
                    }
                }
                for q in &coded.quotes {
                    if let Err(err) = json_line(&mut out, q) {
                        write_err.get_or_insert(err);
                    }
                }
                for m in &coded.mentions {
                    let record = MentionLine {
                        doc: &c.input.name,
                        mention: m,
                    };
                    if let Err(err) = json_line(&mut out, &record) {
                        write_err.get_or_insert(err);
                    }
                }
            }
        },
    );
    if let Some(e) = write_err {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(e).context("writing events to standard output");
        }
    }
    out.flush().ok();
    if failed > 0 {
        eprintln!("fulcrum: {failed} input(s) could not be coded (see the messages above)");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
