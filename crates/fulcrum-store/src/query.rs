//! Reading events and clusters back, with the filters the CLI and the API share.

use crate::db::Val;
use crate::{EventRow, Store, StoreError};
use serde::Serialize;

/// Which events to read. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// First day (inclusive), `YYYY-MM-DD`, compared with the event's start date.
    pub from: Option<String>,
    /// Last day (inclusive).
    pub to: Option<String>,
    /// Events with this actor code as source or target.
    pub actor: Option<String>,
    /// Events between these two actors, in either direction.
    pub dyad: Option<(String, String)>,
    /// PLOVER types (any of).
    pub types: Vec<String>,
    /// CAMEO code prefix ("04" matches 040..046).
    pub cameo: Option<String>,
    /// Factuality values (any of).
    pub factuality: Vec<String>,
    /// Words the sentence contains (case-insensitive).
    pub text: Option<String>,
    /// Only events with an id greater than this (cursor pagination).
    pub after_id: Option<i64>,
    pub limit: Option<usize>,
}

/// One stored event with where it came from and the cluster it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvent {
    pub id: i64,
    pub doc_id: Option<i64>,
    pub doc_key: Option<String>,
    pub cluster_id: Option<i64>,
    /// Mentions of the cluster this event belongs to (how many articles told it).
    pub cluster_mentions: Option<i64>,
    #[serde(flatten)]
    pub event: EventRow,
}

/// One unique event: a cluster of mentions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterRow {
    pub id: i64,
    pub source_code: String,
    pub target_code: String,
    pub plover: String,
    pub cameo: String,
    pub quad: String,
    pub goldstein: f64,
    pub factuality: String,
    pub date_start: String,
    pub date_end: String,
    pub events: i64,
    pub mentions: i64,
    pub documents: i64,
    pub first_event: i64,
}

/// Builds a WHERE clause over columns named as in `events` (prefix `e.`); `date` is the
/// column holding the start date.
fn conditions(f: &EventFilter, params: &mut Vec<Val>, date: &str, sentence: bool) -> String {
    let mut w: Vec<String> = Vec::new();
    let p = |v: Val, params: &mut Vec<Val>| -> String {
        params.push(v);
        format!("${}", params.len())
    };
    if let Some(d) = &f.from {
        w.push(format!("{date} >= {}", p(d.as_str().into(), params)));
    }
    if let Some(d) = &f.to {
        // Dates may carry a time part; every string of the last day sorts below its successor.
        w.push(format!("{date} < {}", p(format!("{d}~").into(), params)));
    }
    if let Some(a) = &f.actor {
        let x = p(a.as_str().into(), params);
        w.push(format!("(e.source_code = {x} OR e.target_code = {x})"));
    }
    if let Some((a, b)) = &f.dyad {
        let x = p(a.as_str().into(), params);
        let y = p(b.as_str().into(), params);
        w.push(format!(
            "((e.source_code = {x} AND e.target_code = {y}) OR (e.source_code = {y} AND e.target_code = {x}))"
        ));
    }
    if !f.types.is_empty() {
        let marks: Vec<String> = f
            .types
            .iter()
            .map(|t| p(t.to_uppercase().into(), params))
            .collect();
        w.push(format!("e.plover IN ({})", marks.join(", ")));
    }
    if let Some(c) = &f.cameo {
        w.push(format!(
            "e.cameo LIKE {}",
            p(format!("{c}%").into(), params)
        ));
    }
    if !f.factuality.is_empty() {
        let marks: Vec<String> = f
            .factuality
            .iter()
            .map(|t| p(t.as_str().into(), params))
            .collect();
        w.push(format!("e.factuality IN ({})", marks.join(", ")));
    }
    if sentence {
        if let Some(t) = &f.text {
            w.push(format!(
                "LOWER(e.sentence) LIKE {}",
                p(format!("%{}%", t.to_lowercase()).into(), params)
            ));
        }
    }
    if let Some(id) = f.after_id {
        w.push(format!("e.id > {}", p(id.into(), params)));
    }
    if w.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", w.join(" AND "))
    }
}

fn limit(f: &EventFilter, params: &mut Vec<Val>) -> String {
    match f.limit {
        Some(n) => {
            params.push((n as i64).into());
            format!("LIMIT ${}", params.len())
        }
        None => String::new(),
    }
}

fn span(a: &Val, b: &Val) -> Option<[i64; 2]> {
    match (a, b) {
        (Val::Null, _) | (_, Val::Null) => None,
        (a, b) => Some([a.int(), b.int()]),
    }
}

fn opt_int(v: &Val) -> Option<i64> {
    match v {
        Val::Null => None,
        v => Some(v.int()),
    }
}

fn opt_real(v: &Val) -> Option<f64> {
    match v {
        Val::Null => None,
        v => Some(v.real()),
    }
}

impl Store {
    /// Events (mentions) matching the filter, in id order.
    pub fn events(&mut self, f: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        let mut params = Vec::new();
        let w = conditions(f, &mut params, "e.date_start", true);
        let l = limit(f, &mut params);
        let sql = format!(
            "SELECT e.id, e.doc_id, d.doc_key, e.cluster_id, c.mentions, e.provenance, \
             e.external_id, COALESCE(e.url, d.url), e.sentence_index, e.sentence, \
             e.sentence_start, e.sentence_end, e.source_code, e.source_sector, e.source_text, \
             e.source_start, e.source_end, e.target_code, e.target_sector, e.target_text, \
             e.target_start, e.target_end, e.trigger_text, e.trigger_start, e.trigger_end, \
             e.plover, e.cameo, e.goldstein, e.quad, e.date_start, e.date_end, e.date_text, \
             e.date_basis, e.factuality, e.factuality_cue, e.rule, e.confidence, \
             e.coder_version, e.mentions \
             FROM events e LEFT JOIN documents d ON d.id = e.doc_id \
             LEFT JOIN clusters c ON c.id = e.cluster_id {w} ORDER BY e.id {l}"
        );
        let rows = self.db().query(&sql, &params)?;
        Ok(rows
            .into_iter()
            .map(|r| StoredEvent {
                id: r[0].int(),
                doc_id: opt_int(&r[1]),
                doc_key: r[2].opt_text(),
                cluster_id: opt_int(&r[3]),
                cluster_mentions: opt_int(&r[4]),
                event: EventRow {
                    provenance: r[5].text(),
                    external_id: r[6].opt_text(),
                    url: r[7].opt_text(),
                    sentence_index: opt_int(&r[8]),
                    sentence: r[9].opt_text(),
                    sentence_span: span(&r[10], &r[11]),
                    source_code: r[12].text(),
                    source_sector: r[13].text(),
                    source_text: r[14].opt_text(),
                    source_span: span(&r[15], &r[16]),
                    target_code: r[17].opt_text(),
                    target_sector: r[18].opt_text(),
                    target_text: r[19].opt_text(),
                    target_span: span(&r[20], &r[21]),
                    trigger_text: r[22].opt_text(),
                    trigger_span: span(&r[23], &r[24]),
                    plover: r[25].text(),
                    cameo: r[26].text(),
                    goldstein: r[27].real(),
                    quad: r[28].text(),
                    date_start: r[29].opt_text(),
                    date_end: r[30].opt_text(),
                    date_text: r[31].opt_text(),
                    date_basis: r[32].text(),
                    factuality: r[33].text(),
                    factuality_cue: r[34].opt_text(),
                    rule: r[35].opt_text(),
                    confidence: opt_real(&r[36]),
                    coder_version: r[37].opt_text(),
                    mentions: r[38].int(),
                },
            })
            .collect())
    }

    /// Unique events (clusters) matching the filter, in date order. The text filter does not
    /// apply to clusters.
    pub fn clusters(&mut self, f: &EventFilter) -> Result<Vec<ClusterRow>, StoreError> {
        let mut params = Vec::new();
        let w = conditions(f, &mut params, "e.date_start", false);
        let l = limit(f, &mut params);
        let sql = format!(
            "SELECT e.id, e.source_code, e.target_code, e.plover, e.cameo, e.quad, e.goldstein, \
             e.factuality, e.date_start, e.date_end, e.events, e.mentions, e.documents, \
             e.first_event FROM clusters e {w} ORDER BY e.date_start, e.id {l}"
        );
        let rows = self.db().query(&sql, &params)?;
        Ok(rows
            .into_iter()
            .map(|r| ClusterRow {
                id: r[0].int(),
                source_code: r[1].text(),
                target_code: r[2].text(),
                plover: r[3].text(),
                cameo: r[4].text(),
                quad: r[5].text(),
                goldstein: r[6].real(),
                factuality: r[7].text(),
                date_start: r[8].text(),
                date_end: r[9].text(),
                events: r[10].int(),
                mentions: r[11].int(),
                documents: r[12].int(),
                first_event: r[13].int(),
            })
            .collect())
    }
}
