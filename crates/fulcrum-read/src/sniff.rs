//! Deciding what an undeclared (already decompressed) stream holds from its first bytes.

/// What the first bytes of a stream look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    Warc,
    Jsonl,
    Feed,
    /// Anything else: one document for the extractor to judge.
    Document,
}

/// Judges a stream by its first bytes. Only unmistakable signatures count; everything else is
/// one document, because misreading a page as a container would lose it entirely.
pub(crate) fn sniff(prefix: &[u8]) -> Sniffed {
    let start = prefix.strip_prefix(b"\xef\xbb\xbf").unwrap_or(prefix);
    let start = trim_start(start);
    if start.starts_with(b"WARC/") {
        return Sniffed::Warc;
    }
    if start.starts_with(b"{") {
        return Sniffed::Jsonl;
    }
    match root_element(start) {
        Some(name) if is_feed_root(&name) => Sniffed::Feed,
        _ => Sniffed::Document,
    }
}

/// Whether an XML root element name belongs to a feed: RSS 2.0 (`rss`), Atom (`feed`) or RSS 1.0
/// (`rdf:RDF`), with any namespace prefix.
pub(crate) fn is_feed_root(name: &str) -> bool {
    let local = name.rsplit(':').next().unwrap_or(name);
    matches!(local, "rss" | "feed" | "RDF")
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// The name of the first element in `b`, skipping the XML declaration, processing instructions,
/// comments and a doctype. `None` when `b` does not start like markup or the name is not within
/// the prefix.
fn root_element(mut b: &[u8]) -> Option<String> {
    loop {
        b = trim_start(b);
        if !b.starts_with(b"<") {
            return None;
        }
        if b.starts_with(b"<?") {
            b = after(b, b"?>")?;
        } else if b.starts_with(b"<!--") {
            b = after(&b[4..], b"-->")?;
        } else if b.starts_with(b"<!") {
            b = after(b, b">")?;
        } else {
            let name: Vec<u8> = b[1..]
                .iter()
                .take_while(|c| !c.is_ascii_whitespace() && **c != b'>' && **c != b'/')
                .copied()
                .collect();
            if name.is_empty() {
                return None;
            }
            return Some(String::from_utf8_lossy(&name).into_owned());
        }
    }
}

/// The bytes after the first occurrence of `pat`.
fn after<'a>(b: &'a [u8], pat: &[u8]) -> Option<&'a [u8]> {
    memchr::memmem::find(b, pat).map(|i| &b[i + pat.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures() {
        assert_eq!(sniff(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n"), Sniffed::Warc);
        assert_eq!(sniff(b"\xef\xbb\xbf  {\"text\": \"x\"}\n"), Sniffed::Jsonl);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<!-- a feed -->\n<rss version=\"2.0\">"),
            Sniffed::Feed
        );
        assert_eq!(
            sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Sniffed::Feed
        );
        assert_eq!(sniff(b"<rdf:RDF xmlns:rdf=\"x\">"), Sniffed::Feed);
        assert_eq!(
            sniff(b"<!DOCTYPE html><html><body>rss</body></html>"),
            Sniffed::Document
        );
        assert_eq!(sniff(b"Plain words about <rss"), Sniffed::Document);
        assert_eq!(sniff(b""), Sniffed::Document);
        assert_eq!(sniff(b"<?xml unterminated"), Sniffed::Document);
    }
}
