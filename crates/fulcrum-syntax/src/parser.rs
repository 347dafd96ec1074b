//! A greedy, labelled, transition-based dependency parser for English.
//!
//! The parser uses the arc-eager transition system (Nivre 2003) with an averaged perceptron
//! (Collins 2002) over the rich feature set of Zhang & Nivre (2011), and it is trained with the
//! dynamic oracle of Goldberg & Nivre (2012), which lets it learn how to recover from its own
//! mistakes. Greedy decoding makes parsing linear in the sentence length, which is what a news
//! pipeline processing many thousands of sentences a second needs; the price is a few points of
//! accuracy compared with beam search or graph-based parsers.
//!
//! The model predicts the transition and the Universal Dependencies relation jointly, with the
//! full set of relation subtypes found in UD English-EWT (`nsubj:pass`, `obl:agent`,
//! `compound:prt`, `nmod:poss`, `acl:relcl`, ...). Every feature is hashed to a `u64` with
//! `rustc-hash`, so parsing allocates no strings per feature.
//!
//! The artificial root sits at the bottom of the stack and may take exactly one dependent, so
//! every parse has a single `root`; words still without a head when the input is exhausted
//! (about 0.2% of words) are attached to that root word as `dep` (`punct` for punctuation), so
//! the output is always a tree.
//!
//! The model embedded in the binary was trained by the `train-parser` binary on UD English-EWT,
//! which is licensed CC BY-SA 4.0; the model is a derived work under the same licence. Because
//! the pipeline feeds the parser tags predicted by [`crate::tagger::Tagger`], not gold ones, it
//! was trained on the treebank twice over: once with gold tags and once with tags predicted by
//! taggers trained on the other nine tenths of the data (jackknifing), so that it learned to
//! cope with the tagger's typical mistakes.

use std::hash::Hasher;
use std::io::{Read, Write};
use std::sync::{Mutex, OnceLock};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use crate::conllu::Word;

/// The committed model, trained by `cargo run --release --bin train-parser`.
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../data/models/parser.bin.gz");

/// Magic number at the start of a decompressed model.
const MAGIC: &[u8; 8] = b"FULCPARS";
/// Version of the binary model format written by [`Parser::to_bytes`].
const FORMAT_VERSION: u32 = 1;

/// Marker for "no token" (an empty stack slot, a missing child, no head).
const NONE: usize = usize::MAX;
/// Marker for a token that has no label yet.
const NO_LABEL: u8 = u8::MAX;
/// Transition class of SHIFT; LEFT-ARC and RIGHT-ARC classes follow, one per label.
const SHIFT: usize = 0;
/// Transition class of REDUCE.
const REDUCE: usize = 1;
/// At most this many labels: transition classes then fit in seven bits (the weight table packs
/// them with a flag bit in one byte) and label sets in a 64-bit mask.
const MAX_LABELS: usize = 63;
/// Number of transition classes that score arrays are sized for.
const CLASSES: usize = 128;

/// Feature value of an absent token.
const V_NONE: u64 = 0x9e37_79b9_7f4a_7c15;
/// Feature value (word and tag) of the artificial root token.
const V_ROOT: u64 = 0x5851_f42d_4c95_7f2d;
/// Feature value of the label of a token that has no head yet.
const V_NOLABEL: u64 = 0x1405_7b7e_f767_814f;

/// Probability, from the second training epoch on, of following the model's own wrong
/// prediction rather than the oracle's (Goldberg & Nivre 2012 use 0.9).
const EXPLORATION: f64 = 0.9;

/// Weights whose averaged magnitude is below this are dropped from the model; the training
/// binary measured that this loses no accuracy on the development set while shrinking the model.
pub const DEFAULT_PRUNE: f32 = 1.0;

#[inline]
fn left_arc(label: usize) -> usize {
    2 + 2 * label
}

#[inline]
fn right_arc(label: usize) -> usize {
    3 + 2 * label
}

/// The head and relation that the parser assigns to one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arc {
    /// 1-based index of the head word, or 0 when the word is the root of the sentence.
    pub head: usize,
    /// The Universal Dependencies relation, with its subtype when it has one (`"nsubj:pass"`).
    pub deprel: &'static str,
}

/// Why a byte string could not be decoded into a [`Parser`].
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The bytes are not a valid gzip stream.
    #[error("the parser model could not be decompressed: {0}")]
    Decompress(#[from] std::io::Error),
    /// The decompressed bytes do not start with the parser's magic number.
    #[error("the data is not a fulcrum parser model")]
    BadMagic,
    /// The model was written by an incompatible version of this crate.
    #[error("unsupported parser model format version {0}")]
    Version(u32),
    /// The model ends before all its declared contents.
    #[error("the parser model is truncated")]
    Truncated,
    /// The model's contents are inconsistent.
    #[error("the parser model is corrupt: {0}")]
    Corrupt(&'static str),
}

/// A trained dependency parser: a set of relation labels and the perceptron weights.
///
/// Build one with [`train`] or [`Parser::from_bytes`], or use the embedded model through
/// [`Parser::embedded`]; parsing takes `&self`, so one parser can be shared across threads.
pub struct Parser {
    /// Relation labels; label `l` has transition classes `2 + 2l` (LEFT-ARC) and `3 + 2l`
    /// (RIGHT-ARC).
    labels: Vec<&'static str>,
    /// Index of the label `root` in `labels`.
    root: usize,
    /// Feature hash to row of weights.
    table: Table,
}

impl std::fmt::Debug for Parser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parser")
            .field("labels", &self.labels.len())
            .field("features", &self.table.len)
            .field("weights", &self.table.weights)
            .finish()
    }
}

impl Parser {
    /// Returns the model committed with this crate, decoded on first use and then shared, so
    /// that callers never pay for decompression more than once per process.
    pub fn embedded() -> &'static Parser {
        static PARSER: OnceLock<Parser> = OnceLock::new();
        PARSER.get_or_init(|| {
            Parser::from_bytes(EMBEDDED_MODEL)
                .expect("the embedded parser model is valid (checked by the crate's tests)")
        })
    }

    /// Parses one sentence and returns exactly one [`Arc`] per word, forming a tree with a single
    /// child of the root.
    ///
    /// `upos` and `xpos` are the string forms of the words' Universal and Penn Treebank tags
    /// (`"PROPN"`, `"NNP"`), one per word, normally those predicted by
    /// [`crate::tagger::Tagger`]: the parser's features rest on them. Missing tags are treated as
    /// unknown rather than rejected, and no input makes this function panic, because a pipeline
    /// must not lose a whole document to one odd sentence. Time is linear in the number of
    /// words.
    pub fn parse(&self, words: &[&str], upos: &[&str], xpos: &[&str]) -> Vec<Arc> {
        let n = words.len();
        if n == 0 {
            return Vec::new();
        }
        let enc = Encoded::new(
            words,
            |i| upos.get(i).copied().unwrap_or(""),
            |i| xpos.get(i).copied().unwrap_or(""),
        );
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(96);
        let mut scores = [0f32; CLASSES];
        let n_classes = 2 + 2 * self.labels.len();
        while !st.done() {
            extract(&st, &enc, &mut feats);
            scores[..n_classes].fill(0.0);
            self.table.score(&feats, &mut scores);
            let class = st.best_valid(&scores, self.labels.len(), self.root);
            st.apply(class);
        }
        self.finish(&mut st, &enc)
    }

    /// Turns a terminal configuration into arcs, attaching words left without a head so that
    /// the result is always a tree.
    fn finish(&self, st: &mut State, enc: &Encoded) -> Vec<Arc> {
        let n = st.n;
        let mut root_child = st.root_child;
        if root_child == NONE {
            root_child = (1..=n)
                .find(|&i| st.head[i] == NONE && enc.verb[i])
                .or_else(|| (1..=n).find(|&i| st.head[i] == NONE))
                .unwrap_or(1);
            st.head[root_child] = 0;
            st.label[root_child] = self.root as u8;
        }
        (1..=n)
            .map(|i| {
                if i == root_child {
                    Arc {
                        head: 0,
                        deprel: "root",
                    }
                } else if st.head[i] == NONE {
                    // A fragment the parser left unattached: hang it on the root's child.
                    let deprel = if enc.punct[i] { "punct" } else { "dep" };
                    Arc {
                        head: root_child,
                        deprel,
                    }
                } else {
                    let l = st.label[i] as usize;
                    let deprel = self.labels.get(l).copied().unwrap_or("dep");
                    Arc {
                        head: st.head[i],
                        deprel,
                    }
                }
            })
            .collect()
    }

    /// Serialises the model into this crate's compressed binary format, so that a trained
    /// model can be committed and embedded with `include_bytes!`.
    ///
    /// The gzip stream holds, little-endian: the magic `FULCPARS`; the format version (`u32`);
    /// the number of labels (`u32`) and each label as a length byte and UTF-8; the number of
    /// feature rows (`u32`); the sorted feature hashes, delta-coded, as eight byte planes (most
    /// significant first); one length byte per row; then, for all weights of all rows in
    /// order, a plane of transition classes and the high and low byte planes of the bfloat16
    /// weights. Byte planes put alike bytes together (the high bytes of the key deltas are
    /// mostly zero), which gzip compresses better than interleaved values.
    pub fn to_bytes(&self) -> Vec<u8> {
        let rows = self.table.rows();
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        raw.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for l in &self.labels {
            raw.push(l.len() as u8);
            raw.extend_from_slice(l.as_bytes());
        }
        raw.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        // Keys are sorted and delta-encoded, then written one byte plane at a time (most
        // significant first): the high bytes of the deltas are mostly zero and compress away.
        let mut deltas = Vec::with_capacity(rows.len());
        let mut prev = 0u64;
        for (key, _) in &rows {
            deltas.push(key.wrapping_sub(prev));
            prev = *key;
        }
        for shift in (0..8).rev() {
            raw.extend(deltas.iter().map(|d| (d >> (shift * 8)) as u8));
        }
        raw.extend(rows.iter().map(|(_, row)| row.len() as u8));
        let entries: Vec<u32> = rows
            .iter()
            .flat_map(|(_, row)| row.iter().copied())
            .collect();
        raw.extend(entries.iter().map(|e| *e as u8));
        raw.extend(entries.iter().map(|e| (e >> 24) as u8));
        raw.extend(entries.iter().map(|e| (e >> 16) as u8));

        let mut gz = GzEncoder::new(Vec::new(), Compression::best());
        gz.write_all(&raw).expect("writing to a Vec cannot fail");
        gz.finish().expect("writing to a Vec cannot fail")
    }

    /// Decodes a model written by [`Parser::to_bytes`], checking it thoroughly so that a
    /// corrupt file is reported instead of producing a parser that could misbehave.
    pub fn from_bytes(b: &[u8]) -> Result<Parser, ModelError> {
        let mut raw = Vec::new();
        GzDecoder::new(b).read_to_end(&mut raw)?;
        let mut r = Reader { data: &raw, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(ModelError::Version(version));
        }
        let n_labels = r.u32()? as usize;
        if n_labels == 0 || n_labels > MAX_LABELS {
            return Err(ModelError::Corrupt("bad number of labels"));
        }
        let mut labels = Vec::with_capacity(n_labels);
        for _ in 0..n_labels {
            let len = r.take(1)?[0] as usize;
            let s = std::str::from_utf8(r.take(len)?)
                .map_err(|_| ModelError::Corrupt("label is not UTF-8"))?;
            labels.push(intern(s));
        }
        let root = labels
            .iter()
            .position(|l| *l == "root")
            .ok_or(ModelError::Corrupt("no root label"))?;
        let n_classes = 2 + 2 * n_labels;
        let n_rows = r.u32()? as usize;
        if n_rows > raw.len() {
            return Err(ModelError::Truncated);
        }
        let mut keys = vec![0u64; n_rows];
        for _ in 0..8 {
            let plane = r.take(n_rows)?;
            for (k, &byte) in keys.iter_mut().zip(plane) {
                *k = (*k << 8) | byte as u64;
            }
        }
        let mut prev = 0u64;
        for (i, k) in keys.iter_mut().enumerate() {
            if i > 0 && *k == 0 {
                return Err(ModelError::Corrupt("duplicate feature"));
            }
            *k = k.wrapping_add(prev);
            prev = *k;
        }
        let lens = r.take(n_rows)?.to_vec();
        if lens.iter().any(|&l| l == 0 || l as usize > n_classes) {
            return Err(ModelError::Corrupt("bad row length"));
        }
        let total: usize = lens.iter().map(|&l| l as usize).sum();
        let classes = r.take(total)?;
        let hi = r.take(total)?;
        let lo = r.take(total)?;
        if classes.iter().any(|&c| c as usize >= n_classes) {
            return Err(ModelError::Corrupt("bad transition class"));
        }
        let entries: Vec<u32> = (0..total)
            .map(|i| (hi[i] as u32) << 24 | (lo[i] as u32) << 16 | classes[i] as u32)
            .collect();
        if r.pos != raw.len() {
            return Err(ModelError::Corrupt("trailing data"));
        }
        let mut rows = Vec::with_capacity(n_rows);
        let mut start = 0usize;
        for (k, l) in keys.iter().zip(&lens) {
            rows.push((*k, &entries[start..start + *l as usize]));
            start += *l as usize;
        }
        Ok(Parser {
            labels,
            root,
            table: Table::build(&rows)?,
        })
    }

    /// The relation labels this model can emit, in its internal order.
    pub fn labels(&self) -> &[&'static str] {
        &self.labels
    }
}

/// A bounds-checked cursor over a decompressed model.
struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.data.get(self.pos..end).ok_or(ModelError::Truncated)?;
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// One slot of the open-addressing feature table.
///
/// A weight is packed in a `u32`: a bfloat16 weight in the high 16 bits and the transition
/// class in the low 7 bits. Rows of one or two weights (four fifths of them) are stored in the
/// slot itself, so most lookups touch a single cache line; longer rows live in `Table::long`,
/// referenced by `a = start << 8 | LONG_ROW` and `b = length`. An empty slot has `a == 0`
/// (a stored weight is never zero).
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    a: u32,
    b: u32,
}

/// Flag bit marking a slot whose row is stored out of line.
const LONG_ROW: u32 = 0x80;
/// Out-of-line rows are addressed with 24 bits.
const MAX_LONG: usize = 1 << 24;

/// An open-addressing (linear probing) hash table from feature hash to a row of weights, built
/// for fast lookups because they dominate parsing time.
struct Table {
    slots: Vec<Slot>,
    long: Vec<u32>,
    shift: u32,
    len: usize,
    weights: usize,
}

impl Table {
    /// Builds the table from rows of packed weights (each row non-empty, keys distinct).
    fn build(rows: &[(u64, &[u32])]) -> Result<Table, ModelError> {
        let cap = (rows.len() * 2 + 1).next_power_of_two().max(16);
        let mut t = Table {
            slots: vec![Slot::default(); cap],
            long: Vec::new(),
            shift: 64 - cap.trailing_zeros(),
            len: rows.len(),
            weights: 0,
        };
        let mask = cap - 1;
        for &(key, row) in rows {
            if row.is_empty() || row.iter().any(|&e| e & 0xffff_0000 == 0 || e & 0xff80 != 0) {
                return Err(ModelError::Corrupt("bad weight row"));
            }
            t.weights += row.len();
            let slot = match *row {
                [a] => Slot { key, a, b: 0 },
                [a, b] => Slot { key, a, b },
                _ => {
                    let start = t.long.len();
                    if start + row.len() > MAX_LONG {
                        return Err(ModelError::Corrupt("too many weights"));
                    }
                    t.long.extend_from_slice(row);
                    Slot {
                        key,
                        a: (start as u32) << 8 | LONG_ROW,
                        b: row.len() as u32,
                    }
                }
            };
            let mut i = t.index(key);
            while t.slots[i].a != 0 {
                if t.slots[i].key == key {
                    return Err(ModelError::Corrupt("duplicate feature"));
                }
                i = (i + 1) & mask;
            }
            t.slots[i] = slot;
        }
        Ok(t)
    }

    #[inline]
    fn index(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// Adds the weights of `feats` to `scores`, indexed by transition class.
    #[inline]
    fn score(&self, feats: &[u64], scores: &mut [f32; CLASSES]) {
        #[inline(always)]
        fn add(scores: &mut [f32; CLASSES], e: u32) {
            scores[(e & 0x7f) as usize] += f32::from_bits(e & 0xffff_0000);
        }
        let mask = self.slots.len() - 1;
        // Touch every first slot before looking anything up: these loads are independent and
        // branch-free, so the processor overlaps their cache misses instead of serialising them
        // behind the probe loops' branches.
        let mut touch = 0u64;
        for &f in feats {
            touch ^= self.slots[self.index(f)].key;
        }
        std::hint::black_box(touch);
        for &f in feats {
            let mut i = self.index(f);
            loop {
                let s = &self.slots[i];
                if s.a == 0 {
                    break;
                }
                if s.key == f {
                    if s.a & LONG_ROW == 0 {
                        add(scores, s.a);
                        if s.b != 0 {
                            add(scores, s.b);
                        }
                    } else {
                        let start = (s.a >> 8) as usize;
                        let end = start + s.b as usize;
                        for &e in &self.long[start..end] {
                            add(scores, e);
                        }
                    }
                    break;
                }
                i = (i + 1) & mask;
            }
        }
    }

    /// All rows, sorted by key, for serialisation.
    fn rows(&self) -> Vec<(u64, Vec<u32>)> {
        let mut rows: Vec<(u64, Vec<u32>)> = self
            .slots
            .iter()
            .filter(|s| s.a != 0)
            .map(|s| {
                let row = if s.a & LONG_ROW == 0 {
                    if s.b == 0 {
                        vec![s.a]
                    } else {
                        vec![s.a, s.b]
                    }
                } else {
                    let start = (s.a >> 8) as usize;
                    self.long[start..start + s.b as usize].to_vec()
                };
                (s.key, row)
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }
}

/// Relation labels known in advance, so that models decode to `&'static str` without leaking.
const KNOWN_LABELS: &[&str] = &[
    "acl",
    "acl:relcl",
    "advcl",
    "advcl:relcl",
    "advmod",
    "amod",
    "appos",
    "aux",
    "aux:pass",
    "case",
    "cc",
    "cc:preconj",
    "ccomp",
    "clf",
    "compound",
    "compound:prt",
    "conj",
    "cop",
    "csubj",
    "csubj:outer",
    "csubj:pass",
    "dep",
    "det",
    "det:predet",
    "discourse",
    "dislocated",
    "expl",
    "fixed",
    "flat",
    "flat:foreign",
    "goeswith",
    "iobj",
    "list",
    "mark",
    "nmod",
    "nmod:desc",
    "nmod:npmod",
    "nmod:poss",
    "nmod:tmod",
    "nmod:unmarked",
    "nsubj",
    "nsubj:outer",
    "nsubj:pass",
    "nummod",
    "obj",
    "obl",
    "obl:agent",
    "obl:npmod",
    "obl:tmod",
    "obl:unmarked",
    "orphan",
    "parataxis",
    "punct",
    "reparandum",
    "root",
    "vocative",
    "xcomp",
];

/// Returns a `'static` copy of a relation label; labels outside [`KNOWN_LABELS`] are leaked
/// once each, which bounds the leak by the number of distinct labels ever seen.
fn intern(s: &str) -> &'static str {
    if let Some(k) = KNOWN_LABELS.iter().find(|k| **k == s) {
        return k;
    }
    static EXTRA: OnceLock<Mutex<FxHashSet<&'static str>>> = OnceLock::new();
    let mut set = EXTRA
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(k) = set.get(s) {
        return k;
    }
    let leaked: &'static str = Box::leak(s.to_owned().into_boxed_str());
    set.insert(leaked);
    leaked
}

/// A strong 64-bit finaliser (SplitMix64), applied to word and tag hashes so that feature
/// hashes built from them by `FxHasher` are well spread.
#[inline]
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hashes a word form as the treebank would spell it, lowercased: news typography (curly
/// quotes, dashes, ellipses) is mapped to the treebank's ASCII forms and digits to `0`, so that
/// the model's word features fire on news text and generalise across numbers.
fn word_key(form: &str) -> u64 {
    let mut h = FxHasher::default();
    if form == "``" || form == "''" {
        h.write_u32('"' as u32);
        return mix(h.finish());
    }
    let mut emit = |c: char| h.write_u32(c as u32);
    for c in form.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => emit('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{AB}'
            | '\u{BB}' => emit('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => emit('-'),
            '\u{2014}' | '\u{2015}' => {
                emit('-');
                emit('-');
            }
            '\u{2026}' => {
                for _ in 0..3 {
                    emit('.');
                }
            }
            '0'..='9' => emit('0'),
            c if c.is_ascii() => emit(c.to_ascii_lowercase()),
            c => c.to_lowercase().for_each(&mut emit),
        }
    }
    mix(h.finish())
}

/// Hashes a (UPOS, XPOS) pair into one fine-grained tag value.
fn tag_key(upos: &str, xpos: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(upos.as_bytes());
    h.write_u8(0xff);
    h.write(xpos.as_bytes());
    mix(h.finish())
}

/// A sentence reduced to what the features need; index 0 is the artificial root.
struct Encoded {
    w: Vec<u64>,
    p: Vec<u64>,
    punct: Vec<bool>,
    verb: Vec<bool>,
}

impl Encoded {
    fn new<'a>(
        words: &[&str],
        upos: impl Fn(usize) -> &'a str,
        xpos: impl Fn(usize) -> &'a str,
    ) -> Encoded {
        let n = words.len();
        let mut e = Encoded {
            w: Vec::with_capacity(n + 1),
            p: Vec::with_capacity(n + 1),
            punct: Vec::with_capacity(n + 1),
            verb: Vec::with_capacity(n + 1),
        };
        e.w.push(V_ROOT);
        e.p.push(V_ROOT);
        e.punct.push(false);
        e.verb.push(false);
        for (i, w) in words.iter().enumerate() {
            let u = upos(i);
            e.w.push(word_key(w));
            e.p.push(tag_key(u, xpos(i)));
            e.punct.push(u == "PUNCT");
            e.verb.push(u == "VERB");
        }
        e
    }
}

/// An arc-eager parser configuration. Token 0 is the root, which stays at the bottom of the
/// stack and may take exactly one dependent (labelled `root`).
struct State {
    n: usize,
    stack: Vec<usize>,
    in_stack: Vec<bool>,
    /// The front of the buffer; the buffer is empty when `b > n`.
    b: usize,
    head: Vec<usize>,
    label: Vec<u8>,
    /// Leftmost, second leftmost, rightmost and second rightmost children.
    lm: Vec<usize>,
    lm2: Vec<usize>,
    rm: Vec<usize>,
    rm2: Vec<usize>,
    /// Numbers of left and right children.
    lval: Vec<u16>,
    rval: Vec<u16>,
    /// Sets of the labels of left and right children, as bit masks.
    lset: Vec<u64>,
    rset: Vec<u64>,
    root_child: usize,
}

impl State {
    fn new(n: usize) -> State {
        let mut in_stack = vec![false; n + 1];
        in_stack[0] = true;
        State {
            n,
            stack: {
                let mut s = Vec::with_capacity(64);
                s.push(0);
                s
            },
            in_stack,
            b: 1,
            head: vec![NONE; n + 1],
            label: vec![NO_LABEL; n + 1],
            lm: vec![NONE; n + 1],
            lm2: vec![NONE; n + 1],
            rm: vec![NONE; n + 1],
            rm2: vec![NONE; n + 1],
            lval: vec![0; n + 1],
            rval: vec![0; n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
            root_child: NONE,
        }
    }

    #[inline]
    fn done(&self) -> bool {
        self.b > self.n
    }

    #[inline]
    fn s0(&self) -> usize {
        // The root is never popped, so the stack is never empty.
        self.stack.last().copied().unwrap_or(0)
    }

    /// Whether a transition is allowed (the buffer being non-empty is assumed).
    fn is_valid(&self, class: usize, root: usize) -> bool {
        let s0 = self.s0();
        match class {
            SHIFT => true,
            REDUCE => s0 != 0 && self.head[s0] != NONE,
            c => {
                let l = (c - 2) / 2;
                if c % 2 == 0 {
                    s0 != 0 && self.head[s0] == NONE && l != root
                } else if s0 == 0 {
                    l == root && self.root_child == NONE
                } else {
                    l != root
                }
            }
        }
    }

    /// The highest-scoring allowed transition.
    fn best_valid(&self, scores: &[f32; CLASSES], n_labels: usize, root: usize) -> usize {
        let s0 = self.s0();
        let mut best = SHIFT;
        let mut best_score = scores[SHIFT];
        if s0 == 0 {
            if self.root_child == NONE && scores[right_arc(root)] > best_score {
                best = right_arc(root);
            }
            return best;
        }
        let headless = self.head[s0] == NONE;
        if !headless && scores[REDUCE] > best_score {
            best = REDUCE;
            best_score = scores[REDUCE];
        }
        for l in 0..n_labels.min(MAX_LABELS) {
            if l == root {
                continue;
            }
            if headless && scores[left_arc(l)] > best_score {
                best = left_arc(l);
                best_score = scores[left_arc(l)];
            }
            if scores[right_arc(l)] > best_score {
                best = right_arc(l);
                best_score = scores[right_arc(l)];
            }
        }
        best
    }

    fn add_arc(&mut self, h: usize, d: usize, l: usize) {
        self.head[d] = h;
        self.label[d] = l as u8;
        let bit = 1u64 << (l & 63);
        if d < h {
            self.lval[h] = self.lval[h].saturating_add(1);
            self.lset[h] |= bit;
            if self.lm[h] == NONE || d < self.lm[h] {
                self.lm2[h] = self.lm[h];
                self.lm[h] = d;
            } else if self.lm2[h] == NONE || d < self.lm2[h] {
                self.lm2[h] = d;
            }
        } else {
            self.rval[h] = self.rval[h].saturating_add(1);
            self.rset[h] |= bit;
            if self.rm[h] == NONE || d > self.rm[h] {
                self.rm2[h] = self.rm[h];
                self.rm[h] = d;
            } else if self.rm2[h] == NONE || d > self.rm2[h] {
                self.rm2[h] = d;
            }
        }
        if h == 0 {
            self.root_child = d;
        }
    }

    fn pop(&mut self) -> usize {
        let s = self.stack.pop().unwrap_or(0);
        self.in_stack[s] = false;
        s
    }

    fn push_front(&mut self) {
        self.stack.push(self.b);
        self.in_stack[self.b] = true;
        self.b += 1;
    }

    fn apply(&mut self, class: usize) {
        match class {
            SHIFT => self.push_front(),
            REDUCE => {
                self.pop();
            }
            c if c % 2 == 0 => {
                let d = self.pop();
                self.add_arc(self.b, d, (c - 2) / 2);
            }
            c => {
                self.add_arc(self.s0(), self.b, (c - 3) / 2);
                self.push_front();
            }
        }
    }
}

/// Buckets the distance between the top of the stack and the front of the buffer.
#[inline]
fn distance(s0: usize, n0: usize) -> u64 {
    if s0 == 0 {
        return 99;
    }
    match n0 - s0 {
        d @ 1..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Hashes one feature: a template number and up to three values.
#[inline]
fn fh(t: u64, a: u64, b: u64, c: u64) -> u64 {
    let mut h = FxHasher::default();
    h.write_u64(t);
    h.write_u64(a);
    h.write_u64(b);
    h.write_u64(c);
    h.finish()
}

/// Extracts the features of a configuration (whose buffer is not empty) into `out`: most of
/// the templates of Zhang & Nivre (2011) plus a few about the second stack item and the words
/// adjacent to the stack top and buffer front. The numbers passed to `f` only salt the hashes;
/// the gaps are templates removed after measurement.
fn extract(st: &State, e: &Encoded, out: &mut Vec<u64>) {
    out.clear();
    let n = st.n;
    let s0 = st.s0();
    let s1 = if st.stack.len() >= 2 {
        st.stack[st.stack.len() - 2]
    } else {
        NONE
    };
    let n0 = st.b;
    let n1 = if n0 < n { n0 + 1 } else { NONE };
    let n2 = if n0 + 1 < n { n0 + 2 } else { NONE };
    let w = |i: usize| if i == NONE { V_NONE } else { e.w[i] };
    let p = |i: usize| if i == NONE { V_NONE } else { e.p[i] };
    let lab = |i: usize| {
        if i == NONE {
            V_NONE
        } else if st.label[i] == NO_LABEL {
            V_NOLABEL
        } else {
            st.label[i] as u64 + 1
        }
    };
    let at = |v: &Vec<usize>, i: usize| if i == NONE { NONE } else { v[i] };

    let s0h = st.head[s0];
    let s0h2 = at(&st.head, s0h);
    let s0l = st.lm[s0];
    let s0l2 = st.lm2[s0];
    let s0r = st.rm[s0];
    let s0r2 = st.rm2[s0];
    let n0l = st.lm[n0];
    let n0l2 = st.lm2[n0];

    let (s0w, s0p, n0w, n0p) = (w(s0), p(s0), w(n0), p(n0));
    let (n1w, n1p, n2w, n2p) = (w(n1), p(n1), w(n2), p(n2));
    let d = distance(s0, n0);

    let mut f = |t: u64, a: u64, b: u64, c: u64| out.push(fh(t, a, b, c));
    // Bias.
    f(0, 0, 0, 0);
    // Single words.
    f(1, s0w, s0p, 0);
    f(2, s0w, 0, 0);
    f(3, s0p, 0, 0);
    f(4, n0w, n0p, 0);
    f(5, n0w, 0, 0);
    f(6, n0p, 0, 0);
    f(7, n1w, n1p, 0);
    f(8, n1w, 0, 0);
    f(9, n1p, 0, 0);
    f(10, n2w, n2p, 0);
    f(11, n2w, 0, 0);
    f(12, n2p, 0, 0);
    // Word pairs.
    f(13, s0w ^ s0p.rotate_left(17), n0w, n0p);
    f(14, s0w, s0p, n0w);
    f(15, s0w, n0w, n0p);
    f(16, s0w, s0p, n0p);
    f(17, s0p, n0w, n0p);
    f(18, s0w, n0w, 0);
    f(19, s0p, n0p, 0);
    f(20, n0p, n1p, 0);
    // Three words.
    f(21, n0p, n1p, n2p);
    f(22, s0p, n0p, n1p);
    f(23, p(s0h), s0p, n0p);
    f(24, s0p, p(s0l), n0p);
    f(25, s0p, p(s0r), n0p);
    f(26, s0p, n0p, p(n0l));
    // Distance.
    f(27, s0w, d, 0);
    f(28, s0p, d, 0);
    f(29, n0w, d, 0);
    f(30, n0p, d, 0);
    f(31, s0w, n0w, d);
    f(32, s0p, n0p, d);
    // Valency.
    let (s0vr, s0vl, n0vl) = (st.rval[s0] as u64, st.lval[s0] as u64, st.lval[n0] as u64);
    f(33, s0w, s0vr, 0);
    f(34, s0p, s0vr, 0);
    f(35, s0w, s0vl, 0);
    f(36, s0p, s0vl, 0);
    f(37, n0w, n0vl, 0);
    f(38, n0p, n0vl, 0);
    // Unigrams of heads and children.
    f(39, w(s0h), 0, 0);
    f(40, p(s0h), 0, 0);
    f(41, lab(s0), 0, 0);
    f(42, w(s0l), 0, 0);
    f(43, p(s0l), 0, 0);
    f(44, lab(s0l), 0, 0);
    f(45, w(s0r), 0, 0);
    f(46, p(s0r), 0, 0);
    f(47, lab(s0r), 0, 0);
    f(48, w(n0l), 0, 0);
    f(49, p(n0l), 0, 0);
    f(50, lab(n0l), 0, 0);
    // Third order (the word features of second children and grandparents, the tag triples and
    // the word features of label sets were dropped: measured on dev, they cost a fifth of the
    // parsing time and gave nothing).
    f(52, p(s0h2), 0, 0);
    f(53, lab(s0h), 0, 0);
    f(55, p(s0l2), 0, 0);
    f(56, lab(s0l2), 0, 0);
    f(58, p(s0r2), 0, 0);
    f(59, lab(s0r2), 0, 0);
    f(61, p(n0l2), 0, 0);
    f(62, lab(n0l2), 0, 0);
    // Label sets.
    let (s0sr, s0sl, n0sl) = (st.rset[s0], st.lset[s0], st.lset[n0]);
    f(68, s0p, s0sr, 0);
    f(70, s0p, s0sl, 0);
    f(72, n0p, n0sl, 0);
    // The second stack item.
    f(73, w(s1), p(s1), 0);
    f(74, p(s1), 0, 0);
    f(75, p(s1), s0p, n0p);
    // Neighbours: the word before the buffer front and the word after the stack top.
    let n0m1 = if n0 > 1 && n0 - 1 != s0 { n0 - 1 } else { NONE };
    let s0p1 = if s0 != 0 && s0 + 1 < n0 { s0 + 1 } else { NONE };
    f(77, p(n0m1), n0p, 0);
    f(78, s0p, p(s0p1), 0);
}

/// One sentence prepared for training.
struct TrainSentence {
    enc: Encoded,
    /// Gold head of each word (index 0 unused).
    head: Vec<usize>,
    /// Gold label of each word.
    label: Vec<u8>,
    /// The gold child of the root.
    root_child: usize,
}

/// One weight of the perceptron during training; `sum` accumulates `time * update` for the
/// lazy computation of the average.
#[derive(Clone, Copy)]
struct TrainWeight {
    w: i32,
    class: u8,
    sum: i64,
}

/// An averaged perceptron being trained, one epoch at a time.
///
/// [`train`] is the simple entry point; the `train-parser` binary drives a `Trainer` directly
/// so that it can measure the development set after every epoch and keep the best model.
pub struct Trainer {
    labels: Vec<&'static str>,
    root: usize,
    data: Vec<TrainSentence>,
    weights: FxHashMap<u64, Vec<TrainWeight>>,
    time: i64,
    epochs_done: usize,
    rng: u64,
    skipped_nonprojective: usize,
    skipped_other: usize,
}

impl Trainer {
    /// Prepares the training sentences; non-projective trees are skipped because the arc-eager
    /// system cannot build them and its dynamic oracle is only exact for projective trees.
    pub fn new(sentences: &[Vec<Word>]) -> Trainer {
        let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
        for s in sentences {
            for w in s {
                *counts.entry(w.deprel.as_str()).or_default() += 1;
            }
        }
        counts.entry("root").or_default();
        let mut labels: Vec<(&str, usize)> = counts.into_iter().collect();
        labels.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        labels.truncate(MAX_LABELS);
        let labels: Vec<&'static str> = labels.iter().map(|(l, _)| intern(l)).collect();
        let root = labels.iter().position(|l| *l == "root").unwrap_or(0);
        let index: FxHashMap<&str, u8> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (*l, i as u8))
            .collect();

        let mut t = Trainer {
            labels,
            root,
            data: Vec::new(),
            weights: FxHashMap::default(),
            time: 0,
            epochs_done: 0,
            rng: 0x2545_f491_4f6c_dd1d,
            skipped_nonprojective: 0,
            skipped_other: 0,
        };
        for s in sentences {
            let n = s.len();
            let mut head = vec![NONE; n + 1];
            let mut label = vec![NO_LABEL; n + 1];
            let mut ok = n > 0;
            let mut root_child = NONE;
            for (i, w) in s.iter().enumerate() {
                match index.get(w.deprel.as_str()) {
                    Some(&l) if w.head <= n && w.head != i + 1 => {
                        head[i + 1] = w.head;
                        label[i + 1] = l;
                        if w.head == 0 {
                            ok &= root_child == NONE && l as usize == root;
                            root_child = i + 1;
                        }
                    }
                    _ => ok = false,
                }
            }
            if !ok || root_child == NONE {
                t.skipped_other += 1;
                continue;
            }
            if !is_projective(&head) {
                t.skipped_nonprojective += 1;
                continue;
            }
            let words: Vec<&str> = s.iter().map(|w| w.form.as_str()).collect();
            let enc = Encoded::new(&words, |i| s[i].upos.as_str(), |i| s[i].xpos.as_str());
            t.data.push(TrainSentence {
                enc,
                head,
                label,
                root_child,
            });
        }
        t
    }

    /// Number of training sentences skipped because their trees are not projective.
    pub fn skipped_nonprojective(&self) -> usize {
        self.skipped_nonprojective
    }

    /// Number of training sentences used.
    pub fn sentences(&self) -> usize {
        self.data.len()
    }

    /// A uniform random number in `[0, 1)`.
    fn uniform(&mut self) -> f64 {
        (self.next_random() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn next_random(&mut self) -> u64 {
        // xorshift64*: deterministic, so training is reproducible.
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        self.rng.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Runs one epoch over the shuffled training sentences. From the second epoch on, the
    /// parser follows its own (possibly wrong) predictions 90% of the time, so the dynamic
    /// oracle teaches it what to do in the configurations it actually reaches.
    pub fn epoch(&mut self) {
        let mut order: Vec<usize> = (0..self.data.len()).collect();
        for i in (1..order.len()).rev() {
            let j = (self.next_random() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let explore = self.epochs_done >= 1;
        let n_labels = self.labels.len();
        let n_classes = 2 + 2 * n_labels;
        let mut feats = Vec::with_capacity(96);
        let mut scores = [0f32; CLASSES];
        let mut costs = [0i32; CLASSES];
        let data = std::mem::take(&mut self.data);
        for &si in &order {
            let s = &data[si];
            let mut st = State::new(s.head.len() - 1);
            while !st.done() {
                extract(&st, &s.enc, &mut feats);
                scores[..n_classes].fill(0.0);
                for f in &feats {
                    if let Some(row) = self.weights.get(f) {
                        for tw in row {
                            scores[tw.class as usize] += tw.w as f32;
                        }
                    }
                }
                oracle_costs(&st, s, n_labels, self.root, &mut costs);
                let pred = st.best_valid(&scores, n_labels, self.root);
                let mut min_cost = i32::MAX;
                for (c, &cost) in costs.iter().enumerate().take(n_classes) {
                    if st.is_valid(c, self.root) {
                        min_cost = min_cost.min(cost);
                    }
                }
                let mut gold = NONE;
                let mut gold_score = f32::NEG_INFINITY;
                for c in 0..n_classes {
                    if costs[c] == min_cost
                        && st.is_valid(c, self.root)
                        && (gold == NONE || scores[c] > gold_score)
                    {
                        gold = c;
                        gold_score = scores[c];
                    }
                }
                self.time += 1;
                let next = if costs[pred] == min_cost {
                    pred
                } else {
                    self.update(&feats, gold, 1);
                    self.update(&feats, pred, -1);
                    if explore && self.uniform() < EXPLORATION {
                        pred
                    } else {
                        gold
                    }
                };
                st.apply(next);
            }
        }
        self.data = data;
        self.epochs_done += 1;
    }

    fn update(&mut self, feats: &[u64], class: usize, delta: i32) {
        let time = self.time;
        for &f in feats {
            let row = self.weights.entry(f).or_default();
            match row.iter_mut().find(|tw| tw.class as usize == class) {
                Some(tw) => {
                    tw.w += delta;
                    tw.sum += time * delta as i64;
                }
                None => row.push(TrainWeight {
                    w: delta,
                    class: class as u8,
                    sum: time * delta as i64,
                }),
            }
        }
    }

    /// Builds a parser from the averaged weights so far, dropping weights whose magnitude is
    /// below `prune` to keep the model small.
    pub fn to_parser(&self, prune: f32) -> Parser {
        let t = self.time.max(1) as f64;
        let mut rows: Vec<(u64, Vec<u32>)> = Vec::new();
        for (&key, row) in &self.weights {
            let mut entries: Vec<u32> = row
                .iter()
                .filter_map(|tw| {
                    let avg = (tw.w as f64 - tw.sum as f64 / t) as f32;
                    let q = to_bf16(avg);
                    (avg.abs() >= prune && q & 0x7fff != 0)
                        .then_some((q as u32) << 16 | tw.class as u32)
                })
                .collect();
            if !entries.is_empty() {
                entries.sort_unstable_by_key(|e| e & 0x7f);
                rows.push((key, entries));
            }
        }
        let rows: Vec<(u64, &[u32])> = rows.iter().map(|(k, r)| (*k, r.as_slice())).collect();
        Parser {
            labels: self.labels.clone(),
            root: self.root,
            table: Table::build(&rows).expect("a trained model fits the weight table; prune more"),
        }
    }
}

/// Rounds an `f32` to bfloat16 (the high half of its bits), to nearest even: eight bits of
/// precision are plenty for perceptron weights and halve the model.
fn to_bf16(x: f32) -> u16 {
    let b = x.to_bits();
    let rounded = b.wrapping_add(0x7fff + ((b >> 16) & 1));
    (rounded >> 16) as u16
}

/// Whether a tree (`head[i]` for `i` in `1..`, `head[0]` unused) has no crossing arcs,
/// counting the arc from the root at position 0.
fn is_projective(head: &[usize]) -> bool {
    let spans: Vec<(usize, usize)> = (1..head.len())
        .map(|d| (d.min(head[d]), d.max(head[d])))
        .collect();
    for (i, &(a, b)) in spans.iter().enumerate() {
        for &(c, d) in &spans[i + 1..] {
            if (a < c && c < b && b < d) || (c < a && a < d && d < b) {
                return false;
            }
        }
    }
    true
}

/// The dynamic oracle of Goldberg & Nivre (2012) for labelled arc-eager with a single root
/// child: the cost of a transition is the number of gold arcs, still reachable, that it makes
/// unreachable (a wrong label on a correct attachment costs one).
fn oracle_costs(
    st: &State,
    s: &TrainSentence,
    n_labels: usize,
    root: usize,
    costs: &mut [i32; CLASSES],
) {
    let n = st.n;
    let s0 = st.s0();
    let b0 = st.b;
    let gh = &s.head;
    let root_free = st.root_child == NONE;
    let reachable_stack_head = |h: usize| st.in_stack[h] && (h != 0 || root_free);
    // Headless stack words whose gold head is the buffer front.
    let stack_deps_of_b0 = st
        .stack
        .iter()
        .filter(|&&k| k != 0 && st.head[k] == NONE && gh[k] == b0)
        .count() as i32;
    let buffer_deps_of_s0 = (b0..=n).filter(|&k| gh[k] == s0).count() as i32;

    let g = gh[b0];
    let shift = stack_deps_of_b0 + i32::from(reachable_stack_head(g));
    let reduce = buffer_deps_of_s0;
    let left = buffer_deps_of_s0 + i32::from(s0 != 0 && gh[s0] > b0 && gh[s0] <= n);
    let mut right = stack_deps_of_b0;
    if g != s0 && (g > b0 || reachable_stack_head(g)) {
        right += 1;
    }
    if s0 == 0 && g != 0 && s.root_child > b0 {
        right += 1;
    }
    costs[SHIFT] = shift;
    costs[REDUCE] = reduce;
    for l in 0..n_labels {
        costs[left_arc(l)] = left + i32::from(s0 != 0 && gh[s0] == b0 && s.label[s0] as usize != l);
        costs[right_arc(l)] = right + i32::from(g == s0 && s.label[b0] as usize != l);
    }
    let _ = root;
}

/// Trains a parser on treebank sentences for a number of epochs and returns it with its
/// weights pruned at [`DEFAULT_PRUNE`], which keeps the model small at no cost in accuracy.
///
/// The parser learns from the heads and relations of the sentences and from whatever tags they
/// carry, gold or predicted; the `train-parser` binary combines both kinds of tags and picks the
/// number of epochs on the dev split, so use it to rebuild the committed model.
pub fn train(sentences: &[Vec<Word>], epochs: usize) -> Parser {
    let mut t = Trainer::new(sentences);
    for _ in 0..epochs {
        t.epoch();
    }
    t.to_parser(DEFAULT_PRUNE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_tree(arcs: &[Arc]) -> bool {
        let n = arcs.len();
        if arcs.iter().filter(|a| a.head == 0).count() != 1 {
            return false;
        }
        for i in 0..n {
            let mut h = arcs[i].head;
            let mut steps = 0;
            while h != 0 {
                if h > n || steps > n {
                    return false;
                }
                h = arcs[h - 1].head;
                steps += 1;
            }
        }
        true
    }

    fn parse(sentence: &str, upos: &str, xpos: &str) -> Vec<Arc> {
        let w: Vec<&str> = sentence.split(' ').collect();
        let u: Vec<&str> = upos.split(' ').collect();
        let x: Vec<&str> = xpos.split(' ').collect();
        let arcs = Parser::embedded().parse(&w, &u, &x);
        assert_eq!(arcs.len(), w.len());
        assert!(is_tree(&arcs), "{arcs:?}");
        arcs
    }

    #[test]
    fn active_sentence() {
        let a = parse(
            "Russia seized three Ukrainian ships on Sunday .",
            "PROPN VERB NUM ADJ NOUN ADP PROPN PUNCT",
            "NNP VBD CD JJ NNS IN NNP .",
        );
        assert_eq!(
            a[1],
            Arc {
                head: 0,
                deprel: "root"
            }
        );
        assert_eq!(
            a[0],
            Arc {
                head: 2,
                deprel: "nsubj"
            }
        );
        assert_eq!(
            a[4],
            Arc {
                head: 2,
                deprel: "obj"
            }
        );
        assert_eq!(
            a[6],
            Arc {
                head: 2,
                deprel: "obl"
            }
        );
    }

    #[test]
    fn passive_sentence() {
        let a = parse(
            "Ukrainian ships were seized by Russia .",
            "ADJ NOUN AUX VERB ADP PROPN PUNCT",
            "JJ NNS VBD VBN IN NNP .",
        );
        assert_eq!(
            a[3],
            Arc {
                head: 0,
                deprel: "root"
            }
        );
        assert_eq!(
            a[1],
            Arc {
                head: 4,
                deprel: "nsubj:pass"
            }
        );
        assert_eq!(
            a[2],
            Arc {
                head: 4,
                deprel: "aux:pass"
            }
        );
        assert_eq!(a[5].head, 4);
        assert_eq!(a[5].deprel, "obl:agent");
    }

    #[test]
    fn curly_quotes_and_odd_unicode() {
        let a = parse(
            "“ We ’ll fight , ” said Zelenskyy’s aide 🇺🇦 \u{200b} Ωμέγα .",
            "PUNCT PRON AUX VERB PUNCT PUNCT VERB PROPN NOUN SYM X PROPN PUNCT",
            "`` PRP MD VB , '' VBD NNP NN NFP ADD NNP .",
        );
        assert_eq!(a[6].deprel, "root");
    }

    #[test]
    fn empty_and_mismatched_input() {
        let p = Parser::embedded();
        assert!(p.parse(&[], &[], &[]).is_empty());
        let a = p.parse(&["Hello", "world", "!"], &["INTJ"], &[]);
        assert_eq!(a.len(), 3);
        assert!(is_tree(&a));
        let a = p.parse(&["", "\u{0}", "\u{feff}"], &["", "", ""], &["", "", ""]);
        assert!(is_tree(&a));
    }

    #[test]
    fn very_long_input_is_a_tree() {
        let words = "Russia seized three Ukrainian ships on Sunday ,";
        let upos = "PROPN VERB NUM ADJ NOUN ADP PROPN PUNCT";
        let xpos = "NNP VBD CD JJ NNS IN NNP ,";
        let rep =
            |s: &'static str| -> Vec<&'static str> { s.split(' ').cycle().take(10_000).collect() };
        let (w, u, x) = (rep(words), rep(upos), rep(xpos));
        let start = std::time::Instant::now();
        let arcs = Parser::embedded().parse(&w, &u, &x);
        assert_eq!(arcs.len(), 10_000);
        assert!(is_tree(&arcs));
        assert!(start.elapsed().as_secs() < 5);
    }

    #[test]
    fn round_trip() {
        let p = Parser::embedded();
        let bytes = p.to_bytes();
        let q = Parser::from_bytes(&bytes).expect("round trip");
        assert_eq!(q.to_bytes(), bytes);
        assert_eq!(q.labels(), p.labels());
        let w = ["Ships", "were", "seized", "."];
        let u = ["NOUN", "AUX", "VERB", "PUNCT"];
        let x = ["NNS", "VBD", "VBN", "."];
        assert_eq!(p.parse(&w, &u, &x), q.parse(&w, &u, &x));
        assert!(matches!(
            Parser::from_bytes(b"not a model"),
            Err(ModelError::Decompress(_))
        ));
        assert!(Parser::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }

    #[test]
    fn trains_on_a_toy_treebank() {
        let text = "1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
                    2\tseized\tseize\tVERB\tVBD\t_\t0\troot\t_\t_\n\
                    3\tships\tship\tNOUN\tNNS\t_\t2\tobj\t_\t_\n\
                    4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
        let sentences = crate::conllu::parse(text);
        let p = train(&sentences, 5);
        let a = p.parse(
            &["Russia", "seized", "ships", "."],
            &["PROPN", "VERB", "NOUN", "PUNCT"],
            &["NNP", "VBD", "NNS", "."],
        );
        let heads: Vec<usize> = a.iter().map(|a| a.head).collect();
        assert_eq!(heads, vec![2, 0, 2, 2]);
        assert_eq!(a[2].deprel, "obj");
    }

    #[test]
    fn accuracy_on_the_dev_split() {
        let dir = std::env::var("FULCRUM_EWT_DIR").unwrap_or_else(|_| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/treebank/ud-english-ewt"
            )
            .to_string()
        });
        let path = std::path::Path::new(&dir).join("en_ewt-ud-dev.conllu");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!(
                "skipping accuracy_on_the_dev_split: UD English-EWT not found at {} \
                 (set FULCRUM_EWT_DIR)",
                path.display()
            );
            return;
        };
        let sentences = crate::conllu::parse(&text);
        let (mut n, mut uas, mut las) = (0usize, 0usize, 0usize);
        for s in &sentences {
            let w: Vec<&str> = s.iter().map(|w| w.form.as_str()).collect();
            let u: Vec<&str> = s.iter().map(|w| w.upos.as_str()).collect();
            let x: Vec<&str> = s.iter().map(|w| w.xpos.as_str()).collect();
            let arcs = Parser::embedded().parse(&w, &u, &x);
            assert!(is_tree(&arcs));
            for (g, a) in s.iter().zip(&arcs) {
                n += 1;
                uas += usize::from(g.head == a.head);
                las += usize::from(g.head == a.head && g.deprel == a.deprel);
            }
        }
        let (uas, las) = (uas as f64 / n as f64, las as f64 / n as f64);
        assert!(uas > 0.86 && las > 0.83, "dev UAS {uas:.4} LAS {las:.4}");
    }

    #[test]
    fn projectivity() {
        assert!(is_projective(&[NONE, 2, 0, 2]));
        assert!(!is_projective(&[NONE, 3, 4, 0, 3]));
    }
}
