//! A document analysed sentence by sentence, and the mentions of actors and people in it.

use crate::analyse::Sentence;
use crate::event::Span;
use fulcrum_actors::{DocPerson, Gazetteer, MentionKind, PersonMentionKind};
use fulcrum_extract::Document;
use serde::Serialize;

/// One analysed sentence and where it stands in its document.
#[derive(Debug, Clone)]
pub struct Located {
    pub s: Sentence,
    /// 0-based index of the sentence in the document.
    pub index: usize,
    /// Index of the block (paragraph, caption...) the sentence belongs to.
    pub block: usize,
    /// Characters of the document text before the sentence.
    pub char0: usize,
    /// Whether the sentence opens the first paragraph.
    pub lead: bool,
}

/// Every sentence of a document, analysed in order, and the non-state people it introduced.
#[derive(Debug, Clone, Default)]
pub struct AnalysedDoc {
    pub sentences: Vec<Located>,
    pub people: Vec<DocPerson>,
}

/// Byte offsets to character offsets in one text, precomputed once.
pub struct CharIndex {
    chars_at: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut chars_at = vec![0; text.len() + 1];
        let mut n = 0;
        for (b, c) in text.char_indices() {
            for slot in &mut chars_at[b..b + c.len_utf8()] {
                *slot = n;
            }
            n += 1;
        }
        chars_at[text.len()] = n;
        CharIndex { chars_at }
    }

    /// The character offset of byte offset `b` (clamped to the text).
    pub fn at(&self, b: usize) -> usize {
        self.chars_at[b.min(self.chars_at.len() - 1)]
    }

    /// A byte span as a character span.
    pub fn span(&self, (a, b): (usize, usize)) -> Span {
        [self.at(a), self.at(b)]
    }
}

/// One mention of an actor or a person, resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionRecord {
    pub text: String,
    /// Character span in the document text.
    pub span: Span,
    /// The state or IGO the mention stands for; empty when it names no actor (experts,
    /// scholars and other non-state people).
    pub code: String,
    pub sector: String,
    /// `state`, `adjectival`, `metonym`, `igo`, `named`, `person`, `pronoun`, `pair` for actor
    /// mentions; `nonstate` for non-state people, by name, short name, description or pronoun.
    pub kind: String,
    /// The person named: the gazetteer's canonical name, or the name the document gave.
    pub person: Option<String>,
    /// A non-state person's role ("director").
    pub role: Option<String>,
    /// A non-state person's organisations and places ("Sejong Institute, Seoul").
    pub affiliation: Option<String>,
    /// Character span of the mention this one was resolved from (the full name behind a
    /// surname, a pronoun's antecedent); `None` when the mention names its referent itself.
    pub antecedent: Option<Span>,
}

fn kind_name(k: MentionKind) -> &'static str {
    match k {
        MentionKind::State => "state",
        MentionKind::Adjectival => "adjectival",
        MentionKind::Metonym => "metonym",
        MentionKind::Igo => "igo",
        MentionKind::Named => "named",
        MentionKind::Person => "person",
        MentionKind::Pronoun => "pronoun",
        MentionKind::Pair => "pair",
    }
}

/// The mention records of an analysed document, in text order.
pub fn mention_records(a: &AnalysedDoc, doc: &Document, g: &Gazetteer) -> Vec<MentionRecord> {
    let text = doc.text.as_str();
    let ci = CharIndex::new(text);
    let mut out = Vec::new();
    for at in &a.sentences {
        let s = &at.s;
        let bytes = |start: usize, end: usize| (s.tokens[start].start, s.tokens[end - 1].end);
        for m in &s.mentions {
            let (b0, b1) = bytes(m.start, m.end);
            out.push(MentionRecord {
                text: text[b0..b1].to_string(),
                span: ci.span((b0, b1)),
                code: m.code.clone(),
                sector: m.sector.clone(),
                kind: kind_name(m.kind).to_string(),
                person: m.person.map(|p| g.people[p].name.clone()),
                role: None,
                affiliation: None,
                antecedent: m.antecedent.map(|x| ci.span(x)),
            });
        }
        for p in &s.people {
            let (b0, b1) = bytes(p.start, p.end);
            let d = &a.people[p.person];
            out.push(MentionRecord {
                text: text[b0..b1].to_string(),
                span: ci.span((b0, b1)),
                code: String::new(),
                sector: String::new(),
                kind: "nonstate".to_string(),
                person: Some(d.name.clone()),
                role: (!d.role.is_empty()).then(|| d.role.clone()),
                affiliation: (!d.affiliation.is_empty()).then(|| d.affiliation.clone()),
                antecedent: match p.kind {
                    PersonMentionKind::Named => None,
                    _ => p.antecedent.map(|x| ci.span(x)),
                },
            });
        }
    }
    out.sort_by(|x, y| x.span.cmp(&y.span));
    out
}
