//! A deliberately simple sentence cut, used for [`crate::Document::first_body_sentence_hint`].
//! The project's real splitter lives in another crate; this one only needs to be right on the
//! first sentence of ordinary news leads.

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cmdr", "adm",
    "gov", "sen", "rep", "rev", "st", "jr", "sr", "co", "corp", "inc", "ltd", "no", "vs", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "wed", "thu", "fri", "sat", "sun", "approx", "est", "dept", "univ", "mt", "ft", "pres",
];

/// Byte offsets just after each sentence end in `s`: a `.`, `?` or `!` (with any closing quotes
/// and brackets) followed by whitespace and a capital letter or an opening quote.
pub(crate) fn sentence_ends(s: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut ends = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if matches!(c, '.' | '?' | '!' | '…') {
            let mut j = i + 1;
            while j < chars.len()
                && matches!(
                    chars[j].1,
                    '"' | '\'' | '”' | '’' | ')' | ']' | '.' | '?' | '!'
                )
            {
                j += 1;
            }
            let end = chars.get(j).map_or(s.len(), |x| x.0);
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            if k > j && k < chars.len() {
                let next = chars[k].1;
                let starts =
                    next.is_uppercase() || matches!(next, '"' | '“' | '‘' | '\'' | '(' | '[');
                if starts && !(c == '.' && is_abbreviation(s, chars[i].0)) {
                    ends.push(end);
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    ends
}

/// Whether the word before the full stop at byte `dot` is an abbreviation or an initial.
fn is_abbreviation(s: &str, dot: usize) -> bool {
    let before = &s[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &before[word_start..];
    let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.chars().count() == 1 && letters.chars().all(char::is_uppercase) {
        return true; // an initial, or the last letter of "U.S."
    }
    if word.contains('.') {
        return true; // "U.N.", "a.m."
    }
    ABBREVIATIONS.contains(&letters.to_lowercase().as_str())
}

/// The first sentence of `s`, trimmed.
pub(crate) fn first_sentence(s: &str) -> Option<&str> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let end = sentence_ends(s).first().copied().unwrap_or(s.len());
    Some(s[..end].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_after_the_first_sentence() {
        assert_eq!(
            first_sentence("The envoy met U.S. officials. Later he left."),
            Some("The envoy met U.S. officials.")
        );
        assert_eq!(
            first_sentence("Acme Co. Chief Bob spoke. Then more."),
            Some("Acme Co. Chief Bob spoke.")
        );
        assert_eq!(
            first_sentence("He said “yes.” She agreed."),
            Some("He said “yes.”")
        );
        assert_eq!(first_sentence("No end here"), Some("No end here"));
        assert_eq!(first_sentence("  "), None);
    }
}
