//! The seed page (a Sputnik story scraped as text, chrome and no-break spaces included) against
//! its gold structure in `../shared/seed/gold-document.json`. Read in place, never copied.

mod common;

use common::{absent, last_sentence, norm, read_shared, sentences};
use fulcrum_extract::BlockKind;

#[test]
fn seed_document_matches_gold() {
    let (Some(bytes), Some(gold)) = (
        read_shared("seed/article.txt"),
        read_shared("seed/gold-document.json"),
    ) else {
        return;
    };
    let gold: serde_json::Value = serde_json::from_slice(&gold).expect("gold is JSON");
    let doc = fulcrum_extract::extract(&bytes, Some("article.txt"));
    assert_eq!(doc.encoding, "utf-8");

    assert_eq!(doc.title.as_deref(), gold["title"].as_str());
    let d = doc.dateline.as_ref().expect("a dateline");
    assert_eq!(d.place.as_deref(), gold["dateline"]["place"].as_str());
    assert_eq!(d.agency.as_deref(), gold["dateline"]["agency"].as_str());
    assert_eq!(d.byline.as_deref(), gold["dateline"]["byline"].as_str());
    assert_eq!(
        &doc.paragraphs[0][..d.prefix_len],
        "MOSCOW (Sputnik), Tommy Yang - "
    );

    let gold_caps: Vec<String> = gold["captions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| norm(c.as_str().unwrap()))
        .collect();
    assert_eq!(
        doc.captions.iter().map(|c| norm(c)).collect::<Vec<_>>(),
        gold_caps
    );
    let credit = norm(gold["caption_credit"].as_str().unwrap());
    assert!(
        doc.caption_credits.iter().any(|c| norm(c) == credit),
        "credits {:?}",
        doc.caption_credits
    );
    let gold_subs: Vec<String> = gold["subheadings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| norm(c.as_str().unwrap()))
        .collect();
    assert_eq!(
        doc.subheadings.iter().map(|c| norm(c)).collect::<Vec<_>>(),
        gold_subs
    );

    let gold_first = norm(gold["first_body_sentence"].as_str().unwrap());
    let first = sentences(&doc.paragraphs[0][d.prefix_len..]).remove(0);
    assert_eq!(norm(&first), gold_first);
    assert_eq!(doc.first_body_sentence_hint().map(norm), Some(gold_first));
    assert_eq!(
        norm(&last_sentence(&doc)),
        norm(gold["last_body_sentence"].as_str().unwrap())
    );

    for line in gold["boilerplate"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l.as_str())
    {
        assert!(absent(&doc, line), "chrome left in text: {line}");
    }

    let p = doc.published.as_ref().expect("a publication date");
    assert!(
        ("2018-04-30"..="2018-05-02").contains(&p.date.as_str()),
        "published {p:?}"
    );
    assert!(p.basis.contains("inferred"), "basis {}", p.basis);
    let clock = doc
        .date_candidates
        .iter()
        .find(|c| c.basis == "page clock")
        .expect("the page clock is recorded");
    assert_eq!(clock.date, "2019-08-19");
    assert_ne!(p.date, clock.date);

    // The kept text keeps the source's characters: no-break spaces inside lines survive.
    assert!(doc.text.contains("in\u{a0}recent years"));
    assert_eq!(
        doc.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Title)
            .count(),
        1
    );
    for b in &doc.blocks {
        assert_eq!(&doc.text[b.span.0..b.span.1], b.text);
    }
}
