//! One dyad's relations period by period.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::period::{range_spans, span_index};
use crate::stats::{cell, text_cell, QuadCounts};
use crate::{select, Period, RelEvent};

/// The sixteen PLOVER event types, in the order of the CSV columns.
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// The key under which events without a PLOVER type (CAMEO 01 public statements) are counted.
const NO_PLOVER: &str = "NONE";

/// What happened between two actors in one period, in one direction or both.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DyadStats {
    /// Unique events.
    pub events: usize,
    /// Article mentions of those events, summed.
    pub mentions: u64,
    /// Events by quad class.
    pub by_quad: QuadCounts,
    /// Events by PLOVER type (upper case as given); events with no type count under `NONE`.
    /// Only types that occur are listed.
    pub by_plover: BTreeMap<String, usize>,
    /// The Goldstein values summed; 0 when there are no events.
    pub goldstein_sum: f64,
    /// The mean Goldstein value; None when there are no events.
    pub goldstein_mean: Option<f64>,
    /// (cooperative − conflictual) / all events, −1 to +1; None when there are no events.
    pub net_cooperation: Option<f64>,
}

impl DyadStats {
    fn add(&mut self, e: &RelEvent) {
        self.events += 1;
        self.mentions += u64::from(e.mentions);
        self.by_quad.add(e.quad);
        let plover = if e.plover.trim().is_empty() {
            NO_PLOVER.to_string()
        } else {
            e.plover.trim().to_ascii_uppercase()
        };
        *self.by_plover.entry(plover).or_insert(0) += 1;
        self.goldstein_sum += e.goldstein;
    }

    fn finish(&mut self) {
        self.goldstein_mean = (self.events > 0).then(|| self.goldstein_sum / self.events as f64);
        self.net_cooperation = self.by_quad.net_cooperation();
    }

    fn csv_cells(&self, out: &mut Vec<String>) {
        out.push(self.events.to_string());
        out.push(self.mentions.to_string());
        for q in crate::Quad::ALL {
            out.push(self.by_quad.get(q).to_string());
        }
        out.push(cell(self.goldstein_mean));
        out.push(cell(Some(self.goldstein_sum)));
        out.push(cell(self.net_cooperation));
    }
}

/// One period of a dyad's relations: both directions together (`both`) and apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationRow {
    /// The period's label (`2018-06`, `2018-W23`, ...).
    pub period: String,
    /// The period's first day.
    pub start: NaiveDate,
    /// The period's last day.
    pub end: NaiveDate,
    /// Actor A's code.
    pub a: String,
    /// Actor B's code.
    pub b: String,
    /// Events between A and B in either direction.
    pub both: DyadStats,
    /// Events with A as source and B as target.
    pub a_to_b: DyadStats,
    /// Events with B as source and A as target.
    pub b_to_a: DyadStats,
}

/// The statistics columns written for each of `both`, `a_to_b` and `b_to_a`, in order.
const STAT_COLUMNS: [&str; 9] = [
    "events",
    "mentions",
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "goldstein_mean",
    "goldstein_sum",
    "net_cooperation",
];

impl RelationRow {
    /// The CSV header matching [`RelationRow::to_csv`].
    ///
    /// Columns: `period, start, end, a, b`; then for both directions together the nine
    /// statistics `events, mentions, verbal_cooperation, material_cooperation,
    /// verbal_conflict, material_conflict, goldstein_mean, goldstein_sum, net_cooperation`;
    /// the same nine prefixed `a_to_b_` and then `b_to_a_`; then one count per PLOVER type
    /// for both directions together, `plover_agree` ... `plover_assault` in the order of
    /// [`PLOVER_TYPES`], `plover_none` (no type) and `plover_other` (a type not among the
    /// sixteen). Means and net cooperation are empty for a period without events.
    pub fn csv_header() -> String {
        let mut cols: Vec<String> = ["period", "start", "end", "a", "b"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for prefix in ["", "a_to_b_", "b_to_a_"] {
            cols.extend(STAT_COLUMNS.iter().map(|c| format!("{prefix}{c}")));
        }
        cols.extend(
            PLOVER_TYPES
                .iter()
                .map(|p| format!("plover_{}", p.to_ascii_lowercase())),
        );
        cols.push("plover_none".into());
        cols.push("plover_other".into());
        cols.join(",")
    }

    /// The row as one CSV line (no line break), with the columns of
    /// [`RelationRow::csv_header`].
    pub fn to_csv(&self) -> String {
        let mut cells = vec![
            text_cell(&self.period),
            self.start.to_string(),
            self.end.to_string(),
            text_cell(&self.a),
            text_cell(&self.b),
        ];
        self.both.csv_cells(&mut cells);
        self.a_to_b.csv_cells(&mut cells);
        self.b_to_a.csv_cells(&mut cells);
        let count = |k: &str| self.both.by_plover.get(k).copied().unwrap_or(0);
        for p in PLOVER_TYPES {
            cells.push(count(p).to_string());
        }
        cells.push(count(NO_PLOVER).to_string());
        let other: usize = self
            .both
            .by_plover
            .iter()
            .filter(|(k, _)| k.as_str() != NO_PLOVER && !PLOVER_TYPES.contains(&k.as_str()))
            .map(|(_, v)| v)
            .sum();
        cells.push(other.to_string());
        cells.join(",")
    }
}

/// The rows as a CSV document: the header and one line per row, each ending in a line break.
pub fn relations_csv(rows: &[RelationRow]) -> String {
    let mut out = RelationRow::csv_header();
    out.push('\n');
    for r in rows {
        out.push_str(&r.to_csv());
        out.push('\n');
    }
    out
}

/// The relations between actors `a` and `b`, one row per period.
///
/// The periods run from `from` (or the first event between A and B) to `to` (or the last
/// such event), every period in between included even when it has no events, so that a chart
/// of the rows shows quiet periods as gaps rather than joining across them. Without events
/// and without both bounds the result is empty. Events are counted once each; mentions are
/// summed but do not weight anything.
pub fn relations(
    events: &[RelEvent],
    a: &str,
    b: &str,
    period: Period,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Vec<RelationRow> {
    let dyad: Vec<&RelEvent> = select(events, from, to)
        .into_iter()
        .filter(|e| (e.source == a && e.target == b) || (e.source == b && e.target == a))
        .collect();
    let spans = range_spans(period, from, to, dyad.iter().map(|e| e.date));
    let mut stats = vec![
        [
            DyadStats::default(),
            DyadStats::default(),
            DyadStats::default()
        ];
        spans.len()
    ];
    for e in dyad {
        let Some(i) = span_index(&spans, e.date) else {
            continue;
        };
        let [both, a_to_b, b_to_a] = &mut stats[i];
        both.add(e);
        // When A and B are the same actor every event runs "A to B"; it is counted once.
        if e.source == a {
            a_to_b.add(e);
        } else {
            b_to_a.add(e);
        }
    }
    let rows: Vec<RelationRow> = spans
        .into_iter()
        .zip(stats)
        .map(|(s, [mut both, mut a_to_b, mut b_to_a])| {
            both.finish();
            a_to_b.finish();
            b_to_a.finish();
            RelationRow {
                period: s.label,
                start: s.start,
                end: s.end,
                a: a.to_string(),
                b: b.to_string(),
                both,
                a_to_b,
                b_to_a,
            }
        })
        .collect();
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Quad;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn ev(id: i64, date: &str, s: &str, t: &str, plover: &str, quad: Quad, g: f64) -> RelEvent {
        RelEvent {
            id,
            date: d(date),
            source: s.into(),
            target: t.into(),
            plover: plover.into(),
            cameo: "040".into(),
            quad,
            goldstein: g,
            mentions: id as u32,
        }
    }

    fn sample() -> Vec<RelEvent> {
        vec![
            ev(
                1,
                "2018-03-05",
                "PRK",
                "USA",
                "THREATEN",
                Quad::VerbalConflict,
                -4.4,
            ),
            ev(
                2,
                "2018-03-20",
                "USA",
                "PRK",
                "SANCTION",
                Quad::MaterialConflict,
                -8.0,
            ),
            ev(3, "2018-03-21", "USA", "PRK", "", Quad::VerbalCoop, 0.0),
            ev(
                4,
                "2018-06-12",
                "PRK",
                "USA",
                "AGREE",
                Quad::VerbalCoop,
                8.0,
            ),
            ev(
                5,
                "2018-06-12",
                "USA",
                "PRK",
                "AGREE",
                Quad::VerbalCoop,
                8.0,
            ),
            ev(
                6,
                "2018-04-01",
                "PRK",
                "CHN",
                "CONSULT",
                Quad::VerbalCoop,
                1.0,
            ),
        ]
    }

    #[test]
    fn rows_cover_gaps_and_split_directions() {
        let rows = relations(&sample(), "PRK", "USA", Period::Month, None, None);
        let labels: Vec<&str> = rows.iter().map(|r| r.period.as_str()).collect();
        assert_eq!(labels, ["2018-03", "2018-04", "2018-05", "2018-06"]);
        let march = &rows[0];
        assert_eq!(march.both.events, 3);
        assert_eq!(march.both.mentions, 6);
        assert_eq!(march.a_to_b.events, 1);
        assert_eq!(march.b_to_a.events, 2);
        assert!((march.both.goldstein_mean.unwrap() - (-12.4 / 3.0)).abs() < 1e-12);
        assert!((march.both.goldstein_sum - (-12.4)).abs() < 1e-12);
        assert!((march.both.net_cooperation.unwrap() - (-1.0 / 3.0)).abs() < 1e-12);
        assert_eq!(march.both.by_plover.get("NONE"), Some(&1));
        assert_eq!(march.both.by_quad.material_conflict, 1);
        assert_eq!(march.b_to_a.net_cooperation, Some(0.0));
        let april = &rows[1];
        assert_eq!(april.both.events, 0);
        assert_eq!(april.both.goldstein_mean, None);
        assert_eq!(april.both.net_cooperation, None);
        assert_eq!(rows[3].both.net_cooperation, Some(1.0));
    }

    #[test]
    fn bounds_extend_and_cut_the_range() {
        let rows = relations(
            &sample(),
            "USA",
            "PRK",
            Period::Quarter,
            Some(d("2018-01-01")),
            Some(d("2018-12-31")),
        );
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].both.events, 3);
        assert_eq!(rows[0].a_to_b.events, 2);
        assert_eq!(rows[2].both.events, 0);
        let rows = relations(
            &sample(),
            "PRK",
            "USA",
            Period::Year,
            Some(d("2018-04-01")),
            None,
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].both.events, 2);
    }

    #[test]
    fn empty_input_gives_no_rows() {
        assert!(relations(&[], "PRK", "USA", Period::Week, None, None).is_empty());
        assert!(relations(&sample(), "FRA", "DEU", Period::Week, None, None).is_empty());
        let rows = relations(
            &[],
            "PRK",
            "USA",
            Period::Month,
            Some(d("2018-01-01")),
            Some(d("2018-02-15")),
        );
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].both.goldstein_mean, None);
    }

    #[test]
    fn csv_has_header_width_and_documented_cells() {
        let rows = relations(&sample(), "PRK", "USA", Period::Month, None, None);
        let csv = relations_csv(&rows);
        let lines: Vec<&str> = csv.lines().collect();
        let width = lines[0].split(',').count();
        assert_eq!(width, 5 + 27 + 18);
        for l in &lines[1..] {
            assert_eq!(l.split(',').count(), width);
        }
        let header: Vec<&str> = lines[0].split(',').collect();
        let march: Vec<&str> = lines[1].split(',').collect();
        let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
        assert_eq!(march[col("events")], "3");
        assert_eq!(march[col("goldstein_mean")], "-4.133333");
        assert_eq!(march[col("b_to_a_events")], "2");
        assert_eq!(march[col("plover_threaten")], "1");
        assert_eq!(march[col("plover_none")], "1");
        let april: Vec<&str> = lines[2].split(',').collect();
        assert_eq!(april[col("goldstein_mean")], "");
        assert_eq!(april[col("goldstein_sum")], "0");
        let json = serde_json::to_value(&rows[0]).unwrap();
        assert_eq!(json["both"]["by_quad"]["verbal_conflict"], 1);
        assert_eq!(json["a_to_b"]["events"], 1);
    }
}
