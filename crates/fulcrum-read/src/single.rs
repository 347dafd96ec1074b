//! Sources that hold exactly one document: an HTML or text file, or an undeclared stream.

use std::io::Read;

use crate::stream::{stream_error, Stream};
use crate::{Body, Limits, RawDoc, ReadError};

/// What the source's name says the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Declared {
    Html,
    Text,
    Unknown,
}

/// Reads the whole (bounded) stream as one document.
pub(crate) fn read(
    origin: String,
    declared: Declared,
    stream: Stream,
    limits: &Limits,
) -> Result<RawDoc, ReadError> {
    let mut bytes = Vec::new();
    // One byte past the limit is enough to know the document is too big, without reading the
    // rest of a possibly huge file.
    let mut bounded = stream.take(limits.max_doc_bytes.saturating_add(1));
    if let Err(e) = bounded.read_to_end(&mut bytes) {
        return Err(stream_error(&origin, &e));
    }
    if bytes.len() as u64 > limits.max_doc_bytes {
        return Err(too_big(&origin, None, limits));
    }
    let body = match declared {
        Declared::Html => Body::Html(bytes),
        Declared::Text => text_body(bytes),
        Declared::Unknown => Body::Unknown(bytes),
    };
    Ok(RawDoc {
        origin,
        url: None,
        published: None,
        captured: None,
        title: None,
        body,
    })
}

/// A text file becomes [`Body::Text`] when it is UTF-8. Otherwise its encoding has to be guessed,
/// which is the extractor's job, so the bytes are passed on as [`Body::Unknown`].
fn text_body(bytes: Vec<u8>) -> Body {
    let without_bom = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    match std::str::from_utf8(without_bom) {
        Ok(s) => Body::Text(s.to_string()),
        Err(_) => Body::Unknown(bytes),
    }
}

/// The error for a document over [`Limits::max_doc_bytes`].
pub(crate) fn too_big(origin: &str, size: Option<u64>, limits: &Limits) -> ReadError {
    let size = match size {
        Some(n) => format!("is {n} bytes, "),
        None => "is ".to_string(),
    };
    ReadError::new(
        origin,
        format!(
            "{size}over the max_doc_bytes limit of {} bytes; skipped (raise the limit to read it)",
            limits.max_doc_bytes
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(b: &'static [u8]) -> Stream {
        Box::new(b)
    }

    #[test]
    fn text_is_decoded_only_when_utf8() {
        let limits = Limits::default();
        let doc = read(
            "a.txt".into(),
            Declared::Text,
            stream(b"\xef\xbb\xbfHi"),
            &limits,
        )
        .unwrap();
        assert_eq!(doc.body, Body::Text("Hi".into()));
        let doc = read("b.txt".into(), Declared::Text, stream(b"caf\xe9"), &limits).unwrap();
        assert_eq!(doc.body, Body::Unknown(b"caf\xe9".to_vec()));
    }

    #[test]
    fn oversized_documents_are_refused() {
        let limits = Limits {
            max_doc_bytes: 3,
            ..Limits::default()
        };
        let ok = read("a".into(), Declared::Html, stream(b"abc"), &limits).unwrap();
        assert_eq!(ok.body, Body::Html(b"abc".to_vec()));
        let err = read("b".into(), Declared::Html, stream(b"abcd"), &limits).unwrap_err();
        assert_eq!(err.origin, "b");
        assert!(err.message.contains("max_doc_bytes limit of 3 bytes"));
    }
}
