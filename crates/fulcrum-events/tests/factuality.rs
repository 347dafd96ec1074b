//! The factuality table: `tests/factuality.toml`, one sentence per case with the factuality
//! and cue of the event it reports.
//!
//! The case's event is looked for among the coded events at its trigger word. Where the coder
//! finds no event there (the table tests factuality, not attribution), factuality is read at
//! the trigger token of the analysed sentence directly, as the coder would.

use fulcrum_actors::DocContext;
use fulcrum_events::analyse::analyse;
use fulcrum_events::factuality::factuality;
use fulcrum_events::Coder;
use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    sentence: String,
    trigger: Option<String>,
    factuality: String,
    #[serde(default)]
    cue: String,
}

/// The factuality and cue of every event of `c` (at its trigger when it names one).
fn judge(coder: &Coder, c: &Case) -> Vec<(String, String, String)> {
    let doc = fulcrum_extract::extract_text(&c.sentence);
    let events: Vec<(String, String, String)> = coder
        .code_document(&doc, "case", Some("2019-01-01"))
        .into_iter()
        .filter(|e| e.plover.is_some())
        .filter(|e| {
            c.trigger
                .as_ref()
                .is_none_or(|t| e.trigger.text.eq_ignore_ascii_case(t))
        })
        .map(|e| (e.trigger.text, e.factuality, e.factuality_cue))
        .collect();
    if !events.is_empty() {
        return events;
    }
    let Some(trigger) = &c.trigger else {
        return events;
    };
    let text = doc.text.as_str();
    let mut ctx = DocContext::default();
    let s = analyse(text, (0, text.len()), &coder.gazetteer, &mut ctx);
    (0..s.len())
        .filter(|&i| s.words[i].eq_ignore_ascii_case(trigger))
        .map(|i| {
            let (f, cue) = factuality(&s, i);
            (format!("{trigger} (read directly)"), f.to_string(), cue)
        })
        .take(1)
        .collect()
}

#[test]
fn factuality_table() {
    let table: Table =
        toml::from_str(include_str!("factuality.toml")).expect("tests/factuality.toml parses");
    let mut coder = Coder::new(None).expect("built-in dictionaries load");
    coder.null_targets = true;
    let mut failures = Vec::new();
    let mut direct = 0;
    for c in &table.case {
        let got = judge(&coder, c);
        direct += got
            .iter()
            .filter(|g| g.0.ends_with("(read directly)"))
            .count();
        let ok = !got.is_empty()
            && got
                .iter()
                .all(|(_, f, cue)| *f == c.factuality && cue.eq_ignore_ascii_case(&c.cue));
        if !ok {
            failures.push(format!(
                "{:?}: expected {} {:?}, got {:?}",
                c.sentence, c.factuality, c.cue, got
            ));
        }
    }
    eprintln!(
        "factuality table: {} of {} cases pass ({direct} read without a coded event)",
        table.case.len() - failures.len(),
        table.case.len()
    );
    for f in &failures {
        eprintln!("  {f}");
    }
    assert!(
        table.case.len() >= 60,
        "the table should keep at least 60 cases"
    );
    assert!(failures.is_empty(), "{} cases failed", failures.len());
}
