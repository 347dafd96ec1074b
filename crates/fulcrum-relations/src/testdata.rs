//! Event sets shared by the tests of several modules.

use chrono::NaiveDate;

use crate::{Quad, RelEvent};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[allow(clippy::too_many_arguments)]
fn ev(
    id: i64,
    date: &str,
    s: &str,
    t: &str,
    plover: &str,
    cameo: &str,
    quad: Quad,
    g: f64,
) -> RelEvent {
    RelEvent {
        id,
        date: d(date),
        source: s.into(),
        target: t.into(),
        plover: plover.into(),
        cameo: cameo.into(),
        quad,
        goldstein: g,
        mentions: 1,
    }
}

/// The worked example of docs/balance.md, event for event.
pub(crate) fn worked_example() -> Vec<RelEvent> {
    use Quad::*;
    vec![
        ev(
            1,
            "2018-05-07",
            "PRK",
            "CHN",
            "CONSULT",
            "040",
            VerbalCoop,
            1.0,
        ),
        ev(
            2,
            "2018-05-08",
            "CHN",
            "PRK",
            "AGREE",
            "057",
            VerbalCoop,
            8.0,
        ),
        ev(
            3,
            "2018-05-16",
            "PRK",
            "USA",
            "ACCUSE",
            "112",
            VerbalConflict,
            -2.0,
        ),
        ev(
            4,
            "2018-05-24",
            "USA",
            "PRK",
            "REJECT",
            "120",
            VerbalConflict,
            -4.0,
        ),
        ev(
            5,
            "2018-05-26",
            "USA",
            "PRK",
            "CONSULT",
            "040",
            VerbalCoop,
            1.0,
        ),
        ev(
            6,
            "2018-05-26",
            "PRK",
            "KOR",
            "CONSULT",
            "040",
            VerbalCoop,
            1.0,
        ),
        ev(
            7,
            "2018-06-12",
            "PRK",
            "USA",
            "AGREE",
            "057",
            VerbalCoop,
            8.0,
        ),
        ev(
            8,
            "2018-06-19",
            "CHN",
            "PRK",
            "AID",
            "070",
            MaterialCoop,
            7.0,
        ),
        ev(
            9,
            "2018-06-20",
            "PRK",
            "CHN",
            "CONSULT",
            "040",
            VerbalCoop,
            1.0,
        ),
        ev(
            10,
            "2018-06-28",
            "USA",
            "PRK",
            "CONSULT",
            "040",
            VerbalCoop,
            1.0,
        ),
    ]
}

/// Two years of monthly events in which the focus is warm to CHN and cold to USA for the
/// first twelve months and the other way round afterwards.
pub(crate) fn flipping_series() -> Vec<RelEvent> {
    let mut out = Vec::new();
    let mut id = 0;
    for m in 0..24u32 {
        let (year, month) = (2017 + (m / 12) as i32, m % 12 + 1);
        let flipped = m >= 12;
        for j in 0..6u32 {
            let date = NaiveDate::from_ymd_opt(year, month, 1 + j * 4).unwrap();
            // Intensities vary within each month so the series has noise to see through.
            let warm = [3.0, 4.0, 5.0, 3.4, 4.4, 6.0][j as usize];
            let cold = [-3.0, -4.0, -5.0, -2.0, -4.4, -6.0][j as usize];
            for (power, g) in [("CHN", warm), ("USA", cold)] {
                let g = if flipped { -g } else { g };
                id += 1;
                let quad = if g > 0.0 {
                    Quad::VerbalCoop
                } else {
                    Quad::VerbalConflict
                };
                let (s, t) = if j % 2 == 0 {
                    ("PRK", power)
                } else {
                    (power, "PRK")
                };
                out.push(RelEvent {
                    id,
                    date,
                    source: s.into(),
                    target: t.into(),
                    plover: String::new(),
                    cameo: "010".into(),
                    quad,
                    goldstein: g,
                    mentions: 1,
                });
            }
        }
    }
    out
}

/// Three years of monthly events with random counts and intensities: the focus drifts from
/// CHN towards USA in month 20, some months are empty for one power, and RUS appears rarely.
pub(crate) fn noisy_series() -> Vec<RelEvent> {
    let mut rng = crate::stats::SplitMix64::new(2016);
    let mut out = Vec::new();
    let mut id = 0;
    for m in 0..36u32 {
        let (year, month) = (2016 + (m / 12) as i32, m % 12 + 1);
        for (power, most, before, after) in [
            ("CHN", 6, 3.0, 0.5),
            ("USA", 9, -3.5, 2.5),
            ("RUS", 2, 1.0, 1.0),
        ] {
            let n = rng.below(most + 1);
            let centre = if m >= 20 { after } else { before };
            for _ in 0..n {
                id += 1;
                let g = (centre + rng.below(9) as f64 - 4.0).clamp(-10.0, 10.0);
                let quad = if g >= 0.0 {
                    Quad::VerbalCoop
                } else {
                    Quad::VerbalConflict
                };
                out.push(RelEvent {
                    id,
                    date: NaiveDate::from_ymd_opt(year, month, 1 + rng.below(28) as u32).unwrap(),
                    source: "PRK".into(),
                    target: power.into(),
                    plover: String::new(),
                    cameo: "010".into(),
                    quad,
                    goldstein: g,
                    mentions: 1 + rng.below(5) as u32,
                });
            }
        }
    }
    out
}
