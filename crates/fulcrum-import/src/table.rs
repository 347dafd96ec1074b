//! ICEWS and POLECAT rows: tab-separated files with a header row, whose columns are found by
//! name so that a reordered, trimmed or differently capitalised export still reads.

use crate::codes::{self, Tables};
use crate::{parse_date, parse_goldstein, Format, ImportedActor, ImportedEvent};
use rustc_hash::FxHashMap;

/// A column a format reads: its folded name (see [`fold`]), its name as the data set's codebook
/// writes it, and whether a file without it cannot be imported.
struct Column {
    key: &'static str,
    label: &'static str,
    required: bool,
}

const fn col(key: &'static str, label: &'static str, required: bool) -> Column {
    Column {
        key,
        label,
        required,
    }
}

const ICEWS_COLUMNS: &[Column] = &[
    col("eventid", "Event ID", true),
    col("eventdate", "Event Date", true),
    col("sourcename", "Source Name", true),
    col("sourcesectors", "Source Sectors", false),
    col("sourcecountry", "Source Country", false),
    col("eventtext", "Event Text", false),
    col("cameocode", "CAMEO Code", true),
    col("intensity", "Intensity", false),
    col("targetname", "Target Name", false),
    col("targetsectors", "Target Sectors", false),
    col("targetcountry", "Target Country", false),
    col("storyid", "Story ID", false),
    col("sentencenumber", "Sentence Number", false),
    col("publisher", "Publisher", false),
];

const POLECAT_COLUMNS: &[Column] = &[
    col("eventid", "Event ID", true),
    col("eventdate", "Event Date", true),
    col("eventtype", "Event Type", true),
    col("eventmode", "Event Mode", false),
    col("eventintensity", "Event Intensity", false),
    col("quadcode", "Quad Code", false),
    col("contexts", "Contexts", false),
    col("actorname", "Actor Name", true),
    col("actorcountry", "Actor Country", false),
    col("primaryactorsector", "Primary Actor Sector", false),
    col("actorsectors", "Actor Sectors", false),
    col("recipientname", "Recipient Name", false),
    col("recipientcountry", "Recipient Country", false),
    col("primaryrecipientsector", "Primary Recipient Sector", false),
    col("recipientsectors", "Recipient Sectors", false),
    col("source", "Source", false),
    col("publicationdate", "Publication Date", false),
];

fn columns(format: Format) -> &'static [Column] {
    match format {
        Format::Polecat => POLECAT_COLUMNS,
        _ => ICEWS_COLUMNS,
    }
}

/// A header name folded for matching: lower case, letters and digits only ("Event ID",
/// "event_id" and "EventID" agree).
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits a row into its fields. A field wholly enclosed in double quotes, as some spreadsheet
/// exports write them, loses its quotes and has doubled quotes undone.
fn fields(line: &str) -> Vec<String> {
    line.split('\t')
        .map(|f| {
            let f = f.trim();
            match f.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
                Some(inner) => inner.replace("\"\"", "\"").trim().to_string(),
                None => f.to_string(),
            }
        })
        .collect()
}

/// The positions of a file's columns, from its header row.
pub(crate) struct Header {
    raw: String,
    width: usize,
    index: FxHashMap<&'static str, usize>,
}

impl Header {
    /// Reads the header row, or explains which required columns it lacks.
    pub(crate) fn parse(format: Format, line: &str) -> Result<Header, String> {
        let names = fields(line);
        let folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
        let mut index = FxHashMap::default();
        let mut missing = Vec::new();
        for c in columns(format) {
            match folded.iter().position(|f| f == c.key) {
                Some(i) => {
                    index.insert(c.key, i);
                }
                None if c.required => missing.push(format!("{:?}", c.label)),
                None => {}
            }
        }
        if missing.is_empty() {
            return Ok(Header {
                raw: line.trim().to_string(),
                width: names.len(),
                index,
            });
        }
        let what = match missing.split_last() {
            Some((last, [])) => format!("the header row has no {last} column"),
            Some((last, rest)) => format!(
                "the header row has none of the required columns {} and {last}",
                rest.join(", ")
            ),
            None => String::new(),
        };
        Err(format!(
            "{what} ({})",
            header_advice(format, &names, &folded)
        ))
    }

    /// Whether a line repeats the header row.
    pub(crate) fn is_repeat(&self, line: &str) -> bool {
        line.trim() == self.raw
    }

    fn get<'a>(&self, row: &'a [String], key: &str) -> &'a str {
        self.index
            .get(key)
            .and_then(|&i| row.get(i))
            .map_or("", String::as_str)
    }
}

/// What to do about a header row that lacks required columns: the likely mistake, or else the
/// names it does have.
fn header_advice(format: Format, names: &[String], folded: &[String]) -> String {
    let has = |k: &str| folded.iter().any(|f| f == k);
    let looks_like_data = names
        .first()
        .is_some_and(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if looks_like_data && matches!(names.len(), 57 | 58) {
        return "this looks like a GDELT 1.0 file, which has no header: import it with --format gdelt1".into();
    }
    if looks_like_data && names.len() == 61 {
        return "this looks like a GDELT 2.0 file, which has no header: import it with --format gdelt2".into();
    }
    if format == Format::Icews && has("eventtype") && has("actorname") {
        return "this looks like a POLECAT file: import it with --format polecat".into();
    }
    if format == Format::Polecat && has("cameocode") && has("sourcename") {
        return "this looks like an ICEWS file: import it with --format icews".into();
    }
    if names.len() == 1 && names[0].contains(',') {
        return format!(
            "the file seems to be comma-separated; {} files are tab-separated, so export it with tabs",
            if format == Format::Icews { "ICEWS" } else { "POLECAT" }
        );
    }
    if looks_like_data {
        return "the first line is a data row, but the file must start with its header row: restore the header".into();
    }
    let shown: Vec<&str> = names.iter().take(12).map(String::as_str).collect();
    format!(
        "the file must start with the data set's header row; this one names: {}{}",
        shown.join(", "),
        if names.len() > shown.len() {
            ", ..."
        } else {
            ""
        }
    )
}

/// Reads one data row of an ICEWS or POLECAT file.
pub(crate) fn parse(
    format: Format,
    t: &Tables,
    h: &Header,
    line: &str,
) -> Result<ImportedEvent, String> {
    let mut row = fields(line);
    // A trailing tab (an empty last field) past the header's width is harmless.
    while row.len() > h.width && row.last().is_some_and(String::is_empty) {
        row.pop();
    }
    if row.len() != h.width {
        return Err(format!(
            "found {} tab-separated columns where the header has {} (the line may be truncated or hold a stray tab; the row is skipped)",
            row.len(),
            h.width
        ));
    }
    let get = |key: &str| h.get(&row, key);
    let id = get("eventid");
    if id.is_empty() {
        return Err("Event ID is empty (every event needs one; the row is skipped)".into());
    }
    match format {
        Format::Polecat => polecat(t, &get, id),
        _ => icews(t, &get, id),
    }
}

fn bad_date(column: &str, value: &str) -> String {
    format!("{column} {value:?} is not a date in YYYY-MM-DD form (correct it; the row is skipped)")
}

fn icews<'a>(t: &Tables, get: &dyn Fn(&str) -> &'a str, id: &str) -> Result<ImportedEvent, String> {
    let date =
        parse_date(get("eventdate")).ok_or_else(|| bad_date("Event Date", get("eventdate")))?;
    let (cameo, entry) = t.cameo_entry(get("cameocode")).ok_or_else(|| {
        format!(
            "CAMEO Code {:?} is not a CAMEO event code (ICEWS uses CAMEO codes such as \"042\"; the row is skipped)",
            get("cameocode")
        )
    })?;
    let goldstein = match get("intensity") {
        "" => entry.goldstein,
        g => parse_goldstein("Intensity", g)?,
    };
    let source = named_actor(
        t,
        get("sourcename"),
        get("sourcecountry"),
        &[get("sourcesectors")],
    );
    let target = (!get("targetname").is_empty() || !get("targetcountry").is_empty()).then(|| {
        named_actor(
            t,
            get("targetname"),
            get("targetcountry"),
            &[get("targetsectors")],
        )
    });
    // The event text keeps where it was found, so that an analyst can go back to the story:
    // "Make a visit [story 41000001; sentence 2; Example Wire]".
    let place: Vec<String> = [
        ("story ", get("storyid")),
        ("sentence ", get("sentencenumber")),
        ("", get("publisher")),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}{v}"))
    .collect();
    let text = match (get("eventtext"), place.is_empty()) {
        ("", true) => None,
        ("", false) => Some(format!("[{}]", place.join("; "))),
        (e, true) => Some(e.to_string()),
        (e, false) => Some(format!("{e} [{}]", place.join("; "))),
    };
    Ok(ImportedEvent {
        format: Format::Icews,
        external_id: id.to_string(),
        date,
        source,
        target,
        cameo,
        plover: Some(entry.plover.clone()).filter(|p| !p.is_empty()),
        goldstein,
        quad: entry.quad.clone(),
        mentions: 1,
        url: None,
        text,
        provenance: Format::Icews.provenance(),
    })
}

fn polecat<'a>(
    t: &Tables,
    get: &dyn Fn(&str) -> &'a str,
    id: &str,
) -> Result<ImportedEvent, String> {
    // An event without its own date takes its report's publication date.
    let date = match get("eventdate") {
        "" if !get("publicationdate").is_empty() => parse_date(get("publicationdate"))
            .ok_or_else(|| bad_date("Publication Date", get("publicationdate")))?,
        d => parse_date(d).ok_or_else(|| bad_date("Event Date", d))?,
    };
    let (plover, root, type_quad) = codes::plover_type(get("eventtype")).ok_or_else(|| {
        format!(
            "Event Type {:?} is not a PLOVER event type (POLECAT uses AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE or ASSAULT; the row is skipped)",
            get("eventtype")
        )
    })?;
    let mode = get("eventmode");
    let cameo = mode
        .split([';', ','])
        .find_map(|m| codes::plover_mode(plover, m))
        .unwrap_or(root);
    let goldstein = match get("eventintensity") {
        "" => t.cameo_entry(cameo).map_or(0.0, |(_, e)| e.goldstein),
        g => parse_goldstein("Event Intensity", g)?,
    };
    // PLOVER fixes the quad class by type; the file's own Quad Code, when readable, is kept.
    let quad = codes::quad_from(get("quadcode")).unwrap_or(type_quad);
    let source = polecat_actor(
        t,
        get("actorname"),
        get("actorcountry"),
        get("primaryactorsector"),
        get("actorsectors"),
    );
    let target =
        (!get("recipientname").is_empty() || !get("recipientcountry").is_empty()).then(|| {
            polecat_actor(
                t,
                get("recipientname"),
                get("recipientcountry"),
                get("primaryrecipientsector"),
                get("recipientsectors"),
            )
        });
    let report = get("source");
    let is_url = report.starts_with("http://") || report.starts_with("https://");
    let details: Vec<String> = [
        ("mode: ", mode),
        ("contexts: ", get("contexts")),
        ("source: ", if is_url { "" } else { report }),
        ("published: ", get("publicationdate")),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}{v}"))
    .collect();
    Ok(ImportedEvent {
        format: Format::Polecat,
        external_id: id.to_string(),
        date,
        source,
        target,
        cameo: cameo.to_string(),
        plover: Some(plover.to_string()),
        goldstein,
        quad: quad.to_string(),
        mentions: 1,
        url: is_url.then(|| report.to_string()),
        text: (!details.is_empty()).then(|| details.join("; ")),
        provenance: Format::Polecat.provenance(),
    })
}

/// An ICEWS actor: its code from the country column, or else from its name ("United Nations",
/// or the country in a generic actor such as "Citizen (North Korea)"); its sector from the
/// sector column, or else from a generic actor's role ("Police (Kenya)").
fn named_actor(t: &Tables, name: &str, country: &str, sectors: &[&str]) -> ImportedActor {
    let generic = name
        .strip_suffix(')')
        .and_then(|n| n.rsplit_once('('))
        .map(|(role, place)| (role.trim(), place.trim()));
    let mut code = t.code_for_name(country);
    if code.is_empty() {
        code = match generic {
            Some((_, place)) => t.code_for_name(place),
            None => t.code_for_name(name),
        };
    }
    let mut sector = codes::best_sector(sectors.iter().copied());
    if sector.is_empty() {
        if let Some((role, _)) = generic {
            sector = codes::best_sector([role]);
        }
    }
    ImportedActor {
        code,
        sector: sector.to_string(),
        name: name.to_string(),
    }
}

/// A POLECAT actor: its code from the country column (an ISO code or a name; the first that
/// resolves when several are listed), or else from its name; its sector from the primary
/// sector, or else from the list of sectors.
fn polecat_actor(
    t: &Tables,
    name: &str,
    country: &str,
    primary: &str,
    sectors: &str,
) -> ImportedActor {
    let mut code = country
        .split(';')
        .map(|c| t.code_for_name(c))
        .find(|c| !c.is_empty())
        .unwrap_or_default();
    if code.is_empty() {
        code = t.code_for_name(name);
    }
    let mut sector = codes::best_sector([primary]);
    if sector.is_empty() {
        sector = codes::best_sector([sectors]);
    }
    ImportedActor {
        code,
        sector: sector.to_string(),
        name: name.to_string(),
    }
}
