//! From a raw document to a document ready for the store: extraction, identity, coding.
//!
//! Shared by `ingest`, `recode` and `demo`. Every step catches panics so that one bad page is
//! reported and skipped instead of stopping the run.

use crate::limits::{Budget, DocLimits};
use fulcrum_events::Coder;
use fulcrum_extract::Document;
use fulcrum_read::{Body, RawDoc};
use fulcrum_store::{EventRow, NewDocument};
use sha2::Digest;

/// An extracted document with its identity, before coding.
pub struct Prepared {
    pub key: String,
    pub content_hash: String,
    pub raw: RawMeta,
    pub doc: Document,
    /// The publication date coding resolves dates against, and why it was chosen.
    pub published: Option<String>,
    pub published_basis: Option<String>,
}

/// What the source said about a document, beside its body.
pub struct RawMeta {
    pub origin: String,
    pub url: Option<String>,
    pub captured: Option<String>,
}

/// Hash of the article text with runs of white space made one space: a page re-served with
/// different markup or line breaks is the same document.
pub fn content_hash(text: &str) -> String {
    let mut h = sha2::Sha256::new();
    let mut first = true;
    for w in text.split_whitespace() {
        if !first {
            h.update(b" ");
        }
        h.update(w.as_bytes());
        first = false;
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A publication date as sources state it ("2018-05-01", "2018-05-01T09:00:00Z",
/// "Tue, 01 May 2018 09:00:00 GMT") as `YYYY-MM-DD`; `None` when it is not a date.
pub fn normalise_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(d.date_naive().to_string());
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(d.date_naive().to_string());
    }
    let head = s.get(..10)?;
    chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .ok()
        .map(|d| d.to_string())
}

fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| {
        "internal error while reading this document (please report it with the file); skipped"
            .to_string()
    })
}

/// Extracts the article and decides its identity and publication date. `published` overrides
/// every date the source or the page gives.
pub fn prepare(raw: RawDoc, published: Option<&str>) -> Result<Prepared, String> {
    let RawDoc {
        origin,
        url,
        published: stated,
        captured,
        title,
        body,
    } = raw;
    let hint = url.clone().unwrap_or_else(|| origin.clone());
    let doc = catch(|| match body {
        Body::Html(bytes) => {
            let html = String::from_utf8_lossy(&bytes);
            fulcrum_extract::extract_html(&html, Some(&hint))
        }
        Body::Text(text) => {
            // A headline given beside the text leads it, as it would on the page.
            let full = match &title {
                Some(t) if !text.trim_start().starts_with(t.trim()) => format!("{t}\n\n{text}"),
                _ => text,
            };
            fulcrum_extract::extract_text(&full)
        }
        Body::Unknown(bytes) => fulcrum_extract::extract(&bytes, Some(&hint)),
    })?;
    if doc.text.trim().is_empty() {
        return Err("no article text found (empty, binary or all page chrome); skipped".into());
    }
    let content_hash = content_hash(&doc.text);
    let key = match &url {
        Some(u) if !u.trim().is_empty() => u.trim().to_string(),
        _ => format!("sha256:{content_hash}"),
    };
    let (published, basis) = if let Some(p) = published {
        (Some(p.to_string()), Some("given".to_string()))
    } else if let Some(p) = stated.as_deref().and_then(normalise_date) {
        (Some(p), Some("source".to_string()))
    } else if let Some(c) = &doc.published {
        (Some(c.date.clone()), Some(c.basis.clone()))
    } else {
        (None, None)
    };
    Ok(Prepared {
        key,
        content_hash,
        raw: RawMeta {
            origin,
            url,
            captured,
        },
        doc,
        published,
        published_basis: basis,
    })
}

/// Codes a prepared document into what the store keeps, within the time and memory limits
/// (counted from the start of coding, on the thread that codes it).
pub fn code(
    coder: &Coder,
    mut p: Prepared,
    version: &str,
    limits: &DocLimits,
) -> Result<NewDocument, String> {
    let budget = Budget::start(limits);
    let (analysed, found) = catch(|| {
        coder.analyse_dated_with(&p.doc, p.published.as_deref(), || {
            budget.between_sentences()
        })
    })?
    .map_err(|over| over.to_string())?;
    if let Some(f) = found {
        p.published = Some(f.date);
        p.published_basis = Some(f.basis);
    }
    let events = catch(|| coder.code_analysed(&analysed, &p.doc, &p.key, p.published.as_deref()))?;
    let body = serde_json::to_string(&p.doc).map_err(|e| e.to_string())?;
    Ok(NewDocument {
        key: p.key,
        content_hash: p.content_hash,
        url: p.raw.url,
        origin: p.raw.origin,
        title: p.doc.title.clone(),
        published: p.published,
        published_basis: p.published_basis,
        captured: p.raw.captured,
        body,
        events: events
            .iter()
            .map(|e| EventRow::from_event(e, version))
            .collect(),
    })
}

/// Re-codes a stored document from its stored extraction.
pub fn recode(
    coder: &Coder,
    key: &str,
    body: &str,
    published: Option<&str>,
    version: &str,
) -> Result<Vec<EventRow>, String> {
    let doc: Document =
        serde_json::from_str(body).map_err(|e| format!("stored document unreadable: {e}"))?;
    let events = catch(|| coder.code_document(&doc, key, published))?;
    Ok(events
        .iter()
        .map(|e| EventRow::from_event(e, version))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_white_space_layout() {
        assert_eq!(content_hash("a  b\n\nc"), content_hash(" a b c "));
        assert_ne!(content_hash("a b c"), content_hash("a b d"));
    }

    #[test]
    fn dates_as_sources_state_them() {
        assert_eq!(normalise_date("2018-05-01").as_deref(), Some("2018-05-01"));
        assert_eq!(
            normalise_date("2018-05-01T23:30:00+09:00").as_deref(),
            Some("2018-05-01")
        );
        assert_eq!(
            normalise_date("Tue, 01 May 2018 09:00:00 GMT").as_deref(),
            Some("2018-05-01")
        );
        assert_eq!(normalise_date("yesterday"), None);
    }
}
