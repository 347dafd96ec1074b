//! Quotations and reported speech, each with its speaker.
//!
//! Direct quotations are found from their quotation marks, across paragraphs when a quote runs
//! on (news opens each continued paragraph with a new opening mark and closes only the last),
//! and joined when an attribution interrupts them (`"…," he said, "…"`). Each is attributed
//! from the words around it: a speech verb after it (`," Paik Hak-soon, the director of …, told
//! Sputnik`) or before it (`Trump said: "…"`). A pronoun speaker ("he said") is resolved to the
//! latest person outside quotation marks who was the subject of a speech or thought verb
//! ("The Seoul-based expert explained …"), so that the people a quote itself names never
//! become its speaker. Indirect speech is read from the parse: the subject and the content
//! clause of a speech verb ("X said that …"), and "according to X".

use crate::analyse::Sentence;
use crate::document::{AnalysedDoc, CharIndex, Located};
use crate::event::{Event, Span};
use fulcrum_actors::{Gazetteer, MentionKind, PersonMentionKind};
use fulcrum_extract::{BlockKind, Document};
use fulcrum_syntax::tagger::Upos;
use serde::Serialize;

/// Verbs that report speech or thought; their subject is a speaker.
const SPEECH: &[&str] = &[
    "say",
    "tell",
    "add",
    "argue",
    "insist",
    "explain",
    "suggest",
    "note",
    "acknowledge",
    "warn",
    "claim",
    "stress",
    "state",
    "write",
    "announce",
    "declare",
    "assert",
    "reply",
    "respond",
    "comment",
    "emphasize",
    "emphasise",
    "observe",
    "conclude",
    "predict",
    "recall",
    "caution",
    "contend",
    "maintain",
    "remark",
    "admit",
    "confirm",
    "deny",
    "ask",
    "tweet",
    "post",
    "tell",
];

/// Verbs of belief: they do not introduce a quotation, but their subject is who a following
/// "he said" most likely means.
const THOUGHT: &[&str] = &["believe", "think", "feel", "consider", "expect", "hope"];

/// Who said it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    /// The words naming the speaker at the attribution ("he", "Paik Hak-soon").
    pub text: String,
    pub span: Span,
    /// The person's name, when the speaker is a person (gazetteer or document-introduced).
    pub name: Option<String>,
    /// `person` (an office holder or other gazetteer person), `nonstate` (an expert or other
    /// person the document introduces), `actor` (a state, organisation or agency) or `group`
    /// (unnamed people: "experts", "officials").
    pub kind: String,
    /// The state or IGO the speaker acts for; empty for non-state people and groups.
    pub code: String,
    pub sector: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    /// The mention the speaker was resolved from when the attribution names them by pronoun,
    /// short name or description.
    pub resolved_from: Option<MentionRef>,
}

/// A stretch of text: its words and character span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionRef {
    pub text: String,
    pub span: Span,
}

/// An event found inside a quotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuotedEvent {
    pub sentence_index: usize,
    pub plover: Option<String>,
    pub cameo: String,
    pub source: String,
    pub target: Option<String>,
    pub trigger: String,
    pub factuality: String,
}

/// One quotation or piece of reported speech.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Always "quote": tells quotations from events in a mixed stream.
    pub kind: &'static str,
    pub doc: String,
    /// `direct` (in quotation marks) or `indirect` (reported: "X said that …").
    #[serde(rename = "type")]
    pub quote_type: &'static str,
    /// The quoted words; for a direct quotation with its marks, the parts of an interrupted
    /// one joined by a space.
    pub text: String,
    /// From the first character of the quotation to its last.
    pub span: Span,
    /// The quoted parts, without the attribution that interrupts them.
    pub parts: Vec<Span>,
    pub speaker: Option<Speaker>,
    /// The attribution words ("told Sputnik", "he said", "according to").
    pub cue: Option<MentionRef>,
    pub events: Vec<QuotedEvent>,
}

/// A direct quotation's byte spans, in the document text, each including its marks.
#[derive(Debug, Clone)]
struct Marks {
    parts: Vec<(usize, usize)>,
}

fn opens(c: char) -> bool {
    matches!(c, '“' | '«' | '„')
}

fn closes(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// Finds the quoted stretches of each paragraph, continuing a quote left open at a
/// paragraph's end into the next paragraph when that one opens with a quotation mark.
fn find_marks(doc: &Document) -> Vec<Marks> {
    let text = doc.text.as_str();
    let mut out: Vec<Marks> = Vec::new();
    let mut open_at: Option<usize> = None;
    let mut run: Vec<(usize, usize)> = Vec::new();
    let paragraphs = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .filter(|b| b.span.1 <= text.len() && text.is_char_boundary(b.span.0))
        .filter(|b| text.is_char_boundary(b.span.1));
    for block in paragraphs {
        let (b0, b1) = block.span;
        let body = &text[b0..b1];
        if let Some(start) = open_at.take() {
            // The previous paragraph left a quotation open: it goes on only if this one opens
            // with a mark; otherwise it ended with its paragraph.
            let first = body.trim_start().chars().next();
            if first.is_some_and(|c| c == '"' || opens(c)) {
                run.push((start, prev_end(text, b0)));
            } else {
                run.push((start, prev_end(text, b0)));
                out.push(Marks {
                    parts: std::mem::take(&mut run),
                });
            }
        } else if !run.is_empty() {
            out.push(Marks {
                parts: std::mem::take(&mut run),
            });
        }
        let mut inside: Option<usize> = None;
        for (i, c) in body.char_indices() {
            let at = b0 + i;
            match inside {
                None if c == '"' || opens(c) => inside = Some(at),
                Some(s) if c == '"' || closes(c) => {
                    run.push((s, at + c.len_utf8()));
                    out.push(Marks {
                        parts: std::mem::take(&mut run),
                    });
                    inside = None;
                }
                _ => {}
            }
        }
        if let Some(s) = inside {
            open_at = Some(s);
        }
    }
    if let Some(s) = open_at {
        run.push((s, text.len()));
    }
    if !run.is_empty() {
        out.push(Marks { parts: run });
    }
    out
}

/// The end of the text before byte `b`, without the blank lines between paragraphs.
fn prev_end(text: &str, b: usize) -> usize {
    text[..b].trim_end().len()
}

/// Where a token stands: sentence index in the analysed document and token index.
type At = (usize, usize);

/// Quotations and reported speech of an analysed document; `events` are the document's
/// coded events, so that each quotation lists the events inside it.
pub fn find_quotes(
    a: &AnalysedDoc,
    doc: &Document,
    doc_id: &str,
    events: &[Event],
    g: &Gazetteer,
) -> Vec<Quote> {
    let text = doc.text.as_str();
    let ci = CharIndex::new(text);
    let marks: Vec<Marks> = find_marks(doc)
        .into_iter()
        .filter(|m| {
            // Scare quotes and titles ("breakthrough") are not quotations.
            m.parts
                .iter()
                .map(|&(x, y)| text[x..y].split_whitespace().count())
                .sum::<usize>()
                >= 4
        })
        .collect();
    let quoted = |b: usize| {
        marks
            .iter()
            .any(|m| m.parts.iter().any(|&(x, y)| x <= b && b < y))
    };
    let mut out: Vec<Quote> = Vec::new();
    let mut used: Vec<bool> = vec![false; marks.len()];
    for qi in 0..marks.len() {
        if used[qi] {
            continue;
        }
        used[qi] = true;
        let mut parts = marks[qi].parts.clone();
        let (open, close) = (parts[0].0, parts[parts.len() - 1].1);
        let (block_of_close, block_end) = block_around(doc, close);
        // The attribution after the quote, up to the next quotation mark or the sentence end.
        let after = tokens_between(a, close, next_mark(&marks, qi, block_end), &quoted);
        let mut cue = speech_verb(a, &after);
        if cue.is_some() {
            // "…," he said, "…": the next quote of the paragraph continues this one.
            if let Some(next) = marks.get(qi + 1) {
                let (nb, _) = block_around(doc, next.parts[0].0);
                let gap = &text[close..next.parts[0].0];
                if nb == block_of_close && gap.trim_end().ends_with(',') && gap.len() < 200 {
                    used[qi + 1] = true;
                    parts.extend(next.parts.iter().copied());
                }
            }
        } else {
            // The attribution before: `Trump said: "…"`, `X told reporters that "…"`.
            let (para_start, _) = block_bounds(doc, open);
            let before = tokens_between(a, para_start, open, &quoted);
            cue = speech_verb(a, &before);
        }
        let close = parts[parts.len() - 1].1;
        let speaker = cue.and_then(|v| speaker_of(a, v, open, &quoted, g, &ci, text));
        let quote_text = parts
            .iter()
            .map(|&(x, y)| text[x..y].trim())
            .collect::<Vec<_>>()
            .join(" ");
        let char_parts: Vec<Span> = parts.iter().map(|&p| ci.span(p)).collect();
        let inside = |e: &Event| {
            char_parts
                .iter()
                .any(|p| p[0] <= e.trigger.span[0] && e.trigger.span[1] <= p[1])
        };
        let quoted_events = events
            .iter()
            .filter(|e| inside(e))
            .map(quoted_event)
            .collect();
        out.push(Quote {
            kind: "quote",
            doc: doc_id.to_string(),
            quote_type: "direct",
            text: quote_text,
            span: ci.span((open, close)),
            parts: char_parts,
            speaker,
            cue: cue.map(|v| cue_ref(a, v, text, &ci)),
            events: quoted_events,
        });
    }
    out.extend(indirect(a, doc_id, events, &quoted, g, &ci, text));
    out.sort_by_key(|x| x.span);
    out
}

fn quoted_event(e: &Event) -> QuotedEvent {
    QuotedEvent {
        sentence_index: e.sentence_index,
        plover: e.plover.clone(),
        cameo: e.cameo.clone(),
        source: format!("{} {}", e.source.code, e.source.sector)
            .trim()
            .to_string(),
        target: e
            .target
            .as_ref()
            .map(|t| format!("{} {}", t.code, t.sector).trim().to_string()),
        trigger: e.trigger.text.clone(),
        factuality: e.factuality.clone(),
    }
}

/// The paragraph containing byte `b`: its index and end.
fn block_around(doc: &Document, b: usize) -> (usize, usize) {
    doc.blocks
        .iter()
        .enumerate()
        .find(|(_, bl)| bl.span.0 <= b && b <= bl.span.1)
        .map(|(i, bl)| (i, bl.span.1))
        .unwrap_or((usize::MAX, doc.text.len()))
}

/// The byte bounds of the paragraph containing byte `b`.
fn block_bounds(doc: &Document, b: usize) -> (usize, usize) {
    doc.blocks
        .iter()
        .find(|bl| bl.span.0 <= b && b <= bl.span.1)
        .map(|bl| bl.span)
        .unwrap_or((0, doc.text.len()))
}

/// Where the text after quote `qi` stops being its attribution: the next quotation in the
/// paragraph, or the paragraph's end.
fn next_mark(marks: &[Marks], qi: usize, block_end: usize) -> usize {
    marks
        .get(qi + 1)
        .map(|m| m.parts[0].0.min(block_end))
        .unwrap_or(block_end)
}

/// The tokens whose bytes lie in `from..to` and outside quotation marks, in order.
fn tokens_between(
    a: &AnalysedDoc,
    from: usize,
    to: usize,
    quoted: &dyn Fn(usize) -> bool,
) -> Vec<At> {
    let mut out = Vec::new();
    for (si, at) in a.sentences.iter().enumerate() {
        let s = &at.s;
        if s.span.1 <= from || s.span.0 >= to {
            continue;
        }
        for (ti, t) in s.tokens.iter().enumerate() {
            if t.start >= from && t.end <= to && !quoted(t.start) {
                out.push((si, ti));
            }
        }
    }
    out
}

/// The first speech verb among `tokens`.
fn speech_verb(a: &AnalysedDoc, tokens: &[At]) -> Option<At> {
    tokens.iter().copied().find(|&(si, ti)| {
        let s = &a.sentences[si].s;
        ti < s.lemmas.len()
            && matches!(s.upos(ti), Upos::Verb)
            && SPEECH.contains(&s.lemmas[ti].as_str())
    })
}

/// The subject of verb `v`: its `nsubj`; failing that (long appositions defeat the parser),
/// the first person named in the words just before it, back to a quotation mark; failing
/// that, the name right after it ("said Paik").
fn subject_of(s: &Sentence, v: usize) -> Option<usize> {
    if let Some(n) = s.kids(v, "nsubj").next() {
        return Some(n);
    }
    // "…, the White House said, adding …": a participle shares its head's subject.
    if matches!(s.deprel[v], "advcl" | "xcomp" | "conj") {
        if let Some(n) = s.head[v].and_then(|h| s.kids(h, "nsubj").next()) {
            return Some(n);
        }
    }
    let is_person = |t: usize| is_person_token(s, t);
    let mut first = None;
    for t in (v.saturating_sub(30)..v).rev() {
        if matches!(s.lower[t].as_str(), "\"" | "“" | "”") {
            break;
        }
        if is_person(t) {
            first = Some(t);
        }
    }
    if first.is_some() {
        return first;
    }
    let next = v + 1;
    (next < s.len() && (s.mention_of[next].is_some() || is_person(next))).then_some(next)
}

/// Whether token `t` belongs to a mention of a person (a gazetteer person or one the document
/// introduced).
fn is_person_token(s: &Sentence, t: usize) -> bool {
    s.people.iter().any(|p| p.start <= t && t < p.end)
        || s.mention_of[t].is_some_and(|m| s.mentions[m].kind == MentionKind::Person)
}

/// The attribution words of speech verb `v`: "he said", "told Sputnik", "said".
fn cue_ref(a: &AnalysedDoc, (si, v): At, text: &str, ci: &CharIndex) -> MentionRef {
    let s = &a.sentences[si].s;
    let mut from = s.tokens[v].start;
    let mut to = s.tokens[v].end;
    if let Some(n) = subject_of(s, v) {
        if n + 1 == v && s.upos(n) == Upos::Pron {
            from = s.tokens[n].start;
        }
    }
    // "told Sputnik", "told reporters": the audience belongs to the cue.
    if let Some(o) = s.kids(v, "obj").chain(s.kids(v, "iobj")).next() {
        if o == v + 1 && (s.upos(o) == Upos::Propn || s.lower[o] == "reporters") {
            to = s.tokens[o].end;
        }
    }
    MentionRef {
        text: text[from..to].to_string(),
        span: ci.span((from, to)),
    }
}

/// Who the subject of speech verb `v` is, resolving pronouns to the latest speaker outside
/// quotation marks before byte `before`.
fn speaker_of(
    a: &AnalysedDoc,
    (si, v): At,
    before: usize,
    quoted: &dyn Fn(usize) -> bool,
    g: &Gazetteer,
    ci: &CharIndex,
    text: &str,
) -> Option<Speaker> {
    let s = &a.sentences[si].s;
    let n = subject_of(s, v)?;
    let mut sp = describe(a, si, n, g, ci, text)?;
    if s.upos(n) == Upos::Pron && matches!(s.lower[n].as_str(), "he" | "she") {
        if let Some((psi, pn)) = previous_speaker(a, si, before, quoted) {
            if let Some(mut prev) = describe(a, psi, pn, g, ci, text) {
                // The speaker is named where the earlier attribution named them.
                let from = prev.resolved_from.take().unwrap_or(MentionRef {
                    text: prev.text.clone(),
                    span: prev.span,
                });
                prev.resolved_from = Some(from);
                prev.text = sp.text.clone();
                prev.span = sp.span;
                sp = prev;
            }
        }
    }
    Some(sp)
}

/// The subject of the latest speech or thought verb outside quotation marks before byte
/// `before`, within the paragraph and the two before it, that names a person; failing that,
/// the latest person named outside quotation marks.
fn previous_speaker(
    a: &AnalysedDoc,
    si: usize,
    before: usize,
    quoted: &dyn Fn(usize) -> bool,
) -> Option<At> {
    let block = a.sentences[si].block;
    let window = |l: &Located| l.block + 3 > block && l.block <= block;
    let is_person_at = |s: &Sentence, t: usize| t < s.len() && is_person_token(s, t);
    for l in a.sentences[..=si].iter().rev().filter(|l| window(l)) {
        let s = &l.s;
        for v in (0..s.len()).rev() {
            if s.tokens[v].start >= before || quoted(s.tokens[v].start) {
                continue;
            }
            let lemma = s.lemmas[v].as_str();
            if !(SPEECH.contains(&lemma) || THOUGHT.contains(&lemma)) || s.upos(v) != Upos::Verb {
                continue;
            }
            if let Some(n) = subject_of(s, v) {
                // A named person, or an unnamed one in the singular ("a senior official").
                let one_person = is_person_at(s, n)
                    || (s.upos(n) == Upos::Noun
                        && s.tags[n].xpos == "NN"
                        && s.mention_of[n].is_none());
                if s.upos(n) != Upos::Pron && one_person && !quoted(s.tokens[n].start) {
                    return Some((l.index, n));
                }
            }
        }
    }
    for l in a.sentences[..=si].iter().rev() {
        let s = &l.s;
        for t in (0..s.len()).rev() {
            if s.tokens[t].start < before
                && !quoted(s.tokens[t].start)
                && is_person_at(s, t)
                && s.upos(t) != Upos::Pron
            {
                return Some((l.index, t));
            }
        }
    }
    None
}

/// What token `n` of sentence `si` names, as a speaker.
fn describe(
    a: &AnalysedDoc,
    si: usize,
    n: usize,
    g: &Gazetteer,
    ci: &CharIndex,
    text: &str,
) -> Option<Speaker> {
    let s = &a.sentences[si].s;
    let words = |x: usize, y: usize| {
        let (b0, b1) = (s.tokens[x].start, s.tokens[y - 1].end);
        (text[b0..b1].to_string(), ci.span((b0, b1)))
    };
    let resolved = |ante: Option<(usize, usize)>| {
        ante.map(|(b0, b1)| MentionRef {
            text: text[b0..b1].to_string(),
            span: ci.span((b0, b1)),
        })
    };
    if let Some(p) = s.people.iter().find(|p| p.start <= n && n < p.end) {
        let d = &a.people[p.person];
        let (t, span) = words(p.start, p.end);
        return Some(Speaker {
            text: t,
            span,
            name: Some(d.name.clone()),
            kind: "nonstate".into(),
            code: String::new(),
            sector: String::new(),
            role: (!d.role.is_empty()).then(|| d.role.clone()),
            affiliation: (!d.affiliation.is_empty()).then(|| d.affiliation.clone()),
            resolved_from: match p.kind {
                PersonMentionKind::Named => None,
                _ => resolved(p.antecedent),
            },
        });
    }
    if let Some(mi) = s.mention_of.get(n).copied().flatten() {
        let m = &s.mentions[mi];
        let (t, span) = words(m.start, m.end);
        let person = m.person.map(|p| &g.people[p]);
        return Some(Speaker {
            text: t,
            span,
            name: person.map(|p| p.name.clone()),
            kind: if m.kind == MentionKind::Person || person.is_some() {
                "person"
            } else {
                "actor"
            }
            .into(),
            code: m.code.clone(),
            sector: m.sector.clone(),
            role: person
                .and_then(|p| p.role_on(None))
                .map(|r| r.title.clone()),
            affiliation: None,
            resolved_from: resolved(m.antecedent),
        });
    }
    // Unnamed people ("experts", "officials", "he" with nothing to resolve to).
    let (t, span) = words(n, n + 1);
    Some(Speaker {
        text: t,
        span,
        name: None,
        kind: "group".into(),
        code: String::new(),
        sector: String::new(),
        role: None,
        affiliation: None,
        resolved_from: None,
    })
}

/// Reported speech outside quotation marks: "X said (that) …" with a content clause, and
/// "according to X".
fn indirect(
    a: &AnalysedDoc,
    doc_id: &str,
    events: &[Event],
    quoted: &dyn Fn(usize) -> bool,
    g: &Gazetteer,
    ci: &CharIndex,
    text: &str,
) -> Vec<Quote> {
    let mut out = Vec::new();
    for (si, l) in a.sentences.iter().enumerate() {
        let s = &l.s;
        for v in 0..s.len() {
            if quoted(s.tokens[v].start) {
                continue;
            }
            let according =
                s.lower[v] == "according" && s.lower.get(v + 1).is_some_and(|w| w == "to");
            let (content, speaker_tok) = if according {
                // "…, according to X": X is the speaker (the head of the phrase's object),
                // and the rest of the sentence what X said.
                let phrase: Vec<usize> = (v + 2..s.len())
                    .take_while(|&t| !matches!(s.lower[t].as_str(), "," | "." | ";"))
                    .collect();
                let Some(&obj) = phrase
                    .iter()
                    .find(|&&t| s.mention_of[t].is_some() || is_person_token(s, t))
                    .or_else(|| phrase.iter().find(|&&t| s.upos(t) == Upos::Noun))
                else {
                    continue;
                };
                let Some(root) = (0..s.len()).find(|&t| s.head[t].is_none()) else {
                    continue;
                };
                let mut toks: Vec<usize> = s.subtree(root);
                let end = phrase.last().map_or(v + 1, |&t| t);
                toks.retain(|t| !(v..=end).contains(t));
                (toks, obj)
            } else {
                if s.upos(v) != Upos::Verb || !SPEECH.contains(&s.lemmas[v].as_str()) {
                    continue;
                }
                let Some(c) = s.kids(v, "ccomp").next() else {
                    continue;
                };
                let Some(n) = s.kids(v, "nsubj").next() else {
                    continue;
                };
                (s.subtree(c), n)
            };
            let content: Vec<usize> = content
                .into_iter()
                .filter(|&t| !quoted(s.tokens[t].start) && s.upos(t) != Upos::Punct)
                .collect();
            // "said that …": the complementiser is not part of what was said.
            let content: Vec<usize> = match content.first() {
                Some(&f) if s.deprel[f] == "mark" && s.lower[f] == "that" => content[1..].to_vec(),
                _ => content,
            };
            let (Some(&first), Some(&last)) = (content.first(), content.last()) else {
                continue;
            };
            if last - first < 3 {
                continue;
            }
            let (b0, b1) = (s.tokens[first].start, s.tokens[last].end);
            let span = ci.span((b0, b1));
            let cue = if according {
                let (c0, c1) = (s.tokens[v].start, s.tokens[v + 1].end);
                MentionRef {
                    text: text[c0..c1].to_string(),
                    span: ci.span((c0, c1)),
                }
            } else {
                cue_ref(a, (si, v), text, ci)
            };
            let speaker = describe(a, si, speaker_tok, g, ci, text);
            out.push(Quote {
                kind: "quote",
                doc: doc_id.to_string(),
                quote_type: "indirect",
                text: text[b0..b1].to_string(),
                span,
                parts: vec![span],
                speaker,
                cue: Some(cue),
                events: events
                    .iter()
                    .filter(|e| span[0] <= e.trigger.span[0] && e.trigger.span[1] <= span[1])
                    .map(quoted_event)
                    .collect(),
            });
        }
    }
    out
}
