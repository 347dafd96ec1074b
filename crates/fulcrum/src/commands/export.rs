//! `fulcrum export`: stored events as JSON Lines, CSV or Parquet.
//!
//! Each row is either one mention (an event as one article told it) or, with `--unique`, one
//! unique event (a cluster of mentions); every format says which (`row` column/field). The
//! columns are defined once, in [`mention_columns`] and [`cluster_columns`], and documented in
//! docs/store.md.

use crate::cli::{ExportFormat, ExportSettings};
use anyhow::Context;
use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use fulcrum_store::db::Val;
use fulcrum_store::{ClusterRow, Store, StoredEvent};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

/// The type of a column, for Parquet.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Real,
    Text,
}

/// One output column: its name, type and how to read it from a row.
pub struct Column<T> {
    pub name: &'static str,
    pub kind: Kind,
    pub get: fn(&T) -> Val,
}

macro_rules! col {
    ($name:literal, $kind:ident, $get:expr) => {
        Column {
            name: $name,
            kind: Kind::$kind,
            get: $get,
        }
    };
}

fn span_part(s: Option<[i64; 2]>, i: usize) -> Val {
    s.map(|s| s[i]).into()
}

/// Columns of a mention row.
pub fn mention_columns() -> Vec<Column<StoredEvent>> {
    vec![
        col!("id", Int, |e| e.id.into()),
        col!("doc_id", Int, |e| e.doc_id.into()),
        col!("doc_key", Text, |e| e.doc_key.clone().into()),
        col!("cluster_id", Int, |e| e.cluster_id.into()),
        col!("cluster_mentions", Int, |e| e.cluster_mentions.into()),
        col!("provenance", Text, |e| e.event.provenance.clone().into()),
        col!("external_id", Text, |e| e.event.external_id.clone().into()),
        col!("url", Text, |e| e.event.url.clone().into()),
        col!("sentence_index", Int, |e| e.event.sentence_index.into()),
        col!("sentence", Text, |e| e.event.sentence.clone().into()),
        col!("sentence_start", Int, |e| span_part(
            e.event.sentence_span,
            0
        )),
        col!("sentence_end", Int, |e| span_part(e.event.sentence_span, 1)),
        col!("source_code", Text, |e| e.event.source_code.clone().into()),
        col!("source_sector", Text, |e| e
            .event
            .source_sector
            .clone()
            .into()),
        col!("source_text", Text, |e| e.event.source_text.clone().into()),
        col!("source_start", Int, |e| span_part(e.event.source_span, 0)),
        col!("source_end", Int, |e| span_part(e.event.source_span, 1)),
        col!("target_code", Text, |e| e.event.target_code.clone().into()),
        col!("target_sector", Text, |e| e
            .event
            .target_sector
            .clone()
            .into()),
        col!("target_text", Text, |e| e.event.target_text.clone().into()),
        col!("target_start", Int, |e| span_part(e.event.target_span, 0)),
        col!("target_end", Int, |e| span_part(e.event.target_span, 1)),
        col!("trigger_text", Text, |e| e
            .event
            .trigger_text
            .clone()
            .into()),
        col!("trigger_start", Int, |e| span_part(e.event.trigger_span, 0)),
        col!("trigger_end", Int, |e| span_part(e.event.trigger_span, 1)),
        col!("plover", Text, |e| e.event.plover.clone().into()),
        col!("cameo", Text, |e| e.event.cameo.clone().into()),
        col!("goldstein", Real, |e| e.event.goldstein.into()),
        col!("quad", Text, |e| e.event.quad.clone().into()),
        col!("date_start", Text, |e| e.event.date_start.clone().into()),
        col!("date_end", Text, |e| e.event.date_end.clone().into()),
        col!("date_text", Text, |e| e.event.date_text.clone().into()),
        col!("date_basis", Text, |e| e.event.date_basis.clone().into()),
        col!("factuality", Text, |e| e.event.factuality.clone().into()),
        col!("factuality_cue", Text, |e| e
            .event
            .factuality_cue
            .clone()
            .into()),
        col!("rule", Text, |e| e.event.rule.clone().into()),
        col!("confidence", Real, |e| e.event.confidence.into()),
        col!("coder_version", Text, |e| e
            .event
            .coder_version
            .clone()
            .into()),
        col!("mentions", Int, |e| e.event.mentions.into()),
    ]
}

/// Columns of a unique-event row.
pub fn cluster_columns() -> Vec<Column<ClusterRow>> {
    vec![
        col!("id", Int, |c| c.id.into()),
        col!("source_code", Text, |c| c.source_code.clone().into()),
        col!("target_code", Text, |c| c.target_code.clone().into()),
        col!("plover", Text, |c| c.plover.clone().into()),
        col!("cameo", Text, |c| c.cameo.clone().into()),
        col!("quad", Text, |c| c.quad.clone().into()),
        col!("goldstein", Real, |c| c.goldstein.into()),
        col!("factuality", Text, |c| c.factuality.clone().into()),
        col!("date_start", Text, |c| c.date_start.clone().into()),
        col!("date_end", Text, |c| c.date_end.clone().into()),
        col!("events", Int, |c| c.events.into()),
        col!("mentions", Int, |c| c.mentions.into()),
        col!("documents", Int, |c| c.documents.into()),
        col!("first_event", Int, |c| c.first_event.into()),
    ]
}

fn json_value(v: Val) -> serde_json::Value {
    match v {
        Val::Null => serde_json::Value::Null,
        Val::Int(i) => i.into(),
        Val::Real(f) => serde_json::Number::from_f64(f)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
        Val::Text(t) => t.into(),
    }
}

fn write_rows<T>(
    rows: &[T],
    cols: &[Column<T>],
    kind: &str,
    format: ExportFormat,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match format {
        ExportFormat::Jsonl => {
            for r in rows {
                let mut m = serde_json::Map::new();
                m.insert("row".into(), kind.into());
                for c in cols {
                    m.insert(c.name.into(), json_value((c.get)(r)));
                }
                serde_json::to_writer(&mut *out, &m)?;
                out.write_all(b"\n")?;
            }
        }
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            let mut header = vec!["row"];
            header.extend(cols.iter().map(|c| c.name));
            w.write_record(&header)?;
            for r in rows {
                let mut rec = vec![kind.to_string()];
                rec.extend(cols.iter().map(|c| match (c.get)(r) {
                    Val::Null => String::new(),
                    v => v.text(),
                }));
                w.write_record(&rec)?;
            }
            w.flush()?;
        }
        ExportFormat::Parquet => unreachable!("Parquet is written by write_parquet"),
    }
    Ok(())
}

/// The rows as one Arrow record batch.
pub fn record_batch<T>(rows: &[T], cols: &[Column<T>], kind: &str) -> anyhow::Result<RecordBatch> {
    let mut fields = vec![Field::new("row", DataType::Utf8, false)];
    let mut arrays: Vec<ArrayRef> = vec![Arc::new(StringArray::from(vec![kind; rows.len()]))];
    for c in cols {
        let vals: Vec<Val> = rows.iter().map(|r| (c.get)(r)).collect();
        let (dt, arr): (DataType, ArrayRef) = match c.kind {
            Kind::Int => (
                DataType::Int64,
                Arc::new(Int64Array::from(
                    vals.iter()
                        .map(|v| (*v != Val::Null).then(|| v.int()))
                        .collect::<Vec<_>>(),
                )),
            ),
            Kind::Real => (
                DataType::Float64,
                Arc::new(Float64Array::from(
                    vals.iter()
                        .map(|v| (*v != Val::Null).then(|| v.real()))
                        .collect::<Vec<_>>(),
                )),
            ),
            Kind::Text => (
                DataType::Utf8,
                Arc::new(StringArray::from(
                    vals.iter().map(Val::opt_text).collect::<Vec<_>>(),
                )),
            ),
        };
        fields.push(Field::new(c.name, dt, true));
        arrays.push(arr);
    }
    Ok(RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)?)
}

fn write_parquet(batch: &RecordBatch, path: &std::path::Path) -> anyhow::Result<()> {
    let file = std::fs::File::create(path)
        .with_context(|| format!("{}: cannot create the file", path.display()))?;
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::ZSTD(Default::default()))
        .build();
    let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), Some(props))?;
    w.write(batch)?;
    w.close()?;
    Ok(())
}

pub fn run(s: &ExportSettings) -> anyhow::Result<ExitCode> {
    let mut store = Store::open(&s.db).with_context(|| format!("opening the store {}", s.db))?;
    store.refresh_clusters(fulcrum_store::DEFAULT_WINDOW_DAYS)?;
    let n;
    if s.format == ExportFormat::Parquet {
        let path = s
            .output
            .as_deref()
            .context("--output is required for Parquet")?;
        let batch = if s.unique {
            let rows = store.clusters(&s.filter)?;
            n = rows.len();
            record_batch(&rows, &cluster_columns(), "unique_event")?
        } else {
            let rows = store.events(&s.filter)?;
            n = rows.len();
            record_batch(&rows, &mention_columns(), "mention")?
        };
        write_parquet(&batch, path)?;
    } else {
        let mut out: Box<dyn Write> = match &s.output {
            Some(p) => Box::new(std::io::BufWriter::new(
                std::fs::File::create(p)
                    .with_context(|| format!("{}: cannot create the file", p.display()))?,
            )),
            None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        };
        if s.unique {
            let rows = store.clusters(&s.filter)?;
            n = rows.len();
            write_rows(
                &rows,
                &cluster_columns(),
                "unique_event",
                s.format,
                &mut out,
            )?;
        } else {
            let rows = store.events(&s.filter)?;
            n = rows.len();
            write_rows(&rows, &mention_columns(), "mention", s.format, &mut out)?;
        }
        out.flush()?;
    }
    eprintln!(
        "fulcrum: exported {n} {}",
        if s.unique {
            "unique events (clusters of mentions)"
        } else {
            "mentions (one row per event as an article told it)"
        }
    );
    Ok(ExitCode::SUCCESS)
}
