//! Properties of the whole path from page to events, for any input: extraction and coding never
//! panic, every span (blocks in the extracted text; sentence, actors, trigger and cue of each
//! event) lies inside the document on character boundaries and holds the words it quotes, and
//! the output of `fulcrum code` is the same whatever the number of threads.
//!
//! Date resolution on its own is covered by `crates/fulcrum-time/tests/properties.rs`; here
//! dates are reached through coding, with publication dates of any shape.

use proptest::prelude::*;
use std::sync::OnceLock;

fn coder() -> &'static fulcrum_events::Coder {
    static C: OnceLock<fulcrum_events::Coder> = OnceLock::new();
    C.get_or_init(|| fulcrum_events::Coder::new(None).unwrap())
}

/// Words that reach the coder's rules: actors, triggers, cues, dates, markup and odd
/// characters.
const WORDS: &[&str] = &[
    "Russia",
    "Russian",
    "forces",
    "seized",
    "Ukrainian",
    "ships",
    "China",
    "Chinese",
    "Foreign",
    "Minister",
    "Wang",
    "Yi",
    "met",
    "with",
    "U.S.",
    "President",
    "Trump",
    "said",
    "will",
    "not",
    "may",
    "threatened",
    "to",
    "sanctions",
    "on",
    "Monday",
    "last",
    "week",
    "May",
    "2-3",
    "2018",
    "the",
    "talks",
    "in",
    "Beijing",
    "North",
    "Korea",
    "Kim",
    "he",
    "they",
    "both",
    "sides",
    ".",
    ",",
    "\"",
    "'s",
    "(",
    ")",
    "-",
    "\n",
    "\n\n",
    "<p>",
    "</p>",
    "<div>",
    "<br>",
    "&amp;",
    "MOSCOW",
    "(Reuters)",
    "\u{200B}",
    "\u{202E}",
    "\u{00A0}",
    "é",
    "中国",
    "\u{0000}",
    "’",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..80).prop_map(|w| w.join(" "))
}

fn published() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some("2018-11-26".to_string())),
        Just(Some("2019-02-30".to_string())),
        "[0-9-]{0,12}".prop_map(Some),
    ]
}

fn code_and_check(bytes: &[u8], hint: &str, published: Option<&str>) {
    let doc = fulcrum_extract::extract(bytes, Some(hint));
    fulcrum_fuzzing::check_document(&doc);
    let events = coder().code_document(&doc, hint, published);
    fulcrum_fuzzing::check_events(&doc.text, &events);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_string_codes_without_panic_and_with_spans_inside(
        text in any::<String>(), p in published()
    ) {
        code_and_check(text.as_bytes(), "any.txt", p.as_deref());
        code_and_check(text.as_bytes(), "any.html", p.as_deref());
    }

    #[test]
    fn news_like_text_codes_with_spans_inside(text in soup(), p in published()) {
        code_and_check(text.as_bytes(), "soup.txt", p.as_deref());
        code_and_check(format!("<html><body><p>{text}</p></body></html>").as_bytes(), "soup.html", p.as_deref());
    }

    #[test]
    fn any_bytes_extract_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        fulcrum_fuzzing::check_document(&fulcrum_extract::extract(&bytes, None));
        fulcrum_fuzzing::check_document(&fulcrum_extract::extract(&bytes, Some("x.html")));
    }
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    // The demo corpus: 255 documents, enough for work stealing to reorder the work.
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../../demo/corpus");
    let run = |threads: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_fulcrum"))
            .args(["code", "--format", "tsv", "--threads", threads, corpus])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let one = run("1");
    assert!(
        one.split(|&b| b == b'\n').count() > 255,
        "the corpus yields events"
    );
    for n in ["2", "3", "8"] {
        assert!(run(n) == one, "--threads {n} differs from --threads 1");
    }
}
