//! Small HTML pages written for these tests (our own words): a wire story with the usual chrome,
//! a windows-1252 page, a page of bare paragraphs, and a page whose text sits in a `<div>`.

use fulcrum_extract::{extract, extract_html, BlockKind};

const WIRE_STORY: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Envoys Agree to Resume Talks | The Daily Ledger</title>
  <meta property="og:title" content="Envoys Agree to Resume Talks">
  <meta property="og:site_name" content="The Daily Ledger">
  <meta property="article:published_time" content="2021-06-14T09:30:00Z">
  <link rel="canonical" href="https://ledger.example/world/2021/06/13/envoys-agree">
  <script type="application/ld+json">
  {"@context":"https://schema.org","@type":"NewsArticle","headline":"Envoys Agree to Resume Talks",
   "datePublished":"2021-06-14T09:30:00Z","author":{"@type":"Person","name":"Jane Roe"},
   "publisher":{"@type":"Organization","name":"The Daily Ledger"}}
  </script>
  <style>.share{display:flex}</style>
</head>
<body>
  <header class="site-header">
    <a class="logo" href="/">The Daily Ledger</a>
    <nav><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
  </header>
  <div class="share-buttons"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
  <main>
    <article class="story">
      <h1>Envoys Agree to Resume Talks</h1>
      <p class="byline">By Jane Roe</p>
      <time datetime="2021-06-14T09:30:00Z" pubdate>June 14, 2021</time>
      <figure>
        <img src="envoys.jpg" alt="">
        <figcaption>Delegates arrive for the meeting at the lakeside hall in Geneva, June 13, 2021. <span class="credit">Photo: Ledger Staff</span></figcaption>
      </figure>
      <div class="story-body">
        <p>GENEVA (Ledger) — Envoys from the two neighbouring states agreed on Sunday to resume border talks, the host government said, ending a pause of several months.</p>
        <p>The agreement, reached after two days of meetings, commits both sides to a first round of talks before the end of the month, according to a joint statement.</p>
        <p>READ MORE: Border Trade Slows as Talks Stall</p>
        <h2>Next Steps</h2>
        <p>Officials said the negotiators would first discuss water rights, which have divided the two capitals for years, and then turn to customs checks.</p>
        <blockquote><p>“We have agreed to talk, and that is the hardest part,” the host foreign minister told reporters after the meeting.</p></blockquote>
        <p>Neither delegation took questions, and a planned signing ceremony was postponed without explanation, the statement added.</p>
      </div>
      <aside class="related">
        <h3>Related stories</h3>
        <ul>
          <li><a href="/a">Border Trade Slows as Talks Stall</a></li>
          <li><a href="/b">Water Dispute Flares Again</a></li>
          <li><a href="/c">Ministers Trade Barbs Over Customs</a></li>
        </ul>
      </aside>
      <div class="newsletter"><p>Sign up for our daily briefing and get the news first every morning.</p></div>
      <section id="comments"><p>Great article, thanks for reporting on this important matter!</p></section>
    </article>
  </main>
  <footer><p>© 2021 The Daily Ledger. All rights reserved.</p></footer>
</body>
</html>"##;

#[test]
fn wire_story_with_chrome() {
    let d = extract(
        WIRE_STORY.as_bytes(),
        Some("https://ledger.example/world/2021/06/13/envoys-agree"),
    );
    assert_eq!(d.encoding, "utf-8");
    assert_eq!(d.title.as_deref(), Some("Envoys Agree to Resume Talks"));
    assert_eq!(d.byline.as_deref(), Some("Jane Roe"));
    let p = d.published.as_ref().expect("a publication date");
    assert_eq!(
        (p.date.as_str(), p.basis.as_str()),
        ("2021-06-14", "meta article:published_time")
    );
    for basis in ["json-ld datePublished", "time element", "url path"] {
        assert!(
            d.date_candidates.iter().any(|c| c.basis == basis),
            "no {basis} candidate: {:?}",
            d.date_candidates
        );
    }
    assert_eq!(d.paragraphs.len(), 5, "{:#?}", d.paragraphs);
    assert!(d.paragraphs[0].starts_with("GENEVA (Ledger) — Envoys"));
    let dl = d.dateline.as_ref().expect("a dateline");
    assert_eq!(
        (dl.place.as_deref(), dl.agency.as_deref()),
        (Some("GENEVA"), Some("Ledger"))
    );
    assert_eq!(&d.paragraphs[0][..dl.prefix_len], "GENEVA (Ledger) — ");
    assert!(d.paragraphs[3].starts_with("“We have agreed to talk"));
    assert_eq!(d.subheadings, vec!["Next Steps"]);
    assert_eq!(
        d.captions,
        vec!["Delegates arrive for the meeting at the lakeside hall in Geneva, June 13, 2021."]
    );
    assert_eq!(d.caption_credits, vec!["Photo: Ledger Staff"]);
    assert_eq!(d.blocks[0].kind, BlockKind::Title);
    assert_eq!(d.text.matches("Envoys Agree to Resume Talks").count(), 1);
    for chrome in [
        "World",
        "Facebook",
        "READ MORE",
        "Related stories",
        "Water Dispute",
        "Sign up",
        "Great article",
        "All rights",
        "By Jane Roe",
        "June 14, 2021",
        "The Daily Ledger",
    ] {
        assert!(
            !d.text.contains(chrome),
            "chrome left in text: {chrome}\n{}",
            d.text
        );
    }
    assert!(d.boilerplate.iter().any(|b| b.starts_with("READ MORE")));
    for b in &d.blocks {
        assert_eq!(&d.text[b.span.0..b.span.1], b.text);
    }
}

#[test]
fn windows_1252_page_is_decoded() {
    let mut page: Vec<u8> = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><title>Caf".to_vec();
    page.push(0xe9);
    page.extend_from_slice(b" Talks Resume</title></head><body><p>The minister");
    page.push(0x92);
    page.extend_from_slice(b"s caf");
    page.push(0xe9);
    page.extend_from_slice(
        b" meeting with his counterpart ended late on Tuesday, officials said.</p></body></html>",
    );
    let d = extract(&page, None);
    assert_eq!(d.encoding, "windows-1252");
    assert_eq!(d.title.as_deref(), Some("Café Talks Resume"));
    assert_eq!(d.paragraphs, vec!["The minister’s café meeting with his counterpart ended late on Tuesday, officials said."]);
}

#[test]
fn bare_paragraphs_and_fragments() {
    let d = extract_html(
        "<p>The council met on Monday and approved the budget after a long debate.</p>\n<p>Members said the vote was close, with several abstentions.</p>",
        None,
    );
    assert_eq!(d.title, None);
    assert_eq!(d.paragraphs.len(), 2);
    assert_eq!(d.text, "The council met on Monday and approved the budget after a long debate.\n\nMembers said the vote was close, with several abstentions.");
    // No-break spaces written as entities are text and are kept.
    let d = extract_html(
        "<p>Talks resumed in&nbsp;Geneva on Monday after a pause of several months.</p>",
        None,
    );
    assert_eq!(
        d.paragraphs,
        vec!["Talks resumed in\u{a0}Geneva on Monday after a pause of several months."]
    );
}

#[test]
fn loose_text_in_a_div_is_split_on_double_breaks() {
    let d = extract_html(
        "<html><body><div class=\"content\">The first paragraph of an old page, written straight into a div.<br><br>\
         The second paragraph follows after two breaks, as old templates did.<br><br>\
         A third, with a <a href=\"/x\">link</a> inside it, closes the story.</div></body></html>",
        None,
    );
    assert_eq!(d.paragraphs.len(), 3, "{:#?}", d.paragraphs);
    assert!(d.paragraphs[2].contains("with a link inside it"));
}

#[test]
fn link_lists_inside_the_body_are_chrome() {
    let d = extract_html(
        "<article><p>The first paragraph reports that the two sides met on Friday in the capital.</p>\
         <div><a href=\"/1\">Another story about something else entirely</a> <a href=\"/2\">A second unrelated story</a></div>\
         <p>The second paragraph adds that no agreement was reached, the ministry said.</p></article>",
        None,
    );
    assert_eq!(d.paragraphs.len(), 2, "{:#?}", d.paragraphs);
    assert!(!d.text.contains("unrelated"));
}

#[test]
fn xhtml_with_byline_date_line_and_standfirst() {
    let page = r#"<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Harbour Deal Signed - Coast Courier</title>
<meta property="og:site_name" content="Coast Courier"/></head>
<body><div id="main-content">
<h1>Harbour Deal Signed</h1>
<h2 class="subtitle">The agreement opens the port to ships from both countries for the first time in a decade</h2>
<p class="byline">By Jane Roe | March 9, 2022</p>
<p>The two governments signed an agreement on Tuesday that opens the harbour to each other's ships, ending a ten-year ban.</p>
<p>Port officials said the first ships could dock within weeks, once customs rules are published.</p>
</div></body></html>"#;
    let d = fulcrum_extract::extract(page.as_bytes(), None);
    assert_eq!(d.title.as_deref(), Some("Harbour Deal Signed"));
    assert_eq!(d.byline.as_deref(), Some("Jane Roe"));
    assert_eq!(
        d.published
            .as_ref()
            .map(|p| (p.date.as_str(), p.basis.as_str())),
        Some(("2022-03-09", "printed date"))
    );
    assert_eq!(
        d.blocks.iter().map(|b| b.kind).collect::<Vec<_>>(),
        vec![
            BlockKind::Title,
            BlockKind::Standfirst,
            BlockKind::Paragraph,
            BlockKind::Paragraph
        ]
    );
}
