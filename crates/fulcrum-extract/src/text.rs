//! Plain text scraped from a page: every non-blank line is a unit (a paragraph, a caption, a
//! headline or a piece of chrome), classified first on its own (chrome and date evidence) and
//! then by its place in the page (header zone before the first body paragraph, body after it).

use crate::assemble::{classify_line, refine_body, Builder, LineClass, Role};
use crate::cues;
use crate::dates;
use crate::BlockKind;
use crate::Document;

/// A content line that survived the chrome filter.
struct Unit<'a> {
    text: &'a str,
    /// Set when a label ("Image caption") has already said that the line is a caption.
    caption: bool,
    /// How much chrome had been dropped before this line, so that lines dropped later (by
    /// their place in the page) are listed in page order.
    chrome_before: usize,
}

/// Splits on every line break convention (`\n`, `\r\n`, lone `\r`, U+2028, U+2029).
fn lines(src: &str) -> impl Iterator<Item = &str> {
    src.split(['\n', '\r', '\u{2028}', '\u{2029}'])
}

pub(crate) fn extract(src: &str, path_hint: Option<&str>) -> Document {
    let mut b = Builder::default();
    if let Some((d, t)) = path_hint.and_then(dates::url_date) {
        b.candidate(d, "url path", &t, false);
    }
    let units = filter_chrome(src, &mut b);
    let roles = place_units(&units);
    let mut inserted = 0;
    for (u, role) in units.iter().zip(roles) {
        match role {
            Role::Title => {
                if b.title.is_none() {
                    b.title = Some(u.text.to_string());
                }
                b.block(BlockKind::Title, u.text);
            }
            Role::Standfirst => b.block(BlockKind::Standfirst, u.text),
            Role::Subheading => b.block(BlockKind::Subheading, u.text),
            Role::Paragraph => b.block(BlockKind::Paragraph, u.text),
            Role::Caption => b.block(BlockKind::Caption, cues::strip_widget_suffix(u.text)),
            Role::Drop => {
                b.insert_boilerplate(u.chrome_before + inserted, u.text);
                inserted += 1;
            }
        }
    }
    b.finish()
}

/// First pass: drops chrome lines and records date evidence, bylines and credits; returns the
/// content lines in order.
fn filter_chrome<'a>(src: &'a str, b: &mut Builder) -> Vec<Unit<'a>> {
    let mut units = Vec::new();
    // After "Your browser doesn't support HTML5" comes the title of the video that did not play.
    let mut drop_next_headline = false;
    // After "More from ..." comes a list of other stories, as long as lines look like headlines.
    let mut in_list = false;
    // After a lone "Updated:" label comes the update date.
    let mut pending_update = false;
    // After a lone "Image caption" label comes the caption.
    let mut pending_caption = false;
    for raw in lines(src) {
        let line = cues::trim(raw);
        if line.is_empty() {
            continue;
        }
        let mut text = line;
        if let Some((d, len)) = dates::scraper_stamp(text) {
            b.candidate(d, "scraper stamp", &text[..len], false);
            let rest = cues::trim(&text[len..]);
            if rest.is_empty() || cues::is_breadcrumb(rest) {
                b.boilerplate(line);
                continue;
            }
            b.boilerplate(&text[..len]);
            text = rest;
        }
        if in_list {
            // Story lists are headlines, bullet items, or short topic labels.
            let label = cues::word_count(text) <= 4 && !cues::ends_with_terminal(text);
            if cues::headline_like(text)
                || label
                || cues::strip_bullet(text).1 && cues::word_count(text) <= 25
            {
                b.boilerplate(text);
                continue;
            }
            in_list = false;
        }
        if let Some(len) = cues::caption_label_prefix(text) {
            b.boilerplate(&text[..len]);
            units.push(Unit {
                text: cues::trim(&text[len..]),
                caption: true,
                chrome_before: b.boilerplate_len(),
            });
            continue;
        }
        if std::mem::take(&mut drop_next_headline)
            && cues::headline_like(text)
            && !cues::ends_with_terminal(text)
        {
            b.boilerplate(text);
            continue;
        }
        let mut class = classify_line(text);
        if let LineClass::Printed(d, update) = class {
            class = LineClass::Printed(d, update || pending_update);
        }
        pending_update = false;
        let caption = std::mem::take(&mut pending_caption) && class == LineClass::Content;
        match &class {
            LineClass::Chrome("video widget") => drop_next_headline = true,
            LineClass::Chrome("date label") => {
                let n = cues::norm(text);
                pending_update = n.contains("updated") || n.contains("modified");
            }
            LineClass::Chrome("caption label") => pending_caption = true,
            LineClass::ListHeading => in_list = true,
            _ => {}
        }
        if !b.absorb(&class, text) {
            units.push(Unit {
                text,
                caption,
                chrome_before: b.boilerplate_len(),
            });
        }
    }
    units
}

/// Whether a unit opens the body: a dateline, or a full sentence of some length.
fn is_body_start(text: &str) -> bool {
    let wc = cues::word_count(text);
    crate::dateline::parse(text).is_some()
        || (cues::ends_with_terminal(text) && wc >= 12)
        || wc >= 30
}

/// Second pass: places each content line. Before the first body paragraph (the header zone) a
/// headline-shaped line is the title, a repeat of it is dropped, what follows the title is a
/// standfirst, and short labels are kickers (dropped). After it, lines are paragraphs unless
/// they read as captions; then the body is refined (related lists, subheadings).
fn place_units(units: &[Unit<'_>]) -> Vec<Role> {
    let n = units.len();
    let mut roles = vec![Role::Paragraph; n];
    let mut title: Option<usize> = None;
    let mut last_header: Option<usize> = None;
    let mut body_start = n;
    for (i, u) in units.iter().enumerate() {
        let right_after_title = title.is_some() && last_header == title;
        if u.caption
            || cues::caption_score(u.text) >= 3
            || right_after_title && cues::short_present_caption(u.text)
        {
            roles[i] = Role::Caption;
            last_header = Some(i);
            continue;
        }
        let headline = cues::headline_like(u.text) && cues::word_count(u.text) >= 2;
        if is_body_start(u.text)
            && !(title.is_none() && headline && cues::title_case_ratio(u.text) >= 0.7)
        {
            body_start = i;
            break;
        }
        match title {
            Some(t) => {
                if cues::norm(units[t].text) == cues::norm(u.text) {
                    roles[i] = Role::Drop;
                    continue; // the headline printed twice: keep it once
                }
                // A standfirst is a line or two; more lines under the headline are the body,
                // however they are punctuated.
                if roles[..i]
                    .iter()
                    .filter(|r| **r == Role::Standfirst)
                    .count()
                    >= 2
                {
                    body_start = i;
                    break;
                }
                roles[i] = Role::Standfirst;
            }
            None if headline => {
                roles[i] = Role::Title;
                title = Some(i);
            }
            // A kicker or section label ("World", "Asia Pacific") above the headline; a short
            // sentence with its full stop, or the only line there is, is text, not a label.
            None if i + 1 < n
                && cues::word_count(u.text) <= 3
                && !cues::ends_with_terminal(u.text)
                && u.text.chars().next().is_some_and(char::is_uppercase) =>
            {
                roles[i] = Role::Drop
            }
            None => {
                body_start = i;
                break;
            }
        }
        last_header = Some(i);
    }
    for i in body_start..n {
        if units[i].caption || cues::caption_score(units[i].text) >= 3 {
            roles[i] = Role::Caption;
        }
    }
    let mut items: Vec<(Role, &str)> = (body_start..n).map(|i| (roles[i], units[i].text)).collect();
    refine_body(&mut items);
    for (k, (role, _)) in items.into_iter().enumerate() {
        roles[body_start + k] = role;
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BlockKind;

    const PAGE: &str = "\
08:30 GMT +212 March 2022
Listen Live
    The foreign minister walks with his counterpart at the airport in the capital, Ruritania, March 1, 2021

    Ruritania Seeks Closer Ties With Its Neighbours - Officials

    © AGENCY / Pool Photographer
    Get short URL

    CAPITAL CITY (Agency), Jane Roe - Ruritania wants closer ties with its neighbours, officials told reporters on Tuesday.

    The ministry announced on March 3 that talks would resume, and a visit is expected to take place on March 6-7.

    Quiet Diplomacy

    Officials have met several times this year, the ministry said in a statement on its website.

    READ MORE:\u{a0}Another Story Entirely — Reports

    The minister is expected to sign an agreement during the visit, according to the statement.

    The views and opinions expressed by the speaker do not necessarily reflect those of the outlet.


    Leader Visits Capital Amid Tension
    Talks Stall Over Tariffs Again
    ‘Storm Coming’: Is a Crisis Near?
    trade, diplomacy, Jane Roe, Republic of Ruritania (ROR), East Land
    Community standardsDiscussion
";

    #[test]
    fn a_scraped_page_is_cleaned() {
        let d = extract(PAGE, None);
        assert_eq!(
            d.title.as_deref(),
            Some("Ruritania Seeks Closer Ties With Its Neighbours - Officials")
        );
        assert_eq!(d.captions.len(), 1);
        assert_eq!(d.subheadings, vec!["Quiet Diplomacy"]);
        assert_eq!(d.paragraphs.len(), 4);
        assert!(d.paragraphs[0].starts_with("CAPITAL CITY (Agency), Jane Roe - "));
        let dl = d.dateline.as_ref().unwrap();
        assert_eq!(
            (
                dl.place.as_deref(),
                dl.agency.as_deref(),
                dl.byline.as_deref()
            ),
            (Some("CAPITAL CITY"), Some("Agency"), Some("Jane Roe"))
        );
        assert_eq!(d.caption_credits, vec!["© AGENCY / Pool Photographer"]);
        for chrome in [
            "Listen Live",
            "Get short URL",
            "READ MORE",
            "views and opinions",
            "Leader Visits",
            "Storm",
            "trade, diplomacy",
            "Community",
        ] {
            assert!(!d.text.contains(chrome), "{chrome} left in text");
        }
        let p = d.published.as_ref().unwrap();
        assert_eq!(
            (p.date.as_str(), p.basis.as_str()),
            ("2021-03-04", "inferred from text")
        );
        assert!(d
            .date_candidates
            .iter()
            .any(|c| c.basis == "page clock" && c.date == "2022-03-12"));
        assert_eq!(d.blocks[0].kind, BlockKind::Caption);
        assert_eq!(d.blocks[1].kind, BlockKind::Title);
        for blk in &d.blocks {
            assert_eq!(&d.text[blk.span.0..blk.span.1], blk.text);
        }
    }

    #[test]
    fn short_sentences_are_text() {
        let d = extract("Kim met Moon.\nThey talked for hours.\n", None);
        assert_eq!(
            d.paragraphs,
            vec!["Kim met Moon.", "They talked for hours."]
        );
        let d = extract("Russia seized three Ukrainian ships.", None);
        assert_eq!(d.paragraphs, vec!["Russia seized three Ukrainian ships."]);
    }

    #[test]
    fn headerless_text_has_no_title() {
        let d = extract("The council voted on Friday to impose new sanctions on the country over its tests.\nShort link:\n", None);
        assert_eq!(d.title, None);
        assert_eq!(d.paragraphs.len(), 1);
        assert_eq!(d.boilerplate, vec!["Short link:"]);
    }
}
