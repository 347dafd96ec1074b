//! The pattern dictionary and the CAMEO table.

use fulcrum_actors::line_col;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::path::Path;

/// An error in a pattern or CAMEO file, naming the file, line and column and what is wrong.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(
        "{file}:{line}:{column}: {message} (fix the file; docs/patterns.md describes the format)"
    )]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}:{line}:{column}: pattern {id:?}: {message}")]
    Pattern {
        file: String,
        line: usize,
        column: usize,
        id: String,
        message: String,
    },
    #[error("{file}:{line}:{column}: CAMEO code {code:?}: {message} (fix the entry; the header of data/cameo.toml describes the format)")]
    Cameo {
        file: String,
        line: usize,
        column: usize,
        code: String,
        message: String,
    },
    #[error("{file}:{line}:{column}: {message} (fix the entry; docs/time.md describes the format of landmark files)")]
    Landmark {
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

/// One element of a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    /// One of these lemmas; `optional` for `(word)`.
    Word { alts: Vec<String>, optional: bool },
    /// The target actor.
    Target,
}

/// What a pattern requires of a description after its object: "called Xi" is a telephone
/// call, "called Xi a liar" an insult and "called Xi a great leader" praise. Only verbs of
/// naming ("call", "label") need to tell these apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Naming {
    /// No description may follow the object.
    None,
    /// A description follows the object and does not praise it.
    Blame,
    /// A description follows the object and praises it.
    Praise,
}

/// Whether the trigger is a verb or a noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerPos {
    Verb,
    Noun,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub id: String,
    pub cameo: String,
    pub plover: Option<String>,
    pub goldstein: f64,
    pub quad: String,
    pub pos: TriggerPos,
    /// The trigger's lemmas (alternatives).
    pub trigger: Vec<String>,
    /// The elements after the trigger.
    pub elems: Vec<Elem>,
    pub symmetric: bool,
    /// What the pattern requires of a description after the object, if anything.
    pub naming: Option<Naming>,
    pub phrase: String,
}

impl Pattern {
    /// How many fixed words the pattern has after its trigger; more specific patterns win.
    pub fn specificity(&self) -> usize {
        self.elems
            .iter()
            .map(|e| {
                matches!(
                    e,
                    Elem::Word {
                        optional: false,
                        ..
                    }
                ) as usize
                    * 2
                    + matches!(e, Elem::Target) as usize
            })
            .sum()
    }

    /// Whether `{target}` directly follows the trigger (a direct object).
    pub fn object_target(&self) -> bool {
        matches!(self.elems.first(), Some(Elem::Target))
    }
}

/// A CAMEO code's values.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CameoCode {
    pub code: String,
    pub name: String,
    pub goldstein: f64,
    pub quad: String,
    pub plover: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CameoFile {
    code: Vec<toml::Spanned<CameoCode>>,
}

/// The quad classes a CAMEO code may belong to.
const QUADS: &[&str] = &[
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternFile {
    plover: toml::Spanned<String>,
    #[serde(default)]
    pattern: Vec<toml::Spanned<RawPattern>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    id: String,
    cameo: String,
    #[serde(default)]
    verb: Option<String>,
    #[serde(default)]
    noun: Option<String>,
    #[serde(default)]
    symmetric: bool,
    #[serde(default)]
    naming: Option<Naming>,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

macro_rules! builtin_patterns {
    ($($name:literal),*) => {
        &[$(( concat!("data/patterns/", $name), include_str!(concat!("../../../data/patterns/", $name)) )),*]
    };
}

/// The built-in pattern files, embedded at compile time.
const BUILTIN: &[(&str, &str)] = builtin_patterns!(
    "agree.toml",
    "consult.toml",
    "support.toml",
    "concede.toml",
    "cooperate.toml",
    "aid.toml",
    "retreat.toml",
    "request.toml",
    "accuse.toml",
    "reject.toml",
    "threaten.toml",
    "protest.toml",
    "sanction.toml",
    "mobilize.toml",
    "coerce.toml",
    "assault.toml",
    "statement.toml",
    "appeal.toml"
);

const CAMEO: (&str, &str) = ("data/cameo.toml", include_str!("../../../data/cameo.toml"));

/// Words that never count as the trigger's prepositions or particles when deciding where a
/// target may start (used by the coder).
pub const PREPOSITIONS: &[&str] = &[
    "to", "with", "on", "against", "in", "at", "from", "for", "between", "of", "over", "into",
    "toward", "towards", "upon", "onto", "about", "by", "across", "among", "around", "through",
    "near", "off", "out", "down", "up", "inside", "within", "along", "behind",
];

impl PatternSet {
    /// The index of the pattern with this id: the coder re-reads some events under another
    /// pattern ("threatened to strike" is a threat, not a strike).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.patterns.iter().position(|p| p.id == id)
    }
}

/// All patterns, indexed by trigger lemma.
#[derive(Debug, Default, Clone)]
pub struct PatternSet {
    pub patterns: Vec<Pattern>,
    pub by_trigger: FxHashMap<String, Vec<usize>>,
    pub cameo: FxHashMap<String, CameoCode>,
    /// Every file loaded, with the SHA-256 of its text: what the coder's version is made of.
    pub loaded: Vec<(String, [u8; 32])>,
    /// For each CONCEDE pattern, its REJECT twin (CAMEO 124x, refuse to yield), used when the
    /// concession is negated ("refused to lift sanctions").
    pub refusals: FxHashMap<usize, usize>,
    /// For each COOPERATE and AID pattern, its SANCTION twin (CAMEO 163, or 162 for aid),
    /// used when the cooperation is what is banned, cut or capped ("ban exports to").
    pub restrictions: FxHashMap<usize, usize>,
}

impl PatternSet {
    /// The built-in dictionary.
    pub fn builtin() -> Result<PatternSet, LoadError> {
        let mut set = PatternSet::default();
        set.load_cameo(CAMEO.0, CAMEO.1)?;
        for (name, text) in BUILTIN {
            set.add_toml(name, text)?;
        }
        Ok(set)
    }

    /// An empty dictionary with only the built-in CAMEO table, ready for [`PatternSet::add_toml`]
    /// (what a checker of one pattern file, or a fuzzer, starts from).
    pub fn with_builtin_cameo() -> Result<PatternSet, LoadError> {
        let mut set = PatternSet::default();
        set.load_cameo(CAMEO.0, CAMEO.1)?;
        Ok(set)
    }

    /// Adds the codes of a CAMEO table in the format of `data/cameo.toml`; a code given again
    /// replaces the earlier one.
    pub fn add_cameo_toml(&mut self, file: &str, text: &str) -> Result<(), LoadError> {
        self.load_cameo(file, text)
    }

    /// Adds the `*.toml` files of `dir`, sorted by name.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), LoadError> {
        for (file, text) in fulcrum_actors::read_toml_dir(dir)
            .map_err(|(file, source)| LoadError::Io { file, source })?
        {
            self.add_toml(&file, &text)?;
        }
        Ok(())
    }

    fn load_cameo(&mut self, file: &str, text: &str) -> Result<(), LoadError> {
        use sha2::Digest;
        self.loaded.push((
            file.to_string(),
            sha2::Sha256::digest(text.as_bytes()).into(),
        ));
        let parsed: CameoFile = toml::from_str(text).map_err(|e| syntax(file, text, e))?;
        for c in parsed.code {
            let (line, column) = line_col(text, c.span().start);
            let c = c.into_inner();
            let bad = |message: String| LoadError::Cameo {
                file: file.to_string(),
                line,
                column,
                code: c.code.clone(),
                message,
            };
            if c.code.is_empty() || !c.code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad(
                    "a CAMEO code is written in digits, such as \"0431\"".into()
                ));
            }
            if !(-10.0..=10.0).contains(&c.goldstein) {
                return Err(bad(format!(
                    "goldstein = {} is outside the Goldstein scale, -10 to 10",
                    c.goldstein
                )));
            }
            if !QUADS.contains(&c.quad.as_str()) {
                return Err(bad(format!(
                    "quad = {:?} is not one of {}",
                    c.quad,
                    QUADS.join(", ")
                )));
            }
            self.cameo.insert(c.code.clone(), c);
        }
        Ok(())
    }

    /// Adds the patterns of one file; every problem is reported with its line.
    pub fn add_toml(&mut self, file: &str, text: &str) -> Result<(), LoadError> {
        use sha2::Digest;
        self.loaded.push((
            file.to_string(),
            sha2::Sha256::digest(text.as_bytes()).into(),
        ));
        let parsed: PatternFile = toml::from_str(text).map_err(|e| syntax(file, text, e))?;
        let (pline, pcolumn) = line_col(text, parsed.plover.span().start);
        let plover_name = parsed.plover.into_inner();
        let plover = if plover_name.is_empty() {
            None
        } else {
            // The PLOVER types are those data/cameo.toml maps codes to.
            if !self.cameo.values().any(|c| c.plover == plover_name) {
                let mut known: Vec<&str> = self
                    .cameo
                    .values()
                    .map(|c| c.plover.as_str())
                    .filter(|p| !p.is_empty())
                    .collect();
                known.sort_unstable();
                known.dedup();
                return Err(LoadError::Syntax {
                    file: file.to_string(),
                    line: pline,
                    column: pcolumn,
                    message: format!(
                        "plover = {plover_name:?} is not a PLOVER type; use one of {}",
                        known.join(", ")
                    ),
                });
            }
            Some(plover_name)
        };
        for sp in parsed.pattern {
            let (line, column) = line_col(text, sp.span().start);
            let raw = sp.into_inner();
            let err = |m: String| LoadError::Pattern {
                file: file.to_string(),
                line,
                column,
                id: raw.id.clone(),
                message: m,
            };
            let Some(code) = self.cameo.get(&raw.cameo) else {
                return Err(err(format!(
                    "CAMEO code {:?} is not in data/cameo.toml; use a code listed there",
                    raw.cameo
                )));
            };
            let (pos, phrase) = match (&raw.verb, &raw.noun) {
                (Some(v), None) => (TriggerPos::Verb, v.clone()),
                (None, Some(n)) => (TriggerPos::Noun, n.clone()),
                _ => return Err(err("give exactly one of `verb` or `noun`".into())),
            };
            let (trigger, elems) = parse_phrase(&phrase).map_err(err)?;
            if self.patterns.iter().any(|p| p.id == raw.id) {
                return Err(err("this id is already used by another pattern".into()));
            }
            let idx = self.patterns.len();
            for t in &trigger {
                self.by_trigger.entry(t.clone()).or_default().push(idx);
            }
            let refusal = (plover.as_deref() == Some("CONCEDE")).then(|| refusal_code(&raw.cameo));
            self.patterns.push(Pattern {
                id: raw.id,
                cameo: raw.cameo,
                plover: plover.clone(),
                goldstein: code.goldstein,
                quad: code.quad.clone(),
                pos,
                trigger,
                elems,
                symmetric: raw.symmetric,
                naming: raw.naming,
                phrase,
            });
            if let Some(code) = refusal.and_then(|c| self.cameo.get(c).cloned()) {
                let mut twin = self.patterns[idx].clone();
                twin.id = format!("{}.refused", twin.id);
                twin.cameo = code.code.clone();
                twin.goldstein = code.goldstein;
                twin.quad = code.quad.clone();
                twin.plover = Some("REJECT".into());
                self.refusals.insert(idx, self.patterns.len());
                self.patterns.push(twin);
            }
            let restricted = match self.patterns[idx].plover.as_deref() {
                Some("COOPERATE") => Some("163"),
                Some("AID") => Some("162"),
                _ => None,
            };
            if let Some(code) = restricted.and_then(|c| self.cameo.get(c).cloned()) {
                let mut twin = self.patterns[idx].clone();
                twin.id = format!("{}.restricted", twin.id);
                twin.cameo = code.code.clone();
                twin.goldstein = code.goldstein;
                twin.quad = code.quad.clone();
                twin.plover = Some("SANCTION".into());
                twin.symmetric = false;
                self.restrictions.insert(idx, self.patterns.len());
                self.patterns.push(twin);
            }
        }
        Ok(())
    }
}

/// The CAMEO "refuse to yield" code matching a "yield" code.
fn refusal_code(cameo: &str) -> &'static str {
    match cameo {
        c if c.starts_with("081") => "1241",
        "082" => "1242",
        c if c.starts_with("084") => "1243",
        "085" => "1244",
        c if c.starts_with("086") => "1245",
        c if c.starts_with("087") => "1246",
        _ => "124",
    }
}

fn syntax(file: &str, text: &str, e: toml::de::Error) -> LoadError {
    let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
    LoadError::Syntax {
        file: file.to_string(),
        line,
        column,
        message: e.message().to_string(),
    }
}

/// Parses a phrase such as `pay (official) visit to {target}`.
pub fn parse_phrase(phrase: &str) -> Result<(Vec<String>, Vec<Elem>), String> {
    let mut parts = phrase.split_whitespace();
    let first = parts.next().ok_or("the phrase is empty")?;
    if first.starts_with('(') || first.contains('{') {
        return Err(
            "the phrase must start with its trigger word, not an optional word or {target}".into(),
        );
    }
    let trigger: Vec<String> = first.split('|').map(|w| w.to_lowercase()).collect();
    let mut elems = Vec::new();
    for p in parts {
        if p == "{target}" {
            elems.push(Elem::Target);
            continue;
        }
        if p.contains('{') || p.contains('}') {
            return Err(format!("unknown slot {p:?}: the only slot is {{target}}"));
        }
        let (word, optional) = match p.strip_prefix('(').and_then(|q| q.strip_suffix(')')) {
            Some(inner) => (inner, true),
            None => (p, false),
        };
        if word.is_empty() || word.contains(['(', ')']) {
            return Err(format!("malformed element {p:?}"));
        }
        elems.push(Elem::Word {
            alts: word.split('|').map(|w| w.to_lowercase()).collect(),
            optional,
        });
    }
    Ok((trigger, elems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_parse() {
        let (t, e) = parse_phrase("impose sanction on|against {target}").unwrap();
        assert_eq!(t, vec!["impose"]);
        assert_eq!(e.len(), 3);
        assert_eq!(e[2], Elem::Target);
        assert!(parse_phrase("(with) meet").is_err());
        assert!(parse_phrase("meet {source}").is_err());
    }

    #[test]
    fn errors_name_file_and_line() {
        let mut set = PatternSet::default();
        set.load_cameo(CAMEO.0, CAMEO.1).unwrap();
        let text = "plover = \"CONSULT\"\n\n[[pattern]]\nid = \"x\"\ncameo = \"999\"\nverb = \"visit {target}\"\n";
        let e = set.add_toml("consult.toml", text).unwrap_err().to_string();
        assert!(
            e.starts_with("consult.toml:3:") || e.starts_with("consult.toml:4:"),
            "{e}"
        );
        assert!(e.contains("999"), "{e}");
    }

    #[test]
    fn builtin_dictionary_loads() {
        let set = PatternSet::builtin().unwrap();
        assert!(
            set.patterns.len() >= 400,
            "only {} patterns",
            set.patterns.len()
        );
        for p in &set.patterns {
            let c = &set.cameo[&p.cameo];
            assert_eq!(p.goldstein, c.goldstein);
        }
    }
}
