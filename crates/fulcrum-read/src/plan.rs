//! Expanding the paths a user named into classified sources.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{Compression, Kind, Source};

/// Expands folders and classifies each file, in a stable order.
///
/// - `-` is standard input ([`Source::stdin`]); a file literally named `-` can be given as `./-`.
/// - A folder is walked recursively. Its files are sorted by path; hidden files and folders
///   (names starting with `.`), files of unknown type and symbolic links to folders (which could
///   form loops) are left out. A folder that cannot be listed becomes a [`Kind::Folder`] source
///   whose reading reports why.
/// - Any other path is one source, classified by its name ([`Kind::Sniff`] when the name does not
///   tell); paths that do not exist are kept so that reading them reports the problem.
///
/// Paths are kept in the order given, and a path named twice is read twice.
pub fn plan(paths: &[PathBuf]) -> Vec<Source> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Source::stdin());
        } else if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found);
            found.sort_by(|a, b| a.path.cmp(&b.path));
            out.extend(found);
        } else {
            out.push(Source::file(path.clone()));
        }
    }
    out
}

/// Collects the readable files under `dir`. An explicit stack instead of recursion keeps very
/// deep trees from overflowing the call stack.
fn walk(dir: &Path, out: &mut Vec<Source>) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match fs::read_dir(&d) {
            Ok(entries) => entries,
            Err(_) => {
                out.push(Source {
                    path: Some(d),
                    kind: Kind::Folder,
                    compression: Compression::None,
                });
                continue;
            }
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            let is_file = if file_type.is_symlink() {
                // A link to a file is followed; a link to a folder is not, since following those
                // can loop forever.
                fs::metadata(&path).map(|m| m.is_file()).unwrap_or(false)
            } else if file_type.is_dir() {
                stack.push(path);
                continue;
            } else {
                file_type.is_file()
            };
            if !is_file {
                continue;
            }
            let (kind, compression) = classify(&path);
            if let Some(kind) = kind {
                out.push(Source {
                    path: Some(path),
                    kind,
                    compression,
                });
            }
        }
    }
}

/// Classifies a file by its name: the compression suffix (`.gz`, `.zst`, `.zstd`) and the type
/// suffix before it. The kind is `None` for a type this crate does not read, and
/// [`Kind::Sniff`] for a name without a type suffix.
pub(crate) fn classify(path: &Path) -> (Option<Kind>, Compression) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (stem, compression) = if let Some(s) = name.strip_suffix(".gz") {
        (s, Compression::Gzip)
    } else if let Some(s) = name.strip_suffix(".zst") {
        (s, Compression::Zstd)
    } else if let Some(s) = name.strip_suffix(".zstd") {
        (s, Compression::Zstd)
    } else {
        (name.as_str(), Compression::None)
    };
    // A leading dot marks a hidden file, not an extension.
    let ext = match stem.trim_start_matches('.').rsplit_once('.') {
        Some((_, ext)) => ext,
        None => return (Some(Kind::Sniff), compression),
    };
    let kind = match ext {
        "html" | "htm" | "xhtml" => Kind::Html,
        "txt" | "text" => Kind::Text,
        "jsonl" | "ndjson" => Kind::Jsonl,
        "xml" | "rss" | "atom" => Kind::Feed,
        "warc" => Kind::Warc,
        _ => return (None, compression),
    };
    (Some(kind), compression)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(name: &str) -> (Option<Kind>, Compression) {
        classify(Path::new(name))
    }

    #[test]
    fn classifies_by_name() {
        assert_eq!(c("a/Page.HTML"), (Some(Kind::Html), Compression::None));
        assert_eq!(c("x.xhtml.gz"), (Some(Kind::Html), Compression::Gzip));
        assert_eq!(c("notes.text"), (Some(Kind::Text), Compression::None));
        assert_eq!(c("a.ndjson.zst"), (Some(Kind::Jsonl), Compression::Zstd));
        assert_eq!(c("feed.atom"), (Some(Kind::Feed), Compression::None));
        assert_eq!(
            c("CC-NEWS-20240101-00001.warc.gz"),
            (Some(Kind::Warc), Compression::Gzip)
        );
        assert_eq!(c("README"), (Some(Kind::Sniff), Compression::None));
        assert_eq!(c("dump.gz"), (Some(Kind::Sniff), Compression::Gzip));
        assert_eq!(c("photo.jpg"), (None, Compression::None));
        assert_eq!(c("data.tar.gz"), (None, Compression::Gzip));
    }

    #[test]
    fn dash_is_stdin_and_missing_paths_are_kept() {
        let sources = plan(&[PathBuf::from("-"), PathBuf::from("/no/such/file.jsonl")]);
        assert_eq!(sources[0], Source::stdin());
        assert_eq!(sources[1].kind, Kind::Jsonl);
        assert_eq!(sources[1].origin(), "/no/such/file.jsonl");
    }
}
