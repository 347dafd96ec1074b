//! Plain-text pages written for these tests (our own words), in the shapes scrapers save from
//! several kinds of news sites: a wire story, a page with caption labels and topic lists, a page
//! with a byline and a standfirst, and a page whose clock is much later than its story.

use fulcrum_extract::{extract_text, BlockKind};

fn kinds(d: &fulcrum_extract::Document) -> Vec<BlockKind> {
    d.blocks.iter().map(|b| b.kind).collect()
}

#[test]
fn wire_story_with_byline_and_copyright() {
    let d = extract_text(
        "Ruritania and Borduria agree to reopen border crossings
By JANE ROE and JOHN DOE Associated Press
June 3, 2021, 4:15 PM
WASHINGTON (AP) — Ruritania and Borduria agreed Thursday to reopen two border crossings closed since last year, officials from both governments said.
The decision followed talks in the capital that lasted most of the week and ended late on Wednesday.
\"This is a good day for both our peoples,\" Ruritania's foreign minister said.
Copyright 2021 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.
",
    );
    assert_eq!(
        d.title.as_deref(),
        Some("Ruritania and Borduria agree to reopen border crossings")
    );
    assert_eq!(
        d.byline.as_deref(),
        Some("JANE ROE and JOHN DOE Associated Press")
    );
    let dl = d.dateline.as_ref().unwrap();
    assert_eq!(
        (dl.place.as_deref(), dl.agency.as_deref(), dl.prefix_len),
        (Some("WASHINGTON"), Some("AP"), "WASHINGTON (AP) — ".len())
    );
    assert_eq!(d.paragraphs.len(), 3);
    let p = d.published.as_ref().unwrap();
    assert_eq!(
        (p.date.as_str(), p.basis.as_str()),
        ("2021-06-03", "printed date")
    );
    assert!(!d.text.contains("Copyright") && !d.text.contains("By JANE"));
    assert_eq!(
        d.first_body_sentence_hint(),
        Some("Ruritania and Borduria agreed Thursday to reopen two border crossings closed since last year, officials from both governments said.")
    );
}

#[test]
fn caption_labels_and_topic_lists() {
    let d = extract_text(
        "Border talks: Neighbours agree to reopen crossings
Published
3 June 2021
Share
Image source, Getty Images
Image caption,
Officials from both sides met in the capital on Thursday
Two neighbouring countries have agreed to reopen their shared border after a year-long closure, their governments said on Thursday.
Image caption Trucks queue at the crossing on the day it closed last year
The crossings will open to trade first and to travellers from next month, according to a joint statement.
Related Topics
Ruritania
Borduria
",
    );
    assert_eq!(
        d.title.as_deref(),
        Some("Border talks: Neighbours agree to reopen crossings")
    );
    assert_eq!(
        d.captions,
        vec![
            "Officials from both sides met in the capital on Thursday",
            "Trucks queue at the crossing on the day it closed last year"
        ]
    );
    assert_eq!(d.caption_credits, vec!["Image source, Getty Images"]);
    assert_eq!(d.paragraphs.len(), 2);
    assert_eq!(
        d.published.as_ref().map(|p| p.date.as_str()),
        Some("2021-06-03")
    );
    for chrome in [
        "Published",
        "Share",
        "Getty",
        "Image caption",
        "Related Topics",
        "Borduria\n",
    ] {
        assert!(!d.text.contains(chrome), "{chrome}");
    }
}

#[test]
fn standfirst_and_topic_labels() {
    let d = extract_text(
        "Ruritania and Borduria agree to reopen border
Deal ends year-long closure that cut trade between the neighbours
Thu 3 Jun 2021 16.15 BST
Ruritania and Borduria have agreed to reopen their border after a closure that lasted more than a year, officials said on Thursday.
The agreement was signed by the two foreign ministers at a ceremony in the capital.
Topics
Ruritania
Europe
news
Reuse this content
",
    );
    assert_eq!(
        kinds(&d),
        vec![
            BlockKind::Title,
            BlockKind::Standfirst,
            BlockKind::Paragraph,
            BlockKind::Paragraph
        ]
    );
    assert_eq!(
        d.published.as_ref().map(|p| p.date.as_str()),
        Some("2021-06-03")
    );
}

#[test]
fn late_page_clock_is_rejected_and_recent_one_accepted() {
    let story = "Leaders Meet at Last

The two presidents shake hands at the palace gate in the capital, Ruritania, March 1, 2021

The two presidents met on Monday for the first time in three years, their offices said in a joint statement.

Officials said the leaders discussed trade and the shared river, and agreed to meet again in the summer.
";
    let late = extract_text(&format!("14:22 19.08.2023\n{story}"));
    let clock = late
        .date_candidates
        .iter()
        .find(|c| c.basis == "page clock")
        .unwrap();
    assert_eq!(clock.date, "2023-08-19");
    let p = late.published.as_ref().unwrap();
    assert_eq!(
        (p.date.as_str(), p.basis.as_str()),
        ("2021-03-01", "inferred from text")
    );
    let recent = extract_text(&format!("14:22 02.03.2021\n{story}"));
    let p = recent.published.as_ref().unwrap();
    assert_eq!(
        (p.date.as_str(), p.basis.as_str()),
        ("2021-03-02", "page clock")
    );
    assert_eq!(recent.captions.len(), 1);
    assert_eq!(recent.title.as_deref(), Some("Leaders Meet at Last"));
}

#[test]
fn crlf_and_windows_line_endings() {
    let d = extract_text("Talks Resume in the Capital\r\n\r\nThe two delegations resumed talks on Monday after a pause of several months, officials said.\r\n");
    assert_eq!(d.title.as_deref(), Some("Talks Resume in the Capital"));
    assert_eq!(d.paragraphs, vec!["The two delegations resumed talks on Monday after a pause of several months, officials said."]);
}
