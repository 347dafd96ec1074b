//! Date evidence: parsing dates as printed in pages, URLs and metadata, and choosing the
//! publication date among the candidates found.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate};
use regex::Regex;

use crate::DateCandidate;

/// Month names as printed in English news: full, three-letter and AP-style ("Sept.").
const MONTHS: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

/// Years accepted as plausible publication years; anything else in a page is a number that
/// happens to look like a date.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        \b(?P<m1>{MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d{{2}})\b
      | \b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTHS})\.?,?\s+(?P<y2>(?:19|20)\d{{2}})\b
      | \b(?P<y3>(?:19|20)\d{{2}})-(?P<mo3>\d{{1,2}})-(?P<d3>\d{{1,2}})\b
      | \b(?P<a4>\d{{1,2}})/(?P<b4>\d{{1,2}})/(?P<y4>(?:19|20)\d{{2}})\b
      | \b(?P<a5>\d{{1,2}})\.(?P<b5>\d{{1,2}})\.(?P<y5>(?:19|20)\d{{2}})\b
    "
    ))
    .expect("valid regex")
});

static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<m>{MONTHS})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b"
    ))
    .expect("valid regex")
});

static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        \b(?P<m1>{MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<e1>\d{{1,2}}))?\b
      | \b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<e2>\d{{1,2}}))?\s+(?:of\s+)?(?P<m2>{MONTHS})\b
    "
    ))
    .expect("valid regex")
});

/// A date found in running text, with its byte range.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

fn month_number(name: &str) -> Option<u32> {
    let key: String = name
        .chars()
        .take(3)
        .collect::<String>()
        .to_ascii_lowercase();
    let n = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| *m == key)?;
    Some(n as u32 + 1)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !YEARS.contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// All dates with a year in `s` ("April 27, 2018", "25 November 2018", "2018-11-26",
/// "3/28/2018" read month first unless the first number cannot be a month, "28.03.2018").
pub(crate) fn full_dates(s: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for c in FULL_DATE.captures_iter(s) {
        let m = c.get(0).expect("group 0");
        let num = |k: &str| c.name(k).and_then(|x| x.as_str().parse::<u32>().ok());
        let year = |k: &str| c.name(k).and_then(|x| x.as_str().parse::<i32>().ok());
        let date = if let Some(mn) = c.name("m1") {
            ymd(
                year("y1").unwrap_or(0),
                month_number(mn.as_str()).unwrap_or(0),
                num("d1").unwrap_or(0),
            )
        } else if let Some(mn) = c.name("m2") {
            ymd(
                year("y2").unwrap_or(0),
                month_number(mn.as_str()).unwrap_or(0),
                num("d2").unwrap_or(0),
            )
        } else if c.name("y3").is_some() {
            ymd(
                year("y3").unwrap_or(0),
                num("mo3").unwrap_or(0),
                num("d3").unwrap_or(0),
            )
        } else if c.name("y4").is_some() {
            let (a, b) = (num("a4").unwrap_or(0), num("b4").unwrap_or(0));
            let (mo, d) = if a > 12 { (b, a) } else { (a, b) };
            ymd(year("y4").unwrap_or(0), mo, d)
        } else {
            // Dotted dates are day first wherever they are used.
            let (a, b) = (num("a5").unwrap_or(0), num("b5").unwrap_or(0));
            ymd(year("y5").unwrap_or(0), b, a)
        };
        if let Some(date) = date {
            out.push(Found {
                date,
                start: m.start(),
                end: m.end(),
            });
        }
    }
    out
}

/// The last day of every "Month YYYY" mentioned (no day given), as upper bounds of what the
/// text talks about.
pub(crate) fn month_years(s: &str) -> Vec<NaiveDate> {
    MONTH_YEAR
        .captures_iter(s)
        .filter_map(|c| {
            let m = month_number(c.name("m")?.as_str())?;
            let y = c.name("y")?.as_str().parse::<i32>().ok()?;
            let first_next = if m == 12 {
                ymd(y + 1, 1, 1)?
            } else {
                ymd(y, m + 1, 1)?
            };
            first_next.pred_opt()
        })
        .collect()
}

/// Whether the text around a yearless date reports it as past or as still ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Unknown,
}

/// A month and day mentioned without a year ("April 30", "May 2-3"), with the last day of a
/// range and the tense of the verb governing it.
#[derive(Debug, Clone)]
pub(crate) struct MonthDay {
    pub month: u32,
    pub day: u32,
    pub last_day: u32,
    pub tense: Tense,
    pub text: String,
}

const IRREGULAR_PAST: &[&str] = &[
    "said", "met", "told", "held", "made", "began", "took", "left", "came", "went", "spoke", "was",
    "were", "had", "did", "saw", "gave", "found", "fled", "sent", "won", "lost", "struck", "shot",
    "fought", "flew", "ran", "rose", "fell", "broke", "hit", "led", "paid", "sold", "spent",
    "stood", "kept", "brought", "bought", "wrote", "chose", "drew", "grew", "knew", "threw",
    "earlier", "since", "last", "ago",
];
const FUTURE_MARKERS: &[&str] = &[
    "will",
    "would",
    "due",
    "scheduled",
    "planned",
    "upcoming",
    "next",
    "until",
    "expected",
    "slated",
];

fn is_past_word(w: &str) -> bool {
    let w = w.to_lowercase();
    if IRREGULAR_PAST.contains(&w.as_str()) {
        return true;
    }
    w.len() > 4
        && w.ends_with("ed")
        && !matches!(
            w.as_str(),
            "expected" | "scheduled" | "planned" | "slated" | "need"
        )
}

fn words_before(s: &str, at: usize, n: usize) -> Vec<String> {
    let mut from = at.saturating_sub(80);
    while !s.is_char_boundary(from) {
        from -= 1;
    }
    let mut ws: Vec<String> = s[from..at]
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if from > 0 && !ws.is_empty() {
        ws.remove(0); // possibly cut in the middle
    }
    let k = ws.len().saturating_sub(n);
    ws.split_off(k)
}

fn word_after(s: &str, at: usize) -> Option<&str> {
    let rest = &s[at..];
    let rest = rest.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
    rest.split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
}

/// Every month-day mentioned without a year in `s`, skipping those that are part of a full date.
pub(crate) fn month_days(s: &str) -> Vec<MonthDay> {
    let full = full_dates(s);
    let mut out = Vec::new();
    for c in MONTH_DAY.captures_iter(s) {
        let m = c.get(0).expect("group 0");
        if full.iter().any(|f| f.start < m.end() && m.start() < f.end) {
            continue;
        }
        let (mn, d, e) = if c.name("m1").is_some() {
            ("m1", "d1", "e1")
        } else {
            ("m2", "d2", "e2")
        };
        let Some(month) = c.name(mn).and_then(|x| month_number(x.as_str())) else {
            continue;
        };
        let Some(day) = c.name(d).and_then(|x| x.as_str().parse::<u32>().ok()) else {
            continue;
        };
        let last_day = c
            .name(e)
            .and_then(|x| x.as_str().parse::<u32>().ok())
            .filter(|&x| x > day)
            .unwrap_or(day);
        if !(1..=31).contains(&day) || last_day > 31 {
            continue;
        }
        let before = words_before(s, m.start(), 6);
        let mut prev = before.iter().rev().map(String::as_str);
        let mut p = prev.next();
        while p.is_some_and(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "on" | "of" | "from" | "in" | "late" | "early"
            )
        }) {
            p = prev.next();
        }
        let lower: Vec<String> = before.iter().map(|w| w.to_lowercase()).collect();
        // "to" marks the future only as an infinitive ("expected to visit"), not as a
        // preposition ("returned to Seoul", "went to the summit").
        let infinitive = lower.windows(2).any(|w| {
            w[0] == "to"
                && !matches!(
                    w[1].as_str(),
                    "the" | "a" | "an" | "his" | "her" | "its" | "their" | "this" | "that"
                )
                && before.iter().any(|b| {
                    b.to_lowercase() == w[1] && b.chars().next().is_some_and(char::is_lowercase)
                })
        });
        let tense =
            if p.is_some_and(is_past_word) || word_after(s, m.end()).is_some_and(is_past_word) {
                Tense::Past
            } else if infinitive || lower.iter().any(|w| FUTURE_MARKERS.contains(&w.as_str())) {
                Tense::Future
            } else {
                Tense::Unknown
            };
        out.push(MonthDay {
            month,
            day,
            last_day,
            tense,
            text: m.as_str().to_string(),
        });
    }
    out
}

/// Parses a machine-readable date as found in metadata (`2018-05-03T10:00:00Z`, `20180503`,
/// `2018/05/03`, or any printed form).
pub(crate) fn parse_machine_date(s: &str) -> Option<NaiveDate> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*((?:19|20)\d{2})[-/]?(\d{2})[-/]?(\d{2})(?:$|[^0-9])")
            .expect("valid regex")
    });
    if let Some(c) = ISO.captures(s) {
        let y = c[1].parse().ok()?;
        return ymd(y, c[2].parse().ok()?, c[3].parse().ok()?);
    }
    full_dates(s).first().map(|f| f.date)
}

/// A date in a URL path: `/2018/12/08/`, `/2018/nov/26/`, `?id=2018-04-28-0011`, `/20181208/`.
pub(crate) fn url_date(url: &str) -> Option<(NaiveDate, String)> {
    static PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        [
            r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$|[^0-9])",
            r"(?i)/((?:19|20)\d{2})/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/(\d{1,2})(?:/|$|[^0-9])",
            r"[/?=_.-]((?:19|20)\d{2})-(\d{2})-(\d{2})(?:$|[^0-9])",
            r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|$|[^0-9])",
        ]
        .iter()
        .map(|p| Regex::new(p).expect("valid regex"))
        .collect()
    });
    for re in PATTERNS.iter() {
        for c in re.captures_iter(url) {
            let y: i32 = c[1].parse().ok()?;
            let m = c[2].parse::<u32>().ok().or_else(|| month_number(&c[2]));
            let d: Option<u32> = c[3].parse().ok();
            if let (Some(m), Some(d)) = (m, d) {
                if let Some(date) = ymd(y, m, d) {
                    let text = c.get(0).expect("group 0").as_str().to_string();
                    return Some((date, text));
                }
            }
        }
    }
    None
}

/// A scraper's stamp at the start of a line: `date 2018-05-03` (optionally with a time).
/// Returns the date and the byte length of the stamp.
pub(crate) fn scraper_stamp(line: &str) -> Option<(NaiveDate, usize)> {
    static STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^date\s+((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?:\s|$)",
        )
        .expect("valid regex")
    });
    let c = STAMP.captures(line)?;
    let date = ymd(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
    Some((date, c.get(0).expect("group 0").as_str().trim_end().len()))
}

/// A page clock: a line that starts with the time of day, then an optional zone, then a date
/// ("19:07 GMT +319 August 2019" — the zone offset "+3" glued to the day "19"). Sites print the
/// current time this way; scrapers capture it, and it says when the page was saved, not written.
pub(crate) fn page_clock(line: &str) -> Option<NaiveDate> {
    if line.len() > 100 {
        return None;
    }
    static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?\s*(?:(?:GMT|UTC|[A-Z]{2,4}T)\s*)?(?:([+\-−])\s*(\d{1,4}))?\s*(.*)$")
            .expect("valid regex")
    });
    let c = CLOCK.captures(line.trim())?;
    let rest = c.get(3).map_or("", |m| m.as_str());
    let whole = |s: &str| -> Option<NaiveDate> {
        let s = s.trim().trim_start_matches([',', '|', '·', '-']).trim();
        let f = full_dates(s);
        let f = f.first()?;
        (f.start == 0 && s[f.end..].trim().is_empty()).then_some(f.date)
    };
    match c.get(2) {
        None => whole(rest),
        Some(digits) => {
            let digits = digits.as_str();
            // The offset is at most two digits and at most 14; what follows it is the day.
            for k in 1..=digits.len().min(2) {
                let (off, day) = digits.split_at(k);
                if off.parse::<u32>().map_or(true, |o| o > 14) || day.len() > 2 {
                    continue;
                }
                if let Some(d) = whole(&format!("{day}{rest}")) {
                    return Some(d);
                }
                if let Some(d) = whole(&format!("{day} {rest}")) {
                    return Some(d);
                }
            }
            None
        }
    }
}

/// Words that may surround a date on a printed date line ("Published Thu, Feb 28, 2019 · 07:44
/// AM", "Updated: 3/28/2018 10:12 EDT").
const DATE_LINE_WORDS: &[&str] = &[
    "published",
    "posted",
    "updated",
    "last",
    "first",
    "modified",
    "on",
    "at",
    "date",
    "dated",
    "am",
    "pm",
    "a.m",
    "p.m",
    "a.m.",
    "p.m.",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "hrs",
    "ist",
    "gmt",
    "utc",
    "edt",
    "est",
    "cdt",
    "cst",
    "pdt",
    "pst",
    "bst",
    "cet",
    "cest",
    "kst",
    "jst",
    "hkt",
    "sgt",
    "et",
    "pt",
    "msk",
    "wib",
    "pkt",
    "aest",
    "aedt",
    "time",
    "by",
    "and",
    "created",
];

/// A line that holds nothing but a date and its labels. Returns the date and whether the line
/// reports an update rather than the first publication.
pub(crate) fn printed_date_line(line: &str) -> Option<(NaiveDate, bool)> {
    if line.len() > 200 || line.split_whitespace().count() > 14 {
        return None;
    }
    let found = full_dates(line);
    let first = found.first()?;
    let mut rest = String::with_capacity(line.len());
    let mut last = 0;
    for f in &found {
        rest.push_str(&line[last..f.start]);
        rest.push(' ');
        last = f.end;
    }
    rest.push_str(&line[last..]);
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\d{1,2}([:.]\d{2}){1,2}([ap]\.?m\.?)?$|^[+-]\d{1,2}(:?\d{2})?$")
            .expect("valid regex")
    });
    let ok = rest
        .split(|c: char| c.is_whitespace() || ",·|•–—-/()[]".contains(c))
        .map(|t| t.trim_end_matches(':'))
        .filter(|t| !t.is_empty())
        .all(|t| {
            let l = t.to_lowercase();
            DATE_LINE_WORDS.contains(&l.as_str())
                || DATE_LINE_WORDS.contains(&l.trim_end_matches('.'))
                || TIME.is_match(&l)
                || (l.starts_with("gmt") || l.starts_with("utc")) && l.len() <= 9
        });
    if !ok {
        return None;
    }
    let lower = line.to_lowercase();
    let update = lower.contains("updated") || lower.contains("modified");
    Some((first.date, update))
}

/// How a candidate ranks when the publication date is chosen: lower is better.
pub(crate) fn rank(basis: &str) -> u8 {
    match basis {
        b if b.starts_with("meta ") => 0,
        b if b.starts_with("json-ld") => 1,
        "time element" => 2,
        "url path" => 3,
        "printed date" => 4,
        "scraper stamp" => 5,
        "dateline" => 6,
        "page clock" => 7,
        _ => 8,
    }
}

/// Days a page clock may run ahead of the latest date the text mentions before it is judged to
/// be the capture time rather than the publication date.
const CLOCK_SLACK_DAYS: i64 = 60;

/// Whether a page clock is contradicted by the text: the text's explicit dates (full dates, and
/// months with a year taken as their last day) all lie more than [`CLOCK_SLACK_DAYS`] before it.
/// A story is written within days of the latest thing it dates; a clock far beyond that is the
/// moment the page was saved. With no dated evidence the clock cannot be contradicted.
pub(crate) fn clock_contradicted(clock: NaiveDate, evidence: &[&str]) -> bool {
    let latest = evidence
        .iter()
        .flat_map(|t| {
            full_dates(t)
                .into_iter()
                .map(|f| f.date)
                .chain(month_years(t))
        })
        .max();
    latest.is_some_and(|l| clock.signed_duration_since(l) > Duration::days(CLOCK_SLACK_DAYS))
}

/// Infers the publication date from the article's own words when no trustworthy evidence exists.
///
/// The rule is deliberately simple and general:
/// 1. Take the latest full date (with a year) in the body and captions; it fixes the year, and
///    the story cannot be older than it (photo captions date the event covered). Without any, no
///    inference is made.
/// 2. Among month-days mentioned without a year (read in that year), take the latest one the
///    text reports in the past tense ("announced on April 30", "said on May 7"). If it is not
///    before the full date, the story was written after it: choose the day after it, but not
///    later than the day before the earliest month-day the text still expects ("is expected to
///    visit on May 2-3"), since a story written after that would report it as past.
/// 3. Otherwise choose the latest full date itself.
pub(crate) fn infer(evidence: &[&str]) -> Option<DateCandidate> {
    let latest = evidence
        .iter()
        .flat_map(|t| full_dates(t))
        .map(|f| (f.date, f))
        .max_by_key(|x| x.0)?;
    let (base, _) = latest;
    let year = base.year();
    let base_text = evidence
        .iter()
        .flat_map(|t| {
            full_dates(t)
                .into_iter()
                .map(move |f| (f.date, t[f.start..f.end].to_string()))
        })
        .find(|(d, _)| *d == base)
        .map(|x| x.1)
        .unwrap_or_default();
    let mentions: Vec<(NaiveDate, NaiveDate, MonthDay)> = evidence
        .iter()
        .flat_map(|t| month_days(t))
        .filter_map(|m| {
            let a = NaiveDate::from_ymd_opt(year, m.month, m.day)?;
            let b = NaiveDate::from_ymd_opt(year, m.month, m.last_day)?;
            Some((a, b, m))
        })
        .collect();
    let past = mentions
        .iter()
        .filter(|m| m.2.tense == Tense::Past)
        .max_by_key(|m| m.1);
    if let Some((_, past_end, pm)) = past {
        if *past_end >= base {
            let mut chosen = past_end.succ_opt()?;
            let mut why = format!(
                "the day after \"{}\", reported as past; year from \"{}\"",
                pm.text, base_text
            );
            let future = mentions
                .iter()
                .filter(|m| m.2.tense == Tense::Future && m.0 > *past_end)
                .min_by_key(|m| m.0);
            if let Some((fut_start, _, fm)) = future {
                let limit = fut_start.pred_opt()?;
                if limit < chosen {
                    chosen = limit;
                }
                why.push_str(&format!("; before \"{}\", still ahead", fm.text));
            }
            return Some(DateCandidate {
                date: chosen.format("%Y-%m-%d").to_string(),
                basis: "inferred from text".into(),
                text: why,
            });
        }
    }
    Some(DateCandidate {
        date: base.format("%Y-%m-%d").to_string(),
        basis: "inferred from text".into(),
        text: format!("latest full date in the text: \"{base_text}\""),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn finds_full_dates_in_many_forms() {
        let got: Vec<_> = full_dates(
            "on April 27, 2018 and 25 November 2018, 2018-11-26, 3/28/2018, Sunday, Nov. 25, 2018",
        )
        .into_iter()
        .map(|f| f.date)
        .collect();
        assert_eq!(
            got,
            vec![
                d("2018-04-27"),
                d("2018-11-25"),
                d("2018-11-26"),
                d("2018-03-28"),
                d("2018-11-25")
            ]
        );
    }

    #[test]
    fn reads_tense_of_yearless_dates() {
        let m = month_days("The minister is expected to visit the North on May 2-3, the ministry announced on April 30.");
        assert_eq!(m.len(), 2);
        assert_eq!(
            (m[0].month, m[0].day, m[0].last_day, m[0].tense),
            (5, 2, 3, Tense::Future)
        );
        assert_eq!((m[1].month, m[1].day, m[1].tense), (4, 30, Tense::Past));
    }

    #[test]
    fn parses_clocks_stamps_urls_and_printed_lines() {
        assert_eq!(
            page_clock("19:07 GMT +319 August 2019"),
            Some(d("2019-08-19"))
        );
        assert_eq!(
            page_clock("08:15 GMT +1012 May 2020"),
            Some(d("2020-05-12"))
        );
        assert_eq!(page_clock("Kim met Moon."), None);
        assert_eq!(
            scraper_stamp("date 2018-05-03 Home > News"),
            Some((d("2018-05-03"), 15))
        );
        assert_eq!(
            url_date("https://x.com/business/2018/12/08/story.html").map(|x| x.0),
            Some(d("2018-12-08"))
        );
        assert_eq!(
            url_date("https://x.com/news/2018/nov/26/story/").map(|x| x.0),
            Some(d("2018-11-26"))
        );
        assert_eq!(
            url_date("https://x.com/a?id=2018-04-28-0011").map(|x| x.0),
            Some(d("2018-04-28"))
        );
        assert_eq!(
            printed_date_line("Published Thu, Feb 28, 2019 · 07:44 AM"),
            Some((d("2019-02-28"), false))
        );
        assert_eq!(
            printed_date_line("3/28/2018"),
            Some((d("2018-03-28"), false))
        );
        assert_eq!(
            printed_date_line("Updated: March 28, 2018 10:12 EDT"),
            Some((d("2018-03-28"), true))
        );
        assert_eq!(printed_date_line("Talks began on March 28, 2018."), None);
        assert_eq!(
            parse_machine_date("2018-05-03T10:00:00+03:00"),
            Some(d("2018-05-03"))
        );
    }

    #[test]
    fn infers_between_past_and_future_mentions() {
        let text = [
            "The ministry announced on April 30 that the minister would visit on May 2-3.",
            "Leaders meet, April 27, 2018",
        ];
        let c = infer(&text).unwrap();
        assert_eq!(c.date, "2018-05-01");
        let only_full = infer(&["The two leaders shake hands, April 27, 2018."]).unwrap();
        assert_eq!(only_full.date, "2018-04-27");
        assert!(infer(&["No dates at all."]).is_none());
    }

    #[test]
    fn clock_is_contradicted_by_much_older_text() {
        assert!(clock_contradicted(
            d("2019-08-19"),
            &["A photo from April 27, 2018."]
        ));
        assert!(!clock_contradicted(
            d("2018-05-01"),
            &["A photo from April 27, 2018."]
        ));
        assert!(!clock_contradicted(d("2019-08-19"), &["No dates."]));
    }
}
