//! The event record: the stable output contract documented in `docs/output.md`.

use serde::Serialize;

/// A span of the extracted text, as [start, end) offsets in Unicode characters.
pub type Span = [usize; 2];

/// An actor as coded: state or IGO code, sector, the words that named it and where.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorRef {
    pub code: String,
    pub sector: String,
    pub text: String,
    pub span: Span,
    /// Where the actor was named when `text` only refers to it (a pronoun, a surname, "the
    /// two leaders"): that mention's words and span. Absent when `text` names the actor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved_from: Option<Resolved>,
}

/// The mention an actor reference was resolved from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolved {
    pub text: String,
    pub span: Span,
}

/// The trigger words of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trigger {
    pub text: String,
    pub span: Span,
}

/// When the event happened, and on what basis the date was chosen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateInfo {
    pub start: Option<String>,
    pub end: Option<String>,
    pub text: String,
    pub basis: String,
}

impl DateInfo {
    /// The publication date standing in for an event's own date (basis "published"), or no
    /// date at all (basis "unknown").
    pub fn published(published: Option<&str>) -> DateInfo {
        DateInfo {
            start: published.map(str::to_string),
            end: published.map(str::to_string),
            text: String::new(),
            basis: if published.is_some() {
                "published"
            } else {
                "unknown"
            }
            .to_string(),
        }
    }
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub doc: String,
    pub sentence_index: usize,
    pub sentence: String,
    pub sentence_span: Span,
    pub source: ActorRef,
    pub target: Option<ActorRef>,
    pub trigger: Trigger,
    pub plover: Option<String>,
    pub cameo: String,
    pub goldstein: f64,
    pub quad: String,
    pub date: DateInfo,
    pub factuality: String,
    /// The words that decided the factuality ("expected", "could", "not"), empty when asserted.
    pub factuality_cue: String,
    /// Where the cue stands in the extracted text; null when asserted.
    pub factuality_cue_span: Option<Span>,
    pub rule: String,
    pub confidence: f64,
}
