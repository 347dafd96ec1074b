//! Calendar periods: days, ISO weeks, months, quarters and years, with their labels.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::ParseError;

/// The length of the periods a series is cut into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Calendar days, labelled `2018-06-12`.
    Day,
    /// ISO 8601 weeks (Monday to Sunday), labelled with the ISO week-numbering year: `2018-W23`.
    Week,
    /// Calendar months, labelled `2018-06`.
    Month,
    /// Calendar quarters, labelled `2018-Q2`.
    Quarter,
    /// Calendar years, labelled `2018`.
    Year,
}

/// One period: its label and its first and last day (both inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PeriodSpan {
    /// The period's label (`2018-W23`, `2018-Q2`, ...).
    pub label: String,
    /// The first day of the period.
    pub start: NaiveDate,
    /// The last day of the period.
    pub end: NaiveDate,
}

impl Period {
    /// The name used on the command line and in JSON (`day`, `week`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// The first day of the period that contains `date`.
    pub fn start_of(self, date: NaiveDate) -> NaiveDate {
        // Every first day computed here exists in the calendar, so the fallbacks only guard
        // the extremes of chrono's date range.
        match self {
            Period::Day => date,
            Period::Week => date
                .checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))
                .unwrap_or(date),
            Period::Month => date.with_day(1).unwrap_or(date),
            Period::Quarter => {
                let month = (date.month0() / 3) * 3 + 1;
                NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
            }
            Period::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date),
        }
    }

    /// The first day of the period after the one starting on `start`, or None past the end of
    /// the calendar chrono knows.
    fn next_start(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Day => start.succ_opt(),
            Period::Week => start.checked_add_days(Days::new(7)),
            Period::Month => start.checked_add_months(Months::new(1)),
            Period::Quarter => start.checked_add_months(Months::new(3)),
            Period::Year => start.checked_add_months(Months::new(12)),
        }
    }

    /// The label of the period starting on `start`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Period::Day => start.format("%Y-%m-%d").to_string(),
            Period::Week => {
                // The ISO week year differs from the calendar year around New Year: the week
                // of Monday 31 December 2018 is 2019-W01.
                let week = start.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            Period::Month => start.format("%Y-%m").to_string(),
            Period::Quarter => format!("{}-Q{}", start.year(), start.month0() / 3 + 1),
            Period::Year => start.year().to_string(),
        }
    }

    /// The period that contains `date`.
    pub fn span_of(self, date: NaiveDate) -> PeriodSpan {
        let start = self.start_of(date);
        let end = self
            .next_start(start)
            .and_then(|n| n.pred_opt())
            .unwrap_or(NaiveDate::MAX);
        PeriodSpan {
            label: self.label(start),
            start,
            end,
        }
    }

    /// Every period from the one containing `from` to the one containing `to`, in order;
    /// empty when `from` is after `to`.
    pub fn spans(self, from: NaiveDate, to: NaiveDate) -> Vec<PeriodSpan> {
        let mut out = Vec::new();
        if from > to {
            return out;
        }
        let mut start = self.start_of(from);
        loop {
            let span = self.span_of(start);
            let last = span.end >= to;
            let next = self.next_start(start);
            out.push(span);
            match next {
                Some(n) if !last => start = n,
                _ => break,
            }
        }
        out
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Period {
    type Err = ParseError;

    /// Accepts `day`, `week`, `month`, `quarter`, `year` in any case, the adjectives (`daily`,
    /// `weekly`, `monthly`, `quarterly`, `yearly`) and the one-letter forms `d w m q y`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" | "daily" | "d" => Ok(Period::Day),
            "week" | "weekly" | "w" => Ok(Period::Week),
            "month" | "monthly" | "m" => Ok(Period::Month),
            "quarter" | "quarterly" | "q" => Ok(Period::Quarter),
            "year" | "yearly" | "annual" | "y" => Ok(Period::Year),
            _ => Err(ParseError::Period(s.to_string())),
        }
    }
}

/// The periods a series covers: from the caller's bounds where given, otherwise from the first
/// and last of the dates seen; empty when neither gives a bound at one end.
pub(crate) fn range_spans(
    period: Period,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    dates: impl Iterator<Item = NaiveDate>,
) -> Vec<PeriodSpan> {
    let (mut lo, mut hi) = (None::<NaiveDate>, None::<NaiveDate>);
    for d in dates {
        lo = Some(lo.map_or(d, |l| l.min(d)));
        hi = Some(hi.map_or(d, |h| h.max(d)));
    }
    match (from.or(lo), to.or(hi)) {
        (Some(f), Some(t)) => period.spans(f, t),
        _ => Vec::new(),
    }
}

/// Finds the index of the span containing `date` in spans produced by [`Period::spans`].
pub(crate) fn span_index(spans: &[PeriodSpan], date: NaiveDate) -> Option<usize> {
    // Spans are sorted and contiguous, so a binary search on the start day finds the one
    // whose start is the last not after the date.
    let i = spans.partition_point(|s| s.start <= date);
    let i = i.checked_sub(1)?;
    (date <= spans[i].end).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn labels_and_bounds() {
        let day = d("2018-06-12");
        let w = Period::Week.span_of(day);
        assert_eq!(w.label, "2018-W24");
        assert_eq!((w.start, w.end), (d("2018-06-11"), d("2018-06-17")));
        let m = Period::Month.span_of(day);
        assert_eq!(m.label, "2018-06");
        assert_eq!((m.start, m.end), (d("2018-06-01"), d("2018-06-30")));
        let q = Period::Quarter.span_of(day);
        assert_eq!(q.label, "2018-Q2");
        assert_eq!((q.start, q.end), (d("2018-04-01"), d("2018-06-30")));
        let y = Period::Year.span_of(day);
        assert_eq!(y.label, "2018");
        assert_eq!((y.start, y.end), (d("2018-01-01"), d("2018-12-31")));
        assert_eq!(Period::Day.span_of(day).label, "2018-06-12");
        // ISO weeks belong to the year that holds their Thursday.
        assert_eq!(Period::Week.span_of(d("2018-12-31")).label, "2019-W01");
        assert_eq!(Period::Week.span_of(d("2021-01-03")).label, "2020-W53");
    }

    #[test]
    fn spans_cover_range_without_gaps() {
        let spans = Period::Month.spans(d("2017-11-15"), d("2018-02-01"));
        let labels: Vec<&str> = spans.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["2017-11", "2017-12", "2018-01", "2018-02"]);
        for w in spans.windows(2) {
            assert_eq!(w[0].end.succ_opt().unwrap(), w[1].start);
        }
        assert!(Period::Month
            .spans(d("2018-02-01"), d("2018-01-01"))
            .is_empty());
        assert_eq!(span_index(&spans, d("2018-01-31")), Some(2));
        assert_eq!(span_index(&spans, d("2017-10-31")), None);
        assert_eq!(span_index(&spans, d("2018-03-01")), None);
    }

    #[test]
    fn parses_names() {
        assert_eq!("Quarter".parse::<Period>().unwrap(), Period::Quarter);
        assert_eq!("w".parse::<Period>().unwrap(), Period::Week);
        assert!("fortnight".parse::<Period>().is_err());
        assert_eq!(serde_json::to_string(&Period::Month).unwrap(), "\"month\"");
    }
}
