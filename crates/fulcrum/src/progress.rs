//! Progress of long runs: a bar on a terminal, periodic plain lines otherwise (logs, CI).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    last_line: Instant,
    every: Duration,
    quiet: bool,
    pub docs: u64,
    pub events: u64,
}

impl Progress {
    /// `total` is the number of documents when it is known before reading (plain files).
    pub fn new(total: Option<u64>, quiet: bool) -> Progress {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = match total {
                Some(n) => ProgressBar::new(n).with_style(
                    ProgressStyle::with_template(
                        "{bar:30} {pos}/{len} documents · {msg} · {per_sec} · ETA {eta}",
                    )
                    .expect("the template is valid"),
                ),
                None => ProgressBar::new_spinner().with_style(
                    ProgressStyle::with_template("{spinner} {pos} documents · {msg} · {per_sec}")
                        .expect("the template is valid"),
                ),
            };
            bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
            bar
        });
        Progress {
            bar,
            start: Instant::now(),
            last_line: Instant::now(),
            every: Duration::from_secs(5),
            quiet,
            docs: 0,
            events: 0,
        }
    }

    /// Counts finished documents and events.
    pub fn add(&mut self, docs: u64, events: u64) {
        self.docs += docs;
        self.events += events;
        if let Some(b) = &self.bar {
            b.inc(docs);
            b.set_message(format!("{} events", self.events));
        } else if !self.quiet && self.last_line.elapsed() >= self.every {
            self.last_line = Instant::now();
            let secs = self.start.elapsed().as_secs_f64().max(1e-9);
            eprintln!(
                "fulcrum: {} documents, {} events ({:.0} documents/s)",
                self.docs,
                self.events,
                self.docs as f64 / secs
            );
        }
    }

    /// Prints a message without tearing the bar.
    pub fn note(&self, msg: &str) {
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{msg}")),
            None => eprintln!("{msg}"),
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
