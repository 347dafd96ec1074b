//! The people gazetteer (`data/actors/people.toml`) keeps its own rules: every field is in the
//! documented format, dates are real calendar dates with `from` before `to`, sectors and codes
//! are known ones, a full name belongs to one person, one office has one holder at a time, and
//! the file covers the heads and foreign ministers of at least 60 states on two sample dates, and
//! the defence ministers, UN ambassadors and military chiefs of at least 60 states on one.
//!
//! Every check collects all its violations (with the person's name and the line in the file)
//! and the test fails once, listing them all.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use toml::Spanned;

const PEOPLE: &str = include_str!("../../../data/actors/people.toml");
const COUNTRIES: &str = include_str!("../../../data/actors/countries.toml");
const IGOS: &str = include_str!("../../../data/actors/igos.toml");
const SECTORS: &str = include_str!("../../../data/actors/sectors.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeopleFile {
    person: Vec<Spanned<Person>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Person {
    name: String,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    surname: String,
    #[serde(default)]
    surname_variants: Vec<String>,
    country: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    roles: Vec<Spanned<Role>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Role {
    title: String,
    sector: String,
    from: String,
    to: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    shared: bool,
}

#[derive(Deserialize)]
struct CountriesFile {
    country: Vec<CodeNames>,
}

#[derive(Deserialize)]
struct IgosFile {
    igo: Vec<CodeNames>,
}

#[derive(Deserialize)]
struct CodeNames {
    code: String,
    #[serde(default)]
    names: Vec<String>,
}

#[derive(Deserialize)]
struct SectorsFile {
    sector: Vec<SectorEntry>,
    #[serde(default)]
    named: Vec<NamedEntry>,
}

#[derive(Deserialize)]
struct SectorEntry {
    code: String,
}

#[derive(Deserialize)]
struct NamedEntry {
    names: Vec<String>,
}

/// Titles that make their holder the head of state or of government of the role's state.
const HEAD_TITLES: &[&str] = &[
    "President",
    "Acting President",
    "Interim President",
    "Prime Minister",
    "Acting Prime Minister",
    "Caretaker Prime Minister",
    "Premier",
    "Chancellor",
    "King",
    "Queen",
    "Emir",
    "Sultan",
    "Emperor",
    "Supreme Leader",
    "Chairman of the State Affairs Commission",
    "Chairman of the Sovereignty Council",
    "Chairman of the Presidential Leadership Council",
    "Chairman of the State Administration Council",
    "Chairman of the State Peace and Development Council",
    "Chairman of the Presidential Council",
    "Chairman of the Transitional Military Council",
    "Chairman of the High Council of State",
    "Chairman of the National Transitional Council",
    "Chairman of the Supreme Council",
    "Head of State",
    "Chief Adviser",
    "Taliban Leader",
    "Taliban Acting Prime Minister",
];

/// Titles of the minister in charge of foreign affairs.
const FOREIGN_TITLES: &[&str] = &[
    "Foreign Minister",
    "Acting Foreign Minister",
    "Secretary of State",
    "Foreign Secretary",
    "External Affairs Minister",
    "Acting Foreign Secretary",
    "Caretaker Foreign Minister",
    "Foreign Adviser",
    "Taliban Acting Foreign Minister",
];

/// Titles of the minister in charge of defence.
const DEFENCE_TITLES: &[&str] = &[
    "Defense Minister",
    "Defence Minister",
    "Acting Defense Minister",
    "Secretary of Defense",
    "Acting Secretary of Defense",
    "Defence Secretary",
    "Minister of the Armed Forces",
    "Secretary of National Defense",
    "Minister of the Revolutionary Armed Forces",
    "Minister Delegate for National Defence",
    "Taliban Acting Defense Minister",
];

/// Titles of a state's ambassador (permanent representative) to the United Nations.
const UN_TITLES: &[&str] = &[
    "Ambassador to the United Nations",
    "Acting Ambassador to the United Nations",
];

/// Titles of a state's top military officer (each country's own).
const MILITARY_CHIEF_TITLES: &[&str] = &[
    "Chairman of the Joint Chiefs of Staff",
    "Acting Chairman of the Joint Chiefs of Staff",
    "Chief of the Defence Staff",
    "Acting Chief of the Defence Staff",
    "Chief of Defence Staff",
    "Chief of the General Staff",
    "Chief of General Staff",
    "Chief of Army Staff",
    "Chief of Staff of the Army",
    "Chief of the Defence Force",
    "Chief of Defence Force",
    "Chief of Defence Forces",
    "Chief of the Defence Forces",
    "Chief of Defence",
    "Chief of Staff of the Armed Forces",
    "Chief of Staff, Joint Staff",
    "Chief of the Joint Staff Department",
    "Chief of the Joint General Staff",
    "Chief of the Joint Staff of the Armed Forces",
    "Chief of the South African National Defence Force",
    "Chief of Staff of the People's National Army",
    "Commander of the Armed Forces",
    "Commander of the Military Forces",
    "Commander of the Strategic Operational Command",
    "Commander of the Lebanese Army",
    "Commander of the Libyan National Army",
    "Commander-in-Chief of the Armed Forces",
    "Commander-in-Chief of Defence Services",
    "Commander-in-Chief of the Bahrain Defence Force",
    "Commander-in-Chief of the Royal Thai Army",
    "Commander-in-Chief of the Army",
    "Commander of the Sri Lanka Army",
    "Chief of the Hellenic National Defence General Staff",
    "Supreme Commander of the Armed Forces",
    "Inspector General of the Bundeswehr",
    "Inspector General of the Royal Armed Forces",
    "IDF Chief of Staff",
    "Taliban Chief of Army Staff",
];

/// The date on which the file must name a defence minister, a UN ambassador and a military chief
/// for `MIN_STATES` states each.
const SECURITY_DATE: &str = "2025-06-01";

/// Dates on which the file must name a head and a foreign minister for `MIN_STATES` states.
const COVERAGE_DATES: &[&str] = &["2018-01-01", "2025-06-01"];
const MIN_STATES: usize = 60;

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Whether `s` is a real `YYYY-MM-DD` calendar date.
fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1800..=2100).contains(&y) && d >= 1 && d <= days
}

/// Whether a half-open term [from, to) contains `date` (an empty `to` is still open).
fn holds_on(r: &Role, date: &str) -> bool {
    r.from.as_str() <= date && (r.to.is_empty() || date < r.to.as_str())
}

struct Loaded {
    /// Every person with the line of its `[[person]]` header.
    people: Vec<(Person, usize)>,
    /// (person index, role index, line) for every role.
    roles: Vec<(usize, usize, usize)>,
    /// The line of each role, by person and role index.
    role_lines: Vec<Vec<usize>>,
}

fn load() -> Loaded {
    let file: PeopleFile = toml::from_str(PEOPLE).unwrap_or_else(|e| {
        panic!("data/actors/people.toml does not parse in the documented format: {e}")
    });
    let mut people = Vec::new();
    let mut roles = Vec::new();
    let mut role_lines = Vec::new();
    for (pi, sp) in file.person.into_iter().enumerate() {
        let line = line_of(PEOPLE, sp.span().start);
        let mut p = sp.into_inner();
        let spanned = std::mem::take(&mut p.roles);
        let mut lines = Vec::new();
        for (ri, r) in spanned.iter().enumerate() {
            let rl = line_of(PEOPLE, r.span().start);
            roles.push((pi, ri, rl));
            lines.push(rl);
        }
        p.roles = spanned;
        people.push((p, line));
        role_lines.push(lines);
    }
    Loaded {
        people,
        roles,
        role_lines,
    }
}

fn role(l: &Loaded, pi: usize, ri: usize) -> &Role {
    l.people[pi].0.roles[ri].get_ref()
}

/// The state or IGO a role belongs to: its own `country`, else the person's.
fn role_code<'a>(p: &'a Person, r: &'a Role) -> &'a str {
    if r.country.is_empty() {
        &p.country
    } else {
        &r.country
    }
}

fn fail_if_any(what: &str, errors: &[String]) {
    if !errors.is_empty() {
        panic!(
            "data/actors/people.toml: {} {what}:\n  {}",
            errors.len(),
            errors.join("\n  ")
        );
    }
}

#[test]
fn every_person_and_role_is_in_the_documented_format() {
    let l = load();
    let countries: CountriesFile = toml::from_str(COUNTRIES).expect("countries.toml parses");
    let igos: IgosFile = toml::from_str(IGOS).expect("igos.toml parses");
    let sectors: SectorsFile = toml::from_str(SECTORS).expect("sectors.toml parses");
    let codes: BTreeSet<&str> = countries
        .country
        .iter()
        .chain(igos.igo.iter())
        .map(|c| c.code.as_str())
        .collect();
    let sector_codes: BTreeSet<&str> = sectors.sector.iter().map(|s| s.code.as_str()).collect();
    assert!(
        sector_codes.contains("GOV") && sector_codes.contains("MIL"),
        "sectors.toml lists the sector codes"
    );

    let mut errors = Vec::new();
    for (pi, (p, line)) in l.people.iter().enumerate() {
        let at = format!("{:?} (line {line})", p.name);
        if p.name.trim().is_empty() || p.name.trim() != p.name {
            errors.push(format!("{at}: name is empty or has surrounding spaces"));
        }
        if !codes.contains(p.country.as_str()) {
            errors.push(format!(
                "{at}: country {:?} is not a code of countries.toml or igos.toml",
                p.country
            ));
        }
        if p.surname.trim().is_empty() {
            errors.push(format!("{at}: surname is empty"));
        }
        for v in &p.variants {
            if v.trim().is_empty() || v.trim() != v {
                errors.push(format!(
                    "{at}: variant {v:?} is empty or has surrounding spaces"
                ));
            }
            if *v == p.surname || p.surname_variants.contains(v) {
                errors.push(format!("{at}: variant {v:?} is the bare surname"));
            }
            if *v == p.name {
                errors.push(format!("{at}: variant {v:?} repeats the name"));
            }
        }
        if p.note.contains('\n') {
            errors.push(format!("{at}: note spans several lines"));
        }
        if p.roles.is_empty() {
            errors.push(format!("{at}: no roles"));
        }
        for (ri, r) in p.roles.iter().enumerate() {
            let rline = l.role_lines[pi][ri];
            let rat = format!("{:?} (line {rline}), role {:?}", p.name, r.get_ref().title);
            let r = r.get_ref();
            if r.title.trim().is_empty() {
                errors.push(format!("{rat}: empty title"));
            }
            if !sector_codes.contains(r.sector.as_str()) {
                errors.push(format!(
                    "{rat}: sector {:?} is not one of {sector_codes:?}",
                    r.sector
                ));
            }
            if !valid_date(&r.from) {
                errors.push(format!("{rat}: from {:?} is not a YYYY-MM-DD date", r.from));
            }
            if !r.to.is_empty() && !valid_date(&r.to) {
                errors.push(format!("{rat}: to {:?} is not a YYYY-MM-DD date", r.to));
            }
            if !r.to.is_empty() && r.from >= r.to {
                errors.push(format!("{rat}: from {} is not before to {}", r.from, r.to));
            }
            if !r.country.is_empty() && !codes.contains(r.country.as_str()) {
                errors.push(format!(
                    "{rat}: country {:?} is not a code of countries.toml or igos.toml",
                    r.country
                ));
            }
            if !r.country.is_empty() && r.country == p.country {
                errors.push(format!(
                    "{rat}: country {:?} repeats the person's own country",
                    r.country
                ));
            }
        }
    }
    fail_if_any("format errors", &errors);
}

#[test]
fn a_full_name_belongs_to_one_person_and_is_no_other_actor() {
    let l = load();
    let countries: CountriesFile = toml::from_str(COUNTRIES).expect("countries.toml parses");
    let igos: IgosFile = toml::from_str(IGOS).expect("igos.toml parses");
    let sectors: SectorsFile = toml::from_str(SECTORS).expect("sectors.toml parses");
    let other: BTreeSet<&str> = countries
        .country
        .iter()
        .chain(igos.igo.iter())
        .flat_map(|c| c.names.iter())
        .chain(sectors.named.iter().flat_map(|n| n.names.iter()))
        .map(String::as_str)
        .collect();

    let mut seen: HashMap<&str, (&str, usize)> = HashMap::new();
    let mut errors = Vec::new();
    for (p, line) in &l.people {
        let mut own = BTreeSet::new();
        for n in std::iter::once(&p.name).chain(p.variants.iter()) {
            if !own.insert(n.as_str()) {
                errors.push(format!("{:?} (line {line}): {n:?} listed twice", p.name));
                continue;
            }
            if other.contains(n.as_str()) {
                errors.push(format!(
                    "{:?} (line {line}): {n:?} is also a country, IGO or named-body name",
                    p.name
                ));
            }
            match seen.get(n.as_str()) {
                Some((first, first_line)) => errors.push(format!(
                    "{:?} (line {line}): {n:?} already names {first:?} (line {first_line})",
                    p.name
                )),
                None => {
                    seen.insert(n.as_str(), (p.name.as_str(), *line));
                }
            }
        }
    }
    fail_if_any("names that are not unique", &errors);
}

/// One term of an office: from, to (empty while still held), holder's name, line in the file.
type Term<'a> = (&'a str, &'a str, &'a str, usize);

#[test]
fn one_office_has_one_holder_at_a_time() {
    let l = load();
    // (state or IGO, title) -> (from, to, person, line) of every unshared term.
    let mut offices: BTreeMap<(String, String), Vec<Term>> = BTreeMap::new();
    for &(pi, ri, line) in &l.roles {
        let p = &l.people[pi].0;
        let r = role(&l, pi, ri);
        if r.shared || !valid_date(&r.from) || !(r.to.is_empty() || valid_date(&r.to)) {
            continue; // dates are checked by the format test
        }
        offices
            .entry((role_code(p, r).to_string(), r.title.clone()))
            .or_default()
            .push((r.from.as_str(), r.to.as_str(), p.name.as_str(), line));
    }
    let mut errors = Vec::new();
    for ((code, title), mut terms) in offices {
        terms.sort();
        // The term reaching furthest so far: every later term must begin at or after its end.
        let mut reach: Option<Term> = None;
        for t in terms {
            if let Some(prev) = reach {
                let open = prev.1.is_empty();
                if open || t.0 < prev.1 {
                    errors.push(format!(
                        "{code} {title:?}: {:?} (line {}) from {} overlaps {:?} (line {}) {}..{}",
                        t.2,
                        t.3,
                        t.0,
                        prev.2,
                        prev.3,
                        prev.0,
                        if open { "today" } else { prev.1 }
                    ));
                }
                let ends_later = t.1.is_empty() || (!open && t.1 > prev.1);
                if ends_later {
                    reach = Some(t);
                }
            } else {
                reach = Some(t);
            }
        }
    }
    fail_if_any("overlapping terms of one office", &errors);
}

#[test]
fn one_person_does_not_hold_one_office_twice_at_once() {
    let l = load();
    let mut errors = Vec::new();
    for (p, line) in &l.people {
        for (i, a) in p.roles.iter().enumerate() {
            for b in &p.roles[i + 1..] {
                let (a, b) = (a.get_ref(), b.get_ref());
                let same = a.title == b.title && role_code(p, a) == role_code(p, b);
                let a_open_past_b = a.to.is_empty() || b.from < a.to;
                let b_open_past_a = b.to.is_empty() || a.from < b.to;
                if same && a_open_past_b && b_open_past_a {
                    errors.push(format!(
                        "{:?} (line {line}): two overlapping terms as {:?}",
                        p.name, a.title
                    ));
                }
            }
        }
    }
    fail_if_any("repeated terms", &errors);
}

#[test]
fn heads_and_foreign_ministers_of_sixty_states_on_sample_dates() {
    let l = load();
    let countries: CountriesFile = toml::from_str(COUNTRIES).expect("countries.toml parses");
    let states: BTreeSet<&str> = countries.country.iter().map(|c| c.code.as_str()).collect();
    let mut errors = Vec::new();
    for date in COVERAGE_DATES {
        let mut heads = BTreeSet::new();
        let mut foreign = BTreeSet::new();
        for (p, _) in &l.people {
            for r in &p.roles {
                let r = r.get_ref();
                let code = role_code(p, r);
                if !states.contains(code) || !holds_on(r, date) {
                    continue;
                }
                if HEAD_TITLES.contains(&r.title.as_str()) {
                    heads.insert(code);
                }
                if FOREIGN_TITLES.contains(&r.title.as_str()) {
                    foreign.insert(code);
                }
            }
        }
        let both: BTreeSet<&str> = heads.intersection(&foreign).copied().collect();
        if both.len() < MIN_STATES {
            let head_only: Vec<_> = heads.difference(&foreign).collect();
            let foreign_only: Vec<_> = foreign.difference(&heads).collect();
            errors.push(format!(
                "on {date} only {} states have both a head of state or government and a \
                 foreign minister (need {MIN_STATES}); with a head but no foreign minister: \
                 {head_only:?}; with a foreign minister but no head: {foreign_only:?}",
                both.len()
            ));
        }
    }
    fail_if_any("coverage shortfalls", &errors);
}

#[test]
fn defence_ministers_un_ambassadors_and_military_chiefs_of_sixty_states() {
    let l = load();
    let countries: CountriesFile = toml::from_str(COUNTRIES).expect("countries.toml parses");
    let states: BTreeSet<&str> = countries.country.iter().map(|c| c.code.as_str()).collect();
    let offices: [(&str, &[&str]); 3] = [
        ("defence minister", DEFENCE_TITLES),
        ("UN ambassador", UN_TITLES),
        ("military chief", MILITARY_CHIEF_TITLES),
    ];
    // States with a head of state or government on the date: those the file means to cover.
    let mut covered = BTreeSet::new();
    // Office name -> states with a holder on the date.
    let mut held: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (p, _) in &l.people {
        for r in &p.roles {
            let r = r.get_ref();
            let code = role_code(p, r);
            if !states.contains(code) || !holds_on(r, SECURITY_DATE) {
                continue;
            }
            if HEAD_TITLES.contains(&r.title.as_str()) {
                covered.insert(code);
            }
            for (office, titles) in &offices {
                if titles.contains(&r.title.as_str()) {
                    held.entry(office).or_default().insert(code);
                }
            }
        }
    }
    let mut errors = Vec::new();
    for (office, _) in &offices {
        let have = held.remove(office).unwrap_or_default();
        if have.len() < MIN_STATES {
            let lacking: Vec<_> = covered.difference(&have).collect();
            errors.push(format!(
                "on {SECURITY_DATE} only {} states have a {office} (need {MIN_STATES}); \
                 states with a head but no {office}: {lacking:?}",
                have.len()
            ));
        }
    }
    fail_if_any("coverage shortfalls", &errors);
}
