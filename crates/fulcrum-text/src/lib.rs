//! Sentences and tokens for news text.
//!
//! Invariants: every span is a pair of byte offsets into the text that was given, on character
//! boundaries; splitting and tokenising never fail and never panic, whatever the input.
//!
//! The splitter is rule-based because news has a small, well-known set of traps (abbreviations
//! such as "U.S." and "Gen.", initials, numbers, times, quotations and brackets) that rules
//! handle predictably, and because it must run at hundreds of thousands of sentences a second.

mod sentences;
mod tokens;

pub use sentences::split_sentences;
pub use tokens::{tokenize, Token};

/// Whether `c` separates words: ASCII and Unicode spaces, including the no-break space
/// (U+00A0) that scraped pages are full of, and zero-width characters.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}
