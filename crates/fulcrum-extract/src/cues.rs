//! Line-level cues shared by the text and HTML extractors: what page chrome looks like, what a
//! photo caption or credit looks like, what a headline looks like.
//!
//! Every cue is a pattern family seen across many news sites (share widgets, "READ MORE" teasers,
//! comment widgets, tag lists, wire bylines, photo credits), never a string from one page, so
//! that the extractor generalises to sites it has not seen.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

/// A line prepared for matching: Unicode spaces made plain, typographic quotes made straight,
/// runs of spaces collapsed, lower case. Used only to match; kept text is never normalised.
pub(crate) fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_whitespace() {
                space = true;
                continue;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// Trims whitespace, no-break spaces included, and zero-width characters from both ends.
pub(crate) fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}')
    })
}

pub(crate) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Whether the line ends a sentence: a full stop, question or exclamation mark, possibly
/// followed by closing quotes or brackets.
pub(crate) fn ends_with_terminal(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
    });
    t.ends_with(['.', '!', '?', '…'])
}

/// Why a whole line is page chrome, if it is. Covers widgets (listen, share, short URL, comment
/// boxes), teasers ("READ MORE: ..."), disclaimers, copyright footers and other labels that carry
/// no article text.
pub(crate) fn chrome_reason(line: &str) -> Option<&'static str> {
    static SET: LazyLock<(RegexSet, Vec<&'static str>)> = LazyLock::new(|| {
        let rules: &[(&str, &str)] = &[
            (
                r"^listen( live| to (this )?(article|story))?$",
                "audio widget",
            ),
            (r"^(get )?short (url|link)\s*:?$", "short-link widget"),
            (
                r"^(share|tweet|email|e-mail|print|whatsapp|facebook|twitter|linkedin|reddit|telegram|pinterest|flipboard|messenger|vk|copy link|copy url|save|bookmark|x)( (this )?(article|story|page|post|on|via|by))*( (facebook|twitter|whatsapp|linkedin|email|e-mail|x|reddit|telegram|messenger))*\s*[.:!]?$",
                "share widget",
            ),
            (
                r"^(share|tweet|email|e-mail|print|whatsapp|facebook|twitter|linkedin|reddit|telegram|pinterest|flipboard)( (share|tweet|email|e-mail|print|whatsapp|facebook|twitter|linkedin|reddit|telegram|pinterest|flipboard|copy link))+$",
                "share widget",
            ),
            (
                r"^\d+\s*(comments?|shares?|views?|reads?|reactions?)$",
                "counter",
            ),
            (
                r"^(comments?|view comments|show comments|hide comments|add (a |your )?comment|post (a )?comment|leave a (comment|reply)|join the (conversation|discussion)|discussion|community standards.*|comment via .*|comments? (are|have been) (closed|disabled).*)$",
                "comment widget",
            ),
            (r"^follow (us|@\S+)( on .*)?$", "social widget"),
            (
                r"^(subscribe|sign up|sign in|log in|login|register|newsletter|get the newsletter|download (our|the) app)\b[^.]{0,80}$",
                "subscription widget",
            ),
            (
                r"^(advertisement|advertising|sponsored( content)?|ad|ads|promoted|skip (to )?(main )?(content|ad|navigation)|menu|search|close|home|next|previous|prev|back to top|top|loading\.*|more|see more|show more|load more|view gallery|open gallery|enlarge|expand|toggle caption|hide caption|show caption)$",
                "widget label",
            ),
            (r"^(click|tap) here\b.{0,120}$", "link prompt"),
            (r"^(read|see) (more|also)\s*([:»>|-].*)?$", "teaser"),
            (
                r"^(also|more|related|recommended) ?(read|reading|watch|listen|see|news|stories|coverage|article|articles|content)?\s*:.*$",
                "teaser",
            ),
            (
                r"^(read|watch|listen|look|related|recommended|trending|read next|up next|top stories|most (read|popular|viewed|shared)|editor's pick)\s*:.*$",
                "teaser",
            ),
            (
                r"^((image|photo|picture|video|media) )?caption\s*[:,]?$",
                "caption label",
            ),
            (
                r"^(image|photo|picture|video|graphic|media)( copyright| credit| source)?\s*[:,]?$",
                "media label",
            ),
            (
                r"^(reuse this content|order a reprint|reprints|print this page|report an error|corrections)$",
                "widget label",
            ),
            (r"^image copyright\b.*", "media label"),
            (r"^media playback is unsupported.*", "video widget"),
            (r"^your browser does(n't| not) support\b.*", "video widget"),
            (
                r"^(please )?(enable|turn on) javascript\b.*",
                "script notice",
            ),
            (
                r"^(all rights reserved|copyright \d{4}|\(c\) \d{4}|© \d{4}).*",
                "copyright footer",
            ),
            (r"^.{0,80}\ball rights reserved\.?$", "copyright footer"),
            (
                r"^(the )?views (and opinions )?expressed\b.*\b(do not|don't|does not|doesn't) (necessarily )?(reflect|represent)\b.*",
                "disclaimer",
            ),
            (
                r"^(this|the) (article|story|content|material)( may| must| cannot| can not)( not)? be (published|reproduced|broadcast|rewritten|redistributed)\b.*",
                "disclaimer",
            ),
            (
                r"^(tags|topics|keywords|filed under|categories|category|section)\s*:.*",
                "tag list",
            ),
            (
                r"^(reporting|writing|editing|additional reporting|compiled|produced|graphics|translated) by\b.{0,200}$",
                "wire sign-off",
            ),
            (
                r"^(updated|published|posted|last updated|first published|modified|date)\s*:?$",
                "date label",
            ),
            (r"^[^\p{L}]*$", "no words"),
        ];
        let set = RegexSet::new(rules.iter().map(|r| r.0)).expect("valid regex set");
        (set, rules.iter().map(|r| r.1).collect())
    });
    // Chrome lines are short; checking long body paragraphs would only risk false hits.
    if line.len() > 600 {
        return None;
    }
    let n = norm(line);
    if n.len() > 400 {
        return None;
    }
    let (set, reasons) = &*SET;
    set.matches(&n).iter().next().map(|i| reasons[i])
}

/// Whether the line announces a list of other stories ("More from ...", "Related stories",
/// "Most read"): what follows it, as long as it looks like headlines, is chrome too.
pub(crate) fn is_list_heading(line: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(more( must-reads| stories| news| coverage)? from\b.*|more (on|about) (this|the) (story|topic|subject)|related( articles| stories| news| coverage| content| posts| topics| reading| links| videos)?|recommended( for you| stories| reading| articles)?|you (may|might) (also )?(like|enjoy|be interested in)|(most|top) (read|popular|viewed|shared|stories)( stories)?|trending( now| stories| news)?|read next|up next|what to read next|editor's picks?|in other news|latest (news|stories|headlines)|popular( stories| now| articles)?|more stories|more news|elsewhere on .*|from around the web|around the web|(promoted|sponsored|recommended) (stories|links|content)|don't miss|must read|further reading|also on \S+|topics|related topics|more on this|see also)\s*:?$")
            .expect("valid regex")
    });
    if line.len() > 200 {
        return false;
    }
    let n = norm(line);
    word_count(&n) <= 8 && RE.is_match(&n)
}

/// Names of news agencies, as printed alone on a byline line or inside a dateline.
const AGENCIES: &[&str] = &[
    "reuters",
    "ap",
    "the associated press",
    "associated press",
    "afp",
    "agence france-presse",
    "agence france presse",
    "bloomberg",
    "bloomberg news",
    "xinhua",
    "sputnik",
    "tass",
    "ria novosti",
    "interfax",
    "yonhap",
    "kyodo",
    "kcna",
    "upi",
    "dpa",
    "ani",
    "pti",
    "ians",
    "efe",
    "ansa",
    "anadolu",
    "bernama",
    "antara",
    "wafa",
    "irna",
    "mehr",
    "isna",
    "reuters staff",
    "afp staff",
    "staff",
    "staff writer",
    "staff reporter",
    "agencies",
    "news agencies",
    "wire services",
    "the canadian press",
    "press association",
    "pa",
    "aap",
    "cna",
    "rfe/rl",
    "voa",
];

/// Whether `s` is only the name of a news agency.
pub(crate) fn is_agency(s: &str) -> bool {
    if s.len() > 60 {
        return false;
    }
    let n = norm(s);
    let n = n.trim_end_matches('.');
    AGENCIES.contains(&n)
}

/// The credited author or agency when the whole line is a byline ("By Jane Doe", "By Jane Doe,
/// Reuters", or an agency name alone).
pub(crate) fn byline(line: &str) -> Option<String> {
    let t = trim(line);
    if is_agency(t) {
        return Some(t.trim_end_matches('.').to_string());
    }
    static BY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?i:by)[\s:]+(\S.*)$").expect("valid regex"));
    let c = BY.captures(t)?;
    let rest = c.get(1)?.as_str();
    if word_count(rest) > 10 {
        return None;
    }
    let joiners = [
        "and", "de", "van", "von", "al", "bin", "el", "in", "for", "the", "of", "da", "di", "le",
        "la",
    ];
    let ok = rest
        .split(|c: char| c.is_whitespace() || ",|&;/".contains(c))
        .filter(|w| !w.is_empty())
        .all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '@')
                || joiners.contains(&w.to_lowercase().as_str())
        });
    ok.then(|| rest.trim_end_matches([',', '|', ' ']).to_string())
}

/// Whether the whole line is a photo credit ("© REUTERS / Pool", "Photo: AFP",
/// "REUTERS/Jane Doe", "(AP Photo/John Roe)", "AFP via Getty Images").
pub(crate) fn is_credit_line(line: &str) -> bool {
    static SET: LazyLock<RegexSet> = LazyLock::new(|| {
        RegexSet::new([
            r"^(©|\(c\) |copyright\b|photo(graph)?s?( credit| source)?\s*[:,]|image( credit| source)?\s*[:,]|picture( source)?\s*[:,]|pictures\s*:|credit\s*:|pic\s*:|photo by\b|photo courtesy\b|courtesy\b)",
            r"^\([^()]*\b(photo|photos|pic|image|images|credit|getty|pool|file|handout|courtesy)\b[^()]*\)\.?$",
            r"^[\w .,&'-]*\b(getty images|shutterstock|afp|epa|ap photo|reuters|anadolu|xinhua|kcna|yonhap|afp via getty|pool)\b[\w .,&'/-]*$",
        ])
        .expect("valid regex set")
    });
    static AGENCY_SLASH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[A-Z][A-Z .&-]{1,25}\s?/\s?[\p{L} .'’-]{2,60}$").expect("valid regex")
    });
    let t = trim(line);
    if t.len() > 300 {
        return false;
    }
    let n = norm(t);
    if word_count(&n) > 16 || ends_with_terminal(t) && !t.ends_with(')') && !t.ends_with(".)") {
        return false;
    }
    let m = SET.matches(&n);
    if m.matched(0) || m.matched(1) {
        return true;
    }
    // An agency name in a short line, without a verb-bearing sentence around it.
    (m.matched(2) && word_count(&n) <= 6 && !is_agency(t)) || AGENCY_SLASH.is_match(t)
}

/// A breadcrumb trail ("Home > News > World >").
pub(crate) fn is_breadcrumb(s: &str) -> bool {
    if s.len() > 300 || !s.contains(['>', '»', '›']) {
        return false;
    }
    let n = norm(s);
    let seps = n.matches(['>', '»', '›']).count();
    if seps == 0 {
        return false;
    }
    let parts: Vec<&str> = n
        .split(['>', '»', '›'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    (seps >= 2 || n.ends_with(['>', '»', '›']))
        && !parts.is_empty()
        && parts.iter().all(|p| word_count(p) <= 4)
}

/// A list of keywords: four or more comma-separated items, each of at most six words (the first
/// of at most four), none of which reads like part of a sentence.
pub(crate) fn is_tag_line(line: &str) -> bool {
    let t = trim(line);
    if t.len() > 600 {
        return false;
    }
    if ends_with_terminal(t) || t.contains(['"', '“', ';']) {
        return false;
    }
    let items: Vec<&str> = t.split(',').map(trim).collect();
    // A sentence that lists things opens with a clause ("The ban covers coal, iron, ..."); a
    // keyword list opens with a keyword.
    if items.len() < 4 || items.iter().any(|i| i.is_empty()) || word_count(items[0]) > 4 {
        return false;
    }
    let sentence_words = [
        "and", "or", "but", "which", "who", "that", "as", "said", "says", "is", "are", "was",
        "were",
    ];
    items.iter().all(|i| {
        let wc = word_count(i);
        wc <= 6
            && !i
                .split_whitespace()
                .any(|w| sentence_words.contains(&w.to_lowercase().as_str()))
    })
}

/// The length of a caption label glued to the start of a caption ("Image caption ", "Photo
/// caption: "), as BBC-style pages print them; the caption follows it.
pub(crate) fn caption_label_prefix(line: &str) -> Option<usize> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?i:(?:image|photo|picture|video) caption)\s*[:,]?\s+\S")
            .expect("valid regex")
    });
    RE.find(line).map(|m| m.end() - 1)
}

/// Strips an item bullet ("- ", "• ", "* ") from the start of a line.
pub(crate) fn strip_bullet(s: &str) -> (&str, bool) {
    for b in ["- ", "• ", "* ", "· ", "– ", "— ", "» "] {
        if let Some(r) = s.strip_prefix(b) {
            return (trim(r), true);
        }
    }
    (s, false)
}

/// Whether the line reads like a headline: short, not ending with a full stop, starting with a
/// capital (or a quote or digit).
pub(crate) fn headline_like(s: &str) -> bool {
    let (s, _) = strip_bullet(s);
    if s.len() > 200 {
        return false;
    }
    let wc = word_count(s);
    if wc == 0 || wc > 20 {
        return false;
    }
    if s.ends_with(['.', ',', ';', ':']) && !s.ends_with("...") {
        return false;
    }
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// The share of content words that start with a capital letter.
pub(crate) fn title_case_ratio(s: &str) -> f32 {
    let small = [
        "a", "an", "the", "of", "on", "in", "to", "for", "and", "or", "but", "at", "by", "with",
        "from", "as", "vs",
    ];
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .filter(|w| !small.contains(&w.to_lowercase().as_str()))
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    let caps = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    caps as f32 / words.len() as f32
}

/// Cuts video-player words scraped onto the end of a caption (" play", " Watch video").
pub(crate) fn strip_widget_suffix(s: &str) -> &str {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s+(play|play video|watch|watch video|video|replay|enlarge|enlarge this image|expand|zoom|toggle caption|hide caption|show caption)\s*$")
            .expect("valid regex")
    });
    match RE.find(s) {
        Some(m) => trim(&s[..m.start()]),
        None => s,
    }
}

/// The trailing photo credit of a caption: "(AP Photo)", "(SOURCE: REUTERS)",
/// "(KCNA/via Reuters)", "Photo: AFP". Returns the credit text and whether it names a photo
/// source explicitly (a bare agency in brackets is weaker evidence).
pub(crate) fn trailing_credit(s: &str) -> Option<(&str, bool)> {
    static PAREN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\(([^()]{2,80})\)\s*\.?\s*$").expect("valid regex"));
    static PHOTOISH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(photo|photos|photograph|pic|image|images|source|via|getty|pool|file|handout|courtesy|credit|reuters|afp|epa)\b")
            .expect("valid regex")
    });
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:Photo|Photograph|Picture|Image|Pic)s?\s*(?:by)?\s*:?\s+[^.]{2,60}\.?$")
            .expect("valid regex")
    });
    if let Some(c) = PAREN.captures(s) {
        let inner = c.get(1)?.as_str();
        let whole = c.get(0)?.as_str().trim_end_matches(['.', ' ']);
        if word_count(inner) <= 8 {
            if PHOTOISH.is_match(inner) {
                return Some((whole, true));
            }
            if is_agency(inner) {
                return Some((whole, false));
            }
        }
    }
    LABEL.find(s).map(|m| (m.as_str(), true))
}

/// How strongly a line reads like a photo caption; 3 or more is a caption. Captions describe a
/// picture in the present tense ("walks with", "shake hands", "is seen"), place people in it
/// ("(left)"), say what kind of picture it is ("in this undated photo"), and end with the date
/// and/or the credit — where body paragraphs end with a sentence.
pub(crate) fn caption_score(line: &str) -> i32 {
    static POSITION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\((?:left|right|center|centre|front|back|top|bottom|l|r|c|l-r|r-l|2nd [lr]|3rd [lr]|second (?:left|right)|in (?:red|blue|white|black))\)")
            .expect("valid regex")
    });
    static KIND: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:in this (?:\w+ )?(?:photo|picture|image|still|frame|handout|file|screen ?grab|screenshot|video grab|combination)|(?:file|handout|undated|pool) (?:photo|picture|image)|photo (?:taken|released|provided|distributed)|(?:is|are) pictured|pictured (?:here|above|below|left|right|on|at|in|during))\b")
            .expect("valid regex")
    });
    static VERB: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:walks?|shakes? hands|inspects?|poses?|gestures?|waves?|attends?|arrives?|speaks?|looks? on|listens?|stands?|sits?|delivers?|holds?|greets?|reacts?|talks?|takes? part|salutes?|reviews?|leaves|marches|announces|addresses|visits|meets|signs|chats?|embraces?|hugs?|smiles?|laughs?|watches|prepares?|celebrates?|(?:is|are) (?:seen|shown|displayed|escorted|greeted|welcomed))\b")
            .expect("valid regex")
    });
    // Captions are a sentence or three; a long block is never one.
    if line.len() > 2000 {
        return 0;
    }
    let t = strip_widget_suffix(trim(line));
    let wc = word_count(t);
    if wc < 3 {
        return 0;
    }
    let mut score = 0;
    let mut rest = t;
    if let Some((credit, photoish)) = trailing_credit(t) {
        score += if photoish { 3 } else { 2 };
        if let Some(p) = t.rfind(credit) {
            rest = trim(&t[..p]);
        }
    }
    // A full date at the very end (before any credit), as photo agencies date their pictures.
    let body = rest.trim_end_matches(['.', ' ', ',']);
    if let Some(last) = crate::dates::full_dates(body).last() {
        if trim(&body[last.end..]).is_empty() {
            score += if rest.ends_with('.') && score == 0 {
                1
            } else {
                2
            };
        }
    }
    if POSITION.is_match(t) {
        score += 2;
    }
    if KIND.is_match(t) {
        score += 2;
    }
    if VERB.is_match(t) {
        score += 1;
    }
    if wc > 80 {
        score -= 2;
    }
    score
}

/// Whether a line has the grammar of a short photo caption placed under the headline: one
/// sentence ending with a full stop, in the present tense of a picture.
pub(crate) fn short_present_caption(line: &str) -> bool {
    static VERB: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\p{Lu}[\p{L}.'’-]*\s+){1,5}(?:\p{Ll}+s|is|are)\b").expect("valid regex")
    });
    let t = trim(line);
    if t.len() > 300 {
        return false;
    }
    let wc = word_count(t);
    (3..=20).contains(&wc)
        && t.ends_with('.')
        && crate::sentences::sentence_ends(t).is_empty()
        && VERB.is_match(t)
        && !t.contains(['"', '“'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines_are_recognised() {
        for l in [
            "Listen Live",
            "Get short URL",
            "Short link:",
            "Share this article.",
            "READ MORE:\u{a0}Some Headline Here — Reports",
            "Also read: A pilot was captured",
            "Community standardsDiscussion",
            "Comment via FacebookComment via Site",
            "The views and opinions expressed by the speaker do not necessarily reflect those of the site.",
            "Your browser doesn’t support HTML5",
            "Updated:",
            "Facebook Twitter Email",
            "Tags: politics, trade",
        ] {
            assert!(chrome_reason(l).is_some(), "{l}");
        }
        for l in [
            "The minister said the talks would resume.",
            "Read the full statement, he said.",
            "Share prices fell sharply on Monday.",
        ] {
            assert_eq!(chrome_reason(l), None, "{l}");
        }
    }

    #[test]
    fn credits_bylines_and_tags() {
        assert!(is_credit_line("© REUTERS / Summit Press Pool/Pool"));
        assert!(is_credit_line("Photo: AFP"));
        assert!(is_credit_line("REUTERS/Jane Doe"));
        assert!(is_credit_line("(AP Photo/John Roe)"));
        assert!(!is_credit_line("Reuters"));
        assert!(!is_credit_line("Reuters reported that the talks failed."));
        assert_eq!(
            byline("By Jane Doe and John Roe"),
            Some("Jane Doe and John Roe".into())
        );
        assert_eq!(byline("Reuters"), Some("Reuters".into()));
        assert_eq!(byline("By Friday, the talks had collapsed."), None);
        assert!(is_tag_line(
            "trade, sanctions, Jane Doe, Republic of Somewhere (ROS), East Land"
        ));
        assert!(!is_tag_line(
            "the other parties -- France, Britain, China, Russia, and Germany"
        ));
        assert!(is_breadcrumb("Home > News > World >"));
        assert!(is_list_heading("More Must-Reads from The Paper"));
    }

    #[test]
    fn captions_score_high_and_paragraphs_low() {
        assert!(
            caption_score(
                "The president walks with the king at the palace, Ruritania, April 27, 2018"
            ) >= 3
        );
        assert!(
            caption_score(
                "A minister (left) shakes hands with his host in the capital on May 2, 2018 play"
            ) >= 3
        );
        assert!(caption_score("The bridge is seen closed to ships, Sunday, Nov. 25, 2018. The navy said so. (AP Photo)") >= 3);
        assert!(
            caption_score("The ministry said on Monday it would respond, the agency reported.") < 3
        );
        assert!(
            caption_score(
                "The envoy meets officials in the capital, the ministry said on March 28, 2018."
            ) < 3
        );
        assert!(short_present_caption(
            "Leader announces withdrawal from the accord at the palace."
        ));
        assert!(!short_present_caption("The council approved the plan."));
        assert_eq!(
            strip_widget_suffix("A caption, May 2, 2018 play"),
            "A caption, May 2, 2018"
        );
    }

    #[test]
    fn headline_shapes() {
        assert!(headline_like(
            "Ministers Seek Balance Between Rivals - Analysts"
        ));
        assert!(headline_like("- Why Voters Changed Their Minds"));
        assert!(!headline_like("The minister said the talks would resume."));
        assert!(title_case_ratio("Benched on Sidelines") > 0.9);
        assert!(ends_with_terminal("He said “yes.”"));
    }
}
