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
mod people;
mod recognise;

pub use gazetteer::{line_col, read_toml_dir, Gazetteer, LoadError, Person, Role};
pub use people::{find_people, DocPerson, PersonMention, PersonMentionKind};
pub use recognise::{recognise, DocContext, Mention, MentionKind, Salient};

/// The code of the state or organisation a name stands for when the whole name is one actor
/// mention ("North Korea" → PRK, "the United Nations" → its code); case is forgiven by also
/// trying the name with each word capitalised ("north korea").
pub fn code_for_name(g: &Gazetteer, name: &str) -> Option<String> {
    let name = name.trim();
    let capitalised: String = name
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    [name.to_string(), capitalised].into_iter().find_map(|n| {
        let tokens = fulcrum_text::tokenize(&n, (0, n.len()));
        let mut ctx = DocContext::default();
        recognise(g, &n, &tokens, &mut ctx)
            .into_iter()
            .find(|m| {
                // Mentions count tokens; the whole name, or all of it after "the", must be one.
                let first = tokens.first().map(|t| t.text(&n).to_lowercase());
                m.end == tokens.len()
                    && (m.start == 0 || (m.start == 1 && first.as_deref() == Some("the")))
            })
            .map(|m| m.code)
    })
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn names_and_codes() {
        let g = Gazetteer::builtin().unwrap();
        assert_eq!(code_for_name(&g, "North Korea").as_deref(), Some("PRK"));
        assert_eq!(code_for_name(&g, "north korea").as_deref(), Some("PRK"));
        assert_eq!(
            code_for_name(&g, "the United States").as_deref(),
            Some("USA")
        );
        assert_eq!(code_for_name(&g, "China").as_deref(), Some("CHN"));
        assert_eq!(code_for_name(&g, "Chinese food"), None);
    }
}
