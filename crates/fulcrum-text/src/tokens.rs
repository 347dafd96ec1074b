//! Word tokens, split the way the Universal Dependencies English treebank splits them, so that
//! the tagger and parser trained on it see familiar units: punctuation apart, possessive "'s"
//! and "n't" apart, dotted abbreviations ("U.S.", "Mr.") and numbers ("1.5", "15,000") whole.

use crate::is_space;

/// A token: byte offsets into the text given to [`tokenize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// The token's text inside `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Abbreviations whose final period belongs to the word (lower-case, without the period).
const PERIOD_WORDS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt",
    "sen", "rep", "gov", "amb", "rev", "st", "sr", "jr", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "inc", "corp", "co", "ltd", "dept",
    "etc", "ft", "mt",
];

/// Splits `text[span.0..span.1]` into tokens with offsets relative to `text`.
pub fn tokenize(text: &str, span: (usize, usize)) -> Vec<Token> {
    let mut out = Vec::new();
    let s = &text[span.0..span.1];
    let mut chunk_start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if is_space(c) {
            if let Some(st) = chunk_start.take() {
                split_chunk(s, st, i, span.0, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(st) = chunk_start {
        split_chunk(s, st, s.len(), span.0, &mut out);
    }
    out
}

fn is_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '!'
            | '?'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '"'
            | '“'
            | '”'
            | '‘'
            | '«'
            | '»'
            | '—'
            | '–'
            | '…'
            | '|'
            | '/'
            | '*'
    )
}

/// Splits one whitespace-free chunk into tokens.
fn split_chunk(s: &str, mut a: usize, mut b: usize, base: usize, out: &mut Vec<Token>) {
    let mut tail: Vec<Token> = Vec::new();
    // Leading punctuation.
    while let Some(c) = s[a..b].chars().next() {
        if is_punct(c)
            || (c == '\'' || c == '’')
                && s[a..b].chars().count() > 1
                && !is_contraction_start(&s[a..b])
        {
            out.push(Token {
                start: base + a,
                end: base + a + c.len_utf8(),
            });
            a += c.len_utf8();
        } else if c == '-' && s[a..b].starts_with("--") {
            out.push(Token {
                start: base + a,
                end: base + a + 2,
            });
            a += 2;
        } else {
            break;
        }
    }
    // Trailing punctuation, including a final period unless the word is an abbreviation.
    loop {
        if a >= b {
            break;
        }
        let word = &s[a..b];
        let Some(c) = word.chars().next_back() else {
            break;
        };
        let cl = c.len_utf8();
        // A closing quote or apostrophe is split off; so is the apostrophe of a plural
        // possessive ("allies’").
        if is_punct(c) || c == '\'' || c == '’' {
            tail.push(Token {
                start: base + b - cl,
                end: base + b,
            });
            b -= cl;
        } else if c == '.' {
            let stem = &word[..word.len() - 1];
            if keeps_period(stem) {
                break;
            }
            // Ellipsis "..." stays one token.
            let dots = word.chars().rev().take_while(|&c| c == '.').count();
            tail.push(Token {
                start: base + b - dots,
                end: base + b,
            });
            b -= dots;
        } else if word.ends_with("--") {
            tail.push(Token {
                start: base + b - 2,
                end: base + b,
            });
            b -= 2;
        } else {
            break;
        }
    }
    if a < b {
        split_inner(s, a, b, base, out);
    }
    out.extend(tail.into_iter().rev());
}

fn is_contraction_start(w: &str) -> bool {
    let lower = w.to_lowercase().replace('’', "'");
    ["'s", "'re", "'ve", "'ll", "'d", "'m"]
        .iter()
        .any(|c| lower == *c)
}

/// Whether the period at the end of `stem.` belongs to the word.
fn keeps_period(stem: &str) -> bool {
    if stem.is_empty() {
        return false;
    }
    let lower = stem.to_lowercase();
    if PERIOD_WORDS.contains(&lower.as_str()) {
        return true;
    }
    let chars: Vec<char> = stem.chars().collect();
    // Initials: "F." in "John F. Kennedy".
    if chars.len() == 1 && chars[0].is_uppercase() {
        return true;
    }
    // Dotted abbreviations: "U.S", "U.N", "a.m", "D.P.R.K".
    chars.len() >= 3 && stem.contains('.') && chars.iter().all(|c| c.is_alphabetic() || *c == '.')
}

/// Splits inside a word: dashes, clitics ("'s", "n't"), and hyphens between capitalised parts
/// ("China-US", "US-North") so that actor names inside them stand as tokens of their own.
fn split_inner(s: &str, a: usize, b: usize, base: usize, out: &mut Vec<Token>) {
    let word = &s[a..b];
    // Internal em dashes and double hyphens separate words: "BEIJING/SEOUL—North".
    for sep in ["—", "--", "–"] {
        if let Some(p) = word.find(sep) {
            if p > 0 {
                split_inner(s, a, a + p, base, out);
            }
            out.push(Token {
                start: base + a + p,
                end: base + a + p + sep.len(),
            });
            if a + p + sep.len() < b {
                split_inner(s, a + p + sep.len(), b, base, out);
            }
            return;
        }
    }
    // Clitics.
    let lower = word.to_lowercase().replace('’', "'");
    for clitic in ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"] {
        if lower.len() > clitic.len() && lower.ends_with(clitic) {
            // Byte lengths differ when the apostrophe is curly (3 bytes) instead of straight.
            let curly = word.contains('’');
            let clen = clitic.len() + if curly { 2 } else { 0 };
            if clen < word.len() && word.is_char_boundary(word.len() - clen) {
                let cut = b - clen;
                split_inner(s, a, cut, base, out);
                out.push(Token {
                    start: base + cut,
                    end: base + b,
                });
                return;
            }
        }
    }
    // Slashes between words ("BEIJING/SEOUL").
    if let Some(p) = word.find('/') {
        if p > 0 && p + 1 < word.len() && !word[..p].chars().all(|c| c.is_ascii_digit()) {
            split_inner(s, a, a + p, base, out);
            out.push(Token {
                start: base + a + p,
                end: base + a + p + 1,
            });
            split_inner(s, a + p + 1, b, base, out);
            return;
        }
    }
    // Hyphen between two capitalised parts.
    if let Some(p) = word.find('-') {
        let (l, r) = (&word[..p], &word[p + 1..]);
        let cap = |x: &str| x.chars().next().is_some_and(|c| c.is_uppercase());
        if cap(l)
            && cap(r)
            && l.len() > 1
            && r.len() > 1
            && !is_person_name_part(r)
            && !is_prefix(l)
        {
            split_inner(s, a, a + p, base, out);
            out.push(Token {
                start: base + a + p,
                end: base + a + p + 1,
            });
            split_inner(s, a + p + 1, b, base, out);
            return;
        }
    }
    out.push(Token {
        start: base + a,
        end: base + b,
    });
}

/// Prefixes that make one word with what follows ("Inter-Korean", "Anti-American").
fn is_prefix(l: &str) -> bool {
    matches!(
        l.to_ascii_lowercase().as_str(),
        "inter"
            | "anti"
            | "pro"
            | "pan"
            | "non"
            | "post"
            | "pre"
            | "ex"
            | "mid"
            | "trans"
            | "neo"
            | "semi"
            | "co"
            | "multi"
            | "cross"
    )
}

/// Korean and other hyphenated given names ("Jong-Un", "Jae-In") keep their hyphen: they are
/// recognised as a unit by the people gazetteer.
fn is_person_name_part(r: &str) -> bool {
    matches!(
        r,
        "Un" | "In" | "Il" | "Ho" | "Hee" | "Wha" | "Yong" | "Nam" | "Jin" | "Ae"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<&str> {
        tokenize(t, (0, t.len()))
            .iter()
            .map(|k| k.text(t))
            .collect()
    }

    #[test]
    fn splits_like_the_treebank() {
        assert_eq!(
            toks("Pyongyang’s strategy, \"U.S.\" Mr. Kim didn't go."),
            vec![
                "Pyongyang",
                "’s",
                "strategy",
                ",",
                "\"",
                "U.S.",
                "\"",
                "Mr.",
                "Kim",
                "did",
                "n't",
                "go",
                "."
            ]
        );
    }

    #[test]
    fn keeps_numbers_and_splits_dashes() {
        assert_eq!(
            toks("$1.2 billion -- BEIJING/SEOUL—North"),
            vec!["$1.2", "billion", "--", "BEIJING", "/", "SEOUL", "—", "North"]
        );
        assert_eq!(
            toks("China-US ties, Kim Jong-un."),
            vec!["China", "-", "US", "ties", ",", "Kim", "Jong-un", "."]
        );
    }

    #[test]
    fn handles_odd_input() {
        for t in [
            "", "’", "''", "--", "...", "\u{a0}", "a’", "’s", "n't", "é’s",
        ] {
            let v = tokenize(t, (0, t.len()));
            for k in v {
                assert!(
                    k.start < k.end && t.is_char_boundary(k.start) && t.is_char_boundary(k.end)
                );
            }
        }
    }
}
