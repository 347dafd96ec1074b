//! Turns a raw news page — HTML, or the plain text a scraper saved from a page together with its
//! chrome — into a clean article [`Document`]: title, standfirst, captions, subheadings and body
//! paragraphs in page order, the dateline, the evidence for the publication date, and the lines
//! that were dropped as page chrome (kept for inspection).
//!
//! # Invariant
//!
//! **Extraction does no I/O and never fails: bad input is data.** The caller reads the file; this
//! crate only looks at the bytes it is given. Empty input, binary garbage, invalid UTF-8,
//! pathologically nested HTML and very large files all produce a [`Document`] (possibly an empty
//! one) instead of an error or a panic, because a batch over thousands of scraped pages must not
//! stop at the first odd one.
//!
//! # Text fidelity
//!
//! Downstream code compares the sentences it finds with the source text, so kept text is never
//! normalised: apart from trimming the whitespace (no-break spaces included) at the edges of a line
//! and cutting page chrome off its ends, the characters of a line are kept exactly — curly quotes,
//! internal no-break spaces and all.

#![warn(missing_docs)]

mod assemble;
mod cues;
mod dateline;
mod dates;
mod decode;
mod depth;
mod html;
mod sentences;
mod text;

use serde::{Deserialize, Serialize};

/// The role a kept block plays in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The headline.
    Title,
    /// The summary sentence printed under the headline.
    Standfirst,
    /// A short heading inside the body.
    Subheading,
    /// A body paragraph.
    Paragraph,
    /// A photo caption (photo captions carry events too, so they are kept).
    Caption,
}

/// One kept block of the article, with its place in [`Document::text`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The block's text, exactly as in the source apart from edge trimming.
    pub text: String,
    /// byte offsets of `text` inside `Document::text`
    pub span: (usize, usize),
}

/// The dateline that opens the first body paragraph of a wire story.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Dateline {
    /// The place, as printed ("MOSCOW", "BEIJING/SEOUL").
    pub place: Option<String>,
    /// The news agency in the dateline ("Sputnik", "AP", "Reuters").
    pub agency: Option<String>,
    /// The reporter named in the dateline, if any.
    pub byline: Option<String>,
    /// length in bytes of the dateline prefix at the start of the first body paragraph ("MOSCOW (Sputnik), Tommy Yang - "), 0 if none
    pub prefix_len: usize,
}

/// One piece of evidence for the publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateCandidate {
    /// The date, `YYYY-MM-DD`.
    pub date: String,
    /// Where it came from: "meta article:published_time", "json-ld datePublished",
    /// "time element", "url path", "printed date", "scraper stamp", "dateline", "page clock",
    /// "inferred from text".
    pub basis: String,
    /// The evidence as found.
    pub text: String,
}

/// A clean article extracted from a page.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    /// The headline, if the page has one.
    pub title: Option<String>,
    /// The dateline of the first body paragraph, if it has one.
    pub dateline: Option<Dateline>,
    /// The author or agency credited for the story.
    pub byline: Option<String>,
    /// The chosen publication date, `None` if there is no usable evidence.
    pub published: Option<DateCandidate>,
    /// All date evidence found, including rejected page clocks.
    pub date_candidates: Vec<DateCandidate>,
    /// Short headings inside the body.
    pub subheadings: Vec<String>,
    /// Body paragraphs, in order, dateline prefix kept in the first one.
    pub paragraphs: Vec<String>,
    /// Photo captions.
    pub captions: Vec<String>,
    /// Photo credits ("© REUTERS / ...", "(AP Photo)").
    pub caption_credits: Vec<String>,
    /// Lines and blocks dropped as page chrome, for inspection.
    pub boilerplate: Vec<String>,
    /// All kept blocks in page order, joined by "\n\n".
    pub text: String,
    /// The kept blocks, in the order they appear in `text`.
    pub blocks: Vec<Block>,
    /// The encoding the bytes were decoded with ("utf-8", "windows-1252", ...); "binary" when
    /// the input was judged not to be text at all.
    pub encoding: String,
}

impl Document {
    /// The first sentence of the body after the dateline prefix, cut with a simple rule
    /// (a full stop, question or exclamation mark followed by a capitalised word, skipping common
    /// abbreviations). It is a convenience for checks and previews; the project's real sentence
    /// splitter lives elsewhere.
    pub fn first_body_sentence_hint(&self) -> Option<&str> {
        let first = self.paragraphs.first()?;
        let skip = self.dateline.as_ref().map_or(0, |d| d.prefix_len);
        let body = first.get(skip..).unwrap_or(first);
        sentences::first_sentence(body)
    }
}

/// Extracts an article from raw bytes: sniffs HTML against plain text, detects the encoding, and
/// dispatches to [`extract_html`] or [`extract_text`]. `path_hint` (a file path or URL) is only
/// used as a weak cue: an `.html` ending, and a date in a URL path.
///
/// Never fails and never panics: an empty or binary input gives an empty [`Document`].
pub fn extract(bytes: &[u8], path_hint: Option<&str>) -> Document {
    let decoded = decode::decode(bytes, path_hint);
    let mut doc = match decoded.kind {
        decode::Kind::Empty => Document::default(),
        decode::Kind::Binary => Document::default(),
        decode::Kind::Html => extract_html(&decoded.text, path_hint),
        decode::Kind::Text => text::extract(&decoded.text, path_hint),
    };
    doc.encoding = decoded.encoding;
    doc
}

/// Extracts an article from an HTML page (a whole document or just a fragment). `url_hint` is the
/// page's address, used as date evidence when its path carries a date.
pub fn extract_html(html: &str, url_hint: Option<&str>) -> Document {
    let mut doc = html::extract(html, url_hint);
    doc.encoding = "utf-8".to_string();
    doc
}

/// Extracts an article from plain text scraped from a page, chrome included.
pub fn extract_text(text: &str) -> Document {
    let mut doc = text::extract(text, None);
    doc.encoding = "utf-8".to_string();
    doc
}
