//! Sentence boundaries.

use crate::is_space;

/// Abbreviations that end in a period and do not end a sentence when a capitalised word
/// follows (titles, months, corporate suffixes). Lower-cased, without the final period.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt",
    "cpl", "pvt", "sen", "rep", "gov", "pres", "amb", "rev", "hon", "st", "mt", "ft", "sr", "jr",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "nos", "vs", "v", "e.g",
    "i.e", "approx", "dept", "est", "fig", "ave", "blvd", "rd", "univ", "assn", "mass", "calif",
    "fla", "ill", "wash", "penn", "pa", "ariz", "colo", "conn", "del", "ga", "kan", "ky", "la",
    "md", "mich", "minn", "miss", "mo", "neb", "nev", "okla", "ore", "tenn", "tex", "va", "vt",
    "wis", "wyo", "op", "vol", "pp", "cf", "al",
];

/// Abbreviations that often close a sentence ("at 4 p.m.", "Harbor Line Inc."): they end one
/// when a typical sentence opener follows.
const CLOSING_ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "bros", "etc", "a.m", "p.m", "jr", "sr",
];

/// Abbreviations of the "U.S." kind (letters separated by periods) are ambiguous: they end a
/// sentence when the next word is one that typically opens a sentence.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "However",
    "It",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "There",
    "Meanwhile",
    "Earlier",
    "Later",
    "After",
    "Before",
    "When",
    "While",
    "Since",
    "As",
    "If",
    "Last",
    "Next",
    "Some",
    "Many",
    "Both",
    "Such",
    "Yet",
    "Still",
    "Also",
    "Despite",
    "Under",
    "Officials",
    "Analysts",
    "Experts",
];

/// Splits `text` into sentences and returns their byte spans, trimmed of surrounding
/// whitespace. Line breaks always end a sentence: in extracted articles a line is a paragraph,
/// a headline or a caption, none of which continues on the next line.
pub fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' || c == '\r' {
            split_line(text, line_start, i, &mut out);
            line_start = i + c.len_utf8();
        }
    }
    split_line(text, line_start, text.len(), &mut out);
    out
}

fn split_line(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let line = &text[start..end];
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut sent_start = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if matches!(c, '.' | '!' | '?') {
            // Extend over a run of terminal punctuation and closing quotes or brackets.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?') {
                j += 1;
            }
            while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
            {
                j += 1;
            }
            // A boundary needs whitespace after it.
            if j < chars.len() && !is_space(chars[j].1) {
                i = j.max(i + 1);
                continue;
            }
            let mut k = j;
            while k < chars.len() && is_space(chars[k].1) {
                k += 1;
            }
            if k >= chars.len() {
                break;
            }
            if is_boundary(line, &chars, i, j, k) {
                let end_byte = if j < chars.len() {
                    chars[j].0
                } else {
                    line.len()
                };
                push_trimmed(text, start + sent_start, start + end_byte, out);
                sent_start = chars[k].0;
                i = k;
                continue;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start + sent_start, end, out);
}

/// Decides whether the terminal punctuation at `chars[i]`, followed by closers up to `j` and
/// whitespace up to `k`, ends a sentence.
fn is_boundary(line: &str, chars: &[(usize, char)], i: usize, j: usize, k: usize) -> bool {
    let next = chars[k].1;
    let next_word = word_at(line, chars[k].0);
    // Lower-case continuation ("provocations ... in the Black Sea", "Gen. et al.") is never a
    // boundary; neither is a continuation with a comma or other clause punctuation.
    let opens = next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(next, '"' | '“' | '‘' | '\'' | '(' | '[' | '—' | '-');
    if !opens {
        return false;
    }
    if chars[i].1 != '.' {
        return true;
    }
    // Ellipsis followed by a capital is treated as a boundary only when the run is long.
    if j > i + 1 && chars[i + 1].1 == '.' {
        return next.is_uppercase() && SENTENCE_OPENERS.contains(&next_word);
    }
    // A closing quote or bracket after the period: the sentence ends.
    if j > i + 1 {
        return true;
    }
    let word = word_before(line, chars[i].0);
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    if CLOSING_ABBREVIATIONS.contains(&lower.as_str()) {
        return SENTENCE_OPENERS.contains(&next_word);
    }
    // "No." abbreviates "number" only when capitalised; "said no." ends a sentence.
    if word == "No" {
        return false;
    }
    // Numbers such as "No. 2" and list markers are handled by the abbreviation table; a bare
    // number before a period ends a sentence ("in 2014. The ...").
    if ABBREVIATIONS.contains(&lower.as_str()) {
        // "... in Washington, D.C. The ..." style: an abbreviation can still end a sentence
        // before a typical opener, but titles and months never do.
        return false;
    }
    // Single capital letter: an initial ("John F. Kennedy"), unless it is a pronoun "I".
    let letters: Vec<char> = word.chars().collect();
    if letters.len() == 1 && letters[0].is_uppercase() {
        return false;
    }
    // Dotted abbreviations: "U.S.", "U.N.", "H.R.", "a.m.".
    if word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.') {
        return SENTENCE_OPENERS.contains(&next_word) || next_word == "\"" || next == '“';
    }
    true
}

/// The word (letters, digits, inner periods) that ends right before byte `pos` of `line`.
fn word_before(line: &str, pos: usize) -> &str {
    let head = &line[..pos];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '-' || c == '\''))
        .map(|(p, c)| p + c.len_utf8())
        .unwrap_or(0);
    head[start..].trim_start_matches(['.', '-', '\''])
}

/// The word starting at byte `pos` of `line`.
fn word_at(line: &str, pos: usize) -> &str {
    let tail = &line[pos..];
    let end = tail
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map(|(p, _)| p)
        .unwrap_or(tail.len());
    &tail[..end]
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trail = s.len() - s.trim_end_matches(is_space).len();
    if start + lead < end - trail {
        out.push((start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        split_sentences(t)
            .into_iter()
            .map(|(s, e)| &t[s..e])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            split("U.S. President Donald Trump met Gen. Mattis on Jan. 5. Talks ended."),
            vec![
                "U.S. President Donald Trump met Gen. Mattis on Jan. 5.",
                "Talks ended."
            ]
        );
    }

    #[test]
    fn us_at_end_of_sentence_splits_before_an_opener() {
        assert_eq!(
            split("China imposed tariffs on the U.S. The move angered Washington."),
            vec![
                "China imposed tariffs on the U.S.",
                "The move angered Washington."
            ]
        );
    }

    #[test]
    fn quotes_and_no_break_spaces() {
        let t = "\u{a0}\"Xi is probably going to visit. If it happens, it’s a surprise,\" he said.\u{a0}";
        assert_eq!(
            split(t),
            vec![
                "\"Xi is probably going to visit.",
                "If it happens, it’s a surprise,\" he said."
            ]
        );
    }

    #[test]
    fn lines_are_sentences() {
        assert_eq!(
            split("Headline Here\nBody text. More"),
            vec!["Headline Here", "Body text.", "More"]
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "",
            ".",
            "...",
            "?!",
            " . . ",
            "A.",
            "é. É",
            "\u{200B}.\u{a0}X",
        ] {
            let _ = split(t);
        }
    }
}
