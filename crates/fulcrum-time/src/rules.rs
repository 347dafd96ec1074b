//! The rule family: one regular expression per kind of date expression, each with a function
//! that checks a match and resolves it.
//!
//! Rules only propose candidates; `find_dates` keeps the longest ones that do not overlap. That
//! split keeps each rule small: a rule never has to know that a longer rule covers its text.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use regex::{Captures, Regex};

use crate::calendar::{
    add_days, month_iv, month_num, parse_iso, part_of_month, part_of_week, part_of_year,
    shift_month, week_iv, weekday_num, year_iv, ymd, Iv, Part,
};
use crate::periods::PERIODS;
use crate::{Basis, Tense};

/// A candidate expression proposed by one rule.
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub interval: Option<Iv>,
    pub basis: Basis,
    /// Index of the rule, to break ties between equally long candidates deterministically.
    pub rank: usize,
}

/// What every rule may look at: the sentence, the reference date, whether the sentence
/// speaks about the future, and the caller's knowledge of the tense of each clause; together
/// they decide between the previous and the next "Monday".
struct Ctx<'a> {
    text: &'a str,
    reference: Option<NaiveDate>,
    future: bool,
    tense: &'a dyn Fn(usize, usize) -> Tense,
}

impl Ctx<'_> {
    /// The tense of the expression at `start..end`: the clause's tense when the caller knows
    /// it, else `Future` when the sentence has a cue of the future, else `Unknown`.
    fn tense_at(&self, start: usize, end: usize) -> Tense {
        match (self.tense)(start, end) {
            Tense::Unknown if self.future => Tense::Future,
            t => t,
        }
    }

    /// [`Ctx::tense_at`] for the whole of a match.
    fn tense_of(&self, c: &Captures) -> Tense {
        c.get(0)
            .map_or(Tense::Unknown, |m| self.tense_at(m.start(), m.end()))
    }
}

type Handler = Box<dyn Fn(&Captures, &Ctx) -> Option<Found> + Send + Sync>;

struct Rule {
    re: Regex,
    handle: Handler,
}

/// Runs every rule over `text` and returns all acceptable candidates, overlapping or not.
pub(crate) fn candidates(
    text: &str,
    reference: Option<NaiveDate>,
    tense: &dyn Fn(usize, usize) -> Tense,
) -> Vec<Found> {
    let ctx = Ctx {
        text,
        reference,
        future: future_re().is_match(text),
        tense,
    };
    let mut out = Vec::new();
    for (rank, rule) in rules().iter().enumerate() {
        for caps in rule.re.captures_iter(text) {
            if let Some(mut f) = (rule.handle)(&caps, &ctx) {
                if f.start < f.end && clean_edges(text, f.start, f.end) {
                    f.rank = rank;
                    out.push(f);
                }
            }
        }
    }
    out
}

/// Rejects a span glued to a number ("May 20,000", "1,990s"), which means the digits inside
/// it belong to a larger number rather than to a date.
fn clean_edges(text: &str, start: usize, end: usize) -> bool {
    let after = text.get(end..).unwrap_or("");
    let mut a = after.chars();
    match (a.next(), a.next()) {
        (Some(c), _) if c.is_ascii_digit() => return false,
        (Some(',' | '.' | '-' | '/'), Some(d)) if d.is_ascii_digit() => return false,
        _ => {}
    }
    let before = text.get(..start).unwrap_or("");
    let mut b = before.chars().rev();
    match (b.next(), b.next()) {
        (Some(c), _) if c.is_ascii_digit() => false,
        (Some(',' | '.' | '/' | '-'), Some(d)) if d.is_ascii_digit() => false,
        _ => true,
    }
}

/// Words that make a sentence speak about the future.
fn future_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:will|shall|would|next|expected|scheduled|upcoming|plans?|planned|planning|due\s+to|set\s+(?:to|for)|to\s+be\s+held|going\s+to)\b|['’]ll\b",
        )
        .expect("future-cue pattern is valid")
    })
}

/// Fills the shorthand of the rule patterns: `<M:g>` a month (full or abbreviated), `<MX:g>`
/// a month that cannot be a first name (full, or abbreviated with a period), `<D:g>` a day
/// number with an optional ordinal suffix, `<Y:g>` a year 1900–2099, `<WD:g>` a weekday.
fn expand(t: &str) -> String {
    const FULL: &str =
        "January|February|March|April|May|June|July|August|September|October|November|December";
    const ABBR: &str = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
    let mut out = String::new();
    let mut rest = t;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let close = tail.find('>');
        let spec = close.map(|c| &tail[1..c]).unwrap_or("");
        let body = match spec.split_once(':') {
            Some(("M", g)) => Some(format!(r"(?P<{g}>(?:{FULL})\b|(?:{ABBR})\b\.?)")),
            Some(("MX", g)) => Some(format!(r"(?P<{g}>(?:{FULL})\b|(?:{ABBR})\.)")),
            Some(("D", g)) => Some(format!(r"(?P<{g}>[0-3]?[0-9])(?:st|nd|rd|th)?\b")),
            Some(("Y", g)) => Some(format!(r"(?P<{g}>(?:19|20)[0-9]{{2}})\b")),
            Some(("WD", g)) => Some(format!(
                r"(?P<{g}>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"
            )),
            _ => None,
        };
        match (body, close) {
            (Some(b), Some(c)) => {
                out.push_str(&b);
                rest = &tail[c + 1..];
            }
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Separator of a range of days or months: a dash, or "to", "through", "until", "and", "or".
const RANGE: &str = r"(?:\s*[-–—]\s*|\s+(?:to|through|until|till|and|or)\s+)";
/// Modifiers that pick a part of a period.
const PART: &str = r"(?i:early|late|mid-|mid|the\s+end\s+of|end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)";
/// Numbers written as words or figures, as in "three weeks ago".
const COUNT: &str = r"(?i:a\s+few|several|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[0-9]{1,3})";

fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(build)
}

fn build() -> Vec<Rule> {
    let mut v: Vec<Rule> = Vec::new();
    let mut add = |pat: &str, handle: Handler| {
        let re = Regex::new(&expand(pat)).expect("date rule pattern is valid");
        v.push(Rule { re, handle });
    };
    // April 27, 2018 / Apr. 27 / Sept. 4th
    add(
        r"\b<M:m>\s+<D:d>(?:(?:,\s*|\s+)<Y:y>)?",
        Box::new(h_month_day),
    );
    // 27 April 2018 / 27th of April
    add(
        r"\b<D:d>\s+(?:of\s+)?<M:m>(?:,?\s+<Y:y>)?",
        Box::new(h_month_day),
    );
    // Friday, April 27, 2018 / Friday 27 April
    add(
        r"\b<WD:wd>,?\s+<M:m>\s+<D:d>(?:(?:,\s*|\s+)<Y:y>)?",
        Box::new(h_month_day),
    );
    add(
        r"\b<WD:wd>,?\s+(?:the\s+)?<D:d>\s+(?:of\s+)?<M:m>(?:,?\s+<Y:y>)?",
        Box::new(h_month_day),
    );
    // May 2-3 / May 2 to 3, 2018 / 2-3 May
    add(
        &format!(r"\b<M:m>\s+<D:d>{RANGE}<D:d2>(?:(?:,\s*|\s+)<Y:y>)?"),
        Box::new(h_day_range),
    );
    add(
        r"\b<D:d>(?:\s*[-–—]\s*|\s+(?:to|and)\s+)<D:d2>\s+<M:m>(?:,?\s+<Y:y>)?",
        Box::new(h_day_range),
    );
    // May 30 to June 2 / Dec. 30, 2017 - Jan. 2, 2018
    add(
        &format!(r"\b<M:m>\s+<D:d>(?:,?\s+<Y:y1>)?{RANGE}<M:m2>\s+<D:d2>(?:(?:,\s*|\s+)<Y:y>)?"),
        Box::new(h_cross_range),
    );
    add(
        &format!(r"\b<D:d>\s+<M:m>(?:\s+<Y:y1>)?{RANGE}<D:d2>\s+<M:m2>(?:,?\s+<Y:y>)?"),
        Box::new(h_cross_range),
    );
    // April 2018
    add(r"\b<M:m>,?\s+<Y:y>", Box::new(h_month_year));
    // May or June / from March to May 2018
    add(
        &format!(r"\b(?:(?i:from|between)\s+)?<MX:m>{RANGE}<MX:m2>(?:,?\s+<Y:y>)?"),
        Box::new(h_month_range),
    );
    // in March / since November
    add(
        r"\b(?P<cue>(?i:in|since|until|till|by|during|throughout|before|after|from|of|for))\s+<MX:m>",
        Box::new(h_month_cue),
    );
    // last March / next September
    add(
        r"\b(?P<w>(?i:last|next|this|past|coming))\s+<MX:m>",
        Box::new(h_month_relative),
    );
    // late March / mid-March 2019 / the end of March
    add(
        &format!(r"\b(?P<part>{PART})\s*<MX:m>(?:,?\s+<Y:y>)?"),
        Box::new(h_month_part),
    );
    // in 1972 / since 2011 / in 2017 and 2018
    add(
        r"\b(?P<cue>(?i:in|since|by|until|till|before|after|of|from|to|during|through|throughout|around|circa|year|and|or))\s+<Y:y>",
        Box::new(h_year_cue),
    );
    // from 1950 to 1953 / between 2016 and 2019 / 1950-53
    add(
        r"\b(?i:from|between)\s+<Y:y>\s+(?:to|and|until|till|through)\s+<Y:y2>",
        Box::new(h_year_range),
    );
    add(
        r"\b<Y:y>\s*[-–—]\s*(?P<y2>[0-9]{4}|[0-9]{2})\b",
        Box::new(h_year_range),
    );
    // the 1990s / the early 1990s
    add(
        r"\b(?:(?i:the)\s+)?(?:(?P<part>(?i:early|mid-|mid|late))\s*)?(?P<dec>(?:19|20)[0-9]0)['’]?s\b",
        Box::new(h_decade),
    );
    // early 2019 / the end of 2019
    add(
        &format!(r"\b(?P<part>{PART})\s*<Y:y>"),
        Box::new(h_year_part),
    );
    // 2018-04-27
    add(
        r"\b<Y:y>-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})\b",
        Box::new(h_numeric),
    );
    // 3/28/2018 (US order)
    add(
        r"\b(?P<mo>[01]?[0-9])/(?P<d>[0-3]?[0-9])/(?P<y>[0-9]{4}|[0-9]{2})\b",
        Box::new(h_numeric),
    );
    // today / yesterday / last night
    add(
        r"\b(?i:today|tonight|yesterday|tomorrow|this\s+morning|this\s+afternoon|this\s+evening|last\s+night|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)\b",
        Box::new(h_day_word),
    );
    // last week / this year / the past month
    add(
        r"\b(?:(?P<the>(?i:the))\s+)?(?P<w>(?i:last|this|next|past))\s+(?P<u>(?i:week|month|year|weekend))\b",
        Box::new(h_unit),
    );
    // earlier this year / the end of the year / early next month
    add(
        &format!(
            r"\b(?P<part>(?i:earlier|later)|{PART})\s*(?P<w>(?i:this|last|next|the))\s+(?P<u>(?i:year|month|week))\b"
        ),
        Box::new(h_unit_part),
    );
    // two days ago
    add(
        &format!(r"\b(?P<n>{COUNT})\s+(?P<u>(?i:day|week|month|year|decade))s?\s+(?i:ago)\b"),
        Box::new(h_ago),
    );
    // the coming weeks / recent days / the past two months
    add(
        &format!(
            r"\b(?:(?P<the>(?i:the))\s+)?(?P<w>(?i:coming|next\s+few|next\s+several|past\s+few|last\s+few|past\s+several|last\s+several|recent|next|past|last))\s+(?:(?P<n>{COUNT})\s+)?(?P<u>(?i:days|weeks|months|years))\b"
        ),
        Box::new(h_window),
    );
    // Monday / last Monday / next Friday
    add(
        r"\b(?:(?P<w>(?i:this\s+coming|last|next|this|coming|past|on))\s+)?<WD:wd>",
        Box::new(h_weekday),
    );
    for p in PERIODS {
        let (Some(start), Some(end)) = (parse_iso(p.start), parse_iso(p.end)) else {
            continue;
        };
        let pat = format!(r"(?i)(?:\bthe\s+)?\b(?:{})\b", p.names.join("|"));
        add(
            &pat,
            Box::new(move |c: &Captures, _: &Ctx| {
                let m = c.get(0)?;
                Some(found(
                    m.start(),
                    m.end(),
                    Some((start, end)),
                    Basis::Explicit,
                ))
            }),
        );
    }
    v
}

fn found(start: usize, end: usize, interval: Option<Iv>, basis: Basis) -> Found {
    Found {
        start,
        end,
        interval,
        basis,
        rank: 0,
    }
}

fn whole(c: &Captures, interval: Option<Iv>, basis: Basis) -> Option<Found> {
    let m = c.get(0)?;
    Some(found(m.start(), m.end(), interval, basis))
}

fn num(c: &Captures, g: &str) -> Option<u32> {
    c.name(g)?.as_str().parse().ok()
}

fn year(c: &Captures, g: &str) -> Option<i32> {
    c.name(g)?.as_str().parse().ok()
}

fn month(c: &Captures, g: &str) -> Option<u32> {
    month_num(c.name(g)?.as_str())
}

fn lower(c: &Captures, g: &str) -> Option<String> {
    Some(
        c.name(g)?
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_lowercase(),
    )
}

/// Picks the year of an expression that has none ("April 30"). In the future tense it is the
/// next occurrence, counting one that ended less than a week before the reference as still
/// next; in the past tense the most recent occurrence that starts no later than the day after
/// the reference (a story may be dated by a time zone behind the event's); with no tense known,
/// the most recent occurrence that starts no more than about two months after the reference,
/// since news mostly reports the past but also announces what is near.
fn choose(ctx: &Ctx, tense: Tense, f: impl Fn(i32) -> Option<Iv>) -> Option<Iv> {
    let r = ctx.reference?;
    let ry = r.year();
    let cands = (ry - 1..=ry + 1).filter_map(f);
    match tense {
        Tense::Future => {
            // "will meet on April 30", said on May 1, still means April 30.
            let grace = add_days(r, -7)?;
            cands.filter(|iv| iv.1 >= grace).min_by_key(|iv| iv.0)
        }
        Tense::Past | Tense::Unknown => {
            let limit = add_days(r, if tense == Tense::Past { 1 } else { 61 })?;
            cands.filter(|iv| iv.0 <= limit).max_by_key(|iv| iv.0)
        }
    }
}

/// Resolves with the explicit year in group `y` when there is one, else against the reference.
fn dated(c: &Captures, ctx: &Ctx, f: impl Fn(i32) -> Option<Iv>) -> (Option<Iv>, Basis) {
    match year(c, "y") {
        Some(y) => (f(y), Basis::Explicit),
        None => (choose(ctx, ctx.tense_of(c), f), Basis::Relative),
    }
}

fn valid_day(d: u32) -> bool {
    (1..=31).contains(&d)
}

fn h_month_day(c: &Captures, ctx: &Ctx) -> Option<Found> {
    let (m, d) = (month(c, "m")?, num(c, "d")?);
    if !valid_day(d) {
        return None;
    }
    let (iv, basis) = dated(c, ctx, |y| ymd(y, m, d).map(|x| (x, x)));
    whole(c, iv, basis)
}

fn h_day_range(c: &Captures, ctx: &Ctx) -> Option<Found> {
    let (m, d, d2) = (month(c, "m")?, num(c, "d")?, num(c, "d2")?);
    if !valid_day(d) || !valid_day(d2) || d2 <= d {
        return None;
    }
    let (iv, basis) = dated(c, ctx, |y| Some((ymd(y, m, d)?, ymd(y, m, d2)?)));
    whole(c, iv, basis)
}

fn h_cross_range(c: &Captures, ctx: &Ctx) -> Option<Found> {
    let (m, d, m2, d2) = (month(c, "m")?, num(c, "d")?, month(c, "m2")?, num(c, "d2")?);
    // "Dec. 24 and Jan. 2" names two days, not the stretch between them.
    let sep_from = c.name("y1").or_else(|| c.name("d")).map_or(0, |g| g.end());
    let sep = ctx.text.get(sep_from..c.name("m2")?.start()).unwrap_or("");
    if sep.contains("and") || sep.contains("or") {
        return None;
    }
    let explicit_years = c.name("y1").is_some() && c.name("y").is_some();
    if !valid_day(d) || !valid_day(d2) || (m == m2 && d2 <= d && !explicit_years) {
        return None;
    }
    let wraps = (m2, d2) < (m, d);
    // Keyed by the year of the first day.
    let f = |y: i32| Some((ymd(y, m, d)?, ymd(if wraps { y + 1 } else { y }, m2, d2)?));
    let (iv, basis) = match (year(c, "y1"), year(c, "y")) {
        (Some(y1), Some(y2)) => (
            ymd(y1, m, d).zip(ymd(y2, m2, d2)).filter(|(a, b)| a <= b),
            Basis::Explicit,
        ),
        (Some(y1), None) => (f(y1), Basis::Explicit),
        (None, Some(y2)) => (f(if wraps { y2 - 1 } else { y2 }), Basis::Explicit),
        (None, None) => (choose(ctx, ctx.tense_of(c), f), Basis::Relative),
    };
    whole(c, iv, basis)
}

fn h_month_year(c: &Captures, _: &Ctx) -> Option<Found> {
    whole(c, month_iv(year(c, "y")?, month(c, "m")?), Basis::Explicit)
}

fn h_month_range(c: &Captures, ctx: &Ctx) -> Option<Found> {
    let (m, m2) = (month(c, "m")?, month(c, "m2")?);
    if m == m2 {
        return None;
    }
    let wraps = m2 < m;
    let f = |y: i32| {
        Some((
            month_iv(y, m)?.0,
            month_iv(if wraps { y + 1 } else { y }, m2)?.1,
        ))
    };
    let (iv, basis) = match year(c, "y") {
        Some(y) => (f(if wraps { y - 1 } else { y }), Basis::Explicit),
        None => (choose(ctx, ctx.tense_of(c), f), Basis::Relative),
    };
    whole(c, iv, basis)
}

fn h_month_cue(c: &Captures, ctx: &Ctx) -> Option<Found> {
    let mg = c.name("m")?;
    let m = month_num(mg.as_str())?;
    let cue = lower(c, "cue")?;
    // "May" after "by", "of" or "from" is too often Theresa May.
    if mg.as_str() == "May"
        && !matches!(
            cue.as_str(),
            "in" | "since" | "until" | "till" | "during" | "throughout"
        )
    {
        return None;
    }
    let after = ctx.text.get(mg.end()..).unwrap_or("");
    if after.starts_with("'s") || after.starts_with("’s") {
        return None;
    }
    let iv = choose(ctx, ctx.tense_at(mg.start(), mg.end()), |y| month_iv(y, m));
    Some(found(mg.start(), mg.end(), iv, Basis::Relative))
}

fn h_month_relative(c: &Captures, ctx: &Ctx) -> Option<Found> {
    let m = month(c, "m")?;
    let w = lower(c, "w")?;
    let iv = ctx.reference.and_then(|r| {
        let (ry, rm) = (r.year(), r.month());
        let y = match w.as_str() {
            "last" | "past" => {
                if m < rm {
                    ry
                } else {
                    ry - 1
                }
            }
            "next" | "coming" => {
                if m > rm {
                    ry
                } else {
                    ry + 1
                }
            }
            _ => ry,
        };
        month_iv(y, m)
    });
    whole(c, iv, Basis::Relative)
}

fn h_month_part(c: &Captures, ctx: &Ctx) -> Option<Found> {
    let m = month(c, "m")?;
    let part = Part::parse(c.name("part")?.as_str())?;
    let (iv, basis) = dated(c, ctx, |y| part_of_month(y, m, part));
    whole(c, iv, basis)
}

/// Words that, right after a number, show it counts things rather than naming a year.
const COUNTED: &[&str] = &[
    "people",
    "persons",
    "troops",
    "soldiers",
    "votes",
    "voters",
    "refugees",
    "migrants",
    "civilians",
    "men",
    "women",
    "children",
    "members",
    "residents",
    "workers",
    "protesters",
    "demonstrators",
    "fighters",
    "militants",
    "rebels",
    "police",
    "policemen",
    "officers",
    "delegates",
    "deaths",
    "dead",
    "killed",
    "wounded",
    "injured",
    "units",
    "homes",
    "houses",
    "tonnes",
    "tons",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "feet",
    "dollars",
    "euros",
    "pounds",
    "yuan",
    "rupees",
    "times",
    "more",
    "others",
    "cases",
    "prisoners",
    "detainees",
    "families",
    "students",
    "seats",
    "barrels",
    "cars",
    "vehicles",
    "acres",
    "hectares",
    "jobs",
    "arrests",
    "missiles",
    "rockets",
    "pages",
    "words",
    "hours",
    "minutes",
    "days",
    "weeks",
    "months",
    "years",
    "percent",
    "per",
    "points",
];

fn h_year_cue(c: &Captures, ctx: &Ctx) -> Option<Found> {
    let yg = c.name("y")?;
    let y: i32 = yg.as_str().parse().ok()?;
    let cue = lower(c, "cue")?;
    let before = ctx.text.get(..c.name("cue")?.start()).unwrap_or("");
    if matches!(cue.as_str(), "and" | "or") {
        // Only as the second of two years: "in 2017 and 2018".
        let prev = before.trim_end();
        let tail = prev.get(prev.len().saturating_sub(4)..).unwrap_or("");
        let year_before = tail.len() == 4
            && tail.bytes().all(|b| b.is_ascii_digit())
            && matches!(tail.get(0..2), Some("19" | "20"));
        if !year_before {
            return None;
        }
    }
    let next = ctx.text.get(yg.end()..).unwrap_or("");
    let word: String = next
        .trim_start()
        .chars()
        .take_while(|ch| ch.is_alphabetic())
        .collect();
    if next.starts_with(char::is_whitespace) && COUNTED.contains(&word.as_str()) {
        return None;
    }
    Some(found(yg.start(), yg.end(), year_iv(y), Basis::Explicit))
}

fn h_year_range(c: &Captures, _: &Ctx) -> Option<Found> {
    let y = year(c, "y")?;
    let g2 = c.name("y2")?.as_str();
    let mut y2: i32 = g2.parse().ok()?;
    if g2.len() == 2 {
        y2 += y - y.rem_euclid(100);
    }
    if y2 <= y || !(1900..=2099).contains(&y2) {
        return None;
    }
    let iv = Some((year_iv(y)?.0, year_iv(y2)?.1));
    whole(c, iv, Basis::Explicit)
}

fn h_decade(c: &Captures, _: &Ctx) -> Option<Found> {
    let dec: i32 = c.name("dec")?.as_str().parse().ok()?;
    let (a, b) = match c.name("part").map(|p| Part::parse(p.as_str())) {
        None => (0, 9),
        Some(Some(Part::Early)) => (0, 3),
        Some(Some(Part::Mid)) => (4, 6),
        Some(Some(Part::Late)) => (7, 9),
        Some(_) => return None,
    };
    let iv = Some((year_iv(dec + a)?.0, year_iv(dec + b)?.1));
    whole(c, iv, Basis::Explicit)
}

fn h_year_part(c: &Captures, _: &Ctx) -> Option<Found> {
    let part = Part::parse(c.name("part")?.as_str())?;
    whole(c, part_of_year(year(c, "y")?, part), Basis::Explicit)
}

fn h_numeric(c: &Captures, _: &Ctx) -> Option<Found> {
    let (mo, d) = (num(c, "mo")?, num(c, "d")?);
    let yg = c.name("y")?.as_str();
    let mut y: i32 = yg.parse().ok()?;
    if yg.len() == 2 {
        y += if y < 50 { 2000 } else { 1900 };
    }
    if !(1..=12).contains(&mo) || !valid_day(d) || !(1900..=2099).contains(&y) {
        return None;
    }
    whole(c, ymd(y, mo, d).map(|x| (x, x)), Basis::Explicit)
}

fn h_day_word(c: &Captures, ctx: &Ctx) -> Option<Found> {
    let w = c
        .get(0)?
        .as_str()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    let offset = match w.as_str() {
        "yesterday" | "last night" => -1,
        "tomorrow" => 1,
        "the day before yesterday" => -2,
        "the day after tomorrow" => 2,
        _ => 0,
    };
    let iv = ctx
        .reference
        .and_then(|r| add_days(r, offset))
        .map(|d| (d, d));
    whole(c, iv, Basis::Relative)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Week,
    Month,
    Year,
}

fn unit_of(s: &str) -> Option<Unit> {
    Some(match s.trim_end_matches('s') {
        "day" => return None,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "year" => Unit::Year,
        _ => return None,
    })
}

/// The calendar week, month or year `shift` units away from the one containing `r`.
fn unit_iv(r: NaiveDate, unit: Unit, shift: i64) -> Option<Iv> {
    match unit {
        Unit::Week => week_iv(add_days(r, shift.checked_mul(7)?)?),
        Unit::Month => {
            let (y, m) = shift_month(r.year(), r.month(), shift)?;
            month_iv(y, m)
        }
        Unit::Year => year_iv(r.year().checked_add(i32::try_from(shift).ok()?)?),
    }
}

fn followed_by_of(ctx: &Ctx, end: usize) -> bool {
    let rest = ctx.text.get(end..).unwrap_or("").trim_start();
    rest.len() > 2
        && rest.get(..2).is_some_and(|s| s.eq_ignore_ascii_case("of"))
        && !rest[2..].starts_with(|ch: char| ch.is_alphanumeric())
}

fn h_unit(c: &Captures, ctx: &Ctx) -> Option<Found> {
    let all = c.get(0)?;
    if followed_by_of(ctx, all.end()) {
        return None;
    }
    let w = lower(c, "w")?;
    let u = lower(c, "u")?;
    let the = c.name("the").is_some();
    let rolling = w == "past" || (the && (w == "last" || w == "next"));
    let start = if rolling {
        all.start()
    } else {
        c.name("w")?.start()
    };
    let iv = ctx.reference.and_then(|r| {
        if u == "weekend" {
            let shift = match w.as_str() {
                "last" | "past" => -7,
                "next" => 7,
                _ => 0,
            };
            let (monday, _) = week_iv(add_days(r, shift)?)?;
            return Some((add_days(monday, 5)?, add_days(monday, 6)?));
        }
        let unit = unit_of(&u)?;
        if rolling {
            let len = match unit {
                Unit::Week => 7,
                Unit::Month => 30,
                Unit::Year => 365,
            };
            return if w == "next" {
                Some((add_days(r, 1)?, add_days(r, len)?))
            } else {
                Some((add_days(r, -len)?, r))
            };
        }
        let shift = match w.as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        unit_iv(r, unit, shift)
    });
    Some(found(start, all.end(), iv, Basis::Relative))
}

fn h_unit_part(c: &Captures, ctx: &Ctx) -> Option<Found> {
    let part_s = lower(c, "part")?;
    let part = Part::parse(&part_s)?;
    let w = lower(c, "w")?;
    let unit = unit_of(&lower(c, "u")?)?;
    let iv = ctx.reference.and_then(|r| {
        let shift = match w.as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        let base = unit_iv(r, unit, shift)?;
        if shift == 0 && part_s == "earlier" {
            return Some((base.0, r));
        }
        if shift == 0 && part_s == "later" {
            return Some((r, base.1));
        }
        match unit {
            Unit::Week => part_of_week(base.0, part),
            Unit::Month => part_of_month(base.0.year(), base.0.month(), part),
            Unit::Year => part_of_year(base.0.year(), part),
        }
    });
    whole(c, iv, Basis::Relative)
}

fn count(s: &str) -> Option<(i64, i64)> {
    let n = match s {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "a few" => return Some((2, 4)),
        "several" => return Some((3, 7)),
        _ => s.parse().ok()?,
    };
    Some((n, n))
}

fn h_ago(c: &Captures, ctx: &Ctx) -> Option<Found> {
    let (lo, hi) = count(&lower(c, "n")?)?;
    let u = lower(c, "u")?;
    let iv = ctx.reference.and_then(|r| match u.as_str() {
        "day" => Some((add_days(r, -hi)?, add_days(r, -lo)?)),
        "decade" => Some((
            year_iv(r.year() - i32::try_from(hi * 10).ok()?)?.0,
            year_iv(r.year() - i32::try_from(lo * 10).ok()?)?.1,
        )),
        other => {
            let unit = unit_of(other)?;
            Some((unit_iv(r, unit, -hi)?.0, unit_iv(r, unit, -lo)?.1))
        }
    });
    whole(c, iv, Basis::Relative)
}

fn h_window(c: &Captures, ctx: &Ctx) -> Option<Found> {
    let all = c.get(0)?;
    let w = lower(c, "w")?;
    let the = c.name("the").is_some();
    if !the && w != "recent" {
        return None;
    }
    if followed_by_of(ctx, all.end()) {
        return None;
    }
    let n = match c.name("n") {
        Some(g) => {
            if w.contains(' ') || w == "recent" || w == "coming" {
                return None;
            }
            Some(count(&g.as_str().to_ascii_lowercase())?.1)
        }
        None => None,
    };
    let bare_unit = matches!(w.as_str(), "next" | "past" | "last");
    if n.is_none() && bare_unit {
        // "the last days of the regime", "the next years": too vague to date.
        return None;
    }
    let u = lower(c, "u")?;
    let per = match u.as_str() {
        "days" => 1,
        "weeks" => 7,
        "months" => 30,
        _ => 365,
    };
    let default = match u.as_str() {
        "days" => 10,
        "weeks" => 42,
        "months" => 183,
        _ => 3 * 365,
    };
    let len = n.map_or(Some(default), |n| n.checked_mul(per))?;
    let future = w.starts_with("coming") || w.starts_with("next");
    let iv = ctx.reference.and_then(|r| {
        if future {
            Some((add_days(r, 1)?, add_days(r, len)?))
        } else {
            Some((add_days(r, -len)?, r))
        }
    });
    whole(c, iv, Basis::Relative)
}

fn h_weekday(c: &Captures, ctx: &Ctx) -> Option<Found> {
    let wd = c.name("wd")?;
    let target = i64::from(weekday_num(wd.as_str())?);
    let w = lower(c, "w");
    let start = match w.as_deref() {
        None | Some("on") => wd.start(),
        Some(_) => c.get(0)?.start(),
    };
    if matches!(w.as_deref(), Some("last" | "next")) && followed_by_of(ctx, wd.end()) {
        return None;
    }
    let iv = ctx.reference.and_then(|r| {
        let rd = i64::from(r.weekday().num_days_from_monday());
        let back = (rd - target).rem_euclid(7);
        let fwd = (target - rd).rem_euclid(7);
        let offset = match w.as_deref() {
            Some("last" | "past") => -(if back == 0 { 7 } else { back }),
            Some("next" | "coming" | "this coming") => {
                if fwd == 0 {
                    7
                } else {
                    fwd
                }
            }
            _ if ctx.tense_at(wd.start(), wd.end()) == Tense::Future => fwd,
            _ => -back,
        };
        let d = add_days(r, offset)?;
        Some((d, d))
    });
    Some(found(start, wd.end(), iv, Basis::Relative))
}
