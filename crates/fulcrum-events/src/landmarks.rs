//! Dating a page that prints no date, from the record of landmark events.
//!
//! Many pages as saved carry no publication date and no year anywhere: a wire story that says
//! "the Security Council on Friday imposed new sanctions on North Korea" and "North Korea on
//! November 29 said it had tested a new missile". Read against the wrong year, every date in it
//! is wrong. The page can still be dated by what it reports: if the record holds a UN sanctions
//! resolution on North Korea on a Friday three weeks after a North Korean missile test on
//! November 29, the page read against that Friday puts both of its events on the days they
//! happened. [`Landmarks::date_page`] searches for such a reading.
//!
//! The record is `data/time/landmarks/*.toml` (documented in `docs/time.md`): dated events between
//! states and international organisations, each with its actors and CAMEO code. A user adds
//! files of the same format with `--dict DIR` (`DIR/landmarks/*.toml`).
//!
//! The rule, in full:
//! 1. Code the page without a date. Each asserted event of the headline or the lead sentence
//!    whose PLOVER type, kind (`same_kind`: a visit is not a telephone call) and actors (in
//!    either order) match a landmark's proposes the landmark's first and last days, and the day
//!    after each (a story often appears the next day), as publication dates. Later sentences
//!    recall older events; they may confirm a reading but never propose one.
//! 2. Read the page against each proposed date. A landmark is *confirmed* when some event
//!    matching it is then dated within a day of the landmark's days. A date's support is the
//!    number of landmarks it confirms.
//! 3. Choose the earliest date of greatest support, provided every date of that support lies
//!    within two days of it; when two readings far apart explain the page equally well, the
//!    page stays undated. With more than [`MAX_CANDIDATES`] proposals the page is too generic
//!    to date this way and stays undated too.
//!
//! This only runs for a page that has no date evidence at all; a date in the page, its address
//! or its metadata always wins.

use chrono::NaiveDate;
use fulcrum_actors::line_col;
use fulcrum_extract::{DateCandidate, Document};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::ops::ControlFlow;
use std::path::Path;
use toml::Spanned;

use crate::patterns::{CameoCode, LoadError};
use crate::{AnalysedDoc, Coder, Event};

/// The built-in record, embedded at compile time.
const BUILTIN: &[(&str, &str)] = &[
    (
        "data/time/landmarks/asia.toml",
        include_str!("../../../data/time/landmarks/asia.toml"),
    ),
    (
        "data/time/landmarks/europe-americas.toml",
        include_str!("../../../data/time/landmarks/europe-americas.toml"),
    ),
    (
        "data/time/landmarks/middle-east-africa.toml",
        include_str!("../../../data/time/landmarks/middle-east-africa.toml"),
    ),
];

/// More proposed dates than this means the page's events are too common to date it by.
pub const MAX_CANDIDATES: usize = 200;

/// A page longer than this many sentences is not a news story, and is not dated this way:
/// each reading re-codes the whole page.
pub const MAX_SENTENCES: usize = 500;

/// One dated landmark event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Landmark {
    pub date: NaiveDate,
    /// The last day; the first for a one-day event.
    pub end: NaiveDate,
    pub source: String,
    /// Empty when the event has no target (a missile test).
    pub target: String,
    pub cameo: String,
    pub plover: String,
    pub what: String,
    /// Where it was read from, as `file:line`.
    pub origin: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    event: Vec<Spanned<RawLandmark>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLandmark {
    date: Spanned<String>,
    #[serde(default)]
    end: Option<Spanned<String>>,
    source: Spanned<String>,
    #[serde(default)]
    target: Option<Spanned<String>>,
    cameo: Spanned<String>,
    what: String,
}

/// The record of landmark events, indexed by PLOVER type.
#[derive(Debug, Default, Clone)]
pub struct Landmarks {
    pub items: Vec<Landmark>,
    by_plover: FxHashMap<String, Vec<usize>>,
}

fn syntax(file: &str, text: &str, at: usize, message: String) -> LoadError {
    let (line, column) = line_col(text, at);
    LoadError::Landmark {
        file: file.to_string(),
        line,
        column,
        message,
    }
}

fn is_code(s: &str) -> bool {
    (2..=10).contains(&s.len())
        && s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

impl Landmarks {
    /// The built-in record, checked against the CAMEO table `cameo`.
    pub fn builtin(cameo: &FxHashMap<String, CameoCode>) -> Result<Landmarks, LoadError> {
        let mut set = Landmarks::default();
        for (file, text) in BUILTIN {
            set.add_toml(file, text, cameo)?;
        }
        Ok(set)
    }

    /// Adds every `*.toml` file of `dir`, in name order.
    pub fn add_dir(
        &mut self,
        dir: &Path,
        cameo: &FxHashMap<String, CameoCode>,
    ) -> Result<(), LoadError> {
        let files = fulcrum_actors::read_toml_dir(dir)
            .map_err(|(file, source)| LoadError::Io { file, source })?;
        for (file, text) in files {
            self.add_toml(&file, &text, cameo)?;
        }
        Ok(())
    }

    /// Adds the events of one file; every error names the file, line and column.
    pub fn add_toml(
        &mut self,
        file: &str,
        text: &str,
        cameo: &FxHashMap<String, CameoCode>,
    ) -> Result<(), LoadError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            syntax(file, text, at, e.message().to_string())
        })?;
        for spanned in raw.event {
            let at = spanned.span().start;
            let r = spanned.into_inner();
            let fail = |pos: usize, m: String| syntax(file, text, pos, m);
            let day = |v: &Spanned<String>, field: &str| {
                NaiveDate::parse_from_str(v.get_ref(), "%Y-%m-%d").map_err(|_| {
                    fail(
                        v.span().start,
                        format!(
                            "{field} {:?} is not a date; write it as YYYY-MM-DD",
                            v.get_ref()
                        ),
                    )
                })
            };
            let date = day(&r.date, "date")?;
            let end = match &r.end {
                Some(e) => day(e, "end")?,
                None => date,
            };
            if end < date {
                return Err(fail(
                    r.end.as_ref().map_or(at, |e| e.span().start),
                    format!("end {end} is before date {date}; the end is the event's last day"),
                ));
            }
            let target = r
                .target
                .as_ref()
                .map(|t| t.get_ref().clone())
                .unwrap_or_default();
            for (v, empty_ok) in [(Some(&r.source), false), (r.target.as_ref(), true)] {
                let Some(v) = v else { continue };
                if !(is_code(v.get_ref()) || empty_ok && v.get_ref().is_empty()) {
                    return Err(fail(
                        v.span().start,
                        format!(
                            "{:?} is not an actor code; use the codes of data/actors/countries.toml and igos.toml",
                            v.get_ref()
                        ),
                    ));
                }
            }
            let code = r.cameo.get_ref();
            let plover = match cameo.get(code) {
                Some(c) if !c.plover.is_empty() => c.plover.clone(),
                found => {
                    let why = if found.is_some() {
                        "has no PLOVER type, so no event can match it; use a code whose `plover` is set in data/cameo.toml"
                    } else {
                        "is not in data/cameo.toml; use a code listed there"
                    };
                    return Err(fail(
                        r.cameo.span().start,
                        format!("CAMEO code {code:?} {why}"),
                    ));
                }
            };
            let (line, _) = line_col(text, at);
            self.by_plover
                .entry(plover.clone())
                .or_default()
                .push(self.items.len());
            self.items.push(Landmark {
                date,
                end,
                source: r.source.into_inner(),
                target,
                cameo: r.cameo.into_inner(),
                plover,
                what: r.what,
                origin: format!("{file}:{line}"),
            });
        }
        Ok(())
    }

    /// The landmarks an event may be a report of: same PLOVER type, kinds of event that can be
    /// one occasion ([`same_kind`]), same actors in either order (only the source when the
    /// landmark has no target).
    pub fn matching<'a>(&'a self, e: &Event) -> impl Iterator<Item = usize> + 'a {
        let cameo = e.cameo.clone();
        let source = e.source.code.clone();
        let target = e
            .target
            .as_ref()
            .map(|t| t.code.clone())
            .unwrap_or_default();
        let asserted = e.factuality == "asserted";
        let list = match (&e.plover, asserted) {
            (Some(p), true) => self.by_plover.get(p).map(Vec::as_slice).unwrap_or(&[]),
            _ => &[],
        };
        list.iter().copied().filter(move |&i| {
            let l = &self.items[i];
            if !same_kind(&l.cameo, &cameo) {
                false
            } else if l.target.is_empty() {
                l.source == source
            } else {
                (l.source == source && l.target == target)
                    || (l.source == target && l.target == source)
            }
        })
    }

    /// The publication date of a page without one, from the landmarks its events report; see
    /// the module documentation for the rule. `analysed` is the page analysed without a date.
    pub fn date_page(
        &self,
        coder: &Coder,
        analysed: &AnalysedDoc,
        doc: &Document,
    ) -> Option<DateCandidate> {
        let go_on = || ControlFlow::<()>::Continue(());
        self.date_page_with(coder, analysed, doc, go_on)
            .unwrap_or(None)
    }

    /// [`Landmarks::date_page`], asking `between` before each reading whether to go on, so
    /// that the caller's time and memory limits hold here too.
    pub fn date_page_with<B>(
        &self,
        coder: &Coder,
        analysed: &AnalysedDoc,
        doc: &Document,
        mut between: impl FnMut() -> ControlFlow<B>,
    ) -> Result<Option<DateCandidate>, B> {
        if analysed.sentences.len() > MAX_SENTENCES {
            return Ok(None);
        }
        // Only the news of the day proposes dates: the headline and the lead sentence. Later
        // sentences recall older events ("weeks after the bloc imposed sanctions"), which may
        // confirm a reading but must not suggest one.
        let lead = analysed
            .sentences
            .iter()
            .position(|at| at.lead)
            .unwrap_or(0);
        let undated = coder.code_analysed(analysed, doc, "", None);
        let mut proposed: Vec<NaiveDate> = undated
            .iter()
            .filter(|e| e.sentence_index <= lead)
            .flat_map(|e| self.matching(e))
            .flat_map(|i| {
                let l = &self.items[i];
                [
                    Some(l.date),
                    l.date.succ_opt(),
                    Some(l.end),
                    l.end.succ_opt(),
                ]
            })
            .flatten()
            .collect();
        proposed.sort();
        proposed.dedup();
        if proposed.is_empty() || proposed.len() > MAX_CANDIDATES {
            return Ok(None);
        }
        let mut readings: Vec<Reading> = Vec::new();
        for date in proposed {
            if let ControlFlow::Break(b) = between() {
                return Err(b);
            }
            let confirmed = self.confirmed(coder, analysed, doc, date);
            if !confirmed.is_empty() {
                readings.push(Reading {
                    date,
                    confirmed,
                    out_of_office: out_of_office(coder, analysed, doc, date),
                });
            }
        }
        let Some(best) = readings.iter().map(Reading::merit).max() else {
            return Ok(None);
        };
        readings.retain(|r| r.merit() == best);
        let first = &readings[0];
        if readings
            .iter()
            .any(|r| (r.date - first.date).num_days() > 2)
        {
            return Ok(None);
        }
        let reasons: Vec<String> = first
            .confirmed
            .iter()
            .map(|(i, text)| {
                let l = &self.items[*i];
                format!("\"{text}\" read as {} ({}, {})", l.date, l.what, l.origin)
            })
            .collect();
        Ok(Some(DateCandidate {
            date: first.date.format("%Y-%m-%d").to_string(),
            basis: "landmark".into(),
            text: reasons.join("; "),
        }))
    }

    /// Whether two landmarks are one occasion for dating: same days, type and actors in either
    /// order (tariffs and counter-tariffs on one day), so that it counts once.
    fn same_occasion(&self, a: usize, b: usize) -> bool {
        let (x, y) = (&self.items[a], &self.items[b]);
        x.date == y.date
            && x.end == y.end
            && x.plover == y.plover
            && ((x.source == y.source && x.target == y.target)
                || (x.source == y.target && x.target == y.source))
    }

    /// The landmarks the page confirms when read as published on `d`, each with the words of
    /// the first event that confirms it.
    fn confirmed(
        &self,
        coder: &Coder,
        analysed: &AnalysedDoc,
        doc: &Document,
        d: NaiveDate,
    ) -> Vec<(usize, String)> {
        let day = d.format("%Y-%m-%d").to_string();
        let events = coder.code_analysed(analysed, doc, "", Some(&day));
        let mut out: Vec<(usize, String)> = Vec::new();
        for e in &events {
            let (Some(start), Some(end)) = (parse_day(&e.date.start), parse_day(&e.date.end))
            else {
                continue;
            };
            for i in self.matching(e) {
                let l = &self.items[i];
                // Within a day of the landmark's days, as date arithmetic that cannot overflow.
                let fits = (l.date - start).num_days() <= 1 && (end - l.end).num_days() <= 1;
                if fits && !out.iter().any(|(j, _)| self.same_occasion(*j, i)) {
                    let words = if e.date.text.is_empty() {
                        e.trigger.text.clone()
                    } else {
                        format!("{} {}", e.trigger.text, e.date.text)
                    };
                    out.push((i, words));
                }
            }
        }
        out.sort();
        out
    }
}

/// CAMEO codes that are one occasion seen from different sides or at different detail: a visit
/// made, a visit hosted, a meeting elsewhere and the talks held there.
const ONE_OCCASION: &[&[&str]] = &[&["040", "042", "043", "044", "046"]];

/// Whether an event coded `b` can report a landmark coded `a`: the same code at three digits
/// ("163" and "1631"), a code and its root's unspecified code ("190" and "195"), or codes of
/// one occasion ([`ONE_OCCASION`]). A telephone call is not a visit, nor mediation the talks
/// it brings about.
fn same_kind(a: &str, b: &str) -> bool {
    let (a3, b3) = (a.get(..3).unwrap_or(a), b.get(..3).unwrap_or(b));
    let generic = |c: &str| c.len() == 3 && c.ends_with('0');
    a3 == b3
        || (a.get(..2) == b.get(..2)
            && (generic(a3) || generic(b3))
            && !matches!((a3, b3), ("041", _) | (_, "041") | ("045", _) | (_, "045")))
        || ONE_OCCASION
            .iter()
            .any(|set| set.contains(&a3) && set.contains(&b3))
}

/// The page read as published on one day.
struct Reading {
    date: NaiveDate,
    /// The landmarks confirmed, each with the words that confirm it.
    confirmed: Vec<(usize, String)>,
    /// Officials named with a title who hold no office on that day.
    out_of_office: usize,
}

impl Reading {
    /// How well the reading explains the page: more landmarks confirmed, then fewer officials
    /// out of office.
    fn merit(&self) -> (usize, std::cmp::Reverse<usize>) {
        (self.confirmed.len(), std::cmp::Reverse(self.out_of_office))
    }
}

/// How many officials the page names with a title ("U.S. President Donald Trump") hold no
/// office on `d`: a reading that puts the page before their term or after it is less likely.
/// Mentions marked as past ("former", "then", "late") do not count.
fn out_of_office(coder: &Coder, analysed: &AnalysedDoc, doc: &Document, d: NaiveDate) -> usize {
    let day = d.format("%Y-%m-%d").to_string();
    let mut seen: Vec<usize> = Vec::new();
    for at in &analysed.sentences {
        let s = &at.s;
        for m in &s.mentions {
            let Some(p) = m.person else { continue };
            let person = &coder.gazetteer.people[p];
            let titled = s.titled_person(m, &doc.text, &person.name);
            if titled
                && !seen.contains(&p)
                && matches!(person.sector_on(Some(&day)).as_str(), "ELI" | "")
            {
                seen.push(p);
            }
        }
    }
    seen.len()
}

fn parse_day(s: &Option<String>) -> Option<NaiveDate> {
    let s = s.as_deref()?;
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A coder whose record holds only `record` (a landmark file's text).
    fn coder_with(record: &str) -> Coder {
        let mut coder = Coder::new(None).unwrap();
        let mut set = Landmarks::default();
        set.add_toml("test.toml", record, &coder.patterns.cameo)
            .unwrap();
        coder.landmarks = set;
        coder
    }

    fn date_of(coder: &Coder, text: &str) -> Option<DateCandidate> {
        let mut doc = fulcrum_extract::extract_text(text);
        doc.published = None;
        coder.date_undated(&mut doc);
        doc.published
    }

    const TWO_FRIDAYS: &str = r#"
[[event]]
date = "2016-11-30"
source = "UNO"
target = "PRK"
cameo = "163"
what = "sanctions round on a Wednesday"

[[event]]
date = "2017-12-22"
source = "UNO"
target = "PRK"
cameo = "163"
what = "sanctions round on a Friday"

[[event]]
date = "2017-11-29"
source = "PRK"
cameo = "150"
what = "missile test"
"#;

    #[test]
    fn a_page_is_dated_by_the_landmarks_its_events_land_on() {
        let coder = coder_with(TWO_FRIDAYS);
        let text = "The UN Security Council on Friday imposed new sanctions on North Korea. \
                    North Korea on November 29 said it had tested a new missile.";
        let got = date_of(&coder, text).expect("dated");
        assert_eq!(got.date, "2017-12-22");
        assert_eq!(got.basis, "landmark");
        assert!(got.text.contains("test.toml:"), "{}", got.text);
    }

    #[test]
    fn two_readings_far_apart_leave_the_page_undated() {
        // With no date in the text, either sanctions round explains the page equally well.
        let coder = coder_with(TWO_FRIDAYS);
        let text = "The UN Security Council imposed new sanctions on North Korea.";
        assert_eq!(date_of(&coder, text), None);
    }

    #[test]
    fn a_weekday_that_contradicts_the_landmark_confirms_nothing() {
        // The Wednesday round cannot be "on Friday", and the Friday round is the only reading.
        let coder = coder_with(TWO_FRIDAYS);
        let text = "The UN Security Council on Friday imposed new sanctions on North Korea.";
        let got = date_of(&coder, text).expect("dated");
        // Read as published on the Saturday after, "on Friday" is the landmark's day too; the
        // earliest reading wins.
        assert_eq!(got.date, "2017-12-22");
    }

    #[test]
    fn officials_in_office_choose_between_equal_readings() {
        let coder = coder_with(
            r#"
[[event]]
date = "2009-06-12"
source = "UNO"
target = "PRK"
cameo = "163"
what = "sanctions round on a Friday in 2009"

[[event]]
date = "2017-12-22"
source = "UNO"
target = "PRK"
cameo = "163"
what = "sanctions round on a Friday in 2017"
"#,
        );
        let text = "The UN Security Council on Friday imposed new sanctions on North Korea. \
                    U.S. President Donald Trump welcomed the vote.";
        assert_eq!(date_of(&coder, text).expect("dated").date, "2017-12-22");
        let text = "The UN Security Council on Friday imposed new sanctions on North Korea.";
        assert_eq!(date_of(&coder, text), None);
    }

    #[test]
    fn what_did_not_happen_proposes_no_date() {
        let coder = coder_with(TWO_FRIDAYS);
        let text = "The UN Security Council may impose new sanctions on North Korea on Friday.";
        assert_eq!(date_of(&coder, text), None);
    }

    #[test]
    fn kinds_of_event_match_at_three_digits_through_their_generic_code_or_one_occasion() {
        assert!(same_kind("163", "1631"));
        assert!(same_kind("190", "195"));
        assert!(same_kind("043", "042"), "a visit hosted is the visit made");
        assert!(
            same_kind("044", "046"),
            "a summit elsewhere is the talks held there"
        );
        assert!(!same_kind("042", "041"), "a telephone call is not a visit");
        assert!(!same_kind("040", "041"));
        assert!(!same_kind("046", "045"), "mediation is not the talks");
        assert!(!same_kind("193", "195"));
        assert!(!same_kind("163", "161"));
    }

    #[test]
    fn a_later_sentence_confirms_a_reading_but_does_not_propose_one() {
        let coder = coder_with(TWO_FRIDAYS);
        // The missile test is recalled in the second sentence only: no date.
        let text = "Japan protested to China on Monday over fishing boats. \
                    North Korea on November 29 said it had tested a new missile.";
        assert_eq!(date_of(&coder, text), None);
    }

    #[test]
    fn a_page_with_its_own_date_keeps_it() {
        let coder = coder_with(TWO_FRIDAYS);
        let mut doc = fulcrum_extract::extract_text(
            "The UN Security Council on Friday imposed new sanctions on North Korea.",
        );
        let own = DateCandidate {
            date: "2009-06-12".into(),
            basis: "url path".into(),
            text: "/2009/06/12/".into(),
        };
        doc.published = Some(own.clone());
        coder.date_undated(&mut doc);
        assert_eq!(doc.published, Some(own));
    }
}
