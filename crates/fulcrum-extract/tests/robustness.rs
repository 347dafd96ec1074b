//! Bad input is data: empty and binary files, invalid UTF-8, pathological nesting, huge inputs
//! and random garbage all give a document, never a panic or an error.

use std::time::{Duration, Instant};

use fulcrum_extract::{extract, extract_html, extract_text};

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() as usize) % xs.len()]
    }
}

#[test]
fn empty_input_gives_an_empty_document() {
    for input in [&b""[..], b"   \n\n  ", b"\n"] {
        let d = extract(input, None);
        assert!(d.text.is_empty() && d.blocks.is_empty() && d.paragraphs.is_empty());
        assert!(d.title.is_none() && d.published.is_none());
    }
    assert!(extract_text("").text.is_empty());
    assert!(extract_html("", None).text.is_empty());
}

#[test]
fn binary_garbage_gives_an_empty_document() {
    let mut rng = Lcg(7);
    let bytes: Vec<u8> = (0..64 * 1024).map(|_| rng.next() as u8).collect();
    let d = extract(&bytes, Some("photo.jpg"));
    assert!(d.text.is_empty() && d.blocks.is_empty());
    assert_eq!(d.encoding, "binary");
}

#[test]
fn invalid_utf8_text_is_read_as_windows_1252() {
    let mut bytes = b"The minister".to_vec();
    bytes.push(0x92);
    bytes.extend_from_slice(b"s visit to the caf");
    bytes.push(0xe9);
    bytes.extend_from_slice(b" district ended on Tuesday, the ministry said in a statement.\n");
    let d = extract(&bytes, None);
    assert_eq!(d.encoding, "windows-1252");
    assert_eq!(d.paragraphs, vec!["The minister’s visit to the café district ended on Tuesday, the ministry said in a statement."]);
}

#[test]
fn utf16_with_bom_is_decoded() {
    let text = "The council met on Monday and approved the new budget after a long debate.";
    let mut bytes = vec![0xff, 0xfe];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let d = extract(&bytes, None);
    assert_eq!(d.paragraphs, vec![text]);
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    eprintln!("{what}: {took:?}");
    // Generous for slow shared machines; typically well under a second.
    assert!(took < Duration::from_secs(10), "{what} took {took:?}");
    out
}

#[test]
fn deeply_nested_html_does_not_overflow_or_crawl() {
    const N: usize = 100_000;
    for (open, close) in [
        ("<div>", "</div>"),
        ("<span>", "</span>"),
        ("<b>", "</b>"),
        ("<div><p>", "</p></div>"),
        ("<table><tr><td>", ""),
    ] {
        let page = format!(
            "<html><body>{}<p>The deep paragraph says the talks resumed on Monday in the capital.</p>{}</body></html>",
            open.repeat(N),
            close.repeat(N)
        );
        let d = timed(&format!("{N} nested {open}"), || {
            extract(page.as_bytes(), None)
        });
        assert!(
            d.text.contains("The deep paragraph says the talks resumed"),
            "{open}: {:?}",
            d.text.get(..200)
        );
    }
    // Unclosed nesting and a fragment without any structure at all.
    let page = "<div>".repeat(N) + "Loose deep text that never closes its elements at all.";
    let d = timed("unclosed divs", || extract_html(&page, None));
    assert!(d.text.contains("Loose deep text"));
}

#[test]
fn deeply_nested_json_ld_is_ignored() {
    let json = "[".repeat(50_000) + &"]".repeat(50_000);
    let page = format!(
        "<html><head><script type=\"application/ld+json\">{json}</script></head><body><p>A paragraph long enough to be kept as the body of the page.</p></body></html>"
    );
    let d = extract_html(&page, None);
    assert_eq!(d.paragraphs.len(), 1);
}

#[test]
fn twenty_megabytes_of_text() {
    let para = "The delegation met officials in the capital on Tuesday and agreed to continue talks next month, the ministry said.\n\n";
    let mut big = String::with_capacity(20 * 1024 * 1024 + para.len());
    while big.len() < 20 * 1024 * 1024 {
        big.push_str(para);
    }
    let d = timed("20 MB of text", || extract(big.as_bytes(), None));
    assert_eq!(d.paragraphs.len(), big.len() / para.len());
    // One 20 MB line without any break.
    let line = para.trim_end().repeat(20 * 1024 * 1024 / para.len());
    let d = timed("20 MB single line", || extract_text(&line));
    assert_eq!(d.paragraphs.len(), 1);
}

#[test]
fn twenty_megabytes_of_html() {
    let para = "<p>The delegation met officials in the capital on Tuesday and agreed to continue talks, the ministry said.</p>\n";
    let page = format!(
        "<html><body><article>{}</article></body></html>",
        para.repeat(20 * 1024 * 1024 / para.len())
    );
    let d = timed("20 MB of HTML", || extract(page.as_bytes(), None));
    assert_eq!(d.paragraphs.len(), 20 * 1024 * 1024 / para.len());
}

#[test]
fn random_pages_never_panic() {
    let pieces = [
        "<p>",
        "</p>",
        "<div class=\"share\">",
        "</div>",
        "<article>",
        "<h1>",
        "</h1>",
        "<h2>",
        "<figcaption>",
        "<a href=x>",
        "</a>",
        "<br>",
        "<br><br>",
        "<script>var a = '<p>';</script>",
        "<!-- c -->",
        "<",
        ">",
        "&nbsp;",
        "&amp;",
        "\u{a0}",
        "\n",
        "\n\n",
        " ",
        "MOSCOW (Agency), Jane Roe - ",
        "[HANOI] ",
        "date 2018-05-03 ",
        "19:07 GMT +319 August 2019\n",
        "READ MORE: ",
        "Published Thu, Feb 28, 2019 · 07:44 AM\n",
        "April 27, 2018",
        "May 2-3",
        "announced on April 30",
        "(AP Photo)",
        "© AGENCY / Pool\n",
        "Talks Resume",
        "The minister said the talks would resume.",
        "’",
        "“",
        "”",
        "—",
        "é",
        "中文",
        "🙂",
        "\u{200b}",
        "\r",
        "\r\n",
        "- ",
        "Tags: a, b, c, d",
        "a, b, c, d, e",
        ":",
        "(",
        ")",
        "/2018/12/08/",
        "<meta property=\"article:published_time\" content=\"2018-13-45\">",
        "<time datetime=\"x\">",
        "<script type=\"application/ld+json\">{\"datePublished\": 5}</script>",
    ];
    let mut rng = Lcg(42);
    for round in 0..400 {
        let n = 1 + (rng.next() % 60) as usize;
        let s: String = (0..n).map(|_| rng.pick(&pieces)).collect();
        let a = extract(s.as_bytes(), None);
        let b = extract_text(&s);
        let c = extract_html(&s, Some("https://x.example/2018/nov/26/a"));
        for d in [&a, &b, &c] {
            for blk in &d.blocks {
                assert_eq!(
                    &d.text[blk.span.0..blk.span.1],
                    blk.text,
                    "round {round}: {s:?}"
                );
            }
            if let Some(dl) = &d.dateline {
                assert!(
                    d.paragraphs.first().is_some_and(
                        |p| p.is_char_boundary(dl.prefix_len) && dl.prefix_len <= p.len()
                    )
                );
            }
            let _ = d.first_body_sentence_hint();
        }
        // Random bytes too, including invalid UTF-8.
        let bytes: Vec<u8> = (0..(rng.next() % 300)).map(|_| rng.next() as u8).collect();
        let _ = extract(&bytes, Some("x.html"));
    }
}
