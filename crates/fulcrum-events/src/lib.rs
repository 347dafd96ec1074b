//! Events: from a parsed sentence with its actor mentions to coded PLOVER/CAMEO events.
//!
//! Three parts: [`patterns`] loads the pattern dictionary (`data/patterns/*.toml`, documented in
//! `docs/patterns.md`) and the CAMEO table (`data/cameo.toml`); [`analyse`] tokenises, tags,
//! parses and finds actors in each sentence of a document; [`coder`] matches patterns against
//! the analysed sentence and attributes source and target through the dependency tree.
//!
//! Invariants: coding never fails on text — bad input is data and yields no events, never an
//! error or a panic; output depends only on the input and the dictionaries, never on thread
//! count or timing; every event carries the id of the rule that produced it.

pub mod analyse;
pub mod coder;
pub mod dating;
pub mod document;
pub mod event;
pub mod factuality;
pub mod landmarks;
pub mod patterns;
pub mod quotes;

pub use coder::Coder;
pub use document::{AnalysedDoc, CharIndex, Located, MentionRecord};
pub use event::{ActorRef, DateInfo, Event, Span};
pub use landmarks::{Landmark, Landmarks};
pub use patterns::{LoadError, PatternSet};
pub use quotes::{Quote, Speaker};
