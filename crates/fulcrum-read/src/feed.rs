//! RSS 2.0, RSS 1.0 and Atom feeds: one document per `<item>` or `<entry>`.
//!
//! Reading happens in two steps. A small scanner walks the XML stream and cuts out each item's
//! markup (minding comments, CDATA sections and quoted attribute values), holding at most
//! [`Limits::max_doc_bytes`] of it. Each cut-out item is then parsed on its own with quick-xml.
//! This keeps memory bounded on huge feeds, and confines malformed markup to the item it is in:
//! a broken item is reported and the next one is read normally.
//!
//! Dates are kept as the feed writes them, which is why no feed library that normalises them is
//! used.

use std::io::{self, BufRead};

use encoding_rs::{Encoding, UTF_8};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::single::too_big;
use crate::sniff::is_feed_root;
use crate::stream::{stream_error, Stream};
use crate::{Body, Limits, RawDoc, ReadError};

/// Reads a feed stream item by item.
pub(crate) struct Feed {
    origin: String,
    scanner: Scanner,
    limits: Limits,
    item_no: u64,
    started: bool,
    done: bool,
}

impl Feed {
    pub(crate) fn new(origin: String, stream: Stream, limits: &Limits) -> Self {
        Feed {
            origin,
            scanner: Scanner::new(stream, limits.max_doc_bytes),
            limits: *limits,
            item_no: 0,
            started: false,
            done: false,
        }
    }

    pub(crate) fn next(&mut self) -> Option<Result<RawDoc, ReadError>> {
        if self.done {
            return None;
        }
        if !self.started {
            self.started = true;
            if let Err(e) = self.check_utf16() {
                self.done = true;
                return Some(Err(e));
            }
        }
        let chunk = self.scanner.next_item();
        let here = format!("{}#item {}", self.origin, self.item_no + 1);
        let result = match chunk {
            Err(e) => {
                self.done = true;
                return Some(Err(stream_error(&self.origin, &e)));
            }
            Ok(Chunk::End) => {
                self.done = true;
                return self.not_a_feed().map(Err);
            }
            Ok(Chunk::Item(bytes)) => parse_item(here, &bytes, self.scanner.encoding),
            Ok(Chunk::TooBig(size)) => Err(too_big(&here, Some(size), &self.limits)),
            Ok(Chunk::Truncated) => {
                self.done = true;
                Err(ReadError::new(
                    here,
                    "the feed ends inside this item; the file is truncated, so this item is \
                     skipped",
                ))
            }
        };
        self.item_no += 1;
        Some(result)
    }

    /// The scanner reads bytes as ASCII-compatible text, so a UTF-16 feed is refused up front
    /// with advice instead of yielding nonsense.
    fn check_utf16(&mut self) -> Result<(), ReadError> {
        let start = loop {
            match self.scanner.stream.fill_buf() {
                Ok(b) => break b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(stream_error(&self.origin, &e)),
            }
        };
        if start.starts_with(b"\xff\xfe") || start.starts_with(b"\xfe\xff") {
            return Err(ReadError::new(
                &self.origin,
                "is a UTF-16 feed, which is not supported; convert it to UTF-8 (for example \
                 with iconv)",
            ));
        }
        Ok(())
    }

    /// At the end of a stream without items, says why when the stream was not a feed at all.
    fn not_a_feed(&self) -> Option<ReadError> {
        if self.item_no > 0 {
            return None;
        }
        let message = match self.scanner.root.as_deref() {
            Some(root) if is_feed_root(root) => return None,
            None => "has no XML elements, so it is not an RSS or Atom feed".to_string(),
            Some(root) if root.eq_ignore_ascii_case("html") => {
                "is an HTML page, not an RSS or Atom feed (its root element is <html>); give it \
                 an .html name to read it as one document"
                    .to_string()
            }
            Some(root) => format!(
                "is not an RSS or Atom feed (its root element is <{root}>, not <rss>, <feed> or \
                 <rdf:RDF>)"
            ),
        };
        Some(ReadError::new(&self.origin, message))
    }
}

/// What the scanner found next.
enum Chunk {
    /// One item's markup, from its start tag to its end tag.
    Item(Vec<u8>),
    /// An item over the size limit, consumed but not kept; holds its size.
    TooBig(u64),
    /// The stream ended inside an item.
    Truncated,
    /// The stream ended.
    End,
}

/// Cuts items out of an XML stream.
struct Scanner {
    stream: Stream,
    max: u64,
    /// The name of the first element, which tells a feed from other XML.
    root: Option<String>,
    /// The encoding named in the XML declaration (UTF-8 when there is none).
    encoding: &'static Encoding,
    /// The markup of the item being cut out, while inside one.
    capture: Option<Vec<u8>>,
    /// The full size of the current item, kept or not.
    captured: u64,
    /// Whether the current item passed the size limit (its bytes are then dropped).
    overflow: bool,
}

/// The XML declaration and other processing instructions are only inspected up to this size.
const MAX_PI: usize = 1024;

impl Scanner {
    fn new(stream: Stream, max: u64) -> Self {
        Scanner {
            stream,
            max,
            root: None,
            encoding: UTF_8,
            capture: None,
            captured: 0,
            overflow: false,
        }
    }

    /// Adds bytes to the current item, if inside one and within the limit.
    fn keep(&mut self, bytes: &[u8]) {
        let Some(capture) = &mut self.capture else {
            return;
        };
        self.captured += bytes.len() as u64;
        if self.overflow {
            return;
        }
        if self.captured > self.max {
            self.overflow = true;
            *capture = Vec::new();
        } else {
            capture.extend_from_slice(bytes);
        }
    }

    /// Reads one byte without keeping it.
    fn byte(&mut self) -> io::Result<Option<u8>> {
        loop {
            let b = match self.stream.fill_buf() {
                Ok(b) => b.first().copied(),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if b.is_some() {
                self.stream.consume(1);
            }
            return Ok(b);
        }
    }

    /// Consumes (and keeps) character data up to the next `<`, which is consumed but not kept.
    /// Returns false at the end of the stream.
    fn text(&mut self) -> io::Result<bool> {
        loop {
            let available = match self.stream.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(false);
            }
            let (take, found) = match memchr::memchr(b'<', available) {
                Some(i) => (i, true),
                None => (available.len(), false),
            };
            // Copying out keeps the borrow of the stream's buffer short; only item bytes are
            // copied, and text outside items is dropped without copying.
            if self.capture.is_some() {
                let piece = available[..take].to_vec();
                self.keep(&piece);
            }
            self.stream.consume(take + usize::from(found));
            if found {
                return Ok(true);
            }
        }
    }

    /// Consumes (and keeps) bytes up to and including `end`. Returns false at the end of the
    /// stream.
    fn until(&mut self, end: &[u8]) -> io::Result<bool> {
        let mut tail: Vec<u8> = Vec::with_capacity(end.len());
        while let Some(b) = self.byte()? {
            self.keep(&[b]);
            if tail.len() == end.len() {
                tail.remove(0);
            }
            tail.push(b);
            if tail == end {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Reads the rest of a tag after `<` up to its `>`, minding quoted attribute values. The
    /// bytes are returned, not kept. `None` at the end of the stream.
    fn tag(&mut self, first: u8) -> io::Result<Option<Vec<u8>>> {
        let mut tag = vec![b'<', first];
        let mut quote: Option<u8> = None;
        let mut stored = true;
        loop {
            let Some(b) = self.byte()? else {
                return Ok(None);
            };
            if stored {
                tag.push(b);
                // A tag bigger than any allowed item is not kept whole; its name is already
                // known, and an item holding it will be over the limit anyway.
                if tag.len() as u64 > self.max.saturating_add(2) {
                    stored = false;
                }
            } else {
                self.captured_extra(1);
            }
            match (quote, b) {
                (Some(q), _) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'>') => return Ok(Some(tag)),
                (None, _) => {}
            }
        }
    }

    /// Counts bytes of an over-long tag against the current item without keeping them.
    fn captured_extra(&mut self, n: u64) {
        if self.capture.is_some() {
            self.captured += n;
            self.overflow = true;
        }
    }

    /// Finds the next item.
    fn next_item(&mut self) -> io::Result<Chunk> {
        // The item element's name, and how deeply items of that name are nested inside it.
        let mut item_name: Option<Vec<u8>> = None;
        let mut depth = 0usize;
        loop {
            if !self.text()? {
                return Ok(self.end_of_stream());
            }
            let Some(first) = self.byte()? else {
                return Ok(self.end_of_stream());
            };
            match first {
                b'!' => {
                    let Some(second) = self.byte()? else {
                        return Ok(self.end_of_stream());
                    };
                    self.keep(&[b'<', b'!', second]);
                    let closed = match second {
                        b'-' => self.until(b"-->")?,
                        b'[' => self.until(b"]]>")?,
                        _ => self.until(b">")?,
                    };
                    if !closed {
                        return Ok(self.end_of_stream());
                    }
                }
                b'?' => {
                    self.keep(b"<?");
                    if self.capture.is_none() && self.root.is_none() {
                        if !self.declaration()? {
                            return Ok(self.end_of_stream());
                        }
                    } else if !self.until(b"?>")? {
                        return Ok(self.end_of_stream());
                    }
                }
                _ => {
                    let Some(tag) = self.tag(first)? else {
                        return Ok(self.end_of_stream());
                    };
                    let closing = first == b'/';
                    let self_closing = tag.ends_with(b"/>");
                    let name = tag_name(&tag);
                    if !closing && self.root.is_none() {
                        self.root = Some(String::from_utf8_lossy(name).into_owned());
                    }
                    if self.capture.is_some() {
                        self.keep(&tag);
                        if item_name.as_deref() == Some(name) && !self_closing {
                            if closing {
                                depth -= 1;
                                if depth == 0 {
                                    return Ok(self.finish_item());
                                }
                            } else {
                                depth += 1;
                            }
                        }
                    } else if !closing && is_item(name) {
                        self.capture = Some(Vec::new());
                        self.captured = 0;
                        self.overflow = false;
                        self.keep(&tag);
                        if self_closing {
                            return Ok(self.finish_item());
                        }
                        item_name = Some(name.to_vec());
                        depth = 1;
                    }
                }
            }
        }
    }

    /// Reads a processing instruction before the root element, noting the encoding that an XML
    /// declaration names.
    fn declaration(&mut self) -> io::Result<bool> {
        let mut pi = Vec::new();
        let mut tail = [0u8; 2];
        while let Some(b) = self.byte()? {
            if pi.len() < MAX_PI {
                pi.push(b);
            }
            tail = [tail[1], b];
            if &tail == b"?>" {
                if let Some(label) = attribute(&pi, b"encoding") {
                    if let Some(enc) = Encoding::for_label(&label) {
                        // Only ASCII-compatible encodings can be scanned byte by byte.
                        if enc.is_ascii_compatible() {
                            self.encoding = enc;
                        }
                    }
                }
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn finish_item(&mut self) -> Chunk {
        let capture = self.capture.take().unwrap_or_default();
        if self.overflow {
            Chunk::TooBig(self.captured)
        } else {
            Chunk::Item(capture)
        }
    }

    fn end_of_stream(&mut self) -> Chunk {
        if self.capture.take().is_some() {
            Chunk::Truncated
        } else {
            Chunk::End
        }
    }
}

/// Whether an element name is a feed item: `item` (RSS) or `entry` (Atom), with any prefix.
fn is_item(name: &[u8]) -> bool {
    matches!(local(name), b"item" | b"entry")
}

fn local(name: &[u8]) -> &[u8] {
    match memchr::memrchr(b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The element name in a tag's bytes (`<name ...>` or `</name>`).
fn tag_name(tag: &[u8]) -> &[u8] {
    let start = if tag.starts_with(b"</") { 2 } else { 1 };
    let rest = &tag[start.min(tag.len())..];
    let end = rest
        .iter()
        .position(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The value of `name="value"` in a processing instruction's bytes.
fn attribute(pi: &[u8], name: &[u8]) -> Option<Vec<u8>> {
    let at = memchr::memmem::find(pi, name)?;
    let rest = &pi[at + name.len()..];
    let rest = &rest[rest.iter().position(|c| *c == b'=')? + 1..];
    let rest = &rest[rest.iter().position(|c| !c.is_ascii_whitespace())?..];
    let quote = *rest.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let len = rest[1..].iter().position(|c| *c == quote)?;
    Some(rest[1..1 + len].to_vec())
}

/// One child element of an item.
#[derive(Debug, Default)]
struct Field {
    /// The qualified name as written (`title`, `content:encoded`, `atom:link`).
    name: String,
    attrs: Vec<(String, String)>,
    /// The character data inside, entities decoded, CDATA included, markup left out.
    text: String,
    /// The markup inside, exactly as written.
    raw: String,
    /// Whether it contains child elements (XHTML content, or unescaped HTML).
    has_children: bool,
}

impl Field {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The content as HTML source: the inner markup when there is some, else the decoded
    /// character data (which is how feeds carry escaped HTML).
    fn html(&self) -> String {
        if self.has_children {
            self.raw.clone()
        } else {
            self.text.clone()
        }
    }
}

/// Parses one item's markup into a document.
fn parse_item(
    origin: String,
    bytes: &[u8],
    encoding: &'static Encoding,
) -> Result<RawDoc, ReadError> {
    let (xml, _) = encoding.decode_without_bom_handling(bytes);
    let (item, fields) = match fields(&xml) {
        Ok(x) => x,
        Err(why) => {
            return Err(ReadError::new(
                origin,
                format!("malformed XML in this item ({why}); skipped"),
            ))
        }
    };
    let (prefix, local_name) = split_name(&item);
    let core = |f: &&Field| split_name(&f.name).0 == prefix;
    let named = |name: &'static str| {
        move |f: &&Field| {
            let (p, l) = split_name(&f.name);
            l == name && p == prefix
        }
    };
    let qualified = |name: &'static str| move |f: &&Field| f.name == name;
    let first_text = |found: Option<&Field>| {
        found
            .map(|f| f.text.trim().to_string())
            .filter(|s| !s.is_empty())
    };

    let doc = if local_name == "entry" {
        let url = fields
            .iter()
            .filter(core)
            .filter(|f| split_name(&f.name).1 == "link")
            .find(|f| matches!(f.attr("rel"), None | Some("alternate")))
            .and_then(|f| f.attr("href"))
            .map(|s| s.trim().to_string())
            .or_else(|| first_text(fields.iter().find(named("id"))).filter(|s| is_web(s)));
        let published = first_text(fields.iter().find(named("published")))
            .or_else(|| first_text(fields.iter().find(named("updated"))));
        let title = fields.iter().find(named("title")).and_then(typed_title);
        let body = fields
            .iter()
            .find(named("content"))
            .and_then(typed_body)
            .or_else(|| fields.iter().find(named("summary")).and_then(typed_body));
        let Some(body) = body else {
            return Err(ReadError::new(
                origin,
                "this entry has no readable <content> or <summary>; skipped (fetch the linked \
                 page to read it)",
            ));
        };
        (url, published, title, body)
    } else {
        let url = first_text(fields.iter().find(named("link")))
            .or_else(|| {
                fields
                    .iter()
                    .filter(|f| split_name(&f.name).1 == "link")
                    .find(|f| matches!(f.attr("rel"), None | Some("alternate")))
                    .and_then(|f| f.attr("href"))
                    .map(|s| s.trim().to_string())
            })
            .or_else(|| {
                fields
                    .iter()
                    .find(named("guid"))
                    .filter(|f| f.attr("isPermaLink") != Some("false"))
                    .map(|f| f.text.trim().to_string())
                    .filter(|s| is_web(s))
            });
        let published = first_text(fields.iter().find(named("pubDate")))
            .or_else(|| first_text(fields.iter().find(qualified("dc:date"))))
            .or_else(|| {
                fields
                    .iter()
                    .filter(|f| matches!(split_name(&f.name).1, "published" | "updated"))
                    .find_map(|f| first_text(Some(f)))
            });
        let title = first_text(fields.iter().find(named("title")))
            .or_else(|| first_text(fields.iter().find(qualified("dc:title"))))
            .map(|t| collapse(&t));
        let encoded = fields
            .iter()
            .find(qualified("content:encoded"))
            .map(|f| f.html())
            .filter(|s| !s.trim().is_empty())
            .map(|s| Body::Html(s.into_bytes()));
        let body = encoded.or_else(|| {
            fields
                .iter()
                .filter(core)
                .find(|f| split_name(&f.name).1 == "description")
                .map(|f| f.html())
                .filter(|s| !s.trim().is_empty())
                .map(text_or_html)
        });
        let Some(body) = body else {
            return Err(ReadError::new(
                origin,
                "this item has no <content:encoded> or <description>; skipped (fetch the \
                 linked page to read it)",
            ));
        };
        (url, published, title, body)
    };
    let (url, published, title, body) = doc;
    Ok(RawDoc {
        origin,
        url: url.filter(|u| !u.is_empty()),
        published,
        captured: None,
        title,
        body,
    })
}

/// The item element's qualified name and its child elements.
fn fields(xml: &str) -> Result<(String, Vec<Field>), String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut item = String::new();
    let mut fields = Vec::new();
    let mut current: Option<(Field, usize)> = None;
    let mut depth = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match event {
            Event::Start(e) => {
                depth += 1;
                match depth {
                    1 => item = name_of(&e),
                    2 => {
                        let start = reader.buffer_position() as usize;
                        current = Some((field_of(&e), start));
                    }
                    _ => mark_children(&mut current),
                }
            }
            Event::Empty(e) => match depth {
                0 => item = name_of(&e),
                1 => fields.push(field_of(&e)),
                _ => mark_children(&mut current),
            },
            Event::End(_) => {
                if depth == 2 {
                    if let Some((mut field, start)) = current.take() {
                        field.raw = xml.get(start..before).unwrap_or_default().to_string();
                        fields.push(field);
                    }
                }
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            Event::Text(t) => {
                if let Some((field, _)) = &mut current {
                    field.text.push_str(&unescape(&String::from_utf8_lossy(&t)));
                }
            }
            Event::CData(c) => {
                if let Some((field, _)) = &mut current {
                    field.text.push_str(&String::from_utf8_lossy(&c));
                }
            }
            Event::Eof => {
                if depth > 0 {
                    return Err("the item is not closed".into());
                }
                break;
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    Ok((item, fields))
}

fn mark_children(current: &mut Option<(Field, usize)>) {
    if let Some((field, _)) = current {
        field.has_children = true;
    }
}

fn name_of(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.name().as_ref()).into_owned()
}

fn field_of(e: &BytesStart<'_>) -> Field {
    let attrs = e
        .attributes()
        .flatten()
        .map(|a| {
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let value = unescape(&String::from_utf8_lossy(&a.value));
            (key, value)
        })
        .collect();
    Field {
        name: name_of(e),
        attrs,
        ..Field::default()
    }
}

/// Splits `prefix:local`; the prefix is empty when there is none.
fn split_name(name: &str) -> (&str, &str) {
    name.rsplit_once(':').unwrap_or(("", name))
}

/// Atom text constructs say their type: `text` (the default), `html`, `xhtml`, or a MIME type.
/// Content given by reference (`src`) or in a non-text MIME type cannot be read here.
fn typed_body(field: &Field) -> Option<Body> {
    if field.attr("src").is_some() {
        return None;
    }
    let kind = field
        .attr("type")
        .unwrap_or("text")
        .trim()
        .to_ascii_lowercase();
    let body = match kind.as_str() {
        "html" | "xhtml" | "text/html" | "application/xhtml+xml" => {
            Body::Html(field.html().into_bytes())
        }
        "text" => text_or_html(field.text.clone()),
        k if k.starts_with("text/") => Body::Text(field.text.clone()),
        _ => return None,
    };
    (!body.as_bytes().iter().all(u8::is_ascii_whitespace)).then_some(body)
}

fn typed_title(field: &Field) -> Option<String> {
    let kind = field.attr("type").unwrap_or("text");
    let text = if kind.eq_ignore_ascii_case("html") {
        // The decoded text is itself HTML, so its tags are dropped and its entities decoded.
        unescape(&strip_tags(&field.text))
    } else {
        field.text.clone()
    };
    let title = collapse(&text);
    (!title.is_empty()).then_some(title)
}

/// Feeds often put HTML in fields that are nominally text, and plain text in fields that may hold
/// HTML; the content decides. Text without markup stays text, so its line breaks keep meaning
/// paragraphs.
fn text_or_html(s: String) -> Body {
    if looks_like_markup(&s) {
        Body::Html(s.into_bytes())
    } else {
        Body::Text(s)
    }
}

fn looks_like_markup(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

fn is_web(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Joins whitespace runs into single spaces and trims the ends, for one-line values like titles.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Decodes character references: the five XML entities, numeric references, and the HTML
/// entities that feeds commonly (and wrongly) use. Anything else is left as written, so that a
/// value which is HTML source stays valid for an HTML parser. Never fails.
pub(crate) fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest[1..]
            .find(';')
            .filter(|&end| end <= 32)
            .and_then(|end| entity(&rest[1..1 + end]).map(|c| (c, end + 2)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "hellip" => '\u{2026}',
        "laquo" => '\u{ab}',
        "raquo" => '\u{bb}',
        "copy" => '\u{a9}',
        "reg" => '\u{ae}',
        "trade" => '\u{2122}',
        "euro" => '\u{20ac}',
        "pound" => '\u{a3}',
        "eacute" => '\u{e9}',
        "egrave" => '\u{e8}',
        "aacute" => '\u{e1}',
        "agrave" => '\u{e0}',
        "oacute" => '\u{f3}',
        "uacute" => '\u{fa}',
        "iacute" => '\u{ed}',
        "ntilde" => '\u{f1}',
        "ccedil" => '\u{e7}',
        "uuml" => '\u{fc}',
        "ouml" => '\u{f6}',
        "auml" => '\u{e4}',
        "szlig" => '\u{df}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> Vec<Result<RawDoc, ReadError>> {
        let stream: Stream = Box::new(io::Cursor::new(xml.as_bytes().to_vec()));
        let mut feed = Feed::new("f".into(), stream, &Limits::default());
        std::iter::from_fn(|| feed.next()).collect()
    }

    #[test]
    fn unescape_keeps_what_it_does_not_know() {
        assert_eq!(unescape("a &amp; b &lt;p&gt;"), "a & b <p>");
        assert_eq!(unescape("&#233;&#x41;&nbsp;"), "\u{e9}A\u{a0}");
        assert_eq!(unescape("&bogus; & &#0; &"), "&bogus; & &#0; &");
    }

    #[test]
    fn scanner_skips_markup_that_only_looks_like_items() {
        let docs = read(
            "<?xml version=\"1.0\"?><rss><channel><!-- <item> --><title a=\"<item>\">C</title>\
             <item><title>One</title><description><![CDATA[<p>x</item>y</p>]]></description></item>\
             </channel></rss>",
        );
        assert_eq!(docs.len(), 1);
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.title.as_deref(), Some("One"));
        assert_eq!(doc.body, Body::Html(b"<p>x</item>y</p>".to_vec()));
    }

    #[test]
    fn declared_encoding_is_used() {
        let mut bytes = b"<?xml version='1.0' encoding='ISO-8859-1'?><rss><channel><item>\
            <title>Caf\xe9</title><description>Ol\xe9</description></item></channel></rss>"
            .to_vec();
        bytes.push(b'\n');
        let stream: Stream = Box::new(io::Cursor::new(bytes));
        let mut feed = Feed::new("f".into(), stream, &Limits::default());
        let doc = feed.next().unwrap().unwrap();
        assert_eq!(doc.title.as_deref(), Some("Caf\u{e9}"));
        assert_eq!(doc.body, Body::Text("Ol\u{e9}".into()));
        assert!(feed.next().is_none());
    }

    #[test]
    fn non_feeds_are_reported() {
        let docs = read("<html><body>hi</body></html>");
        assert!(docs[0].as_ref().unwrap_err().message.contains("HTML page"));
        let docs = read("<urlset><url/></urlset>");
        assert!(docs[0].as_ref().unwrap_err().message.contains("<urlset>"));
        assert!(read("<rss><channel></channel></rss>").is_empty());
        assert!(read("").len() == 1);
    }

    #[test]
    fn xhtml_content_and_atom_links() {
        let docs = read(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>\
             <link rel=\"self\" href=\"https://e.org/self\"/>\
             <link href=\"https://e.org/a\"/>\
             <title type=\"html\">A &amp;amp; B &lt;b&gt;now&lt;/b&gt;</title>\
             <updated>2024-01-02T03:04:05Z</updated>\
             <content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hi &amp; bye</p></div></content>\
             </entry></feed>",
        );
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.url.as_deref(), Some("https://e.org/a"));
        assert_eq!(doc.title.as_deref(), Some("A & B now"));
        assert_eq!(doc.published.as_deref(), Some("2024-01-02T03:04:05Z"));
        assert_eq!(
            doc.body,
            Body::Html(
                b"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hi &amp; bye</p></div>".to_vec()
            )
        );
    }

    #[test]
    fn truncated_feed_reports_the_open_item() {
        let docs = read(
            "<rss><channel><item><title>A</title><description>x</description></item><item><title>B",
        );
        assert_eq!(docs.len(), 2);
        assert!(docs[0].is_ok());
        let e = docs[1].as_ref().unwrap_err();
        assert_eq!(e.origin, "f#item 2");
        assert!(e.message.contains("truncated"));
    }
}
