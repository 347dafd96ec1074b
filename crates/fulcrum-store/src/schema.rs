//! Versioned migrations, the same for both backends.
//!
//! Each migration runs inside one transaction together with the row that records it, so a
//! store is always at exactly one version. New versions are appended; an applied migration is
//! never edited, because stores in the field already ran it.

use crate::db::{Db, Val};
use crate::StoreError;

/// (version, statements). Types are the subset both SQLite and PostgreSQL accept.
pub const MIGRATIONS: &[(i64, &str)] = &[(
    1,
    "
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE documents (
    id BIGINT PRIMARY KEY,
    doc_key TEXT NOT NULL,
    version BIGINT NOT NULL,
    content_hash TEXT NOT NULL,
    url TEXT,
    origin TEXT NOT NULL,
    title TEXT,
    published TEXT,
    published_basis TEXT,
    captured TEXT,
    body TEXT NOT NULL,
    coder_version TEXT NOT NULL,
    events BIGINT NOT NULL,
    ingested_at TEXT NOT NULL,
    UNIQUE (doc_key, version)
);
CREATE INDEX documents_hash ON documents (doc_key, content_hash);
CREATE INDEX documents_coder ON documents (coder_version);
CREATE TABLE events (
    id BIGINT PRIMARY KEY,
    doc_id BIGINT REFERENCES documents (id),
    seq BIGINT NOT NULL,
    provenance TEXT NOT NULL,
    external_id TEXT,
    url TEXT,
    sentence_index BIGINT,
    sentence TEXT,
    sentence_start BIGINT,
    sentence_end BIGINT,
    source_code TEXT NOT NULL,
    source_sector TEXT NOT NULL,
    source_text TEXT,
    source_start BIGINT,
    source_end BIGINT,
    target_code TEXT,
    target_sector TEXT,
    target_text TEXT,
    target_start BIGINT,
    target_end BIGINT,
    trigger_text TEXT,
    trigger_start BIGINT,
    trigger_end BIGINT,
    plover TEXT NOT NULL,
    cameo TEXT NOT NULL,
    goldstein DOUBLE PRECISION NOT NULL,
    quad TEXT NOT NULL,
    date_start TEXT,
    date_end TEXT,
    date_text TEXT,
    date_basis TEXT NOT NULL,
    factuality TEXT NOT NULL,
    factuality_cue TEXT,
    rule TEXT,
    confidence DOUBLE PRECISION,
    coder_version TEXT,
    mentions BIGINT NOT NULL,
    cluster_id BIGINT
);
CREATE UNIQUE INDEX events_doc_seq ON events (doc_id, seq);
CREATE UNIQUE INDEX events_external ON events (provenance, external_id);
CREATE INDEX events_dyad ON events (source_code, target_code, date_start);
CREATE INDEX events_date ON events (date_start);
CREATE INDEX events_cluster ON events (cluster_id);
CREATE TABLE clusters (
    id BIGINT PRIMARY KEY,
    source_code TEXT NOT NULL,
    target_code TEXT NOT NULL,
    plover TEXT NOT NULL,
    cameo TEXT NOT NULL,
    quad TEXT NOT NULL,
    goldstein DOUBLE PRECISION NOT NULL,
    factuality TEXT NOT NULL,
    date_start TEXT NOT NULL,
    date_end TEXT NOT NULL,
    events BIGINT NOT NULL,
    mentions BIGINT NOT NULL,
    documents BIGINT NOT NULL,
    first_event BIGINT NOT NULL
);
CREATE INDEX clusters_dyad ON clusters (source_code, target_code, date_start);
CREATE INDEX clusters_date ON clusters (date_start);
",
)];

/// The newest schema version this build knows.
pub fn latest() -> i64 {
    MIGRATIONS.last().map(|m| m.0).unwrap_or(0)
}

/// Brings a store up to the latest version; refuses a store written by a newer fulcrum.
pub fn migrate(db: &mut Db) -> Result<(), StoreError> {
    db.batch(
        "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)",
    )?;
    let current = db
        .query("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[])?
        .first()
        .and_then(|r| r.first())
        .map(Val::int)
        .unwrap_or(0);
    if current > latest() {
        return Err(StoreError::TooNew {
            found: current,
            known: latest(),
        });
    }
    for (version, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        db.begin()?;
        let r = db.batch(sql).and_then(|_| {
            db.exec(
                "INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)",
                &[Val::Int(*version), Val::Text(crate::now())],
            )
        });
        match r {
            Ok(_) => db.commit()?,
            Err(e) => {
                let _ = db.rollback();
                return Err(e);
            }
        }
    }
    Ok(())
}
