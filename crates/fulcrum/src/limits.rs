//! Per-document limits on size, time and memory, shared by `code`, `ingest` and `extract`
//! (`docs/limits.md`).
//!
//! A document over a limit is skipped with a message naming the limit's flag, and the run goes
//! on. The size limit is checked before a document is read. Memory is checked twice: up front,
//! from the document's size and what coding a document of that size is known to need, and
//! while coding, from the bytes the document's worker thread has allocated (counted by
//! [`Counting`], the binary's global allocator). Time and memory are checked cooperatively,
//! after extraction and before each sentence, since a thread cannot be stopped from outside;
//! the work between two checks is bounded because extraction is linear in the document's size
//! and a sentence is parsed only up to `fulcrum_events::analyse::MAX_TOKENS` tokens.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

/// Default for `--max-doc-bytes`: far above any real news page, low enough that a stray
/// database dump or video named `.html` is refused at once.
pub const DEFAULT_MAX_DOC_BYTES: u64 = 64 << 20;

/// Default for `--max-doc-seconds`: a page of news codes in well under a second; a document
/// that takes a minute is a dump or an attack.
pub const DEFAULT_MAX_DOC_SECONDS: f64 = 60.0;

/// Default for `--max-doc-memory`.
pub const DEFAULT_MAX_DOC_MEMORY: u64 = 1 << 30;

/// How many bytes of memory coding needs per byte of document, measured on large plain-text
/// (9) and HTML (13) pages (`docs/limits.md`): the raw bytes, the decoded page, its parsed tree,
/// the extracted text and its blocks, and the events. Rounded up, so that the up-front check
/// errs towards refusing; with it, the default memory limit admits the default largest
/// document, 64 MiB.
pub const MEMORY_PER_BYTE: u64 = 16;

/// The limits one document is held to. Zero means no limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocLimits {
    pub max_doc_bytes: u64,
    pub max_doc_seconds: f64,
    pub max_doc_memory: u64,
    /// The most one compressed stream may expand to (`ingest` only: `code` and `extract` read
    /// plain files).
    pub max_decompressed_bytes: u64,
}

/// No limit at all, for evaluation runs over documents the user chose one by one.
pub const NO_LIMITS: DocLimits = DocLimits {
    max_doc_bytes: 0,
    max_doc_seconds: 0.0,
    max_doc_memory: 0,
    max_decompressed_bytes: 0,
};

impl Default for DocLimits {
    fn default() -> Self {
        DocLimits {
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
            max_doc_seconds: DEFAULT_MAX_DOC_SECONDS,
            max_doc_memory: DEFAULT_MAX_DOC_MEMORY,
            max_decompressed_bytes: fulcrum_read::Limits::default().max_decompressed_bytes,
        }
    }
}

impl DocLimits {
    /// The limits the reader enforces while reading sources.
    pub fn read_limits(&self) -> fulcrum_read::Limits {
        fulcrum_read::Limits {
            max_doc_bytes: nonzero(self.max_doc_bytes),
            max_decompressed_bytes: nonzero(self.max_decompressed_bytes),
        }
    }

    /// Refuses a document of `size` bytes before it is read: over `--max-doc-bytes`, or larger
    /// than `--max-doc-memory` allows coding.
    pub fn check_size(&self, size: u64) -> Result<(), Over> {
        if self.max_doc_bytes > 0 && size > self.max_doc_bytes {
            return Err(Over::Bytes {
                size,
                limit: self.max_doc_bytes,
            });
        }
        let needed = size.saturating_mul(MEMORY_PER_BYTE);
        if self.max_doc_memory > 0 && needed > self.max_doc_memory {
            return Err(Over::MemoryEstimate {
                size,
                needed,
                limit: self.max_doc_memory,
            });
        }
        Ok(())
    }

    /// The largest document that passes [`DocLimits::check_size`], for bounded reads.
    pub fn readable_bytes(&self) -> u64 {
        let by_memory = if self.max_doc_memory > 0 {
            self.max_doc_memory / MEMORY_PER_BYTE
        } else {
            u64::MAX
        };
        nonzero(self.max_doc_bytes).min(by_memory)
    }
}

fn nonzero(limit: u64) -> u64 {
    if limit == 0 {
        u64::MAX
    } else {
        limit
    }
}

/// Why a document was skipped.
#[derive(Debug, Clone, PartialEq)]
pub enum Over {
    Bytes { size: u64, limit: u64 },
    MemoryEstimate { size: u64, needed: u64, limit: u64 },
    Memory { used: u64, limit: u64 },
    Time { elapsed: Duration, limit: f64 },
}

impl fmt::Display for Over {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Over::Bytes { size, limit } => write!(
                f,
                "skipped: {} is over --max-doc-bytes {}; raise the limit to read it",
                human(*size),
                human(*limit)
            ),
            Over::MemoryEstimate {
                size,
                needed,
                limit,
            } => write!(
                f,
                "skipped: coding {} needs about {} of memory, over --max-doc-memory {}; \
                 raise the limit to read it",
                human(*size),
                human(*needed),
                human(*limit)
            ),
            Over::Memory { used, limit } => write!(
                f,
                "skipped: coding it took {} of memory, over --max-doc-memory {}; \
                 raise the limit to read it",
                human(*used),
                human(*limit)
            ),
            Over::Time { elapsed, limit } => write!(
                f,
                "skipped: coding it took {:.1} s, over --max-doc-seconds {limit}; \
                 raise the limit to read it",
                elapsed.as_secs_f64()
            ),
        }
    }
}

/// A size for people: bytes below 10 KiB, else KiB, MiB or GiB with one decimal.
pub fn human(n: u64) -> String {
    const UNITS: [(&str, u64); 4] = [
        ("TiB", 1 << 40),
        ("GiB", 1 << 30),
        ("MiB", 1 << 20),
        ("KiB", 1 << 10),
    ];
    if n < 10 << 10 {
        return format!("{n} bytes");
    }
    for (name, size) in UNITS {
        if n >= size {
            return if (n / size) * size == n {
                format!("{} {name}", n / size)
            } else {
                format!("{:.1} {name}", n as f64 / size as f64)
            };
        }
    }
    format!("{n} bytes")
}

/// Parses a size flag: a number of bytes, optionally with a binary unit (`64M`, `64MiB`, `1G`,
/// `512k`, `1.5GB`; K, M, G and T all count in powers of 1024).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        _ => {
            return Err(format!(
                "{s:?}: expected a size such as 67108864, 64M or 1G"
            ))
        }
    };
    let value: f64 = num
        .parse()
        .map_err(|_| format!("{s:?}: expected a size such as 67108864, 64M or 1G"))?;
    let bytes = value * scale as f64;
    if !bytes.is_finite() || bytes < 0.0 || bytes > u64::MAX as f64 {
        return Err(format!("{s:?}: the size is out of range"));
    }
    Ok(bytes as u64)
}

/// Parses `--max-doc-seconds`: a non-negative number of seconds, 0 for no limit.
pub fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!(
            "{s:?}: expected a number of seconds such as 60 or 2.5 (0 for no limit)"
        )),
    }
}

/// The time and memory one document has used so far, measured from when it was started on
/// the current thread. It must be checked on the thread that started it, since memory is
/// counted per thread.
pub struct Budget {
    limits: DocLimits,
    started: Instant,
    base: i64,
}

impl Budget {
    /// Starts counting for one document on the current thread.
    pub fn start(limits: &DocLimits) -> Budget {
        Budget {
            limits: *limits,
            started: Instant::now(),
            base: thread_allocated(),
        }
    }

    /// Whether the document is still within its time and memory limits.
    pub fn check(&self) -> Result<(), Over> {
        let l = &self.limits;
        if l.max_doc_seconds > 0.0 {
            let elapsed = self.started.elapsed();
            if elapsed.as_secs_f64() > l.max_doc_seconds {
                return Err(Over::Time {
                    elapsed,
                    limit: l.max_doc_seconds,
                });
            }
        }
        if l.max_doc_memory > 0 {
            let used = (thread_allocated() - self.base).max(0) as u64;
            if used > l.max_doc_memory {
                return Err(Over::Memory {
                    used,
                    limit: l.max_doc_memory,
                });
            }
        }
        Ok(())
    }

    /// [`Budget::check`] in the form `Coder::code_document_with` asks for.
    pub fn between_sentences(&self) -> ControlFlow<Over> {
        match self.check() {
            Ok(()) => ControlFlow::Continue(()),
            Err(over) => ControlFlow::Break(over),
        }
    }
}

thread_local! {
    // Bytes allocated minus bytes freed by this thread. A const initialiser and a type without
    // a destructor keep the allocator from ever allocating or registering anything itself.
    static ALLOCATED: Cell<i64> = const { Cell::new(0) };
}

/// Bytes allocated and not yet freed by the current thread (memory freed by another thread
/// counts there, which is why a document is measured from a baseline on its own thread).
pub fn thread_allocated() -> i64 {
    ALLOCATED.try_with(Cell::get).unwrap_or(0)
}

fn count(delta: i64) {
    // During thread teardown the counter may be gone; the allocation is simply not counted.
    let _ = ALLOCATED.try_with(|c| c.set(c.get().wrapping_add(delta)));
}

/// The system allocator, counting each thread's live bytes for [`Budget`].
pub struct Counting;

// SAFETY: every call is passed unchanged to the system allocator; the only addition is an
// update of a thread-local integer, which neither allocates nor unwinds.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            count(layout.size() as i64);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            count(layout.size() as i64);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        count(-(layout.size() as i64));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            count(new_size as i64 - layout.size() as i64);
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_binary_units() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("1.5G"), Ok(3 << 29));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert!(parse_size("lots").unwrap_err().contains("64M"));
        assert!(parse_size("-1").is_err());
    }

    #[test]
    fn sizes_print_for_people() {
        assert_eq!(human(1000), "1000 bytes");
        assert_eq!(human(64 << 20), "64 MiB");
        assert_eq!(human((1 << 30) + (1 << 29)), "1.5 GiB");
    }

    #[test]
    fn a_document_over_a_limit_is_refused_with_the_flag_named() {
        let l = DocLimits {
            max_doc_bytes: 1000,
            ..DocLimits::default()
        };
        let e = l.check_size(2048).unwrap_err().to_string();
        assert_eq!(
            e,
            "skipped: 2048 bytes is over --max-doc-bytes 1000 bytes; raise the limit to read it"
        );
        let l = DocLimits {
            max_doc_bytes: 0,
            max_doc_memory: 320 << 20,
            ..DocLimits::default()
        };
        assert!(l.check_size(10 << 20).is_ok());
        let e = l.check_size(30 << 20).unwrap_err().to_string();
        assert!(e.contains("--max-doc-memory 320 MiB"), "{e}");
        assert_eq!(l.readable_bytes(), 20 << 20);
    }

    #[test]
    fn the_budget_counts_this_threads_allocations() {
        let l = DocLimits {
            max_doc_memory: 8 << 20,
            ..DocLimits::default()
        };
        let b = Budget::start(&l);
        assert!(b.check().is_ok());
        let big = vec![1u8; 16 << 20];
        let e = b.check().unwrap_err();
        assert!(matches!(e, Over::Memory { .. }), "{e}");
        drop(big);
        assert!(b.check().is_ok());
    }

    #[test]
    fn the_budget_stops_a_slow_document() {
        let l = DocLimits {
            max_doc_seconds: 0.01,
            ..DocLimits::default()
        };
        let b = Budget::start(&l);
        std::thread::sleep(Duration::from_millis(30));
        assert!(b
            .check()
            .unwrap_err()
            .to_string()
            .contains("--max-doc-seconds 0.01"));
    }
}
