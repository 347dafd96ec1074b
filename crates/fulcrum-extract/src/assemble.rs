//! What the text and HTML extractors share: classifying a line as chrome or evidence, refining
//! the body (related-story lists, subheadings), and assembling the final [`Document`] with its
//! dateline and publication date.

use chrono::{Datelike, NaiveDate};

use crate::cues;
use crate::dates;
use crate::{Block, BlockKind, DateCandidate, Dateline, Document};

/// What a single line (or short HTML block) is, before its place in the article is considered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineClass {
    /// A page clock: the time of capture, with its date.
    Clock(NaiveDate),
    /// A printed publication (or update) date.
    Printed(NaiveDate, bool),
    /// Chrome, with the reason.
    Chrome(&'static str),
    /// A heading that introduces a list of other stories.
    ListHeading,
    /// A byline, with the credited name.
    Byline(String),
    /// A photo credit.
    Credit,
    /// Anything else: article text, to be placed by its context.
    Content,
}

/// Classifies one trimmed line. Order matters: a date line is evidence before it is chrome, and
/// an agency name alone is a byline before it is a credit.
pub(crate) fn classify_line(line: &str) -> LineClass {
    if let Some(d) = dates::page_clock(line) {
        return LineClass::Clock(d);
    }
    if let Some((d, update)) = dates::printed_date_line(line) {
        return LineClass::Printed(d, update);
    }
    if let Some(reason) = cues::chrome_reason(line) {
        return LineClass::Chrome(reason);
    }
    if cues::is_breadcrumb(line) {
        return LineClass::Chrome("breadcrumb");
    }
    if cues::is_list_heading(line) {
        return LineClass::ListHeading;
    }
    if let Some(name) = cues::byline(line) {
        return LineClass::Byline(name);
    }
    if cues::is_credit_line(line) {
        return LineClass::Credit;
    }
    if cues::is_tag_line(line) {
        return LineClass::Chrome("tag list");
    }
    LineClass::Content
}

/// The role of a unit of text in the article being assembled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Title,
    Standfirst,
    Subheading,
    Paragraph,
    Caption,
    Drop,
}

/// A paragraph that is a real body paragraph, not a short headline-shaped line.
fn is_real_paragraph(role: Role, text: &str) -> bool {
    role == Role::Paragraph && !cues::headline_like(text)
}

/// Refines the roles of the body: a run of three or more headline-shaped lines is a list of
/// other stories (subheadings never come three in a row), and a short title-case line followed by
/// more body is a subheading. Headline-shaped lines after the last real paragraph that are not
/// such a run stay paragraphs: they are the cut-off end of the text, not a heading.
pub(crate) fn refine_body(items: &mut [(Role, &str)]) {
    let n = items.len();
    let mut i = 0;
    while i < n {
        let runnable = |(r, t): (Role, &str)| r == Role::Paragraph && cues::headline_like(t);
        if !runnable(items[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && runnable(items[j]) {
            j += 1;
        }
        if j - i >= 3 {
            for it in &mut items[i..j] {
                it.0 = Role::Drop;
            }
        }
        i = j;
    }
    let mut real_after = vec![false; n + 1];
    for k in (0..n).rev() {
        real_after[k] = real_after[k + 1] || is_real_paragraph(items[k].0, items[k].1);
    }
    for k in 0..n {
        let (role, text) = items[k];
        if role != Role::Paragraph || !real_after[k + 1] {
            continue;
        }
        let (_, bullet) = cues::strip_bullet(text);
        let t = text.trim_end();
        if !bullet
            && cues::headline_like(text)
            && !t.ends_with(['.', '!'])
            && cues::word_count(text) <= 12
            && cues::title_case_ratio(text) >= 0.5
        {
            items[k].0 = Role::Subheading;
        }
    }
}

/// A date candidate while the document is being built.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub date: NaiveDate,
    pub basis: String,
    pub text: String,
    /// An update date, chosen only when nothing reports the first publication.
    pub update: bool,
}

/// Collects the parts of a document as the extractors find them, then assembles it.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    pub title: Option<String>,
    pub byline: Option<String>,
    blocks: Vec<(BlockKind, String)>,
    boilerplate: Vec<String>,
    caption_credits: Vec<String>,
    cands: Vec<Cand>,
    /// A month-day from the dateline, resolved to a year once all evidence is in.
    dateline_date: Option<String>,
}

impl Builder {
    /// Keeps a block of article text (trimmed; empty blocks are not kept).
    pub fn block(&mut self, kind: BlockKind, text: &str) {
        let t = cues::trim(text);
        if !t.is_empty() {
            self.blocks.push((kind, t.to_string()));
        }
    }

    /// Records dropped chrome, so that what was cut can be inspected.
    pub fn boilerplate(&mut self, text: &str) {
        let t = cues::trim(text);
        if !t.is_empty() {
            self.boilerplate.push(t.to_string());
        }
    }

    /// How many chrome lines have been recorded so far.
    pub fn boilerplate_len(&self) -> usize {
        self.boilerplate.len()
    }

    /// Records dropped chrome at a given place in the list, to keep the list in page order.
    pub fn insert_boilerplate(&mut self, at: usize, text: &str) {
        let t = cues::trim(text);
        if !t.is_empty() {
            self.boilerplate
                .insert(at.min(self.boilerplate.len()), t.to_string());
        }
    }

    /// Records a photo credit once.
    pub fn credit(&mut self, text: &str) {
        let t = cues::trim(text).to_string();
        if !t.is_empty() && !self.caption_credits.contains(&t) {
            self.caption_credits.push(t);
        }
    }

    /// Records a piece of date evidence once; the choice among them is made in [`Self::finish`].
    pub fn candidate(&mut self, date: NaiveDate, basis: &str, text: &str, update: bool) {
        let text = cues::trim(text).to_string();
        if !self
            .cands
            .iter()
            .any(|c| c.date == date && c.basis == basis && c.text == text)
        {
            self.cands.push(Cand {
                date,
                basis: basis.to_string(),
                text,
                update,
            });
        }
    }

    /// Sets the byline unless one was found earlier in the page (the first is the story's own).
    pub fn set_byline(&mut self, name: &str) {
        if self.byline.is_none() && !cues::trim(name).is_empty() {
            self.byline = Some(cues::trim(name).to_string());
        }
    }

    /// Records everything a classified line says, returning `true` when the line is consumed
    /// (dropped as chrome or kept as evidence) and `false` when it is content.
    pub fn absorb(&mut self, class: &LineClass, line: &str) -> bool {
        match class {
            LineClass::Content => return false,
            LineClass::Clock(d) => self.candidate(*d, "page clock", line, false),
            LineClass::Printed(d, update) => self.candidate(*d, "printed date", line, *update),
            LineClass::Byline(name) => self.set_byline(name),
            LineClass::Credit => self.credit(line),
            LineClass::Chrome(_) | LineClass::ListHeading => {}
        }
        self.boilerplate(line);
        true
    }

    /// Assembles the document: joins the blocks into `text` with their spans, parses the
    /// dateline, and chooses the publication date.
    pub fn finish(mut self) -> Document {
        let mut doc = Document::default();
        let blocks = std::mem::take(&mut self.blocks);
        for (kind, t) in &blocks {
            if !doc.text.is_empty() {
                doc.text.push_str("\n\n");
            }
            let start = doc.text.len();
            doc.text.push_str(t);
            doc.blocks.push(Block {
                kind: *kind,
                text: t.clone(),
                span: (start, doc.text.len()),
            });
            match kind {
                BlockKind::Title => {
                    if self.title.is_none() {
                        self.title = Some(t.clone());
                    }
                }
                BlockKind::Standfirst => {}
                BlockKind::Subheading => doc.subheadings.push(t.clone()),
                BlockKind::Paragraph => doc.paragraphs.push(t.clone()),
                BlockKind::Caption => {
                    doc.captions.push(t.clone());
                    if let Some((credit, _)) = cues::trailing_credit(t) {
                        self.credit(credit);
                    }
                }
            }
        }
        if let Some(first) = doc.paragraphs.first() {
            if let Some((d, date)) = crate::dateline::parse(first) {
                if let Some(by) = &d.byline {
                    self.set_byline(by);
                }
                self.dateline_date = date;
                doc.dateline = Some(d);
            }
        }
        let evidence: Vec<&str> = doc
            .blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Title && b.kind != BlockKind::Subheading)
            .map(|b| b.text.as_str())
            .collect();
        let (published, candidates) = self.choose_date(&evidence, doc.dateline.as_ref());
        doc.published = published;
        doc.date_candidates = candidates;
        doc.title = self.title;
        doc.byline = self.byline;
        doc.boilerplate = self.boilerplate;
        doc.caption_credits = self.caption_credits;
        doc
    }

    /// Chooses the publication date: the best-ranked candidate (metadata first, page clocks
    /// last, first publication before update), skipping page clocks the text contradicts (see
    /// [`dates::clock_contradicted`]); with nothing usable, a date inferred from the text (see
    /// [`dates::infer`]).
    fn choose_date(
        &mut self,
        evidence: &[&str],
        dateline: Option<&Dateline>,
    ) -> (Option<DateCandidate>, Vec<DateCandidate>) {
        if let (Some(md), Some(d)) = (self.dateline_date.clone(), dateline) {
            // The dateline gives month and day; the year comes from the other evidence.
            let year = self
                .cands
                .iter()
                .filter(|c| c.basis != "page clock")
                .map(|c| c.date.year())
                .next()
                .or_else(|| {
                    evidence
                        .iter()
                        .flat_map(|t| dates::full_dates(t))
                        .map(|f| f.date.year())
                        .max()
                })
                .or_else(|| self.cands.first().map(|c| c.date.year()));
            let parsed = dates::month_days(&md).into_iter().next();
            if let (Some(y), Some(m)) = (year, parsed) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m.month, m.day) {
                    let text = format!("{} {}", d.place.as_deref().unwrap_or(""), md);
                    self.candidate(date, "dateline", &text, false);
                }
            }
        }
        let usable =
            |c: &Cand| c.basis != "page clock" || !dates::clock_contradicted(c.date, evidence);
        let best = self
            .cands
            .iter()
            .enumerate()
            .filter(|(_, c)| usable(c))
            .min_by_key(|(i, c)| (dates::rank(&c.basis), c.update, *i))
            .map(|(_, c)| c.clone());
        let mut out: Vec<DateCandidate> = self
            .cands
            .iter()
            .map(|c| DateCandidate {
                date: c.date.format("%Y-%m-%d").to_string(),
                basis: c.basis.clone(),
                text: c.text.clone(),
            })
            .collect();
        let chosen = match best {
            Some(c) => Some(DateCandidate {
                date: c.date.format("%Y-%m-%d").to_string(),
                basis: c.basis,
                text: c.text,
            }),
            None => {
                let inferred = dates::infer(evidence);
                if let Some(i) = &inferred {
                    out.push(i.clone());
                }
                inferred
            }
        };
        (chosen, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_headlines_are_dropped_and_subheadings_found() {
        let mut items = vec![
            (
                Role::Paragraph,
                "The first paragraph says something long enough to be a paragraph.",
            ),
            (Role::Paragraph, "Quiet Diplomacy"),
            (
                Role::Paragraph,
                "Another paragraph follows the heading and says more things.",
            ),
            (Role::Paragraph, "Leader Visits Capital"),
            (Role::Paragraph, "Talks Stall Over Tariffs"),
            (Role::Paragraph, "‘Storm Coming’: Is a Crisis Near?"),
        ];
        refine_body(&mut items);
        let roles: Vec<Role> = items.iter().map(|x| x.0).collect();
        assert_eq!(
            roles,
            vec![
                Role::Paragraph,
                Role::Subheading,
                Role::Paragraph,
                Role::Drop,
                Role::Drop,
                Role::Drop
            ]
        );
        let mut cut = vec![
            (
                Role::Paragraph,
                "A full paragraph with a proper ending here.",
            ),
            (Role::Paragraph, "The Ukr"),
        ];
        refine_body(&mut cut);
        assert_eq!(cut[1].0, Role::Paragraph);
    }
}
