//! Turns input sources into a stream of raw documents for ingestion.
//!
//! A *source* is what a user names on the command line: a file, a folder, or `-` for standard
//! input. A *document* ([`RawDoc`]) is one article's raw bytes together with whatever the source
//! says about it (address, publication or capture time, headline). Turning the raw bytes into
//! clean article text is the extractor's job, not this crate's.
//!
//! # Accepted inputs
//!
//! | source | documents |
//! | --- | --- |
//! | `.html` `.htm` `.xhtml` | one [`Body::Html`] per file |
//! | `.txt` `.text` | one [`Body::Text`] per file ([`Body::Unknown`] when it is not UTF-8) |
//! | no extension, unknown extension given by name, `-` | sniffed: any of the formats below, else one [`Body::Unknown`] |
//! | `.jsonl` `.ndjson` | one per line `{"url", "published", "title", "text" \| "html"}` |
//! | `.xml` `.rss` `.atom` | one per RSS `<item>` or Atom `<entry>` |
//! | `.warc` | one per `response` record whose HTTP payload is HTML |
//! | any of these + `.gz` / `.zst` | the same, decompressed as a stream (multi-member gzip included) |
//!
//! Folders are walked recursively in sorted order; hidden files and folders (names starting with
//! `.`) and files of unknown type are left out. See `docs/inputs.md` for the full mapping.
//!
//! # API
//!
//! ```no_run
//! use std::path::PathBuf;
//! use fulcrum_read::{plan, read_source, Limits};
//!
//! let limits = Limits::default();
//! for source in plan(&[PathBuf::from("news/")]) {
//!     for item in read_source(&source, &limits) {
//!         match item {
//!             Ok(doc) => println!("{} {:?}", doc.origin, doc.url),
//!             Err(e) => eprintln!("{e}"),
//!         }
//!     }
//! }
//! ```
//!
//! - [`plan`] expands folders and classifies every file ([`Kind`] and [`Compression`]);
//! - [`read_source`] reads one [`Source`] lazily, one document at a time;
//! - [`read_all`] chains both over a list of paths;
//! - [`read_reader`] reads any [`std::io::Read`] by sniffing its content (this is what `-` uses).
//!
//! # Streaming, limits and errors
//!
//! Every reader works record by record over a buffered stream, so a multi-gigabyte WARC or JSON
//! Lines file is read with memory bounded by [`Limits::max_doc_bytes`]. A document over that limit
//! becomes a [`ReadError`] naming it and the limit, and reading goes on with the next one.
//! Decompression is capped by [`Limits::max_decompressed_bytes`] per compressed stream, which stops
//! decompression bombs.
//!
//! Bad input never stops a batch: a malformed JSON line, a broken feed item or an unreadable WARC
//! record is reported as a [`ReadError`] whose origin says where it is (`path#line 7`,
//! `path#item 3`, `path#record 12`), and the rest of the source is still read. Only damage that
//! makes the rest of a stream unreadable (a truncated or corrupt compressed stream, an I/O error)
//! ends that source, after the documents read so far, with one final error. Nothing here panics
//! on any input, and the same inputs always give the same sequence.

#![warn(missing_docs)]

mod feed;
mod jsonl;
mod plan;
mod single;
mod sniff;
mod stream;
mod warc;

use std::fmt;
use std::io::Read;
use std::path::PathBuf;

pub use plan::plan;

/// One raw document found in a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDoc {
    /// Where it came from, for messages and provenance: `path`, `path#line 12`,
    /// `path#record 3`, `path#item 5`, or `-` for standard input.
    pub origin: String,
    /// The document's address, when the source gives one.
    pub url: Option<String>,
    /// Publication date/time as the source states it (feed `pubDate`/`published`/`updated`,
    /// JSON Lines `"published"`), verbatim apart from surrounding whitespace.
    pub published: Option<String>,
    /// Capture time (WARC-Date), verbatim.
    pub captured: Option<String>,
    /// The headline as the source states it (feed item title, JSON Lines `"title"`).
    pub title: Option<String>,
    /// The document itself.
    pub body: Body,
}

/// The raw content of a document.
#[derive(Clone, PartialEq, Eq)]
pub enum Body {
    /// HTML markup, as bytes because its character encoding is for the extractor to detect
    /// (from a byte-order mark or a `<meta charset>`).
    Html(Vec<u8>),
    /// Plain text, already decoded.
    Text(String),
    /// Bytes of undeclared type (a file without a telling extension, or standard input); the
    /// extractor should sniff whether it is HTML or text.
    Unknown(Vec<u8>),
}

impl Body {
    /// The content as bytes, whatever its type.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Body::Html(b) | Body::Unknown(b) => b,
            Body::Text(s) => s.as_bytes(),
        }
    }

    /// The size of the content in bytes.
    pub fn len(&self) -> usize {
        self.as_bytes().len()
    }

    /// Whether the content is empty.
    pub fn is_empty(&self) -> bool {
        self.as_bytes().is_empty()
    }
}

// A hand-written Debug keeps test failures and logs readable: a body is summarised by its type,
// size and a short prefix instead of printing megabytes of markup.
impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (name, bytes) = match self {
            Body::Html(b) => ("Html", b.as_slice()),
            Body::Text(s) => ("Text", s.as_bytes()),
            Body::Unknown(b) => ("Unknown", b.as_slice()),
        };
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(60)]);
        write!(f, "{name}({} bytes: {head:?})", bytes.len())
    }
}

/// Size limits that keep memory and time bounded on hostile or broken input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest document (file, JSON line, feed item, WARC payload) that is read, in bytes.
    /// A larger one is reported as an error and skipped.
    pub max_doc_bytes: u64,
    /// The most bytes one compressed stream (`.gz`, `.zst`, or an HTTP payload's
    /// `Content-Encoding`) may expand to; reading that stream stops with an error past it.
    pub max_decompressed_bytes: u64,
}

impl Default for Limits {
    /// 16 MiB per document, which is far above any real news page, and 64 GiB per compressed
    /// stream, which is above any Common Crawl News file (about 1 GB compressed) while still
    /// stopping a bomb. Memory use does not depend on the second limit: streams are never held
    /// whole, so it only bounds time.
    fn default() -> Self {
        Limits {
            max_doc_bytes: 16 << 20,
            max_decompressed_bytes: 64 << 30,
        }
    }
}

/// A problem with one source or one document inside it.
///
/// Its display is `"{origin}: {message}"`, and the message says what went wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct ReadError {
    /// Where the problem is, in the same form as [`RawDoc::origin`].
    pub origin: String,
    /// What went wrong and what to do about it.
    pub message: String,
}

impl ReadError {
    pub(crate) fn new(origin: impl Into<String>, message: impl Into<String>) -> Self {
        ReadError {
            origin: origin.into(),
            message: message.into(),
        }
    }
}

/// How the documents of a source are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// One HTML document (`.html`, `.htm`, `.xhtml`).
    Html,
    /// One plain-text document (`.txt`, `.text`).
    Text,
    /// JSON Lines of articles (`.jsonl`, `.ndjson`).
    Jsonl,
    /// An RSS or Atom feed (`.xml`, `.rss`, `.atom`).
    Feed,
    /// A WARC archive (`.warc`).
    Warc,
    /// Not known from the name (no extension, an unknown one, or standard input): the content is
    /// sniffed when read, falling back to one document of [`Body::Unknown`] type.
    Sniff,
    /// A folder that could not be listed; reading it reports why.
    Folder,
}

/// The compression a source is declared (by its name) to have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Compression {
    /// Not compressed. Content that starts with a gzip or zstd signature is decompressed anyway.
    None,
    /// gzip (`.gz`), possibly several members one after another.
    Gzip,
    /// Zstandard (`.zst`, `.zstd`).
    Zstd,
}

/// One input to read: a file, a folder that could not be listed, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file's path, or `None` for standard input.
    pub path: Option<PathBuf>,
    /// How its documents are laid out.
    pub kind: Kind,
    /// How it is compressed.
    pub compression: Compression,
}

impl Source {
    /// A source for standard input; its content is sniffed.
    pub fn stdin() -> Self {
        Source {
            path: None,
            kind: Kind::Sniff,
            compression: Compression::None,
        }
    }

    /// A source for one file, classified by its name.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let (kind, compression) = plan::classify(&path);
        Source {
            path: Some(path),
            kind: kind.unwrap_or(Kind::Sniff),
            compression,
        }
    }

    /// How documents of this source name it: the path as given, or `-` for standard input.
    pub fn origin(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "-".to_string(),
        }
    }
}

/// The documents of one source, read lazily; see [`read_source`] and [`read_reader`].
///
/// It is [`Send`], so a caller may read sources on worker threads.
pub struct Docs {
    state: DocsState,
}

enum DocsState {
    /// Not opened yet: opening happens on the first call to `next`, so that creating many
    /// readers does not open many files at once.
    Pending(Source, Limits),
    /// A reader built around any `Read`, waiting to be opened as the given kind (`Sniff` to
    /// decide by its content).
    PendingReader(String, Box<dyn Read + Send>, Kind, Limits),
    Reading(stream::Format),
    Done,
}

impl Iterator for Docs {
    type Item = Result<RawDoc, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match std::mem::replace(&mut self.state, DocsState::Done) {
                DocsState::Done => return None,
                DocsState::Pending(source, limits) => match stream::open_source(&source, &limits) {
                    Ok(format) => self.state = DocsState::Reading(format),
                    Err(e) => return Some(Err(e)),
                },
                DocsState::PendingReader(origin, reader, kind, limits) => {
                    match stream::open_reader(&origin, reader, kind, &limits) {
                        Ok(format) => self.state = DocsState::Reading(format),
                        Err(e) => return Some(Err(e)),
                    }
                }
                DocsState::Reading(mut format) => {
                    let item = format.next();
                    if item.is_some() {
                        self.state = DocsState::Reading(format);
                    }
                    return item;
                }
            }
        }
    }
}

/// Reads one source lazily: nothing is opened until the first document is asked for, and then
/// documents are read one at a time.
///
/// Errors about the whole source (it cannot be opened, is not what its name says) come as a
/// single [`ReadError`]; errors about one document inside it are followed by the next document.
pub fn read_source(src: &Source, limits: &Limits) -> Docs {
    Docs {
        state: DocsState::Pending(src.clone(), *limits),
    }
}

/// Reads documents from any byte stream, sniffing what it holds: gzip or zstd compression (then
/// sniffing again inside), a WARC archive (`WARC/1.`), JSON Lines (`{`), an RSS or Atom feed
/// (`<rss`, `<feed`, `<rdf:RDF`), or else one document of [`Body::Unknown`] type.
///
/// `origin` names the stream in documents and errors (`-` for standard input).
pub fn read_reader<R: Read + Send + 'static>(origin: &str, reader: R, limits: &Limits) -> Docs {
    read_reader_as(origin, reader, Kind::Sniff, limits)
}

/// Reads documents from any byte stream as the given kind, as a file named for that kind would
/// be read (compression is still recognised by its signature). `Kind::Sniff` (or `Kind::Folder`)
/// decides by the content, like [`read_reader`]. This lets a caller that knows what a stream
/// holds, such as a test or a fuzzer, skip the sniffing.
pub fn read_reader_as<R: Read + Send + 'static>(
    origin: &str,
    reader: R,
    kind: Kind,
    limits: &Limits,
) -> Docs {
    let kind = if kind == Kind::Folder {
        Kind::Sniff
    } else {
        kind
    };
    Docs {
        state: DocsState::PendingReader(origin.to_string(), Box::new(reader), kind, *limits),
    }
}

/// Plans and reads a list of paths, in order: `plan(paths)` followed by [`read_source`] on each.
pub fn read_all(paths: &[PathBuf], limits: &Limits) -> ReadAll {
    ReadAll {
        sources: plan(paths).into_iter(),
        current: None,
        limits: *limits,
    }
}

/// The documents of several sources in sequence; see [`read_all`].
pub struct ReadAll {
    sources: std::vec::IntoIter<Source>,
    current: Option<Docs>,
    limits: Limits,
}

impl Iterator for ReadAll {
    type Item = Result<RawDoc, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(docs) = &mut self.current {
                if let Some(item) = docs.next() {
                    return Some(item);
                }
            }
            let source = self.sources.next()?;
            self.current = Some(read_source(&source, &self.limits));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_display_is_origin_then_message() {
        let e = ReadError::new("a.jsonl#line 7", "not a JSON object: oops");
        assert_eq!(e.to_string(), "a.jsonl#line 7: not a JSON object: oops");
    }

    #[test]
    fn docs_and_read_all_are_send() {
        fn assert_send<T: Send>() {}
        assert_send::<Docs>();
        assert_send::<ReadAll>();
    }

    #[test]
    fn body_debug_is_short() {
        let b = Body::Html(vec![b'x'; 10_000]);
        let s = format!("{b:?}");
        assert!(s.starts_with("Html(10000 bytes"));
        assert!(s.len() < 120);
    }

    #[test]
    fn read_reader_sniffs_a_plain_document() {
        let docs: Vec<_> = read_reader("-", &b"Just some words."[..], &Limits::default()).collect();
        assert_eq!(docs.len(), 1);
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.origin, "-");
        assert_eq!(doc.body, Body::Unknown(b"Just some words.".to_vec()));
    }
}
