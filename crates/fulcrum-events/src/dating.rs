//! Event dates, from the nearest evidence to the farthest:
//!
//! 1. the date expression that governs the event's clause ("met in late March"), or one attached
//!    to a verb whose time the clause shares ("visited in July 2000, becoming the first leader
//!    to visit");
//! 2. a date expression that opens the sentence and frames all of it ("Last week, ..."), for
//!    events reported as done then;
//! 3. an event already dated earlier in the document with the same actors, type and
//!    factuality, which this mention refers back to ("made a visit to Beijing in late March"
//!    ... "Kim Jong Un went to Beijing to meet with Xi Jinping"), basis `document`;
//! 4. for events reported as having happened, the date of the report that carries them ("the
//!    navy said Sunday that Russia seized three vessels"): news reports events on the day they
//!    learn of them, so the report's day is a closer bound than the publication date;
//! 5. for events reported as having happened between actors the lead sentence names, the day
//!    the lead dates the story's news to, basis `document` (see [`Timeline::read_lead`]);
//! 6. the publication date, basis `published`.
//!
//! The tense of each date expression's clause is read off the parse and handed to the resolver,
//! so that "said on Monday that it will meet on Friday" dates the report to the past Monday and
//! the meeting to the coming Friday.

use crate::analyse::Sentence;
use crate::event::DateInfo;
use crate::factuality::REPORTING;
use chrono::NaiveDate;
use fulcrum_syntax::tagger::Upos;
use fulcrum_time::{DateExpr, Tense};

/// Relations that open a clause of its own: a date inside one belongs to that clause, not to
/// the word above it ("said it had visited in 2015").
const NESTED_CLAUSES: &[&str] = &["ccomp", "advcl", "acl:relcl", "parataxis"];

/// Modifiers of a noun that place what it names ahead ("the upcoming summit on Monday").
const AHEAD: &[&str] = &[
    "upcoming",
    "planned",
    "scheduled",
    "proposed",
    "next",
    "forthcoming",
    "expected",
    "future",
    "coming",
];

/// Verbs whose infinitive complement is still ahead of them ("is expected to visit on May 2-3").
const INTENDING: &[&str] = &[
    "expect", "plan", "schedule", "set", "due", "slate", "intend", "aim", "prepare",
];

/// How many days before a report's date an event it refers back to may lie and still be the
/// event the report is about.
const REPORT_WINDOW_DAYS: i64 = 7;

/// The dates expressed in an analysed sentence, with the tokens each covers.
pub struct SentenceDates {
    exprs: Vec<(DateExpr, Vec<usize>)>,
}

/// Words that make the date after them the time of another happening, which bounds the event
/// rather than dating it.
/// "After" is not among them: news uses "after the meeting in April" for what followed it
/// closely, so such a date stays the event's own.
const ANCHORS: &[&str] = &["before", "since", "until", "till"];

/// The anchor word (one of [`ANCHORS`]) that governs the date expression covering `toks` for
/// the event triggered at `t`, if any: at most 12 tokens before it, in the same stretch of the
/// sentence (no comma, colon or semicolon, and no coordinated clause, between them), and not
/// before the trigger itself: in "before his first meeting with Moon last week" the meeting is
/// dated by "last week", and only events outside the stretch are bounded by it. It is found from the words, since
/// parsers often read "after the talks were halted in 2019" as a noun phrase followed by a
/// new clause. An expression that itself begins with the word ("since 2011") is resolved as a
/// whole by the date resolver and is not anchored.
fn anchor_of(s: &Sentence, toks: &[usize], t: usize) -> Option<usize> {
    let first = *toks.first()?;
    for k in (first.saturating_sub(12)..first).rev() {
        let w = s.lower[k].as_str();
        if ANCHORS.contains(&w) {
            return (!(k..first).contains(&t)).then_some(k);
        }
        let new_clause = s.upos(k) == Upos::Cconj
            && k + 1 < s.len()
            && matches!(s.upos(k + 1), Upos::Verb | Upos::Aux);
        if new_clause || matches!(w, "," | ";" | ":" | "(" | ")" | "—" | "–") {
            return None;
        }
    }
    None
}

/// Whether token `i` heads a clause with a time of its own. An infinitive of purpose does not:
/// "sent troops to support North Korea during the Korean War" sent them during the war.
fn opens_clause(s: &Sentence, i: usize) -> bool {
    NESTED_CLAUSES.contains(&s.deprel[i])
        && !(s.deprel[i] == "advcl" && s.kids(i, "mark").any(|m| s.lower[m] == "to"))
}

/// The tokens of sentence `s` that lie inside `sentence[a..b]`.
fn tokens_in(s: &Sentence, a: usize, b: usize) -> Vec<usize> {
    (0..s.len())
        .filter(|&i| {
            let x = s.tokens[i].start - s.span.0;
            x >= a && x < b
        })
        .collect()
}

/// The tense of the clause that holds the tokens `toks`: from the expression up to the first
/// verb, then that verb's auxiliaries, tag and governor.
fn clause_tense(s: &Sentence, toks: &[usize]) -> Tense {
    let Some(&first) = toks
        .iter()
        .find(|&&i| s.head[i].is_none_or(|h| !toks.contains(&h)))
    else {
        return Tense::Unknown;
    };
    let mut cur = first;
    for _ in 0..6 {
        // A noun on the way up placed ahead: "the upcoming summit on Monday".
        let ahead = |c: &usize| {
            matches!(s.deprel[*c], "amod" | "advmod") && AHEAD.contains(&s.lower[*c].as_str())
        };
        if cur != first
            && matches!(s.upos(cur), Upos::Noun | Upos::Propn)
            && s.children[cur].iter().any(ahead)
        {
            return Tense::Future;
        }
        if s.upos(cur) == Upos::Verb && cur != first {
            return verb_tense(s, cur);
        }
        // A noun predicate with a copula: "the vote was on Sunday".
        if let Some(cop) = s.kids(cur, "cop").next() {
            return verb_tense(s, cop);
        }
        match s.head[cur] {
            Some(h) => cur = h,
            None => break,
        }
    }
    Tense::Unknown
}

/// The tense of verb `v`: "will" or an intending governor make it future; a past-tense form or
/// a perfect makes it past; anything else is left to the resolver's sentence-wide cues.
fn verb_tense(s: &Sentence, v: usize) -> Tense {
    let auxes: Vec<usize> = s.children[v]
        .iter()
        .copied()
        .filter(|&c| matches!(s.deprel[c], "aux" | "aux:pass"))
        .collect();
    if auxes.iter().any(|&a| {
        matches!(
            s.lower[a].as_str(),
            "will" | "shall" | "'ll" | "wo" | "would"
        )
    }) {
        return Tense::Future;
    }
    if s.deprel[v] == "xcomp" {
        if let Some(h) = s.head[v] {
            if INTENDING.contains(&s.lemmas[h].as_str()) {
                return Tense::Future;
            }
        }
    }
    let past_aux = auxes.iter().any(|&a| {
        matches!(s.tags[a].xpos, "VBD") || matches!(s.lower[a].as_str(), "has" | "have" | "had")
    });
    if s.tags[v].xpos == "VBD" || (past_aux && !auxes.iter().any(|&a| s.lower[a] == "to")) {
        return Tense::Past;
    }
    Tense::Unknown
}

impl SentenceDates {
    /// Finds the date expressions of sentence `s` of `text`, resolved against `published`, each
    /// in the tense of its own clause.
    pub fn find(s: &Sentence, text: &str, published: Option<&str>) -> SentenceDates {
        let sent = &text[s.span.0..s.span.1];
        let tense = |a: usize, b: usize| clause_tense(s, &tokens_in(s, a, b));
        let exprs = fulcrum_time::find_dates_with_tense(sent, published, tense)
            .into_iter()
            .map(|e| {
                let toks = tokens_in(s, e.start, e.end);
                (e, toks)
            })
            .collect();
        SentenceDates { exprs }
    }

    /// The date of the clause headed by `head`, leaving out the subtree of `skip`: the
    /// resolved expression inside it, outside clauses of their own, closest to `near` in the
    /// tree, then in the text.
    ///
    /// The complement of a verb trigger is a clause of its own too: "agreed to halt hostile
    /// acts from May 1" was agreed before May 1, and "agreed on Friday to meet in May" on
    /// Friday.
    fn clause_date(
        &self,
        s: &Sentence,
        head: usize,
        near: usize,
        skip: Option<usize>,
    ) -> Option<&DateExpr> {
        let scope = s.subtree(head);
        let complement = |i: usize| {
            s.deprel[i] == "xcomp" && s.head[i] == Some(near) && s.upos(near) == Upos::Verb
        };
        let nested: Vec<usize> = scope
            .iter()
            .copied()
            .filter(|&i| i != head && i != near && (opens_clause(s, i) || complement(i)))
            .chain(skip)
            .flat_map(|i| s.subtree(i))
            .collect();
        // A date between a subject and its verb modifies the verb whatever the parse says: in
        // "North Korea on November 29 said ..." parsers often hang it on the subject.
        let just_before = |toks: &[usize]| {
            s.upos(head) == Upos::Verb && toks.last().is_some_and(|&l| l + 1 == head)
        };
        self.exprs
            .iter()
            .filter(|(e, toks)| {
                e.interval.is_some()
                    && anchor_of(s, toks, near).is_none()
                    && (toks
                        .iter()
                        .any(|x| scope.contains(x) && !nested.contains(x))
                        || just_before(toks))
            })
            // The date closest to the trigger in the tree wins ("made a visit to Beijing in late
            // March" over "since taking power in 2011"); then the closest in the text.
            .min_by_key(|(_, toks)| {
                toks.iter()
                    .map(|&x| (tree_distance(s, x, near), x.abs_diff(near)))
                    .min()
                    .unwrap_or((usize::MAX, usize::MAX))
            })
            .map(|(e, _)| e)
    }

    /// The word that heads the clause of the event triggered at `t`: the trigger itself, or the
    /// verb that governs a noun trigger as its subject or object ("made a visit").
    fn clause_head(s: &Sentence, t: usize) -> usize {
        if matches!(s.upos(t), Upos::Noun | Upos::Propn) {
            if let Some(h) = s.head[t] {
                if s.upos(h) == Upos::Verb && matches!(s.deprel[t], "obj" | "nsubj" | "nsubj:pass")
                {
                    return h;
                }
            }
        }
        t
    }

    /// The date expression inside the clause of the event triggered at `t` (step 1).
    pub fn own(&self, s: &Sentence, t: usize) -> Option<DateInfo> {
        let head = Self::clause_head(s, t);
        let e = self
            .clause_date(s, head, t, None)
            .or_else(|| {
                // The trigger may head a clause of its own under that verb.
                (head != t)
                    .then(|| self.clause_date(s, t, t, None))
                    .flatten()
            })
            .or_else(|| self.governing_date(s, head))?;
        Some(info(e))
    }

    /// A date attached directly to a verb that governs the event's clause through a
    /// non-finite or coordinated link, which shares that verb's time: "visited Pyongyang in
    /// July 2000, becoming the first Kremlin leader to visit"; "met on Monday and signed a
    /// deal". Only dates that modify the governing verb itself count, not dates buried in
    /// other phrases under it.
    fn governing_date(&self, s: &Sentence, head: usize) -> Option<&DateExpr> {
        let mut cur = head;
        for _ in 0..4 {
            let h = s.head[cur]?;
            let link = s.deprel[cur];
            let non_finite = matches!(s.tags[cur].xpos, "VBG" | "VBN" | "VB" | "TO")
                && !s
                    .kids(cur, "mark")
                    .any(|m| s.lower[m] != "to" && s.lower[m] != "by");
            let shares_time =
                matches!(link, "xcomp" | "acl" | "conj") || (link == "advcl" && non_finite);
            if !shares_time {
                return None;
            }
            if s.upos(h) == Upos::Verb {
                let direct = self.exprs.iter().find(|(e, toks)| {
                    e.interval.is_some()
                        && toks.iter().any(|&x| {
                            s.head[x] == Some(h)
                                && matches!(
                                    s.deprel[x],
                                    "obl" | "obl:tmod" | "obl:unmarked" | "nmod:tmod" | "advmod"
                                )
                        })
                });
                if let Some((e, _)) = direct {
                    return Some(e);
                }
            }
            cur = h;
        }
        None
    }

    /// A bound set on the event by a date that follows "before", "since", "until" or "till"
    /// (step 1b): "visited Pyongyang ... before the Shanghai Communique was released in 1972"
    /// ended by 1972; "has supported the North since the war ended in 1953" began in 1953. Such a date is the time of another happening, so it never dates the event itself
    /// (see [`anchor_of`]); of several, the one nearest the trigger counts. The other end
    /// stays open (`None`), for the caller to close with the publication date or with what it
    /// knows of the actor (a term of office).
    pub fn bound(&self, s: &Sentence, t: usize) -> Option<DateInfo> {
        let (e, toks, at) = self
            .exprs
            .iter()
            .filter(|(e, _)| e.interval.is_some())
            .filter_map(|(e, toks)| Some((e, toks, anchor_of(s, toks, t)?)))
            .min_by_key(|(_, _, at)| at.abs_diff(t))?;
        let (a, b) = e.interval.clone()?;
        let last = toks.last().copied().unwrap_or(at).max(at);
        let (start, end) = match s.lower[at].as_str() {
            "before" | "until" | "till" => (None, Some(b)),
            _ => (Some(a), None),
        };
        Some(DateInfo {
            start,
            end,
            text: s.words[at..=last].join(" "),
            basis: e.basis.as_str().to_string(),
        })
    }

    /// A date expression that opens the sentence, set off by a comma, frames every clause of it
    /// ("Last week, the department pressed for ..."; "On Friday, the council voted ..."). It
    /// stands for events whose own clause has no date (step 2); it is found from the words
    /// alone, since a fronted adverbial is where parses most often go wrong.
    pub fn fronted(&self, s: &Sentence) -> Option<DateInfo> {
        let (e, toks) = self.exprs.iter().find(|(e, _)| e.interval.is_some())?;
        let (&a, &b) = (toks.first()?, toks.last()?);
        let lead_in = (0..a).all(|i| {
            s.upos(i) == Upos::Punct
                || matches!(
                    s.lower[i].as_str(),
                    "on" | "in"
                        | "at"
                        | "by"
                        | "since"
                        | "during"
                        | "until"
                        | "early"
                        | "late"
                        | "earlier"
                        | "later"
                )
        });
        let comma = s.words.get(b + 1).is_some_and(|w| w == ",");
        // "During Kim Jong Un's visit to Beijing in March, Xi stressed …": what the sentence
        // reports happened during the dated occasion its opening phrase names.
        let during = s.lower.first().is_some_and(|w| w == "during")
            && s.words
                .iter()
                .position(|w| w == ",")
                .is_some_and(|c| b < c && c <= 15);
        ((a <= 2 && lead_in && comma) || during).then(|| info(e))
    }

    /// The date of the report that carries the event triggered at `t` (step 4): the reporting
    /// verb above the event's clause ("said Sunday that Russia seized ...") or attached to it
    /// ("Russia seized ..., the navy said Sunday").
    pub fn reported(&self, s: &Sentence, t: usize) -> Option<DateInfo> {
        let mut cur = Self::clause_head(s, t);
        for _ in 0..4 {
            for &c in &s.children[cur] {
                if matches!(s.deprel[c], "parataxis" | "ccomp" | "advcl")
                    && REPORTING.contains(&s.lemmas[c].as_str())
                {
                    if let Some(e) = self.clause_date(s, c, c, None) {
                        return Some(info(e));
                    }
                }
            }
            let Some(h) = s.head[cur] else { break };
            let rel = s.deprel[cur];
            if REPORTING.contains(&s.lemmas[h].as_str())
                && matches!(rel, "ccomp" | "parataxis" | "obj")
            {
                return self.clause_date(s, h, h, Some(cur)).map(info);
            }
            if !matches!(rel, "conj" | "xcomp") {
                break;
            }
            cur = h;
        }
        None
    }
}

/// The output form of a resolved date expression, with the basis the resolver gave it.
fn info(e: &DateExpr) -> DateInfo {
    let (a, b) = e.interval.clone().unwrap_or_default();
    DateInfo {
        start: Some(a),
        end: Some(b),
        text: e.text.clone(),
        basis: e.basis.as_str().to_string(),
    }
}

/// What makes a later mention refer to an earlier event: the same actors in the same roles, the
/// same event type, and the same factuality, so that a visit that is only hoped for never takes
/// the date of one that took place. Roles are not swapped even for meetings: a visit to Beijing
/// and a visit to Pyongyang are two events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventKey {
    pub source: String,
    pub target: String,
    pub plover: String,
    pub factuality: String,
}

impl EventKey {
    fn refers_to(&self, earlier: &EventKey) -> bool {
        self.source == earlier.source
            && self.target == earlier.target
            && self.plover == earlier.plover
            && self.factuality == earlier.factuality
    }
}

/// The events of a document dated so far by their own words, for later mentions that refer
/// back to them, and the day the story is about.
#[derive(Debug, Default)]
pub struct Timeline {
    /// Each dated event with the index of its sentence.
    dated: Vec<(EventKey, usize, DateInfo)>,
    /// The sentence being coded.
    sentence: usize,
    /// The day the lead sentence dates its news to, with the actors it names.
    story: Option<(DateInfo, Vec<String>)>,
}

/// How many days before publication the lead may date the story's news and still set the day
/// of the story.
const STORY_WINDOW_DAYS: i64 = 7;

impl Timeline {
    /// Reads the day of the story from the lead, the first sentence of the body: a news story
    /// opens with what happened and when ("India shot down a Pakistani fighter on Wednesday"),
    /// and later sentences about the same actors that give no date of their own ("the first
    /// aerial dogfight between the two air forces") speak of that day, not of the day the story
    /// was printed. Only a single day within a week before publication counts.
    pub fn read_lead(&mut self, s: &Sentence, dates: &SentenceDates, published: Option<&str>) {
        let Some(p) = published.and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()) else {
            return;
        };
        // Expressions without tokens lie in the dateline ("KIEV, Nov. 26 (Wire) -"), which
        // dates the story's filing, not its news.
        let day = dates
            .exprs
            .iter()
            .filter(|(_, toks)| !toks.is_empty())
            .map(|(e, _)| e)
            .find(|e| {
                e.interval.as_ref().is_some_and(|(a, b)| {
                    a == b
                        && NaiveDate::parse_from_str(a, "%Y-%m-%d").is_ok_and(|d| {
                            let back = p.signed_duration_since(d).num_days();
                            (0..=STORY_WINDOW_DAYS).contains(&back)
                        })
                })
            });
        if let Some(e) = day {
            let actors = s.mentions.iter().map(|m| m.code.clone()).collect();
            self.story = Some((
                DateInfo {
                    basis: "document".to_string(),
                    ..info(e)
                },
                actors,
            ));
        }
    }

    /// Moves on to sentence `index` of the document.
    pub fn at_sentence(&mut self, index: usize) {
        self.sentence = index;
    }

    /// Remembers an event's date when the text gave it (not the publication date).
    pub fn record(&mut self, key: EventKey, date: &DateInfo) {
        if date.start.is_some()
            && matches!(date.basis.as_str(), "explicit" | "relative" | "document")
        {
            self.dated.push((key, self.sentence, date.clone()));
        }
    }

    /// The most recent dated event of an earlier sentence that `key` refers back to. Only
    /// events reported as having happened or as ahead refer back: a possibility or a denial
    /// names no dated occurrence. Events of the same sentence are separate events ("sent troops
    /// during the war and has continued to provide aid"), not mentions of one another.
    fn antecedent(&self, key: &EventKey) -> Option<&DateInfo> {
        if !matches!(key.factuality.as_str(), "asserted" | "future") || key.plover.is_empty() {
            return None;
        }
        self.dated
            .iter()
            .rev()
            .find(|(k, i, _)| *i < self.sentence && key.refers_to(k))
            .map(|(_, _, d)| d)
    }

    /// The date of an event: see the module documentation for the order of the evidence.
    pub fn date(
        &self,
        dates: Option<&SentenceDates>,
        s: &Sentence,
        t: usize,
        key: &EventKey,
        published: Option<&str>,
    ) -> DateInfo {
        if let Some(d) = dates.and_then(|d| d.own(s, t)) {
            return d;
        }
        if let Some(mut d) = dates.and_then(|d| d.bound(s, t)) {
            // What is reported as done happened by the publication date; what is ahead comes
            // after it. The other side stays open for the coder to close if it can.
            if let Some(p) = published {
                let done = matches!(key.factuality.as_str(), "asserted" | "negated");
                if done && d.end.is_none() {
                    d.end = Some(p.to_string()).filter(|p| d.start.as_deref() <= Some(p));
                } else if !done && d.start.is_none() {
                    d.start = Some(p.to_string()).filter(|p| d.end.as_deref() >= Some(p));
                }
            }
            return d;
        }
        // A frame in the past ("Last week, China said it will send troops") dates what was
        // done then, not what was announced for later.
        let reported_done = matches!(key.factuality.as_str(), "asserted" | "negated");
        let fronted = dates.and_then(|d| d.fronted(s)).filter(|f| {
            reported_done || matches!((&f.start, published), (Some(a), Some(p)) if a.as_str() > p)
        });
        if let Some(d) = fronted {
            return d;
        }
        let earlier = self.antecedent(key).map(|d| DateInfo {
            basis: "document".to_string(),
            ..d.clone()
        });
        let report = match key.factuality.as_str() {
            "asserted" | "negated" => dates.and_then(|d| d.reported(s, t)),
            _ => None,
        };
        match (earlier, report) {
            (Some(e), Some(r)) => {
                if within_days_before(&e, &r, REPORT_WINDOW_DAYS) {
                    e
                } else {
                    r
                }
            }
            (Some(e), None) => e,
            (None, Some(r)) => r,
            (None, None) => match &self.story {
                Some((day, actors))
                    if key.factuality == "asserted"
                        && actors.contains(&key.source)
                        && actors.contains(&key.target) =>
                {
                    day.clone()
                }
                _ => DateInfo::published(published),
            },
        }
    }
}

/// Whether interval `e` ends on a day of `r` or at most `days` days before `r` starts.
fn within_days_before(e: &DateInfo, r: &DateInfo, days: i64) -> bool {
    let day = |x: &Option<String>| {
        x.as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    match (day(&e.end), day(&r.start), day(&r.end)) {
        (Some(ee), Some(rs), Some(re)) => {
            ee <= re && rs.signed_duration_since(ee).num_days() <= days
        }
        _ => false,
    }
}

/// How many dependency edges lead from token `x` up to `t`, or from both up to their nearest
/// common ancestor; `usize::MAX` when they are not connected.
fn tree_distance(s: &Sentence, x: usize, t: usize) -> usize {
    let chain = |mut a: usize| {
        let mut v = vec![a];
        while let Some(h) = s.head[a] {
            if v.len() > s.len() {
                break;
            }
            v.push(h);
            a = h;
        }
        v
    };
    let (cx, ct) = (chain(x), chain(t));
    for (i, a) in cx.iter().enumerate() {
        if let Some(j) = ct.iter().position(|b| b == a) {
            return i + j;
        }
    }
    usize::MAX
}

#[cfg(test)]
mod tests {
    use crate::Coder;

    fn dates(text: &str, published: &str) -> Vec<(String, String, String, String)> {
        let coder = Coder::new(None).unwrap();
        let doc = fulcrum_extract::extract_text(text);
        coder
            .code_document(&doc, "t", Some(published))
            .into_iter()
            .filter(|e| e.plover.is_some())
            .map(|e| {
                (
                    e.trigger.text,
                    e.date.start.unwrap_or_default(),
                    e.date.end.unwrap_or_default(),
                    e.date.basis,
                )
            })
            .collect()
    }

    #[test]
    fn the_date_in_the_events_clause_wins() {
        let got = dates(
            "Kim Jong Un visited Beijing in late March, years after he took power in 2011.",
            "2018-05-01",
        );
        assert_eq!(
            got,
            vec![(
                "visited".into(),
                "2018-03-21".into(),
                "2018-03-31".into(),
                "relative".into()
            )]
        );
    }

    #[test]
    fn an_opening_during_phrase_dates_the_sentence() {
        let got = dates(
            "During Moon Jae-in's visit to Pyongyang in September, Kim Jong Un praised South Korea.",
            "2018-11-02",
        );
        let september = |t: &str| {
            (
                t.to_string(),
                "2018-09-01".to_string(),
                "2018-09-30".to_string(),
                "relative".to_string(),
            )
        };
        assert_eq!(got, vec![september("visit"), september("praised")]);
    }

    #[test]
    fn a_war_is_dated_as_the_acting_party_fought_it() {
        let got = dates(
            "During the Korean War, China sent troops to North Korea.",
            "2018-05-01",
        );
        assert_eq!(
            got,
            vec![(
                "sent".into(),
                "1950-10-19".into(),
                "1953-07-27".into(),
                "explicit".into()
            )]
        );
    }

    #[test]
    fn a_later_mention_takes_the_date_of_the_event_it_refers_to() {
        let got = dates(
            "Kim Jong Un made a surprising visit to Beijing in late March. \
             Kim Jong Un went to Beijing to meet with Xi Jinping.",
            "2018-05-01",
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            got[1],
            (
                "went".into(),
                "2018-03-21".into(),
                "2018-03-31".into(),
                "document".into()
            )
        );
    }

    #[test]
    fn a_possibility_does_not_take_the_date_of_a_visit_that_happened() {
        let got = dates(
            "Kim Jong Un visited Beijing in late March. \
             Kim Jong Un could visit Beijing again.",
            "2018-05-01",
        );
        assert_eq!(got[1].3, "published", "{got:?}");
    }

    #[test]
    fn a_reported_event_takes_the_date_of_its_report() {
        let got = dates(
            "The Ukrainian navy said Sunday that Russia seized three Ukrainian ships.",
            "2018-11-26",
        );
        assert_eq!(
            got,
            vec![(
                "seized".into(),
                "2018-11-25".into(),
                "2018-11-25".into(),
                "relative".into()
            )]
        );
    }

    #[test]
    fn a_date_between_subject_and_verb_dates_the_report_when_the_parse_hangs_it_on_the_subject() {
        let got = dates(
            "North Korea on November 29 said it successfully tested a new intercontinental ballistic missile.",
            "2017-12-22",
        );
        assert_eq!(
            got,
            vec![(
                "tested".into(),
                "2017-11-29".into(),
                "2017-11-29".into(),
                "relative".into()
            )]
        );
    }

    #[test]
    fn a_before_clause_ends_the_event_and_a_titled_office_begins_it() {
        let got = dates(
            "Chinese Premier Zhou Enlai visited Pyongyang secretly and was received by Kim Il \
             Sung, before the Shanghai Communique was released in 1972.",
            "2018-05-01",
        );
        assert_eq!(
            got[0],
            (
                "visited".into(),
                "1949-10-01".into(),
                "1972-12-31".into(),
                "explicit".into()
            )
        );
    }

    #[test]
    fn a_before_clause_without_a_known_office_leaves_the_start_open() {
        let coder = Coder::new(None).unwrap();
        let doc = fulcrum_extract::extract_text(
            "Chinese officials visited Pyongyang secretly before the summit was held in 2019.",
        );
        let e = &coder.code_document(&doc, "t", Some("2021-03-01"))[0];
        assert_eq!(
            (e.date.start.as_deref(), e.date.end.as_deref()),
            (None, Some("2019-12-31"))
        );
        assert_eq!(e.date.text, "before the summit was held in 2019");
    }

    #[test]
    fn a_bound_is_found_from_the_words_when_the_parse_misses_the_clause() {
        // The parser reads "the talks" as the object of "before" and "collapsed" as a new
        // clause; the date still bounds the visit and does not date it.
        let got = dates(
            "Chinese officials visited Pyongyang, before the talks collapsed in 2019.",
            "2021-03-01",
        );
        assert_eq!(got[0].1, "", "{got:?}");
        assert_eq!(got[0].2, "2019-12-31", "{got:?}");
    }

    #[test]
    fn an_event_inside_the_bounding_phrase_keeps_its_own_date() {
        let got = dates(
            "Kim Jong Un went to Beijing before his first meeting with South Korean President \
             Moon Jae-in last week.",
            "2018-05-01",
        );
        let meeting = got
            .iter()
            .find(|g| g.0 == "meeting")
            .expect("the meeting is coded");
        assert_eq!(
            (meeting.1.as_str(), meeting.2.as_str()),
            ("2018-04-23", "2018-04-29")
        );
        let went = got
            .iter()
            .find(|g| g.0 == "went")
            .expect("the trip is coded");
        assert_eq!((went.1.as_str(), went.2.as_str()), ("", "2018-04-29"));
    }

    #[test]
    fn a_since_clause_begins_a_done_event_which_ends_by_publication() {
        let got = dates(
            "Chinese officials visited Pyongyang secretly since the summit was held in 2019.",
            "2021-03-01",
        );
        assert_eq!(
            got,
            vec![(
                "visited".into(),
                "2019-01-01".into(),
                "2021-03-01".into(),
                "explicit".into()
            )]
        );
    }

    #[test]
    fn a_date_opening_the_sentence_frames_it() {
        let got = dates(
            "Last week, Canada urged Saudi Arabia to release the activists.",
            "2018-08-06",
        );
        assert_eq!(
            got,
            vec![(
                "urged".into(),
                "2018-07-30".into(),
                "2018-08-05".into(),
                "relative".into()
            )]
        );
    }

    #[test]
    fn a_past_frame_does_not_date_what_is_announced_for_later() {
        let got = dates(
            "Last week, China said Wang Yi will visit Pyongyang.",
            "2018-08-06",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].3, "published", "{got:?}");
    }

    #[test]
    fn weekdays_follow_the_tense_of_their_own_clause() {
        // Published on a Wednesday: the report was on the past Monday, the visit is on the
        // coming Friday, though the sentence as a whole speaks of the future.
        let got = dates(
            "China said on Monday that Wang Yi will visit Pyongyang on Friday.",
            "2019-03-13",
        );
        assert_eq!(
            got,
            vec![(
                "visit".into(),
                "2019-03-15".into(),
                "2019-03-15".into(),
                "relative".into()
            )]
        );
    }

    #[test]
    fn without_a_date_the_publication_date_stands_in() {
        let got = dates("Russia seized three Ukrainian ships.", "2018-11-26");
        assert_eq!(
            got,
            vec![(
                "seized".into(),
                "2018-11-26".into(),
                "2018-11-26".into(),
                "published".into()
            )]
        );
    }
}
