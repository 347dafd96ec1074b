//! The date table: `tests/dates.toml`, one case per behaviour.

use fulcrum_time::Tense;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    reference: Option<String>,
    /// `[text, start, end]` per expression, or `[text]` when the interval must be `None`.
    expect: Vec<Vec<String>>,
    /// Optional bases ("explicit" / "relative"), one per expression.
    basis: Option<Vec<String>>,
    /// Optional tense ("past" / "future") of the clause of each expression, keyed by a word of
    /// the expression, as a caller with a parse would give it.
    tense: Option<BTreeMap<String, String>>,
}

fn render(
    text: &str,
    reference: Option<&str>,
    tenses: Option<&BTreeMap<String, String>>,
) -> (Vec<Vec<String>>, Vec<String>) {
    let tense_of = |start: usize, end: usize| {
        let span = text.get(start..end).unwrap_or("");
        tenses
            .into_iter()
            .flatten()
            .find(|(k, _)| span.contains(k.as_str()))
            .map_or(Tense::Unknown, |(_, v)| match v.as_str() {
                "past" => Tense::Past,
                "future" => Tense::Future,
                other => panic!("tense {other:?}: expected past or future"),
            })
    };
    let found = match tenses {
        Some(_) => fulcrum_time::find_dates_with_tense(text, reference, tense_of),
        None => fulcrum_time::find_dates(text, reference),
    };
    for d in &found {
        assert_eq!(
            text.get(d.start..d.end),
            Some(d.text.as_str()),
            "span of {d:?}"
        );
    }
    let rows = found
        .iter()
        .map(|d| match &d.interval {
            Some((a, b)) => vec![d.text.clone(), a.clone(), b.clone()],
            None => vec![d.text.clone()],
        })
        .collect();
    let bases = found.iter().map(|d| d.basis.as_str().to_string()).collect();
    (rows, bases)
}

#[test]
fn date_table() {
    let table: Table = toml::from_str(include_str!("dates.toml")).expect("tests/dates.toml parses");
    let mut failures = Vec::new();
    for c in &table.case {
        let (got, bases) = render(&c.text, c.reference.as_deref(), c.tense.as_ref());
        if got != c.expect {
            failures.push(format!(
                "{:?} (reference {:?}):\n  expected {:?}\n  got      {:?}",
                c.text, c.reference, c.expect, got
            ));
        } else if let Some(want) = &c.basis {
            if *want != bases {
                failures.push(format!(
                    "{:?}: expected bases {:?}, got {:?}",
                    c.text, want, bases
                ));
            }
        }
    }
    assert!(
        table.case.len() >= 200,
        "the table should keep at least 200 cases, has {}",
        table.case.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        table.case.len(),
        failures.join("\n")
    );
}
