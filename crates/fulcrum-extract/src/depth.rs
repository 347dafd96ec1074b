//! Bounds the element nesting depth of HTML before it reaches the parser.
//!
//! html5ever builds its tree without recursion, but several tree-construction steps scan the
//! whole stack of open elements for every new tag ("is there a `<p>` in button scope?"), so a
//! page of 10^5 nested `<div>`s costs 10^10 steps. Real articles nest a few dozen levels deep;
//! tags beyond [`MAX_DEPTH`] carry no structure worth keeping, so they are removed (their text
//! stays) and the parser's work stays linear.

use std::borrow::Cow;
use std::collections::HashMap;

/// Deepest element nesting kept; far beyond any real page layout.
pub(crate) const MAX_DEPTH: usize = 256;

/// Elements that never have content, so they never deepen the tree.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame",
];

/// Elements whose end tag is optional (or implied by the next sibling). They are not counted,
/// so that a page full of unclosed `<p>` or `<li>` is not mistaken for a deep one; the parser
/// closes them itself, so they cannot pile up.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "rb", "rt", "rp", "rtc", "html", "head", "body", "caption",
];

/// Elements whose content is raw text: tags inside them are not tags.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Returns the page unchanged when it nests no deeper than [`MAX_DEPTH`], and otherwise a copy
/// with the start and end tags of the too-deep elements replaced by a space.
pub(crate) fn limit_nesting(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0usize;
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut open: HashMap<String, usize> = HashMap::new();
    let mut i = 0usize;
    while i < b.len() {
        let Some(off) = b[i..].iter().position(|&c| c == b'<') else {
            break;
        };
        let start = i + off;
        let rest = &b[start + 1..];
        if rest.starts_with(b"!--") {
            i = find(b, start + 4, b"-->").map_or(b.len(), |p| p + 3);
            continue;
        }
        if rest.first().is_some_and(|c| *c == b'!' || *c == b'?') {
            i = find(b, start, b">").map_or(b.len(), |p| p + 1);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_from = start + 1 + usize::from(closing);
        if !b.get(name_from).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        let name_to = b[name_from..]
            .iter()
            .position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
            .map_or(b.len(), |p| name_from + p);
        let name = html[name_from..name_to].to_ascii_lowercase();
        let Some(gt) = find(b, name_to, b">") else {
            break;
        };
        let end = gt + 1;
        i = end;
        let mut drop_tag = false;
        if closing {
            if open.get(&name).copied().unwrap_or(0) > 0 {
                while let Some((n, suppressed)) = stack.pop() {
                    if let Some(c) = open.get_mut(&n) {
                        *c -= 1;
                    }
                    if n == name {
                        drop_tag = suppressed;
                        break;
                    }
                }
            }
        } else if RAW_TEXT.contains(&name.as_str()) {
            // Skip to the matching end tag; it is then seen as a stray end tag and kept.
            i = find_end_tag(b, end, &name).unwrap_or(b.len());
        } else if !(VOID.contains(&name.as_str())
            || OPTIONAL_END.contains(&name.as_str())
            || b[gt.saturating_sub(1)] == b'/')
        {
            let suppressed = stack.len() >= MAX_DEPTH;
            drop_tag = suppressed;
            stack.push((name.clone(), suppressed));
            *open.entry(name).or_insert(0) += 1;
        }
        if drop_tag {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..start]);
            o.push(' ');
            copied = end;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Finds `</name` (any case) at or after `from`.
fn find_end_tag(b: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut i = from;
    while let Some(p) = find(b, i, b"</") {
        let n = &b[p + 2..];
        if n.len() >= name.len() && n[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(p);
        }
        i = p + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<html><body><div><p>One<p>Two</div><script>if (a<b) {}</script></body></html>";
        assert!(matches!(limit_nesting(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_pages_are_flattened_but_keep_their_text() {
        let n = MAX_DEPTH + 50;
        let page = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let out = limit_nesting(&page);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("deep text"));
    }
}
