//! How a state's relations move, and how it balances between great powers, measured from coded
//! political events.
//!
//! The input is a list of unique events ([`RelEvent`]): who acted on whom, on which day, with
//! which PLOVER type, CAMEO code, Goldstein intensity and quad class, and how many article
//! mentions the event has. The caller has already kept only the events it trusts (asserted
//! factuality, the date range it wants); every function here also takes an optional `from`/`to`
//! so that one list of events can be cut several ways.
//!
//! Four analyses are offered:
//!
//! * [`relations`]: one dyad (A, B) period by period, both directions together and apart
//!   (counts by PLOVER type and quad class, Goldstein mean and sum, net cooperation).
//! * [`balance`]: one focus state against a list of powers: a relation score with each power,
//!   the tilt between them, each power's share of the focus's cooperation, bootstrap intervals
//!   for all three, and the periods where the tilt or a score shifts. `docs/balance.md` gives the
//!   definitions, the reasons for them and a worked example.
//! * [`chart_svg`] and [`chart_png`] (and [`relations_chart_svg`], [`relations_chart_png`]):
//!   charts of those series.
//! * [`network`]: who engages whom among the most active actors, as JSON or GraphML.
//!
//! Invariants: the crate does no I/O and holds no state between calls (bar the chart font,
//! registered once), every result is deterministic for the same input and seed, and empty
//! input yields empty output rather than a panic. Events are counted once each by `id`: if the
//! same id is given twice, the first occurrence is used and the others are ignored, because
//! counting a cluster twice would double its weight in every statistic.

mod balance;
mod chart;
mod network;
mod period;
mod relations;
mod shifts;
mod stats;
#[cfg(test)]
mod testdata;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use balance::{
    balance, Balance, BalanceOptions, BalancePeriod, Baseline, Direction, PowerPeriod, Shift,
    ShiftSeries,
};
pub use chart::{chart_png, chart_svg, relations_chart_png, relations_chart_svg, ChartError};
pub use network::{network, Network, NetworkEdge, NetworkNode};
pub use period::{Period, PeriodSpan};
pub use relations::{relations, relations_csv, DyadStats, RelationRow, PLOVER_TYPES};
pub use stats::{Estimate, QuadCounts};

/// The four quad classes of the CAMEO/PLOVER tradition: talk or deeds, cooperative or
/// conflictual.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Quad {
    /// Cooperative statements: consultations, appeals, agreements in words.
    #[serde(rename = "verbal_cooperation")]
    VerbalCoop,
    /// Cooperative deeds: aid, concessions, material cooperation.
    #[serde(rename = "material_cooperation")]
    MaterialCoop,
    /// Conflictual statements: accusations, rejections, threats.
    #[serde(rename = "verbal_conflict")]
    VerbalConflict,
    /// Conflictual deeds: sanctions, mobilisation, coercion, assault.
    #[serde(rename = "material_conflict")]
    MaterialConflict,
}

impl Quad {
    /// All four classes, in the order used for columns and keys.
    pub const ALL: [Quad; 4] = [
        Quad::VerbalCoop,
        Quad::MaterialCoop,
        Quad::VerbalConflict,
        Quad::MaterialConflict,
    ];

    /// The name used in the project's output files (`verbal_cooperation`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Quad::VerbalCoop => "verbal_cooperation",
            Quad::MaterialCoop => "material_cooperation",
            Quad::VerbalConflict => "verbal_conflict",
            Quad::MaterialConflict => "material_conflict",
        }
    }

    /// Whether the class is one of the two cooperative ones.
    pub fn is_cooperative(self) -> bool {
        matches!(self, Quad::VerbalCoop | Quad::MaterialCoop)
    }
}

impl fmt::Display for Quad {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Quad {
    type Err = ParseError;

    /// Accepts the output names (`verbal_cooperation`, `material_cooperation`,
    /// `verbal_conflict`, `material_conflict`, in any case) and, because some event data sets
    /// store the class as a number, the conventional codes `1` to `4` in the same order.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "verbal_cooperation" | "1" => Ok(Quad::VerbalCoop),
            "material_cooperation" | "2" => Ok(Quad::MaterialCoop),
            "verbal_conflict" | "3" => Ok(Quad::VerbalConflict),
            "material_conflict" | "4" => Ok(Quad::MaterialConflict),
            _ => Err(ParseError::Quad(s.to_string())),
        }
    }
}

/// A name that is not a known quad class or period length.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Not one of the four quad class names.
    #[error(
        "unknown quad class {0:?} (expected verbal_cooperation, material_cooperation, \
         verbal_conflict or material_conflict)"
    )]
    Quad(String),
    /// Not one of the period names.
    #[error("unknown period {0:?} (expected day, week, month, quarter or year)")]
    Period(String),
}

/// One unique event (a cluster of article mentions of the same happening) as the analyses see
/// it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelEvent {
    /// The event's id in the store; ids are unique.
    pub id: i64,
    /// The day the event happened.
    pub date: NaiveDate,
    /// The acting actor's code ("PRK", "USA", "UNO").
    pub source: String,
    /// The code of the actor acted upon.
    pub target: String,
    /// The PLOVER type ("CONSULT", "THREATEN"); empty for CAMEO 01 public statements.
    pub plover: String,
    /// The CAMEO code.
    pub cameo: String,
    /// The quad class.
    pub quad: Quad,
    /// The Goldstein intensity, −10 (most conflictual) to +10.
    pub goldstein: f64,
    /// How many article mentions the event has (at least 1).
    pub mentions: u32,
}

/// Keeps the events dated within `[from, to]` (either bound optional, both inclusive), each id
/// once, sorted by date and id.
///
/// Sorting makes every later step independent of the order the caller happened to give the
/// events in, which the bootstrap needs to be reproducible.
fn select(events: &[RelEvent], from: Option<NaiveDate>, to: Option<NaiveDate>) -> Vec<&RelEvent> {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut out: Vec<&RelEvent> = events
        .iter()
        .filter(|e| from.map_or(true, |f| e.date >= f) && to.map_or(true, |t| e.date <= t))
        .filter(|e| seen.insert(e.id))
        .collect();
    out.sort_by(|x, y| x.date.cmp(&y.date).then(x.id.cmp(&y.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quad_parses_names_and_codes() {
        assert_eq!(
            "verbal_cooperation".parse::<Quad>().unwrap(),
            Quad::VerbalCoop
        );
        assert_eq!(
            "Material_Conflict".parse::<Quad>().unwrap(),
            Quad::MaterialConflict
        );
        assert_eq!("3".parse::<Quad>().unwrap(), Quad::VerbalConflict);
        assert!("cooperation".parse::<Quad>().is_err());
        for q in Quad::ALL {
            assert_eq!(q.as_str().parse::<Quad>().unwrap(), q);
            let json = serde_json::to_string(&q).unwrap();
            assert_eq!(json, format!("\"{}\"", q.as_str()));
        }
    }

    #[test]
    fn select_dedupes_filters_and_sorts() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let ev = |id, date: &str| RelEvent {
            id,
            date: d(date),
            source: "A".into(),
            target: "B".into(),
            plover: String::new(),
            cameo: "010".into(),
            quad: Quad::VerbalCoop,
            goldstein: 0.0,
            mentions: 1,
        };
        let events = vec![
            ev(3, "2018-02-01"),
            ev(1, "2018-01-01"),
            ev(3, "2018-02-01"),
            ev(2, "2019-01-01"),
        ];
        let kept = select(&events, None, Some(d("2018-12-31")));
        let ids: Vec<i64> = kept.iter().map(|e| e.id).collect();
        assert_eq!(ids, vec![1, 3]);
    }
}
