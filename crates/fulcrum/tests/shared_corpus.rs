//! Whole-document acceptance on the seed article and the dev set in `../shared/`.
//!
//! These read third-party text that is not part of the repository; when `../shared/` is
//! absent (a user's clone) they print why and pass without checking anything.

use std::path::{Path, PathBuf};

// Floors: all 17 required seed events at precision 0.8, and the core pipeline's targets on
// news-dev, precision 0.75 with recall 0.55.
const SEED_TRUE_POSITIVES: u64 = 17;
const SEED_PRECISION: f64 = 0.8;
const DEV_PRECISION: f64 = 0.75;
const DEV_RECALL: f64 = 0.55;
use std::process::Command;

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join("seed/article.txt").is_file() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared/ is not beside the repository, so the seed and dev set cannot be read");
        None
    }
}

fn eval(gold: &Path, docs: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_fulcrum"))
        .args(["eval", "--json", "--verbose", "--gold"])
        .arg(gold)
        .arg("--docs")
        .arg(docs)
        .output()
        .expect("fulcrum runs");
    assert!(
        out.status.success(),
        "eval failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("eval prints JSON")
}

fn summary(name: &str, r: &serde_json::Value) -> (f64, f64, u64) {
    let o = &r["overall"];
    let (p, rc, tp) = (
        o["precision"].as_f64().unwrap(),
        o["recall"].as_f64().unwrap(),
        o["true_positives"].as_u64().unwrap(),
    );
    eprintln!(
        "{name}: precision {p:.3} recall {rc:.3} (tp {tp}, fp {}, fn {})",
        o["false_positives"], o["false_negatives"]
    );
    for m in r["misses"].as_array().unwrap() {
        eprintln!(
            "  missed   {} -> {} {} | {}",
            m["source"], m["target"], m["plover"], m["sentence"]
        );
    }
    for m in r["spurious"].as_array().unwrap() {
        eprintln!(
            "  spurious {} -> {} {} ({}) | {}",
            m["source"], m["target"], m["plover"], m["rule"], m["sentence"]
        );
    }
    (p, rc, tp)
}

#[test]
fn seed_article_events() {
    let Some(shared) = shared() else { return };
    // The seed's gold refers to the document "article": code a folder holding just it.
    let dir = std::env::temp_dir().join(format!("fulcrum-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(shared.join("seed/article.txt"), dir.join("article.txt")).unwrap();
    let r = eval(&shared.join("seed/gold-events.jsonl"), &dir);
    std::fs::remove_dir_all(&dir).ok();
    let (p, _, tp) = summary("seed", &r);
    assert!(
        tp >= SEED_TRUE_POSITIVES,
        "seed: {tp} of the 17 required events found; the floor is {SEED_TRUE_POSITIVES}"
    );
    assert!(
        p >= SEED_PRECISION,
        "seed: precision {p:.3} is under {SEED_PRECISION}"
    );
    // Time and certainty: every matched event's factuality right, and all dates but the one
    // whose gold interval (1950–1972 for a visit "before … 1972") the text does not give.
    let n = |k: &str| r[k].as_u64().unwrap_or(0);
    assert_eq!(
        n("factuality_correct"),
        n("factuality_scored"),
        "seed factuality"
    );
    assert!(
        n("dates_correct") + 1 >= n("dates_scored"),
        "seed: dates right {} of {}",
        n("dates_correct"),
        n("dates_scored")
    );
}

#[test]
fn dev_set_events() {
    let Some(shared) = shared() else { return };
    let dev = shared.join("eval/news-dev");
    let r = eval(&dev.join("gold-events.jsonl"), &dev.join("articles"));
    let (p, rc, _) = summary("news-dev", &r);
    assert!(
        p >= DEV_PRECISION,
        "news-dev: precision {p:.3} is under {DEV_PRECISION}"
    );
    assert!(
        rc >= DEV_RECALL,
        "news-dev: recall {rc:.3} is under {DEV_RECALL}"
    );
    // Dates and factuality of the matched events, with the index's publication dates.
    let share = |a: &str, b: &str| {
        r[a].as_u64().unwrap_or(0) as f64 / r[b].as_u64().unwrap_or(1).max(1) as f64
    };
    let dates = share("dates_correct", "dates_scored");
    let fact = share("factuality_correct", "factuality_scored");
    assert!(
        dates >= 0.85,
        "news-dev: date accuracy {dates:.3} is under 0.85"
    );
    assert!(
        fact >= 0.9,
        "news-dev: factuality accuracy {fact:.3} is under 0.9"
    );
}

/// Every quotation of the seed's gold is found as a direct quotation, with its speaker, the
/// speaker's affiliation and the cue — also where the cue is only "he said" after "The South
/// Korean scholar insisted …" — and no direct quotation is put on an unnamed group.
#[test]
fn seed_quotations_have_their_speakers() {
    let Some(shared) = shared() else { return };
    let out = Command::new(env!("CARGO_BIN_EXE_fulcrum"))
        .arg("quotes")
        .arg(shared.join("seed/article.txt"))
        .output()
        .expect("fulcrum runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .filter(|q: &serde_json::Value| q["type"] == "direct")
        .collect();
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let gold = std::fs::read_to_string(shared.join("seed/gold-quotes.jsonl")).unwrap();
    let mut wrong = Vec::new();
    let mut n = 0;
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        n += 1;
        let g: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = norm(g["quote"].as_str().unwrap());
        let Some(q) = found
            .iter()
            .find(|q| norm(q["text"].as_str().unwrap()) == text)
        else {
            wrong.push(format!("not found: {}", &text[..60]));
            continue;
        };
        let got = (
            q["speaker"]["name"].as_str().unwrap_or(""),
            q["speaker"]["affiliation"].as_str().unwrap_or(""),
            q["cue"]["text"].as_str().unwrap_or(""),
        );
        let want = (
            g["speaker"].as_str().unwrap(),
            g["affiliation"].as_str().unwrap(),
            g["cue"].as_str().unwrap(),
        );
        if got != want {
            wrong.push(format!("{}: got {got:?}, want {want:?}", &text[..60]));
        }
    }
    assert_eq!(n, 8, "the seed's gold has 8 quotations");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for q in &found {
        assert_ne!(
            q["speaker"]["kind"], "group",
            "direct quotation given to a group: {q}"
        );
    }
}
