//! GDELT 1.0 and 2.0 event rows.
//!
//! Both versions share their first 35 columns (identifier, dates, the two actors' ten columns
//! each, the event codes and the coverage counts); they differ in the geography that follows
//! (GDELT 2.0 adds an ADM2 code to each of its three locations) and in DATEADDED's precision.
//! Rows have no header and are located by position.

use crate::codes::{self, Tables, QUADS};
use crate::{parse_date, parse_goldstein, Format, ImportedActor, ImportedEvent};

const ID: usize = 0;
const SQLDATE: usize = 1;
const ACTOR1: usize = 5;
const ACTOR2: usize = 15;
const EVENT_CODE: usize = 26;
const QUAD_CLASS: usize = 29;
const GOLDSTEIN: usize = 30;
const NUM_MENTIONS: usize = 31;

/// Offsets of an actor's columns from its first (ActorNCode).
const CODE: usize = 0;
const NAME: usize = 1;
const COUNTRY: usize = 2;
const KNOWN_GROUP: usize = 3;
const TYPES: [usize; 3] = [7, 8, 9];

/// Whether a line is the header row of a database export rather than an event.
pub(crate) fn is_header(line: &str) -> bool {
    line.split('\t')
        .next()
        .is_some_and(|f| f.trim().eq_ignore_ascii_case("GLOBALEVENTID"))
}

/// The column that holds SOURCEURL for a row of `n` columns, if the row has one.
fn url_column(format: Format, n: usize) -> Result<Option<usize>, String> {
    match (format, n) {
        (Format::Gdelt1, 57) => Ok(None),
        (Format::Gdelt1, 58) => Ok(Some(57)),
        (Format::Gdelt2, 61) => Ok(Some(60)),
        (Format::Gdelt1, 61) => Err(format!(
            "found {n} tab-separated columns where GDELT 1.0 has 57 or 58 (this looks like a GDELT 2.0 row: import the file with --format gdelt2)"
        )),
        (Format::Gdelt2, 57 | 58) => Err(format!(
            "found {n} tab-separated columns where GDELT 2.0 has 61 (this looks like a GDELT 1.0 row: import the file with --format gdelt1)"
        )),
        (_, 1) => Err(
            "found no tab on this line; GDELT event files are tab-separated (use the file as GDELT publishes it; a comma-separated copy will not do)"
                .to_string(),
        ),
        (Format::Gdelt1, _) => Err(format!(
            "found {n} tab-separated columns where GDELT 1.0 has 57 or 58 (the line may be truncated, or the file is not a GDELT 1.0 event file; the row is skipped)"
        )),
        _ => Err(format!(
            "found {n} tab-separated columns where GDELT 2.0 has 61 (the line may be truncated, or the file is not a GDELT 2.0 event file; the row is skipped)"
        )),
    }
}

/// Reads one event row.
pub(crate) fn parse(format: Format, t: &Tables, line: &str) -> Result<ImportedEvent, String> {
    let f: Vec<&str> = line.split('\t').map(str::trim).collect();
    let url = url_column(format, f.len())?;

    let id = f[ID];
    if id.is_empty() {
        return Err(
            "GLOBALEVENTID is empty (every GDELT event has one; the row is skipped)".into(),
        );
    }
    let date = parse_date(f[SQLDATE])
        .filter(|_| f[SQLDATE].len() == 8)
        .ok_or_else(|| {
            format!(
                "SQLDATE {:?} is not a date in YYYYMMDD form (correct it; the row is skipped)",
                f[SQLDATE]
            )
        })?;

    let (cameo, entry) = t.cameo_entry(f[EVENT_CODE]).ok_or_else(|| {
        format!(
            "EventCode {:?} is not a CAMEO event code (GDELT uses CAMEO 1.1b3 codes such as \"042\"; the row is skipped)",
            f[EVENT_CODE]
        )
    })?;
    let quad = match f[QUAD_CLASS] {
        "" => entry.quad.clone(),
        q => match q.parse::<usize>() {
            Ok(n @ 1..=4) => QUADS[n - 1].to_string(),
            _ => {
                return Err(format!(
                    "QuadClass {q:?} is not 1, 2, 3 or 4 (correct it; the row is skipped)"
                ))
            }
        },
    };
    let goldstein = match f[GOLDSTEIN] {
        "" => entry.goldstein,
        g => parse_goldstein("GoldsteinScale", g)?,
    };
    let mentions = match f[NUM_MENTIONS] {
        "" => 1,
        m => m.parse::<u32>().map_err(|_| {
            format!("NumMentions {m:?} is not a whole number (correct it; the row is skipped)")
        })?,
    };

    let source = actor(t, &f[ACTOR1..ACTOR1 + 10]);
    let target = Some(actor(t, &f[ACTOR2..ACTOR2 + 10]))
        .filter(|_| !f[ACTOR2..ACTOR2 + 3].iter().all(|c| c.is_empty()));
    Ok(ImportedEvent {
        format,
        external_id: id.to_string(),
        date,
        source,
        target,
        cameo,
        plover: Some(entry.plover.clone()).filter(|p| !p.is_empty()),
        goldstein,
        quad,
        mentions,
        url: url
            .map(|i| f[i])
            .filter(|u| !u.is_empty())
            .map(str::to_string),
        text: None,
        provenance: format.provenance(),
    })
}

/// The actor of ten GDELT actor columns (Code, Name, CountryCode, KnownGroupCode, EthnicCode,
/// Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code).
fn actor(t: &Tables, c: &[&str]) -> ImportedActor {
    let raw = c[CODE];
    // The country column decides first; a region ("EUR") or a generic international code
    // gives no state.
    let mut code = t.country_code(c[COUNTRY]);
    // Without a state, the actor may be an intergovernmental organisation, named by the
    // known-group column or, when that is empty, by the organisation code inside an IGO actor
    // code ("IGOUNOKID" is UNICEF, which is part of the UN).
    if code.is_empty() {
        let group = codes::known_group(c[KNOWN_GROUP]).or_else(|| {
            raw.starts_with("IGO")
                .then(|| chunks(raw).find_map(codes::known_group))
                .flatten()
        });
        code = group.unwrap_or_default().to_string();
    }
    // Failing both, the actor code's first three letters may name a state ("USAGOV").
    if code.is_empty() {
        code = raw
            .get(..3)
            .and_then(|p| t.cameo_state(p))
            .unwrap_or_default();
    }
    // The sector is the first role fulcrum distinguishes among the type columns or, when they
    // have none, among the role codes inside the actor code.
    let sector = TYPES
        .iter()
        .filter_map(|&i| codes::cameo_type(c[i]))
        .find(|s| !s.is_empty())
        .or_else(|| {
            chunks(raw)
                .filter_map(codes::cameo_type)
                .find(|s| !s.is_empty())
        })
        .unwrap_or("");
    ImportedActor {
        code,
        sector: sector.to_string(),
        name: c[NAME].to_string(),
    }
}

/// The three-letter pieces a CAMEO actor code is made of ("USAGOVMIL" → USA, GOV, MIL).
fn chunks(code: &str) -> impl Iterator<Item = &str> {
    (0..code.len() / 3).filter_map(move |i| code.get(i * 3..i * 3 + 3))
}
