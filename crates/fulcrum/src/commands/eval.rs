//! `fulcrum eval`: code a folder of documents and score the events against gold.

use super::code_one;
use crate::cli::{EvalSettings, EvalTarget};
use crate::input::{collect, Input};
use crate::limits::NO_LIMITS;
use anyhow::{bail, Context};
use fulcrum_eval::{score, Gold, Report, System};
use fulcrum_events::Coder;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

/// Reads gold JSON Lines; a malformed line is an error naming the file and line.
pub fn read_gold(path: &Path) -> anyhow::Result<Vec<Gold>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: Gold = serde_json::from_str(line).with_context(|| {
            format!(
                "{}:{}: not a gold event in the guidelines' format",
                path.display(),
                i + 1
            )
        })?;
        out.push(g);
    }
    Ok(out)
}

/// Reads `id` → `pub_date` from a TSV with a header line naming those columns.
pub fn read_index(path: &Path) -> anyhow::Result<HashMap<String, String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let (Some(id), Some(date)) = (
        header.iter().position(|h| *h == "id"),
        header.iter().position(|h| *h == "pub_date"),
    ) else {
        bail!(
            "{}:1: the header needs the columns `id` and `pub_date`",
            path.display()
        );
    };
    let mut out = HashMap::new();
    for line in lines {
        let cols: Vec<&str> = line.split('\t').collect();
        if let (Some(i), Some(d)) = (cols.get(id), cols.get(date)) {
            out.insert(i.to_string(), d.to_string());
        }
    }
    Ok(out)
}

/// The document id of an input: its file name without extension.
pub fn doc_id(input: &Input) -> String {
    input
        .path
        .as_ref()
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| input.name.clone())
}

/// Codes the documents of `docs` (with publication dates from `index`) and scores them.
pub fn evaluate(
    coder: &Coder,
    gold: &[Gold],
    docs: &Path,
    index: &HashMap<String, String>,
) -> Report {
    let inputs = collect(&[docs.to_path_buf()]);
    let system: Vec<System> = inputs
        .par_iter()
        .map(|i| {
            let id = doc_id(i);
            let events = code_one(
                coder,
                i,
                index.get(&id).map(String::as_str),
                &NO_LIMITS,
                crate::cli::Emit::Events,
            )
            .unwrap_or_default();
            events
                .events
                .into_iter()
                .map(|e| System {
                    doc: id.clone(),
                    sentence: e.sentence,
                    source: e.source.code,
                    target: e.target.map(|t| t.code).unwrap_or_default(),
                    plover: e.plover.unwrap_or_default(),
                    date_start: e.date.start,
                    date_end: e.date.end,
                    factuality: e.factuality,
                    rule: e.rule,
                })
                .collect::<Vec<_>>()
        })
        .flatten()
        .collect();
    score(gold, &system)
}

/// Older names of PLOVER types in the PLOVER example file, and the current ones.
fn plover_name(old: &str) -> &str {
    match old {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

/// Event-type accuracy on PLOVER example sentences: for each example whose type fulcrum codes
/// (DOCUMENT records and INVESTIGATE, which the guidelines do not code, are left out), the
/// type of the most confident event coded from its text against the example's type.
fn plover_examples(coder: &Coder, path: &Path, s: &EvalSettings) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let items: Vec<serde_json::Value> = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a JSON array of examples", path.display()))?;
    let (mut total, mut top_right, mut any_right, mut none) = (0usize, 0usize, 0usize, 0usize);
    let mut per: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let mut wrong = Vec::new();
    for it in &items {
        let (Some(t), Some(ev)) = (it["text"].as_str(), it["event"].as_str()) else {
            continue;
        };
        let want = plover_name(ev);
        if matches!(want, "DOCUMENT" | "INVESTIGATE") {
            continue;
        }
        total += 1;
        let doc = fulcrum_extract::extract_text(t);
        let mut events: Vec<_> = coder
            .code_document(&doc, "example", it["date"].as_str())
            .into_iter()
            .filter(|e| e.plover.is_some())
            .collect();
        events.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        let e = per.entry(want.to_string()).or_default();
        e.0 += 1;
        match events.first() {
            None => none += 1,
            Some(top) => {
                if top.plover.as_deref() == Some(want) {
                    top_right += 1;
                    e.1 += 1;
                } else {
                    wrong.push(format!(
                        "{want} coded as {} ({}): {t}",
                        top.plover.clone().unwrap_or_default(),
                        top.rule
                    ));
                }
                if events.iter().any(|x| x.plover.as_deref() == Some(want)) {
                    any_right += 1;
                }
            }
        }
    }
    let pct = |n: usize| {
        if total == 0 {
            0.0
        } else {
            n as f64 * 100.0 / total as f64
        }
    };
    if s.json {
        let by_type: serde_json::Map<String, serde_json::Value> = per
            .iter()
            .map(|(k, (n, r))| {
                (
                    k.clone(),
                    serde_json::json!({"examples": n, "top_type_right": r}),
                )
            })
            .collect();
        say!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({"examples": total, "top_type_accuracy": pct(top_right) / 100.0, "any_event_of_type": any_right, "no_event": none, "by_type": by_type})
            )?
        );
    } else {
        say!("{total} examples: most confident event of the right type {top_right} ({:.1}%), some event of the right type {any_right} ({:.1}%), no event {none} ({:.1}%)", pct(top_right), pct(any_right), pct(none));
        for (k, (n, r)) in &per {
            say!("  {k:<10} {r:>3}/{n:<3}");
        }
        if s.verbose {
            for w in &wrong {
                say!("  {w}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run(s: &EvalSettings) -> anyhow::Result<ExitCode> {
    let mut coder = Coder::new(s.dict.as_deref())?;
    let (gold, docs) = match &s.target {
        EvalTarget::PloverExamples(p) => {
            // Many PLOVER examples have no target ("Russia vetoed the resolution"), so events
            // whose target is unknown are read too.
            coder.null_targets = true;
            return plover_examples(&coder, p, s);
        }
        EvalTarget::Gold { gold, docs } => (read_gold(gold)?, docs),
    };
    let index = match &s.index {
        Some(p) => read_index(p)?,
        None => HashMap::new(),
    };
    let r = evaluate(&coder, &gold, docs, &index);
    if s.json {
        let mut v = serde_json::to_value(&r)?;
        if !s.verbose {
            v.as_object_mut()
                .map(|o| (o.remove("misses"), o.remove("spurious")));
        }
        say!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    say!(
        "{:<12} {:>4} {:>4} {:>4} {:>6} {:>6} {:>6}",
        "type",
        "tp",
        "fp",
        "fn",
        "prec",
        "rec",
        "f1"
    );
    for (t, c) in r
        .by_type
        .iter()
        .chain(std::iter::once((&"OVERALL".to_string(), &r.overall)))
    {
        say!(
            "{:<12} {:>4} {:>4} {:>4} {:>6.3} {:>6.3} {:>6.3}",
            t,
            c.true_positives,
            c.false_positives,
            c.false_negatives,
            c.precision,
            c.recall,
            c.f1
        );
    }
    say!("optional gold matched (not scored): {}", r.matched_optional);
    say!(
        "dates correct on matched events: {}/{}",
        r.dates_correct,
        r.dates_scored
    );
    say!(
        "factuality correct on matched events: {}/{}",
        r.factuality_correct,
        r.factuality_scored
    );
    if s.verbose {
        say!("\nMISSED ({}):", r.misses.len());
        for m in &r.misses {
            say!(
                "  [{}] {} -> {} {}  | {}",
                m.doc,
                m.source,
                m.target,
                m.plover,
                m.sentence
            );
        }
        say!("\nSPURIOUS ({}):", r.spurious.len());
        for m in &r.spurious {
            say!(
                "  [{}] {} -> {} {} ({})  | {}",
                m.doc,
                m.source,
                m.target,
                m.plover,
                m.rule,
                m.sentence
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
