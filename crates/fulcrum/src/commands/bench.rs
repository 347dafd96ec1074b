//! `fulcrum bench`: throughput of the whole path from raw page to events.
//!
//! The corpus is generated from the articles of a folder (the bundled examples by default):
//! their paragraphs are shuffled deterministically into new articles until the corpus reaches
//! the requested size, so the text is realistic news prose and no third-party text is needed.

use crate::cli::{BenchSettings, IngestSettings};
use crate::input::collect;
use crate::limits::DocLimits;
use fulcrum_events::Coder;
use rayon::prelude::*;
use std::process::ExitCode;
use std::time::Instant;

/// Peak resident memory of this process in megabytes (Linux), from /proc.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn corpus(from: &std::path::Path, megabytes: usize) -> Vec<String> {
    let mut paras: Vec<String> = Vec::new();
    for i in collect(&[from.to_path_buf()]) {
        let Some(p) = &i.path else { continue };
        let Ok(bytes) = std::fs::read(p) else {
            continue;
        };
        let doc = fulcrum_extract::extract(&bytes, p.to_str());
        paras.extend(doc.paragraphs.iter().filter(|p| p.len() > 40).cloned());
    }
    if paras.is_empty() {
        paras.push("North Korean leader Kim Jong Un met Chinese President Xi Jinping in Beijing on Tuesday, state media said.".into());
    }
    let target = megabytes * 1024 * 1024;
    let mut out = Vec::new();
    let mut total = 0;
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    while total < target {
        let mut article = String::from("Generated Article For Throughput Measurement\n\n");
        for _ in 0..8 {
            // A small deterministic generator (xorshift) picks the paragraphs.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            article.push_str(&paras[(state % paras.len() as u64) as usize]);
            article.push_str("\n\n");
        }
        total += article.len();
        out.push(article);
    }
    out
}

pub fn run(s: &BenchSettings) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let coder = Coder::new(None)?;
    // Warm the lazily decoded models so start-up is measured in full.
    let warm = fulcrum_extract::extract(b"Russia seized three Ukrainian ships.", None);
    let _ = coder.code_document(&warm, "warm", None);
    let startup = t0.elapsed();
    let docs = corpus(&s.from, s.megabytes);
    let bytes: usize = docs.iter().map(String::len).sum();
    say!(
        "corpus: {} articles, {:.1} MB; start-up (dictionaries and models): {:.0} ms",
        docs.len(),
        bytes as f64 / 1e6,
        startup.as_secs_f64() * 1000.0
    );
    let run = |threads: usize| -> anyhow::Result<f64> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()?;
        let t = Instant::now();
        let (sentences, events) = pool.install(|| {
            docs.par_iter()
                .map(|d| {
                    let doc = fulcrum_extract::extract(d.as_bytes(), None);
                    let n: usize = doc
                        .blocks
                        .iter()
                        .map(|b| fulcrum_text::split_sentences(&b.text).len())
                        .sum();
                    (
                        n,
                        coder.code_document(&doc, "bench", Some("2018-05-01")).len(),
                    )
                })
                .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        });
        let secs = t.elapsed().as_secs_f64();
        say!(
            "{threads} thread(s): {:.0} articles/s, {:.0} sentences/s, {:.2} MB/s, {} events, {:.2} s",
            docs.len() as f64 / secs,
            sentences as f64 / secs,
            bytes as f64 / 1e6 / secs,
            events,
            secs
        );
        Ok(secs)
    };
    run(1)?;
    let all = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let coding_secs = if all > 1 { run(all)? } else { run(1)? };
    // Ingest: the same corpus through the store, on all threads, into a fresh SQLite file and
    // into each store given with --db (which must be empty: the benchmark does not clear a
    // store it did not create).
    let dir = std::env::temp_dir().join(format!("fulcrum-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut targets = vec![dir.join("bench.db").display().to_string()];
    targets.extend(s.stores.iter().cloned());
    for (i, db) in targets.iter().enumerate() {
        let mut store = fulcrum_store::Store::open(db)?;
        if store.counts()?.0 > 0 {
            anyhow::bail!("--db {db}: the benchmark needs an empty store; give a fresh database");
        }
        let settings = IngestSettings {
            sources: Vec::new(),
            db: db.clone(),
            published: Some("2018-05-01".into()),
            dict: None,
            limits: DocLimits {
                max_decompressed_bytes: 1 << 30,
                ..DocLimits::default()
            },
            threads: None,
            batch: 64,
            window_days: fulcrum_store::DEFAULT_WINDOW_DAYS,
            quiet: true,
        };
        let raw = docs.iter().enumerate().map(|(n, d)| {
            Ok(fulcrum_read::RawDoc {
                origin: format!("bench#{n}"),
                url: None,
                published: None,
                captured: None,
                title: None,
                body: fulcrum_read::Body::Text(d.clone()),
            })
        });
        let t = Instant::now();
        let sum = super::ingest::ingest_docs(&mut store, &coder, &settings, raw, None)?;
        let secs = t.elapsed().as_secs_f64();
        say!(
            "ingest into {} ({} threads): {:.0} documents/s, {:.0} events/s, {} documents, {} events, {:.2} s — {:.0}% of the speed of coding alone",
            if i == 0 { "SQLite".to_string() } else { fulcrum_store::redact(db) },
            all,
            (sum.new + sum.unchanged) as f64 / secs,
            sum.events as f64 / secs,
            sum.new + sum.unchanged,
            sum.events,
            secs,
            100.0 * coding_secs / secs
        );
        if i > 0 {
            store.clear()?;
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    if let Some(mb) = peak_rss_mb() {
        say!("peak resident memory: {mb:.0} MB");
    }
    Ok(ExitCode::SUCCESS)
}
