//! The quotation table (`quotes.toml`): each case is a small document and the quotation
//! expected in it, with its speaker and cue. A new case is one `[[case]]`.

use fulcrum_events::{Coder, Quote};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    id: String,
    text: String,
    date: String,
    quote: String,
    #[serde(default = "direct")]
    r#type: String,
    speaker: String,
    cue: String,
    #[serde(default)]
    parts: Option<usize>,
    #[serde(default)]
    affiliation: Option<String>,
}

fn direct() -> String {
    "direct".into()
}

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

fn check(c: &Case, quotes: &[Quote]) -> Result<(), String> {
    let q = quotes
        .iter()
        .find(|q| q.quote_type == c.r#type && q.text.starts_with(&c.quote))
        .ok_or_else(|| {
            let seen: Vec<String> = quotes
                .iter()
                .map(|q| format!("{} {:?}", q.quote_type, q.text))
                .collect();
            format!(
                "no {} quotation starting {:?}; found {seen:?}",
                c.r#type, c.quote
            )
        })?;
    let sp = q.speaker.as_ref().ok_or("no speaker")?;
    let name = sp.name.clone().unwrap_or_default();
    if name != c.speaker || (c.speaker.is_empty() && sp.kind != "group") {
        return Err(format!(
            "speaker {name:?} ({}), want {:?}",
            sp.kind, c.speaker
        ));
    }
    let cue = q.cue.as_ref().map(|m| m.text.as_str()).unwrap_or("");
    if cue != c.cue {
        return Err(format!("cue {cue:?}, want {:?}", c.cue));
    }
    if let Some(n) = c.parts {
        if q.parts.len() != n {
            return Err(format!("{} parts, want {n}", q.parts.len()));
        }
    }
    if let Some(a) = &c.affiliation {
        if sp.affiliation.as_deref() != Some(a.as_str()) {
            return Err(format!("affiliation {:?}, want {a:?}", sp.affiliation));
        }
    }
    Ok(())
}

#[test]
fn quotation_table() {
    let table: Table = toml::from_str(include_str!("quotes.toml")).expect("quotes.toml parses");
    let coder = Coder::new(None).unwrap();
    let mut failures = Vec::new();
    for c in &table.case {
        let doc = fulcrum_extract::extract_text(&c.text);
        let (_, quotes) = coder.code_with_quotes(&doc, &c.id, Some(&c.date));
        if let Err(e) = check(c, &quotes) {
            failures.push(format!("{}: {e}", c.id));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        table.case.len(),
        failures.join("\n")
    );
}
