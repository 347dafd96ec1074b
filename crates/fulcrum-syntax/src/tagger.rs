//! An averaged-perceptron part-of-speech tagger that predicts both the Universal Dependencies
//! UPOS tag and the Penn Treebank XPOS tag of every word.
//!
//! The tagger is a greedy left-to-right classifier over the joint (UPOS, XPOS) pairs seen in
//! UD English-EWT, so the two tags it returns are always a combination the treebank uses
//! (predicting the pair was measured to be at least as accurate as predicting either tag
//! alone; see `data/models/README.md`). Features are the classic ones for English — the
//! lowercased word, prefixes and suffixes of one to four characters, the word's shape, the
//! two previous and next words and the two previously predicted tags, plus a few
//! combinations — hashed to `u64` with `rustc-hash` so that tagging allocates no string per
//! feature. Three additions each buy accuracy cheaply: the *ambiguity class* of the word and
//! of the next two words (the set of tags the word took in training), which gives a
//! left-to-right tagger a view of what follows; the most recent verb tag, which separates
//! "Russia seized ships" (past tense) from "ships seized by Russia" (participle); and *word
//! dropout* in training, which hides rare words' identity so that the model learns to tag
//! unseen words from their affixes, shape and context. Frequent unambiguous words ("the",
//! ",") are tagged from a small dictionary without running the model.
//!
//! News text differs from the web text of the treebank in ways the tagger handles
//! explicitly: curly quotes, apostrophes and dashes are mapped to the treebank's ASCII forms
//! before features are extracted; an all-capitals headline switches off every feature that
//! depends on letter case (the model is trained on upper-cased copies of some treebank
//! sentences so that it can tag such headlines from the words alone); and a verb the model
//! tags as a participle right after a sentence-initial noun phrase is corrected to past
//! tense, because news is full of "Police arrested 12 people" (see `Participles`).
//!
//! The model ships inside the binary (`data/models/tagger.bin.gz`) and is decoded once, on
//! first use, by [`Tagger::embedded`].

use std::hash::Hasher;
use std::io::Read;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHasher};

use crate::conllu::Word;

/// A Universal Dependencies coarse part-of-speech tag (UPOS).
///
/// The variants are the seventeen tags of UD v2, so downstream code can match on them
/// exhaustively instead of comparing strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    /// Every tag, in the order of the enum, so that a tag can be stored as its index.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// Returns the tag as written in CoNLL-U files ("ADJ", "PROPN", ...), which is the form
    /// other UD tools and the event patterns expect.
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// Parses a tag written as in CoNLL-U files; returns `None` for anything that is not one
    /// of the seventeen UD tags (the match is case-sensitive, as the format is).
    pub fn from_str_ud(s: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|u| u.as_str() == s)
    }
}

/// The tags the tagger assigns to one word: the UD coarse tag and the Penn Treebank tag.
///
/// Both are kept because they answer different questions: UPOS is what the dependency
/// parser and the patterns use, while the PTB tag carries tense and number (`VBD` past,
/// `NNS` plural) that the lemmatiser and the event coder rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag {
    /// The Universal Dependencies coarse tag.
    pub upos: Upos,
    /// The Penn Treebank tag as used by English-EWT, such as `"VBD"`, `"NNP"` or `"-LRB-"`.
    pub xpos: &'static str,
}

impl Tag {
    /// Makes a tag from the UPOS and XPOS columns of a CoNLL-U file, for comparing the
    /// tagger with a treebank or feeding gold tags to code that takes a [`Tag`]. Returns
    /// `None` if either is not a tag the tagger knows.
    pub fn from_conllu(upos: &str, xpos: &str) -> Option<Tag> {
        Some(Tag {
            upos: Upos::from_str_ud(upos)?,
            xpos: static_xpos(xpos)?,
        })
    }
}

/// Every Penn Treebank tag the tagger can return: the 45 PTB tags plus the extra tags
/// English-EWT uses for web text (`ADD`, `AFX`, `GW`, `HYPH`, `NFP`, `XX`).
const XPOS_TAGS: [&str; 51] = [
    "NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "RB", "RBR", "RBS", "VB", "VBD", "VBG", "VBN",
    "VBP", "VBZ", "MD", "DT", "PDT", "WDT", "PRP", "PRP$", "WP", "WP$", "WRB", "IN", "CC", "CD",
    "TO", "RP", "EX", "UH", "POS", "FW", "LS", "SYM", "$", "#", ".", ",", ":", "``", "''", "-LRB-",
    "-RRB-", "HYPH", "NFP", "ADD", "AFX", "GW", "XX",
];

/// Returns the `'static` copy of a PTB tag, so that [`Tag`] can stay `Copy`.
pub(crate) fn static_xpos(s: &str) -> Option<&'static str> {
    XPOS_TAGS.iter().copied().find(|t| *t == s)
}

/// Why a serialised tagger model could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The bytes do not start with the tagger's magic number, so they are some other file.
    #[error("not a fulcrum tagger model (bad magic bytes)")]
    BadMagic,
    /// The model was written by a newer or older, incompatible version of this code.
    #[error("unsupported tagger model version {0} (expected {MODEL_VERSION})")]
    UnsupportedVersion(u32),
    /// The bytes end in the middle of the model.
    #[error("tagger model is truncated")]
    Truncated,
    /// The bytes are structurally invalid (the message says which part).
    #[error("tagger model is corrupt: {0}")]
    Corrupt(&'static str),
    /// The model was gzip-compressed and decompression failed.
    #[error("could not decompress tagger model: {0}")]
    Decompress(#[from] std::io::Error),
}

const MODEL_MAGIC: &[u8; 4] = b"FTAG";
const MODEL_VERSION: u32 = 1;
/// Marks "no tag-dictionary entry"; class indices are therefore limited to 0..=254.
const NO_CLASS: u8 = u8::MAX;
const MAX_CLASSES: usize = NO_CLASS as usize;

/// The committed model, gzip-compressed. Retrain with `cargo run --release --bin train-tagger`.
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../data/models/tagger.bin.gz");

// ---------------------------------------------------------------------------------------------
// Hashing and feature extraction.
// ---------------------------------------------------------------------------------------------

/// Seeds that keep the hashes of different kinds of strings apart.
const SEED_WORD: u64 = 0x1000;
const SEED_NUM: u64 = 0x1001;
const SEED_PRE: u64 = 0x1010;
const SEED_SUF: u64 = 0x1020;
const SEED_SHAPE: u64 = 0x1030;
const SEED_DICT: u64 = 0x1040;
const SEED_PAD: u64 = 0x1050;

/// Stands for the identity of a word not seen in training.
const UNKNOWN_WORD: u64 = 0x5eed_0f0d_dfac_e001;

/// Pseudo-tags for the positions before the start of the sentence.
const TAG_START1: u64 = 1000;
const TAG_START2: u64 = 1001;
/// Pseudo-tag for "no verb or auxiliary so far in the sentence".
const TAG_NO_VERB: u64 = 1002;

/// The tags predicted so far that the features look at.
#[derive(Clone, Copy)]
struct History {
    p1: u64,
    p2: u64,
    /// The most recent verb or auxiliary tag: whether an auxiliary or a finite verb came
    /// before is what tells a past tense ("Russia seized ships") from a participle.
    verb: u64,
    /// Whether every word so far is part of a noun phrase (see [`Participles`]).
    initial_np: bool,
    /// Whether the previous word can end a subject (a noun, proper noun or pronoun).
    after_nominal: bool,
}

impl History {
    fn new() -> History {
        History {
            p1: TAG_START1,
            p2: TAG_START2,
            verb: TAG_NO_VERB,
            initial_np: true,
            after_nominal: false,
        }
    }

    fn push(&mut self, class: u8, tag: Tag) {
        self.p2 = self.p1;
        self.p1 = class as u64;
        if matches!(tag.upos, Upos::Verb | Upos::Aux) {
            self.verb = class as u64;
        }
        self.after_nominal = matches!(tag.upos, Upos::Noun | Upos::Propn | Upos::Pron);
        self.initial_np &= self.after_nominal
            || matches!(tag.upos, Upos::Det | Upos::Adj | Upos::Num | Upos::Cconj)
            || matches!(tag.xpos, "POS" | "HYPH");
    }
}

/// The one hand-written correction on top of the model: a verb tagged as a past participle
/// straight after a sentence-initial noun phrase — determiners, adjectives, numbers, nouns
/// and pronouns, possessive "'s" and "and" — ending in a noun or pronoun ("Police arrested
/// 12 people", "Israeli warplanes struck targets") is a past tense, unless "by" follows ("Troops backed by
/// tanks"). In English-EWT this holds for 96% of such verbs (751 of 779 in the training
/// split), yet the perceptron, whose features are local, often prefers the participle for
/// verbs the web treebank mostly shows as participles — a costly error in news, where this
/// is the commonest sentence shape. All-capitals headlines are exempt, since headlines
/// write passives without an auxiliary ("MAN ARRESTED AFTER ATTACK").
#[derive(Clone, Copy, Debug, Default)]
struct Participles {
    /// Class of (VERB, VBN).
    participle: Option<u8>,
    /// Class of (VERB, VBD).
    past: Option<u8>,
}

impl Participles {
    fn new(classes: &[Tag]) -> Participles {
        let find = |x: &str| {
            classes
                .iter()
                .position(|t| t.upos == Upos::Verb && t.xpos == x)
                .map(|p| p as u8)
        };
        Participles {
            participle: find("VBN"),
            past: find("VBD"),
        }
    }

    /// Returns the class to use for a word the model put in `class`.
    #[inline]
    fn fix(&self, class: u8, h: &History, headline: bool, next: Option<&str>) -> u8 {
        match self.past {
            Some(past)
                if Some(class) == self.participle
                    && h.initial_np
                    && h.after_nominal
                    && !headline
                    && !next.is_some_and(|n| n.eq_ignore_ascii_case("by")) =>
            {
                past
            }
            _ => class,
        }
    }
}

/// Shape flags of a word.
const FLAG_CAPITALISED: u64 = 1;
const FLAG_ALL_CAPS: u64 = 2;
const FLAG_DIGIT: u64 = 4;
const FLAG_HYPHEN: u64 = 8;
const FLAG_HEADLINE: u64 = 16;
const FLAG_FIRST: u64 = 32;

fn hash_str(seed: u64, s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write_u64(seed);
    h.write(s.as_bytes());
    h.finish()
}

/// Combines a template number with up to two values into a feature key. The result is never
/// zero because zero marks an empty slot of the feature table.
#[inline]
fn feat(template: u64, a: u64, b: u64) -> u64 {
    let mut h = FxHasher::default();
    h.write_u64(template);
    h.write_u64(a);
    h.write_u64(b);
    h.finish() | 1
}

/// A strong 64-bit finaliser (from MurmurHash3) used to spread feature keys over the table,
/// because Fx hashes of small integers share their low bits.
#[inline]
fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// Writes `word` to `out` with curly quotes, apostrophes, dashes and ellipses replaced by the
/// ASCII forms English-EWT uses, optionally lowercased.
pub(crate) fn normalise_into(word: &str, lowercase: bool, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        if lowercase {
            out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            out.push_str(word);
        }
        return;
    }
    let single = {
        let mut it = word.chars();
        matches!((it.next(), it.next()), (Some(_), None))
    };
    for c in word.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => out.push('"'),
            '\u{2013}' | '\u{2014}' | '\u{2015}' if single => out.push_str("--"),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' => {
                out.push('-')
            }
            '\u{2026}' => out.push_str("..."),
            _ if lowercase => out.extend(c.to_lowercase()),
            _ => out.push(c),
        }
    }
}

/// Returns true when the sentence looks like an all-capitals headline: at least two words of
/// two or more letters, and at least three quarters of them written without lower-case
/// letters. Case then says nothing about proper nouns, so case features are switched off.
fn is_headline(words: &[&str]) -> bool {
    let mut long = 0usize;
    let mut caps = 0usize;
    for w in words {
        let mut letters = 0usize;
        let mut lower = false;
        for c in w.chars() {
            if c.is_alphabetic() {
                letters += 1;
                lower |= c.is_lowercase();
            }
        }
        if letters >= 2 {
            long += 1;
            if !lower {
                caps += 1;
            }
        }
    }
    long >= 2 && caps * 4 >= long * 3
}

/// Everything the feature templates need to know about one word, computed once per word.
#[derive(Clone, Copy, Debug, Default)]
struct WordFeats {
    word: u64,
    exact: u64,
    pre: [u64; 4],
    suf: [u64; 4],
    shape: u64,
    flags: u64,
    /// Class from the tag dictionary, or `NO_CLASS`.
    dict: u8,
    /// Ambiguity class (from 1), 0 for known words too rare to have one, or
    /// `UNKNOWN_WORD` for words not seen in training.
    amb: u64,
}

impl WordFeats {
    /// Replaces the word's identity with the unknown-word marker, keeping its shape and
    /// affixes. Used for words outside the training vocabulary, and during training for
    /// some rare words so that the marker's weights get learnt.
    fn forget_word(&mut self) {
        self.word = UNKNOWN_WORD;
        self.exact = UNKNOWN_WORD;
        self.amb = UNKNOWN_WORD;
    }

    /// The stand-in for a position outside the sentence (`k` tells the positions apart).
    fn padding(k: u64) -> WordFeats {
        let h = hash_str(SEED_PAD, "") ^ k;
        WordFeats {
            word: h,
            exact: h,
            pre: [h; 4],
            suf: [h; 4],
            shape: h,
            flags: 64 + k,
            dict: NO_CLASS,
            amb: h,
        }
    }
}

/// Reusable buffers for feature extraction.
#[derive(Default)]
struct Scratch {
    norm: String,
    lower: String,
}

/// What the tagger knows about individual words from the training data, besides weights.
#[derive(Clone, Default)]
struct Lexicon {
    /// Hash of the exact (normalised) form of frequent, unambiguous words → class. These
    /// words skip the model at tag time, which is faster and as accurate.
    dict: FxHashMap<u64, u8>,
    /// Hash of the lowercased form of every training word → its ambiguity class (an opaque
    /// number identifying the set of tags the word took in training, 0 if it was too rare).
    /// The class lets features look at what the *next* words can be, which the
    /// left-to-right tagger has not predicted yet; absence marks an unknown word.
    vocab: FxHashMap<u64, u32>,
}

/// Computes the per-word features of `word`. The tag dictionary is consulted only outside
/// headlines, because its entries are keyed on the exact, case-sensitive form.
fn word_feats(word: &str, headline: bool, lex: &Lexicon, s: &mut Scratch) -> WordFeats {
    normalise_into(word, false, &mut s.norm);
    normalise_into(&s.norm, true, &mut s.lower);
    let cased: &str = if headline { &s.lower } else { &s.norm };

    // Flags and shape in one pass over the (possibly lowercased) form.
    let mut flags = if headline { FLAG_HEADLINE } else { 0 };
    let mut letters = 0usize;
    let mut has_lower = false;
    let mut shape = FxHasher::default();
    shape.write_u64(SEED_SHAPE);
    let mut last = '\0';
    let mut run = 0usize;
    for (k, c) in cased.chars().enumerate() {
        let class = if c.is_uppercase() {
            letters += 1;
            if k == 0 {
                flags |= FLAG_CAPITALISED;
            }
            'X'
        } else if c.is_alphabetic() {
            letters += 1;
            has_lower = true;
            'x'
        } else if c.is_ascii_digit() || c.is_numeric() {
            flags |= FLAG_DIGIT;
            'd'
        } else {
            if c == '-' {
                flags |= FLAG_HYPHEN;
            }
            c
        };
        if class == last {
            run += 1;
        } else {
            last = class;
            run = 1;
        }
        if run <= 3 {
            shape.write_u32(class as u32);
        }
    }
    if letters > 0 && !has_lower && !headline {
        flags |= FLAG_ALL_CAPS;
    }
    let shape = shape.finish();

    let lower = s.lower.as_str();
    let wordh = if flags & FLAG_DIGIT != 0 {
        shape ^ SEED_NUM
    } else {
        hash_str(SEED_WORD, lower)
    };

    let mut pre = [0u64; 4];
    let mut ends = [lower.len(); 4];
    for (n, (i, _)) in lower.char_indices().skip(1).take(4).enumerate() {
        ends[n] = i;
    }
    for k in 0..4 {
        pre[k] = hash_str(SEED_PRE + k as u64, &lower[..ends[k]]);
    }
    let mut suf = [0u64; 4];
    let mut starts = [0usize; 4];
    for (n, (i, _)) in lower.char_indices().rev().take(4).enumerate() {
        starts[n] = i;
    }
    for k in 0..4 {
        suf[k] = hash_str(SEED_SUF + k as u64, &lower[starts[k]..]);
    }

    let dict_class = if headline || lex.dict.is_empty() {
        NO_CLASS
    } else {
        lex.dict
            .get(&hash_str(SEED_DICT, &s.norm))
            .copied()
            .unwrap_or(NO_CLASS)
    };

    let mut wf = WordFeats {
        word: wordh,
        exact: hash_str(SEED_WORD + 1, cased),
        pre,
        suf,
        shape,
        flags,
        dict: dict_class,
        amb: 0,
    };
    match lex.vocab.get(&wordh) {
        Some(&a) => wf.amb = a as u64,
        None if lex.vocab.is_empty() => {}
        None => wf.forget_word(),
    }
    wf
}

/// Number of feature templates.
const NF: usize = 40;

/// Fills `out` with the feature keys for the word at `ctx[i]` (ctx has two padding entries
/// on each side, so `i` is at least 2). `p1` and `p2` are the two previous predicted tags.
#[inline]
fn features(ctx: &[WordFeats], i: usize, h: &History, out: &mut [u64; NF]) {
    let (p1, p2) = (h.p1, h.p2);
    let w = &ctx[i];
    let wm1 = &ctx[i - 1];
    let wm2 = &ctx[i - 2];
    let wp1 = &ctx[i + 1];
    let wp2 = &ctx[i + 2];
    let first = if i == 2 { FLAG_FIRST } else { 0 };
    *out = [
        feat(0, 0, 0),
        feat(1, w.word, 0),
        feat(2, w.suf[0], 0),
        feat(3, w.suf[1], 0),
        feat(4, w.suf[2], 0),
        feat(5, w.suf[3], 0),
        feat(6, w.pre[0], 0),
        feat(7, w.pre[1], 0),
        feat(8, w.pre[2], 0),
        feat(9, w.pre[3], 0),
        feat(10, w.shape, 0),
        feat(11, w.flags | first, 0),
        feat(12, p1, 0),
        feat(13, p2, 0),
        feat(14, p1, p2),
        feat(15, p1, w.word),
        feat(16, wm1.word, 0),
        feat(17, wm1.suf[2], 0),
        feat(18, wm2.word, 0),
        feat(19, wp1.word, 0),
        feat(20, wp1.suf[2], 0),
        feat(21, wp2.word, 0),
        feat(22, wm1.word, w.word),
        feat(23, w.word, wp1.word),
        feat(24, p1, wp1.word),
        feat(25, p1, w.suf[2]),
        feat(26, wp1.shape, w.flags | first),
        feat(27, wm1.flags, w.flags | first),
        feat(28, wm1.word, wp1.word),
        feat(29, p1, w.flags | first),
        feat(30, w.exact, 0),
        feat(31, wp1.word, wp2.word),
        feat(32, p2, w.word),
        feat(33, w.amb, 0),
        feat(34, wp1.amb, 0),
        feat(35, wp2.amb, 0),
        feat(36, w.amb, wp1.amb),
        feat(37, p1, wp1.amb),
        feat(38, h.verb, w.suf[1]),
        feat(39, h.verb, w.word),
    ];
}

// ---------------------------------------------------------------------------------------------
// The model.
// ---------------------------------------------------------------------------------------------

/// One non-zero weight: the class it votes for and its quantised value.
#[derive(Clone, Copy, Debug)]
struct Entry {
    class: u8,
    weight: i16,
}

/// One slot of the open-addressing feature table: the high half of the feature key (a
/// check that makes false matches vanishingly rare) and the run of weights, packed as
/// `start << 8 | len`. `packed == 0` marks an empty slot, since every stored run is non-empty.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    check: u32,
    packed: u32,
}

/// Runs start below this, so that `start << 8` fits in the packed `u32`.
const MAX_ENTRIES: usize = 1 << 24;

/// An open-addressing hash table from feature key to its run of weights. Slots are eight
/// bytes so that the table stays small enough for the cache, which is what tagging speed
/// depends on; full keys are kept aside for serialisation only.
#[derive(Clone, Default)]
struct FeatureTable {
    shift: u32,
    slots: Vec<Slot>,
    /// Full key of each slot (0 when empty), not touched at tag time.
    keys: Vec<u64>,
    entries: Vec<Entry>,
}

impl FeatureTable {
    /// Builds the table from features and their weights. Features beyond `MAX_ENTRIES`
    /// weights in total are dropped (real models are about a twentieth of that).
    fn build(features: Vec<(u64, Vec<Entry>)>) -> FeatureTable {
        let n = features.len().max(1);
        let cap = (n * 2).next_power_of_two().max(16);
        let shift = 64 - cap.trailing_zeros();
        let mut slots = vec![Slot::default(); cap];
        let mut keys = vec![0u64; cap];
        let mut entries = Vec::with_capacity(features.iter().map(|f| f.1.len()).sum());
        let mask = cap - 1;
        for (key, es) in features {
            if es.is_empty() || es.len() > 255 || entries.len() + es.len() > MAX_ENTRIES {
                continue;
            }
            let mut idx = (fmix64(key) >> shift) as usize;
            while slots[idx].packed != 0 {
                idx = (idx + 1) & mask;
            }
            slots[idx] = Slot {
                check: (key >> 32) as u32,
                packed: (entries.len() as u32) << 8 | es.len() as u32,
            };
            keys[idx] = key;
            entries.extend_from_slice(&es);
        }
        FeatureTable {
            shift,
            slots,
            keys,
            entries,
        }
    }

    /// Adds the weights of all `feats` to `scores`.
    ///
    /// The lookups are done in phases — first touch every slot, then resolve the probes,
    /// then touch every run of weights, then add — so that the processor can have all the
    /// cache misses of a word in flight at once instead of waiting for them one by one.
    #[inline]
    fn score(&self, feats: &[u64; NF], scores: &mut [i32]) {
        let mask = self.slots.len() - 1;
        let mut idx = [0usize; NF];
        let mut touch = 0u32;
        for (i, &f) in idx.iter_mut().zip(feats) {
            *i = (fmix64(f) >> self.shift) as usize & mask;
            touch ^= self.slots[*i].packed;
        }
        let mut runs = [0u32; NF];
        for ((run, &f), &i) in runs.iter_mut().zip(feats).zip(&idx) {
            let check = (f >> 32) as u32;
            let mut i = i;
            loop {
                let slot = self.slots[i];
                if slot.packed == 0 {
                    break;
                }
                if slot.check == check {
                    *run = slot.packed;
                    touch ^= self.entries[(slot.packed >> 8) as usize].weight as u32;
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        std::hint::black_box(touch);
        for &run in &runs {
            let start = (run >> 8) as usize;
            let len = (run & 0xff) as usize;
            for e in &self.entries[start..start + len] {
                // Class indices were validated when the model was built or read.
                if let Some(s) = scores.get_mut(e.class as usize) {
                    *s += e.weight as i32;
                }
            }
        }
    }

    fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.packed != 0).count()
    }
}

/// A trained part-of-speech tagger.
///
/// Use [`Tagger::embedded`] for the model that ships with the crate; [`train`] and
/// [`Tagger::from_bytes`] exist for the training binary and for experiments.
#[derive(Clone)]
pub struct Tagger {
    classes: Vec<Tag>,
    /// Multiply a summed quantised score by this to get the perceptron score (only used for
    /// reporting; the argmax does not need it).
    scale: f32,
    table: FeatureTable,
    lex: Lexicon,
    open_quote: Option<u8>,
    close_quote: Option<u8>,
    participles: Participles,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("classes", &self.classes.len())
            .field("features", &self.table.len())
            .field("weights", &self.table.entries.len())
            .field("tagdict", &self.lex.dict.len())
            .field("vocabulary", &self.lex.vocab.len())
            .field("scale", &self.scale)
            .finish()
    }
}

impl Tagger {
    /// Returns the tagger trained on UD English-EWT that is compiled into the crate.
    ///
    /// The model is decompressed and decoded on the first call only (a few tens of
    /// milliseconds) and shared afterwards, so callers can use this freely instead of
    /// threading a tagger through their code.
    ///
    /// # Panics
    ///
    /// Panics if the committed model file is not a valid model, which can only happen if
    /// `data/models/tagger.bin.gz` was replaced by something other than the output of the
    /// training binary.
    pub fn embedded() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| {
            Tagger::from_bytes(EMBEDDED_MODEL).unwrap_or_else(|e| {
                panic!(
                    "the embedded tagger model data/models/tagger.bin.gz is invalid ({e}); \
                     retrain it with `cargo run --release --bin train-tagger`"
                )
            })
        })
    }

    /// Tags a tokenised sentence, returning exactly one tag per word.
    ///
    /// Words are expected to be split as the treebank splits them (punctuation separate,
    /// "n't" and "'s" as words of their own); curly quotes and apostrophes are fine. It never
    /// panics: empty input gives empty output, and any Unicode is accepted.
    pub fn tag(&self, words: &[&str]) -> Vec<Tag> {
        let mut out = Vec::with_capacity(words.len());
        if words.is_empty() || self.classes.is_empty() {
            // A model without classes cannot say anything; call everything a noun rather
            // than return fewer tags than words.
            out.extend(words.iter().map(|_| Tag {
                upos: Upos::Noun,
                xpos: "NN",
            }));
            return out;
        }
        let headline = is_headline(words);
        let mut ctx = Vec::with_capacity(words.len() + 4);
        ctx.push(WordFeats::padding(2));
        ctx.push(WordFeats::padding(1));
        let mut scratch = Scratch::default();
        for w in words {
            ctx.push(word_feats(w, headline, &self.lex, &mut scratch));
        }
        ctx.push(WordFeats::padding(3));
        ctx.push(WordFeats::padding(4));

        let mut scores = [0i32; MAX_CLASSES];
        let mut feats = [0u64; NF];
        let mut history = History::new();
        for (i, w) in words.iter().enumerate() {
            let c = match self.quote_class(w) {
                Some(c) => c,
                None if ctx[i + 2].dict != NO_CLASS => ctx[i + 2].dict,
                None => {
                    features(&ctx, i + 2, &history, &mut feats);
                    let c = self.predict(&feats, &mut scores);
                    self.participles
                        .fix(c, &history, headline, words.get(i + 1).copied())
                }
            };
            let tag = self.classes[c as usize];
            out.push(tag);
            history.push(c, tag);
        }
        out
    }

    /// Curly double quotes say which side they are on, which straight quotes do not; trust
    /// them instead of the model.
    fn quote_class(&self, w: &str) -> Option<u8> {
        match w {
            "\u{201C}" | "\u{201E}" | "\u{00AB}" => self.open_quote,
            "\u{201D}" | "\u{00BB}" => self.close_quote,
            _ => None,
        }
    }

    #[inline]
    fn predict(&self, feats: &[u64; NF], scores: &mut [i32; MAX_CLASSES]) -> u8 {
        let n = self.classes.len();
        let scores = &mut scores[..n];
        scores.fill(0);
        self.table.score(feats, scores);
        let mut best = 0usize;
        for (c, &s) in scores.iter().enumerate() {
            if s > scores[best] {
                best = c;
            }
        }
        best as u8
    }

    fn new(classes: Vec<Tag>, scale: f32, table: FeatureTable, lex: Lexicon) -> Tagger {
        let find = |x: &str| {
            classes
                .iter()
                .position(|t| t.upos == Upos::Punct && t.xpos == x)
                .map(|p| p as u8)
        };
        let open_quote = find("``");
        let close_quote = find("''");
        Tagger {
            participles: Participles::new(&classes),
            classes,
            scale,
            table,
            lex,
            open_quote,
            close_quote,
        }
    }

    /// Serialises the model in this crate's own compact binary format (uncompressed; the
    /// committed file is this output gzip-compressed with `flate2`).
    ///
    /// Layout, all integers little-endian: magic `FTAG`, version `u32`, class count `u32`
    /// then per class the UPOS index `u8` and the XPOS tag (length `u8` + bytes), the weight
    /// scale `f32`, the tag-dictionary size `u32` then per entry a key delta (LEB128 varint,
    /// keys sorted) and the class `u8`, and the feature count `u32` then per feature a key
    /// delta (varint), the number of weights `u8`, and per weight the class `u8` and the
    /// quantised weight (zigzag varint).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MODEL_MAGIC);
        out.extend_from_slice(&MODEL_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.classes.len() as u32).to_le_bytes());
        for t in &self.classes {
            out.push(t.upos as u8);
            out.push(t.xpos.len() as u8);
            out.extend_from_slice(t.xpos.as_bytes());
        }
        out.extend_from_slice(&self.scale.to_le_bytes());

        let mut dict: Vec<(u64, u8)> = self.lex.dict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        out.extend_from_slice(&(dict.len() as u32).to_le_bytes());
        let mut prev = 0u64;
        for (k, c) in dict {
            write_varint(&mut out, k - prev);
            prev = k;
            out.push(c);
        }
        let mut amb: Vec<(u64, u32)> = self.lex.vocab.iter().map(|(&k, &v)| (k, v)).collect();
        amb.sort_unstable();
        out.extend_from_slice(&(amb.len() as u32).to_le_bytes());
        let mut prev = 0u64;
        for (k, a) in amb {
            write_varint(&mut out, k - prev);
            prev = k;
            write_varint(&mut out, a as u64);
        }

        let t = &self.table;
        let mut slots: Vec<(u64, usize, usize)> = (0..t.slots.len())
            .filter(|&i| t.slots[i].packed != 0)
            .map(|i| {
                let p = t.slots[i].packed as usize;
                (t.keys[i], p >> 8, p & 0xff)
            })
            .collect();
        slots.sort_unstable();
        out.extend_from_slice(&(slots.len() as u32).to_le_bytes());
        let mut prev = 0u64;
        for (key, start, len) in slots {
            write_varint(&mut out, key - prev);
            prev = key;
            out.push(len as u8);
            for e in &t.entries[start..start + len] {
                out.push(e.class);
                write_varint(&mut out, zigzag(e.weight as i64));
            }
        }
        out
    }

    /// Reads a model written by [`Tagger::to_bytes`], either raw or gzip-compressed (the
    /// gzip magic number is detected), checking it thoroughly so that a corrupt file gives
    /// an error rather than a tagger that panics later.
    pub fn from_bytes(b: &[u8]) -> Result<Tagger, ModelError> {
        if b.starts_with(&[0x1f, 0x8b]) {
            let mut raw = Vec::new();
            flate2::read::GzDecoder::new(b).read_to_end(&mut raw)?;
            return Tagger::from_raw(&raw);
        }
        Tagger::from_raw(b)
    }

    fn from_raw(b: &[u8]) -> Result<Tagger, ModelError> {
        let mut r = Reader { b, pos: 0 };
        if r.take(4)? != MODEL_MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = r.u32()?;
        if version != MODEL_VERSION {
            return Err(ModelError::UnsupportedVersion(version));
        }
        let n_classes = r.u32()? as usize;
        if n_classes > MAX_CLASSES {
            return Err(ModelError::Corrupt("too many classes"));
        }
        let mut classes = Vec::with_capacity(n_classes);
        for _ in 0..n_classes {
            let upos = *Upos::ALL
                .get(r.u8()? as usize)
                .ok_or(ModelError::Corrupt("bad UPOS index"))?;
            let len = r.u8()? as usize;
            let xpos = std::str::from_utf8(r.take(len)?)
                .ok()
                .and_then(static_xpos)
                .ok_or(ModelError::Corrupt("unknown XPOS tag"))?;
            classes.push(Tag { upos, xpos });
        }
        let scale = f32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes"));
        if !scale.is_finite() {
            return Err(ModelError::Corrupt("weight scale is not finite"));
        }

        let n_dict = r.u32()? as usize;
        let mut tagdict = FxHashMap::default();
        tagdict.reserve(n_dict.min(b.len()));
        let mut key = 0u64;
        for _ in 0..n_dict {
            key = key.wrapping_add(r.varint()?);
            let c = r.u8()?;
            if c as usize >= n_classes {
                return Err(ModelError::Corrupt("tag dictionary class out of range"));
            }
            tagdict.insert(key, c);
        }
        let n_amb = r.u32()? as usize;
        let mut amb = FxHashMap::default();
        amb.reserve(n_amb.min(b.len()));
        let mut key = 0u64;
        for _ in 0..n_amb {
            key = key.wrapping_add(r.varint()?);
            let a = u32::try_from(r.varint()?)
                .map_err(|_| ModelError::Corrupt("ambiguity class out of range"))?;
            amb.insert(key, a);
        }

        let n_feats = r.u32()? as usize;
        let mut features = Vec::with_capacity(n_feats.min(b.len()));
        let mut key = 0u64;
        let mut total = 0usize;
        for _ in 0..n_feats {
            let delta = r.varint()?;
            if delta == 0 && key != 0 {
                return Err(ModelError::Corrupt("duplicate feature key"));
            }
            key = key.wrapping_add(delta);
            if key == 0 {
                return Err(ModelError::Corrupt("zero feature key"));
            }
            let n = r.u8()? as usize;
            if n == 0 {
                return Err(ModelError::Corrupt("feature without weights"));
            }
            total += n;
            if total > MAX_ENTRIES {
                return Err(ModelError::Corrupt("too many weights"));
            }
            let mut es = Vec::with_capacity(n);
            for _ in 0..n {
                let class = r.u8()?;
                if class as usize >= n_classes {
                    return Err(ModelError::Corrupt("weight class out of range"));
                }
                let w = unzigzag(r.varint()?);
                let weight =
                    i16::try_from(w).map_err(|_| ModelError::Corrupt("weight out of range"))?;
                es.push(Entry { class, weight });
            }
            features.push((key, es));
        }
        if r.pos != b.len() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        Ok(Tagger::new(
            classes,
            scale,
            FeatureTable::build(features),
            Lexicon {
                dict: tagdict,
                vocab: amb,
            },
        ))
    }
}

fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// A bounds-checked cursor over a serialised model.
struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.b.get(self.pos..end).ok_or(ModelError::Truncated)?;
        self.pos = end;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            v |= ((byte & 0x7f) as u64) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ModelError::Corrupt("varint too long"))
    }
}

// ---------------------------------------------------------------------------------------------
// Training.
// ---------------------------------------------------------------------------------------------

/// Words seen at least this often...
const DICT_MIN_COUNT: u32 = 20;
/// ...with this share of one tag go in the tag dictionary and skip the model at tag time.
const DICT_MIN_SHARE: f64 = 0.995;
/// Words seen at least this often get an ambiguity class...
const AMB_MIN_COUNT: u32 = 3;
/// ...made of the tags that account for at least this share of their occurrences.
const AMB_MIN_SHARE: f64 = 0.05;
/// Words seen at most this often in training...
const DROP_MAX_COUNT: u32 = 3;
/// ...have their identity hidden this often during training (word dropout).
const DROP_SHARE: f64 = 0.3;
/// Share of training sentences shown upper-cased in each epoch, to teach headline tagging.
const CAPS_SHARE: u64 = 6; // percent
/// Averaged weights smaller than this (in perceptron update units) are dropped.
const PRUNE_THRESHOLD: f64 = 0.05;

/// One class's weight for one feature, with the bookkeeping for lazy averaging.
#[derive(Clone, Copy)]
struct Param {
    class: u8,
    weight: f32,
    total: f64,
    stamp: u32,
}

struct Trainer {
    weights: FxHashMap<u64, Vec<Param>>,
    /// Number of training instances seen so far (the averaging clock).
    tick: u32,
}

impl Trainer {
    fn predict(&self, feats: &[u64; NF], scores: &mut [f32]) -> u8 {
        scores.fill(0.0);
        for f in feats {
            if let Some(ps) = self.weights.get(f) {
                for p in ps {
                    scores[p.class as usize] += p.weight;
                }
            }
        }
        let mut best = 0usize;
        for (c, &s) in scores.iter().enumerate() {
            if s > scores[best] {
                best = c;
            }
        }
        best as u8
    }

    fn update(&mut self, feats: &[u64; NF], truth: u8, guess: u8) {
        if truth == guess {
            return;
        }
        let tick = self.tick;
        for &f in feats {
            let ps = self.weights.entry(f).or_default();
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let p = match ps.iter_mut().position(|p| p.class == class) {
                    Some(i) => &mut ps[i],
                    None => {
                        ps.push(Param {
                            class,
                            weight: 0.0,
                            total: 0.0,
                            stamp: tick,
                        });
                        ps.last_mut().expect("just pushed")
                    }
                };
                p.total += (tick - p.stamp) as f64 * p.weight as f64;
                p.stamp = tick;
                p.weight += delta;
            }
        }
    }

    /// Builds a tagger from the averaged weights at the current point of training.
    fn snapshot(&self, classes: &[Tag], lex: &Lexicon) -> Tagger {
        let tick = self.tick.max(1) as f64;
        let mut averaged: Vec<(u64, Vec<(u8, f64)>)> = Vec::with_capacity(self.weights.len());
        let mut max_abs = 0f64;
        for (&key, ps) in &self.weights {
            let kept: Vec<(u8, f64)> = ps
                .iter()
                .map(|p| {
                    let total = p.total + (self.tick - p.stamp) as f64 * p.weight as f64;
                    (p.class, total / tick)
                })
                .filter(|&(_, w)| w.abs() >= PRUNE_THRESHOLD)
                .collect();
            if !kept.is_empty() {
                for &(_, w) in &kept {
                    max_abs = max_abs.max(w.abs());
                }
                averaged.push((key, kept));
            }
        }
        let scale = if max_abs > 0.0 {
            max_abs / i16::MAX as f64
        } else {
            1.0
        };
        let features = averaged
            .into_iter()
            .filter_map(|(key, ws)| {
                let es: Vec<Entry> = ws
                    .into_iter()
                    .map(|(class, w)| Entry {
                        class,
                        weight: (w / scale).round() as i16,
                    })
                    .filter(|e| e.weight != 0)
                    .collect();
                (!es.is_empty()).then_some((key, es))
            })
            .collect();
        Tagger::new(
            classes.to_vec(),
            scale as f32,
            FeatureTable::build(features),
            lex.clone(),
        )
    }
}

/// Small deterministic generator (xorshift64*) so that training is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Trains a tagger on treebank sentences with `epochs` passes of the averaged perceptron.
///
/// Training is deterministic (the sentence order is shuffled with a fixed seed), so the same
/// treebank and epoch count always give the same model.
pub fn train(sentences: &[Vec<Word>], epochs: usize) -> Tagger {
    train_with_callback(sentences, epochs, |_, _| {})
}

/// Like [`train`], but calls `on_epoch(epoch, &tagger)` after every epoch (counting from 1)
/// with the averaged model so far, so that the caller can pick the number of epochs on
/// held-out data without training once per candidate.
pub fn train_with_callback<F: FnMut(usize, &Tagger)>(
    sentences: &[Vec<Word>],
    epochs: usize,
    mut on_epoch: F,
) -> Tagger {
    train_scheme(sentences, epochs, Scheme::Joint, &mut on_epoch)
}

/// What the classes of a model are: used to measure whether predicting the (UPOS, XPOS)
/// pair beats predicting either tag alone.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scheme {
    Joint,
    #[cfg_attr(not(test), allow(dead_code))]
    UposOnly,
    #[cfg_attr(not(test), allow(dead_code))]
    XposOnly,
}

fn gold_tag(w: &Word, scheme: Scheme) -> Tag {
    let upos = Upos::from_str_ud(&w.upos).unwrap_or(Upos::X);
    let xpos = static_xpos(&w.xpos).unwrap_or("XX");
    match scheme {
        Scheme::Joint => Tag { upos, xpos },
        Scheme::UposOnly => Tag { upos, xpos: "XX" },
        Scheme::XposOnly => Tag {
            upos: Upos::X,
            xpos,
        },
    }
}

fn train_scheme(
    sentences: &[Vec<Word>],
    epochs: usize,
    scheme: Scheme,
    on_epoch: &mut dyn FnMut(usize, &Tagger),
) -> Tagger {
    // Classes, most frequent first (so ties in the argmax favour the common tag).
    let mut counts: FxHashMap<(u8, &'static str), u32> = FxHashMap::default();
    for w in sentences.iter().flatten() {
        let t = gold_tag(w, scheme);
        *counts.entry((t.upos as u8, t.xpos)).or_default() += 1;
    }
    let mut classes: Vec<((u8, &'static str), u32)> = counts.into_iter().collect();
    classes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    classes.truncate(MAX_CLASSES);
    let class_of: FxHashMap<(u8, &'static str), u8> = classes
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (*k, i as u8))
        .collect();
    let classes: Vec<Tag> = classes
        .iter()
        .map(|((u, x), _)| Tag {
            upos: Upos::ALL[*u as usize],
            xpos: x,
        })
        .collect();
    let gold: Vec<Vec<u8>> = sentences
        .iter()
        .map(|s| {
            s.iter()
                .map(|w| {
                    let t = gold_tag(w, scheme);
                    class_of.get(&(t.upos as u8, t.xpos)).copied().unwrap_or(0)
                })
                .collect()
        })
        .collect();

    // Tag dictionary: frequent words that (almost) always take one tag.
    let mut scratch = Scratch::default();
    let mut form_counts: FxHashMap<u64, FxHashMap<u8, u32>> = FxHashMap::default();
    for (s, g) in sentences.iter().zip(&gold) {
        for (w, &c) in s.iter().zip(g) {
            normalise_into(&w.form, false, &mut scratch.norm);
            let k = hash_str(SEED_DICT, &scratch.norm);
            *form_counts.entry(k).or_default().entry(c).or_default() += 1;
        }
    }
    let mut tagdict: FxHashMap<u64, u8> = FxHashMap::default();
    for (k, cs) in form_counts {
        let total: u32 = cs.values().sum();
        let (&best, &n) = cs
            .iter()
            .max_by_key(|(c, n)| (**n, u8::MAX - **c))
            .expect("non-empty");
        if total >= DICT_MIN_COUNT && n as f64 / total as f64 >= DICT_MIN_SHARE {
            tagdict.insert(k, best);
        }
    }

    // Ambiguity classes: the set of tags each reasonably frequent word takes.
    let mut word_counts: FxHashMap<u64, FxHashMap<u8, u32>> = FxHashMap::default();
    let empty = Lexicon::default();
    for (s, g) in sentences.iter().zip(&gold) {
        for (w, &c) in s.iter().zip(g) {
            let k = word_feats(&w.form, false, &empty, &mut scratch).word;
            *word_counts.entry(k).or_default().entry(c).or_default() += 1;
        }
    }
    let mut sigs: FxHashMap<Vec<u8>, u32> = FxHashMap::default();
    let mut amb: Vec<(u64, Vec<u8>)> = Vec::new();
    let mut rare: FxHashMap<u64, ()> = FxHashMap::default();
    for (k, cs) in word_counts {
        let total: u32 = cs.values().sum();
        if total <= DROP_MAX_COUNT {
            rare.insert(k, ());
        }
        let mut set: Vec<u8> = if total >= AMB_MIN_COUNT {
            cs.iter()
                .filter(|(_, &n)| n as f64 >= total as f64 * AMB_MIN_SHARE)
                .map(|(&c, _)| c)
                .collect()
        } else {
            Vec::new()
        };
        set.sort_unstable();
        amb.push((k, set));
    }
    // Number the classes in a fixed order so that training is reproducible.
    amb.sort_unstable();
    let vocab: FxHashMap<u64, u32> = amb
        .into_iter()
        .map(|(k, set)| {
            if set.is_empty() {
                (k, 0)
            } else {
                let n = sigs.len() as u32 + 1;
                (k, *sigs.entry(set).or_insert(n))
            }
        })
        .collect();
    let lex = Lexicon {
        dict: tagdict,
        vocab,
    };

    let mut trainer = Trainer {
        weights: FxHashMap::default(),
        tick: 0,
    };
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut scores = vec![0f32; classes.len()];
    let mut feats = [0u64; NF];
    let mut ctx: Vec<WordFeats> = Vec::new();
    let mut upper: Vec<String> = Vec::new();
    let mut last = None;
    for epoch in 1..=epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &si in &order {
            let sent = &sentences[si];
            let caps = rng.next() % 100 < CAPS_SHARE;
            upper.clear();
            if caps {
                upper.extend(sent.iter().map(|w| w.form.to_uppercase()));
            }
            let words: Vec<&str> = if caps {
                upper.iter().map(|s| s.as_str()).collect()
            } else {
                sent.iter().map(|w| w.form.as_str()).collect()
            };
            let headline = is_headline(&words);
            ctx.clear();
            ctx.push(WordFeats::padding(2));
            ctx.push(WordFeats::padding(1));
            for w in &words {
                let mut wf = word_feats(w, headline, &lex, &mut scratch);
                // Word dropout: hide the identity of some rare words, so that the model
                // learns to tag unknown words from their shape, affixes and context.
                if rare.contains_key(&wf.word) && (rng.next() % 1000) as f64 / 1000.0 < DROP_SHARE {
                    wf.forget_word();
                }
                ctx.push(wf);
            }
            ctx.push(WordFeats::padding(3));
            ctx.push(WordFeats::padding(4));
            let mut history = History::new();
            for (i, &truth) in gold[si].iter().enumerate() {
                trainer.tick += 1;
                features(&ctx, i + 2, &history, &mut feats);
                let guess = trainer.predict(&feats, &mut scores);
                trainer.update(&feats, truth, guess);
                // The participle correction is left out here: applying it during training
                // was measured to cost accuracy, while applying it only when tagging is
                // neutral on the treebank and fixes the main verbs of news sentences.
                let emitted = if ctx[i + 2].dict != NO_CLASS {
                    ctx[i + 2].dict
                } else {
                    guess
                };
                history.push(emitted, classes[emitted as usize]);
            }
        }
        let snap = trainer.snapshot(&classes, &lex);
        on_epoch(epoch, &snap);
        last = Some(snap);
    }
    last.unwrap_or_else(|| trainer.snapshot(&classes, &lex))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(sentence: &str) -> Vec<Tag> {
        let words: Vec<&str> = sentence.split(' ').collect();
        Tagger::embedded().tag(&words)
    }

    fn upos(sentence: &str) -> Vec<&'static str> {
        tags(sentence).iter().map(|t| t.upos.as_str()).collect()
    }

    #[test]
    fn upos_strings_round_trip() {
        for u in Upos::ALL {
            assert_eq!(Upos::from_str_ud(u.as_str()), Some(u));
        }
        assert_eq!(Upos::from_str_ud("propn"), None);
        assert_eq!(Upos::from_str_ud(""), None);
    }

    #[test]
    fn tags_a_news_sentence() {
        let s = "North Korean leader Kim Jong Un met Chinese President Xi Jinping in Beijing on Tuesday .";
        let t = tags(s);
        let words: Vec<&str> = s.split(' ').collect();
        for name in ["Kim", "Jong", "Un", "Xi", "Jinping", "Beijing"] {
            let i = words.iter().position(|w| *w == name).unwrap();
            assert_eq!(t[i].upos, Upos::Propn, "{name}: {:?}", t[i]);
        }
        let met = words.iter().position(|w| *w == "met").unwrap();
        assert_eq!(
            t[met],
            Tag {
                upos: Upos::Verb,
                xpos: "VBD"
            }
        );
        assert_eq!(
            t[words.len() - 1],
            Tag {
                upos: Upos::Punct,
                xpos: "."
            }
        );
        assert_eq!(
            t[words.iter().position(|w| *w == "Tuesday").unwrap()].upos,
            Upos::Propn
        );
    }

    #[test]
    fn tags_more_news() {
        let s = "Pyongyang fired two missiles into the sea , Sputnik reported .";
        assert_eq!(
            upos(s),
            [
                "PROPN", "VERB", "NUM", "NOUN", "ADP", "DET", "NOUN", "PUNCT", "PROPN", "VERB",
                "PUNCT"
            ]
        );
        let s = "The United States imposed new sanctions on Iran ’s oil exports .";
        let t = tags(s);
        assert_eq!(
            t[3],
            Tag {
                upos: Upos::Verb,
                xpos: "VBD"
            }
        );
        assert_eq!(t[5].xpos, "NNS");
        assert_eq!(
            t[8],
            Tag {
                upos: Upos::Part,
                xpos: "POS"
            }
        );
        let s = "Police did n’t say whether protesters were arrested .";
        let t = tags(s);
        assert_eq!(t[2].upos, Upos::Part);
        assert_eq!(t[6].upos, Upos::Aux);
        assert_eq!(
            t[7],
            Tag {
                upos: Upos::Verb,
                xpos: "VBN"
            }
        );
    }

    #[test]
    fn main_verbs_after_a_subject_are_past_tense() {
        let vbd = Tag {
            upos: Upos::Verb,
            xpos: "VBD",
        };
        let t = tags("Police arrested 12 people during clashes in Hong Kong .");
        assert_eq!(t[1], vbd);
        let t = tags("Chinese and Indian troops fought along the disputed border .");
        assert_eq!(t[4], vbd);
        let t = tags("Iran ’s foreign minister held talks in Moscow .");
        assert_eq!(t[4], vbd);
        let t = tags("Troops backed by tanks entered the city .");
        assert_eq!(t[1].xpos, "VBN");
        let t = tags("Ships were seized on Sunday .");
        assert_eq!(t[2].xpos, "VBN");
    }

    #[test]
    fn curly_quotes_are_quotes() {
        let t = tags("“ We will retaliate , ” he said .");
        assert_eq!(
            t[0],
            Tag {
                upos: Upos::Punct,
                xpos: "``"
            }
        );
        assert_eq!(
            t[5],
            Tag {
                upos: Upos::Punct,
                xpos: "''"
            }
        );
        assert_eq!(
            t[7],
            Tag {
                upos: Upos::Verb,
                xpos: "VBD"
            }
        );
    }

    #[test]
    fn tags_all_caps_headlines_from_the_words() {
        let t = upos("RUSSIA SEIZES UKRAINIAN SHIPS IN KERCH STRAIT");
        assert_eq!(t[0], "PROPN");
        assert_eq!(t[1], "VERB");
        assert_eq!(t[3], "NOUN");
        assert_eq!(t[4], "ADP");
    }

    #[test]
    fn empty_and_odd_input_do_not_panic() {
        let tagger = Tagger::embedded();
        assert!(tagger.tag(&[]).is_empty());
        let odd = [
            "",
            " ",
            "\u{0}",
            "😀",
            "İstanbul",
            "ﬃ",
            "\u{202E}",
            "a\u{301}",
            "--",
            "…",
            "—",
            "’",
            "‘‘",
            "Ǆ",
            "𝔘𝔫𝔦",
            "١٢٣",
            "日本",
            "x".repeat(500).leak(),
        ];
        let t = tagger.tag(&odd);
        assert_eq!(t.len(), odd.len());
        for w in odd {
            assert_eq!(tagger.tag(&[w]).len(), 1);
        }
    }

    #[test]
    fn long_input_does_not_panic() {
        let base = [
            "The", "army", "said", "it", "shot", "down", "3", "drones", "over", "Kyiv", ".",
        ];
        let words: Vec<&str> = base.iter().cycle().take(10_000).copied().collect();
        assert_eq!(Tagger::embedded().tag(&words).len(), 10_000);
    }

    #[test]
    fn round_trips_through_bytes() {
        let tagger = Tagger::embedded();
        let bytes = tagger.to_bytes();
        let again = Tagger::from_bytes(&bytes).unwrap();
        assert_eq!(again.to_bytes(), bytes);
        let words = [
            "Iran", "’s", "foreign", "minister", "visited", "Moscow", ".",
        ];
        assert_eq!(again.tag(&words), tagger.tag(&words));
    }

    #[test]
    fn rejects_bad_models() {
        assert!(matches!(
            Tagger::from_bytes(b""),
            Err(ModelError::Truncated)
        ));
        assert!(matches!(
            Tagger::from_bytes(b"NOPE...."),
            Err(ModelError::BadMagic)
        ));
        let bytes = Tagger::embedded().to_bytes();
        for cut in [5, 11, bytes.len() / 2, bytes.len() - 1] {
            assert!(Tagger::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut v = bytes.clone();
        v[4] = 99;
        assert!(matches!(
            Tagger::from_bytes(&v),
            Err(ModelError::UnsupportedVersion(_))
        ));
        assert!(Tagger::from_bytes(&[0x1f, 0x8b, 0, 1, 2]).is_err());
    }

    #[test]
    fn trains_a_tiny_model() {
        let w = |form: &str, upos: &str, xpos: &str| Word {
            form: form.into(),
            lemma: String::new(),
            upos: upos.into(),
            xpos: xpos.into(),
            head: 0,
            deprel: String::new(),
        };
        let sents = vec![
            vec![
                w("Troops", "NOUN", "NNS"),
                w("fired", "VERB", "VBD"),
                w(".", "PUNCT", "."),
            ],
            vec![
                w("Police", "NOUN", "NNS"),
                w("left", "VERB", "VBD"),
                w(".", "PUNCT", "."),
            ],
        ];
        let tagger = train(&sents, 3);
        let t = tagger.tag(&["Troops", "left", "."]);
        assert_eq!(
            t[1],
            Tag {
                upos: Upos::Verb,
                xpos: "VBD"
            }
        );
        let again = Tagger::from_bytes(&tagger.to_bytes()).unwrap();
        assert_eq!(
            again.tag(&["Police", "fired", "."]),
            tagger.tag(&["Police", "fired", "."])
        );
    }

    /// The treebank's dev split, or `None` (with a message) when the treebank is absent, so
    /// that the tests also run on machines without it.
    fn dev_split() -> Option<Vec<Vec<Word>>> {
        let path = std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/treebank/ud-english-ewt/en_ewt-ud-dev.conllu"
        ));
        match std::fs::read_to_string(path) {
            Ok(text) => Some(crate::conllu::parse(&text)),
            Err(_) => {
                eprintln!("skipping: {} is absent", path.display());
                None
            }
        }
    }

    #[test]
    fn accuracy_on_the_dev_split() {
        let Some(dev) = dev_split() else { return };
        let tagger = Tagger::embedded();
        let (mut n, mut u, mut x) = (0usize, 0usize, 0usize);
        for s in &dev {
            let words: Vec<&str> = s.iter().map(|w| w.form.as_str()).collect();
            for (t, g) in tagger.tag(&words).iter().zip(s) {
                n += 1;
                u += usize::from(t.upos.as_str() == g.upos);
                x += usize::from(t.xpos == g.xpos);
            }
        }
        let (u, x) = (u as f64 / n as f64, x as f64 / n as f64);
        assert!(u > 0.945 && x > 0.94, "dev UPOS {u:.4}, XPOS {x:.4}");
    }

    /// Compares predicting the (UPOS, XPOS) pair with predicting each tag alone. Run with
    /// `cargo test --release -p fulcrum-syntax -- --ignored --nocapture compare_schemes`.
    #[test]
    #[ignore = "trains three models on the treebank; run by hand"]
    fn compare_schemes() {
        let dir = std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/treebank/ud-english-ewt"
        ));
        if !dir.exists() {
            eprintln!("skipping: {} is absent", dir.display());
            return;
        }
        let read = |s: &str| {
            crate::conllu::parse(
                &std::fs::read_to_string(dir.join(format!("en_ewt-ud-{s}.conllu"))).unwrap(),
            )
        };
        let (train_s, dev) = (read("train"), read("dev"));
        for scheme in [Scheme::Joint, Scheme::UposOnly, Scheme::XposOnly] {
            let tagger = train_scheme(&train_s, 8, scheme, &mut |_, _| {});
            let (mut n, mut u, mut x) = (0, 0, 0);
            for s in &dev {
                let words: Vec<&str> = s.iter().map(|w| w.form.as_str()).collect();
                for (t, g) in tagger.tag(&words).iter().zip(s) {
                    n += 1;
                    u += (t.upos.as_str() == g.upos) as usize;
                    x += (t.xpos == g.xpos) as usize;
                }
            }
            eprintln!(
                "{scheme:?}: dev UPOS {:.2}% XPOS {:.2}%",
                100.0 * u as f64 / n as f64,
                100.0 * x as f64 / n as f64
            );
        }
    }
}
