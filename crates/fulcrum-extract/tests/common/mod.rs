//! Helpers shared by the integration tests: locating the third-party data beside the project
//! (never copied into the repository) and a simple sentence cut to compare with gold.

#![allow(dead_code)]

use std::path::PathBuf;

/// The `shared/` directory beside the workspace, if present (a user's clone has none).
pub fn shared_dir() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    p.is_dir().then_some(p)
}

/// Reads a file under `shared/`, or prints why the test is skipped and returns `None`.
pub fn read_shared(rel: &str) -> Option<Vec<u8>> {
    let Some(dir) = shared_dir() else {
        eprintln!("SKIPPED: ../shared/ is absent (it holds third-party test data and is not part of the repository)");
        return None;
    };
    match std::fs::read(dir.join(rel)) {
        Ok(b) => Some(b),
        Err(e) => {
            eprintln!("SKIPPED: cannot read ../shared/{rel}: {e}");
            None
        }
    }
}

/// Makes text comparable with gold written by hand: no-break spaces become spaces, runs of
/// whitespace collapse, edges are trimmed.
pub fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "gov", "sen", "rep", "st", "jr", "sr",
    "co", "corp", "inc", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
];

/// A simple sentence cut: `.`, `?` or `!` (with closing quotes) + space + capital or quote,
/// unless the word before the full stop is an initial or a common abbreviation.
pub fn sentences(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '.' | '?' | '!') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j], '"' | '\'' | '”' | '’' | ')') {
                j += 1;
            }
            let mut k = j;
            while k < chars.len() && chars[k].is_whitespace() {
                k += 1;
            }
            if k > j
                && k < chars.len()
                && (chars[k].is_uppercase() || matches!(chars[k], '"' | '“' | '‘'))
            {
                let word: String = chars[start..i]
                    .iter()
                    .rev()
                    .take_while(|c| !c.is_whitespace())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
                let abbrev = chars[i] == '.'
                    && (letters.chars().count() == 1
                        || word.contains('.')
                        || ABBREVIATIONS.contains(&letters.to_lowercase().as_str()));
                if !abbrev {
                    out.push(
                        chars[start..j]
                            .iter()
                            .collect::<String>()
                            .trim()
                            .to_string(),
                    );
                    start = k;
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    let last: String = chars[start..].iter().collect::<String>().trim().to_string();
    if !last.is_empty() {
        out.push(last);
    }
    out
}

/// Whether a dropped line is absent from the document: multi-word lines must not occur in the
/// text at all; a single word ("Reuters") must not be a block of its own, since the word may
/// rightly occur inside kept text.
pub fn absent(doc: &fulcrum_extract::Document, line: &str) -> bool {
    let l = norm(line);
    if l.split(' ').count() >= 2 {
        !norm(&doc.text).contains(&l)
    } else {
        doc.blocks.iter().all(|b| norm(&b.text) != l)
    }
}

/// The first body sentence with and without the dateline prefix.
pub fn first_sentences(doc: &fulcrum_extract::Document) -> Vec<String> {
    let Some(first) = doc.paragraphs.first() else {
        return Vec::new();
    };
    let mut out = vec![sentences(first).into_iter().next().unwrap_or_default()];
    if let Some(d) = &doc.dateline {
        out.push(
            sentences(&first[d.prefix_len..])
                .into_iter()
                .next()
                .unwrap_or_default(),
        );
    }
    out
}

/// The last sentence of the last body paragraph.
pub fn last_sentence(doc: &fulcrum_extract::Document) -> String {
    doc.paragraphs
        .last()
        .map(|p| sentences(p).pop().unwrap_or_default())
        .unwrap_or_default()
}
