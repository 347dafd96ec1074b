//! Opening sources as byte streams: decompression with a size guard, content sniffing, and the
//! bounded line reader the record formats share.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};

use flate2::read::MultiGzDecoder;

use crate::feed::Feed;
use crate::jsonl::Jsonl;
use crate::single::{self, Declared};
use crate::sniff::{self, Sniffed};
use crate::warc::Warc;
use crate::{Compression, Kind, Limits, RawDoc, ReadError, Source};

/// The buffered stream every record reader works on.
pub(crate) type Stream = Box<dyn BufRead + Send>;

/// Buffer size for reading sources: large enough that per-call overhead is negligible on
/// multi-gigabyte archives, small enough to be irrelevant next to one document.
const BUF_SIZE: usize = 64 * 1024;

/// How many leading bytes are looked at to decide what a stream of undeclared type holds. Feeds
/// may start with a long comment or stylesheet instruction before their root element.
const SNIFF_LEN: usize = 4096;

/// An opened source, ready to yield documents.
pub(crate) enum Format {
    Single(Option<Result<RawDoc, ReadError>>),
    Jsonl(Jsonl),
    Feed(Feed),
    Warc(Warc),
}

impl Format {
    pub(crate) fn next(&mut self) -> Option<Result<RawDoc, ReadError>> {
        match self {
            Format::Single(doc) => doc.take(),
            Format::Jsonl(r) => r.next(),
            Format::Feed(r) => r.next(),
            Format::Warc(r) => r.next(),
        }
    }
}

/// Opens a planned source.
pub(crate) fn open_source(src: &Source, limits: &Limits) -> Result<Format, ReadError> {
    let Some(path) = &src.path else {
        return open_reader("-", Box::new(io::stdin()), Kind::Sniff, limits);
    };
    let origin = src.origin();
    if src.kind == Kind::Folder {
        let why = match std::fs::read_dir(path) {
            Err(e) => e.to_string(),
            Ok(_) => "it could not be listed when the inputs were planned".to_string(),
        };
        return Err(ReadError::new(
            origin,
            format!("cannot list this folder ({why}); check its permissions"),
        ));
    }
    let file = File::open(path).map_err(|e| ReadError::new(&origin, open_message(&e)))?;
    let meta = file
        .metadata()
        .map_err(|e| ReadError::new(&origin, open_message(&e)))?;
    if meta.is_dir() {
        return Err(ReadError::new(
            origin,
            "is a folder; pass it to plan() (or on the command line) to read the files inside",
        ));
    }
    // A single uncompressed document's size is known up front, so an oversized one is refused
    // before any of it is read.
    if matches!(src.kind, Kind::Html | Kind::Text)
        && src.compression == Compression::None
        && meta.len() > limits.max_doc_bytes
    {
        return Err(single::too_big(&origin, Some(meta.len()), limits));
    }
    let reader = decompress(&origin, Box::new(file), src.compression, limits)?;
    build(origin, src.kind, reader, limits)
}

/// Opens any byte stream as `kind`, sniffing it when the kind is `Sniff`.
pub(crate) fn open_reader(
    origin: &str,
    reader: Box<dyn Read + Send>,
    kind: Kind,
    limits: &Limits,
) -> Result<Format, ReadError> {
    let reader = decompress(origin, reader, Compression::None, limits)?;
    build(origin.to_string(), kind, reader, limits)
}

fn open_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => format!("cannot open ({e}); check the path"),
        io::ErrorKind::PermissionDenied => format!("cannot open ({e}); check its permissions"),
        _ => format!("cannot open ({e})"),
    }
}

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

/// Wraps `reader` in a decompressor when its first bytes say it is compressed. The signature
/// decides rather than the name, so a misnamed file is still read; but a file named `.gz` or
/// `.zst` that is not compressed is reported, since that usually means a failed download.
fn decompress(
    origin: &str,
    reader: Box<dyn Read + Send>,
    declared: Compression,
    limits: &Limits,
) -> Result<Box<dyn Read + Send>, ReadError> {
    let (magic, reader) = peek(reader, 4).map_err(|e| stream_error(origin, &e))?;
    if magic.starts_with(GZIP_MAGIC) {
        let decoder = MultiGzDecoder::new(BufReader::with_capacity(BUF_SIZE, reader));
        return Ok(Box::new(Guard::new(decoder, Codec::Gzip, limits)));
    }
    if magic.starts_with(ZSTD_MAGIC) {
        let decoder = zstd::stream::read::Decoder::new(reader).map_err(|e| {
            ReadError::new(origin, format!("cannot start zstd decompression ({e})"))
        })?;
        return Ok(Box::new(Guard::new(decoder, Codec::Zstd, limits)));
    }
    match declared {
        Compression::None => Ok(reader),
        Compression::Gzip => Err(ReadError::new(
            origin,
            "is named as gzip-compressed (.gz) but does not start with the gzip signature; \
             check that the download finished, or rename the file",
        )),
        Compression::Zstd => Err(ReadError::new(
            origin,
            "is named as zstd-compressed (.zst) but does not start with the zstd signature; \
             check that the download finished, or rename the file",
        )),
    }
}

/// Chooses the reader for a (decompressed) stream.
fn build(
    origin: String,
    kind: Kind,
    reader: Box<dyn Read + Send>,
    limits: &Limits,
) -> Result<Format, ReadError> {
    let (kind, reader) = if kind == Kind::Sniff {
        let (prefix, reader) = peek(reader, SNIFF_LEN).map_err(|e| stream_error(&origin, &e))?;
        let kind = match sniff::sniff(&prefix) {
            Sniffed::Warc => Kind::Warc,
            Sniffed::Jsonl => Kind::Jsonl,
            Sniffed::Feed => Kind::Feed,
            Sniffed::Document => Kind::Sniff,
        };
        (kind, reader)
    } else {
        (kind, reader)
    };
    let stream: Stream = Box::new(BufReader::with_capacity(BUF_SIZE, reader));
    Ok(match kind {
        Kind::Html => Format::Single(Some(single::read(origin, Declared::Html, stream, limits))),
        Kind::Text => Format::Single(Some(single::read(origin, Declared::Text, stream, limits))),
        Kind::Sniff | Kind::Folder => Format::Single(Some(single::read(
            origin,
            Declared::Unknown,
            stream,
            limits,
        ))),
        Kind::Jsonl => Format::Jsonl(Jsonl::new(origin, stream, limits)),
        Kind::Feed => Format::Feed(Feed::new(origin, stream, limits)),
        Kind::Warc => Format::Warc(Warc::new(origin, stream, limits)),
    })
}

/// Reads up to `n` bytes from the start of `reader` and gives them back together with a reader
/// that still yields the whole stream, so content can be sniffed without losing any of it.
pub(crate) fn peek(
    mut reader: Box<dyn Read + Send>,
    n: usize,
) -> io::Result<(Vec<u8>, Box<dyn Read + Send>)> {
    let mut prefix = vec![0u8; n];
    let mut got = 0;
    while got < n {
        match reader.read(&mut prefix[got..]) {
            Ok(0) => break,
            Ok(k) => got += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    prefix.truncate(got);
    let whole = Cursor::new(prefix.clone()).chain(reader);
    Ok((prefix, Box::new(whole)))
}

/// Which decompressor a [`Guard`] protects, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Codec {
    Gzip,
    Zstd,
    /// An HTTP payload's `Content-Encoding` inside a WARC record.
    Payload,
}

impl Codec {
    fn name(self) -> &'static str {
        match self {
            Codec::Gzip => "gzip",
            Codec::Zstd => "zstd",
            Codec::Payload => "HTTP payload",
        }
    }
}

/// Why a decompressed stream stopped early. It travels inside an [`io::Error`] through any
/// buffering layers, so that the record readers can tell a damaged archive from a plain I/O
/// failure and say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fault {
    Truncated(Codec),
    Corrupt(Codec, String),
    TooBig(Codec, u64),
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Truncated(c) => write!(
                f,
                "truncated {} stream: the data ends before the compressed stream does; the \
                 documents before this point were read, the rest is missing (re-download or \
                 re-compress the file)",
                c.name()
            ),
            Fault::Corrupt(c, why) => write!(
                f,
                "{} data is damaged ({why}); the rest of this source is skipped (re-download or \
                 re-compress the file)",
                c.name()
            ),
            Fault::TooBig(c, limit) => write!(
                f,
                "decompressed {} data is over the max_decompressed_bytes limit of {limit} bytes, \
                 so reading stopped there; it may be a decompression bomb (raise the limit if \
                 the file is genuine)",
                c.name()
            ),
        }
    }
}

impl std::error::Error for Fault {}

/// Counts what a decompressor produces, stops it past the limit, and labels its errors.
pub(crate) struct Guard<R> {
    inner: R,
    codec: Codec,
    produced: u64,
    limit: u64,
    /// Once a stream has failed it keeps failing the same way, so that every layer above sees
    /// one consistent cause however often it retries.
    failed: Option<Fault>,
}

impl<R: Read> Guard<R> {
    pub(crate) fn new(inner: R, codec: Codec, limits: &Limits) -> Self {
        Self::with_limit(inner, codec, limits.max_decompressed_bytes)
    }

    pub(crate) fn with_limit(inner: R, codec: Codec, limit: u64) -> Self {
        Guard {
            inner,
            codec,
            produced: 0,
            limit,
            failed: None,
        }
    }

    fn fail(&mut self, fault: Fault) -> io::Error {
        self.failed = Some(fault.clone());
        io::Error::other(fault)
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(fault) = &self.failed {
            return Err(io::Error::other(fault.clone()));
        }
        if buf.is_empty() {
            return Ok(0);
        }
        let room = self.limit.saturating_sub(self.produced);
        // With no room left, one more byte tells a stream that ends exactly at the limit (fine)
        // from one that goes on (stopped).
        let cap = usize::try_from(room)
            .unwrap_or(usize::MAX)
            .clamp(1, buf.len());
        match self.inner.read(&mut buf[..cap]) {
            Ok(n) => {
                if room == 0 && n > 0 {
                    return Err(self.fail(Fault::TooBig(self.codec, self.limit)));
                }
                self.produced += n as u64;
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
            Err(e) => {
                let fault = match e.kind() {
                    io::ErrorKind::UnexpectedEof => Fault::Truncated(self.codec),
                    io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => {
                        Fault::Corrupt(self.codec, e.to_string())
                    }
                    // Zstd reports some damage as a generic error, so anything that is not an
                    // ordinary I/O failure of the file underneath counts as corruption.
                    io::ErrorKind::Other if self.codec != Codec::Gzip => {
                        Fault::Corrupt(self.codec, e.to_string())
                    }
                    _ => return Err(e),
                };
                Err(self.fail(fault))
            }
        }
    }
}

/// The [`Fault`] carried by an I/O error, if any.
pub(crate) fn fault_of(e: &io::Error) -> Option<&Fault> {
    e.get_ref().and_then(|inner| inner.downcast_ref::<Fault>())
}

/// The error that ends a source whose stream failed.
pub(crate) fn stream_error(origin: &str, e: &io::Error) -> ReadError {
    match fault_of(e) {
        Some(fault) => ReadError::new(origin, fault.to_string()),
        None => ReadError::new(
            origin,
            format!("read failed ({e}); the rest of this source is skipped"),
        ),
    }
}

/// What [`read_line`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line {
    /// The stream had no more bytes.
    Eof,
    /// A line (with its newline, unless it was the last line) is in the buffer.
    Complete,
    /// The line was longer than allowed; it was consumed but not kept. Holds its length.
    TooLong(u64),
}

/// Reads one line into `buf` without ever holding more than `max` bytes of it, so that a
/// multi-gigabyte "line" (or a binary file without newlines) cannot exhaust memory.
pub(crate) fn read_line<R: BufRead + ?Sized>(
    r: &mut R,
    buf: &mut Vec<u8>,
    max: u64,
) -> io::Result<Line> {
    buf.clear();
    let mut total: u64 = 0;
    let mut too_long = false;
    loop {
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(match (total, too_long) {
                (0, _) => Line::Eof,
                (_, true) => Line::TooLong(total),
                (_, false) => Line::Complete,
            });
        }
        let (take, ends) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        total += take as u64;
        if !too_long {
            if total > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&available[..take]);
            }
        }
        r.consume(take);
        if ends {
            return Ok(if too_long {
                Line::TooLong(total)
            } else {
                Line::Complete
            });
        }
    }
}

/// `line` without its line ending (`\n` or `\r\n`).
pub(crate) fn chomp(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_line_keeps_short_lines_and_skips_long_ones() {
        let mut r = BufReader::with_capacity(4, &b"ab\nabcdefgh\nxy"[..]);
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), Line::Complete);
        assert_eq!(buf, b"ab\n");
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), Line::TooLong(9));
        assert!(buf.is_empty());
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), Line::Complete);
        assert_eq!(buf, b"xy");
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), Line::Eof);
    }

    #[test]
    fn guard_allows_exactly_the_limit_and_stops_past_it() {
        let mut ok = Guard::with_limit(&[7u8; 10][..], Codec::Gzip, 10);
        let mut out = Vec::new();
        assert_eq!(ok.read_to_end(&mut out).unwrap(), 10);

        let mut over = Guard::with_limit(&[7u8; 11][..], Codec::Gzip, 10);
        let err = over.read_to_end(&mut Vec::new()).unwrap_err();
        assert_eq!(fault_of(&err), Some(&Fault::TooBig(Codec::Gzip, 10)));
        // It keeps failing the same way.
        let again = over.read(&mut [0u8; 4]).unwrap_err();
        assert_eq!(fault_of(&again), Some(&Fault::TooBig(Codec::Gzip, 10)));
    }

    #[test]
    fn peek_gives_the_whole_stream_back() {
        let (prefix, mut rest) = peek(Box::new(&b"hello world"[..]), 5).unwrap();
        assert_eq!(prefix, b"hello");
        let mut all = String::new();
        rest.read_to_string(&mut all).unwrap();
        assert_eq!(all, "hello world");
    }

    #[test]
    fn chomp_strips_either_line_ending() {
        assert_eq!(chomp(b"a\r\n"), b"a");
        assert_eq!(chomp(b"a\n"), b"a");
        assert_eq!(chomp(b"a"), b"a");
    }
}
