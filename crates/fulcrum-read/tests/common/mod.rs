//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use fulcrum_read::{RawDoc, ReadError};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A scratch folder removed when dropped; each one is unique so tests can run in parallel.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(label: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "fulcrum-read-test-{}-{label}-{n}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

pub fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::stream::encode_all(bytes, 3).unwrap()
}

/// Splits results into documents and errors, keeping the order of each.
pub fn split(items: Vec<Result<RawDoc, ReadError>>) -> (Vec<RawDoc>, Vec<ReadError>) {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for item in items {
        match item {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    (docs, errors)
}

/// One WARC record with the given type, extra header lines and block.
pub fn warc_record(kind: &str, extra: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}>\r\n{extra}\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// A `response` record holding an HTTP 200 response with the given media type and body.
pub fn warc_response(url: &str, date: &str, media: &str, body: &str) -> Vec<u8> {
    let block = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {media}\r\nX-Crawler-Content-Encoding: gzip\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    warc_record(
        "response",
        &format!("WARC-Target-URI: {url}\r\nWARC-Date: {date}\r\n"),
        "application/http; msgtype=response",
        block.as_bytes(),
    )
}

/// The records of a small Common Crawl News-like archive: a warcinfo record, a request, an HTML
/// response, a non-HTML response, a corrupted record, and a second HTML response.
pub fn warc_records() -> Vec<Vec<u8>> {
    vec![
        warc_record(
            "warcinfo",
            "WARC-Date: 2024-05-01T00:00:00Z\r\n",
            "application/warc-fields",
            b"software: test\r\nformat: WARC File Format 1.0\r\n",
        ),
        warc_record(
            "request",
            "WARC-Target-URI: https://paper.example/a\r\n",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: paper.example\r\n\r\n",
        ),
        warc_response(
            "https://paper.example/a",
            "2024-05-01T10:11:12Z",
            "text/html; charset=utf-8",
            "<html><head><title>Talks</title></head><body><p>Leaders met in Lindau on Monday.</p></body></html>",
        ),
        warc_response(
            "https://paper.example/logo.png",
            "2024-05-01T10:11:13Z",
            "image/png",
            "\u{1}PNG not really",
        ),
        // A record whose header was damaged: no Content-Length, and a mangled field.
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Ta\x00\x01rget garbage\r\nContent-Length: twelve\r\n\r\n\
          HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>lost page</html>\r\n\r\n"
            .to_vec(),
        warc_response(
            "https://paper.example/b",
            "2024-05-01T10:11:14Z",
            "application/xhtml+xml",
            "<html><body><p>Farmers protested in Hadley.</p></body></html>",
        ),
    ]
}
