//! The fuzz entry points: one function per target of `fuzz/`, each taking arbitrary bytes.
//!
//! The cargo-fuzz targets are one-line wrappers around these functions, and
//! `crates/fulcrum/tests/fuzz_corpus.rs` replays every committed corpus file through the same
//! functions, so that CI checks the corpora without cargo-fuzz or a nightly compiler.
//!
//! Each function calls a public library API exactly as the pipeline does and then asserts the
//! invariants the crate documents (spans inside the text and on character boundaries, errors
//! naming their file). A failed assertion is a panic, which the fuzzer reports as a crash just
//! like a panic inside the library.

use std::sync::OnceLock;

use fulcrum_extract::Document;

/// A fuzz entry point: it takes any bytes and panics only on a bug.
pub type Entry = fn(&[u8]);

/// Every target by name, in the order of `fuzz/Cargo.toml`.
pub const TARGETS: &[(&str, Entry)] = &[
    ("html", html),
    ("text", text),
    ("sentences", sentences),
    ("dates", dates),
    ("warc", warc),
    ("feed", feed),
    ("gazetteer", gazetteer),
    ("patterns", patterns),
    ("code", code),
];

/// Checks what `fulcrum-extract` promises about a document: each block's span lies inside
/// `text`, on character boundaries, and holds the block's text; the dateline prefix lies inside
/// the first paragraph.
pub fn check_document(doc: &Document) {
    let text = doc.text.as_str();
    for b in &doc.blocks {
        let (a, z) = b.span;
        assert!(
            a <= z && z <= text.len(),
            "block span {a}..{z} outside the text"
        );
        assert!(
            text.is_char_boundary(a) && text.is_char_boundary(z),
            "block span {a}..{z} not on character boundaries"
        );
        assert_eq!(&text[a..z], b.text, "block text differs from its span");
    }
    if let (Some(d), Some(first)) = (&doc.dateline, doc.paragraphs.first()) {
        assert!(
            first.is_char_boundary(d.prefix_len.min(first.len())),
            "dateline prefix not on a character boundary"
        );
    }
}

/// HTML extraction: the bytes as a page named `.html` (encoding detection and sniffing
/// included), and the same bytes decoded as UTF-8 given straight to the HTML extractor.
pub fn html(data: &[u8]) {
    check_document(&fulcrum_extract::extract(data, Some("fuzz.html")));
    let page = String::from_utf8_lossy(data);
    check_document(&fulcrum_extract::extract_html(
        &page,
        Some("https://example.com/2019/05/01/a"),
    ));
}

/// Plain-text extraction: the bytes as a `.txt` file, and as already-decoded text.
pub fn text(data: &[u8]) {
    check_document(&fulcrum_extract::extract(data, Some("fuzz.txt")));
    let t = String::from_utf8_lossy(data);
    check_document(&fulcrum_extract::extract_text(&t));
}

/// Sentence splitting and tokenisation: sentences in order, apart, inside the text and on
/// character boundaries; tokens inside their sentence, in order.
pub fn sentences(data: &[u8]) {
    let t = String::from_utf8_lossy(data);
    let t = t.as_ref();
    let mut last = 0;
    for (a, z) in fulcrum_text::split_sentences(t) {
        assert!(
            last <= a && a <= z && z <= t.len(),
            "sentence {a}..{z} after {last}"
        );
        assert!(t.is_char_boundary(a) && t.is_char_boundary(z));
        last = z;
        let mut prev = a;
        for tok in fulcrum_text::tokenize(t, (a, z)) {
            assert!(
                prev <= tok.start && tok.start < tok.end && tok.end <= z,
                "token {tok:?}"
            );
            assert!(t.is_char_boundary(tok.start) && t.is_char_boundary(tok.end));
            prev = tok.end;
        }
    }
}

/// Date expressions: the first byte picks the clause tense, the first line after it is the
/// reference date and the rest the sentence. Spans lie on character boundaries, do not overlap,
/// and every interval runs forwards.
pub fn dates(data: &[u8]) {
    use fulcrum_time::Tense;
    let Some((&t, rest)) = data.split_first() else {
        return;
    };
    let tense = match t % 3 {
        0 => Tense::Past,
        1 => Tense::Future,
        _ => Tense::Unknown,
    };
    let s = String::from_utf8_lossy(rest);
    let (reference, sentence) = s.split_once('\n').unwrap_or(("2019-05-01", s.as_ref()));
    let found = fulcrum_time::find_dates_with_tense(sentence, Some(reference), |_, _| tense);
    for d in &found {
        assert!(d.start < d.end && d.end <= sentence.len(), "span of {d:?}");
        assert!(sentence.is_char_boundary(d.start) && sentence.is_char_boundary(d.end));
        assert_eq!(&sentence[d.start..d.end], d.text);
        if let Some((a, b)) = &d.interval {
            assert!(
                a <= b || a.len() != b.len(),
                "interval runs backwards: {d:?}"
            );
        }
    }
    for pair in found.windows(2) {
        assert!(pair[0].end <= pair[1].start, "overlap: {pair:?}");
    }
}

/// Small limits so that the fuzzer reaches the size and decompression checks quickly.
fn small_limits() -> fulcrum_read::Limits {
    fulcrum_read::Limits {
        max_doc_bytes: 64 * 1024,
        max_decompressed_bytes: 1 << 20,
    }
}

/// Reads `data` as `kind`, draining every document and error. Every error names the stream,
/// and no document is larger than the limit.
fn read_as(data: &[u8], kind: fulcrum_read::Kind) {
    let limits = small_limits();
    let docs =
        fulcrum_read::read_reader_as("fuzz", std::io::Cursor::new(data.to_vec()), kind, &limits);
    for item in docs {
        match item {
            Ok(doc) => {
                assert!(doc.origin.starts_with("fuzz"), "origin {:?}", doc.origin);
                assert!(
                    doc.body.len() as u64 <= limits.max_doc_bytes,
                    "{:?}",
                    doc.body
                );
            }
            Err(e) => assert!(
                e.origin.starts_with("fuzz"),
                "error without its origin: {e}"
            ),
        }
    }
}

/// The WARC reader (compressed or not).
pub fn warc(data: &[u8]) {
    read_as(data, fulcrum_read::Kind::Warc);
}

/// The RSS and Atom reader.
pub fn feed(data: &[u8]) {
    read_as(data, fulcrum_read::Kind::Feed);
}

/// The gazetteer loader: any text gives entries or an error that names the file.
pub fn gazetteer(data: &[u8]) {
    let t = String::from_utf8_lossy(data);
    let mut g = fulcrum_actors::Gazetteer::default();
    if let Err(e) = g.add_toml("fuzz.toml", &t) {
        assert!(e.to_string().starts_with("fuzz.toml"), "{e}");
    }
}

/// The pattern loader: an odd first byte reads the rest as a CAMEO table, then as a pattern
/// file over it; an even one as a pattern file over the built-in CAMEO table.
pub fn patterns(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let t = String::from_utf8_lossy(rest);
    // Parsing the CAMEO table costs more than most inputs, so it is parsed once and cloned.
    static CAMEO: OnceLock<fulcrum_events::PatternSet> = OnceLock::new();
    let mut set = CAMEO
        .get_or_init(|| {
            fulcrum_events::PatternSet::with_builtin_cameo().expect("built-in CAMEO table")
        })
        .clone();
    if mode % 2 == 1 {
        if let Err(e) = set.add_cameo_toml("cameo.toml", &t) {
            assert!(e.to_string().starts_with("cameo.toml"), "{e}");
        }
    }
    if let Err(e) = set.add_toml("fuzz.toml", &t) {
        assert!(e.to_string().starts_with("fuzz.toml"), "{e}");
    }
}

/// The coder with the built-in dictionaries, built once per process.
fn coder() -> &'static fulcrum_events::Coder {
    static CODER: OnceLock<fulcrum_events::Coder> = OnceLock::new();
    CODER.get_or_init(|| fulcrum_events::Coder::new(None).expect("built-in dictionaries"))
}

/// The whole `code` path: extraction, dating a page without a date from the landmark
/// record, then coding. Every span of every event (sentence, actors, trigger, factuality cue)
/// lies inside the document's text, counted in characters, and holds the words the event
/// quotes; every event interval starts no later than it ends.
pub fn code(data: &[u8]) {
    let mut doc = fulcrum_extract::extract(data, None);
    check_document(&doc);
    coder().date_undated(&mut doc);
    let published = doc.published.as_ref().map(|d| d.date.clone());
    let events = coder().code_document(&doc, "fuzz", published.as_deref());
    check_events(&doc.text, &events);
}

/// Checks every character span of `events` against `text`.
pub fn check_events(text: &str, events: &[fulcrum_events::Event]) {
    let chars: Vec<char> = text.chars().collect();
    let slice = |[a, z]: [usize; 2], what: &str| -> String {
        assert!(
            a <= z && z <= chars.len(),
            "{what} span {a}..{z} outside the text"
        );
        chars[a..z].iter().collect()
    };
    for e in events {
        assert_eq!(slice(e.sentence_span, "sentence"), e.sentence);
        if let (Some(a), Some(z)) = (&e.date.start, &e.date.end) {
            assert!(a <= z, "date {a}..{z} starts after it ends");
        }
        let inside = |[a, z]: [usize; 2], what: &str| {
            assert!(
                e.sentence_span[0] <= a && z <= e.sentence_span[1],
                "{what} span {a}..{z} outside its sentence {:?}",
                e.sentence_span
            );
        };
        assert_eq!(slice(e.source.span, "source"), e.source.text);
        inside(e.source.span, "source");
        if let Some(t) = &e.target {
            assert_eq!(slice(t.span, "target"), t.text);
            inside(t.span, "target");
        }
        assert_eq!(slice(e.trigger.span, "trigger"), e.trigger.text);
        inside(e.trigger.span, "trigger");
        if let Some(c) = e.factuality_cue_span {
            slice(c, "factuality cue");
            inside(c, "factuality cue");
        }
    }
}
