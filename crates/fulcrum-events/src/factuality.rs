//! Factuality: whether an event is reported as having happened (asserted), as not having
//! happened (negated), as scheduled or expected (future), or as a possibility (hypothetical).
//!
//! The cue is looked for on the trigger and up the chain of governing words of its clause
//! ("is expected to visit", "could pave the way for ... to visit"), stopping at a verb of
//! saying, whose own tense says nothing about the reported event.

use crate::analyse::Sentence;

/// Verbs of saying and reporting: the factuality of what they report is read inside.
const REPORTING: &[&str] = &[
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

/// The factuality of the event triggered at token `t`, and the cue that decided it.
pub fn factuality(s: &Sentence, t: usize) -> (&'static str, String) {
    let mut cur = t;
    for depth in 0..6 {
        // Cues among the children of the current word: auxiliaries, negation, adverbs, marks.
        for &c in &s.children[cur] {
            let rel = s.deprel[c];
            let l = s.lower[c].as_str();
            if matches!(rel, "advmod" | "det" | "cc" | "case")
                && NEGATORS.contains(&l)
                && (depth == 0 || rel == "advmod")
            {
                return ("negated", s.words[c].clone());
            }
            if rel == "aux" || rel == "aux:pass" {
                if matches!(l, "will" | "shall" | "'ll" | "wo") {
                    return ("future", s.words[c].clone());
                }
                if matches!(
                    l,
                    "could" | "might" | "may" | "would" | "should" | "must" | "can" | "ca" | "'d"
                ) {
                    return ("hypothetical", s.words[c].clone());
                }
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
                return ("hypothetical", s.words[c].clone());
            }
            if rel == "amod" && FUTURE_GOVERNORS.contains(&s.lemmas[c].as_str()) && depth == 0 {
                return ("future", s.words[c].clone());
            }
            if rel == "amod"
                && matches!(
                    s.lemmas[c].as_str(),
                    "possible" | "potential" | "likely" | "hypothetical"
                )
                && depth == 0
            {
                return ("hypothetical", s.words[c].clone());
            }
        }
        let Some(h) = s.head[cur] else { break };
        let rel = s.deprel[cur];
        let hl = s.lemmas[h].as_str();
        if REPORTING.contains(&hl) && !matches!(rel, "xcomp") {
            break;
        }
        if depth > 0 || MODAL_LINKS.contains(&rel) {
            if NEGATING_GOVERNORS.contains(&hl) && rel == "xcomp" {
                return ("negated", s.words[h].clone());
            }
            if FUTURE_GOVERNORS.contains(&hl) {
                return ("future", s.words[h].clone());
            }
            if HYPOTHETICAL_GOVERNORS.contains(&hl) {
                return ("hypothetical", s.words[h].clone());
            }
        }
        // Only clause-internal links carry modality down to the trigger.
        if !MODAL_LINKS.contains(&rel) && !matches!(rel, "csubj" | "root" | "acl:relcl") {
            break;
        }
        if rel == "conj" && depth == 0 {
            // "opened fire on and seized": the conjunct shares its head's auxiliaries.
            cur = h;
            continue;
        }
        cur = h;
    }
    ("asserted", String::new())
}
