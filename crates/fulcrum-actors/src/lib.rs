//! Actors: who the states, organisations and people named in a sentence are.
//!
//! The gazetteer is a set of TOML files (`data/actors/*.toml`, documented in `docs/actors.md`)
//! embedded in the binary; users add their own files with `--dict DIR`. Recognition works on
//! the tokens of one sentence and composes lexical items into mentions: "Chinese Foreign
//! Minister Wang Yi" is one mention of CHN GOV, "Russia's coast guard" one of RUS MIL.
//!
//! Invariants: loading reports every error with its file, line and column; recognition never
//! fails on text and never panics.

mod gazetteer;
mod recognise;

pub use gazetteer::{line_col, read_toml_dir, Gazetteer, LoadError, Person, Role};
pub use recognise::{recognise, DocContext, Mention, MentionKind};
