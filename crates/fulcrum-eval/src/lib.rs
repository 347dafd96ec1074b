//! Scoring events against gold, as the annotation guidelines define it.
//!
//! An event matches a gold line when it is in the same document and sentence and has the same
//! source code, target code and PLOVER type; a symmetric gold line also accepts source and
//! target swapped. Matching is one-to-one. Gold marked optional neither counts for nor
//! against: a system event matching only optional gold is set aside. System events without a
//! PLOVER type (CAMEO 01 statements) are not scored, since the guidelines do not annotate them.
//!
//! Sentences are compared after collapsing whitespace; a system sentence also matches a gold
//! sentence that contains it or that it contains, when the shorter is at least 60% of the
//! longer, so that a dateline kept or cut ("MOSCOW -- The navy said ...") does not decide.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One gold line.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    pub doc: String,
    pub sentence: String,
    pub source: String,
    #[serde(default)]
    pub target: String,
    pub plover: String,
    #[serde(default)]
    pub cameo: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub factuality: String,
    #[serde(default)]
    pub symmetric: bool,
    #[serde(default)]
    pub optional: bool,
}

/// One system event, reduced to what is scored.
#[derive(Debug, Clone, Serialize)]
pub struct System {
    pub doc: String,
    pub sentence: String,
    pub source: String,
    pub target: String,
    pub plover: String,
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    pub factuality: String,
    pub rule: String,
}

/// Counts for one slice (overall or one PLOVER type).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Counts {
    fn finish(&mut self) {
        let tp = self.true_positives as f64;
        self.precision = if self.true_positives + self.false_positives > 0 {
            tp / (tp + self.false_positives as f64)
        } else {
            0.0
        };
        self.recall = if self.true_positives + self.false_negatives > 0 {
            tp / (tp + self.false_negatives as f64)
        } else {
            0.0
        };
        self.f1 = if self.precision + self.recall > 0.0 {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        } else {
            0.0
        };
    }
}

/// A gold line missed, or a system event with no gold.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub doc: String,
    pub sentence: String,
    pub source: String,
    pub target: String,
    pub plover: String,
    pub rule: String,
}

/// The whole score.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub overall: Counts,
    pub by_type: BTreeMap<String, Counts>,
    /// Matched events whose date could be scored (gold has a date), and how many were right.
    pub dates_scored: usize,
    pub dates_correct: usize,
    pub factuality_scored: usize,
    pub factuality_correct: usize,
    pub matched_optional: usize,
    pub misses: Vec<Miss>,
    pub spurious: Vec<Miss>,
}

fn norm(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn same_sentence(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && long.contains(short) && short.len() * 10 >= long.len() * 6
}

fn matches(g: &Gold, s: &System) -> bool {
    if g.doc != s.doc || g.plover != s.plover {
        return false;
    }
    let direct = g.source == s.source && g.target == s.target;
    let swapped = g.symmetric && g.source == s.target && g.target == s.source;
    (direct || swapped) && same_sentence(&norm(&g.sentence), &norm(&s.sentence))
}

/// The interval a gold date denotes: "2018-05-02", "2018-05", "2018", or "A/B".
pub fn gold_interval(d: &str) -> Option<(String, String)> {
    let d = d.trim();
    if d.is_empty() {
        return None;
    }
    if let Some((a, b)) = d.split_once('/') {
        return Some((gold_interval(a)?.0, gold_interval(b)?.1));
    }
    match d.len() {
        10 => Some((d.to_string(), d.to_string())),
        7 => Some((format!("{d}-01"), format!("{d}-31"))),
        4 => Some((format!("{d}-01-01"), format!("{d}-12-31"))),
        _ => None,
    }
}

/// Scores `system` against `gold`.
pub fn score(gold: &[Gold], system: &[System]) -> Report {
    let mut r = Report::default();
    let system: Vec<&System> = system.iter().filter(|s| !s.plover.is_empty()).collect();
    let mut gold_used = vec![false; gold.len()];
    let mut sys_state = vec![0u8; system.len()]; // 0 unmatched, 1 matched required, 2 matched optional
                                                 // Required gold first, then optional, so that a system event is credited where it counts.
    for pass_optional in [false, true] {
        for (si, s) in system.iter().enumerate() {
            if sys_state[si] != 0 {
                continue;
            }
            if let Some(gi) = gold
                .iter()
                .enumerate()
                .position(|(gi, g)| !gold_used[gi] && g.optional == pass_optional && matches(g, s))
            {
                gold_used[gi] = true;
                sys_state[si] = if pass_optional { 2 } else { 1 };
                let g = &gold[gi];
                if !pass_optional {
                    if let Some((gs, ge)) = gold_interval(&g.date) {
                        r.dates_scored += 1;
                        if let (Some(ss), Some(se)) = (&s.date_start, &s.date_end) {
                            if *ss >= gs && *se <= ge {
                                r.dates_correct += 1;
                            }
                        }
                    }
                    if !g.factuality.is_empty() {
                        r.factuality_scored += 1;
                        if g.factuality == s.factuality {
                            r.factuality_correct += 1;
                        }
                    }
                }
            }
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        if g.optional {
            if gold_used[gi] {
                r.matched_optional += 1;
            }
            continue;
        }
        let c = r.by_type.entry(g.plover.clone()).or_default();
        if gold_used[gi] {
            c.true_positives += 1;
            r.overall.true_positives += 1;
        } else {
            c.false_negatives += 1;
            r.overall.false_negatives += 1;
            r.misses.push(Miss {
                doc: g.doc.clone(),
                sentence: g.sentence.clone(),
                source: g.source.clone(),
                target: g.target.clone(),
                plover: g.plover.clone(),
                rule: String::new(),
            });
        }
    }
    for (si, s) in system.iter().enumerate() {
        if sys_state[si] == 0 {
            r.by_type
                .entry(s.plover.clone())
                .or_default()
                .false_positives += 1;
            r.overall.false_positives += 1;
            r.spurious.push(Miss {
                doc: s.doc.clone(),
                sentence: s.sentence.clone(),
                source: s.source.clone(),
                target: s.target.clone(),
                plover: s.plover.clone(),
                rule: s.rule.clone(),
            });
        }
    }
    r.overall.finish();
    for c in r.by_type.values_mut() {
        c.finish();
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(
        sentence: &str,
        src: &str,
        tgt: &str,
        plover: &str,
        symmetric: bool,
        optional: bool,
    ) -> Gold {
        Gold {
            doc: "d".into(),
            sentence: sentence.into(),
            source: src.into(),
            target: tgt.into(),
            plover: plover.into(),
            cameo: String::new(),
            date: "2018-05".into(),
            factuality: "asserted".into(),
            symmetric,
            optional,
        }
    }

    fn s(sentence: &str, src: &str, tgt: &str, plover: &str) -> System {
        System {
            doc: "d".into(),
            sentence: sentence.into(),
            source: src.into(),
            target: tgt.into(),
            plover: plover.into(),
            date_start: Some("2018-05-01".into()),
            date_end: Some("2018-05-01".into()),
            factuality: "asserted".into(),
            rule: "r".into(),
        }
    }

    #[test]
    fn symmetric_optional_and_one_to_one() {
        let gold = vec![
            g("A met B.", "AAA", "BBB", "CONSULT", true, false),
            g("A met B.", "AAA", "CCC", "CONSULT", false, true),
            g("C hit D.", "CCC", "DDD", "ASSAULT", false, false),
        ];
        let sys = vec![
            s("A met B.", "BBB", "AAA", "CONSULT"),
            s("A met B.", "BBB", "AAA", "CONSULT"),
            s("A met B.", "AAA", "CCC", "CONSULT"),
            s("C hit D.", "DDD", "CCC", "ASSAULT"),
            s("A said.", "AAA", "", ""),
        ];
        let r = score(&gold, &sys);
        assert_eq!(r.overall.true_positives, 1);
        assert_eq!(
            r.overall.false_positives, 2,
            "duplicate and wrong direction"
        );
        assert_eq!(r.overall.false_negatives, 1);
        assert_eq!(r.matched_optional, 1);
        assert_eq!(r.dates_correct, 1);
    }

    #[test]
    fn sentences_match_with_or_without_dateline() {
        assert!(same_sentence(
            "MOSCOW -- The navy said Sunday that Russia seized ships.",
            "The navy said Sunday that Russia seized ships."
        ));
        assert!(!same_sentence(
            "The navy said Sunday that Russia seized three ships near Crimea.",
            "Talks ended."
        ));
    }
}
