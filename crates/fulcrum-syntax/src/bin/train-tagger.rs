//! Trains the part-of-speech tagger and builds the lemma lexicon from UD English-EWT.
//!
//! Usage: `cargo run --release --bin train-tagger [TREEBANK_DIR] [MODELS_DIR]`, by default
//! reading `/work/shared/treebank/ud-english-ewt` and writing to `data/models` of the workspace.
//! The number of epochs is chosen on the dev split; the final scores are on the test split.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use fulcrum_syntax::conllu::{self, Word};
use fulcrum_syntax::tagger::{self, Tagger};

const MAX_EPOCHS: usize = 15;

fn read_split(dir: &Path, split: &str) -> Vec<Vec<Word>> {
    let path = dir.join(format!("en_ewt-ud-{split}.conllu"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    conllu::parse(&text)
}

/// Token-level UPOS and XPOS accuracy of `tagger` on `sentences`, with an optional transform
/// of the word forms (used to measure all-capitals headlines).
fn accuracy(tagger: &Tagger, sentences: &[Vec<Word>], upper: bool) -> (f64, f64) {
    let (mut n, mut u, mut x) = (0usize, 0usize, 0usize);
    for s in sentences {
        let forms: Vec<String> = s
            .iter()
            .map(|w| {
                if upper {
                    w.form.to_uppercase()
                } else {
                    w.form.clone()
                }
            })
            .collect();
        let words: Vec<&str> = forms.iter().map(|f| f.as_str()).collect();
        for (t, g) in tagger.tag(&words).iter().zip(s) {
            n += 1;
            u += usize::from(t.upos.as_str() == g.upos);
            x += usize::from(t.xpos == g.xpos);
        }
    }
    let n = n.max(1) as f64;
    (100.0 * u as f64 / n, 100.0 * x as f64 / n)
}

/// Tokens per second of tagging `sentences` (best of three passes, one core).
fn speed(tagger: &Tagger, sentences: &[Vec<Word>]) -> f64 {
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let tokens: usize = words.iter().map(|s| s.len()).sum();
    let mut best = f64::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let mut sink = 0usize;
        for s in &words {
            sink += tagger.tag(s).len();
        }
        assert_eq!(sink, tokens);
        best = best.min(start.elapsed().as_secs_f64());
    }
    tokens as f64 / best
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let treebank = PathBuf::from(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("/work/shared/treebank/ud-english-ewt"),
    );
    let models = args.get(2).map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models")
    });

    if let Ok(model) = std::env::var("T_BENCH") {
        let t = Tagger::from_bytes(&std::fs::read(model).unwrap()).unwrap();
        let test = read_split(&treebank, "test");
        for _ in 0..10 {
            println!("{:.0} tokens/s", speed(&t, &test));
        }
        return;
    }
    let train = read_split(&treebank, "train");
    let dev = read_split(&treebank, "dev");
    let test = read_split(&treebank, "test");
    eprintln!(
        "sentences: train {}, dev {}, test {}",
        train.len(),
        dev.len(),
        test.len()
    );

    // Choose the number of epochs on dev, keeping the best averaged model.
    let start = Instant::now();
    let mut best: Option<(f64, usize, Tagger)> = None;
    let max_epochs = std::env::var("T_EPOCHS").ok().and_then(|v| v.parse().ok()).unwrap_or(MAX_EPOCHS);
    tagger::train_with_callback(&train, max_epochs, |epoch, t| {
        let (u, x) = accuracy(t, &dev, false);
        eprintln!(
            "epoch {epoch:2}: dev UPOS {u:.2}% XPOS {x:.2}% ({:.0} s)",
            start.elapsed().as_secs_f64()
        );
        let score = u + x;
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, epoch, t.clone()));
        }
    });
    let (_, epochs, tagger) = best.expect("at least one epoch");
    eprintln!("chose {epochs} epochs: {tagger:?}");

    let bytes = tagger.to_bytes();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes).expect("in-memory write");
    let gz = gz.finish().expect("in-memory write");
    std::fs::create_dir_all(&models).expect("create models directory");
    let model_path = models.join("tagger.bin.gz");
    std::fs::write(&model_path, &gz).expect("write tagger model");
    let reread = Tagger::from_bytes(&gz).expect("the written model reads back");

    let (du, dx) = accuracy(&reread, &dev, false);
    let (tu, tx) = accuracy(&reread, &test, false);
    let (cu, cx) = accuracy(&reread, &test, true);
    if std::env::var("T_CONF").is_ok() { confusions(&reread, &dev); }
    let tps = speed(&reread, &test);
    println!("tagger: {epochs} epochs, model {} bytes raw, {} bytes gzipped ({})", bytes.len(), gz.len(), model_path.display());
    println!("dev:  UPOS {du:.2}%  XPOS {dx:.2}%");
    println!("test: UPOS {tu:.2}%  XPOS {tx:.2}%");
    println!("test upper-cased (headline mode): UPOS {cu:.2}%  XPOS {cx:.2}%");
    println!("speed: {tps:.0} tokens/s (one thread)");
}

#[allow(dead_code)]
fn confusions(tagger: &Tagger, sentences: &[Vec<Word>]) {
    let mut c: std::collections::HashMap<(String, String), usize> = Default::default();
    let mut words: std::collections::HashMap<String, usize> = Default::default();
    for s in sentences {
        let w: Vec<&str> = s.iter().map(|w| w.form.as_str()).collect();
        for (t, g) in tagger.tag(&w).iter().zip(s) {
            if t.upos.as_str() != g.upos {
                *c.entry((g.upos.clone(), t.upos.as_str().to_string())).or_default() += 1;
                *words.entry(format!("{} {}->{}", g.form, g.upos, t.upos.as_str())).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = c.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1));
    for ((g, p), n) in v.iter().take(25) {
        eprintln!("{n:5} gold {g} -> {p}");
    }
    let mut v: Vec<_> = words.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1));
    for (w, n) in v.iter().take(60) {
        eprint!("{n} {w} | ");
    }
    eprintln!();
}
