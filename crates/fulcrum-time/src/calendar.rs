//! Calendar arithmetic on plain dates.
//!
//! Every function returns `Option` rather than panicking, because the numbers come straight
//! from untrusted text ("February 30", "900 years ago") and an impossible date must simply
//! resolve to nothing.

use chrono::{Datelike, Days, NaiveDate};

/// An inclusive interval of days.
pub(crate) type Iv = (NaiveDate, NaiveDate);

/// Parses a strict `YYYY-MM-DD` date, so that a malformed reference counts as no reference.
pub(crate) fn parse_iso(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = s.get(0..4)?.parse().ok()?;
    let m = s.get(5..7)?.parse().ok()?;
    let d = s.get(8..10)?.parse().ok()?;
    ymd(y, m, d)
}

/// Formats a date as `YYYY-MM-DD`, the form the public API promises.
pub(crate) fn fmt(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Builds a date, or `None` when it does not exist.
pub(crate) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Moves a date by a signed number of days.
pub(crate) fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// The month `delta` months after year `y`, month `m`.
pub(crate) fn shift_month(y: i32, m: u32, delta: i64) -> Option<(i32, u32)> {
    let total = i64::from(y)
        .checked_mul(12)?
        .checked_add(i64::from(m) - 1)?
        .checked_add(delta)?;
    let y = i32::try_from(total.div_euclid(12)).ok()?;
    let m = u32::try_from(total.rem_euclid(12)).ok()? + 1;
    Some((y, m))
}

/// The whole of a calendar month.
pub(crate) fn month_iv(y: i32, m: u32) -> Option<Iv> {
    let start = ymd(y, m, 1)?;
    let (ny, nm) = shift_month(y, m, 1)?;
    Some((start, ymd(ny, nm, 1)?.pred_opt()?))
}

/// The whole of a calendar year.
pub(crate) fn year_iv(y: i32) -> Option<Iv> {
    Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?))
}

/// The Monday-to-Sunday week containing `d`; news weeks are counted the ISO way.
pub(crate) fn week_iv(d: NaiveDate) -> Option<Iv> {
    let monday = add_days(d, -i64::from(d.weekday().num_days_from_monday()))?;
    Some((monday, add_days(monday, 6)?))
}

/// Month number (1–12) of a full or abbreviated English month name, with or without a period.
pub(crate) fn month_num(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.').to_ascii_lowercase();
    let key = s.get(0..3)?;
    let n = match key {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// Weekday number counted from Monday (0) of an English weekday name.
pub(crate) fn weekday_num(s: &str) -> Option<u32> {
    let s = s.to_ascii_lowercase();
    let n = match s.get(0..3)? {
        "mon" => 0,
        "tue" => 1,
        "wed" => 2,
        "thu" => 3,
        "fri" => 4,
        "sat" => 5,
        "sun" => 6,
        _ => return None,
    };
    Some(n)
}

/// A named part of a period: "early", "mid-", "late", "the end of", and so on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Early,
    Mid,
    Late,
    Begin,
    End,
    FirstHalf,
    SecondHalf,
}

impl Part {
    /// Reads a modifier word or phrase, ignoring case, spacing and a trailing hyphen.
    pub(crate) fn parse(s: &str) -> Option<Part> {
        let norm: Vec<String> = s
            .trim_end_matches('-')
            .split_whitespace()
            .map(|w| w.to_ascii_lowercase())
            .collect();
        let words: Vec<&str> = norm.iter().map(String::as_str).collect();
        let p = match words.as_slice() {
            ["early"] | ["earlier"] => Part::Early,
            ["mid"] | ["the", "middle", "of"] => Part::Mid,
            ["late"] | ["later"] => Part::Late,
            ["the", "beginning", "of"] | ["the", "start", "of"] => Part::Begin,
            ["the", "end", "of"] | ["end", "of"] | ["end"] => Part::End,
            ["the", "first", "half", "of"] => Part::FirstHalf,
            ["the", "second", "half", "of"] => Part::SecondHalf,
            _ => return None,
        };
        Some(p)
    }
}

/// A part of a month: early is days 1–10, mid 11–20, late and the end 21 to the last day.
pub(crate) fn part_of_month(y: i32, m: u32, part: Part) -> Option<Iv> {
    let (first, last) = month_iv(y, m)?;
    let day = |d: u32| ymd(y, m, d);
    Some(match part {
        Part::Early | Part::Begin => (first, day(10)?),
        Part::Mid => (day(11)?, day(20)?),
        Part::Late | Part::End => (day(21)?, last),
        Part::FirstHalf => (first, day(15)?),
        Part::SecondHalf => (day(16)?, last),
    })
}

/// A part of a year: early is January–April, mid May–August, late September–December; the
/// beginning and the end are the first and last month, because "by the end of the year" points
/// at December rather than at the whole autumn.
pub(crate) fn part_of_year(y: i32, part: Part) -> Option<Iv> {
    let months = |a: u32, b: u32| Some((month_iv(y, a)?.0, month_iv(y, b)?.1));
    match part {
        Part::Early => months(1, 4),
        Part::Mid => months(5, 8),
        Part::Late => months(9, 12),
        Part::Begin => months(1, 1),
        Part::End => months(12, 12),
        Part::FirstHalf => months(1, 6),
        Part::SecondHalf => months(7, 12),
    }
}

/// A part of the Monday–Sunday week starting at `monday`: early is Monday–Wednesday, mid
/// Tuesday–Thursday, late and the end Thursday–Sunday.
pub(crate) fn part_of_week(monday: chrono::NaiveDate, part: Part) -> Option<Iv> {
    let d = |n: i64| add_days(monday, n);
    Some(match part {
        Part::Early | Part::FirstHalf => (d(0)?, d(2)?),
        Part::Begin => (d(0)?, d(1)?),
        Part::Mid => (d(1)?, d(3)?),
        Part::Late | Part::SecondHalf => (d(3)?, d(6)?),
        Part::End => (d(4)?, d(6)?),
    })
}
