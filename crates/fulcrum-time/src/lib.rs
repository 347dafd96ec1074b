//! Date expressions in English news sentences, resolved to intervals of days.
//!
//! Events coded from news need a date, and the sentence that reports an event usually says when
//! it happened only relative to the day the article was published ("on Monday", "last week",
//! "April 30"). This crate finds such expressions and turns each into an inclusive interval of
//! days, so that later stages can date events without knowing any English.
//!
//! The finder is a family of rules, one regular expression each (dates written out, dates in
//! figures, ranges, years and decades, parts of periods, words relative to today, weekdays and
//! a short table of named periods such as "the Korean War"). Every rule proposes candidates; the
//! longest non-overlapping candidates win, so that "from 1950 to 1953" beats the bare "1953"
//! inside it. Rules are deliberately conservative about words that are also names or verbs:
//! a capitalised "May" on its own is never a date, and a lower-case "march" never is.
//!
//! Invariants: the library does no I/O, never panics whatever the input, and every span is a
//! pair of byte offsets on character boundaries of the sentence it was given.

mod calendar;
mod periods;

pub use periods::party_span;
mod rules;

/// A date expression found in a sentence: byte offsets into the sentence, its text, and the
/// interval it denotes (inclusive, as YYYY-MM-DD), or None when it cannot be resolved.
///
/// The interval is `None` when the expression needs a reference date and none was given, or
/// when it names a day that does not exist ("February 30, 2018").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpr {
    /// Byte offset of the first character of the expression.
    pub start: usize,
    /// Byte offset just past the last character of the expression.
    pub end: usize,
    /// The expression as written, `sentence[start..end]`.
    pub text: String,
    /// First and last day denoted, both inclusive, as `YYYY-MM-DD`.
    pub interval: Option<(String, String)>,
    /// Whether the interval comes from the text alone or needed the reference date.
    pub basis: Basis,
}

/// Where an expression's interval comes from, so that callers can trust explicit dates more
/// than dates guessed from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The expression carries its own year or a full date ("April 27, 2018", "in 1972").
    Explicit,
    /// The expression was resolved against the reference date ("Monday", "April 30").
    Relative,
}

impl Basis {
    /// The basis as a lower-case word ("explicit" or "relative"), for output formats.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Explicit => "explicit",
            Basis::Relative => "relative",
        }
    }
}

/// The tense of the clause a date expression belongs to, as far as the caller can tell.
///
/// It decides between the previous and the next occurrence of expressions that do not say
/// which ("on Monday", "April 30"): a verb in the past tense points back, "will" points
/// forward. `Unknown` leaves the choice to cue words anywhere in the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// The clause reports something that has happened ("arrested him on Monday").
    Past,
    /// The clause speaks of something still ahead ("will meet on Monday").
    Future,
    /// The caller cannot tell, or has no parse.
    Unknown,
}

/// Finds the date expressions of `sentence`, left to right, without overlaps (longest match wins),
/// resolving them against `reference` ("YYYY-MM-DD"); with no reference, expressions that need one get interval None.
///
/// A reference that is not a valid `YYYY-MM-DD` date is treated as no reference, because a bad
/// publication date must not make the whole sentence fail.
///
/// Without a parse, the tense of each expression is guessed from the whole sentence: any cue of
/// the future ("will", "expected", "next") makes undated weekdays and yearless dates look
/// ahead. [`find_dates_with_tense`] lets a caller that knows the clauses say better.
pub fn find_dates(sentence: &str, reference: Option<&str>) -> Vec<DateExpr> {
    find_dates_with_tense(sentence, reference, |_, _| Tense::Unknown)
}

/// Like [`find_dates`], with the tense of the clause of each candidate expression given by
/// `tense(start, end)` (byte offsets of the candidate in `sentence`).
///
/// A sentence often mixes tenses ("said on Monday that it will hold talks on Friday"): the
/// sentence-wide guess of [`find_dates`] would send both weekdays forward, whereas the clause of
/// "Monday" is in the past. `Tense::Unknown` falls back to the sentence-wide guess. Explicit
/// words in the expression itself ("last Monday", "next Friday") always win over the tense.
pub fn find_dates_with_tense(
    sentence: &str,
    reference: Option<&str>,
    tense: impl Fn(usize, usize) -> Tense,
) -> Vec<DateExpr> {
    let reference = reference.and_then(calendar::parse_iso);
    let mut found = rules::candidates(sentence, reference, &tense);
    // Longest first; among equals the leftmost, then the earlier rule.
    found.sort_by_key(|f| (std::cmp::Reverse(f.end - f.start), f.start, f.rank));
    let mut taken: Vec<rules::Found> = Vec::new();
    for f in found {
        if taken.iter().all(|t| f.end <= t.start || f.start >= t.end) {
            taken.push(f);
        }
    }
    taken.sort_by_key(|f| f.start);
    taken
        .into_iter()
        .filter_map(|f| {
            Some(DateExpr {
                start: f.start,
                end: f.end,
                text: sentence.get(f.start..f.end)?.to_string(),
                interval: f
                    .interval
                    .map(|(a, b)| (calendar::fmt(a), calendar::fmt(b))),
                basis: f.basis,
            })
        })
        .collect()
}
