//! The built-in landmark record (`data/time/landmarks/*.toml`) keeps its own rules beyond what
//! its loader checks: every actor code is one the gazetteer defines, no event is recorded twice
//! (in one file or across files), dates fall in the years news cites,
//! and the record is broad enough to be worth consulting: several hundred events, spread over
//! decades, kinds of event and actors.
//!
//! Every check collects all its violations, with the entry's file and line, and the test fails
//! once, listing them all.

use fulcrum_events::{Landmarks, PatternSet};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

const COUNTRIES: &str = include_str!("../../../data/actors/countries.toml");
const IGOS: &str = include_str!("../../../data/actors/igos.toml");

#[derive(Deserialize)]
struct CountriesFile {
    country: Vec<Code>,
}

#[derive(Deserialize)]
struct IgosFile {
    igo: Vec<Code>,
}

#[derive(Deserialize)]
struct Code {
    code: String,
}

fn known_codes() -> BTreeSet<String> {
    let c: CountriesFile = toml::from_str(COUNTRIES).unwrap();
    let i: IgosFile = toml::from_str(IGOS).unwrap();
    c.country.into_iter().chain(i.igo).map(|x| x.code).collect()
}

#[test]
fn the_landmark_record_is_consistent_and_broad() {
    let cameo = PatternSet::with_builtin_cameo().unwrap().cameo;
    let record = Landmarks::builtin(&cameo).expect("the built-in landmark files load");
    let codes = known_codes();
    let mut problems = Vec::new();
    let mut seen: BTreeMap<(String, String, String, String), String> = BTreeMap::new();
    for l in &record.items {
        for c in [&l.source, &l.target] {
            if !c.is_empty() && !codes.contains(c) {
                problems.push(format!(
                    "{}: {c:?} is not a code of countries.toml or igos.toml",
                    l.origin
                ));
            }
        }
        if l.source == l.target {
            problems.push(format!(
                "{}: source and target are both {}",
                l.origin, l.source
            ));
        }
        let year = l.date.format("%Y").to_string();
        if !("1945".."2027").contains(&year.as_str()) {
            problems.push(format!("{}: {} is outside 1945-2026", l.origin, l.date));
        }
        if (l.end - l.date).num_days() > 60 {
            problems.push(format!(
                "{}: {} to {} is longer than two months; a landmark is an occasion, not a period",
                l.origin, l.date, l.end
            ));
        }
        // Tit for tat on one day (tariffs and counter-tariffs) is two events; the dater counts
        // such a pair once, since a page's event matches either.
        let key = (
            l.date.to_string(),
            l.source.clone(),
            l.target.clone(),
            l.plover.clone(),
        );
        if let Some(first) = seen.insert(key, l.origin.clone()) {
            problems.push(format!(
                "{}: the same event ({} {} {} {}) is already at {first}; an event counted twice weighs twice when a page is dated",
                l.origin, l.date, l.source, l.target, l.plover
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // Breadth: enough events, decades, kinds and actors that a page about any major story of
    // the last thirty years has a fair chance of finding its landmark.
    let n = record.items.len();
    let decades: BTreeSet<i32> = record
        .items
        .iter()
        .map(|l| l.date.format("%Y").to_string().parse::<i32>().unwrap() / 10)
        .collect();
    let kinds: BTreeSet<&str> = record.items.iter().map(|l| l.plover.as_str()).collect();
    let actors: BTreeSet<&str> = record
        .items
        .iter()
        .flat_map(|l| [l.source.as_str(), l.target.as_str()])
        .filter(|c| !c.is_empty())
        .collect();
    eprintln!(
        "landmarks: {n} events, {} decades, {} PLOVER types, {} actors",
        decades.len(),
        kinds.len(),
        actors.len()
    );
    assert!(n >= 900, "only {n} landmark events");
    assert!(
        decades.len() >= 4,
        "landmarks in only {} decades",
        decades.len()
    );
    assert!(
        kinds.len() >= 12,
        "landmarks of only {} PLOVER types",
        kinds.len()
    );
    assert!(
        actors.len() >= 100,
        "landmarks between only {} actors",
        actors.len()
    );
}
