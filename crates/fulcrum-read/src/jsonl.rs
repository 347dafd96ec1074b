//! JSON Lines of articles: one object per line with `url`, `published`, `title` and `text` or
//! `html`.

use serde_json::{Map, Value};

use crate::single::too_big;
use crate::stream::{chomp, read_line, stream_error, Line, Stream};
use crate::{Body, Limits, RawDoc, ReadError};

/// Reads a JSON Lines stream one line at a time.
pub(crate) struct Jsonl {
    origin: String,
    stream: Stream,
    limits: Limits,
    line_no: u64,
    buf: Vec<u8>,
    done: bool,
}

impl Jsonl {
    pub(crate) fn new(origin: String, stream: Stream, limits: &Limits) -> Self {
        Jsonl {
            origin,
            stream,
            limits: *limits,
            line_no: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    pub(crate) fn next(&mut self) -> Option<Result<RawDoc, ReadError>> {
        while !self.done {
            self.line_no += 1;
            let here = format!("{}#line {}", self.origin, self.line_no);
            match read_line(&mut self.stream, &mut self.buf, self.limits.max_doc_bytes) {
                Err(e) => {
                    self.done = true;
                    return Some(Err(stream_error(&self.origin, &e)));
                }
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong(n)) => {
                    return Some(Err(too_big(&here, Some(n), &self.limits)));
                }
                Ok(Line::Complete) => {
                    let mut line = chomp(&self.buf);
                    if self.line_no == 1 {
                        line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
                    }
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(parse_line(here, line));
                }
            }
        }
        None
    }
}

/// Turns one non-blank line into a document.
fn parse_line(origin: String, line: &[u8]) -> Result<RawDoc, ReadError> {
    let err = |message: String| ReadError::new(&origin, message);
    let fail = |message: String| Err(err(message));
    let value: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => {
            return fail(format!(
                "not a JSON object: {}; each line must be one JSON object such as \
                 {{\"url\": \"...\", \"text\": \"...\"}}",
                json_error(&e)
            ))
        }
    };
    let Value::Object(obj) = value else {
        return fail(format!(
            "not a JSON object: found {}; each line must be one JSON object such as \
             {{\"url\": \"...\", \"text\": \"...\"}}",
            describe(&value)
        ));
    };
    let url = optional_string(&obj, "url").map_err(err)?;
    let published = optional_string(&obj, "published").map_err(err)?;
    let title = optional_string(&obj, "title").map_err(err)?;
    // When a line has both, the raw page is preferred: the extractor gets more out of markup
    // (headline, dateline, captions) than out of text someone else already extracted.
    let body =
        match (body_string(&obj, "html"), body_string(&obj, "text")) {
            (Err(m), _) | (_, Err(m)) => return fail(m),
            (Ok(Some(html)), _) => Body::Html(html.into_bytes()),
            (Ok(None), Ok(Some(text))) => Body::Text(text),
            (Ok(None), Ok(None)) => return fail(
                "has neither \"text\" nor \"html\"; add the article's content under one of them"
                    .to_string(),
            ),
        };
    Ok(RawDoc {
        origin,
        url,
        published,
        captured: None,
        title,
        body,
    })
}

/// A metadata field: a string (empty counts as absent), a number (a timestamp, kept as written)
/// or null.
fn optional_string(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(format!(
            "\"{key}\" must be a string, found {}; fix or remove it",
            describe(other)
        )),
    }
}

/// A content field: a string, or absent/null.
fn body_string(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!(
            "\"{key}\" must be a string, found {}; fix or remove it",
            describe(other)
        )),
    }
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message without its "at line 1 column N" tail, which would be confusing since
/// the line number it means is not the file's; the column is kept.
fn json_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&tail) {
        Some(head) => format!("{head} at column {}", e.column()),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<RawDoc, ReadError> {
        parse_line("f#line 1".into(), line.as_bytes())
    }

    #[test]
    fn full_line() {
        let doc = parse(
            r#"{"url":"https://example.org/a","published":"2024-03-01","title":"T","text":"Body.","extra":[1]}"#,
        )
        .unwrap();
        assert_eq!(doc.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(doc.published.as_deref(), Some("2024-03-01"));
        assert_eq!(doc.title.as_deref(), Some("T"));
        assert_eq!(doc.body, Body::Text("Body.".into()));
    }

    #[test]
    fn html_wins_and_numbers_are_kept_verbatim() {
        let doc = parse(r#"{"published":1709251200,"text":"t","html":"<p>h</p>"}"#).unwrap();
        assert_eq!(doc.published.as_deref(), Some("1709251200"));
        assert_eq!(doc.body, Body::Html(b"<p>h</p>".to_vec()));
    }

    #[test]
    fn bad_lines_say_why() {
        let e = parse("{oops").unwrap_err();
        assert!(
            e.message
                .starts_with("not a JSON object: key must be a string at column 2"),
            "{}",
            e.message
        );
        let e = parse("[1, 2]").unwrap_err();
        assert!(e.message.starts_with("not a JSON object: found an array"));
        let e = parse(r#"{"title":"x"}"#).unwrap_err();
        assert!(e.message.contains("neither \"text\" nor \"html\""));
        let e = parse(r#"{"text":"x","url":{"a":1}}"#).unwrap_err();
        assert!(e
            .message
            .contains("\"url\" must be a string, found an object"));
        assert_eq!(e.origin, "f#line 1");
    }
}
