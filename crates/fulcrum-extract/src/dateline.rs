//! The dateline that opens a wire story's first paragraph: "MOSCOW (Sputnik), Tommy Yang - ",
//! "MOSCOW -- ", "BEIJING/SEOUL—", "[HANOI] ", "PYONGYANG, Sept. 4 (Xinhua) -- ",
//! "WASHINGTON (AP) — ", "LONDON, May 3 (Reuters) - ", "New Delhi: ".

use std::sync::LazyLock;

use regex::Regex;

use crate::Dateline;

/// A place in capitals, one to four words, possibly joined by slashes ("BEIJING/SEOUL").
const PLACE: &str = r"\p{Lu}[\p{Lu}'’.\-]*(?:[ /]\p{Lu}[\p{Lu}'’.\-]*){0,3}";

static WITH_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<place>{PLACE})(?:,\s*(?P<extra>[^()\n]{{1,30}}?))?\s*\((?P<agency>\p{{L}}[\p{{L}}\d .&/'’-]{{0,30}})\)\s*(?:,\s*(?P<byline>\p{{Lu}}[\p{{L}}.'’-]*(?:\s+\p{{Lu}}[\p{{L}}.'’-]*){{1,3}}))?\s*(?P<sep>--|-|—|–|:)\s*"
    ))
    .expect("valid regex")
});

static PLAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?P<place>{PLACE})(?:,\s*(?P<extra>[^()\-—–:\n]{{1,30}}?))?(?P<pre>\s*)(?P<sep>--|—|–|-|:)(?P<post>\s*)"))
        .expect("valid regex")
});

static BRACKET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^\[(?P<place>{PLACE})\]\s*")).expect("valid regex"));

static TITLE_CASE_COLON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){0,2})(?:,\s*(?P<extra>\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}))?:\s+")
        .expect("valid regex")
});

/// Labels that open a paragraph with a colon without being a place.
const NOT_PLACES: &[&str] = &[
    "update",
    "updated",
    "analysis",
    "opinion",
    "exclusive",
    "breaking",
    "watch",
    "editorial",
    "comment",
    "live",
    "video",
    "photos",
    "explainer",
    "factbox",
    "note",
    "editor",
    "correction",
    "summary",
    "background",
    "context",
    "timeline",
    "highlights",
    "read",
    "listen",
    "source",
    "sources",
    "warning",
    "advertisement",
    "q",
    "a",
    "question",
    "answer",
    "interview",
    "review",
    "quote",
    "related",
    "also",
];

/// The dateline at the start of `para`, with the month-day it carries, if any ("Sept. 4").
pub(crate) fn parse(para: &str) -> Option<(Dateline, Option<String>)> {
    let upper_letters = |p: &str| p.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    let next_ok = |end: usize| {
        para[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"“‘'".contains(c))
    };
    if let Some(c) = WITH_AGENCY.captures(para) {
        let m = c.get(0)?;
        let place = c.name("place")?.as_str();
        if upper_letters(place) && next_ok(m.end()) {
            let (place, date) = place_and_date(place, c.name("extra").map(|x| x.as_str()));
            return Some((
                Dateline {
                    place: Some(place),
                    agency: c.name("agency").map(|x| x.as_str().trim().to_string()),
                    byline: c.name("byline").map(|x| x.as_str().to_string()),
                    prefix_len: m.end(),
                },
                date,
            ));
        }
    }
    if let Some(c) = PLAIN.captures(para) {
        let m = c.get(0)?;
        let place = c.name("place")?.as_str();
        let sep = c.name("sep")?.as_str();
        let spaced = !c.name("pre")?.as_str().is_empty() || !c.name("post")?.as_str().is_empty();
        // A bare hyphen joins words ("US-led") unless it is spaced like a dash.
        let sep_ok = match sep {
            "-" => spaced,
            ":" => !c.name("post")?.as_str().is_empty(),
            _ => true,
        };
        if sep_ok
            && upper_letters(place)
            && place.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && next_ok(m.end())
        {
            let (place, date) = place_and_date(place, c.name("extra").map(|x| x.as_str()));
            return Some((
                Dateline {
                    place: Some(place),
                    prefix_len: m.end(),
                    ..Dateline::default()
                },
                date,
            ));
        }
    }
    if let Some(c) = BRACKET.captures(para) {
        let m = c.get(0)?;
        let place = c.name("place")?.as_str();
        if upper_letters(place) && next_ok(m.end()) {
            return Some((
                Dateline {
                    place: Some(place.to_string()),
                    prefix_len: m.end(),
                    ..Dateline::default()
                },
                None,
            ));
        }
    }
    if let Some(c) = TITLE_CASE_COLON.captures(para) {
        let m = c.get(0)?;
        let place = c.name("place")?.as_str();
        let first = place.split(' ').next().unwrap_or("").to_lowercase();
        if !NOT_PLACES.contains(&first.as_str()) && next_ok(m.end()) {
            let (place, date) = place_and_date(place, c.name("extra").map(|x| x.as_str()));
            return Some((
                Dateline {
                    place: Some(place),
                    prefix_len: m.end(),
                    ..Dateline::default()
                },
                date,
            ));
        }
    }
    None
}

/// Splits what follows the place after a comma into a month-day ("May 3") or a region that
/// belongs to the place ("LITTLE ROCK, Ark.").
fn place_and_date(place: &str, extra: Option<&str>) -> (String, Option<String>) {
    match extra.map(str::trim) {
        None | Some("") => (place.to_string(), None),
        Some(e) => {
            if crate::dates::month_days(e)
                .first()
                .is_some_and(|m| m.text.len() + 2 >= e.len())
            {
                (place.to_string(), Some(e.to_string()))
            } else {
                (format!("{place}, {e}"), None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(p: &str, place: &str, agency: Option<&str>, byline: Option<&str>, prefix: &str) {
        let (d, _) = parse(p).unwrap_or_else(|| panic!("no dateline in {p}"));
        assert_eq!(d.place.as_deref(), Some(place), "{p}");
        assert_eq!(d.agency.as_deref(), agency, "{p}");
        assert_eq!(d.byline.as_deref(), byline, "{p}");
        assert_eq!(&p[..d.prefix_len], prefix, "{p}");
    }

    #[test]
    fn parses_wire_datelines() {
        check(
            "MOSCOW (Agency), Jane Roe - Talks began.",
            "MOSCOW",
            Some("Agency"),
            Some("Jane Roe"),
            "MOSCOW (Agency), Jane Roe - ",
        );
        check(
            "MOSCOW -- The navy said.",
            "MOSCOW",
            None,
            None,
            "MOSCOW -- ",
        );
        check(
            "BEIJING/SEOUL—North Korea said.",
            "BEIJING/SEOUL",
            None,
            None,
            "BEIJING/SEOUL—",
        );
        check(
            "[HANOI] US President said.",
            "HANOI",
            None,
            None,
            "[HANOI] ",
        );
        check(
            "WASHINGTON (AP) — The president said.",
            "WASHINGTON",
            Some("AP"),
            None,
            "WASHINGTON (AP) — ",
        );
        check(
            "New Delhi: India said.",
            "New Delhi",
            None,
            None,
            "New Delhi: ",
        );
        let (d, date) = parse("PYONGYANG, Sept. 4 (Xinhua) -- The leader said.").unwrap();
        assert_eq!(
            (d.place.as_deref(), d.agency.as_deref(), date.as_deref()),
            (Some("PYONGYANG"), Some("Xinhua"), Some("Sept. 4"))
        );
        let (_, date) = parse("LONDON, May 3 (Reuters) - Britain said.").unwrap();
        assert_eq!(date.as_deref(), Some("May 3"));
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        for p in [
            "US President Donald Trump said.",
            "The UN Security Council voted.",
            "US-led forces struck.",
            "Update: the talks resumed.",
            "NATO allies met on Friday.",
        ] {
            assert!(parse(p).is_none(), "{p}");
        }
    }
}
