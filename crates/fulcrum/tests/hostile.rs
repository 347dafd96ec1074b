//! Hostile input: documents built to exhaust size, time, memory or the stack, and text that is
//! odd at the byte or character level. Big inputs are generated here, in a temporary folder,
//! rather than committed. Each test names what it guards against.
//!
//! The per-document limits are checked through the binary, since skipping, the message and
//! the exit status are the command line's business; the character-level cases are checked in
//! process through the same extraction and coding calls, with every span checked.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A fresh temporary folder, removed when dropped.
struct Temp(PathBuf);

impl Temp {
    fn new(tag: &str) -> Temp {
        let d = std::env::temp_dir().join(format!("fulcrum-hostile-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Temp(d)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const GOOD: &str = "Russian forces seized three Ukrainian navy ships near Crimea on Sunday.";

/// Runs the binary and returns its output and how long it took.
fn fulcrum(args: &[&str]) -> (Output, Duration) {
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_fulcrum"))
        .args(args)
        .output()
        .expect("fulcrum runs");
    (out, t.elapsed())
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_gigabyte_file_is_skipped_before_it_is_read() {
    let t = Temp::new("gigabyte");
    // A sparse file: a gigabyte long without taking a gigabyte of disk.
    let big = t.0.join("page.html");
    std::fs::File::create(&big)
        .unwrap()
        .set_len((1 << 30) + 1)
        .unwrap();
    t.file("good.txt", GOOD.as_bytes());
    let (out, took) = fulcrum(&["code", s(&t.0)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("page.html: skipped: 1.0 GiB is over --max-doc-bytes 64 MiB; raise the limit to read it"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("good.txt"));
    assert!(took < Duration::from_secs(20), "took {took:?}");

    let (out, _) = fulcrum(&["extract", s(&big)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("over --max-doc-bytes 64 MiB"),
        "{}",
        stderr(&out)
    );

    let db = t.0.join("store.db");
    let (out, _) = fulcrum(&["ingest", "-q", "--db", s(&db), s(&big)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("page.html"), "{}", stderr(&out));
    assert!(stderr(&out).contains("max_doc_bytes"), "{}", stderr(&out));
}

#[test]
fn raising_the_size_limit_still_leaves_the_memory_limit() {
    let t = Temp::new("memory");
    let page = t.file("long.txt", GOOD.repeat(10_000).as_bytes());
    let (out, _) = fulcrum(&[
        "code",
        "--max-doc-bytes",
        "0",
        "--max-doc-memory",
        "1M",
        s(&page),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("long.txt: skipped: coding 693.4 KiB needs about"),
        "{err}"
    );
    assert!(err.contains("over --max-doc-memory 1 MiB"), "{err}");
}

#[test]
fn a_slow_document_is_stopped_at_the_time_limit_and_the_run_goes_on() {
    let t = Temp::new("time");
    let mut long = String::new();
    for i in 0..3000 {
        long.push_str(&format!(
            "Russian forces seized {i} Ukrainian ships near Crimea. "
        ));
    }
    t.file("a-slow.txt", long.as_bytes());
    t.file("b-good.txt", GOOD.as_bytes());
    let (out, _) = fulcrum(&["code", "--max-doc-seconds", "0.05", s(&t.0)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("a-slow.txt: skipped: coding it took"), "{err}");
    assert!(err.contains("over --max-doc-seconds 0.05"), "{err}");

    // ingest holds documents to the same limit.
    let db = t.0.join("store.db");
    let (out, _) = fulcrum(&[
        "ingest",
        "-q",
        "--db",
        s(&db),
        "--max-doc-seconds",
        "0.05",
        s(&t.0.join("a-slow.txt")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("over --max-doc-seconds 0.05"),
        "{}",
        stderr(&out)
    );

    // extract has no sentences to check between: it stops waiting for the extraction.
    let page = format!(
        "<html><body>{}</body></html>",
        format!("<p>{GOOD}</p>").repeat(50_000)
    );
    let p = t.file("big.html", page.as_bytes());
    let (out, _) = fulcrum(&["extract", "--max-doc-seconds", "0.01", s(&p)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("big.html: skipped: coding it took"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn limits_are_refused_when_malformed() {
    let (out, _) = fulcrum(&["code", "--max-doc-bytes", "lots", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("64M"), "{}", stderr(&out));
    let (out, _) = fulcrum(&["code", "--max-doc-seconds=-1", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("0 for no limit"), "{}", stderr(&out));
}

/// A page whose elements nest `n` deep, `open` at a time.
fn nested(open: &str, close: &str, n: usize) -> Vec<u8> {
    let mut page = String::with_capacity(n * (open.len() + close.len()) + 200);
    page.push_str("<html><body>");
    for _ in 0..n {
        page.push_str(open);
    }
    page.push_str("<p>");
    page.push_str(GOOD);
    page.push_str("</p>");
    for _ in 0..n {
        page.push_str(close);
    }
    page.into_bytes()
}

#[test]
fn a_million_nested_tags_neither_overflow_the_stack_nor_crawl() {
    let t = Temp::new("nesting");
    t.file("divs.html", &nested("<div>", "</div>", 1_000_000));
    t.file("spans.html", &nested("<span><b>", "</b></span>", 500_000));
    t.file(
        "unclosed.html",
        &nested("<div><table><tr><td>", "", 250_000),
    );
    let (out, took) = fulcrum(&["code", "--threads", "1", s(&t.0)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    for f in ["divs.html", "spans.html", "unclosed.html"] {
        assert!(stdout.contains(f), "{f} yields its event: {stdout}");
    }
    assert!(took < Duration::from_secs(60), "took {took:?}");
}

#[test]
fn a_hundred_megabyte_line_is_skipped_and_a_long_line_is_coded() {
    let t = Temp::new("line");
    // 100 MB of words with no newline and no full stop: over the default size limit.
    let mut f = std::fs::File::create(t.0.join("line.txt")).unwrap();
    let chunk = "word ".repeat(200_000);
    for _ in 0..100 {
        f.write_all(chunk.as_bytes()).unwrap();
    }
    drop(f);
    let (out, took) = fulcrum(&["code", s(&t.0.join("line.txt"))]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("95.4 MiB is over --max-doc-bytes 64 MiB"),
        "{}",
        stderr(&out)
    );
    assert!(took < Duration::from_secs(10), "took {took:?}");

    // Eight megabytes on one line, with one event at the end, are coded in reasonable time.
    let mut line = "word ".repeat(1_600_000);
    line.push_str(GOOD);
    let p = t.file("long.txt", line.as_bytes());
    let (out, took) = fulcrum(&["code", s(&p)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(took < Duration::from_secs(60), "took {took:?}");
}

/// One WARC response record holding `payload` as its HTTP body.
fn warc_record(uri: &str, http_headers: &str, payload: &[u8]) -> Vec<u8> {
    let mut http = format!("HTTP/1.1 200 OK\r\n{http_headers}\r\n").into_bytes();
    http.extend_from_slice(payload);
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2018-11-26T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    rec.extend_from_slice(&http);
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

fn gzip(parts: &[&[u8]]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    for p in parts {
        e.write_all(p).unwrap();
    }
    e.finish().unwrap()
}

#[test]
fn a_gzip_bomb_inside_a_warc_gz_is_stopped() {
    let t = Temp::new("bomb");
    let page = format!("<html><body><p>{GOOD}</p></body></html>");
    let good = warc_record(
        "https://example.com/good",
        "Content-Type: text/html\r\n",
        page.as_bytes(),
    );
    // 256 MiB of zeros in a record, compressed to a few hundred kilobytes.
    let zeros = vec![0u8; 256 << 20];
    let bomb = warc_record(
        "https://example.com/bomb",
        "Content-Type: text/html\r\n",
        &zeros,
    );
    drop(zeros);
    let mut file = gzip(&[&good]);
    file.extend(gzip(&[&bomb]));
    assert!(file.len() < 2 << 20, "the bomb is small: {}", file.len());
    let p = t.file("crawl.warc.gz", &file);
    let db = t.0.join("store.db");
    let (out, took) = fulcrum(&[
        "ingest",
        "-q",
        "--db",
        s(&db),
        "--max-decompressed-bytes",
        "32M",
        s(&p),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("crawl.warc.gz"), "{err}");
    assert!(err.contains("max_decompressed_bytes limit"), "{err}");
    assert!(
        err.contains("1 new documents"),
        "the record before the bomb is kept: {err}"
    );
    assert!(took < Duration::from_secs(30), "took {took:?}");

    // A bomb in the HTTP payload's own Content-Encoding is held to the document limit.
    let inner = gzip(&[&vec![b' '; 128 << 20]]);
    let rec = warc_record(
        "https://example.com/inner",
        "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
        &inner,
    );
    let p = t.file("inner.warc.gz", &gzip(&[&rec, &good]));
    let db2 = t.0.join("store2.db");
    let (out, _) = fulcrum(&["ingest", "-q", "--db", s(&db2), s(&p)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("inner.warc.gz#record 1"), "{err}");
    assert!(err.contains("max_doc_bytes"), "{err}");
}

#[test]
fn a_feed_of_a_hundred_thousand_items_streams() {
    let t = Temp::new("feed");
    let p = t.0.join("big.rss");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    writeln!(
        f,
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title>"
    )
    .unwrap();
    for i in 0..100_000 {
        writeln!(
            f,
            "<item><title>Item {i}</title><link>https://example.com/{i}</link>\
             <description>{GOOD}</description></item>"
        )
        .unwrap();
    }
    writeln!(f, "</channel></rss>").unwrap();
    drop(f);
    let start = Instant::now();
    let mut docs = 0;
    for item in fulcrum_read::read_all(&[p], &fulcrum_read::Limits::default()) {
        let doc = item.expect("every item reads");
        assert!(
            doc.origin.ends_with(&format!("#item {}", docs + 1)),
            "{}",
            doc.origin
        );
        docs += 1;
    }
    assert_eq!(docs, 100_000);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "took {:?}",
        start.elapsed()
    );
}

// In-process cases: the same calls `fulcrum code` makes, with every span checked.

fn coder() -> &'static fulcrum_events::Coder {
    static C: std::sync::OnceLock<fulcrum_events::Coder> = std::sync::OnceLock::new();
    C.get_or_init(|| fulcrum_events::Coder::new(None).unwrap())
}

/// Extracts and codes `bytes` as a file named `name`, checks every span, and returns the
/// extracted text and the events' PLOVER types.
fn code(bytes: &[u8], name: &str) -> (String, Vec<String>) {
    let doc = fulcrum_extract::extract(bytes, Some(name));
    fulcrum_fuzzing::check_document(&doc);
    let events = coder().code_document(&doc, name, Some("2018-11-26"));
    fulcrum_fuzzing::check_events(&doc.text, &events);
    let types = events.iter().filter_map(|e| e.plover.clone()).collect();
    (doc.text, types)
}

#[test]
fn latin1_bytes_inside_a_utf8_page_are_read() {
    let mut page = b"<html><body><p>Kyiv\xe2\x80\x99s navy said: ".to_vec();
    page.extend_from_slice(b"caf\xe9 \xe0 la cr\xe8me. ");
    page.extend_from_slice(GOOD.as_bytes());
    page.extend_from_slice(b"</p></body></html>");
    let (text, types) = code(&page, "mixed.html");
    assert!(text.contains("Crimea"), "{text}");
    assert_eq!(types, ["COERCE"]);
}

#[test]
fn utf16_with_a_byte_order_mark_is_not_taken_for_binary() {
    let t = Temp::new("utf16");
    for (name, bom, le) in [
        ("le.txt", [0xFF, 0xFE], true),
        ("be.txt", [0xFE, 0xFF], false),
    ] {
        let mut bytes = bom.to_vec();
        for u in GOOD.encode_utf16() {
            bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        t.file(name, &bytes);
        assert_eq!(code(&bytes, name).1, ["COERCE"]);
    }
    let (out, _) = fulcrum(&["code", s(&t.0)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("le.txt") && stdout.contains("be.txt"),
        "{stdout}"
    );
}

#[test]
fn a_lying_meta_charset_does_not_garble_utf8() {
    let page = format!(
        "<html><head><meta charset=\"windows-1251\"></head><body><p>Zelensky\u{2019}s office \
         spoke. {GOOD}</p></body></html>"
    );
    let (text, types) = code(page.as_bytes(), "lying.html");
    assert!(text.contains("Zelensky\u{2019}s"), "{text}");
    assert_eq!(types, ["COERCE"]);
}

#[test]
fn nul_bytes_inside_text_are_harmless() {
    // A few stray NUL bytes in an article are kept as characters and do not stop coding.
    let filler = "The talks went on for hours and nothing else was agreed. ".repeat(20);
    let text = format!("Breaking\0 news.\n\n{filler}\n\n{GOOD}\0\n\nMore\0 text.");
    let (extracted, types) = code(text.as_bytes(), "nul.txt");
    assert!(extracted.contains('\0'), "{extracted:?}");
    assert_eq!(types, ["COERCE"]);
    // Mostly NUL bytes is binary: an empty document, not an error.
    let (extracted, types) = code(&[0u8; 4096], "zeros.txt");
    assert!(extracted.is_empty() && types.is_empty());
}

#[test]
fn zero_width_and_right_to_left_characters_keep_spans_on_boundaries() {
    let marks = [
        "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{200F}", "\u{202E}",
        "\u{2067}",
    ];
    for m in marks {
        let text = GOOD.replace(' ', &format!(" {m}"));
        let arabic = format!("{text} \u{0642}\u{0627}\u{0644} \u{05E9}\u{05DC}\u{05D5}\u{05DD}.");
        code(arabic.as_bytes(), "marks.txt");
        code(format!("<p>{m}{arabic}{m}</p>").as_bytes(), "marks.html");
    }
    // Zero-width spaces separate words, so the event is still read.
    let (_, types) = code(GOOD.replace(' ', " \u{200B}").as_bytes(), "zw.txt");
    assert_eq!(types, ["COERCE"]);
}

#[test]
fn a_ten_thousand_token_sentence_is_coded_in_linear_time() {
    // Actor names and verbs throughout, so that recognition and the pattern matcher would both
    // have work to do on every token if the per-sentence cap did not hold.
    let mut s = String::new();
    for _ in 0..1000 {
        s.push_str("Russia seized Ukrainian ships and China criticised Japan , ");
    }
    s.push_str("and Russian forces seized three Ukrainian navy ships.");
    let start = Instant::now();
    code(s.as_bytes(), "long.txt");
    let one = start.elapsed();
    let start = Instant::now();
    code(s.repeat(4).as_bytes(), "longer.txt");
    let four = start.elapsed();
    assert!(one < Duration::from_secs(10), "10,000 tokens took {one:?}");
    assert!(
        four < one * 12 + Duration::from_millis(500),
        "four times the text took {four:?} against {one:?}"
    );
}
