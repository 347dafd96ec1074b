//! Reading WARC archives, compressed streams and sniffed byte streams, including damaged ones.

mod common;

use std::io::Cursor;
use std::time::{Duration, Instant};

use common::{fixture, gzip, split, warc_records, warc_response, zstd, Scratch};
use fulcrum_read::{read_all, read_reader, read_source, Body, Limits, RawDoc, ReadError, Source};

fn read_file(path: &std::path::Path, limits: &Limits) -> Vec<Result<RawDoc, ReadError>> {
    read_source(&Source::file(path), limits).collect()
}

/// Checks the documents and errors a reading of `warc_records()` gives.
fn check_warc_results(origin: &str, items: &[Result<RawDoc, ReadError>]) {
    assert_eq!(items.len(), 3, "{items:?}");
    let a = items[0].as_ref().unwrap();
    assert_eq!(a.origin, format!("{origin}#record 3"));
    assert_eq!(a.url.as_deref(), Some("https://paper.example/a"));
    assert_eq!(a.captured.as_deref(), Some("2024-05-01T10:11:12Z"));
    assert_eq!(a.published, None);
    assert_eq!(a.title, None);
    assert_eq!(
        a.body,
        Body::Html(
            b"<html><head><title>Talks</title></head><body><p>Leaders met in Lindau on \
              Monday.</p></body></html>"
                .to_vec()
        )
    );
    let damaged = items[1].as_ref().unwrap_err();
    assert_eq!(damaged.origin, format!("{origin}#record 5"));
    assert!(
        damaged.message.contains("malformed WARC header line"),
        "{damaged}"
    );
    assert!(damaged.message.contains("skipped to the next record"));
    let b = items[2].as_ref().unwrap();
    assert_eq!(b.origin, format!("{origin}#record 6"));
    assert_eq!(b.url.as_deref(), Some("https://paper.example/b"));
}

#[test]
fn plain_warc() {
    let scratch = Scratch::new("warc");
    let path = scratch.write("news.warc", &warc_records().concat());
    check_warc_results(
        &path.display().to_string(),
        &read_file(&path, &Limits::default()),
    );
}

#[test]
fn multi_member_warc_gz() {
    let scratch = Scratch::new("warc-gz");
    // Common Crawl compresses every record as its own gzip member.
    let bytes: Vec<u8> = warc_records().iter().flat_map(|r| gzip(r)).collect();
    let path = scratch.write("CC-NEWS-20240501101112-00001.warc.gz", &bytes);
    check_warc_results(
        &path.display().to_string(),
        &read_file(&path, &Limits::default()),
    );
}

#[test]
fn single_member_warc_gz_and_warc_zst() {
    let scratch = Scratch::new("warc-one");
    let whole = warc_records().concat();
    let gz = scratch.write("one.warc.gz", &gzip(&whole));
    check_warc_results(
        &gz.display().to_string(),
        &read_file(&gz, &Limits::default()),
    );
    let zst = scratch.write("one.warc.zst", &zstd(&whole));
    check_warc_results(
        &zst.display().to_string(),
        &read_file(&zst, &Limits::default()),
    );
}

#[test]
fn garbage_between_warc_records_is_skipped() {
    let scratch = Scratch::new("warc-garbage");
    let records = warc_records();
    let mut bytes = records[2].clone();
    bytes.extend_from_slice(b"\x00\x01 stray bytes\nmore stray bytes\n");
    bytes.extend_from_slice(&records[5]);
    let path = scratch.write("g.warc", &bytes);
    let origin = path.display().to_string();
    let items = read_file(&path, &Limits::default());
    assert_eq!(items.len(), 3);
    assert!(items[0].is_ok());
    let e = items[1].as_ref().unwrap_err();
    assert_eq!(e.origin, format!("{origin}#record 2"));
    assert!(e.message.contains("expected a WARC record header"));
    assert_eq!(
        items[2].as_ref().unwrap().origin,
        format!("{origin}#record 3")
    );
}

#[test]
fn oversized_warc_payload_is_reported_and_reading_goes_on() {
    let scratch = Scratch::new("warc-big");
    let mut bytes = warc_response(
        "https://paper.example/big",
        "2024-05-01T00:00:00Z",
        "text/html",
        &format!("<html><p>{}</p></html>", "x".repeat(5000)),
    );
    bytes.extend(warc_response(
        "https://paper.example/small",
        "2024-05-01T00:00:01Z",
        "text/html",
        "<html><p>small</p></html>",
    ));
    let path = scratch.write("big.warc", &bytes);
    let limits = Limits {
        max_doc_bytes: 1000,
        ..Limits::default()
    };
    let items = read_file(&path, &limits);
    assert_eq!(items.len(), 2);
    let e = items[0].as_ref().unwrap_err();
    assert!(e.origin.ends_with("#record 1"));
    assert!(
        e.message.contains("max_doc_bytes limit of 1000 bytes"),
        "{e}"
    );
    assert_eq!(
        items[1].as_ref().unwrap().url.as_deref(),
        Some("https://paper.example/small")
    );
}

#[test]
fn truncated_warc_gz_yields_what_was_read_then_one_error() {
    let scratch = Scratch::new("warc-trunc");
    let mut bytes: Vec<u8> = warc_records().iter().flat_map(|r| gzip(r)).collect();
    bytes.truncate(bytes.len() - 40);
    let path = scratch.write("cut.warc.gz", &bytes);
    let origin = path.display().to_string();
    let items = read_file(&path, &Limits::default());
    // Record 3 and the error for record 5 come through; record 6 is cut off.
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items[0].is_ok());
    assert!(items[1].as_ref().unwrap_err().origin.ends_with("#record 5"));
    let last = items[2].as_ref().unwrap_err();
    assert_eq!(last.origin, origin);
    assert!(last.message.starts_with("truncated gzip stream"), "{last}");
}

#[test]
fn compressed_jsonl_reads_like_plain_jsonl() {
    let scratch = Scratch::new("jsonl-comp");
    let plain = std::fs::read(fixture("articles.jsonl")).unwrap();
    let expected: Vec<_> = read_file(&fixture("articles.jsonl"), &Limits::default())
        .into_iter()
        .map(|r| r.map(|d| (d.url, d.title, d.body)).map_err(|e| e.message))
        .collect();
    for (name, bytes) in [
        ("a.jsonl.gz", gzip(&plain)),
        ("b.ndjson.zst", zstd(&plain)),
        // A compressed file without a telling name is recognised by its signature and sniffed.
        ("c", gzip(&plain)),
    ] {
        let path = scratch.write(name, &bytes);
        let got: Vec<_> = read_file(&path, &Limits::default())
            .into_iter()
            .map(|r| r.map(|d| (d.url, d.title, d.body)).map_err(|e| e.message))
            .collect();
        assert_eq!(got, expected, "{name}");
    }
}

#[test]
fn compressed_html_is_one_document() {
    let scratch = Scratch::new("html-gz");
    let html = std::fs::read(fixture("article.html")).unwrap();
    let path = scratch.write("c.html.gz", &gzip(&html));
    let items = read_file(&path, &Limits::default());
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].as_ref().unwrap().body, Body::Html(html));
}

#[test]
fn truncated_gz_jsonl_yields_lines_read_then_one_error() {
    let scratch = Scratch::new("jsonl-trunc");
    let mut lines = String::new();
    for i in 0..200 {
        lines.push_str(&format!(
            "{{\"url\": \"https://news.example/{i}\", \"text\": \"Story number {i} about a \
             council vote in district {i}.\"}}\n"
        ));
    }
    let mut bytes = gzip(lines.as_bytes());
    bytes.truncate(bytes.len() / 2);
    let path = scratch.write("cut.jsonl.gz", &bytes);
    let items = read_file(&path, &Limits::default());
    let (docs, errors) = split(items.clone());
    assert!(docs.len() > 5 && docs.len() < 200, "{}", docs.len());
    assert_eq!(errors.len(), 1);
    assert!(items.last().unwrap().is_err());
    assert!(
        errors[0].message.starts_with("truncated gzip stream"),
        "{}",
        errors[0]
    );
    // Lines come in order without gaps.
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(
            d.url.as_deref(),
            Some(format!("https://news.example/{i}").as_str())
        );
    }
}

#[test]
fn truncated_zst_ends_with_one_error() {
    let scratch = Scratch::new("zst-trunc");
    let plain = std::fs::read(fixture("articles.jsonl")).unwrap();
    let mut bytes = zstd(&plain);
    bytes.truncate(bytes.len() - 10);
    let path = scratch.write("cut.jsonl.zst", &bytes);
    let items = read_file(&path, &Limits::default());
    let last = items.last().unwrap().as_ref().unwrap_err();
    assert!(last.message.contains("zstd stream"), "{last}");
}

#[test]
fn misnamed_and_corrupt_compressed_files_are_reported() {
    let scratch = Scratch::new("gz-bad");
    let path = scratch.write("plain.jsonl.gz", b"{\"text\": \"not compressed\"}\n");
    let items = read_file(&path, &Limits::default());
    assert_eq!(items.len(), 1);
    assert!(items[0]
        .as_ref()
        .unwrap_err()
        .message
        .contains("does not start with the gzip signature"));

    let mut bytes = gzip(&std::fs::read(fixture("articles.jsonl")).unwrap());
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 8] {
        *b ^= 0x5a;
    }
    let path = scratch.write("flipped.jsonl.gz", &bytes);
    let items = read_file(&path, &Limits::default());
    let last = items.last().unwrap().as_ref().unwrap_err();
    assert!(
        last.message.starts_with("gzip data is damaged") || last.message.starts_with("truncated"),
        "{last}"
    );
}

/// 1 GiB of zeros as 1024 gzip members of 1 MiB each: about a megabyte on disk.
fn gzip_bomb() -> Vec<u8> {
    let member = gzip(&vec![0u8; 1 << 20]);
    member.repeat(1024)
}

#[test]
fn gzip_bomb_is_stopped_by_max_decompressed_bytes() {
    let scratch = Scratch::new("bomb");
    let bomb = gzip_bomb();
    let limits = Limits {
        max_doc_bytes: 1 << 30,
        max_decompressed_bytes: 32 << 20,
    };
    for name in [
        "bomb.jsonl.gz",
        "bomb.html.gz",
        "bomb.warc.gz",
        "bomb.xml.gz",
    ] {
        let path = scratch.write(name, &bomb);
        let start = Instant::now();
        let items = read_file(&path, &limits);
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{name} took {:?}",
            start.elapsed()
        );
        let last = items.last().unwrap().as_ref().unwrap_err();
        assert!(
            last.message
                .contains("max_decompressed_bytes limit of 33554432 bytes"),
            "{name}: {last}"
        );
    }
}

#[test]
fn zstd_bomb_is_stopped_too() {
    let scratch = Scratch::new("zbomb");
    let bomb = zstd(&vec![b'\n'; 256 << 20]);
    let path = scratch.write("bomb.ndjson.zst", &bomb);
    let limits = Limits {
        max_doc_bytes: 1 << 20,
        max_decompressed_bytes: 16 << 20,
    };
    let items = read_file(&path, &limits);
    assert_eq!(items.len(), 1);
    assert!(items[0]
        .as_ref()
        .unwrap_err()
        .message
        .contains("max_decompressed_bytes"));
}

#[test]
fn stdin_like_streams_are_sniffed() {
    let limits = Limits::default();
    let read = |bytes: Vec<u8>| -> Vec<Result<RawDoc, ReadError>> {
        read_reader("-", Cursor::new(bytes), &limits).collect()
    };
    let jsonl = std::fs::read(fixture("articles.jsonl")).unwrap();
    let rss = std::fs::read(fixture("feed.rss")).unwrap();
    let html = std::fs::read(fixture("article.html")).unwrap();

    let items = read(jsonl.clone());
    assert_eq!(items.len(), 6);
    assert_eq!(items[0].as_ref().unwrap().origin, "-#line 1");

    assert_eq!(read(gzip(&jsonl)).len(), 6);
    assert_eq!(read(zstd(&jsonl)).len(), 6);

    let items = read(rss);
    assert_eq!(items.len(), 5);
    assert_eq!(items[0].as_ref().unwrap().origin, "-#item 1");

    let items = read(gzip(&warc_records().concat()));
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_ref().unwrap().origin, "-#record 3");

    let items = read(html.clone());
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].as_ref().unwrap().body, Body::Unknown(html));

    let items = read(Vec::new());
    assert_eq!(items[0].as_ref().unwrap().body, Body::Unknown(Vec::new()));
}

#[test]
fn read_all_chains_sources_in_order() {
    let scratch = Scratch::new("chain");
    let warc = scratch.write("x.warc.gz", &gzip(&warc_records().concat()));
    let items: Vec<_> = read_all(
        &[fixture("note.txt"), warc, fixture("feed.atom")],
        &Limits::default(),
    )
    .collect();
    let origins: Vec<String> = items
        .iter()
        .map(|r| match r {
            Ok(d) => d.origin.clone(),
            Err(e) => e.origin.clone(),
        })
        .map(|o| o.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(
        origins,
        [
            "note.txt",
            "x.warc.gz#record 3",
            "x.warc.gz#record 5",
            "x.warc.gz#record 6",
            "feed.atom#item 1",
            "feed.atom#item 2",
            "feed.atom#item 3",
        ]
    );
}
