//! Damaged input of every kind must give documents and errors, never a panic or a hang.
//!
//! Valid inputs are mutated deterministically (truncated, bytes flipped, bytes inserted, pieces
//! repeated) and read both by sniffing and under each declared kind.

mod common;

use std::io::Cursor;
use std::time::{Duration, Instant};

use common::{fixture, gzip, warc_records, zstd, Scratch};
use fulcrum_read::{read_reader, read_source, Limits, Source};

/// A small deterministic pseudo-random generator (xorshift64*), so failures can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(3) {
        match rng.below(5) {
            0 => out.truncate(rng.below(out.len() + 1)),
            1 => {
                for _ in 0..=rng.below(8) {
                    if !out.is_empty() {
                        let i = rng.below(out.len());
                        out[i] ^= 1 << rng.below(8);
                    }
                }
            }
            2 => {
                let i = rng.below(out.len() + 1);
                let junk: Vec<u8> = (0..rng.below(40)).map(|_| rng.next() as u8).collect();
                out.splice(i..i, junk);
            }
            3 => {
                let a = rng.below(out.len() + 1);
                let b = (a + rng.below(200)).min(out.len());
                let piece = out[a..b].to_vec();
                let at = rng.below(out.len() + 1);
                out.splice(at..at, piece);
            }
            _ => {
                // Markup and record syntax that readers treat specially.
                let tokens: [&[u8]; 10] = [
                    b"<item>",
                    b"</item>",
                    b"<![CDATA[",
                    b"<!--",
                    b"WARC/1.0\r\n",
                    b"Content-Length: 99999999999\r\n",
                    b"\r\n\r\n",
                    b"{\"text\":",
                    b"\"",
                    b"&#xFFFFFFFF;",
                ];
                let t = tokens[rng.below(tokens.len())];
                let i = rng.below(out.len() + 1);
                out.splice(i..i, t.iter().copied());
            }
        }
    }
    out
}

#[test]
fn mutated_inputs_never_panic_or_hang() {
    let bases: Vec<Vec<u8>> = vec![
        std::fs::read(fixture("articles.jsonl")).unwrap(),
        std::fs::read(fixture("feed.rss")).unwrap(),
        std::fs::read(fixture("feed.atom")).unwrap(),
        std::fs::read(fixture("article.html")).unwrap(),
        warc_records().concat(),
        warc_records().iter().flat_map(|r| gzip(r)).collect(),
        zstd(&std::fs::read(fixture("feed.rss")).unwrap()),
    ];
    let limits = Limits {
        max_doc_bytes: 4096,
        max_decompressed_bytes: 1 << 20,
    };
    let scratch = Scratch::new("fuzz");
    let names = [
        "x.jsonl",
        "x.xml",
        "x.warc",
        "x.html",
        "x.txt",
        "x.warc.gz",
        "x",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let start = Instant::now();
    for round in 0..300 {
        let base = &bases[round % bases.len()];
        let input = mutate(&mut rng, base);
        // Every item consumes input, so the count is bounded by the input size.
        let bound = input.len() + 10;
        let n = read_reader("-", Cursor::new(input.clone()), &limits)
            .take(bound + 1)
            .count();
        assert!(
            n <= bound,
            "round {round}: {n} items from {} bytes",
            input.len()
        );

        let name = names[rng.below(names.len())];
        let path = scratch.write(name, &input);
        let n = read_source(&Source::file(&path), &limits)
            .take(bound + 1)
            .count();
        assert!(n <= bound, "round {round} as {name}: {n} items");
    }
    assert!(start.elapsed() < Duration::from_secs(60));
}

#[test]
fn binary_noise_is_harmless() {
    let mut rng = Rng(42);
    let limits = Limits {
        max_doc_bytes: 1024,
        max_decompressed_bytes: 1 << 20,
    };
    for prefix in [
        &b""[..],
        b"WARC/1.0\r\n",
        b"{",
        b"<rss>",
        b"<feed>",
        b"\x1f\x8b",
        b"\x28\xb5\x2f\xfd",
    ] {
        for len in [0usize, 1, 17, 4096, 100_000] {
            let mut input = prefix.to_vec();
            input.extend((0..len).map(|_| rng.next() as u8));
            let items: Vec<_> = read_reader("-", Cursor::new(input), &limits)
                .take(200_000)
                .collect();
            assert!(items.len() < 200_000);
        }
    }
}
