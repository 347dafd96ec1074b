//! Whole-document acceptance on the seed article and the dev set in `../shared/`.
//!
//! These read third-party text that is not part of the repository; when `../shared/` is
//! absent (a user's clone) they print why and pass without checking anything.

use std::path::{Path, PathBuf};

// The acceptance targets of the core pipeline: 15 of the 17 required seed events at
// precision 0.8, and precision 0.75 with recall 0.55 on news-dev.
const SEED_TRUE_POSITIVES: u64 = 15;
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
}
