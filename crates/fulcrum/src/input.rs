//! Finding and reading input documents.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::limits::{DocLimits, Over};

/// One input: its name as the user gave it (or as found in a folder) and where to read it.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub path: Option<PathBuf>,
}

/// Expands files and folders (recursively, sorted) into inputs; "-" is standard input.
pub fn collect(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input {
                name: "-".into(),
                path: None,
            });
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files);
            files.sort();
            out.extend(files.into_iter().map(|f| Input {
                name: f.display().to_string(),
                path: Some(f),
            }));
        } else {
            out.push(Input {
                name: p.display().to_string(),
                path: Some(p.clone()),
            });
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            let name = e.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if is_document(&p) {
                out.push(p);
            }
        }
    }
}

/// Files that can hold an article: HTML and text, by extension; files without one count too.
fn is_document(p: &Path) -> bool {
    match p
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
    {
        None => true,
        Some(e) => matches!(e.as_str(), "html" | "htm" | "xhtml" | "txt" | "text"),
    }
}

/// Why an input was not coded.
#[derive(Debug)]
pub enum Skip {
    Io(std::io::Error),
    Limit(Over),
    Empty,
    Binary,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Io(e) => write!(f, "cannot read: {e}"),
            Skip::Limit(over) => write!(f, "{over}"),
            Skip::Empty => write!(f, "empty file, nothing to code"),
            Skip::Binary => write!(
                f,
                "looks like a binary file (NUL bytes), not HTML or text; skipped"
            ),
        }
    }
}

/// Reads an input, refusing files over the size limits (before reading them when their size is
/// known) and binary files.
pub fn read(input: &Input, limits: &DocLimits) -> Result<Vec<u8>, Skip> {
    let max = limits.readable_bytes();
    let mut buf = Vec::new();
    match &input.path {
        None => {
            std::io::stdin()
                .lock()
                .take(max.saturating_add(1))
                .read_to_end(&mut buf)
                .map_err(Skip::Io)?;
        }
        Some(p) => {
            let len = std::fs::metadata(p).map_err(Skip::Io)?.len();
            limits.check_size(len).map_err(Skip::Limit)?;
            let f = std::fs::File::open(p).map_err(Skip::Io)?;
            f.take(max.saturating_add(1))
                .read_to_end(&mut buf)
                .map_err(Skip::Io)?;
        }
    }
    // A file that grew after it was measured, or standard input, is checked by what was read.
    if buf.len() as u64 > max {
        limits.check_size(buf.len() as u64).map_err(Skip::Limit)?;
    }
    if buf.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Skip::Empty);
    }
    // UTF-16 text is half NUL bytes; its byte-order mark says it is text, and the extractor
    // decodes it.
    let utf16 = buf.starts_with(&[0xFF, 0xFE]) || buf.starts_with(&[0xFE, 0xFF]);
    let probe = &buf[..buf.len().min(8192)];
    if !utf16 && probe.iter().filter(|&&b| b == 0).count() * 100 > probe.len() {
        return Err(Skip::Binary);
    }
    Ok(buf)
}
