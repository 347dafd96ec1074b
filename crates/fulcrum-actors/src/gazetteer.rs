//! Loading the gazetteer files into lookup tables.

use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// An error in a gazetteer file, with where it is and what to do.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{file}:{line}:{column}: {message} (fix the entry, or remove the file to use the built-in gazetteer; docs/actors.md describes the format)")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{file}:{line}:{column}: {message} (fix the entry; docs/actors.md describes the format)"
    )]
    Invalid {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
}

/// What a lexical item in the gazetteer stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    /// A state's name ("North Korea").
    Country(String),
    /// A state's adjective or demonym ("North Korean").
    Adjective(String),
    /// A metonym for a state's institution ("Pyongyang" → GOV, "the Pentagon" → MIL).
    Metonym(String, String),
    /// An international organisation.
    Igo(String),
    /// A named agency with its own state and sector ("Federal Security Service").
    Named(String, String),
    /// A sector word ("navy", "Foreign Ministry") that combines with a state.
    Sector(String),
    /// An office title ("Foreign Minister"), with the sector its holder belongs to.
    Title(String),
    /// A person's full name.
    Person(usize),
    /// A person's surname, which resolves only in context.
    Surname(usize),
    /// A title that belongs to one state ("Taoiseach"), with its state and sector.
    StateTitle(String, String),
    /// A phrase that must never be coded ("South China Sea"): it hides the names inside it.
    NotActor,
}

/// One office held by a person, with its dates (`YYYY-MM-DD`; empty `to` means still held).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub title: String,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// The state or IGO the office belongs to when it is not the person's own ("UNO" for a
    /// UN Secretary-General).
    #[serde(default)]
    pub country: String,
    /// Offices several people hold at once (spokespeople, senators).
    #[serde(default)]
    pub shared: bool,
}

/// A person of the gazetteer.
#[derive(Debug, Clone, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub surname: String,
    #[serde(default)]
    pub surname_variants: Vec<String>,
    pub country: String,
    #[serde(default)]
    pub roles: Vec<Role>,
}

impl Person {
    /// The role held on `date` (`YYYY-MM-DD`) — the most recently begun one when several are
    /// held at once — or else the latest role begun by then, or else the first role.
    pub fn role_on(&self, date: Option<&str>) -> Option<&Role> {
        let Some(date) = date else {
            return self.roles.iter().max_by(|a, b| a.from.cmp(&b.from));
        };
        let held = self
            .roles
            .iter()
            .filter(|r| r.from.as_str() <= date && (r.to.is_empty() || date <= r.to.as_str()))
            .max_by(|a, b| a.from.cmp(&b.from));
        held.or_else(|| {
            self.roles
                .iter()
                .filter(|r| r.from.as_str() <= date)
                .max_by(|a, b| a.from.cmp(&b.from))
        })
        .or(self.roles.first())
    }

    /// The sector of the office held on `date`; "ELI" (the former-officials elite, not the
    /// government) for someone whose offices all ended before it; "" before any office began
    /// and for people without roles. Without a date, the latest office's sector.
    pub fn sector_on(&self, date: Option<&str>) -> String {
        if let Some(d) = date {
            let held = self
                .roles
                .iter()
                .any(|r| r.from.as_str() <= d && (r.to.is_empty() || d < r.to.as_str()));
            if !held {
                let began = self.roles.iter().any(|r| r.from.as_str() <= d);
                return if began { "ELI" } else { "" }.to_string();
            }
        }
        self.role_on(date)
            .map(|r| r.sector.clone())
            .unwrap_or_default()
    }

    /// Whether the person holds no office on `date` but held one before it.
    pub fn is_former_on(&self, date: Option<&str>) -> bool {
        self.sector_on(date) == "ELI"
    }

    /// The state or IGO the person acts for on `date`: the office's own when it names one;
    /// the person's own country for someone out of office (a former UN Secretary-General
    /// speaks for their country, not the UN).
    pub fn code_on(&self, date: Option<&str>) -> String {
        if self.is_former_on(date) {
            return self.country.clone();
        }
        match self.role_on(date) {
            Some(r) if !r.country.is_empty() => r.country.clone(),
            _ => self.country.clone(),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    not_actors: Vec<String>,
    #[serde(default)]
    country: Vec<Spanned<CountryEntry>>,
    #[serde(default)]
    igo: Vec<Spanned<IgoEntry>>,
    #[serde(default)]
    sector: Vec<Spanned<SectorEntry>>,
    #[serde(default)]
    named: Vec<Spanned<NamedEntry>>,
    #[serde(default)]
    title: Vec<Spanned<TitleEntry>>,
    #[serde(default)]
    person: Vec<Spanned<PersonEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryEntry {
    code: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
    #[serde(default)]
    government: Vec<String>,
    #[serde(default)]
    military: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IgoEntry {
    code: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectorEntry {
    code: String,
    words: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedEntry {
    names: Vec<String>,
    code: String,
    sector: String,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TitleEntry {
    words: Vec<String>,
    sector: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

// The fields of `Person` are repeated rather than flattened in, because serde cannot refuse
// unknown keys (a misspelt `varients`) in a flattened struct.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonEntry {
    name: String,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    surname: String,
    #[serde(default)]
    surname_variants: Vec<String>,
    country: String,
    #[serde(default)]
    roles: Vec<Role>,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

/// The built-in gazetteer files, embedded at compile time.
const BUILTIN: &[(&str, &str)] = &[
    (
        "data/actors/countries.toml",
        include_str!("../../../data/actors/countries.toml"),
    ),
    (
        "data/actors/igos.toml",
        include_str!("../../../data/actors/igos.toml"),
    ),
    (
        "data/actors/sectors.toml",
        include_str!("../../../data/actors/sectors.toml"),
    ),
    (
        "data/actors/titles.toml",
        include_str!("../../../data/actors/titles.toml"),
    ),
    (
        "data/actors/people.toml",
        include_str!("../../../data/actors/people.toml"),
    ),
];

/// Lookup tables over token sequences.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Case-sensitive entries keyed by their first token's normalised text; each candidate is
    /// the remaining tokens and the item.
    pub(crate) exact: FxHashMap<String, Vec<(Vec<String>, Item)>>,
    /// Case-insensitive entries (sector words and titles), keyed by the lower-cased first token.
    pub(crate) folded: FxHashMap<String, Vec<(Vec<String>, Item)>>,
    pub people: Vec<Person>,
    /// How many people share each surname; a surname shared by several resolves only through
    /// an earlier mention in the same document.
    pub(crate) surname_count: FxHashMap<String, usize>,
    /// Every file loaded, with the SHA-256 of its text: what the coder's version is made of.
    pub loaded: Vec<(String, [u8; 32])>,
}

/// Normalises a token for lookup: curly apostrophes and quotes become straight ones.
pub(crate) fn norm(tok: &str) -> String {
    tok.replace(['’', '‘'], "'")
}

fn split_name(name: &str) -> Vec<String> {
    let t = name.trim();
    fulcrum_text::tokenize(t, (0, t.len()))
        .iter()
        .map(|k| norm(k.text(t)))
        .collect()
}

impl Gazetteer {
    /// The built-in gazetteer.
    pub fn builtin() -> Result<Gazetteer, LoadError> {
        let mut g = Gazetteer::default();
        for (name, text) in BUILTIN {
            g.add_toml(name, text)?;
        }
        Ok(g)
    }

    /// Adds every `*.toml` file of `dir` (sorted by name, so the result does not depend on the
    /// order the file system lists them in).
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), LoadError> {
        for (file, text) in
            read_toml_dir(dir).map_err(|(file, source)| LoadError::Io { file, source })?
        {
            self.add_toml(&file, &text)?;
        }
        Ok(())
    }

    /// Adds the entries of one gazetteer file.
    pub fn add_toml(&mut self, file: &str, text: &str) -> Result<(), LoadError> {
        use sha2::Digest;
        self.loaded.push((
            file.to_string(),
            sha2::Sha256::digest(text.as_bytes()).into(),
        ));
        let parsed: File = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
            LoadError::Syntax {
                file: file.to_string(),
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        let bad = |at: usize, m: String| {
            let (line, column) = line_col(text, at);
            LoadError::Invalid {
                file: file.to_string(),
                line,
                column,
                message: m,
            }
        };
        for n in &parsed.not_actors {
            self.add_exact(n, Item::NotActor);
        }
        for c in parsed.country {
            let at = c.span().start;
            let c = c.into_inner();
            if !is_code(&c.code) {
                return Err(bad(
                    at,
                    format!(
                        "country code {:?} is not a three-letter code in capitals (such as \"PRK\")",
                        c.code
                    ),
                ));
            }
            for n in &c.names {
                self.add_exact(n, Item::Country(c.code.clone()));
            }
            for n in &c.adjectives {
                self.add_exact(n, Item::Adjective(c.code.clone()));
            }
            for n in &c.government {
                self.add_exact(n, Item::Metonym(c.code.clone(), "GOV".into()));
            }
            for n in &c.military {
                self.add_exact(n, Item::Metonym(c.code.clone(), "MIL".into()));
            }
        }
        for o in parsed.igo {
            let at = o.span().start;
            let o = o.into_inner();
            if o.code.trim().is_empty() {
                return Err(bad(at, "this organisation has an empty code".into()));
            }
            for n in &o.names {
                self.add_exact(n, Item::Igo(o.code.clone()));
            }
            for n in &o.adjectives {
                self.add_exact(n, Item::Igo(o.code.clone()));
            }
        }
        for n in parsed.named {
            let n = n.into_inner();
            for name in &n.names {
                self.add_exact(name, Item::Named(n.code.clone(), n.sector.clone()));
            }
        }
        for s in parsed.sector {
            let s = s.into_inner();
            for w in &s.words {
                self.add_folded(w, Item::Sector(s.code.clone()));
            }
        }
        for t in parsed.title {
            let at = t.span().start;
            let t = t.into_inner();
            if !t.country.is_empty() && !is_code(&t.country) {
                return Err(bad(
                    at,
                    format!(
                        "title {:?}: country {:?} is not a three-letter code in capitals",
                        t.words.first().map(String::as_str).unwrap_or(""),
                        t.country
                    ),
                ));
            }
            for w in &t.words {
                if t.country.is_empty() {
                    self.add_folded(w, Item::Title(t.sector.clone()));
                } else {
                    self.add_exact(w, Item::StateTitle(t.country.clone(), t.sector.clone()));
                }
            }
        }
        for p in parsed.person {
            let at = p.span().start;
            let e = p.into_inner();
            let p = Person {
                name: e.name,
                variants: e.variants,
                surname: e.surname,
                surname_variants: e.surname_variants,
                country: e.country,
                roles: e.roles,
            };
            if p.name.trim().is_empty() {
                return Err(bad(at, "this person has an empty name".into()));
            }
            if p.country.len() != 3 {
                return Err(bad(
                    at,
                    format!(
                        "person {:?}: country {:?} is not a three-letter code",
                        p.name, p.country
                    ),
                ));
            }
            for r in &p.roles {
                for (key, d) in [("from", &r.from), ("to", &r.to)] {
                    if !d.is_empty() && !is_date(d) {
                        return Err(bad(
                            at,
                            format!(
                                "person {:?}, role {:?}: {key} = {d:?} is not a date as YYYY-MM-DD (leave `to` out while the office is held)",
                                p.name, r.title
                            ),
                        ));
                    }
                }
                if !r.from.is_empty() && !r.to.is_empty() && r.from > r.to {
                    return Err(bad(
                        at,
                        format!(
                            "person {:?}, role {:?}: it ends ({}) before it begins ({})",
                            p.name, r.title, r.to, r.from
                        ),
                    ));
                }
            }
            let idx = self.people.len();
            let mut names = vec![p.name.clone()];
            names.extend(p.variants.iter().cloned());
            for n in &names {
                self.add_exact(n, Item::Person(idx));
            }
            if !p.surname.is_empty() {
                *self.surname_count.entry(p.surname.clone()).or_default() += 1;
                self.add_exact(&p.surname, Item::Surname(idx));
            }
            for v in &p.surname_variants {
                self.add_exact(v, Item::Surname(idx));
            }
            self.people.push(p);
        }
        Ok(())
    }

    fn add_exact(&mut self, name: &str, item: Item) {
        let toks = split_name(name);
        // "the White House": a leading article is optional in text, so index without it.
        let toks: Vec<String> = if toks.len() > 1 && toks[0].eq_ignore_ascii_case("the") {
            toks[1..].to_vec()
        } else {
            toks
        };
        if let Some((first, rest)) = toks.split_first() {
            let list = self.exact.entry(first.clone()).or_default();
            if !list.iter().any(|(r, i)| r == rest && *i == item) {
                list.push((rest.to_vec(), item));
            }
        }
    }

    fn add_folded(&mut self, name: &str, item: Item) {
        let toks: Vec<String> = split_name(name)
            .into_iter()
            .map(|t| t.to_lowercase())
            .collect();
        let toks: Vec<String> = if toks.len() > 1 && toks[0] == "the" {
            toks[1..].to_vec()
        } else {
            toks
        };
        if let Some((first, rest)) = toks.split_first() {
            let list = self.folded.entry(first.clone()).or_default();
            if !list.iter().any(|(r, i)| r == rest && *i == item) {
                list.push((rest.to_vec(), item));
            }
        }
    }

    /// Every state code the gazetteer knows (for validation and tests).
    pub fn country_codes(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .exact
            .values()
            .flatten()
            .filter_map(|(_, i)| {
                if let Item::Country(c) = i {
                    Some(c.clone())
                } else {
                    None
                }
            })
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// The `*.toml` files of `dir` with their text, sorted by name so that what is loaded does not
/// depend on the order the file system lists them in. An error names the path it is about.
pub fn read_toml_dir(dir: &Path) -> Result<Vec<(String, String)>, (String, std::io::Error)> {
    let rd = std::fs::read_dir(dir).map_err(|e| (dir.display().to_string(), e))?;
    let mut paths: Vec<_> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            std::fs::read_to_string(&p)
                .map(|t| (p.display().to_string(), t))
                .map_err(|e| (p.display().to_string(), e))
        })
        .collect()
}

/// A state code as the gazetteer writes them: three capital letters.
fn is_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether `d` is a calendar date written `YYYY-MM-DD` (month 1-12, day 1-31).
fn is_date(d: &str) -> bool {
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) {
        return false;
    }
    if !digits(8..10) {
        return false;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// 1-based line and column of byte offset `pos`.
pub fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let mut pos = pos.min(text.len());
    // An offset inside a character counts as that character's start.
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &text[..pos];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_of_an_offset_inside_a_character_is_that_characters_place() {
        let text = "a\n\u{00e9}t\u{00e9}";
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 4), (2, 2));
        assert_eq!(line_col(text, 99), (2, 4));
    }

    #[test]
    fn a_misspelt_key_in_any_entry_is_refused() {
        for entry in ["country", "igo", "sector", "named", "title", "person"] {
            let text = format!("[[{entry}]]\nspelling = \"x\"\n");
            let e = Gazetteer::default()
                .add_toml("x.toml", &text)
                .unwrap_err()
                .to_string();
            assert!(e.contains("unknown field `spelling`"), "{entry}: {e}");
        }
    }
}
