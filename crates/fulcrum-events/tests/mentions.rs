//! The mention table: `tests/mentions.toml`, one small document per case and one actor mention
//! in it, checked against what `Coder::mentions` resolves it to.
//!
//! Every case is run and every failure printed with what the coder found at that place. The
//! test asserts that the table is well formed (at least `MIN_CASES` cases, unique ids, every
//! mention present in its text) and that the pass rate does not fall below `FLOOR`.
//! `MENTIONS_VERBOSE=1 cargo test -p fulcrum-events --test mentions -- --nocapture` also
//! lists the records found for the cases that pass.

use fulcrum_events::{Coder, MentionRecord};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The share of cases that must pass.
const FLOOR: f64 = 0.95;

/// The table must keep at least this many cases.
const MIN_CASES: usize = 250;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    id: String,
    text: String,
    date: String,
    mention: String,
    nth: Option<usize>,
    expect: String,
    person: Option<String>,
}

/// What a case expects at its span.
#[derive(Debug, PartialEq)]
enum Expect {
    /// No state or IGO actor.
    Nothing,
    /// This code and sector ("" for a bare state or IGO).
    Actor(String, String),
}

fn parse_expect(s: &str) -> Option<Expect> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    match parts.as_slice() {
        ["-"] => Some(Expect::Nothing),
        [code] if is_code(code) => Some(Expect::Actor(code.to_string(), String::new())),
        [code, sector] if is_code(code) && is_code(sector) => {
            Some(Expect::Actor(code.to_string(), sector.to_string()))
        }
        _ => None,
    }
}

fn is_code(s: &str) -> bool {
    (2..=4).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// The character span of the `nth` (1-based) whole-word occurrence of `needle` in `hay`.
fn find_nth(hay: &str, needle: &str, nth: usize) -> Option<[usize; 2]> {
    let mut seen = 0;
    for (byte, _) in hay.match_indices(needle) {
        let before = hay[..byte].chars().next_back();
        let after = hay[byte + needle.len()..].chars().next();
        if is_word_char(before) || is_word_char(after) {
            continue;
        }
        seen += 1;
        if seen == nth {
            let start = hay[..byte].chars().count();
            return Some([start, start + needle.chars().count()]);
        }
    }
    None
}

fn overlaps(a: [usize; 2], b: [usize; 2]) -> bool {
    a[0] < b[1] && b[0] < a[1]
}

fn describe(r: &MentionRecord) -> String {
    let actor = if r.code.is_empty() {
        "-".to_string()
    } else if r.sector.is_empty() {
        r.code.clone()
    } else {
        format!("{} {}", r.code, r.sector)
    };
    let mut s = format!("{:?} {} [{}]", r.text, actor, r.kind);
    if let Some(p) = &r.person {
        s.push_str(&format!(" person={p:?}"));
    }
    if let Some(role) = &r.role {
        s.push_str(&format!(" role={role:?}"));
    }
    if let Some(a) = &r.affiliation {
        s.push_str(&format!(" affiliation={a:?}"));
    }
    s
}

/// Whether the records overlapping the mention satisfy the case.
fn judge(expect: &Expect, person: Option<&str>, found: &[&MentionRecord]) -> bool {
    let person_ok = |r: &MentionRecord| person.is_none_or(|p| r.person.as_deref() == Some(p));
    match expect {
        Expect::Nothing => {
            found.iter().all(|r| r.code.is_empty())
                && (person.is_none() || found.iter().any(|r| person_ok(r)))
        }
        Expect::Actor(code, sector) => found
            .iter()
            .any(|r| &r.code == code && &r.sector == sector && person_ok(r)),
    }
}

#[test]
fn mention_table() {
    let table: Table =
        toml::from_str(include_str!("mentions.toml")).expect("tests/mentions.toml parses");
    let coder = Coder::new(None).expect("built-in dictionaries load");

    let mut problems = Vec::new();
    let mut ids = BTreeMap::new();
    for c in &table.case {
        *ids.entry(c.id.as_str()).or_insert(0) += 1;
    }
    for (id, n) in &ids {
        if *n > 1 {
            problems.push(format!("id {id:?} is used {n} times"));
        }
    }
    if table.case.len() < MIN_CASES {
        problems.push(format!(
            "the table has {} cases, fewer than {MIN_CASES}",
            table.case.len()
        ));
    }

    // MENTIONS_VERBOSE=1 also lists what was found for the cases that pass.
    let verbose = std::env::var_os("MENTIONS_VERBOSE").is_some();
    let mut passed = 0;
    let mut failures: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in &table.case {
        let category = c.id.split('-').next().unwrap_or("").to_string();
        let Some(expect) = parse_expect(&c.expect) else {
            problems.push(format!("{}: cannot read expect {:?}", c.id, c.expect));
            continue;
        };
        let nth = c.nth.unwrap_or(1);
        if nth == 0 || c.date.len() != 10 {
            problems.push(format!("{}: bad nth or date", c.id));
            continue;
        }
        let doc = fulcrum_extract::extract_text(&c.text);
        let Some(span) = find_nth(&doc.text, &c.mention, nth) else {
            problems.push(format!(
                "{}: occurrence {nth} of {:?} is not in the document text {:?}",
                c.id, c.mention, doc.text
            ));
            continue;
        };
        let records = coder.mentions(&doc, Some(&c.date));
        let found: Vec<&MentionRecord> =
            records.iter().filter(|r| overlaps(r.span, span)).collect();
        if judge(&expect, c.person.as_deref(), &found) {
            passed += 1;
            if verbose {
                let got: Vec<String> = found.iter().map(|r| describe(r)).collect();
                eprintln!("ok {}: {:?} -> {}", c.id, c.mention, got.join("; "));
            }
        } else {
            let want = match &c.person {
                Some(p) => format!("{} person={p:?}", c.expect),
                None => c.expect.clone(),
            };
            let got = if found.is_empty() {
                "nothing".to_string()
            } else {
                found
                    .iter()
                    .map(|r| describe(r))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            failures.entry(category).or_default().push(format!(
                "  {} ({}): {:?} #{nth}\n      expected {want}\n      found    {got}",
                c.id, c.date, c.mention
            ));
        }
    }

    let total = table.case.len();
    let rate = passed as f64 / total.max(1) as f64;
    eprintln!(
        "mention table: {passed} of {total} cases pass ({:.1}%)",
        rate * 100.0
    );
    for (category, list) in &failures {
        eprintln!("{category}: {} failing", list.len());
        for f in list {
            eprintln!("{f}");
        }
    }
    for p in &problems {
        eprintln!("table problem: {p}");
    }
    assert!(
        problems.is_empty(),
        "the table is malformed: {} problems",
        problems.len()
    );
    assert!(
        rate >= FLOOR,
        "pass rate {rate:.3} is below the floor {FLOOR}"
    );
}

#[test]
fn spans_are_whole_words_in_characters() {
    assert_eq!(
        find_nth("He met Heritage. He left.", "He", 2),
        Some([17, 19])
    );
    assert_eq!(find_nth("Kim Jong Un met Kim.", "Kim", 2), Some([16, 19]));
    assert_eq!(
        find_nth("Erdoğan met Erdoğan.", "Erdoğan", 2),
        Some([12, 19])
    );
    assert_eq!(find_nth("Moonlight", "Moon", 1), None);
}

#[test]
fn judging_follows_the_expectation() {
    let rec = |code: &str, sector: &str, person: Option<&str>| MentionRecord {
        text: "x".into(),
        span: [0, 1],
        code: code.into(),
        sector: sector.into(),
        kind: "person".into(),
        person: person.map(str::to_string),
        role: None,
        affiliation: None,
        antecedent: None,
    };
    let gov = rec("KOR", "GOV", Some("Moon Jae-in"));
    let expert = rec("", "", Some("Paik Hak-soon"));
    let want = Expect::Actor("KOR".into(), "GOV".into());
    assert!(judge(&want, Some("Moon Jae-in"), &[&gov]));
    assert!(!judge(&want, Some("Lee Myung-bak"), &[&gov]));
    assert!(!judge(&want, None, &[&expert]));
    assert!(!judge(&want, None, &[]));
    assert!(judge(&Expect::Nothing, Some("Paik Hak-soon"), &[&expert]));
    assert!(!judge(&Expect::Nothing, Some("Paik Hak-soon"), &[]));
    assert!(!judge(&Expect::Nothing, None, &[&gov]));
    assert!(judge(&Expect::Nothing, None, &[]));
    assert_eq!(
        parse_expect("USA"),
        Some(Expect::Actor("USA".into(), "".into()))
    );
    assert_eq!(parse_expect("usa gov"), None);
}
