//! Trains the dependency parser on UD English-EWT and writes the model that the crate embeds.
//!
//! Usage: `cargo run --release --bin train-parser [--eval-only] [TREEBANK_DIR]`.
//!
//! The treebank directory defaults to `$FULCRUM_EWT_DIR` or
//! `../shared/treebank/ud-english-ewt` (beside the repository) and must hold `en_ewt-ud-{train,dev,test}.conllu`.
//!
//! In the real pipeline the parser sees tags predicted by the crate's tagger, not gold ones, so
//! it is trained on *jackknifed* tags: the train split is cut into `$FULCRUM_PARSER_FOLDS` folds
//! (default 10; 0 trains on gold tags only) and each fold is tagged by a tagger trained on the
//! other folds, so that the tags carry realistic errors. The gold-tagged sentences are added
//! too, which was measured to keep the accuracy with predicted tags and to gain half a point
//! with gold ones. Training runs for up to `$FULCRUM_PARSER_EPOCHS` epochs (default 15); the
//! epoch with the best labelled attachment score on the dev split (averaged over gold tags and
//! tags predicted by the embedded tagger) is written to `data/models/parser.bin.gz`. Finally the
//! dev and test splits are scored with gold and with predicted tags, and parsing speed is
//! measured on one thread.
//!
//! `--eval-only` skips training and scores the committed model.

use std::path::{Path, PathBuf};
use std::time::Instant;

use fulcrum_syntax::conllu::{self, Word};
use fulcrum_syntax::parser::{Arc, Parser, Trainer, DEFAULT_PRUNE};
use fulcrum_syntax::tagger::{self, Tagger};

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
            if g.deprel != "punct" {
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

/// Scores a parser on sentences, using the tags they carry.
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

/// Copies of `sentences` whose UPOS and XPOS are replaced by the tagger's predictions.
fn retag(sentences: &[Vec<Word>], tagger: &Tagger) -> Vec<Vec<Word>> {
    sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.iter().map(|w| w.form.as_str()).collect();
            let tags = tagger.tag(&words);
            s.iter()
                .zip(tags)
                .map(|(w, t)| Word {
                    upos: t.upos.as_str().to_string(),
                    xpos: t.xpos.to_string(),
                    ..w.clone()
                })
                .collect()
        })
        .collect()
}

/// Percentages of UPOS and XPOS tags of `predicted` that match `gold`.
fn tag_accuracy(gold: &[Vec<Word>], predicted: &[Vec<Word>]) -> (f64, f64) {
    let (mut u, mut x, mut n) = (0usize, 0usize, 0usize);
    for (g, p) in gold.iter().zip(predicted) {
        for (g, p) in g.iter().zip(p) {
            n += 1;
            u += usize::from(g.upos == p.upos);
            x += usize::from(g.xpos == p.xpos);
        }
    }
    let pct = |k: usize| 100.0 * k as f64 / n.max(1) as f64;
    (pct(u), pct(x))
}

/// Tags every sentence of `train` with a tagger trained on the other folds.
fn jackknife(train: &[Vec<Word>], folds: usize, tagger_epochs: usize) -> Vec<Vec<Word>> {
    let mut out = train.to_vec();
    for k in 0..folds {
        let started = Instant::now();
        let rest: Vec<Vec<Word>> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, s)| s.clone())
            .collect();
        let fold_tagger = tagger::train(&rest, tagger_epochs);
        let held_out: Vec<usize> = (k..train.len()).step_by(folds).collect();
        let tagged = retag(
            &held_out
                .iter()
                .map(|&i| train[i].clone())
                .collect::<Vec<_>>(),
            &fold_tagger,
        );
        for (i, s) in held_out.into_iter().zip(tagged) {
            out[i] = s;
        }
        println!(
            "jackknife fold {}/{folds}: {:.0} s",
            k + 1,
            started.elapsed().as_secs_f64()
        );
    }
    out
}

/// Prints precision and recall (head and label both right) of the relations the event coder
/// relies on, plus how often the parser had to attach a stranded word with the fallback `dep`.
fn label_report(parser: &Parser, sentences: &[Vec<Word>]) {
    const KEY: [&str; 12] = [
        "root",
        "nsubj",
        "obj",
        "iobj",
        "nsubj:pass",
        "obl:agent",
        "obl",
        "nmod:poss",
        "compound:prt",
        "compound",
        "conj",
        "acl:relcl",
    ];
    let mut counts = [(0usize, 0usize, 0usize); KEY.len()];
    let (mut fallback, mut words) = (0usize, 0usize);
    for s in sentences {
        let (w, u, x) = columns(s);
        let arcs = parser.parse(&w, &u, &x);
        for (g, a) in s.iter().zip(&arcs) {
            words += 1;
            fallback += usize::from(a.deprel == "dep");
            for (k, c) in KEY.iter().zip(counts.iter_mut()) {
                c.0 += usize::from(g.deprel == *k);
                c.1 += usize::from(a.deprel == *k);
                c.2 += usize::from(g.deprel == *k && a.deprel == *k && g.head == a.head);
            }
        }
    }
    println!("test, predicted tags, per relation (precision / recall, head and label right):");
    for (k, (gold, predicted, right)) in KEY.iter().zip(counts) {
        println!(
            "  {k:13} {:6.2} / {:6.2}  ({gold} in gold)",
            100.0 * right as f64 / predicted.max(1) as f64,
            100.0 * right as f64 / gold.max(1) as f64
        );
    }
    println!("  words attached by the `dep` fallback: {fallback} of {words}");
}

fn read(dir: &Path, split: &str) -> Vec<Vec<Word>> {
    let path = dir.join(format!("en_ewt-ud-{split}.conllu"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    conllu::parse(&text)
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let eval_only = args.iter().any(|a| a == "--eval-only");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .or_else(|| std::env::var("FULCRUM_EWT_DIR").ok())
        .unwrap_or_else(|| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/treebank/ud-english-ewt"
            )
            .to_string()
        });
    let dir = PathBuf::from(dir);
    let max_epochs: usize = env_or("FULCRUM_PARSER_EPOCHS", 15).max(1);
    let prune: f32 = env_or("FULCRUM_PARSER_PRUNE", DEFAULT_PRUNE);
    let folds: usize = env_or("FULCRUM_PARSER_FOLDS", 10);
    let tagger_epochs: usize = env_or("FULCRUM_PARSER_TAGGER_EPOCHS", 8);

    let train = read(&dir, "train");
    let dev = read(&dir, "dev");
    let test = read(&dir, "test");
    let tagger = Tagger::embedded();
    let dev_tagged = retag(&dev, tagger);
    let test_tagged = retag(&test, tagger);

    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models/parser.bin.gz");
    let parser = if eval_only {
        let bytes = std::fs::read(&model)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", model.display()));
        Parser::from_bytes(&bytes).expect("the committed model decodes")
    } else {
        let started = Instant::now();
        let mut training = if folds >= 2 {
            let tagged = jackknife(&train, folds, tagger_epochs);
            let (u, x) = tag_accuracy(&train, &tagged);
            println!("jackknifed train tags: UPOS {u:.2}%  XPOS {x:.2}%");
            tagged
        } else {
            train.clone()
        };
        if folds >= 2 {
            // Gold-tagged copies as well: as accurate with predicted tags, better with gold.
            training.extend(train.iter().cloned());
        }
        let parser = train_and_write(&training, &dev_tagged, &dev, &model, max_epochs, prune);
        println!(
            "training took {:.0} s in all",
            started.elapsed().as_secs_f64()
        );
        parser
    };

    label_report(&parser, &test_tagged);
    let (u, x) = tag_accuracy(&test, &test_tagged);
    println!("embedded tagger on test: UPOS {u:.2}%  XPOS {x:.2}%");
    evaluate(&parser, &dev).report("dev, gold tags");
    evaluate(&parser, &dev_tagged).report("dev, predicted tags");
    evaluate(&parser, &test).report("test, gold tags");
    evaluate(&parser, &test_tagged).report("test, predicted tags");

    // Speed, on one thread: the parser alone (gold tags), then tagger and parser together as in
    // the pipeline. The machine may be shared, so CPU time is reported beside wall-clock time.
    let cols: Vec<_> = test.iter().map(|s| columns(s)).collect();
    let tokens: usize = test.iter().map(|s| s.len()).sum();
    let rounds = 5;
    let mut checksum = 0usize;
    let timed = |label: &str, run: &mut dyn FnMut()| {
        let (wall, cpu) = (Instant::now(), thread_cpu_seconds());
        for _ in 0..rounds {
            run();
        }
        let wall = wall.elapsed().as_secs_f64();
        let rate = |secs: f64| {
            format!(
                "{:.0} sentences/s, {:.0} tokens/s",
                (rounds * test.len()) as f64 / secs,
                (rounds * tokens) as f64 / secs
            )
        };
        match (cpu, thread_cpu_seconds()) {
            (Some(a), Some(b)) => println!(
                "{label}: {} by CPU time ({} by wall clock)",
                rate(b - a),
                rate(wall)
            ),
            _ => println!("{label}: {} by wall clock", rate(wall)),
        }
    };
    timed("parser speed (one thread)", &mut || {
        for (w, u, x) in &cols {
            checksum += parser.parse(w, u, x).iter().map(|a| a.head).sum::<usize>();
        }
    });
    timed("tagger + parser speed (one thread)", &mut || {
        for (w, _, _) in &cols {
            let tags = tagger.tag(w);
            let upos: Vec<&str> = tags.iter().map(|t| t.upos.as_str()).collect();
            let xpos: Vec<&str> = tags.iter().map(|t| t.xpos).collect();
            checksum += parser.parse(w, &upos, &xpos).len();
        }
    });
    std::hint::black_box(checksum);
}

/// CPU time consumed so far by the calling thread, from Linux's `/proc/thread-self/schedstat`
/// (`None` elsewhere).
fn thread_cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Trains for up to `max_epochs` epochs, keeps the epoch with the best dev LAS (the mean of
/// the LAS with predicted and with gold tags, which is steadier than either), writes it to
/// `out` and returns the model as decoded from the written bytes.
fn train_and_write(
    train: &[Vec<Word>],
    dev_tagged: &[Vec<Word>],
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
        let predicted = evaluate(&parser, dev_tagged);
        let gold = evaluate(&parser, dev);
        let las = (predicted.las() + gold.las()) / 2.0;
        println!(
            "epoch {epoch:2}: dev LAS {:.2} with predicted tags, {:.2} with gold ones  ({:.0} s)",
            predicted.las(),
            gold.las(),
            started.elapsed().as_secs_f64()
        );
        let improved = match &best {
            Some((best_las, _, _)) => las > *best_las,
            None => true,
        };
        if improved {
            best = Some((las, epoch, parser));
        }
    }
    let (_, epoch, parser) = best.expect("at least one epoch is run");
    println!("keeping epoch {epoch}: {parser:?}");

    let bytes = parser.to_bytes();
    std::fs::write(out, &bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    println!("wrote {} ({} bytes)", out.display(), bytes.len());
    Parser::from_bytes(&bytes).expect("the model just written decodes")
}
