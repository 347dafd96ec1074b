//! `fulcrum bench`: throughput of the whole path from raw page to events.
//!
//! The corpus is generated from the articles of a folder (the bundled examples by default):
//! their paragraphs are shuffled deterministically into new articles until the corpus reaches
//! the requested size, so the text is realistic news prose and no third-party text is needed.

use crate::cli::BenchSettings;
use crate::input::collect;
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
    let run = |threads: usize| -> anyhow::Result<()> {
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
        Ok(())
    };
    run(1)?;
    let all = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    if all > 1 {
        run(all)?;
    }
    if let Some(mb) = peak_rss_mb() {
        say!("peak resident memory: {mb:.0} MB");
    }
    Ok(ExitCode::SUCCESS)
}
