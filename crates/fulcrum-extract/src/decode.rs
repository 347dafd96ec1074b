//! Byte-level sniffing: is the input empty, binary, HTML or plain text, and in which encoding.
//!
//! Decoding never fails: encoding_rs maps every byte sequence to text (malformed UTF-8 becomes
//! U+FFFD, and every byte has a windows-1252 meaning), so the only judgement made here is which
//! decoder is most likely right.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// What the bytes were judged to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Empty,
    Binary,
    Html,
    Text,
}

/// The decoded input.
pub(crate) struct Decoded {
    pub kind: Kind,
    pub text: String,
    pub encoding: String,
}

/// How many leading bytes are looked at for sniffing; enough for any `<meta charset>` that
/// browsers would honour (they look at 1024 bytes) with margin for long `<head>` prologues.
const SNIFF: usize = 8192;

pub(crate) fn decode(bytes: &[u8], path_hint: Option<&str>) -> Decoded {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Decoded {
            kind: Kind::Empty,
            text: String::new(),
            encoding: "utf-8".into(),
        };
    }
    // A byte-order mark is the strongest evidence there is, so it decides before anything else
    // (UTF-16 text is full of NUL bytes and would otherwise look binary).
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let text = text.into_owned();
        let kind = if looks_like_html(text.as_bytes(), path_hint) {
            Kind::Html
        } else {
            Kind::Text
        };
        return Decoded {
            kind,
            text,
            encoding: enc.name().to_ascii_lowercase(),
        };
    }
    if looks_binary(&bytes[..bytes.len().min(SNIFF)]) {
        return Decoded {
            kind: Kind::Binary,
            text: String::new(),
            encoding: "binary".into(),
        };
    }
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let is_html = looks_like_html(bytes, path_hint);
    let encoding: &'static Encoding = if is_html {
        match declared_charset(&bytes[..bytes.len().min(SNIFF)]) {
            // Pages are often mislabelled as latin-1 while being UTF-8; valid UTF-8 with
            // multi-byte sequences is almost never accidental, so it wins over the label.
            Some(_) if valid_utf8 => UTF_8,
            Some(enc) if enc == UTF_8 => WINDOWS_1252,
            Some(enc) => enc,
            None if valid_utf8 => UTF_8,
            None => WINDOWS_1252,
        }
    } else if valid_utf8 {
        UTF_8
    } else {
        WINDOWS_1252
    };
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let kind = if is_html { Kind::Html } else { Kind::Text };
    Decoded {
        kind,
        text: text.into_owned(),
        encoding: encoding.name().to_ascii_lowercase(),
    }
}

/// Judges a sample binary when it holds NUL bytes or many control characters: text files, in any
/// single-byte or UTF-8 encoding, have almost none.
fn looks_binary(sample: &[u8]) -> bool {
    if sample.is_empty() {
        return false;
    }
    let nul = sample.iter().filter(|&&b| b == 0).count();
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    nul * 100 > sample.len() || control * 10 > sample.len()
}

/// Tags whose presence near the start marks a document as HTML.
const HTML_TAGS: &[&str] = &[
    "!doctype", "?xml", "html", "head", "body", "meta", "title", "div", "p", "article", "section",
    "span", "h1", "h2", "table", "br", "a", "script", "style", "link", "main", "header", "figure",
    "ul", "!--",
];

/// Sniffs HTML: the first non-blank character opens a known tag, or (for a file named `.html`)
/// a known tag occurs near the start.
fn looks_like_html(bytes: &[u8], path_hint: Option<&str>) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF)];
    let start = sample
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(sample.len());
    if opens_known_tag(&sample[start..]) {
        return true;
    }
    let named_html = path_hint.is_some_and(|p| {
        let p = p.to_ascii_lowercase();
        let p = p.split(['?', '#']).next().unwrap_or("");
        p.ends_with(".html") || p.ends_with(".htm") || p.ends_with(".xhtml")
    });
    if named_html {
        return sample
            .iter()
            .enumerate()
            .any(|(i, &b)| b == b'<' && opens_known_tag(&sample[i..]));
    }
    false
}

fn opens_known_tag(s: &[u8]) -> bool {
    if s.first() != Some(&b'<') {
        return false;
    }
    let rest = &s[1..];
    let rest = rest.strip_prefix(b"/").unwrap_or(rest);
    HTML_TAGS.iter().any(|t| {
        let t = t.as_bytes();
        rest.len() >= t.len()
            && rest[..t.len()].eq_ignore_ascii_case(t)
            && (t.starts_with(b"!")
                || t.starts_with(b"?")
                || rest
                    .get(t.len())
                    .map_or(true, |c| !c.is_ascii_alphanumeric()))
    })
}

/// Finds the charset an HTML page declares (`<meta charset=...>`, `<meta http-equiv ...
/// content="...; charset=...">`, or an XML declaration's `encoding=`).
fn declared_charset(sample: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = sample.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset"[..], &b"encoding"[..]] {
        let mut from = 0;
        while let Some(pos) = find(&lower[from..], key) {
            let mut i = from + pos + key.len();
            from = i;
            while i < lower.len() && lower[i].is_ascii_whitespace() {
                i += 1;
            }
            if lower.get(i) != Some(&b'=') {
                continue;
            }
            i += 1;
            while i < lower.len()
                && (lower[i].is_ascii_whitespace() || lower[i] == b'"' || lower[i] == b'\'')
            {
                i += 1;
            }
            let end = lower[i..]
                .iter()
                .position(|b| {
                    !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
                })
                .map_or(lower.len(), |p| i + p);
            if let Some(enc) = Encoding::for_label(&lower[i..end]) {
                // A UTF-16 label on bytes without a BOM is always a mistake (the page was
                // served as UTF-8 or the label is stale); browsers treat it as UTF-8 too.
                if enc.name().starts_with("UTF-16") {
                    return Some(UTF_8);
                }
                return Some(enc);
            }
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_kinds_and_encodings() {
        assert_eq!(decode(b"", None).kind, Kind::Empty);
        assert_eq!(decode(b"  \n ", None).kind, Kind::Empty);
        assert_eq!(decode(&[0u8, 1, 2, 3, 0, 0, 7, 8], None).kind, Kind::Binary);
        let d = decode(b"Plain words here.", None);
        assert_eq!((d.kind, d.encoding.as_str()), (Kind::Text, "utf-8"));
        let d = decode(b"Caf\xe9 au lait \x92s", None);
        assert_eq!((d.kind, d.encoding.as_str()), (Kind::Text, "windows-1252"));
        assert_eq!(d.text, "Café au lait ’s");
        let d = decode(
            b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9</p></body></html>",
            None,
        );
        assert_eq!((d.kind, d.encoding.as_str()), (Kind::Html, "windows-1252"));
        assert!(d.text.contains("Café"));
        let d = decode("\u{feff}<p>Café</p>".as_bytes(), None);
        assert_eq!((d.kind, d.encoding.as_str()), (Kind::Html, "utf-8"));
        assert_eq!(d.text, "<p>Café</p>");
    }

    #[test]
    fn mislabelled_utf8_stays_utf8() {
        let d = decode(
            "<meta charset=\"windows-1252\"><p>Café ’</p>".as_bytes(),
            None,
        );
        assert_eq!(d.encoding, "utf-8");
        assert!(d.text.contains("Café ’"));
    }

    #[test]
    fn html_file_name_is_a_weak_cue() {
        let bytes = b"Some preamble\n<p>Body</p>";
        assert_eq!(decode(bytes, None).kind, Kind::Text);
        assert_eq!(decode(bytes, Some("x/page.html")).kind, Kind::Html);
    }
}
