//! Trains the part-of-speech tagger and builds the lemma lexicon from UD English-EWT.
//!
//! Usage: `cargo run --release --bin train-tagger [TREEBANK_DIR] [MODELS_DIR]`. By default it
//! reads `../shared/treebank/ud-english-ewt` (beside the repository) and writes `tagger.bin.gz` and
//! `lemmas.tsv.gz` to the workspace's `data/models`. The number of epochs is chosen on the
//! dev split; the scores printed at the end are on the test split, which training never sees.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use fulcrum_syntax::conllu::{self, Word};
use fulcrum_syntax::lemma::LemmaLexicon;
use fulcrum_syntax::tagger::{self, Tag, Tagger, Upos};

/// Upper bound on training epochs; the best epoch on dev is kept.
const MAX_EPOCHS: usize = 15;

fn read_split(dir: &Path, split: &str) -> Vec<Vec<Word>> {
    let path = dir.join(format!("en_ewt-ud-{split}.conllu"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    conllu::parse(&text)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).expect("writing to memory cannot fail");
    gz.finish().expect("writing to memory cannot fail")
}

/// Tagging accuracy in percent.
struct Accuracy {
    upos: f64,
    xpos: f64,
    tokens: usize,
}

/// Accuracy of `tagger` on `sentences`. With `upper`, the words are upper-cased first (to
/// measure all-capitals headlines); with `vocabulary`, only words whose lowercased form is
/// not in it are counted (to measure unknown words).
fn accuracy(
    tagger: &Tagger,
    sentences: &[Vec<Word>],
    upper: bool,
    vocabulary: Option<&HashSet<String>>,
) -> Accuracy {
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
        let words: Vec<&str> = forms.iter().map(String::as_str).collect();
        for (t, g) in tagger.tag(&words).iter().zip(s) {
            if vocabulary.is_some_and(|v| v.contains(&g.form.to_lowercase())) {
                continue;
            }
            n += 1;
            u += usize::from(t.upos.as_str() == g.upos);
            x += usize::from(t.xpos == g.xpos);
        }
    }
    let d = n.max(1) as f64 / 100.0;
    Accuracy {
        upos: u as f64 / d,
        xpos: x as f64 / d,
        tokens: n,
    }
}

/// CPU time this thread has run for, in seconds, from Linux's scheduler statistics; `None`
/// elsewhere. Timing by CPU time rather than the wall clock keeps the speed figure
/// meaningful on a machine shared with other jobs.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Tagging speed on `sentences` in tokens and sentences per second: the best of five passes
/// on one thread, timed by CPU time where available.
fn speed(tagger: &Tagger, sentences: &[Vec<Word>]) -> (f64, f64) {
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let tokens: usize = words.iter().map(Vec::len).sum();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        let cpu_start = thread_cpu_seconds();
        let mut tagged = 0usize;
        for s in &words {
            tagged += tagger.tag(s).len();
        }
        assert_eq!(tagged, tokens);
        let elapsed = match (cpu_start, thread_cpu_seconds()) {
            (Some(a), Some(b)) if b > a => b - a,
            _ => start.elapsed().as_secs_f64(),
        };
        best = best.min(elapsed);
    }
    (tokens as f64 / best, words.len() as f64 / best)
}

/// Lemma accuracy in percent and the number of tokens counted, against the treebank's lemmas
/// lowercased. Proper nouns are left out, since this crate keeps their form by convention.
/// With `tagger`, predicted tags are used instead of the gold ones; with `unseen_only`, only
/// words the lexicon does not contain are counted.
fn lemma_accuracy(
    lexicon: &LemmaLexicon,
    sentences: &[Vec<Word>],
    tagger: Option<&Tagger>,
    unseen_only: bool,
) -> (f64, usize) {
    let (mut n, mut ok) = (0usize, 0usize);
    for s in sentences {
        let tags: Vec<Tag> = match tagger {
            Some(t) => t.tag(&s.iter().map(|w| w.form.as_str()).collect::<Vec<_>>()),
            None => s
                .iter()
                .map(|w| {
                    Tag::from_conllu(&w.upos, &w.xpos).unwrap_or(Tag {
                        upos: Upos::X,
                        xpos: "XX",
                    })
                })
                .collect(),
        };
        for (w, t) in s.iter().zip(tags) {
            if w.upos == "PROPN" || w.lemma == "_" || unseen_only && lexicon.contains(&w.form) {
                continue;
            }
            n += 1;
            let want = w.lemma.to_lowercase().replace('\u{2019}', "'");
            ok += usize::from(lexicon.lemma(&w.form, t) == want);
        }
    }
    (ok as f64 / n.max(1) as f64 * 100.0, n)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let treebank = PathBuf::from(args.get(1).map(String::as_str).unwrap_or(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/treebank/ud-english-ewt"
    )));
    let models = args
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models"));

    let train = read_split(&treebank, "train");
    let dev = read_split(&treebank, "dev");
    let test = read_split(&treebank, "test");
    eprintln!(
        "sentences: train {}, dev {}, test {}",
        train.len(),
        dev.len(),
        test.len()
    );

    // Train, keeping the averaged model of the epoch that is best on dev.
    let start = Instant::now();
    let mut best: Option<(f64, usize, Tagger)> = None;
    tagger::train_with_callback(&train, MAX_EPOCHS, |epoch, t| {
        let a = accuracy(t, &dev, false, None);
        eprintln!(
            "epoch {epoch:2}: dev UPOS {:.2}% XPOS {:.2}% ({:.0} s)",
            a.upos,
            a.xpos,
            start.elapsed().as_secs_f64()
        );
        let score = a.upos + a.xpos;
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, epoch, t.clone()));
        }
    });
    let (_, epochs, tagger) = best.expect("at least one epoch");

    let raw = tagger.to_bytes();
    let gz = gzip(&raw);
    std::fs::create_dir_all(&models).expect("create the models directory");
    let models = models.canonicalize().unwrap_or(models);
    let model_path = models.join("tagger.bin.gz");
    std::fs::write(&model_path, &gz).expect("write the tagger model");
    let tagger = Tagger::from_bytes(&gz).expect("the written model reads back");

    let vocabulary: HashSet<String> = train
        .iter()
        .flatten()
        .map(|w| w.form.to_lowercase())
        .collect();
    let d = accuracy(&tagger, &dev, false, None);
    let t = accuracy(&tagger, &test, false, None);
    let unknown = accuracy(&tagger, &test, false, Some(&vocabulary));
    let caps = accuracy(&tagger, &test, true, None);
    let (tokens_per_s, sentences_per_s) = speed(&tagger, &test);
    println!(
        "tagger: {} ({epochs} epochs, {tagger:?})",
        model_path.display()
    );
    println!(
        "  model size: {} bytes raw, {} bytes gzipped",
        raw.len(),
        gz.len()
    );
    println!("  dev:  UPOS {:.2}%  XPOS {:.2}%", d.upos, d.xpos);
    println!("  test: UPOS {:.2}%  XPOS {:.2}%", t.upos, t.xpos);
    println!(
        "  test, words unseen in training ({} tokens): UPOS {:.2}%  XPOS {:.2}%",
        unknown.tokens, unknown.upos, unknown.xpos
    );
    println!(
        "  test upper-cased (headline mode): UPOS {:.2}%  XPOS {:.2}%",
        caps.upos, caps.xpos
    );
    println!("  speed: {tokens_per_s:.0} tokens/s, {sentences_per_s:.0} sentences/s (one thread)");

    // The lemma lexicon.
    let lexicon = LemmaLexicon::build(&train);
    let gz = gzip(lexicon.to_tsv().as_bytes());
    let lemma_path = models.join("lemmas.tsv.gz");
    std::fs::write(&lemma_path, &gz).expect("write the lemma lexicon");
    let lexicon = LemmaLexicon::from_bytes(&gz).expect("the written lexicon reads back");
    println!(
        "lemmas: {} ({} entries, {} bytes gzipped)",
        lemma_path.display(),
        lexicon.len(),
        gz.len()
    );
    let gold = lemma_accuracy(&lexicon, &test, None, false);
    let predicted = lemma_accuracy(&lexicon, &test, Some(&tagger), false);
    let unseen = lemma_accuracy(&lexicon, &test, None, true);
    let rules = lemma_accuracy(&LemmaLexicon::default(), &test, None, false);
    println!("  test accuracy, proper nouns left out:");
    println!(
        "    gold tags {:.2}%, predicted tags {:.2}% ({} tokens)",
        gold.0, predicted.0, gold.1
    );
    println!(
        "    words not in the lexicon, gold tags: {:.2}% ({} tokens)",
        unseen.0, unseen.1
    );
    println!("    tables and rules alone, gold tags: {:.2}%", rules.0);
}
