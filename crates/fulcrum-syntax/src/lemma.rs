//! Lemmatisation: the dictionary form of a tagged word ("seized"/VBD → "seize").
//!
//! Event patterns are written against lemmas, so that one pattern for "seize" matches
//! "seized", "seizes" and "seizing". The lemmatiser works in three layers, most specific
//! first:
//!
//! 1. a lexicon of (lowercased form, PTB tag) → lemma pairs, built from the UD English-EWT
//!    training split by the `train-tagger` binary and embedded in the crate
//!    (`data/models/lemmas.tsv.gz`), which follows the treebank's conventions;
//! 2. hand-written tables of irregular English verbs, nouns and adjectives, so that common
//!    news verbs the web treebank happens not to contain ("fought", "slew") still work;
//! 3. rules for regular inflection (-ed, -ing, -s, -er, -est) that undo consonant doubling
//!    and restore a dropped final "e", for the open-ended vocabulary of the news.
//!
//! Lemmas are always lowercase, with curly apostrophes and quotes replaced by ASCII ones.
//! Proper nouns keep their (lowercased) form: "States" stays "states", because actor
//! dictionaries match names as written, not as singularised.

use std::borrow::Cow;
use std::io::Read;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::conllu::Word;
use crate::tagger::{normalise_into, static_xpos, Tag, Upos};

/// The committed lexicon, gzip-compressed. Rebuild with `cargo run --release --bin train-tagger`.
static EMBEDDED_LEXICON: &[u8] = include_bytes!("../../../data/models/lemmas.tsv.gz");

/// Returns the lowercase lemma of `word` given its tag, using the embedded lexicon.
///
/// It borrows `word` when the word is already its own lemma, so the common case does not
/// allocate. Unknown words are lemmatised by rule, so every input gives an answer.
///
/// # Panics
///
/// Panics if the committed lexicon `data/models/lemmas.tsv.gz` is not a valid lexicon,
/// which only happens if the file was replaced by something the training binary did not
/// write.
pub fn lemma(word: &str, tag: Tag) -> Cow<'_, str> {
    LemmaLexicon::embedded().lemma(word, tag)
}

/// Why a serialised lemma lexicon could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The bytes looked gzip-compressed but did not decompress.
    #[error("could not decompress the lemma lexicon: {0}")]
    Decompress(#[from] std::io::Error),
    /// The text is not UTF-8.
    #[error("the lemma lexicon is not UTF-8")]
    NotUtf8,
    /// A line does not have the three tab-separated fields `form`, `xpos` and `lemma`, or
    /// names an unknown PTB tag.
    #[error("line {line} of the lemma lexicon is malformed")]
    Malformed {
        /// 1-based line number.
        line: usize,
    },
}

/// A table from (lowercased form, PTB tag) to lemma, learnt from a treebank.
///
/// Most code should call [`lemma`], which uses the embedded lexicon; this type exists so
/// that the training binary can build, save and evaluate a new one.
#[derive(Clone, Default)]
pub struct LemmaLexicon {
    /// Lowercased, normalised form → (PTB tag, lemma) pairs, most frequent tag first.
    entries: FxHashMap<Box<str>, Vec<(&'static str, Box<str>)>>,
}

impl std::fmt::Debug for LemmaLexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LemmaLexicon")
            .field("forms", &self.entries.len())
            .field("entries", &self.len())
            .finish()
    }
}

impl LemmaLexicon {
    /// Returns the lexicon built from UD English-EWT that is compiled into the crate,
    /// decoding it on the first call only.
    ///
    /// # Panics
    ///
    /// Panics if the committed lexicon file is invalid (see [`lemma`]).
    pub fn embedded() -> &'static LemmaLexicon {
        static LEXICON: OnceLock<LemmaLexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            LemmaLexicon::from_bytes(EMBEDDED_LEXICON).unwrap_or_else(|e| {
                panic!(
                    "the embedded lemma lexicon data/models/lemmas.tsv.gz is invalid ({e}); \
                     rebuild it with `cargo run --release --bin train-tagger`"
                )
            })
        })
    }

    /// Builds a lexicon from treebank sentences, keeping for every (form, tag) pair the lemma
    /// the annotators chose most often. Proper nouns are left out, since their lemma is
    /// their form by this crate's convention.
    pub fn build(sentences: &[Vec<Word>]) -> LemmaLexicon {
        let mut counts: FxHashMap<(String, &'static str), FxHashMap<String, u32>> =
            FxHashMap::default();
        let mut form = String::new();
        let mut lemma = String::new();
        for w in sentences.iter().flatten() {
            let Some(xpos) = static_xpos(&w.xpos) else {
                continue;
            };
            if matches!(xpos, "NNP" | "NNPS") || w.upos == "PROPN" || w.lemma == "_" {
                continue;
            }
            normalise_into(&w.form, true, &mut form);
            normalise_into(&w.lemma, true, &mut lemma);
            if form.is_empty() || lemma.is_empty() || has_separator(&form) || has_separator(&lemma)
            {
                continue;
            }
            *counts
                .entry((form.clone(), xpos))
                .or_default()
                .entry(lemma.clone())
                .or_default() += 1;
        }
        let mut by_form: FxHashMap<String, Vec<(u32, &'static str, String)>> = FxHashMap::default();
        for ((form, xpos), lemmas) in counts {
            let total: u32 = lemmas.values().sum();
            let (lemma, _) = lemmas
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .expect("at least one lemma");
            by_form.entry(form).or_default().push((total, xpos, lemma));
        }
        let entries = by_form
            .into_iter()
            .map(|(form, mut list)| {
                list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
                let list = list
                    .into_iter()
                    .map(|(_, x, l)| (x, l.into_boxed_str()))
                    .collect();
                (form.into_boxed_str(), list)
            })
            .collect();
        LemmaLexicon { entries }
    }

    /// Number of (form, tag) entries.
    pub fn len(&self) -> usize {
        self.entries.values().map(Vec::len).sum()
    }

    /// Whether the lexicon has an entry for `word` (compared lowercased), under any tag.
    pub fn contains(&self, word: &str) -> bool {
        self.entries.contains_key(&*normalised_lowercase(word))
    }

    /// Whether the lexicon has no entries (every word then goes to the tables and rules).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Writes the lexicon as text, one `form<TAB>xpos<TAB>lemma` line per entry, sorted by
    /// form with each form's most frequent tag first. Text keeps the committed file
    /// reviewable; it is stored gzip-compressed.
    pub fn to_tsv(&self) -> String {
        let mut forms: Vec<&Box<str>> = self.entries.keys().collect();
        forms.sort();
        let mut out = String::new();
        for form in forms {
            for (xpos, lemma) in &self.entries[form] {
                out.push_str(form);
                out.push('\t');
                out.push_str(xpos);
                out.push('\t');
                out.push_str(lemma);
                out.push('\n');
            }
        }
        out
    }

    /// Reads a lexicon written by [`LemmaLexicon::to_tsv`].
    pub fn from_tsv(text: &str) -> Result<LemmaLexicon, LexiconError> {
        let mut entries: FxHashMap<Box<str>, Vec<(&'static str, Box<str>)>> = FxHashMap::default();
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() {
                continue;
            }
            let mut fields = line.split('\t');
            let (Some(form), Some(xpos), Some(lemma), None) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                return Err(LexiconError::Malformed { line: i + 1 });
            };
            let xpos = static_xpos(xpos).ok_or(LexiconError::Malformed { line: i + 1 })?;
            if form.is_empty() || lemma.is_empty() {
                return Err(LexiconError::Malformed { line: i + 1 });
            }
            entries
                .entry(form.into())
                .or_default()
                .push((xpos, lemma.into()));
        }
        Ok(LemmaLexicon { entries })
    }

    /// Reads a lexicon from the bytes of a `.tsv` or `.tsv.gz` file (gzip is detected by its
    /// magic number).
    pub fn from_bytes(b: &[u8]) -> Result<LemmaLexicon, LexiconError> {
        if b.starts_with(&[0x1f, 0x8b]) {
            let mut text = String::new();
            flate2::read::GzDecoder::new(b).read_to_string(&mut text)?;
            return LemmaLexicon::from_tsv(&text);
        }
        LemmaLexicon::from_tsv(std::str::from_utf8(b).map_err(|_| LexiconError::NotUtf8)?)
    }

    /// Returns the lowercase lemma of `word` given its tag (see [`lemma`]).
    pub fn lemma<'a>(&'a self, word: &'a str, tag: Tag) -> Cow<'a, str> {
        let key = normalised_lowercase(word);
        if tag.upos == Upos::Propn || matches!(tag.xpos, "NNP" | "NNPS") {
            return key;
        }
        if let Some(l) = self.lookup(&key, tag) {
            return Cow::Borrowed(l);
        }
        let xpos = effective_xpos(&key, tag);
        if let Some(l) = irregular(&key, xpos) {
            return l;
        }
        match regular(&key, xpos) {
            Some(l) => Cow::Owned(l),
            None => key,
        }
    }

    fn lookup(&self, key: &str, tag: Tag) -> Option<&str> {
        let list = self.entries.get(key)?;
        let find = |x: &str| list.iter().find(|e| e.0 == x).map(|e| &*e.1);
        if let Some(l) = find(tag.xpos) {
            return Some(l);
        }
        // Tags that share the form share the lemma: past tense and participle, base form
        // and non-third-person present.
        let similar = match tag.xpos {
            "VBD" => "VBN",
            "VBN" => "VBD",
            "VB" => "VBP",
            "VBP" => "VB",
            _ => "",
        };
        if let Some(l) = find(similar) {
            return Some(l);
        }
        // A caller that has only the UPOS tag gets the most frequent entry of that family.
        if static_xpos(tag.xpos).is_none() {
            return list
                .iter()
                .find(|e| xpos_family(e.0) == Some(tag.upos))
                .map(|e| &*e.1);
        }
        None
    }
}

fn has_separator(s: &str) -> bool {
    s.contains(['\t', '\n', '\r'])
}

/// Lowercases `word` and maps curly apostrophes and quotes to ASCII, borrowing when nothing
/// changes.
fn normalised_lowercase(word: &str) -> Cow<'_, str> {
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    normalise_into(word, true, &mut out);
    if out == word {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(out)
    }
}

/// The UPOS tag that most words with this PTB tag have, used to match a UPOS-only query
/// against lexicon entries.
fn xpos_family(xpos: &str) -> Option<Upos> {
    Some(match xpos {
        "VB" | "VBD" | "VBG" | "VBN" | "VBP" | "VBZ" => Upos::Verb,
        "MD" => Upos::Aux,
        "NN" | "NNS" => Upos::Noun,
        "JJ" | "JJR" | "JJS" => Upos::Adj,
        "RB" | "RBR" | "RBS" | "WRB" => Upos::Adv,
        "PRP" | "PRP$" | "WP" | "WP$" | "EX" => Upos::Pron,
        "DT" | "PDT" | "WDT" => Upos::Det,
        "CD" => Upos::Num,
        _ => return None,
    })
}

/// The PTB tag to apply the rules for. When the caller supplied only a UPOS tag (an XPOS
/// that is not a PTB tag), the inflection is guessed from the ending.
fn effective_xpos(key: &str, tag: Tag) -> &'static str {
    if let Some(x) = static_xpos(tag.xpos) {
        return x;
    }
    match tag.upos {
        Upos::Verb | Upos::Aux if key.ends_with("ed") => "VBD",
        Upos::Verb | Upos::Aux if key.ends_with("ing") => "VBG",
        Upos::Verb | Upos::Aux if key.ends_with('s') && !key.ends_with("ss") => "VBZ",
        Upos::Verb | Upos::Aux => "VB",
        Upos::Noun if key.ends_with('s') && !key.ends_with("ss") => "NNS",
        Upos::Noun => "NN",
        _ => "",
    }
}

// ---------------------------------------------------------------------------------------------
// Irregular forms.
// ---------------------------------------------------------------------------------------------

/// Irregular verbs: the base form, then its past-tense forms, then its past participles
/// (alternatives separated by commas, `-` when the same as the base).
const IRREGULAR_VERBS: &str = "
arise arose arisen|awake awoke awoken|be was,were been|bear bore borne,born|beat beat beaten|
become became become|begin began begun|bend bent bent|bet bet bet|bid bid,bade bid,bidden|
bind bound bound|bite bit bitten|bleed bled bled|blow blew blown|break broke broken|
breed bred bred|bring brought brought|broadcast broadcast broadcast|build built built|
burn burnt burnt|burst burst burst|buy bought bought|cast cast cast|catch caught caught|
choose chose chosen|cling clung clung|come came come|cost cost cost|creep crept crept|
cut cut cut|deal dealt dealt|dig dug dug|do did done|draw drew drawn|dream dreamt dreamt|
drink drank drunk|drive drove driven|dwell dwelt dwelt|eat ate eaten|fall fell fallen|
feed fed fed|feel felt felt|fight fought fought|find found found|flee fled fled|
fling flung flung|fly flew flown|forbid forbade forbidden|forget forgot forgotten|
forgive forgave forgiven|forsake forsook forsaken|freeze froze frozen|get got got,gotten|
give gave given|go went gone|grind ground ground|grow grew grown|hang hung hung|
have had had|hear heard heard|hide hid hidden|hit hit hit|hold held held|hurt hurt hurt|
keep kept kept|kneel knelt knelt|know knew known|lay laid laid|lead led led|lean leant leant|
leap leapt leapt|learn learnt learnt|leave left left|lend lent lent|let let let|lie lay lain|
light lit lit|lose lost lost|make made made|mean meant meant|meet met met|pay paid paid|
prove proved proven|put put put|quit quit quit|read read read|rid rid rid|ride rode ridden|
ring rang rung|rise rose risen|run ran run|say said said|see saw seen|seek sought sought|
sell sold sold|send sent sent|set set set|sew sewed sewn|shake shook shaken|shed shed shed|
shine shone shone|shoot shot shot|show showed shown|shrink shrank,shrunk shrunk|
shut shut shut|sing sang sung|sink sank sunk|sit sat sat|slay slew slain|sleep slept slept|
slide slid slid|sling slung slung|slit slit slit|smell smelt smelt|speak spoke spoken|
speed sped sped|spell spelt spelt|spend spent spent|spill spilt spilt|spin spun spun|
spit spat spat|split split split|spoil spoilt spoilt|spread spread spread|
spring sprang sprung|stand stood stood|steal stole stolen|stick stuck stuck|
sting stung stung|stink stank stunk|stride strode stridden|strike struck struck,stricken|
string strung strung|strive strove striven|swear swore sworn|sweep swept swept|
swell swelled swollen|swim swam swum|swing swung swung|take took taken|teach taught taught|
tear tore torn|tell told told|think thought thought|throw threw thrown|thrust thrust thrust|
tread trod trodden|wake woke woken|wear wore worn|weave wove woven|wed wed wed|
weep wept wept|win won won|wind wound wound|wring wrung wrung|write wrote written|
";

/// Prefixes that form new verbs from irregular ones with the same inflection
/// ("withdrew" → "withdraw", "overran" → "overrun", "became" → "become").
const VERB_PREFIXES: [&str; 11] = [
    "over", "under", "with", "out", "fore", "mis", "for", "up", "re", "be", "un",
];

/// Other irregular forms: (form, PTB tags it is irregular for, lemma).
const IRREGULAR_OTHER: &[(&str, &str, &str)] = &[
    // Forms of "be", "have" and "do", and contractions.
    ("is", "VBZ", "be"),
    ("am", "VBP", "be"),
    ("are", "VBP", "be"),
    ("'s", "VBZ", "be"),
    ("'re", "VBP", "be"),
    ("'m", "VBP", "be"),
    ("being", "VBG", "be"),
    ("has", "VBZ", "have"),
    ("having", "VBG", "have"),
    ("'ve", "VBP VB", "have"),
    ("does", "VBZ", "do"),
    ("doing", "VBG", "do"),
    ("goes", "VBZ", "go"),
    ("n't", "RB", "not"),
    ("ca", "MD", "can"),
    ("wo", "MD", "will"),
    ("sha", "MD", "shall"),
    ("'ll", "MD", "will"),
    ("'d", "MD", "would"),
    ("'d", "VBD", "have"),
    // Pronouns.
    ("me", "PRP", "i"),
    ("us", "PRP", "we"),
    ("him", "PRP", "he"),
    ("her", "PRP", "she"),
    ("them", "PRP", "they"),
    // Comparison.
    ("better", "JJR", "good"),
    ("best", "JJS", "good"),
    ("better", "RBR", "well"),
    ("best", "RBS", "well"),
    ("worse", "JJR RBR", "bad"),
    ("worst", "JJS RBS", "bad"),
    ("further", "JJR RBR", "far"),
    ("furthest", "JJS RBS", "far"),
    ("farther", "JJR RBR", "far"),
    ("farthest", "JJS RBS", "far"),
    ("more", "JJR RBR", "more"),
    ("most", "JJS RBS", "most"),
    ("less", "JJR RBR", "less"),
    ("least", "JJS RBS", "least"),
    // Nouns with irregular plurals.
    ("people", "NNS", "people"),
    ("children", "NNS", "child"),
    ("feet", "NNS", "foot"),
    ("teeth", "NNS", "tooth"),
    ("geese", "NNS", "goose"),
    ("mice", "NNS", "mouse"),
    ("oxen", "NNS", "ox"),
    ("lives", "NNS", "life"),
    ("wives", "NNS", "wife"),
    ("knives", "NNS", "knife"),
    ("leaves", "NNS", "leaf"),
    ("halves", "NNS", "half"),
    ("selves", "NNS", "self"),
    ("thieves", "NNS", "thief"),
    ("wolves", "NNS", "wolf"),
    ("shelves", "NNS", "shelf"),
    ("loaves", "NNS", "loaf"),
    ("calves", "NNS", "calf"),
    ("crises", "NNS", "crisis"),
    ("analyses", "NNS", "analysis"),
    ("hypotheses", "NNS", "hypothesis"),
    ("theses", "NNS", "thesis"),
    ("diagnoses", "NNS", "diagnosis"),
    ("oases", "NNS", "oasis"),
    ("syntheses", "NNS", "synthesis"),
    ("criteria", "NNS", "criterion"),
    ("phenomena", "NNS", "phenomenon"),
    ("bacteria", "NNS", "bacterium"),
    ("memoranda", "NNS", "memorandum"),
    ("indices", "NNS", "index"),
    ("appendices", "NNS", "appendix"),
    ("matrices", "NNS", "matrix"),
    ("nuclei", "NNS", "nucleus"),
    ("stimuli", "NNS", "stimulus"),
    ("fungi", "NNS", "fungus"),
    ("alumni", "NNS", "alumnus"),
    ("radii", "NNS", "radius"),
    ("buses", "NNS VBZ", "bus"),
    ("gases", "NNS", "gas"),
    ("monies", "NNS", "money"),
];

/// Nouns ending in "s" whose plural is the same word, or that are only plural (following
/// the treebank, which keeps "goods" and "remains" as they are).
const INVARIANT_NOUNS: [&str; 34] = [
    "series",
    "species",
    "means",
    "news",
    "headquarters",
    "whereabouts",
    "crossroads",
    "barracks",
    "gallows",
    "politics",
    "economics",
    "physics",
    "mathematics",
    "ethics",
    "athletics",
    "logistics",
    "clothes",
    "thanks",
    "savings",
    "outskirts",
    "goods",
    "contents",
    "grounds",
    "manners",
    "finances",
    "jeans",
    "pants",
    "proceedings",
    "remains",
    "surroundings",
    "regards",
    "earnings",
    "belongings",
    "odds",
];

/// Nouns ending in "ie", whose plural "-ies" must not become "-y".
const IE_NOUNS: [&str; 19] = [
    "movie", "cookie", "zombie", "calorie", "rookie", "sortie", "prairie", "goalie", "selfie",
    "hippie", "junkie", "freebie", "newbie", "genie", "pixie", "brownie", "auntie", "pinkie",
    "budgie",
];

/// Nouns ending in "-che", whose plural must not lose the "e" like "churches".
const CHE_NOUNS: [&str; 13] = [
    "ache",
    "headache",
    "heartache",
    "toothache",
    "backache",
    "niche",
    "cache",
    "moustache",
    "mustache",
    "avalanche",
    "cliche",
    "psyche",
    "attache",
];

/// Verbs ending in a single "l" that double it before -ed and -ing in British spelling (and
/// some in American spelling too), so that "controlled" gives "control" and not "controll"
/// while "killed" still gives "kill".
const L_DOUBLING: [&str; 26] = [
    "control", "patrol", "compel", "expel", "propel", "repel", "dispel", "excel", "rebel",
    "cancel", "travel", "label", "model", "level", "fuel", "signal", "total", "channel", "marshal",
    "quarrel", "counsel", "tunnel", "funnel", "annul", "enrol", "instil",
];

/// Irregular verb forms → base, built from [`IRREGULAR_VERBS`].
fn irregular_verbs() -> &'static FxHashMap<&'static str, &'static str> {
    static MAP: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = FxHashMap::default();
        for entry in IRREGULAR_VERBS.split('|') {
            let mut parts = entry.split_whitespace();
            let (Some(base), Some(past), Some(part)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            for form in past.split(',').chain(part.split(',')) {
                if form != base {
                    map.entry(form).or_insert(base);
                }
            }
        }
        map
    })
}

/// Looks up irregular forms: the verb table for past forms, then the other table.
fn irregular<'a>(key: &str, xpos: &str) -> Option<Cow<'a, str>> {
    if matches!(xpos, "VBD" | "VBN") {
        let verbs = irregular_verbs();
        if let Some(base) = verbs.get(key) {
            return Some(Cow::Borrowed(base));
        }
        for p in VERB_PREFIXES {
            if let Some(rest) = key.strip_prefix(p) {
                if let Some(base) = verbs.get(rest) {
                    return Some(Cow::Owned(format!("{p}{base}")));
                }
            }
        }
    }
    IRREGULAR_OTHER
        .iter()
        .find(|(form, tags, _)| *form == key && tags.split(' ').any(|t| t == xpos))
        .map(|(_, _, lemma)| Cow::Borrowed(*lemma))
}

// ---------------------------------------------------------------------------------------------
// Rules for regular inflection.
// ---------------------------------------------------------------------------------------------

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether the letter at `i` is a consonant, counting the "u" of "qu" as one.
fn is_consonant_at(s: &[u8], i: usize) -> bool {
    match s[i] {
        b'u' => i > 0 && s[i - 1] == b'q',
        b'y' => i == 0,
        c => c.is_ascii_lowercase() && !is_vowel(c),
    }
}

/// Number of vowel groups: a rough syllable count, enough to tell "phon" (one) from
/// "summon" (two).
fn syllables(s: &str) -> usize {
    let b = s.as_bytes();
    let mut groups = 0;
    let mut in_vowel = false;
    for i in 0..b.len() {
        let v = (is_vowel(b[i]) || b[i] == b'y') && !is_consonant_at(b, i);
        if v && !in_vowel {
            groups += 1;
        }
        in_vowel = v;
    }
    groups
}

fn has_vowel(s: &str) -> bool {
    syllables(s) > 0
}

/// Whether the stem ends consonant–single vowel–`last`, as in "tak(e)" or "vot(e)".
fn single_vowel_before_last(b: &[u8]) -> Option<u8> {
    let n = b.len();
    if n < 3 {
        return (n == 2 && is_vowel(b[0])).then_some(b[0]);
    }
    let v = b[n - 2];
    (is_vowel(v) && is_consonant_at(b, n - 3)).then_some(v)
}

/// Rebuilds the base form from what is left after removing -ed, -ing, -er or -est: undoes
/// consonant doubling ("stopp" → "stop") and restores a silent final "e" ("impos" →
/// "impose"), with rules tuned on the verbs of the news.
fn restore_stem(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    // Consonant doubling: consonant, single vowel, doubled consonant ("stopp", "occurr").
    if n >= 4 && b[n - 1] == b[n - 2] && !is_vowel(b[n - 1]) {
        let c = b[n - 1];
        let undoubled = &stem[..n - 1];
        let cvc = is_consonant_at(b, n - 4) && is_vowel(b[n - 3]) && !is_consonant_at(b, n - 3);
        let doubles = match c {
            b'l' => L_DOUBLING.contains(&undoubled),
            b's' | b'f' | b'z' | b'w' | b'x' | b'y' | b'h' | b'k' | b'c' => false,
            _ => cvc && stem != "boycott",
        };
        if doubles {
            return undoubled.to_string();
        }
        return stem.to_string();
    }
    if matches!(
        stem,
        "panick" | "picnick" | "mimick" | "traffick" | "frolick"
    ) {
        return stem[..n - 1].to_string();
    }
    if needs_e(stem) {
        let mut s = stem.to_string();
        s.push('e');
        return s;
    }
    stem.to_string()
}

/// Whether a stem lost a silent final "e" to the inflection ("seiz" → "seize", but
/// "summon" stays).
fn needs_e(stem: &str) -> bool {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 2 || !has_vowel(stem) {
        return false;
    }
    let last = b[n - 1];
    let prev = b[n - 2];
    let mono = syllables(stem) == 1;
    let single = single_vowel_before_last(b);
    match last {
        b'u' | b'v' | b'c' => true,
        b'z' => prev != b'z',
        // "impos(e)", "caus(e)", "rins(e)"; "-ss" stems are handled by the doubling rule.
        b's' => prev != b's' && !stem.ends_with("focus"),
        b'g' => match prev {
            _ if single.is_some() => true,
            b'r' | b'd' | b'l' => true,
            // change, arrange, challenge, plunge, infringe — but not young, long, hang, bring.
            b'n' => match single_vowel_before_last(&b[..n - 1]) {
                Some(b'a') => stem.ends_with("chang") || stem.ends_with("rang"),
                Some(b'e' | b'u') => true,
                Some(b'i') => !mono,
                _ => false,
            },
            _ => false,
        },
        b'k' | b'm' | b'b' => single.is_some(),
        b'n' => match single {
            Some(b'i' | b'u') => true,
            Some(b'a' | b'o') => mono,
            Some(b'e') => stem.ends_with("rven") || stem.ends_with("nven"),
            _ => false,
        },
        b'l' => match single {
            Some(b'i' | b'o' | b'u') => true,
            Some(b'a') => mono,
            Some(_) => false,
            None => matches!(
                prev,
                b'b' | b'c' | b'd' | b'f' | b'g' | b'k' | b'p' | b't' | b'z' | b's'
            ),
        },
        b'r' => match single {
            Some(b'a' | b'i' | b'u') => true,
            Some(b'o') => {
                mono || ["gnor", "plor", "stor", "ador", "scor"]
                    .iter()
                    .any(|e| stem.ends_with(e))
            }
            Some(_) => ["interfer", "adher", "coher", "persever", "rever"]
                .iter()
                .any(|e| stem.ends_with(e)),
            None => false,
        },
        b't' => match single {
            Some(b'a' | b'u') => true,
            Some(b'o') => !matches!(stem, "pivot" | "ballot" | "parrot" | "bigot"),
            Some(b'i') => {
                mono || [
                    "unit", "invit", "excit", "incit", "recit", "ignit", "extradit", "expedit",
                ]
                .iter()
                .any(|e| stem.ends_with(e))
            }
            Some(_) => ["complet", "delet", "compet", "deplet", "excret"]
                .iter()
                .any(|e| stem.ends_with(e)),
            None => {
                // "creat(e)" and the -iate/-uate verbs have a vowel pair before the t.
                stem.ends_with("creat")
                    || stem.ends_with("iat")
                    || stem.ends_with("uat")
                    || matches!(stem, "tast" | "wast" | "past" | "hast" | "bast")
            }
        },
        b'd' => match single {
            Some(_) => true,
            None => stem.ends_with("guid") || stem.ends_with("suad"),
        },
        b'p' => match single {
            Some(b'a' | b'i' | b'u') => true,
            Some(b'o') => mono,
            _ => stem.ends_with("typ"),
        },
        b'f' => single == Some(b'a') && mono,
        b'h' => stem.ends_with("th") && n >= 3 && is_vowel(b[n - 3]),
        _ => false,
    }
}

/// Lemmatises a regular inflected form according to its PTB tag, or returns `None` when the
/// form is its own lemma.
fn regular(w: &str, xpos: &str) -> Option<String> {
    if !w.is_ascii() || w.len() < 3 {
        return None;
    }
    match xpos {
        "VBD" | "VBN" => past(w),
        "VBG" => gerund(w),
        "VBZ" => third_person(w),
        "NNS" => plural(w),
        "JJR" | "RBR" => comparative(w, "er"),
        "JJS" | "RBS" => comparative(w, "est"),
        "CD" => number(w),
        _ => None,
    }
}

/// "1,250,000" → "1250000", as the treebank writes numbers' lemmas.
fn number(w: &str) -> Option<String> {
    let b = w.as_bytes();
    let grouped = b[0].is_ascii_digit()
        && w.contains(',')
        && w.split(',')
            .skip(1)
            .all(|g| g.len() == 3 && g.bytes().all(|c| c.is_ascii_digit()));
    grouped.then(|| w.replace(',', ""))
}

fn past(w: &str) -> Option<String> {
    if let Some(stem) = w.strip_suffix("ied") {
        return Some(if w.len() <= 4 {
            format!("{stem}ie")
        } else {
            format!("{stem}y")
        });
    }
    if w.ends_with("eed") && w.len() > 4 {
        return Some(w[..w.len() - 1].to_string());
    }
    let stem = w.strip_suffix("ed")?;
    if !has_vowel(stem) {
        return None;
    }
    Some(restore_stem(stem))
}

fn gerund(w: &str) -> Option<String> {
    let stem = w.strip_suffix("ing")?;
    if stem.len() == 2 && stem.ends_with('y') && !is_vowel(stem.as_bytes()[0]) {
        // dying, lying, tying, vying
        return Some(format!("{}ie", &stem[..1]));
    }
    if !has_vowel(stem) {
        return None;
    }
    Some(restore_stem(stem))
}

fn third_person(w: &str) -> Option<String> {
    if let Some(stem) = w.strip_suffix("ies") {
        return Some(if w.len() <= 4 {
            w[..w.len() - 1].to_string()
        } else {
            format!("{stem}y")
        });
    }
    if w.ends_with("oes") {
        return Some(
            if matches!(w, "shoes" | "toes" | "hoes" | "canoes" | "tiptoes") {
                w[..w.len() - 1].to_string()
            } else {
                w[..w.len() - 2].to_string()
            },
        );
    }
    if ["sses", "shes", "ches", "xes", "zzes"]
        .iter()
        .any(|e| w.ends_with(e))
    {
        return Some(w[..w.len() - 2].to_string());
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return Some(w[..w.len() - 1].to_string());
    }
    None
}

fn plural(w: &str) -> Option<String> {
    if INVARIANT_NOUNS.contains(&w) || w.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    if let Some(stem) = w.strip_suffix("children") {
        return Some(format!("{stem}child"));
    }
    if let Some(stem) = w.strip_suffix("men") {
        return Some(format!("{stem}man"));
    }
    if let Some(stem) = w.strip_suffix("ies") {
        let singular = &w[..w.len() - 1];
        return Some(
            if w.len() <= 4 || IE_NOUNS.iter().any(|n| singular.ends_with(n)) {
                singular.to_string()
            } else {
                format!("{stem}y")
            },
        );
    }
    if let Some(stem) = w.strip_suffix("oes") {
        let singular = &w[..w.len() - 1];
        return Some(
            if syllables(singular) <= 1
                || singular.ends_with("shoe")
                || matches!(singular, "canoe" | "oboe" | "tiptoe")
            {
                singular.to_string()
            } else {
                format!("{stem}o")
            },
        );
    }
    if w.ends_with("ches") && CHE_NOUNS.contains(&&w[..w.len() - 1]) {
        return Some(w[..w.len() - 1].to_string());
    }
    if ["sses", "shes", "ches", "xes", "zzes"]
        .iter()
        .any(|e| w.ends_with(e))
    {
        return Some(w[..w.len() - 2].to_string());
    }
    if w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !w.ends_with("'s")
    {
        return Some(w[..w.len() - 1].to_string());
    }
    None
}

fn comparative(w: &str, suffix: &str) -> Option<String> {
    let stem = w.strip_suffix(suffix)?;
    if let Some(s) = stem.strip_suffix('i') {
        if s.len() >= 2 {
            return Some(format!("{s}y"));
        }
    }
    if suffix == "er" && stem.ends_with("e") && stem.len() >= 2 {
        // freer, truer (and "e"-final stems generally): only the "r" was added
        return Some(stem.to_string());
    }
    if stem.len() < 2 || !has_vowel(stem) {
        return None;
    }
    Some(restore_stem(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(xpos: &'static str) -> Tag {
        let upos = match xpos {
            "NNP" | "NNPS" => Upos::Propn,
            "NN" | "NNS" => Upos::Noun,
            "JJ" | "JJR" | "JJS" => Upos::Adj,
            "RB" | "RBR" | "RBS" => Upos::Adv,
            "MD" => Upos::Aux,
            "PRP" => Upos::Pron,
            _ if xpos.starts_with("VB") => Upos::Verb,
            _ => Upos::X,
        };
        Tag { upos, xpos }
    }

    /// (word, PTB tag, expected lemma), through the embedded lexicon and the rules.
    const CASES: &[(&str, &str, &str)] = &[
        ("imposed", "VBD", "impose"),
        ("stopped", "VBD", "stop"),
        ("summoned", "VBD", "summon"),
        ("visiting", "VBG", "visit"),
        ("sanctions", "NNS", "sanction"),
        ("talks", "NNS", "talk"),
        ("allies", "NNS", "ally"),
        ("met", "VBD", "meet"),
        ("struck", "VBD", "strike"),
        ("shot", "VBD", "shoot"),
        ("shot", "VBN", "shoot"),
        ("went", "VBD", "go"),
        ("held", "VBN", "hold"),
        ("sent", "VBD", "send"),
        ("took", "VBD", "take"),
        ("fought", "VBD", "fight"),
        ("seized", "VBN", "seize"),
        ("seizes", "VBZ", "seize"),
        ("seizing", "VBG", "seize"),
        ("killed", "VBD", "kill"),
        ("attacked", "VBD", "attack"),
        ("arrested", "VBN", "arrest"),
        ("condemned", "VBD", "condemn"),
        ("threatened", "VBD", "threaten"),
        ("accused", "VBD", "accuse"),
        ("bombed", "VBD", "bomb"),
        ("negotiated", "VBD", "negotiate"),
        ("retaliated", "VBD", "retaliate"),
        ("criticized", "VBD", "criticize"),
        ("criticised", "VBD", "criticise"),
        ("controlled", "VBN", "control"),
        ("occurred", "VBD", "occur"),
        ("agreed", "VBD", "agree"),
        ("denied", "VBD", "deny"),
        ("died", "VBD", "die"),
        ("dying", "VBG", "die"),
        ("making", "VBG", "make"),
        ("hoping", "VBG", "hope"),
        ("planning", "VBG", "plan"),
        ("meeting", "VBG", "meet"),
        ("conceded", "VBD", "concede"),
        ("intervened", "VBD", "intervene"),
        ("welcomed", "VBD", "welcome"),
        ("signaled", "VBD", "signal"),
        ("withdrew", "VBD", "withdraw"),
        ("overran", "VBD", "overrun"),
        ("undertook", "VBD", "undertake"),
        ("fled", "VBD", "flee"),
        ("led", "VBN", "lead"),
        ("slain", "VBN", "slay"),
        ("was", "VBD", "be"),
        ("is", "VBZ", "be"),
        ("has", "VBZ", "have"),
        ("goes", "VBZ", "go"),
        ("pushes", "VBZ", "push"),
        ("carries", "VBZ", "carry"),
        ("n't", "RB", "not"),
        ("n’t", "RB", "not"),
        ("countries", "NNS", "country"),
        ("soldiers", "NNS", "soldier"),
        ("1,250,000", "CD", "1250000"),
        ("forces", "NNS", "force"),
        ("crises", "NNS", "crisis"),
        ("gunmen", "NNS", "gunman"),
        ("women", "NNS", "woman"),
        ("children", "NNS", "child"),
        ("heroes", "NNS", "hero"),
        ("foes", "NNS", "foe"),
        ("taxes", "NNS", "tax"),
        ("churches", "NNS", "church"),
        ("news", "NN", "news"),
        ("series", "NNS", "series"),
        ("sorties", "NNS", "sortie"),
        ("larger", "JJR", "large"),
        ("biggest", "JJS", "big"),
        ("better", "JJR", "good"),
        ("earlier", "RBR", "early"),
        ("him", "PRP", "he"),
        ("Police", "NNS", "police"),
        ("The", "DT", "the"),
        ("Pyongyang", "NNP", "pyongyang"),
        ("States", "NNPS", "states"),
        ("Americans", "NNPS", "americans"),
        ("SEIZED", "VBD", "seize"),
        ("Kim", "NNP", "kim"),
    ];

    #[test]
    fn lemma_table() {
        let mut failures = Vec::new();
        for &(word, xpos, expected) in CASES {
            let got = lemma(word, tag(xpos));
            if got != expected {
                failures.push(format!("{word}/{xpos}: got {got:?}, expected {expected:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// The rules alone (no lexicon), on regular forms.
    #[test]
    fn rules_without_lexicon() {
        let empty = LemmaLexicon::default();
        let cases = [
            ("imposed", "VBD", "impose"),
            ("stopped", "VBD", "stop"),
            ("summoned", "VBD", "summon"),
            ("visiting", "VBG", "visit"),
            ("sanctions", "NNS", "sanction"),
            ("allies", "NNS", "ally"),
            ("seized", "VBD", "seize"),
            ("shelled", "VBD", "shell"),
            ("evacuated", "VBN", "evacuate"),
            ("deployed", "VBD", "deploy"),
            ("stormed", "VBD", "storm"),
            ("reopened", "VBD", "reopen"),
            ("released", "VBD", "release"),
            ("abducted", "VBD", "abduct"),
            ("urged", "VBD", "urge"),
            ("changed", "VBD", "change"),
            ("challenged", "VBD", "challenge"),
            ("hanging", "VBG", "hang"),
            ("argued", "VBD", "argue"),
            ("declared", "VBD", "declare"),
            ("ignored", "VBD", "ignore"),
            ("favored", "VBD", "favor"),
            ("ruled", "VBD", "rule"),
            ("scheduled", "VBN", "schedule"),
            ("traveled", "VBD", "travel"),
            ("travelling", "VBG", "travel"),
            ("killing", "VBG", "kill"),
            ("added", "VBD", "add"),
            ("nodded", "VBD", "nod"),
            ("equipped", "VBN", "equip"),
            ("boycotted", "VBD", "boycott"),
            ("quoted", "VBD", "quote"),
            ("united", "VBN", "unite"),
            ("limited", "VBN", "limit"),
            ("targeted", "VBN", "target"),
            ("decided", "VBD", "decide"),
            ("needed", "VBD", "need"),
            ("described", "VBD", "describe"),
            ("shaped", "VBN", "shape"),
            ("developed", "VBD", "develop"),
            ("settled", "VBD", "settle"),
            ("panicked", "VBD", "panic"),
            ("guaranteed", "VBD", "guarantee"),
            ("seeing", "VBG", "see"),
            ("lying", "VBG", "lie"),
            ("taxes", "NNS", "tax"),
            ("cookies", "NNS", "cookie"),
            ("headaches", "NNS", "headache"),
            ("houses", "NNS", "house"),
            ("classes", "NNS", "class"),
            ("safer", "JJR", "safe"),
            ("later", "JJR", "late"),
            ("happiest", "JJS", "happy"),
        ];
        let mut failures = Vec::new();
        for (word, xpos, expected) in cases {
            let got = empty.lemma(word, tag(xpos));
            if got != expected {
                failures.push(format!("{word}/{xpos}: got {got:?}, expected {expected:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn borrows_when_nothing_changes() {
        assert!(matches!(lemma("missile", tag("NN")), Cow::Borrowed(_)));
        // Irregular forms come from the static lexicon or tables, also without allocating.
        assert!(matches!(lemma("met", tag("VBD")), Cow::Borrowed("meet")));

        assert_eq!(lemma("Missile", tag("NN")), "missile");
    }

    #[test]
    fn upos_only_tags_work() {
        let verb = Tag {
            upos: Upos::Verb,
            xpos: "",
        };
        assert_eq!(lemma("seized", verb), "seize");
        assert_eq!(lemma("fought", verb), "fight");
        let noun = Tag {
            upos: Upos::Noun,
            xpos: "?",
        };
        assert_eq!(lemma("sanctions", noun), "sanction");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for w in [
            "",
            "s",
            "ed",
            "ing",
            "’",
            "😀s",
            "İed",
            "ßing",
            "ies",
            "oes",
            "men",
            "e",
            "x".repeat(300).leak(),
        ] {
            for x in [
                "VBD", "VBN", "VBG", "VBZ", "NNS", "JJR", "JJS", "NNP", "NN", "",
            ] {
                let _ = lemma(w, tag(x));
            }
        }
    }

    #[test]
    fn tsv_round_trip() {
        let lex = LemmaLexicon::embedded();
        assert!(lex.len() > 1000);
        let again = LemmaLexicon::from_tsv(&lex.to_tsv()).unwrap();
        assert_eq!(again.to_tsv(), lex.to_tsv());
        assert!(matches!(
            LemmaLexicon::from_tsv("a\tNN"),
            Err(LexiconError::Malformed { line: 1 })
        ));
        assert!(LemmaLexicon::from_tsv("a\tNOPE\tb").is_err());
        assert!(LemmaLexicon::from_bytes(&[0x1f, 0x8b, 1, 2]).is_err());
    }

    #[test]
    fn accuracy_on_the_dev_split() {
        let path = std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/treebank/ud-english-ewt/en_ewt-ud-dev.conllu"
        ));
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("skipping: {} is absent", path.display());
            return;
        };
        let (mut n, mut ok) = (0usize, 0usize);
        for w in crate::conllu::parse(&text).iter().flatten() {
            let Some(t) = Tag::from_conllu(&w.upos, &w.xpos) else {
                continue;
            };
            if t.upos == Upos::Propn || w.lemma == "_" {
                continue;
            }
            n += 1;
            ok += usize::from(lemma(&w.form, t) == w.lemma.to_lowercase().replace('\u{2019}', "'"));
        }
        let acc = ok as f64 / n as f64;
        assert!(acc > 0.99, "dev lemma accuracy {acc:.4}");
    }

    #[test]
    fn builds_from_sentences() {
        let text = "1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n\
                    2\tLeft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n\
                    3\tParis\tParis\tPROPN\tNNP\t_\t2\tobj\t_\t_\n\n";
        let lex = LemmaLexicon::build(&crate::conllu::parse(text));
        assert_eq!(lex.len(), 2);
        assert_eq!(lex.lemma("left", tag("VBD")), "leave");
        assert_eq!(lex.lemma("left", tag("VBN")), "leave");
        assert_eq!(lex.to_tsv(), "left\tVBD\tleave\ntroops\tNNS\ttroop\n");
    }
}
