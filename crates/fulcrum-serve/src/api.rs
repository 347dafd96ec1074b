//! The JSON endpoints under `/api`.

use crate::params::{parse_day, Params};
use crate::{ApiError, AppState, Article, BalanceQuery, MAX_BOOTSTRAP, MAX_PAGE};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use fulcrum_relations::Period;
use fulcrum_store::{EventFilter, Store, StoredDoc};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

type St = State<Arc<AppState>>;
type ApiResult = Result<Response, ApiError>;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/events", get(events))
        .route("/api/relations", get(relations))
        .route("/api/balance", get(balance))
        .route("/api/balance.svg", get(balance_svg))
        .route("/api/network", get(network))
        .route("/api/actors", get(actors))
        .route(
            "/api/documents",
            axum::routing::post(post_document).fallback(|| async {
                ApiError {
                    status: StatusCode::METHOD_NOT_ALLOWED,
                    message: "documents are added with POST; read one at /api/documents/{id}"
                        .into(),
                }
            }),
        )
        .route("/api/documents/{id}", get(document))
}

async fn health(State(st): St, RawQuery(q): RawQuery) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    let (docs, events, clusters) = st.with_store(|_, s| Ok(s.counts()?)).await?;
    Ok(Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "documents": docs,
        "events": events,
        "unique_events": clusters,
        "writes": st.cfg.token.is_some(),
    }))
    .into_response())
}

/// The filters shared by the analyses; only asserted events unless asked, as on the command
/// line.
fn analysis_filter(p: &Params, st: &AppState) -> Result<EventFilter, ApiError> {
    let from = p.date("from")?;
    let to = p.date("to")?;
    if let (Some(f), Some(t)) = (&from, &to) {
        if f > t {
            return Err(ApiError::bad(format!(
                "parameters \"from\" and \"to\": {f} is after {t}"
            )));
        }
    }
    Ok(EventFilter {
        from,
        to,
        factuality: p.factuality("factuality", &["asserted"])?,
        actor: p.actor("actor", st.engine.as_ref())?,
        ..Default::default()
    })
}

const EVENT_PARAMS: &[&str] = &[
    "actor",
    "dyad",
    "type",
    "cameo",
    "from",
    "to",
    "factuality",
    "text",
    "after",
    "limit",
];

async fn events(State(st): St, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), EVENT_PARAMS)?;
    let engine = st.engine.as_ref();
    let dyad = match p.get("dyad") {
        None => None,
        Some(d) => {
            let v = p.actors("dyad", engine)?;
            if v.len() != 2 {
                return Err(ApiError::bad(format!(
                    "parameter \"dyad\": {d:?} is not two actors; give e.g. dyad=PRK,USA"
                )));
            }
            Some((v[0].clone(), v[1].clone()))
        }
    };
    let types: Vec<String> = p
        .get("type")
        .unwrap_or("")
        .split(',')
        .map(|t| t.trim().to_ascii_uppercase())
        .filter(|t| !t.is_empty())
        .collect();
    for t in &types {
        if !t.chars().all(|c| c.is_ascii_alphabetic()) || t.len() > 20 {
            return Err(ApiError::bad(format!(
                "parameter \"type\": {t:?} is not a PLOVER type such as CONSULT or THREATEN"
            )));
        }
    }
    let cameo = p.get("cameo").map(str::to_string);
    if let Some(c) = &cameo {
        if c.len() > 4 || !c.chars().all(|ch| ch.is_ascii_digit()) {
            return Err(ApiError::bad(format!(
                "parameter \"cameo\": {c:?} is not a CAMEO code or prefix (digits, e.g. 04 or 042)"
            )));
        }
    }
    let text = p.get("text").map(str::to_string);
    if text.as_ref().is_some_and(|t| t.chars().count() > 200) {
        return Err(ApiError::bad(
            "parameter \"text\": give at most 200 characters",
        ));
    }
    let limit = p.number("limit", 50, 1..=MAX_PAGE as u64)? as usize;
    let after = p.number("after", 0, 0..=i64::MAX as u64)? as i64;
    let mut filter = analysis_filter(&p, &st)?;
    filter.factuality = p.factuality("factuality", &[])?;
    filter.dyad = dyad;
    filter.types = types;
    filter.cameo = cameo;
    filter.text = text;
    filter.after_id = (after > 0).then_some(after);
    // One more than asked tells whether another page follows.
    filter.limit = Some(limit + 1);
    let mut rows = st.with_store(move |_, s| Ok(s.events(&filter)?)).await?;
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|e| e.id)
    } else {
        None
    };
    Ok(Json(json!({ "events": rows, "next": next })).into_response())
}

async fn relations(State(st): St, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &["a", "b", "by", "from", "to", "factuality"])?;
    let engine = st.engine.as_ref();
    p.required("a", "PRK")?;
    p.required("b", "USA")?;
    let a = p.actor("a", engine)?.unwrap_or_default();
    let b = p.actor("b", engine)?.unwrap_or_default();
    let by = p.period("by", Period::Month)?;
    let filter = analysis_filter(&p, &st)?;
    let rows = st
        .with_store(move |st, s| {
            let events = st.engine.load_events(s, &filter)?;
            Ok(fulcrum_relations::relations(
                &events,
                &a,
                &b,
                by,
                filter.from.as_deref().and_then(parse_day),
                filter.to.as_deref().and_then(parse_day),
            ))
        })
        .await?;
    Ok(Json(rows).into_response())
}

fn balance_query(p: &Params, st: &AppState) -> Result<BalanceQuery, ApiError> {
    let engine = st.engine.as_ref();
    let focus = p.required("focus", "PRK")?;
    let focus = crate::params::Params::actor(p, "focus", engine)?.unwrap_or_else(|| focus.into());
    p.required("between", "CHN,USA")?;
    let powers = p.actors("between", engine)?;
    if powers.is_empty() || powers.len() > 8 {
        return Err(ApiError::bad(
            "parameter \"between\": give one to eight powers, comma-separated, e.g. between=CHN,USA",
        ));
    }
    Ok(BalanceQuery {
        focus,
        powers,
        by: p.period("by", Period::Quarter)?,
        filter: analysis_filter(p, st)?,
        bootstrap: p.number("bootstrap", 1000, 1..=MAX_BOOTSTRAP as u64)? as usize,
        seed: p.number("seed", 0, 0..=u64::MAX)?,
    })
}

const BALANCE_PARAMS: &[&str] = &[
    "focus",
    "between",
    "by",
    "from",
    "to",
    "factuality",
    "bootstrap",
    "seed",
];

async fn balance(State(st): St, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), BALANCE_PARAMS)?;
    let bq = balance_query(&p, &st)?;
    let b = st
        .with_store(move |st, s| Ok(st.engine.balance(s, &bq)?))
        .await?;
    Ok(Json(b).into_response())
}

async fn balance_svg(State(st): St, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), BALANCE_PARAMS)?;
    let bq = balance_query(&p, &st)?;
    let svg = st
        .with_store(move |st, s| {
            let b = st.engine.balance(s, &bq)?;
            fulcrum_relations::chart_svg(&b, &b.title()).map_err(|e| ApiError::internal(&e))
        })
        .await?;
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        svg,
    )
        .into_response())
}

async fn network(State(st): St, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &["from", "to", "factuality", "top", "actor"])?;
    let top = p.number("top", 20, 1..=200)? as usize;
    let filter = analysis_filter(&p, &st)?;
    let net = st
        .with_store(move |st, s| {
            let events = st.engine.load_events(s, &filter)?;
            Ok(fulcrum_relations::network(
                &events,
                filter.from.as_deref().and_then(parse_day),
                filter.to.as_deref().and_then(parse_day),
                top,
            ))
        })
        .await?;
    Ok(Json(net).into_response())
}

/// One actor seen in the store, for search and autocomplete.
#[derive(Clone, Debug, Serialize)]
pub struct ActorEntry {
    pub code: String,
    /// The gazetteer's name for the code, when it has one.
    pub name: Option<String>,
    /// The words articles used for it, most frequent first.
    pub names: Vec<String>,
    /// Events (mentions) with the actor as source or target.
    pub events: i64,
}

/// Reads every actor code with the words used for it; run once and again after writes.
fn actor_index(st: &AppState, s: &mut Store) -> Result<Vec<ActorEntry>, ApiError> {
    let rows = s.db().query(
        "SELECT code, name, COUNT(*) FROM (\
           SELECT source_code AS code, source_text AS name FROM events \
           UNION ALL SELECT target_code AS code, target_text AS name FROM events\
         ) x WHERE code IS NOT NULL AND code <> '' GROUP BY code, name",
        &[],
    )?;
    let mut by_code: HashMap<String, (i64, Vec<(i64, String)>)> = HashMap::new();
    for r in rows {
        let code = r[0].text();
        let n = r[2].int();
        let e = by_code.entry(code).or_default();
        e.0 += n;
        if let Some(name) = r[1].opt_text().filter(|t| !t.trim().is_empty()) {
            e.1.push((n, name));
        }
    }
    let mut out: Vec<ActorEntry> = by_code
        .into_iter()
        .map(|(code, (events, mut names))| {
            names.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            let mut seen: Vec<String> = Vec::new();
            for (_, n) in names {
                if !seen.iter().any(|s| s.eq_ignore_ascii_case(&n)) && seen.len() < 8 {
                    seen.push(n);
                }
            }
            ActorEntry {
                name: st.engine.actor_name(&code),
                code,
                names: seen,
                events,
            }
        })
        .collect();
    out.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.code.cmp(&b.code)));
    Ok(out)
}

async fn actors(State(st): St, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &["q", "limit"])?;
    let limit = p.number("limit", 20, 1..=200)? as usize;
    let query = p.get("q").unwrap_or("").to_lowercase();
    if query.chars().count() > 100 {
        return Err(ApiError::bad(
            "parameter \"q\": give at most 100 characters",
        ));
    }
    let cached = st.actors.read().ok().and_then(|a| a.clone());
    let index = match cached {
        Some(i) => i,
        None => {
            let i = Arc::new(st.with_store(actor_index).await?);
            if let Ok(mut slot) = st.actors.write() {
                *slot = Some(Arc::clone(&i));
            }
            i
        }
    };
    // A name the gazetteer resolves ("North Korea") finds its code even when articles used
    // other words for it.
    let resolved = if query.is_empty() {
        None
    } else {
        st.engine.actor_code(&query)
    };
    let hits: Vec<&ActorEntry> = index
        .iter()
        .filter(|a| {
            query.is_empty()
                || Some(&a.code) == resolved.as_ref()
                || a.code.to_lowercase().starts_with(&query)
                || a.name
                    .as_ref()
                    .is_some_and(|n| n.to_lowercase().contains(&query))
                || a.names.iter().any(|n| n.to_lowercase().contains(&query))
        })
        .take(limit)
        .collect();
    Ok(Json(json!({ "actors": hits })).into_response())
}

fn opt_int(v: &fulcrum_store::db::Val) -> Option<i64> {
    match v {
        fulcrum_store::db::Val::Null => None,
        v => Some(v.int()),
    }
}

/// Converts a byte offset into `text` to a character offset.
fn char_offset(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    let mut b = byte;
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].chars().count()
}

/// Spans of quoted passages (straight or curly double quotes), as character offsets.
fn quotes(text: &str) -> Vec<[usize; 2]> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.chars().enumerate() {
        match (open, c) {
            (None, '"' | '\u{201c}') => open = Some((i, c)),
            (Some((s, o)), '"' | '\u{201d}') if o == '"' || c == '\u{201d}' => {
                if i > s + 1 {
                    out.push([s, i + 1]);
                }
                open = None;
            }
            // A paragraph break closes nothing: an unbalanced quote does not run on.
            (Some(_), '\n') => open = None,
            _ => {}
        }
    }
    out
}

async fn document(State(st): St, Path(id): Path<String>, RawQuery(q): RawQuery) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    let id: i64 = id
        .parse()
        .ok()
        .filter(|i| *i > 0)
        .ok_or_else(|| ApiError::bad(format!("document id {id:?} is not a positive number")))?;
    let doc = st
        .with_store(move |_, s| {
            let Some(doc) = StoredDoc::get(s, id)? else {
                return Err(ApiError::not_found(format!("no document with id {id}")));
            };
            let range = s.db().query(
                "SELECT MIN(id), MAX(id) FROM events WHERE doc_id = $1",
                &[id.into()],
            )?;
            let mut events = Vec::new();
            if let Some(r) = range.first() {
                if let (Some(lo), Some(hi)) = (opt_int(&r[0]), opt_int(&r[1])) {
                    let f = EventFilter {
                        after_id: Some(lo - 1),
                        limit: Some((hi - lo + 1) as usize),
                        ..Default::default()
                    };
                    events = s.events(&f)?;
                    events.retain(|e| e.doc_id == Some(id));
                }
            }
            Ok((doc, events))
        })
        .await?;
    let (doc, events) = doc;
    let body: Value = serde_json::from_str(&doc.body).unwrap_or(Value::Null);
    let text = body.get("text").and_then(Value::as_str).unwrap_or("");
    let blocks: Vec<Value> = body
        .get("blocks")
        .and_then(Value::as_array)
        .map(|bs| {
            bs.iter()
                .map(|b| {
                    let span = b.get("span").and_then(Value::as_array);
                    let at = |i: usize| {
                        span.and_then(|s| s.get(i))
                            .and_then(Value::as_u64)
                            .map(|v| char_offset(text, v as usize))
                    };
                    json!({ "kind": b.get("kind"), "start": at(0), "end": at(1) })
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Json(json!({
        "id": doc.id,
        "key": doc.key,
        "version": doc.version,
        "url": doc.url,
        "title": doc.title.or_else(|| body.get("title").and_then(Value::as_str).map(str::to_string)),
        "published": doc.published,
        "published_basis": doc.published_basis,
        "coder_version": doc.coder_version,
        "text": text,
        "offsets": "characters",
        "blocks": blocks,
        "quotes": quotes(text),
        "dateline": body.get("dateline"),
        "byline": body.get("byline"),
        "events": events,
    }))
    .into_response())
}

async fn post_document(
    State(st): St,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult {
    let Some(token) = st.cfg.token.clone() else {
        return Err(ApiError {
            status: StatusCode::FORBIDDEN,
            message: "writes are disabled: the server was started without a token (--token-file or FULCRUM_TOKEN)".into(),
        });
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !constant_time_eq(given.trim().as_bytes(), token.as_bytes()) {
        let mut r = ApiError {
            status: StatusCode::UNAUTHORIZED,
            message: "give the server's token as Authorization: Bearer TOKEN".into(),
        }
        .into_response();
        r.headers_mut()
            .insert(header::WWW_AUTHENTICATE, "Bearer".parse().expect("static"));
        return Ok(r);
    }
    Params::parse(q.as_deref(), &[])?;
    let body = body.map_err(|e| ApiError {
        status: e.status(),
        message: if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            format!("the body is larger than {} bytes", st.cfg.body_limit)
        } else {
            "the body could not be read".into()
        },
    })?;
    let article: Article = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad(format!(
            "the body is not an article: {e}; give JSON {{\"url\", \"title\", \"text\" or \"html\", \"published\"}}"
        ))
    })?;
    match (&article.text, &article.html) {
        (Some(t), None) if !t.trim().is_empty() => {}
        (None, Some(h)) if !h.trim().is_empty() => {}
        _ => {
            return Err(ApiError::bad(
                "give the article's \"text\" or its \"html\" (one of them, not empty)",
            ))
        }
    }
    if let Some(d) = &article.published {
        if d.len() != 10 || parse_day(d).is_none() {
            return Err(ApiError::bad(format!(
                "field \"published\": {d:?} is not a date; give YYYY-MM-DD"
            )));
        }
    }
    if let Some(u) = &article.url {
        if !(u.starts_with("http://") || u.starts_with("https://")) || u.len() > 2000 {
            return Err(ApiError::bad(format!(
                "field \"url\": {u:?} is not an http(s) URL"
            )));
        }
    }
    let out = st
        .with_store(move |st, s| {
            let _writer = st.writer.lock().map_err(|e| ApiError::internal(&e))?;
            let r = st.engine.ingest(s, &article).map_err(|e| {
                let m = format!("{e:#}");
                match m.strip_prefix("invalid:") {
                    Some(m) => ApiError::bad(m.trim()),
                    None => ApiError::internal(&m),
                }
            })?;
            if let Ok(mut a) = st.actors.write() {
                *a = None;
            }
            Ok(r)
        })
        .await?;
    let status = if out.status == "unchanged" {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(out)).into_response())
}

/// Compares without stopping at the first difference, so the time taken does not tell how
/// much of a guessed token was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for (i, x) in b.iter().enumerate() {
        diff |= (a.get(i).copied().unwrap_or(0) ^ x) as usize;
    }
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_found_as_character_spans() {
        let t = "Kim said “we will talk” and left. He added \"no\".";
        let q = quotes(t);
        assert_eq!(q.len(), 2);
        let chars: Vec<char> = t.chars().collect();
        let s: String = chars[q[0][0]..q[0][1]].iter().collect();
        assert_eq!(s, "“we will talk”");
    }

    #[test]
    fn byte_offsets_become_character_offsets() {
        assert_eq!(char_offset("é a", 2), 1);
        assert_eq!(char_offset("é a", 1), 0);
        assert_eq!(char_offset("abc", 99), 3);
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secre", b"secret"));
        assert!(!constant_time_eq(b"secretx", b"secret"));
        assert!(!constant_time_eq(b"", b"secret"));
    }
}
