//! The sentence-splitting table: `tests/sentences.toml`, one case per behaviour.

use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    text: String,
    sentences: Vec<String>,
}

#[test]
fn sentence_table() {
    let table: Table =
        toml::from_str(include_str!("sentences.toml")).expect("tests/sentences.toml parses");
    let mut failures = Vec::new();
    for c in &table.case {
        let got: Vec<&str> = fulcrum_text::split_sentences(&c.text)
            .into_iter()
            .map(|(s, e)| &c.text[s..e])
            .collect();
        if got != c.sentences {
            failures.push(format!(
                "{}:\n  expected {:?}\n  got      {:?}",
                c.id, c.sentences, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        table.case.len(),
        failures.join("\n")
    );
}
