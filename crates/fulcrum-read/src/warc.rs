//! WARC archives as Common Crawl News writes them: every `response` record whose HTTP payload is
//! an HTML page becomes a document.
//!
//! The reader is hand-written over a buffered stream so that it can step over damage: a record
//! whose header cannot be understood is reported, and reading resumes at the next line that
//! starts with `WARC/`. Record blocks are never held whole, only HTML payloads within
//! [`Limits::max_doc_bytes`].

use std::io::{self, Read, Take};

use encoding_rs::{Encoding, UTF_8};
use flate2::read::{DeflateDecoder, GzDecoder, ZlibDecoder};

use crate::stream::{chomp, fault_of, read_line, stream_error, Codec, Fault, Guard, Line, Stream};
use crate::{Body, Limits, RawDoc, ReadError};

/// The longest header line accepted, in WARC and HTTP headers alike. Real ones are far shorter;
/// a longer "line" means the reader is not looking at a header.
const MAX_LINE: u64 = 64 * 1024;

/// The most bytes one WARC or HTTP header block may take.
const MAX_HEADER: usize = 512 * 1024;

/// Reads a WARC stream record by record.
pub(crate) struct Warc {
    origin: String,
    stream: Stream,
    limits: Limits,
    /// The number of the current record, counting every record and every stretch of
    /// unreadable data, so that numbers match positions in the file.
    record_no: u64,
    line: Vec<u8>,
    /// Set after a damaged record: data is skipped until the next `WARC/` line.
    resyncing: bool,
    done: bool,
}

/// The WARC header fields this reader uses.
#[derive(Debug, Default)]
struct Header {
    warc_type: String,
    content_type: String,
    content_length: Option<u64>,
    target_uri: Option<String>,
    date: Option<String>,
}

/// The HTTP response head fields this reader uses.
#[derive(Debug, Default)]
struct HttpHead {
    status: u16,
    content_type: Option<String>,
    transfer_encoding: Option<String>,
    content_encoding: Option<String>,
}

/// What became of one record.
enum Outcome {
    Doc(RawDoc),
    /// Not a document (another record type, not HTML, not a success): passed over silently.
    Skip,
    Error(ReadError),
}

impl Warc {
    pub(crate) fn new(origin: String, stream: Stream, limits: &Limits) -> Self {
        Warc {
            origin,
            stream,
            limits: *limits,
            record_no: 0,
            line: Vec::new(),
            resyncing: false,
            done: false,
        }
    }

    fn here(&self) -> String {
        format!("{}#record {}", self.origin, self.record_no)
    }

    pub(crate) fn next(&mut self) -> Option<Result<RawDoc, ReadError>> {
        while !self.done {
            let line = match read_line(&mut self.stream, &mut self.line, MAX_LINE) {
                Err(e) => return Some(Err(self.fail(&e))),
                Ok(Line::Eof) => {
                    self.done = true;
                    return None;
                }
                Ok(line) => line,
            };
            let text = chomp(&self.line);
            if line == Line::Complete && text.starts_with(b"WARC/") {
                self.resyncing = false;
                self.record_no += 1;
                match self.record() {
                    Outcome::Doc(doc) => return Some(Ok(doc)),
                    Outcome::Skip => continue,
                    Outcome::Error(e) => return Some(Err(e)),
                }
            }
            if line == Line::Complete && text.iter().all(u8::is_ascii_whitespace) {
                // Records are separated by blank lines.
                continue;
            }
            if !self.resyncing {
                self.resyncing = true;
                self.record_no += 1;
                return Some(Err(ReadError::new(
                    self.here(),
                    "expected a WARC record header (a line starting with \"WARC/1.\") but found \
                     other data; skipped to the next record header",
                )));
            }
        }
        None
    }

    /// Ends the source after a stream failure.
    fn fail(&mut self, e: &io::Error) -> ReadError {
        self.done = true;
        stream_error(&self.origin, e)
    }

    /// Reports a damaged record and skips ahead to the next record header.
    fn damaged(&mut self, message: &str) -> ReadError {
        self.resyncing = true;
        ReadError::new(
            self.here(),
            format!("{message}; skipped to the next record header"),
        )
    }

    /// Reads the rest of a record whose `WARC/` line has just been read.
    fn record(&mut self) -> Outcome {
        let header = match self.header() {
            Ok(h) => h,
            Err(e) => return Outcome::Error(e),
        };
        let Some(length) = header.content_length else {
            return Outcome::Error(self.damaged("the WARC header has no valid Content-Length"));
        };
        let here = self.here();
        let limits = self.limits;
        let mut block = (&mut self.stream).take(length);
        let outcome = if header.warc_type.eq_ignore_ascii_case("response")
            && header
                .content_type
                .to_ascii_lowercase()
                .starts_with("application/http")
        {
            response(&here, &header, &mut block, &limits)
        } else {
            Ok(Outcome::Skip)
        };
        // Whatever the record held, the stream must end up just after its block.
        let outcome = outcome.and_then(|o| skip_rest(&mut block).map(|()| o));
        match outcome {
            Ok(o) => o,
            Err(e) => {
                if fault_of(&e).is_some() || e.kind() != io::ErrorKind::UnexpectedEof {
                    Outcome::Error(self.fail(&e))
                } else {
                    self.done = true;
                    Outcome::Error(ReadError::new(
                        here,
                        format!(
                            "the file ends inside this record (its Content-Length is {length} \
                             bytes); the file is truncated, so the rest of it is missing"
                        ),
                    ))
                }
            }
        }
    }

    /// Reads the header lines after `WARC/`, up to the blank line.
    fn header(&mut self) -> Result<Header, ReadError> {
        let mut header = Header::default();
        let mut size = 0usize;
        let mut last: Option<String> = None;
        loop {
            match read_line(&mut self.stream, &mut self.line, MAX_LINE) {
                Err(e) => return Err(self.fail(&e)),
                Ok(Line::Eof) => {
                    self.done = true;
                    return Err(ReadError::new(
                        self.here(),
                        "the file ends inside this record's header; the file is truncated",
                    ));
                }
                Ok(Line::TooLong(_)) => {
                    return Err(self.damaged("a WARC header line is over 64 KiB"));
                }
                Ok(Line::Complete) => {}
            }
            size += self.line.len();
            if size > MAX_HEADER {
                return Err(self.damaged("the WARC header is over 512 KiB"));
            }
            let line = String::from_utf8_lossy(chomp(&self.line)).into_owned();
            if line.is_empty() {
                return Ok(header);
            }
            if line.starts_with([' ', '\t']) {
                // A folded continuation of the previous field.
                if let Some(name) = &last {
                    header.set(name, line.trim(), true);
                }
                continue;
            }
            let Some((name, value)) = line.split_once(':') else {
                return Err(self.damaged(&format!(
                    "malformed WARC header line {:?}",
                    truncate(&line, 80)
                )));
            };
            let name = name.trim().to_ascii_lowercase();
            header.set(&name, value.trim(), false);
            last = Some(name);
        }
    }
}

impl Header {
    fn set(&mut self, name: &str, value: &str, continued: bool) {
        let append = |slot: &mut String| {
            if continued {
                slot.push(' ');
                slot.push_str(value);
            } else {
                *slot = value.to_string();
            }
        };
        match name {
            "warc-type" => append(&mut self.warc_type),
            "content-type" => append(&mut self.content_type),
            "content-length" => self.content_length = value.parse().ok(),
            "warc-target-uri" => {
                // Some WARC 1.0 writers wrap the address in angle brackets.
                let v = value.trim_start_matches('<').trim_end_matches('>');
                self.target_uri = (!v.is_empty()).then(|| v.to_string());
            }
            "warc-date" => self.date = (!value.is_empty()).then(|| value.to_string()),
            _ => {}
        }
    }
}

type Block<'a> = Take<&'a mut Stream>;

/// Reads the HTTP response in a `response` record's block.
fn response(
    here: &str,
    header: &Header,
    block: &mut Block<'_>,
    limits: &Limits,
) -> io::Result<Outcome> {
    let error = |message: String| Ok(Outcome::Error(ReadError::new(here, message)));
    let head = match http_head(block)? {
        Ok(head) => head,
        Err(why) => return error(format!("{why}; skipped")),
    };
    if !(200..300).contains(&head.status) {
        return Ok(Outcome::Skip);
    }
    let declared_html = head.content_type.as_deref().map(is_html_type);
    if declared_html == Some(false) {
        return Ok(Outcome::Skip);
    }
    let size = block.limit();
    if size == 0 {
        return Ok(Outcome::Skip);
    }
    if size > limits.max_doc_bytes {
        return error(format!(
            "the HTTP payload is {size} bytes, over the max_doc_bytes limit of {} bytes; \
             skipped (raise the limit to read it)",
            limits.max_doc_bytes
        ));
    }
    // The declared size is only trusted up to a modest preallocation, so that a lying header
    // with a generous limit cannot make one huge allocation up front.
    let mut payload = Vec::with_capacity(size.min(1 << 20) as usize);
    block.read_to_end(&mut payload)?;
    if (payload.len() as u64) < size {
        return Err(io::Error::from(io::ErrorKind::UnexpectedEof));
    }
    let payload = match decode_payload(payload, &head, limits) {
        Ok(p) => p,
        Err(why) => return error(format!("{why}; skipped")),
    };
    if declared_html.is_none() && !looks_like_html(&payload) {
        return Ok(Outcome::Skip);
    }
    let payload = to_declared_charset(payload, head.content_type.as_deref());
    Ok(Outcome::Doc(RawDoc {
        origin: here.to_string(),
        url: header.target_uri.clone(),
        published: None,
        captured: header.date.clone(),
        title: None,
        body: Body::Html(payload),
    }))
}

/// Parses the status line and header fields of an HTTP response. The outer error is a stream
/// failure; the inner one says why the block is not a usable HTTP response.
fn http_head(block: &mut Block<'_>) -> io::Result<Result<HttpHead, String>> {
    let mut line = Vec::new();
    let mut head = HttpHead::default();
    let mut size = 0usize;
    let mut first = true;
    loop {
        match read_line(block, &mut line, MAX_LINE)? {
            Line::Eof => {
                return Ok(Err(if first {
                    "the response record is empty".to_string()
                } else {
                    "the HTTP header does not end before the record does".to_string()
                }))
            }
            Line::TooLong(_) => return Ok(Err("an HTTP header line is over 64 KiB".into())),
            Line::Complete => {}
        }
        size += line.len();
        if size > MAX_HEADER {
            return Ok(Err("the HTTP header is over 512 KiB".into()));
        }
        let text = String::from_utf8_lossy(chomp(&line)).into_owned();
        if first {
            first = false;
            let mut parts = text.split_ascii_whitespace();
            let version = parts.next().unwrap_or("");
            let status = parts.next().and_then(|s| s.parse::<u16>().ok());
            match status {
                Some(code) if version.starts_with("HTTP/") => head.status = code,
                _ => {
                    return Ok(Err(format!(
                        "the response record does not hold an HTTP response (it starts with {:?})",
                        truncate(&text, 80)
                    )))
                }
            }
            continue;
        }
        if text.is_empty() {
            return Ok(Ok(head));
        }
        let Some((name, value)) = text.split_once(':') else {
            // Servers send odd lines; one that is not a field is ignored like browsers do.
            continue;
        };
        let value = Some(value.trim().to_string());
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => head.content_type = value,
            "transfer-encoding" => head.transfer_encoding = value,
            "content-encoding" => head.content_encoding = value,
            _ => {}
        }
    }
}

/// Consumes what is left of a record's block.
fn skip_rest(block: &mut Block<'_>) -> io::Result<()> {
    let expected = block.limit();
    let skipped = io::copy(block, &mut io::sink())?;
    if skipped < expected {
        return Err(io::Error::from(io::ErrorKind::UnexpectedEof));
    }
    Ok(())
}

/// Whether a Content-Type value names an HTML page.
fn is_html_type(content_type: &str) -> bool {
    let media = content_type.split(';').next().unwrap_or("").trim();
    media.eq_ignore_ascii_case("text/html") || media.eq_ignore_ascii_case("application/xhtml+xml")
}

/// Whether an undeclared payload starts like an HTML page.
fn looks_like_html(payload: &[u8]) -> bool {
    let head = &payload[..payload.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|tag| memchr::memmem::find(&lower, tag.as_bytes()).is_some())
}

/// Undoes the transfer and content encodings that some WARC writers leave in place (Common Crawl
/// removes them and renames the headers, so its files never need this).
///
/// Other writers store the decoded payload but keep the original headers. So a payload that
/// cannot be decoded but already reads as an HTML page is taken as it is.
fn decode_payload(payload: Vec<u8>, head: &HttpHead, limits: &Limits) -> Result<Vec<u8>, String> {
    match undo_encodings(&payload, head, limits) {
        Ok(Some(decoded)) => Ok(decoded),
        Ok(None) => Ok(payload),
        Err(_) if looks_like_html(&payload) => Ok(payload),
        Err(why) => Err(why),
    }
}

/// The payload with its encodings undone, or `None` when it has none.
fn undo_encodings(
    payload: &[u8],
    head: &HttpHead,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, String> {
    let chunked = head
        .transfer_encoding
        .as_deref()
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    let codings: Vec<String> = head
        .content_encoding
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .collect();
    if !chunked && codings.is_empty() {
        return Ok(None);
    }
    let mut data = if chunked {
        dechunk(payload)?
    } else {
        payload.to_vec()
    };
    // Encodings are listed in the order they were applied, so they are undone from the last.
    for coding in codings.iter().rev() {
        data = match coding.as_str() {
            "gzip" | "x-gzip" => inflate(GzDecoder::new(&data[..]), limits)?,
            "deflate" => match inflate(ZlibDecoder::new(&data[..]), limits) {
                Ok(p) => p,
                // Some servers send raw deflate data under this name.
                Err(_) => inflate(DeflateDecoder::new(&data[..]), limits)?,
            },
            "zstd" => {
                let decoder = zstd::stream::read::Decoder::new(&data[..])
                    .map_err(|e| format!("cannot decompress the zstd payload ({e})"))?;
                inflate(decoder, limits)?
            }
            other => {
                return Err(format!(
                    "the HTTP payload uses Content-Encoding {other:?}, which is not supported"
                ))
            }
        };
    }
    Ok(Some(data))
}

/// Decompresses a payload, bounded by the smaller of the two limits since the result is one
/// document.
fn inflate<R: Read>(decoder: R, limits: &Limits) -> Result<Vec<u8>, String> {
    let limit = limits.max_doc_bytes.min(limits.max_decompressed_bytes);
    let mut guard = Guard::with_limit(decoder, Codec::Payload, limit);
    let mut out = Vec::new();
    match guard.read_to_end(&mut out) {
        Ok(_) => Ok(out),
        Err(e) => Err(match fault_of(&e) {
            Some(Fault::TooBig(..)) => format!(
                "the decompressed HTTP payload is over {limit} bytes (max_doc_bytes); \
                 raise the limit to read it"
            ),
            Some(fault) => fault.to_string(),
            None => format!("cannot decompress the HTTP payload ({e})"),
        }),
    }
}

/// Removes HTTP/1.1 chunked transfer encoding.
fn dechunk(data: &[u8]) -> Result<Vec<u8>, String> {
    let bad = || "the HTTP payload's chunked transfer encoding is malformed".to_string();
    let mut out = Vec::with_capacity(data.len());
    let mut rest = data;
    loop {
        let eol = memchr::memmem::find(rest, b"\n").ok_or_else(bad)?;
        let size_line = String::from_utf8_lossy(chomp(&rest[..=eol])).into_owned();
        let hex = size_line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(hex, 16).map_err(|_| bad())?;
        rest = &rest[eol + 1..];
        if size == 0 {
            // Trailer fields may follow; they carry nothing needed here.
            return Ok(out);
        }
        if size > rest.len() {
            return Err(bad());
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r").unwrap_or(rest);
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
    }
}

/// Applies the HTTP header's charset, which by the HTML standard outranks a `<meta>` in the page
/// but would otherwise be lost with the header. Only bytes that are not already UTF-8 and carry no
/// byte-order mark are converted, to UTF-8 with a byte-order mark, which the extractor honours
/// before anything else.
fn to_declared_charset(payload: Vec<u8>, content_type: Option<&str>) -> Vec<u8> {
    let Some(label) = content_type.and_then(charset_param) else {
        return payload;
    };
    let Some(encoding) = Encoding::for_label(label.as_bytes()) else {
        return payload;
    };
    // UTF-16 and the "replacement" encoding are never applied from a header to 8-bit content.
    if encoding == UTF_8 || encoding.output_encoding() != encoding {
        return payload;
    }
    if Encoding::for_bom(&payload).is_some() || std::str::from_utf8(&payload).is_ok() {
        return payload;
    }
    let (text, _) = encoding.decode_without_bom_handling(&payload);
    let mut out = Vec::with_capacity(text.len() + 3);
    out.extend_from_slice(b"\xef\xbb\xbf");
    out.extend_from_slice(text.as_bytes());
    out
}

/// The `charset` parameter of a Content-Type value.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| {
            value
                .trim()
                .trim_matches('"')
                .trim_matches('\'')
                .to_string()
        })
    })
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n\
             WARC-Target-URI: <https://example.org/{kind}>\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn read(bytes: Vec<u8>) -> Vec<Result<RawDoc, ReadError>> {
        let mut warc = Warc::new(
            "w".into(),
            Box::new(io::Cursor::new(bytes)),
            &Limits::default(),
        );
        std::iter::from_fn(|| warc.next()).collect()
    }

    const HTTP: &str = "application/http; msgtype=response";

    #[test]
    fn chunked_and_gzipped_payloads_are_decoded() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"<html><p>Hello</p></html>").unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = format!("{:x}\r\n", gz.len()).into_bytes();
        chunked.extend_from_slice(&gz);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\
            Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"
            .to_vec();
        block.extend_from_slice(&chunked);
        let docs = read(record("response", HTTP, &block));
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.body, Body::Html(b"<html><p>Hello</p></html>".to_vec()));
        assert_eq!(doc.url.as_deref(), Some("https://example.org/response"));
        assert_eq!(doc.captured.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(doc.origin, "w#record 1");
    }

    #[test]
    fn header_charset_is_applied_to_non_utf8_pages() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n\
            <p>caf\xe9</p>";
        let docs = read(record("response", HTTP, block));
        let body = docs[0].as_ref().unwrap().body.as_bytes().to_vec();
        assert_eq!(body, "\u{feff}<p>caf\u{e9}</p>".as_bytes());
    }

    #[test]
    fn redirects_and_undeclared_non_html_are_skipped() {
        let mut bytes = record(
            "response",
            HTTP,
            b"HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n<html>moved</html>",
        );
        bytes.extend(record(
            "response",
            HTTP,
            b"HTTP/1.1 200 OK\r\n\r\n{\"json\": true}",
        ));
        bytes.extend(record(
            "response",
            HTTP,
            b"HTTP/1.1 200 OK\r\n\r\n<!DOCTYPE html><html>ok</html>",
        ));
        let docs = read(bytes);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].as_ref().unwrap().origin, "w#record 3");
    }

    #[test]
    fn a_truncated_record_ends_the_file_with_an_error() {
        let mut bytes = record(
            "response",
            HTTP,
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>whole</html>",
        );
        let second = record(
            "response",
            HTTP,
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>cut here</html>",
        );
        bytes.extend_from_slice(&second[..second.len() - 15]);
        let docs = read(bytes);
        assert_eq!(docs.len(), 2);
        assert!(docs[0].is_ok());
        let e = docs[1].as_ref().unwrap_err();
        assert_eq!(e.origin, "w#record 2");
        assert!(e.message.contains("the file is truncated"), "{e}");
    }

    #[test]
    fn payloads_stored_decoded_under_encoding_headers_are_kept() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\
            Transfer-Encoding: chunked\r\n\r\n<html><p>already plain</p></html>";
        let docs = read(record("response", HTTP, block));
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(
            doc.body,
            Body::Html(b"<html><p>already plain</p></html>".to_vec())
        );

        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\
            \x0b\x05\x80binary";
        let docs = read(record("response", HTTP, block));
        let e = docs[0].as_ref().unwrap_err();
        assert!(e.message.contains("Content-Encoding \"br\""), "{e}");
    }

    #[test]
    fn dechunk_rejects_garbage() {
        assert_eq!(dechunk(b"3\r\nabc\r\n0\r\n\r\n").unwrap(), b"abc");
        assert!(dechunk(b"zz\r\nabc").is_err());
        assert!(dechunk(b"ffff\r\nabc").is_err());
    }

    #[test]
    fn charset_param_is_found() {
        assert_eq!(
            charset_param("text/html; Charset=\"Shift_JIS\"").as_deref(),
            Some("Shift_JIS")
        );
        assert_eq!(charset_param("text/html"), None);
    }
}
