//! Factuality: whether an event is reported as having happened (asserted), as not having
//! happened (negated), as scheduled or expected (future), or as a possibility (hypothetical).
//!
//! The cue is looked for on the trigger and up the chain of governing words of its clause
//! ("is expected to visit", "could pave the way for ... to visit"), stopping at a verb of
//! saying, whose own tense says nothing about the reported event. Among the cues on one word,
//! negation beats a hedge and a hedge beats "will": "will likely visit" is a guess about the
//! future, not a schedule. A speaker's belief above the clause ("analysts believe Russia sent
//! troops", "diplomats think North Korea will attack") makes what is believed hypothetical,
//! unless the clause itself denies it.

use crate::analyse::Sentence;
use fulcrum_syntax::tagger::Upos;

/// Verbs of saying and reporting: the factuality of what they report is read inside.
pub(crate) const REPORTING: &[&str] = &[
    "say",
    "tell",
    "announce",
    "report",
    "note",
    "add",
    "state",
    "confirm",
    "claim",
    "write",
    "tweet",
    "declare",
    "insist",
    "argue",
    "explain",
    "suggest",
    "acknowledge",
    "believe",
    "think",
    "stress",
    "cite",
];

/// Verbs of belief: what they govern is the speaker's view, not a reported fact.
const BELIEF: &[&str] = &[
    "believe",
    "think",
    "suspect",
    "guess",
    "assume",
    "speculate",
    "predict",
];

const FUTURE_GOVERNORS: &[&str] = &[
    "expect",
    "plan",
    "schedule",
    "set",
    "due",
    "prepare",
    "intend",
    "aim",
    "slate",
    "upcoming",
    "planned",
    "scheduled",
    "expected",
    "future",
    "next",
    "forthcoming",
    "seek",
    "ready",
    "poised",
    "prepared",
];

const HYPOTHETICAL_GOVERNORS: &[&str] = &[
    "likely",
    "possible",
    "possibility",
    "potential",
    "probably",
    "perhaps",
    "maybe",
    "consider",
    "reason",
    "way",
    "better",
    "chance",
    "hope",
    "want",
    "wish",
    "whether",
    "if",
    "unless",
    "speculation",
    "could",
    "might",
    "may",
    "would",
    "should",
    "must",
    "can",
    "ought",
    "propose",
    "suggest",
    "mull",
    "weigh",
    "good",
    "best",
    "wise",
    "advisable",
    "desirable",
    "propose",
    "proposal",
    // Willingness is an offer, not a deed: "remained willing to meet", "open to talks".
    "willing",
    "eager",
    "keen",
    "able",
    "capable",
];

/// Relations through which a governor's modality reaches the word below it ("expected to
/// visit", "could pave the way for a visit").
const MODAL_LINKS: &[&str] = &[
    "xcomp",
    "ccomp",
    "advcl",
    "acl",
    "obl",
    "nmod",
    "obj",
    "nsubj",
    "nsubj:pass",
    "conj",
];

const NEGATORS: &[&str] = &["not", "n't", "never", "no", "without", "neither", "nor"];
const NEGATING_GOVERNORS: &[&str] = &[
    "fail", "refuse", "decline", "deny", "reject", "cancel", "call off", "without",
];

/// Governors that negate a reported clause ("denied that it had attacked") or a named event
/// ("cancelled a visit", "called off the talks"), not only an infinitive.
const NEGATING_ANY_LINK: &[&str] = &["deny", "cancel", "postpone", "scrap", "call"];

/// How strongly a cue on one word decides: negation first, then hedges, then the future.
fn strength(f: &str) -> u8 {
    match f {
        "negated" => 3,
        "hypothetical" => 2,
        "future" => 1,
        _ => 0,
    }
}

/// The factuality of the event triggered at token `t`, and the cue that decided it (empty when
/// asserted).
pub fn factuality(s: &Sentence, t: usize) -> (&'static str, String) {
    let (f, cue) = factuality_at(s, t);
    (f, cue.map(|c| s.words[c].clone()).unwrap_or_default())
}

/// The strongest cue among the children of `cur` (auxiliaries, negation, adverbs, marks and
/// modifiers), `depth` words above the trigger.
fn child_cue(s: &Sentence, cur: usize, depth: usize) -> Option<(&'static str, usize)> {
    let mut best: Option<(&'static str, usize)> = None;
    let mut take = |f: &'static str, c: usize| {
        if best.is_none_or(|(b, _)| strength(f) > strength(b)) {
            best = Some((f, c));
        }
    };
    let infinitive = s.kids(cur, "mark").any(|m| s.lower[m] == "to");
    for &c in &s.children[cur] {
        let rel = s.deprel[c];
        let l = s.lower[c].as_str();
        if matches!(rel, "advmod" | "det" | "cc" | "case")
            && NEGATORS.contains(&l)
            && (depth == 0 || rel == "advmod")
        {
            take("negated", c);
        }
        if rel == "aux" || rel == "aux:pass" {
            if matches!(l, "will" | "shall" | "'ll" | "wo") {
                take("future", c);
            }
            if matches!(
                l,
                "could" | "might" | "may" | "would" | "should" | "must" | "can" | "ca" | "'d"
            ) {
                take("hypothetical", c);
            }
        }
        // "is to visit": a form of "be" with an infinitive announces what is arranged.
        if infinitive && matches!(rel, "cop" | "aux") && s.lemmas[c] == "be" {
            take("future", c);
        }
        if (rel == "advmod" || rel == "mark")
            && matches!(
                l,
                "probably"
                    | "possibly"
                    | "perhaps"
                    | "maybe"
                    | "likely"
                    | "if"
                    | "unless"
                    | "whether"
            )
        {
            take("hypothetical", c);
        }
        if rel == "amod" && FUTURE_GOVERNORS.contains(&s.lemmas[c].as_str()) && depth == 0 {
            take("future", c);
        }
        if rel == "amod"
            && matches!(
                s.lemmas[c].as_str(),
                "possible" | "potential" | "likely" | "hypothetical" | "proposed"
            )
            && depth == 0
        {
            take("hypothetical", c);
        }
    }
    best
}

/// [`factuality`] with the cue as a token index.
pub fn factuality_at(s: &Sentence, t: usize) -> (&'static str, Option<usize>) {
    let (f, cue, top) = clause_factuality(s, t);
    // A belief above the clause: what the speaker believes is not a reported fact. A denial or
    // a hedge inside it keeps its own cue ("officials believe Russia did not attack").
    if matches!(f, "asserted" | "future") {
        if let Some(b) = belief_above(s, top) {
            return ("hypothetical", Some(b));
        }
    }
    (f, cue)
}

/// The factuality read inside the trigger's clause, its cue, and the highest word reached.
fn clause_factuality(s: &Sentence, t: usize) -> (&'static str, Option<usize>, usize) {
    // A governor's own hedge or negation outweighs what the governor says: "is probably going
    // to visit", "is not expected to visit".
    let governed = |f: &'static str, h: usize, depth: usize| match child_cue(s, h, depth + 1) {
        Some((g, c)) if strength(g) > strength(f) => (g, Some(c), h),
        _ => (f, Some(h), h),
    };
    let mut cur = t;
    for depth in 0..6 {
        if let Some((f, c)) = child_cue(s, cur, depth) {
            return (f, Some(c), cur);
        }
        let Some(h) = s.head[cur] else { break };
        let rel = s.deprel[cur];
        let hl = s.lemmas[h].as_str();
        let hw = s.lower[h].as_str();
        if REPORTING.contains(&hl) && !matches!(rel, "xcomp") {
            return ("asserted", None, cur);
        }
        if depth > 0 || MODAL_LINKS.contains(&rel) {
            if NEGATING_GOVERNORS.contains(&hl) && rel == "xcomp" {
                return ("negated", Some(h), h);
            }
            if NEGATING_ANY_LINK.contains(&hl) && matches!(rel, "ccomp" | "obj" | "xcomp") {
                // "called off the talks", but not "called for talks".
                if hl != "call" || s.kids(h, "compound:prt").any(|p| s.lower[p] == "off") {
                    return ("negated", Some(h), h);
                }
            }
            // "is going to visit": the progressive of "go" with an infinitive.
            if hl == "go" && rel == "xcomp" && s.tags[h].xpos == "VBG" {
                return governed("future", h, depth);
            }
            if FUTURE_GOVERNORS.contains(&hl) {
                return governed("future", h, depth);
            }
            if HYPOTHETICAL_GOVERNORS.contains(&hl) || HYPOTHETICAL_GOVERNORS.contains(&hw) {
                return governed("hypothetical", h, depth);
            }
        }
        // Only clause-internal links carry modality down to the trigger.
        if !MODAL_LINKS.contains(&rel) && !matches!(rel, "csubj" | "root" | "acl:relcl") {
            break;
        }
        cur = h;
    }
    ("asserted", None, cur)
}

/// A verb of belief that governs the clause headed at or above `top` (through clausal
/// complements and the words of the clause), as its cue.
fn belief_above(s: &Sentence, top: usize) -> Option<usize> {
    let mut cur = top;
    for _ in 0..4 {
        let h = s.head[cur]?;
        if matches!(s.deprel[cur], "ccomp" | "obj" | "parataxis")
            && BELIEF.contains(&s.lemmas[h].as_str())
            && s.upos(h) == Upos::Verb
        {
            // The passive "is expected to" is a schedule, not a belief, and is read inside.
            return (s.tags[h].xpos != "VBN").then_some(h);
        }
        if !matches!(s.deprel[cur], "conj" | "xcomp") {
            return None;
        }
        cur = h;
    }
    None
}
