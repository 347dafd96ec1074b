//! The event store: documents, their events, and clusters of events that tell the same
//! real-world event, kept in SQLite (the default, one file) or PostgreSQL (for shared servers).
//!
//! Invariants:
//! - One writer. Every write is a transaction that leaves the store complete: a document is
//!   stored with all its events or not at all, so a process killed at any moment leaves a store
//!   that a rerun completes to exactly what an uninterrupted run writes.
//! - Ids are assigned by the writer in input order (largest id + 1), never by the database's
//!   sequences, so a rolled-back batch consumes no ids and the same inputs give the same ids.
//! - Both backends run the same statements and the same versioned migrations ([`schema`]).
//! - Clusters are derived data: recomputed deterministically from events ([`cluster`]) after
//!   every change, flagged dirty in the same transaction as the change so that a crash in
//!   between is repaired by the next run.

pub mod cluster;
pub mod db;
pub mod query;
pub mod schema;

use db::{Db, Val};
use fulcrum_events::Event;
use std::path::Path;

pub use cluster::DEFAULT_WINDOW_DAYS;
pub use db::Backend;
pub use query::{ClusterRow, EventFilter, StoredEvent};

/// Errors of the store. Messages say which store and what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
    #[error("cannot open the store {url}: {message}")]
    Open { url: String, message: String },
    #[error(
        "this store has schema version {found} but this fulcrum knows only up to {known}; \
         use a newer fulcrum or another store"
    )]
    TooNew { found: i64, known: i64 },
    #[error("stored document {id} cannot be read back: {message}")]
    Corrupt { id: i64, message: String },
}

impl StoreError {
    /// Whether the statement was stopped by an [`Interrupter`] (or a server-side timeout).
    pub fn is_interrupted(&self) -> bool {
        match self {
            StoreError::Sqlite(e) => {
                e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted)
            }
            StoreError::Postgres(e) => e.code() == Some(&postgres::error::SqlState::QUERY_CANCELED),
            _ => false,
        }
    }
}

/// Stops the statement a store is running, from another thread: how a server bounds the
/// time one request may spend in the database. Interrupting a store that runs nothing does
/// nothing.
pub enum Interrupter {
    Sqlite(rusqlite::InterruptHandle),
    Postgres(postgres::CancelToken),
}

impl Interrupter {
    pub fn interrupt(&self) {
        match self {
            Interrupter::Sqlite(h) => h.interrupt(),
            Interrupter::Postgres(t) => {
                // A failed cancel leaves the statement running to its end: nothing worse.
                let _ = t.cancel_query(postgres::NoTls);
            }
        }
    }
}

/// Current time as an RFC 3339 string, for bookkeeping columns only (never compared).
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A document ready to be stored, with its events.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// Identity: the URL when there is one, else `sha256:<hash of normalised text>`.
    pub key: String,
    /// Hash of the normalised article text; a different hash under the same key is a new version.
    pub content_hash: String,
    pub url: Option<String>,
    pub origin: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub published_basis: Option<String>,
    pub captured: Option<String>,
    /// The extracted document as JSON, kept so that documents can be re-coded and shown.
    pub body: String,
    pub events: Vec<EventRow>,
}

/// What the store already holds of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocStatus {
    /// Never seen.
    New,
    /// The same key with the same content: nothing to do.
    Unchanged,
    /// The same key with different content: stored as the next version.
    Changed,
}

/// One event as stored: the flat form of [`fulcrum_events::Event`], also used for imported
/// events, which have no document.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct EventRow {
    pub provenance: String,
    pub external_id: Option<String>,
    pub url: Option<String>,
    pub sentence_index: Option<i64>,
    pub sentence: Option<String>,
    pub sentence_span: Option<[i64; 2]>,
    pub source_code: String,
    pub source_sector: String,
    pub source_text: Option<String>,
    pub source_span: Option<[i64; 2]>,
    pub target_code: Option<String>,
    pub target_sector: Option<String>,
    pub target_text: Option<String>,
    pub target_span: Option<[i64; 2]>,
    pub trigger_text: Option<String>,
    pub trigger_span: Option<[i64; 2]>,
    pub plover: String,
    pub cameo: String,
    pub goldstein: f64,
    pub quad: String,
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    pub date_text: Option<String>,
    pub date_basis: String,
    pub factuality: String,
    pub factuality_cue: Option<String>,
    pub rule: Option<String>,
    pub confidence: Option<f64>,
    pub coder_version: Option<String>,
    pub mentions: i64,
}

impl EventRow {
    /// The stored form of a coded event.
    pub fn from_event(e: &Event, coder_version: &str) -> EventRow {
        let span = |s: [usize; 2]| Some([s[0] as i64, s[1] as i64]);
        let t = e.target.as_ref();
        EventRow {
            provenance: format!("coded:{coder_version}"),
            external_id: None,
            url: None,
            sentence_index: Some(e.sentence_index as i64),
            sentence: Some(e.sentence.clone()),
            sentence_span: span(e.sentence_span),
            source_code: e.source.code.clone(),
            source_sector: e.source.sector.clone(),
            source_text: Some(e.source.text.clone()),
            source_span: span(e.source.span),
            target_code: t.map(|t| t.code.clone()),
            target_sector: t.map(|t| t.sector.clone()),
            target_text: t.map(|t| t.text.clone()),
            target_span: t.and_then(|t| span(t.span)),
            trigger_text: Some(e.trigger.text.clone()),
            trigger_span: span(e.trigger.span),
            plover: e.plover.clone().unwrap_or_default(),
            cameo: e.cameo.clone(),
            goldstein: e.goldstein,
            quad: e.quad.clone(),
            date_start: e.date.start.clone(),
            date_end: e.date.end.clone(),
            date_text: Some(e.date.text.clone()).filter(|t| !t.is_empty()),
            date_basis: e.date.basis.clone(),
            factuality: e.factuality.clone(),
            factuality_cue: Some(e.factuality_cue.clone()).filter(|t| !t.is_empty()),
            rule: Some(e.rule.clone()),
            confidence: Some(e.confidence),
            coder_version: Some(coder_version.to_string()),
            mentions: 1,
        }
    }
}

/// A stored document as read back.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StoredDoc {
    pub id: i64,
    pub key: String,
    pub version: i64,
    pub url: Option<String>,
    pub origin: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub published_basis: Option<String>,
    /// The extracted document as JSON.
    pub body: String,
    pub coder_version: String,
    pub events: i64,
}

const DOC_COLUMNS: &str = "id, doc_key, version, url, origin, title, published, \
     published_basis, body, coder_version, events";

impl StoredDoc {
    fn from_row(r: &[Val]) -> StoredDoc {
        StoredDoc {
            id: r[0].int(),
            key: r[1].text(),
            version: r[2].int(),
            url: r[3].opt_text(),
            origin: r[4].text(),
            title: r[5].opt_text(),
            published: r[6].opt_text(),
            published_basis: r[7].opt_text(),
            body: r[8].text(),
            coder_version: r[9].text(),
            events: r[10].int(),
        }
    }

    /// A stored document by id.
    pub fn get(store: &mut Store, id: i64) -> Result<Option<StoredDoc>, StoreError> {
        let sql = format!("SELECT {DOC_COLUMNS} FROM documents WHERE id = $1");
        Ok(store
            .db
            .query(&sql, &[id.into()])?
            .first()
            .map(|r| StoredDoc::from_row(r)))
    }
}

/// What one write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteSummary {
    pub new: usize,
    pub versions: usize,
    pub unchanged: usize,
    pub events: usize,
}

/// An open store.
pub struct Store {
    db: Db,
    url: String,
}

/// The columns of `events` in insertion order, after `id, doc_id, seq`.
const EVENT_COLUMNS: &str = "provenance, external_id, url, sentence_index, sentence, \
     sentence_start, sentence_end, source_code, source_sector, source_text, source_start, \
     source_end, target_code, target_sector, target_text, target_start, target_end, \
     trigger_text, trigger_start, trigger_end, plover, cameo, goldstein, quad, date_start, \
     date_end, date_text, date_basis, factuality, factuality_cue, rule, confidence, \
     coder_version, mentions";

fn insert_event_sql() -> String {
    let n = EVENT_COLUMNS.split(',').count() + 3;
    let marks: Vec<String> = (1..=n).map(|i| format!("${i}")).collect();
    format!(
        "INSERT INTO events (id, doc_id, seq, {EVENT_COLUMNS}) VALUES ({})",
        marks.join(", ")
    )
}

fn event_values(id: i64, doc_id: Option<i64>, seq: i64, e: &EventRow) -> Vec<Val> {
    let s = |sp: Option<[i64; 2]>, i: usize| -> Val { sp.map(|s| s[i]).into() };
    vec![
        id.into(),
        doc_id.into(),
        seq.into(),
        e.provenance.as_str().into(),
        e.external_id.clone().into(),
        e.url.clone().into(),
        e.sentence_index.into(),
        e.sentence.clone().into(),
        s(e.sentence_span, 0),
        s(e.sentence_span, 1),
        e.source_code.as_str().into(),
        e.source_sector.as_str().into(),
        e.source_text.clone().into(),
        s(e.source_span, 0),
        s(e.source_span, 1),
        e.target_code.clone().into(),
        e.target_sector.clone().into(),
        e.target_text.clone().into(),
        s(e.target_span, 0),
        s(e.target_span, 1),
        e.trigger_text.clone().into(),
        s(e.trigger_span, 0),
        s(e.trigger_span, 1),
        e.plover.as_str().into(),
        e.cameo.as_str().into(),
        e.goldstein.into(),
        e.quad.as_str().into(),
        e.date_start.clone().into(),
        e.date_end.clone().into(),
        e.date_text.clone().into(),
        e.date_basis.as_str().into(),
        e.factuality.as_str().into(),
        e.factuality_cue.clone().into(),
        e.rule.clone().into(),
        e.confidence.into(),
        e.coder_version.clone().into(),
        e.mentions.into(),
    ]
}

impl Store {
    /// Opens (creating if needed) the store at `url`: `postgres://…` or `postgresql://…` for
    /// PostgreSQL; a file path or `sqlite://path` for SQLite. Brings its schema up to date.
    pub fn open(url: &str) -> Result<Store, StoreError> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let client =
                postgres::Client::connect(url, postgres::NoTls).map_err(|e| StoreError::Open {
                    url: redact(url),
                    message: format!("{e} (is the server running and the URL right?)"),
                })?;
            Db::Postgres(Box::new(db::Pg::new(client)))
        } else {
            let path = url.strip_prefix("sqlite://").unwrap_or(url);
            let conn =
                rusqlite::Connection::open(Path::new(path)).map_err(|e| StoreError::Open {
                    url: path.to_string(),
                    message: format!("{e} (check the folder exists and is writable)"),
                })?;
            // WAL keeps readers going while the writer commits, and with synchronous=NORMAL a
            // killed process never loses a committed transaction (only a power cut could).
            conn.execute_batch(
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; \
                 PRAGMA busy_timeout=10000;",
            )
            .map_err(|e| StoreError::Open {
                url: path.to_string(),
                message: format!("{e} (is it an SQLite file?)"),
            })?;
            Db::Sqlite(conn)
        };
        let mut store = Store {
            db,
            url: redact(url),
        };
        schema::migrate(&mut store.db)?;
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        self.db.backend()
    }

    /// A handle that stops this store's running statement from another thread.
    pub fn interrupter(&self) -> Interrupter {
        match &self.db {
            Db::Sqlite(c) => Interrupter::Sqlite(c.get_interrupt_handle()),
            Db::Postgres(pg) => Interrupter::Postgres(pg.client.cancel_token()),
        }
    }

    /// The store's location, with any password removed.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Raw access for queries this crate does not wrap.
    pub fn db(&mut self) -> &mut Db {
        &mut self.db
    }

    /// Removes everything (keeping the schema). Used by `fulcrum demo` and by tests.
    pub fn clear(&mut self) -> Result<(), StoreError> {
        self.in_transaction(|db| {
            db.exec("DELETE FROM clusters", &[])?;
            db.exec("DELETE FROM events", &[])?;
            db.exec("DELETE FROM documents", &[])?;
            db.exec("DELETE FROM meta", &[])?;
            Ok(())
        })
    }

    fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&mut Db) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.db.begin()?;
        if self.db.backend() == Backend::Postgres {
            // One writer at a time: ids are assigned from the largest id, so two concurrent
            // writers would collide. The lock is released with the transaction.
            if let Err(e) = self.db.exec("SELECT pg_advisory_xact_lock(7716)", &[]) {
                let _ = self.db.rollback();
                return Err(e);
            }
        }
        match f(&mut self.db) {
            Ok(v) => {
                self.db.commit()?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.db.rollback();
                Err(e)
            }
        }
    }

    /// What the store holds of the document with this key and content.
    pub fn status(&mut self, key: &str, content_hash: &str) -> Result<DocStatus, StoreError> {
        status(&mut self.db, key, content_hash)
    }

    /// Stores a batch of documents with their events in one transaction. Documents the store
    /// already holds unchanged are counted and skipped, so rewriting a batch changes nothing.
    pub fn write_documents(
        &mut self,
        docs: &[NewDocument],
        coder_version: &str,
    ) -> Result<WriteSummary, StoreError> {
        self.in_transaction(|db| {
            let mut sum = WriteSummary::default();
            let mut doc_id = max_id(db, "documents")?;
            let mut event_id = max_id(db, "events")?;
            let insert_event = insert_event_sql();
            let now = now();
            for d in docs {
                let version = match status(db, &d.key, &d.content_hash)? {
                    DocStatus::Unchanged => {
                        sum.unchanged += 1;
                        continue;
                    }
                    DocStatus::New => {
                        sum.new += 1;
                        1
                    }
                    DocStatus::Changed => {
                        sum.versions += 1;
                        db.query(
                            "SELECT MAX(version) FROM documents WHERE doc_key = $1",
                            &[d.key.as_str().into()],
                        )?[0][0]
                            .int()
                            + 1
                    }
                };
                doc_id += 1;
                db.exec(
                    "INSERT INTO documents (id, doc_key, version, content_hash, url, origin, \
                     title, published, published_basis, captured, body, coder_version, events, \
                     ingested_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
                     $13, $14)",
                    &[
                        doc_id.into(),
                        d.key.as_str().into(),
                        version.into(),
                        d.content_hash.as_str().into(),
                        d.url.clone().into(),
                        d.origin.as_str().into(),
                        d.title.clone().into(),
                        d.published.clone().into(),
                        d.published_basis.clone().into(),
                        d.captured.clone().into(),
                        d.body.as_str().into(),
                        coder_version.into(),
                        d.events.len().into(),
                        now.as_str().into(),
                    ],
                )?;
                for (seq, e) in d.events.iter().enumerate() {
                    event_id += 1;
                    db.exec(
                        &insert_event,
                        &event_values(event_id, Some(doc_id), seq as i64, e),
                    )?;
                }
                sum.events += d.events.len();
            }
            if sum.new + sum.versions > 0 {
                set_meta(db, "clusters_dirty", "1")?;
            }
            Ok(sum)
        })
    }

    /// Stores imported events (no document) in one transaction; an event whose
    /// `(provenance, external_id)` is already stored is skipped. Returns (added, skipped).
    pub fn write_imported(&mut self, rows: &[EventRow]) -> Result<(usize, usize), StoreError> {
        self.in_transaction(|db| {
            let mut event_id = max_id(db, "events")?;
            let insert_event = insert_event_sql();
            let (mut added, mut skipped) = (0, 0);
            // The unique index on (provenance, external_id) decides what is already stored.
            let insert = format!("{insert_event} ON CONFLICT DO NOTHING");
            for e in rows {
                if db.exec(&insert, &event_values(event_id + 1, None, 0, e))? == 1 {
                    event_id += 1;
                    added += 1;
                } else {
                    skipped += 1;
                }
            }
            if added > 0 {
                set_meta(db, "clusters_dirty", "1")?;
            }
            Ok((added, skipped))
        })
    }

    /// Documents coded by another version of the dictionaries, oldest first.
    pub fn stale_documents(
        &mut self,
        coder_version: &str,
        limit: usize,
    ) -> Result<Vec<StoredDoc>, StoreError> {
        let sql = format!(
            "SELECT {DOC_COLUMNS} FROM documents WHERE coder_version <> $1 ORDER BY id LIMIT $2"
        );
        Ok(self
            .db
            .query(&sql, &[coder_version.into(), (limit as i64).into()])?
            .iter()
            .map(|r| StoredDoc::from_row(r))
            .collect())
    }

    /// Replaces the events of stored documents (re-coding), one transaction for the batch.
    pub fn replace_events(
        &mut self,
        docs: &[(i64, Vec<EventRow>)],
        coder_version: &str,
    ) -> Result<usize, StoreError> {
        self.in_transaction(|db| {
            let mut event_id = max_id(db, "events")?;
            let insert_event = insert_event_sql();
            let mut n = 0;
            for (doc_id, events) in docs {
                db.exec("DELETE FROM events WHERE doc_id = $1", &[(*doc_id).into()])?;
                for (seq, e) in events.iter().enumerate() {
                    event_id += 1;
                    db.exec(
                        &insert_event,
                        &event_values(event_id, Some(*doc_id), seq as i64, e),
                    )?;
                }
                db.exec(
                    "UPDATE documents SET coder_version = $1, events = $2 WHERE id = $3",
                    &[coder_version.into(), events.len().into(), (*doc_id).into()],
                )?;
                n += events.len();
            }
            set_meta(db, "clusters_dirty", "1")?;
            Ok(n)
        })
    }

    /// Whether clusters need recomputing (a change was committed since the last time).
    pub fn clusters_dirty(&mut self) -> Result<bool, StoreError> {
        Ok(get_meta(&mut self.db, "clusters_dirty")?.as_deref() == Some("1"))
    }

    /// Recomputes the event clusters (see [`cluster`]) in one transaction.
    pub fn recluster(&mut self, window_days: i64) -> Result<usize, StoreError> {
        self.in_transaction(|db| {
            let n = cluster::recluster(db, window_days)?;
            set_meta(db, "clusters_dirty", "0")?;
            set_meta(db, "cluster_window_days", &window_days.to_string())?;
            Ok(n)
        })
    }

    /// Recomputes the clusters if a change left them stale; gives how many there are.
    pub fn refresh_clusters(&mut self, window_days: i64) -> Result<usize, StoreError> {
        if self.clusters_dirty()? {
            self.recluster(window_days)
        } else {
            Ok(self.counts()?.2 as usize)
        }
    }

    /// Counts of documents, events and clusters.
    pub fn counts(&mut self) -> Result<(i64, i64, i64), StoreError> {
        let r = self.db.query(
            "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM events), \
             (SELECT COUNT(*) FROM clusters)",
            &[],
        )?;
        Ok((r[0][0].int(), r[0][1].int(), r[0][2].int()))
    }
}

fn status(db: &mut Db, key: &str, content_hash: &str) -> Result<DocStatus, StoreError> {
    let rows = db.query(
        "SELECT content_hash FROM documents WHERE doc_key = $1",
        &[key.into()],
    )?;
    Ok(if rows.is_empty() {
        DocStatus::New
    } else if rows.iter().any(|r| r[0].text() == content_hash) {
        DocStatus::Unchanged
    } else {
        DocStatus::Changed
    })
}

fn max_id(db: &mut Db, table: &str) -> Result<i64, StoreError> {
    Ok(db
        .query(&format!("SELECT COALESCE(MAX(id), 0) FROM {table}"), &[])?
        .first()
        .map(|r| r[0].int())
        .unwrap_or(0))
}

fn set_meta(db: &mut Db, key: &str, value: &str) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO meta (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        &[key.into(), value.into()],
    )?;
    Ok(())
}

fn get_meta(db: &mut Db, key: &str) -> Result<Option<String>, StoreError> {
    Ok(db
        .query("SELECT value FROM meta WHERE key = $1", &[key.into()])?
        .first()
        .map(|r| r[0].text()))
}

/// A store URL fit for messages: the password of a PostgreSQL URL is replaced by `***`.
pub fn redact(url: &str) -> String {
    if let Some(rest) = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))
    {
        if let Some((cred, host)) = rest.split_once('@') {
            if let Some((user, _)) = cred.split_once(':') {
                let scheme = &url[..url.len() - rest.len()];
                return format!("{scheme}{user}:***@{host}");
            }
        }
    }
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("postgres://u:secret@h/db"),
            "postgres://u:***@h/db".to_string()
        );
        assert_eq!(redact("fulcrum.db"), "fulcrum.db");
    }

    #[test]
    fn insert_statement_has_one_mark_per_column() {
        let sql = insert_event_sql();
        let cols = EVENT_COLUMNS.split(',').count() + 3;
        assert!(sql.contains(&format!("${cols})")));
        assert_eq!(event_values(1, None, 0, &EventRow::default()).len(), cols);
    }
}

/// Support for tests that run against both backends (used by this crate's tests and the
/// binary's). Not part of the store's interface.
#[doc(hidden)]
pub mod testing {
    /// The URL of a fresh, empty PostgreSQL database for one test, created through the server
    /// named by `FULCRUM_TEST_PG` (a URL whose role may create databases). `None` when the
    /// variable is unset outside CI; under CI (`CI` set) a missing server fails the test, so
    /// that the PostgreSQL suite is never skipped silently there.
    pub fn fresh_postgres(test: &str) -> Option<String> {
        let Ok(admin) = std::env::var("FULCRUM_TEST_PG") else {
            if std::env::var_os("CI").is_some() {
                panic!("FULCRUM_TEST_PG is not set under CI: .ci/run must start PostgreSQL");
            }
            eprintln!("note: FULCRUM_TEST_PG not set; PostgreSQL part of {test} skipped");
            return None;
        };
        let name = format!(
            "fulcrum_test_{}_{}",
            test.replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
            std::process::id()
        )
        .to_lowercase();
        let mut client = postgres::Client::connect(&admin, postgres::NoTls)
            .unwrap_or_else(|e| panic!("FULCRUM_TEST_PG={admin}: cannot connect: {e}"));
        client
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
            .expect("drop test database");
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create test database");
        // The admin URL's database part is replaced by the fresh database.
        let base = match admin.rfind('/') {
            Some(i) if admin[..i].contains("//") && i > admin.find("//").unwrap() + 1 => {
                &admin[..i]
            }
            _ => admin.as_str(),
        };
        let query = admin.find('?').map(|i| &admin[i..]).unwrap_or("");
        Some(format!("{base}/{name}{query}"))
    }
}
