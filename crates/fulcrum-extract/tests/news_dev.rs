//! Compares extraction of the ten scraped news pages in `../shared/eval/news-dev/` with their
//! gold structure: title (or none), first and last body sentence, captions, and absence of the
//! page chrome. The pages are third-party text read in place, never copied into the repository.

mod common;

use common::{absent, first_sentences, last_sentence, norm, read_shared};

#[test]
fn news_dev_documents_match_gold() {
    let Some(gold) = read_shared("eval/news-dev/gold-documents.jsonl") else {
        return;
    };
    let gold = String::from_utf8(gold).expect("gold is UTF-8");
    let mut total = 0;
    let mut matched = 0;
    let mut report = Vec::new();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let g: serde_json::Value = serde_json::from_str(line).expect("gold line is JSON");
        let id = g["doc"].as_str().expect("doc id");
        let Some(bytes) = read_shared(&format!("eval/news-dev/articles/{id}.txt")) else {
            return;
        };
        let doc = fulcrum_extract::extract(&bytes, Some(&format!("{id}.txt")));
        total += 1;
        let mut problems = Vec::new();
        let gold_title = g["title"].as_str().unwrap_or("");
        let title = doc.title.as_deref().unwrap_or("");
        if norm(title) != norm(gold_title) {
            problems.push(format!("title {title:?} != {gold_title:?}"));
        }
        let gold_first = norm(g["first_body_sentence"].as_str().unwrap_or(""));
        let firsts = first_sentences(&doc);
        if !firsts.iter().any(|f| norm(f) == gold_first) {
            problems.push(format!("first {firsts:?} != {gold_first:?}"));
        }
        let gold_last = norm(g["last_body_sentence"].as_str().unwrap_or(""));
        let last = last_sentence(&doc);
        if norm(&last) != gold_last {
            problems.push(format!("last {last:?} != {gold_last:?}"));
        }
        let gold_caps: Vec<String> = g["captions"]
            .as_array()
            .map(|a| a.iter().filter_map(|c| c.as_str()).map(norm).collect())
            .unwrap_or_default();
        let caps: Vec<String> = doc.captions.iter().map(|c| norm(c)).collect();
        if caps != gold_caps {
            problems.push(format!("captions {caps:?} != {gold_caps:?}"));
        }
        for b in g["boilerplate"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|b| b.as_str())
        {
            if !absent(&doc, b) {
                problems.push(format!("chrome kept: {b:?}"));
            }
        }
        if problems.is_empty() {
            matched += 1;
            report.push(format!("{id}: ok"));
        } else {
            report.push(format!("{id}: {}", problems.join("; ")));
        }
    }
    eprintln!("news-dev: {matched} of {total} documents match gold fully");
    for r in &report {
        eprintln!("  {r}");
    }
    assert!(
        matched >= 8,
        "only {matched} of {total} news-dev documents match gold"
    );
}

/// Every sentence that carries a gold event must survive extraction verbatim: dropping it as
/// chrome, or altering a character of it, would lose the event whatever the coder does.
#[test]
fn gold_event_sentences_are_kept() {
    let mut checked = 0;
    for (gold_path, article) in [
        ("eval/news-dev/gold-events.jsonl", None),
        ("seed/gold-events.jsonl", Some("seed/article.txt")),
    ] {
        let Some(gold) = read_shared(gold_path) else {
            return;
        };
        let gold = String::from_utf8(gold).expect("gold is UTF-8");
        for line in gold.lines().filter(|l| !l.trim().is_empty()) {
            let g: serde_json::Value = serde_json::from_str(line).expect("gold line is JSON");
            let id = g["doc"].as_str().expect("doc id");
            let path = article.map_or_else(
                || format!("eval/news-dev/articles/{id}.txt"),
                str::to_string,
            );
            let Some(bytes) = read_shared(&path) else {
                return;
            };
            let doc = fulcrum_extract::extract(&bytes, None);
            // Exactly, character for character: the kept text is the source's text.
            let sentence = g["sentence"].as_str().expect("sentence");
            assert!(
                doc.text.contains(sentence),
                "{id}: gold sentence not kept verbatim: {sentence}"
            );
            checked += 1;
        }
    }
    eprintln!("{checked} gold event sentences kept");
}
