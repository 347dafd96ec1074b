//! Trains the dependency parser on UD English-EWT and writes the model that the crate embeds.
//!
//! Usage: `cargo run --release --bin train-parser [TREEBANK_DIR]`. The treebank directory
//! defaults to `/work/shared/treebank/ud-english-ewt` (or `$FULCRUM_EWT_DIR`) and must hold
//! `en_ewt-ud-{train,dev,test}.conllu`. The parser is trained on the train split for up to
//! `$FULCRUM_PARSER_EPOCHS` epochs (default 15), the epoch with the best labelled attachment
//! score on the dev split is kept, and the test split is scored at the end together with the
//! parsing speed.

use std::path::{Path, PathBuf};
use std::time::Instant;

use fulcrum_syntax::conllu::{self, Word};
use fulcrum_syntax::parser::{Arc, Parser, Trainer, DEFAULT_PRUNE};

/// Attachment scores over a set of sentences.
#[derive(Default)]
struct Scores {
    words: usize,
    unlabelled: usize,
    labelled: usize,
    words_no_punct: usize,
    unlabelled_no_punct: usize,
    labelled_no_punct: usize,
}

impl Scores {
    fn add(&mut self, gold: &[Word], arcs: &[Arc]) {
        for (g, a) in gold.iter().zip(arcs) {
            let u = g.head == a.head;
            let l = u && g.deprel == a.deprel;
            self.words += 1;
            self.unlabelled += usize::from(u);
            self.labelled += usize::from(l);
            if g.upos != "PUNCT" {
                self.words_no_punct += 1;
                self.unlabelled_no_punct += usize::from(u);
                self.labelled_no_punct += usize::from(l);
            }
        }
    }

    fn uas(&self) -> f64 {
        100.0 * self.unlabelled as f64 / self.words.max(1) as f64
    }

    fn las(&self) -> f64 {
        100.0 * self.labelled as f64 / self.words.max(1) as f64
    }

    fn report(&self, what: &str) {
        println!(
            "{what}: UAS {:.2}  LAS {:.2}  (without punctuation: UAS {:.2}  LAS {:.2}; {} words)",
            self.uas(),
            self.las(),
            100.0 * self.unlabelled_no_punct as f64 / self.words_no_punct.max(1) as f64,
            100.0 * self.labelled_no_punct as f64 / self.words_no_punct.max(1) as f64,
            self.words
        );
    }
}

/// Scores a parser on sentences with their gold tags.
fn evaluate(parser: &Parser, sentences: &[Vec<Word>]) -> Scores {
    let mut scores = Scores::default();
    for s in sentences {
        let (w, u, x) = columns(s);
        scores.add(s, &parser.parse(&w, &u, &x));
    }
    scores
}

/// The word, UPOS and XPOS columns of a sentence.
fn columns(s: &[Word]) -> (Vec<&str>, Vec<&str>, Vec<&str>) {
    (
        s.iter().map(|w| w.form.as_str()).collect(),
        s.iter().map(|w| w.upos.as_str()).collect(),
        s.iter().map(|w| w.xpos.as_str()).collect(),
    )
}

fn read(dir: &Path, split: &str) -> Vec<Vec<Word>> {
    let path = dir.join(format!("en_ewt-ud-{split}.conllu"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    conllu::parse(&text)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let eval_only = args.iter().any(|a| a == "--eval-only");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .or_else(|| std::env::var("FULCRUM_EWT_DIR").ok())
        .unwrap_or_else(|| "/work/shared/treebank/ud-english-ewt".to_string());
    let dir = PathBuf::from(dir);
    let max_epochs: usize = std::env::var("FULCRUM_PARSER_EPOCHS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15)
        .max(1);
    let prune: f32 = std::env::var("FULCRUM_PARSER_PRUNE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_PRUNE);
    let train = read(&dir, "train");
    let dev = read(&dir, "dev");
    let test = read(&dir, "test");

    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models/parser.bin.gz");
    let parser = if eval_only {
        let bytes = std::fs::read(&model)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", model.display()));
        Parser::from_bytes(&bytes).expect("the committed model decodes")
    } else {
        train_and_write(&train, &dev, &model, max_epochs, prune)
    };

    evaluate(&parser, &dev).report("dev, gold tags");
    evaluate(&parser, &test).report("test, gold tags");

    // Speed: parse the test split with gold tags, single-threaded, a few times over.
    let cols: Vec<_> = test.iter().map(|s| columns(s)).collect();
    let tokens: usize = test.iter().map(|s| s.len()).sum();
    let rounds = 5;
    let start = Instant::now();
    let mut heads = 0usize;
    for _ in 0..rounds {
        for (w, u, x) in &cols {
            heads += parser.parse(w, u, x).iter().map(|a| a.head).sum::<usize>();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "speed: {:.0} sentences/s, {:.0} tokens/s (one thread; checksum {heads})",
        (rounds * test.len()) as f64 / secs,
        (rounds * tokens) as f64 / secs
    );
}

/// Trains for up to `max_epochs` epochs, keeps the epoch with the best dev LAS, writes it to
/// `out` and returns the model as decoded from the written bytes.
fn train_and_write(
    train: &[Vec<Word>],
    dev: &[Vec<Word>],
    out: &Path,
    max_epochs: usize,
    prune: f32,
) -> Parser {
    let started = Instant::now();
    let mut trainer = Trainer::new(train);
    println!(
        "training on {} of {} sentences ({} skipped as non-projective)",
        trainer.sentences(),
        train.len(),
        trainer.skipped_nonprojective()
    );
    let mut best: Option<(f64, usize, Parser)> = None;
    for epoch in 1..=max_epochs {
        trainer.epoch();
        let parser = trainer.to_parser(prune);
        let scores = evaluate(&parser, dev);
        println!(
            "epoch {epoch:2}: dev UAS {:.2} LAS {:.2}  ({:.0} s)",
            scores.uas(),
            scores.las(),
            started.elapsed().as_secs_f64()
        );
        if best.as_ref().map_or(true, |b| scores.las() > b.0) {
            best = Some((scores.las(), epoch, parser));
        }
    }
    if std::env::var("FULCRUM_PARSER_PRUNE_SWEEP").is_ok() {
        for prune in [0.5f32, 0.75, 1.0, 1.25, 1.5] {
            let p = trainer.to_parser(prune);
            let s = evaluate(&p, dev);
            let bytes = p.to_bytes().len();
            let cols: Vec<_> = dev.iter().map(|s| columns(s)).collect();
            let start = Instant::now();
            for _ in 0..3 {
                for (w, u, x) in &cols {
                    std::hint::black_box(p.parse(w, u, x));
                }
            }
            let rate = (3 * dev.len()) as f64 / start.elapsed().as_secs_f64();
            println!(
                "prune {prune}: dev UAS {:.2} LAS {:.2}, {bytes} bytes, {rate:.0} sentences/s, {p:?}",
                s.uas(),
                s.las()
            );
        }
    }
    let (_, epoch, parser) = best.expect("at least one epoch is run");
    println!("keeping epoch {epoch}: {parser:?}");

    let bytes = parser.to_bytes();
    std::fs::write(out, &bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    println!("wrote {} ({} bytes)", out.display(), bytes.len());
    Parser::from_bytes(&bytes).expect("the model just written decodes")
}
