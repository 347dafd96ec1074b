//! The tables that translate other data sets' codes into fulcrum's: CAMEO event codes, country
//! codes and names, IGO codes, sectors, and PLOVER types.
//!
//! The CAMEO table is the project's own (`data/cameo.toml`, loaded through `fulcrum-events`), and
//! the country and IGO names come from the gazetteer files (`data/actors/countries.toml` and
//! `igos.toml`), so that an imported event uses exactly the codes a coded one would. The small
//! tables in this file cover what those files cannot know: the CAMEO codes that differ from ISO
//! 3166, CAMEO's regional and known-group codes, and the sector vocabularies of ICEWS and POLECAT.

use fulcrum_events::patterns::CameoCode;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::sync::OnceLock;

/// The four quad classes, indexed by CAMEO's and PLOVER's numeric quad code minus one.
pub(crate) const QUADS: [&str; 4] = [
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
];

/// The quad class named by a numeric code (1 to 4) or by a label such as "Verbal Cooperation"
/// or "MATERIAL_CONFLICT".
pub(crate) fn quad_from(value: &str) -> Option<&'static str> {
    let v = value.trim();
    if let Ok(n) = v.parse::<usize>() {
        return (1..=4).contains(&n).then(|| QUADS[n - 1]);
    }
    let folded: String = v
        .chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    QUADS.iter().copied().find(|q| *q == folded)
}

/// Lookup tables built once from the project's data files.
pub(crate) struct Tables {
    /// CAMEO event codes of `data/cameo.toml`.
    pub cameo: FxHashMap<String, CameoCode>,
    /// Normalised country and IGO names (see [`normalise_name`]) to their code.
    names: FxHashMap<String, String>,
    /// Every state and IGO code the gazetteer uses.
    codes: FxHashSet<String>,
}

#[derive(Deserialize)]
struct NamedEntry {
    code: String,
    #[serde(default)]
    names: Vec<String>,
}

#[derive(Deserialize)]
struct CountryFile {
    #[serde(default)]
    country: Vec<NamedEntry>,
}

#[derive(Deserialize)]
struct IgoFile {
    #[serde(default)]
    igo: Vec<NamedEntry>,
}

const COUNTRIES: &str = include_str!("../../../data/actors/countries.toml");
const IGOS: &str = include_str!("../../../data/actors/igos.toml");

/// Country names that data sets write in ISO or UN style and the gazetteer does not list,
/// because news text never uses them. Names are in [`normalise_name`] form.
const EXTRA_NAMES: &[(&str, &str)] = &[
    // The ISO short name "Congo" is the Republic of the Congo; the gazetteer leaves the bare
    // word out because news uses it for both Congos, but a country column follows ISO.
    ("congo", "COG"),
    ("occupied palestinian territory", "PSE"),
    ("palestinian territory", "PSE"),
    ("libyan arab jamahiriya", "LBY"),
    ("serbia and montenegro", "SRB"),
    ("holy see vatican city state", "VAT"),
    ("taiwan province of china", "TWN"),
    ("korea north", "PRK"),
    ("korea south", "KOR"),
    ("macedonia the former yugoslav republic of", "MKD"),
    ("swaziland", "SWZ"),
    // Territories that are not states in the gazetteer keep their ISO 3166-1 code.
    ("puerto rico", "PRI"),
    ("greenland", "GRL"),
    ("guam", "GUM"),
    ("new caledonia", "NCL"),
    ("french polynesia", "PYF"),
    ("bermuda", "BMU"),
    ("cayman islands", "CYM"),
    ("aruba", "ABW"),
    ("curacao", "CUW"),
    ("faroe islands", "FRO"),
    ("gibraltar", "GIB"),
    ("falkland islands", "FLK"),
    ("falkland islands malvinas", "FLK"),
    ("reunion", "REU"),
    ("martinique", "MTQ"),
    ("guadeloupe", "GLP"),
    ("french guiana", "GUF"),
    ("mayotte", "MYT"),
    ("american samoa", "ASM"),
    ("virgin islands u s", "VIR"),
    ("united states virgin islands", "VIR"),
    ("british virgin islands", "VGB"),
    ("virgin islands british", "VGB"),
    ("anguilla", "AIA"),
    ("montserrat", "MSR"),
    ("turks and caicos islands", "TCA"),
    ("cook islands", "COK"),
    ("niue", "NIU"),
    ("isle of man", "IMN"),
    ("jersey", "JEY"),
    ("guernsey", "GGY"),
    ("northern mariana islands", "MNP"),
    ("netherlands antilles", "ANT"),
    ("antarctica", "ATA"),
];

/// CAMEO country codes that are not the ISO 3166-1 code fulcrum uses.
const CAMEO_COUNTRY_ALIASES: &[(&str, &str)] = &[
    // CAMEO kept the codes ISO used for Romania and East Timor before 2002.
    ("ROM", "ROU"),
    ("TMP", "TLS"),
    // Zaire is the Democratic Republic of the Congo's former name.
    ("ZAR", "COD"),
    // CAMEO dictionaries write Kosovo either way; fulcrum uses the common XKX.
    ("KSV", "XKX"),
    ("KOS", "XKX"),
    // The West Bank and the Gaza Strip are both Palestine in fulcrum.
    ("WSB", "PSE"),
    ("GZS", "PSE"),
    // Serbia and Montenegro is coded as its successor, Serbia.
    ("SCG", "SRB"),
];

/// CAMEO's international region codes and generic international actor codes: they name no
/// state, so an actor carrying one of them as its country gets no code.
const CAMEO_NON_STATES: &[&str] = &[
    "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM",
    "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST", "IGO",
    "NGO", "NGM", "IMG", "MNC", "INT", "UIS",
];

/// CAMEO known-group codes of intergovernmental organisations, and the code fulcrum's
/// gazetteer (`data/actors/igos.toml`) gives the same organisation. UN programmes and agencies
/// code as UNO except those the gazetteer keeps apart (IAEA, WHO, IMF, World Bank).
const KNOWN_GROUPS: &[(&str, &str)] = &[
    // The UN, then UNICEF, the refugee and human rights commissioners, FAO, WFP, ILO and
    // the UN's war crimes tribunals.
    ("UNO", "UNO"),
    ("KID", "UNO"),
    ("HCR", "UNO"),
    ("HCH", "UNO"),
    ("FAO", "UNO"),
    ("WFP", "UNO"),
    ("ILO", "UNO"),
    ("WCT", "UNO"),
    ("IAE", "IAEA"),
    ("WHO", "WHO"),
    ("IMF", "IMF"),
    ("WBK", "WBK"),
    ("WTO", "WTO"),
    ("ICC", "ICC"),
    ("ICJ", "ICJ"),
    ("NAT", "NATO"),
    ("EEC", "EU"),
    ("ASN", "ASEAN"),
    // The African Union succeeded the OAU in 2002.
    ("OAU", "AU"),
    ("ARL", "ARL"),
    ("GCC", "GCC"),
    ("SCE", "OSCE"),
    ("COE", "COE"),
    ("CIS", "CIS"),
    ("OAS", "OAS"),
    ("OIC", "OIC"),
    ("OPC", "OPEC"),
    ("WAS", "ECOWAS"),
    ("SAD", "SADC"),
    ("IAD", "IGAD"),
    ("GOS", "G7"),
    ("GOE", "G8"),
    ("ITP", "INTERPOL"),
    ("SAA", "SAARC"),
];

/// CAMEO actor type (role) codes and the fulcrum sector each stands for ("" for roles that
/// fulcrum does not distinguish, such as elites or criminals).
const CAMEO_TYPES: &[(&str, &str)] = &[
    ("GOV", "GOV"),
    ("MIL", "MIL"),
    ("COP", "POL"),
    ("POL", "POL"),
    ("SPY", "SPY"),
    ("JUD", "JUD"),
    ("LEG", "LEG"),
    ("OPP", "OPP"),
    ("PTY", "PTY"),
    ("REB", "REB"),
    ("INS", "REB"),
    ("SEP", "REB"),
    ("UAF", "REB"),
    ("IMG", "REB"),
    ("BUS", "BUS"),
    ("MNC", "BUS"),
    ("MED", "MED"),
    ("CVL", "CVL"),
    ("REF", "CVL"),
    ("LAB", "CVL"),
    ("SET", "CVL"),
    ("EDU", "EDU"),
    ("REL", "REL"),
    ("NGO", "NGO"),
    ("NGM", "NGO"),
    ("HRI", "NGO"),
    ("AGR", ""),
    ("CRM", ""),
    ("DEV", ""),
    ("ELI", ""),
    ("ENV", ""),
    ("HLH", ""),
    ("MOD", ""),
    ("RAD", ""),
    ("IGO", ""),
    ("INT", ""),
    ("UIS", ""),
];

/// Keywords of sector names in ICEWS and POLECAT, tried in order (so that "Nongovernmental"
/// is not read as government, nor "Popular Opposition" in a protest sector as the opposition).
/// Each rule's rank orders the sectors of an actor that has several: the most specific wins.
const SECTOR_WORDS: &[(&[&str], &str, u8)] = &[
    (&["ministry", "minister"], "GOV", 0),
    (
        &["nongovernment", "non-government", "non government", " ngo"],
        "NGO",
        14,
    ),
    (&["protest", " mob", " riot", "demonstrat"], "CVL", 15),
    (
        &[
            "rebel",
            "insurgen",
            "separatist",
            "militant",
            "guerrilla",
            "terroris",
            "paramilitar",
            "militia",
        ],
        "REB",
        1,
    ),
    (&["intelligence", "spy", "espionage"], "SPY", 2),
    (&["police", "law enforcement", "gendarm"], "POL", 3),
    (
        &[
            "military",
            "army",
            "navy",
            "naval",
            "air force",
            "armed forces",
            "marines",
            "coast guard",
            "troops",
            "soldier",
            "defense force",
            "defence force",
        ],
        "MIL",
        4,
    ),
    (&["judic", "court", "judge", "prosecut"], "JUD", 5),
    (
        &["legislat", "parliament", "congress", "senate", "lawmaker"],
        "LEG",
        6,
    ),
    (&["dissident", "opposition"], "OPP", 7),
    (&["party", "parties"], "PTY", 8),
    (&["media", "news", "journalis", "broadcast"], "MED", 10),
    (
        &[
            "business",
            "industr",
            "commerc",
            "corporat",
            "enterprise",
            "compan",
        ],
        "BUS",
        11,
    ),
    (
        &["educat", "student", "academ", "universit", "school"],
        "EDU",
        12,
    ),
    (
        &["relig", "clergy", "church", "mosque", "buddhis", "catholic"],
        "REL",
        13,
    ),
    (
        &[
            "government",
            "executive",
            "cabinet",
            "head of state",
            "diplomat",
            "provincial",
            "municipal",
        ],
        "GOV",
        9,
    ),
    (
        &[
            "civilian",
            "population",
            "citizen",
            "social",
            "labor",
            "labour",
            "worker",
            "refugee",
            "displaced",
            "activist",
        ],
        "CVL",
        15,
    ),
];

/// The 16 PLOVER event types, each with the CAMEO code that represents it when a data set gives
/// the type without a CAMEO code (POLECAT), and its quad class. The codes are CAMEO roots, except
/// RETREAT, whose CAMEO root (08, yield) belongs to CONCEDE in the CAMEO-to-PLOVER table, and
/// REQUEST, which is PLOVER's verbal conflict and so takes CAMEO 10 (demand) rather than 02
/// (appeal). SANCTION is material conflict, as in the PLOVER manual's category chapters and
/// CAMEO 16.
const PLOVER_TYPES: &[(&str, &str, usize)] = &[
    ("AGREE", "03", 1),
    ("CONSULT", "04", 1),
    ("SUPPORT", "05", 1),
    ("CONCEDE", "08", 1),
    ("COOPERATE", "06", 2),
    ("AID", "07", 2),
    ("RETREAT", "087", 2),
    ("REQUEST", "10", 3),
    ("ACCUSE", "11", 3),
    ("REJECT", "12", 3),
    ("THREATEN", "13", 3),
    ("PROTEST", "14", 4),
    ("SANCTION", "16", 4),
    ("MOBILIZE", "15", 4),
    ("COERCE", "17", 4),
    ("ASSAULT", "18", 4),
];

/// PLOVER modes that pin down a more specific CAMEO code, after the mode column of the
/// CAMEO-to-PLOVER table (2021). Each code's PLOVER type in `data/cameo.toml` is the type it is
/// listed under (a test checks this).
const PLOVER_MODES: &[(&str, &str, &str)] = &[
    ("CONSULT", "phone", "041"),
    ("CONSULT", "visit", "042"),
    ("CONSULT", "third-party", "044"),
    ("RETREAT", "release", "0841"),
    ("RETREAT", "return", "0842"),
    ("RETREAT", "ease", "085"),
    ("RETREAT", "access", "086"),
    ("RETREAT", "disarm", "087"),
    ("RETREAT", "ceasefire", "0871"),
    ("RETREAT", "withdraw", "0872"),
    ("REQUEST", "assist", "101"),
    ("REQUEST", "change", "104"),
    ("REQUEST", "yield", "105"),
    ("REQUEST", "meet", "106"),
    ("ACCUSE", "disapprove", "111"),
    ("ACCUSE", "allege", "112"),
    ("REJECT", "assist", "121"),
    ("REJECT", "change", "123"),
    ("REJECT", "yield", "124"),
    ("REJECT", "meet", "125"),
    ("THREATEN", "restrict", "1312"),
    ("THREATEN", "ban", "132"),
    ("THREATEN", "expel", "136"),
    ("THREATEN", "violence", "138"),
    ("THREATEN", "territory", "1382"),
    ("PROTEST", "demo", "141"),
    ("PROTEST", "hunger", "142"),
    ("PROTEST", "boycott", "143"),
    ("PROTEST", "obstruct", "144"),
    ("PROTEST", "riot", "145"),
    ("MOBILIZE", "police", "153"),
    ("MOBILIZE", "troops", "154"),
    ("SANCTION", "withdraw", "161"),
    ("SANCTION", "discontinue", "162"),
    ("SANCTION", "expel", "166"),
    ("COERCE", "seize", "171"),
    ("COERCE", "restrict", "172"),
    ("COERCE", "ban", "1722"),
    ("COERCE", "curfew", "1723"),
    ("COERCE", "martial-law", "1724"),
    ("COERCE", "arrest", "173"),
    ("COERCE", "deport", "174"),
    ("ASSAULT", "abduct", "181"),
    ("ASSAULT", "beat", "182"),
    ("ASSAULT", "sexual", "1821"),
    ("ASSAULT", "torture", "1822"),
    ("ASSAULT", "suicide-attack", "1831"),
    ("ASSAULT", "explosives", "1832"),
    ("ASSAULT", "assassinate", "186"),
    ("ASSAULT", "firearms", "193"),
    ("ASSAULT", "heavy-weapons", "194"),
    ("ASSAULT", "aerial", "195"),
    ("ASSAULT", "massacre", "202"),
    ("ASSAULT", "cleansing", "203"),
    ("ASSAULT", "unconventional", "204"),
];

static TABLES: OnceLock<Result<Tables, String>> = OnceLock::new();

/// The tables, built on first use. An error here means the built-in data files are broken,
/// which the crate's tests rule out; it is still reported rather than panicking.
pub(crate) fn tables() -> Result<&'static Tables, &'static str> {
    TABLES
        .get_or_init(Tables::build)
        .as_ref()
        .map_err(String::as_str)
}

impl Tables {
    fn build() -> Result<Tables, String> {
        let cameo = fulcrum_events::PatternSet::builtin()
            .map_err(|e| format!("the built-in CAMEO table does not load: {e}"))?
            .cameo;
        let countries: CountryFile = toml::from_str(COUNTRIES)
            .map_err(|e| format!("data/actors/countries.toml does not load: {e}"))?;
        let igos: IgoFile = toml::from_str(IGOS)
            .map_err(|e| format!("data/actors/igos.toml does not load: {e}"))?;
        let mut names: FxHashMap<String, String> = FxHashMap::default();
        let mut ambiguous: FxHashSet<String> = FxHashSet::default();
        let mut codes = FxHashSet::default();
        let entries = countries.country.iter().chain(igos.igo.iter());
        for e in entries {
            codes.insert(e.code.clone());
            for n in &e.names {
                let key = normalise_name(n);
                match names.get(&key) {
                    Some(c) if *c != e.code => {
                        ambiguous.insert(key);
                    }
                    _ => {
                        names.insert(key, e.code.clone());
                    }
                }
            }
        }
        // A name that stands for two entries would make the import guess; it codes as unknown.
        for key in ambiguous {
            names.remove(&key);
        }
        for (n, c) in EXTRA_NAMES {
            names
                .entry((*n).to_string())
                .or_insert_with(|| (*c).to_string());
        }
        Ok(Tables {
            cameo,
            names,
            codes,
        })
    }

    /// The most specific entry of the CAMEO table for `code`: the code itself, or else its
    /// three- and two-digit parents. A code that lost its leading zero ("42", as a spreadsheet
    /// writes "042") is read with it restored. Returns the code to record and its entry.
    pub fn cameo_entry(&self, code: &str) -> Option<(String, &CameoCode)> {
        let code = code.trim();
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let code = if self.cameo.contains_key(code) {
            code.to_string()
        } else {
            let padded = format!("0{code}");
            if code.len() < 4 && self.cameo.contains_key(&padded) {
                padded
            } else {
                code.to_string()
            }
        };
        let entry = [code.len(), 3, 2]
            .into_iter()
            .filter(|&n| n <= code.len())
            .find_map(|n| self.cameo.get(&code[..n]))?;
        Some((code, entry))
    }

    /// Whether `code` is a state or IGO code of the gazetteer.
    pub fn is_known_code(&self, code: &str) -> bool {
        self.codes.contains(code)
    }

    /// A three-letter CAMEO country code as the state code fulcrum uses, or `None` when it is
    /// no state fulcrum knows.
    pub fn cameo_state(&self, code: &str) -> Option<String> {
        if let Some((_, iso)) = CAMEO_COUNTRY_ALIASES.iter().find(|(c, _)| *c == code) {
            return Some((*iso).to_string());
        }
        (code.len() == 3 && self.codes.contains(code)).then(|| code.to_string())
    }

    /// A country code column's value (CAMEO in GDELT, ISO in POLECAT) as fulcrum's code: known
    /// states and aliases map, regions and generic international codes give "", and any other
    /// three-letter upper-case code is kept as it stands (ISO codes of territories such as PRI).
    pub fn country_code(&self, value: &str) -> String {
        let v = value.trim();
        if let Some(c) = self.cameo_state(v) {
            return c;
        }
        if CAMEO_NON_STATES.contains(&v) {
            return String::new();
        }
        if v.len() == 3 && v.bytes().all(|b| b.is_ascii_uppercase()) {
            return v.to_string();
        }
        String::new()
    }

    /// A country or IGO name (or code) as fulcrum's code, "" when unknown.
    pub fn code_for_name(&self, value: &str) -> String {
        let v = value.trim();
        if v.is_empty() {
            return String::new();
        }
        if v.len() == 3 && v.bytes().all(|b| b.is_ascii_uppercase()) {
            let c = self.country_code(v);
            if !c.is_empty() || CAMEO_NON_STATES.contains(&v) {
                return c;
            }
        }
        if self.is_known_code(v) {
            return v.to_string();
        }
        // "Korea, Republic of" is the inverted form of "Republic of Korea"; "Taiwan, Province
        // of China" is best read by its part before the comma.
        let mut candidates = vec![normalise_name(v)];
        if let Some((head, tail)) = v.split_once(',') {
            candidates.push(normalise_name(&format!("{tail} {head}")));
            candidates.push(normalise_name(head));
        }
        candidates
            .iter()
            .find_map(|k| self.names.get(k))
            .cloned()
            .unwrap_or_default()
    }
}

/// A name folded for lookup: lower case, common Latin diacritics removed, any parenthesised
/// part kept as words, punctuation other than hyphens and apostrophes turned into spaces, a
/// leading "the" dropped, and spaces collapsed. "Côte d’Ivoire" and "cote d'ivoire" agree.
pub(crate) fn normalise_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => {
                'a'
            }
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            '’' | '‘' | '`' => '\'',
            c => c,
        };
        if c.is_alphanumeric() || c == '\'' || c == '-' {
            out.extend(c.to_lowercase());
        } else {
            out.push(' ');
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ")
}

/// The fulcrum IGO code of a CAMEO known-group code, if it is an IGO fulcrum knows.
pub(crate) fn known_group(code: &str) -> Option<&'static str> {
    KNOWN_GROUPS
        .iter()
        .find(|(k, _)| *k == code.trim())
        .map(|(_, v)| *v)
}

/// The fulcrum sector of a CAMEO actor type code: `Some("")` for a role fulcrum does not
/// distinguish, `None` when the code is not a role at all.
pub(crate) fn cameo_type(code: &str) -> Option<&'static str> {
    CAMEO_TYPES
        .iter()
        .find(|(k, _)| *k == code.trim())
        .map(|(_, v)| *v)
}

/// The sector and its rank (lower is more specific) that one sector name of ICEWS or POLECAT
/// stands for, or a CAMEO-style code such as "GOV" or "COP".
fn sector_of(value: &str) -> Option<(&'static str, u8)> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if v.len() == 3 {
        if let Some(s) = cameo_type(&v.to_ascii_uppercase()) {
            return (!s.is_empty()).then(|| (s, rank_of(s)));
        }
    }
    // Padding with spaces lets a keyword with a leading space match only at a word start, so
    // that " ngo" finds "NGO" but not "Mongolia".
    let padded = format!(" {} ", v.to_lowercase());
    SECTOR_WORDS
        .iter()
        .find(|(words, _, _)| words.iter().any(|w| padded.contains(w)))
        .map(|(_, s, r)| (*s, *r))
}

/// The rank a sector code takes when it comes as a code rather than a name.
fn rank_of(sector: &str) -> u8 {
    SECTOR_WORDS
        .iter()
        .filter(|(words, s, _)| *s == sector && words[0] != "ministry")
        .map(|(_, _, r)| *r)
        .min()
        .unwrap_or(u8::MAX)
}

/// The one sector that best describes an actor listed with several sector names
/// ("Government,Executive,Cabinet" or "Police;Government"): ministries count as government,
/// and otherwise the most specific sector wins (rebels over police over military over the
/// courts, legislature, opposition, parties and government, then media, business and society).
pub(crate) fn best_sector<'a>(values: impl IntoIterator<Item = &'a str>) -> &'static str {
    values
        .into_iter()
        .flat_map(|v| v.split([',', ';', '|']))
        .filter_map(sector_of)
        .min_by_key(|(_, r)| *r)
        .map(|(s, _)| s)
        .unwrap_or("")
}

/// A PLOVER type's representative CAMEO code and quad class, given the type in any case.
pub(crate) fn plover_type(name: &str) -> Option<(&'static str, &'static str, &'static str)> {
    let upper = name.trim().to_ascii_uppercase();
    PLOVER_TYPES
        .iter()
        .find(|(t, _, _)| *t == upper)
        .map(|(t, c, q)| (*t, *c, QUADS[q - 1]))
}

/// The CAMEO code a PLOVER type takes with a given mode, if the mode narrows it down.
pub(crate) fn plover_mode(plover: &str, mode: &str) -> Option<&'static str> {
    let mode = mode.trim().to_ascii_lowercase().replace([' ', '_'], "-");
    PLOVER_MODES
        .iter()
        .find(|(t, m, _)| *t == plover && *m == mode)
        .map(|(_, _, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> &'static Tables {
        tables().expect("built-in tables load")
    }

    #[test]
    fn plover_tables_agree_with_the_cameo_table() {
        let t = t();
        for (plover, code, _) in PLOVER_TYPES {
            let (_, entry) = t.cameo_entry(code).expect(code);
            // CONCEDE and RETREAT share CAMEO 08; the code chosen for RETREAT is its own.
            assert_eq!(entry.plover, *plover, "{plover} -> {code}");
        }
        for (plover, mode, code) in PLOVER_MODES {
            let entry = t
                .cameo
                .get(*code)
                .unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!(entry.plover, *plover, "{plover}/{mode} -> {code}");
        }
    }

    #[test]
    fn known_groups_are_gazetteer_codes() {
        for (cameo, code) in KNOWN_GROUPS {
            assert!(t().is_known_code(code), "{cameo} -> {code}");
        }
        for (cameo, iso) in CAMEO_COUNTRY_ALIASES {
            assert!(t().is_known_code(iso), "{cameo} -> {iso}");
        }
    }

    #[test]
    fn names_resolve_in_iso_and_un_styles() {
        let t = t();
        for (name, code) in [
            ("North Korea", "PRK"),
            ("Korea, Republic of", "KOR"),
            ("Korea, Democratic People's Republic of", "PRK"),
            ("Russian Federation", "RUS"),
            ("United States", "USA"),
            ("Iran, Islamic Republic of", "IRN"),
            ("Congo, The Democratic Republic of the", "COD"),
            ("Congo", "COG"),
            ("Côte d’Ivoire", "CIV"),
            ("Occupied Palestinian Territory", "PSE"),
            ("Taiwan, Province of China", "TWN"),
            ("Bahamas, The", "BHS"),
            ("United Nations", "UNO"),
            ("USA", "USA"),
            ("ROM", "ROU"),
            ("EUR", ""),
            ("Atlantis", ""),
        ] {
            assert_eq!(t.code_for_name(name), code, "{name}");
        }
    }

    #[test]
    fn sectors_pick_the_most_specific() {
        assert_eq!(best_sector(["Government,Executive,Cabinet"]), "GOV");
        assert_eq!(best_sector(["Military,Government"]), "MIL");
        assert_eq!(best_sector(["Police;Government"]), "POL");
        assert_eq!(
            best_sector(["Defense / Security Ministry,Government,Military"]),
            "GOV"
        );
        assert_eq!(best_sector(["Nongovernmental Organizations,Social"]), "NGO");
        assert_eq!(
            best_sector(["Protestors / Popular Opposition / Mobs"]),
            "CVL"
        );
        assert_eq!(best_sector(["Rebels"]), "REB");
        assert_eq!(best_sector(["News,Media"]), "MED");
        assert_eq!(best_sector(["COP"]), "POL");
        assert_eq!(best_sector(["Elite"]), "");
        assert_eq!(best_sector([""]), "");
    }

    #[test]
    fn quads_read_numbers_and_labels() {
        assert_eq!(quad_from("1"), Some("verbal_cooperation"));
        assert_eq!(quad_from("4"), Some("material_conflict"));
        assert_eq!(quad_from("Verbal Conflict"), Some("verbal_conflict"));
        assert_eq!(
            quad_from("MATERIAL_COOPERATION"),
            Some("material_cooperation")
        );
        assert_eq!(quad_from("0"), None);
        assert_eq!(quad_from("x"), None);
    }

    #[test]
    fn cameo_codes_regain_a_lost_leading_zero() {
        let t = t();
        assert_eq!(t.cameo_entry("42").unwrap().0, "042");
        assert_eq!(t.cameo_entry("10").unwrap().0, "10");
        assert_eq!(t.cameo_entry("0999").unwrap().1.code, "09");
        assert!(t.cameo_entry("2x").is_none());
        assert!(t.cameo_entry("99").is_none());
        assert!(t.cameo_entry("").is_none());
    }
}
