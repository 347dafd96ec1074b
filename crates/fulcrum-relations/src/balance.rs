//! How a focus state balances between powers: relation scores, tilt, cooperation shares, their
//! bootstrap intervals and the periods where they shift. `docs/balance.md` gives the
//! definitions and the reasons for them.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::period::{range_spans, span_index};
use crate::shifts::changes;
use crate::stats::{cell, text_cell, Estimate, SplitMix64};
use crate::{select, Period, RelEvent};

/// Settings of [`balance`]. `BalanceOptions::default()` gives the documented defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BalanceOptions {
    /// Bootstrap replicates per period (default 1000); 0 gives intervals of zero width.
    pub bootstrap: usize,
    /// Seed of the bootstrap's random numbers (default 0).
    pub seed: u64,
    /// Coverage of the intervals, between 0 and 1 (default 0.9).
    pub level: f64,
    /// First day to use (inclusive); None uses the first event's period.
    pub from: Option<NaiveDate>,
    /// Last day to use (inclusive); None uses the last event's period.
    pub to: Option<NaiveDate>,
    /// k, the weight in pseudo-events of the dyad's baseline in each period's score
    /// (default 2); 0 makes the score the plain mean Goldstein.
    pub prior_weight: f64,
    /// The change-point penalty multiplier c in `c × σ² × ln(n)` (default 3).
    pub shift_penalty: f64,
    /// The fewest periods between two change points (default 2).
    pub min_segment: usize,
    /// How many event ids to give on each side of a shift (default 5).
    pub evidence: usize,
}

impl Default for BalanceOptions {
    fn default() -> Self {
        BalanceOptions {
            bootstrap: 1000,
            seed: 0,
            level: 0.9,
            from: None,
            to: None,
            prior_weight: 2.0,
            shift_penalty: 3.0,
            min_segment: 2,
            evidence: 5,
        }
    }
}

/// The focus state's balance between the powers, period by period, and its shifts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Balance {
    /// The focus state's code.
    pub focus: String,
    /// The powers, in the order given (duplicates and the focus itself removed). Tilt without
    /// qualification is the first power's.
    pub powers: Vec<String>,
    /// The period length.
    pub period: Period,
    /// The options used.
    pub options: BalanceOptions,
    /// Each power's baseline: the mean Goldstein of all its events with the focus in the range,
    /// towards which small periods' scores are pulled.
    pub baselines: Vec<Baseline>,
    /// One entry per period from the first to the last, empty periods included.
    pub periods: Vec<BalancePeriod>,
    /// Shifts found in the tilt and in each power's score, in period order.
    pub shifts: Vec<Shift>,
}

/// A power's events with the focus over the whole range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// The power's code.
    pub power: String,
    /// Events between the focus and the power in the range.
    pub events: usize,
    /// Their mean Goldstein value; None without events.
    pub goldstein_mean: Option<f64>,
}

/// One period of a balance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BalancePeriod {
    /// The period's label (`2018-06`, ...).
    pub period: String,
    /// The period's first day.
    pub start: NaiveDate,
    /// The period's last day.
    pub end: NaiveDate,
    /// Events between the focus and any of the powers.
    pub events: usize,
    /// The first power's tilt (with two powers: score of the first − score of the second);
    /// None unless the first power and at least one other have a score.
    pub tilt: Option<Estimate>,
    /// One entry per power, in the order of [`Balance::powers`].
    pub powers: Vec<PowerPeriod>,
}

/// The focus's relation with one power in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PowerPeriod {
    /// The power's code.
    pub power: String,
    /// Events between the focus and the power, either direction.
    pub events: usize,
    /// Their article mentions, summed (reported, not used as weights).
    pub mentions: u64,
    /// Of those events, the cooperative ones (verbal or material cooperation).
    pub cooperative: usize,
    /// Of those events, the conflictual ones.
    pub conflictual: usize,
    /// Their plain mean Goldstein value; None without events.
    pub goldstein_mean: Option<f64>,
    /// The relation score (the mean Goldstein shrunk towards the baseline); None without
    /// events.
    pub score: Option<Estimate>,
    /// This power's score minus the mean score of the other powers that have one; None unless
    /// this power and at least one other have a score.
    pub tilt: Option<Estimate>,
    /// This power's share of the focus's cooperative events with all the powers; None when the
    /// period has no cooperative event with any of them.
    pub share: Option<Estimate>,
}

/// Which series a shift was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShiftSeries {
    /// The tilt towards the shift's power (the first power).
    Tilt,
    /// The relation score with the shift's power.
    Score,
}

/// Which way a series moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Upwards: a warmer relation, or a tilt towards the shift's power.
    Up,
    /// Downwards: a cooler relation, or a tilt away from the shift's power.
    Down,
}

/// A change point in the tilt or in a score series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shift {
    /// The series the shift is in.
    pub series: ShiftSeries,
    /// The power whose tilt or score shifted.
    pub power: String,
    /// The label of the first period after the shift.
    pub period: String,
    /// That period's first day.
    pub date: NaiveDate,
    /// That period's position in [`Balance::periods`].
    pub index: usize,
    /// Up or down.
    pub direction: Direction,
    /// The mean of the series over the segment before the shift.
    pub before: f64,
    /// The mean over the segment after it.
    pub after: f64,
    /// `after − before`.
    pub size: f64,
    /// Ids of the largest-|Goldstein| events of the series in the last period with a value
    /// before the shift, largest first.
    pub events_before: Vec<i64>,
    /// Ids of the largest-|Goldstein| events of the series in the period of the shift.
    pub events_after: Vec<i64>,
}

/// Per-power totals of one sample of a period's events, from which every statistic follows.
struct Totals {
    n: Vec<usize>,
    sum: Vec<f64>,
    coop: Vec<usize>,
}

impl Totals {
    fn new(powers: usize) -> Self {
        Totals {
            n: vec![0; powers],
            sum: vec![0.0; powers],
            coop: vec![0; powers],
        }
    }

    fn clear(&mut self) {
        self.n.fill(0);
        self.sum.fill(0.0);
        self.coop.fill(0);
    }

    fn add(&mut self, power: usize, e: &RelEvent) {
        self.n[power] += 1;
        self.sum[power] += e.goldstein;
        self.coop[power] += usize::from(e.quad.is_cooperative());
    }
}

/// The three statistics of every power for one sample.
struct Stats {
    score: Vec<Option<f64>>,
    tilt: Vec<Option<f64>>,
    share: Vec<Option<f64>>,
}

/// Computes score, tilt and share for every power from a sample's totals.
///
/// score = (Σ goldstein + k × baseline) / (n + k), None when n = 0;
/// tilt = score − mean of the other powers' scores;
/// share = cooperative with this power / cooperative with all powers.
fn statistics(t: &Totals, baseline: &[Option<f64>], k: f64) -> Stats {
    let powers = t.n.len();
    let score: Vec<Option<f64>> = (0..powers)
        .map(|p| {
            (t.n[p] > 0).then(|| {
                let prior = baseline[p].unwrap_or(0.0);
                (t.sum[p] + k * prior) / (t.n[p] as f64 + k)
            })
        })
        .collect();
    let tilt = (0..powers)
        .map(|p| {
            let own = score[p]?;
            let others: Vec<f64> = (0..powers)
                .filter(|&q| q != p)
                .filter_map(|q| score[q])
                .collect();
            (!others.is_empty()).then(|| own - others.iter().sum::<f64>() / others.len() as f64)
        })
        .collect();
    let all_coop: usize = t.coop.iter().sum();
    let share = (0..powers)
        .map(|p| (all_coop > 0).then(|| t.coop[p] as f64 / all_coop as f64))
        .collect();
    Stats { score, tilt, share }
}

/// The bootstrap seed of one period: the caller's seed mixed with the period's first day.
///
/// Tying the stream to the period rather than to its position keeps a period's interval the
/// same when the analysed range is widened or narrowed.
fn period_seed(seed: u64, start: NaiveDate) -> u64 {
    let day = i64::from(start.num_days_from_ce()) as u64;
    SplitMix64::new(seed ^ day.wrapping_mul(0xD1B5_4A32_D192_ED03)).next_u64()
}

/// Orders events for the evidence lists: largest |Goldstein| first, then most mentioned, then
/// lowest id, so that the lists are deterministic.
fn evidence_ids<'a>(events: impl Iterator<Item = &'a RelEvent>, keep: usize) -> Vec<i64> {
    let mut v: Vec<&RelEvent> = events.collect();
    v.sort_by(|a, b| {
        b.goldstein
            .abs()
            .total_cmp(&a.goldstein.abs())
            .then(b.mentions.cmp(&a.mentions))
            .then(a.id.cmp(&b.id))
    });
    v.into_iter().take(keep).map(|e| e.id).collect()
}

/// Measures how `focus` balances between `powers`, period by period.
///
/// Only events between the focus and one of the powers (either direction) count; events are
/// taken once each and are not weighted by mentions. Periods run from `options.from` (or the
/// first such event) to `options.to` (or the last), empty periods included with None
/// statistics. Results depend only on the events, the arguments and the seed: the bootstrap is
/// single-threaded and each period draws from its own seeded stream.
pub fn balance(
    events: &[RelEvent],
    focus: &str,
    powers: &[&str],
    period: Period,
    options: &BalanceOptions,
) -> Balance {
    let mut names: Vec<String> = Vec::new();
    for p in powers {
        if *p != focus && !p.is_empty() && !names.iter().any(|n| n == p) {
            names.push(p.to_string());
        }
    }
    let k = options.prior_weight.max(0.0);
    let selected = select(events, options.from, options.to);
    let relevant: Vec<(usize, &RelEvent)> = selected
        .into_iter()
        .filter_map(|e| {
            let other = if e.source == focus {
                &e.target
            } else if e.target == focus {
                &e.source
            } else {
                return None;
            };
            names.iter().position(|n| n == other).map(|i| (i, e))
        })
        .collect();

    let mut base = Totals::new(names.len());
    for (p, e) in &relevant {
        base.add(*p, e);
    }
    let baseline: Vec<Option<f64>> = (0..names.len())
        .map(|p| (base.n[p] > 0).then(|| base.sum[p] / base.n[p] as f64))
        .collect();
    let baselines = names
        .iter()
        .enumerate()
        .map(|(p, name)| Baseline {
            power: name.clone(),
            events: base.n[p],
            goldstein_mean: baseline[p],
        })
        .collect();

    let spans = range_spans(
        period,
        options.from,
        options.to,
        relevant.iter().map(|(_, e)| e.date),
    );
    let mut by_period: Vec<Vec<(usize, &RelEvent)>> = vec![Vec::new(); spans.len()];
    for &(p, e) in &relevant {
        if let Some(i) = span_index(&spans, e.date) {
            by_period[i].push((p, e));
        }
    }

    let mut periods = Vec::with_capacity(spans.len());
    for (span, pool) in spans.iter().zip(&by_period) {
        periods.push(period_balance(span, pool, &names, &baseline, k, options));
    }

    let shifts = find_shifts(&periods, &by_period, &names, options);
    Balance {
        focus: focus.to_string(),
        powers: names,
        period,
        options: options.clone(),
        baselines,
        periods,
        shifts,
    }
}

/// The statistics of one period, with their bootstrap intervals.
fn period_balance(
    span: &crate::PeriodSpan,
    pool: &[(usize, &RelEvent)],
    names: &[String],
    baseline: &[Option<f64>],
    k: f64,
    options: &BalanceOptions,
) -> BalancePeriod {
    let np = names.len();
    let mut totals = Totals::new(np);
    let mut mentions = vec![0u64; np];
    for &(p, e) in pool {
        totals.add(p, e);
        mentions[p] += u64::from(e.mentions);
    }
    let point = statistics(&totals, baseline, k);

    // The bootstrap resamples the period's events jointly, whichever power each is with, so
    // that the replicates vary both how the focus engaged each power and how often: the share
    // and the tilt depend on both.
    let mut reps_score: Vec<Vec<f64>> = vec![Vec::new(); np];
    let mut reps_tilt: Vec<Vec<f64>> = vec![Vec::new(); np];
    let mut reps_share: Vec<Vec<f64>> = vec![Vec::new(); np];
    if !pool.is_empty() && options.bootstrap > 0 {
        let mut rng = SplitMix64::new(period_seed(options.seed, span.start));
        let mut sample = Totals::new(np);
        for _ in 0..options.bootstrap {
            sample.clear();
            for _ in 0..pool.len() {
                let (p, e) = pool[rng.below(pool.len())];
                sample.add(p, e);
            }
            // A replicate in which a power drew no event has no score for it; such replicates
            // are left out of that statistic's interval rather than counted as zero.
            let s = statistics(&sample, baseline, k);
            for p in 0..np {
                if let Some(v) = s.score[p] {
                    reps_score[p].push(v);
                }
                if let Some(v) = s.tilt[p] {
                    reps_tilt[p].push(v);
                }
                if let Some(v) = s.share[p] {
                    reps_share[p].push(v);
                }
            }
        }
    }
    let level = options.level;
    let powers: Vec<PowerPeriod> = (0..np)
        .map(|p| PowerPeriod {
            power: names[p].clone(),
            events: totals.n[p],
            mentions: mentions[p],
            cooperative: totals.coop[p],
            conflictual: totals.n[p] - totals.coop[p],
            goldstein_mean: (totals.n[p] > 0).then(|| totals.sum[p] / totals.n[p] as f64),
            score: point.score[p].map(|v| Estimate::from_replicates(v, &mut reps_score[p], level)),
            tilt: point.tilt[p].map(|v| Estimate::from_replicates(v, &mut reps_tilt[p], level)),
            share: point.share[p].map(|v| Estimate::from_replicates(v, &mut reps_share[p], level)),
        })
        .collect();
    BalancePeriod {
        period: span.label.clone(),
        start: span.start,
        end: span.end,
        events: pool.len(),
        tilt: powers.first().and_then(|p| p.tilt),
        powers,
    }
}

/// Runs the change-point search on the first power's tilt and on every power's score.
fn find_shifts(
    periods: &[BalancePeriod],
    by_period: &[Vec<(usize, &RelEvent)>],
    names: &[String],
    options: &BalanceOptions,
) -> Vec<Shift> {
    let mut out = Vec::new();
    let mut series: Vec<(ShiftSeries, usize, Vec<Option<f64>>)> = Vec::new();
    if names.len() >= 2 {
        series.push((
            ShiftSeries::Tilt,
            0,
            periods.iter().map(|p| p.tilt.map(|e| e.value)).collect(),
        ));
    }
    for p in 0..names.len() {
        series.push((
            ShiftSeries::Score,
            p,
            periods
                .iter()
                .map(|pp| pp.powers[p].score.map(|e| e.value))
                .collect(),
        ));
    }
    for (kind, power, values) in series {
        // Periods without a value are skipped, not filled: the search runs on the periods that
        // have one, and each change is mapped back to its period.
        let index: Vec<usize> = (0..values.len()).filter(|&i| values[i].is_some()).collect();
        let x: Vec<f64> = index.iter().filter_map(|&i| values[i]).collect();
        for c in changes(&x, options.shift_penalty, options.min_segment) {
            let (after_i, before_i) = (index[c.at], index[c.at - 1]);
            let pick = |i: usize| {
                evidence_ids(
                    by_period[i]
                        .iter()
                        .filter(|(p, _)| kind == ShiftSeries::Tilt || *p == power)
                        .map(|(_, e)| *e),
                    options.evidence,
                )
            };
            let size = c.after - c.before;
            out.push(Shift {
                series: kind,
                power: names[power].clone(),
                period: periods[after_i].period.clone(),
                date: periods[after_i].start,
                index: after_i,
                direction: if size >= 0.0 {
                    Direction::Up
                } else {
                    Direction::Down
                },
                before: c.before,
                after: c.after,
                size,
                events_before: pick(before_i),
                events_after: pick(after_i),
            });
        }
    }
    out.sort_by(|a, b| {
        a.index
            .cmp(&b.index)
            .then((a.series == ShiftSeries::Score).cmp(&(b.series == ShiftSeries::Score)))
            .then(a.power.cmp(&b.power))
    });
    out
}

/// The columns of [`Balance::to_csv`].
const BALANCE_COLUMNS: &str = "period,start,end,power,events,mentions,cooperative,conflictual,\
goldstein_mean,score,score_lower,score_upper,tilt,tilt_lower,tilt_upper,share,share_lower,\
share_upper";

impl Balance {
    /// The balance as pretty-printed JSON.
    /// The title charts of this balance carry: "PRK between CHN and USA by quarter".
    pub fn title(&self) -> String {
        format!(
            "{} between {} by {}",
            self.focus,
            self.powers.join(" and "),
            self.period.as_str()
        )
    }

    pub fn to_json(&self) -> String {
        // Serialising these plain structs cannot fail: every map key is a string and
        // non-finite numbers are written as null.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The periods as CSV in long form, one line per period and power, with a header:
    /// `period, start, end, power, events, mentions, cooperative, conflictual,
    /// goldstein_mean, score, score_lower, score_upper, tilt, tilt_lower, tilt_upper, share,
    /// share_lower, share_upper`. Undefined values are empty cells.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(BALANCE_COLUMNS);
        out.push('\n');
        let est = |e: Option<Estimate>| {
            [
                cell(e.map(|e| e.value)),
                cell(e.map(|e| e.lower)),
                cell(e.map(|e| e.upper)),
            ]
        };
        for p in &self.periods {
            for pp in &p.powers {
                let mut cells = vec![
                    text_cell(&p.period),
                    p.start.to_string(),
                    p.end.to_string(),
                    text_cell(&pp.power),
                    pp.events.to_string(),
                    pp.mentions.to_string(),
                    pp.cooperative.to_string(),
                    pp.conflictual.to_string(),
                    cell(pp.goldstein_mean),
                ];
                cells.extend(est(pp.score));
                cells.extend(est(pp.tilt));
                cells.extend(est(pp.share));
                out.push_str(&cells.join(","));
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{flipping_series, noisy_series, worked_example};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn worked_example_matches_docs() {
        let b = balance(
            &worked_example(),
            "PRK",
            &["CHN", "USA"],
            Period::Month,
            &BalanceOptions::default(),
        );
        assert_eq!(b.powers, ["CHN", "USA"]);
        assert_eq!(b.baselines[0].events, 4);
        assert!(close(b.baselines[0].goldstein_mean.unwrap(), 4.25));
        assert_eq!(b.baselines[1].events, 5);
        assert!(close(b.baselines[1].goldstein_mean.unwrap(), 0.8));
        assert_eq!(b.periods.len(), 2);

        let may = &b.periods[0];
        assert_eq!(may.period, "2018-05");
        assert_eq!(may.events, 5);
        let (chn, usa) = (&may.powers[0], &may.powers[1]);
        assert_eq!((chn.events, usa.events), (2, 3));
        assert!(close(chn.goldstein_mean.unwrap(), 4.5));
        assert!(close(usa.goldstein_mean.unwrap(), -5.0 / 3.0));
        assert!(close(chn.score.unwrap().value, 4.375));
        assert!(close(usa.score.unwrap().value, -0.68));
        assert!(close(may.tilt.unwrap().value, 5.055));
        assert!(close(chn.tilt.unwrap().value, 5.055));
        assert!(close(usa.tilt.unwrap().value, -5.055));
        assert!(close(chn.share.unwrap().value, 2.0 / 3.0));
        assert!(close(usa.share.unwrap().value, 1.0 / 3.0));

        let june = &b.periods[1];
        assert_eq!(june.period, "2018-06");
        let (chn, usa) = (&june.powers[0], &june.powers[1]);
        assert_eq!((chn.events, usa.events), (2, 2));
        assert!(close(chn.score.unwrap().value, 4.125));
        assert!(close(usa.score.unwrap().value, 2.65));
        assert!(close(june.tilt.unwrap().value, 1.475));
        // The raw means would tilt June the other way: 4.0 − 4.5.
        assert!(close(
            chn.goldstein_mean.unwrap() - usa.goldstein_mean.unwrap(),
            -0.5
        ));
        assert!(close(chn.share.unwrap().value, 0.5));
        assert!(close(usa.share.unwrap().value, 0.5));

        // The bootstrap intervals quoted in the document, for the default seed.
        let near = |a: f64, b: f64| (a - b).abs() < 0.005;
        let t = may.tilt.unwrap();
        assert!(near(t.lower, 2.71) && near(t.upper, 7.23), "{t:?}");
        let t = june.tilt.unwrap();
        assert!(near(t.lower, -0.90) && near(t.upper, 4.25), "{t:?}");
        let s = b.periods[0].powers[1].score.unwrap();
        assert!(near(s.lower, -1.73) && near(s.upper, 0.87), "{s:?}");

        // With k = 0 the score is the plain mean.
        let raw = balance(
            &worked_example(),
            "PRK",
            &["CHN", "USA"],
            Period::Month,
            &BalanceOptions {
                prior_weight: 0.0,
                bootstrap: 0,
                ..BalanceOptions::default()
            },
        );
        assert!(close(raw.periods[0].tilt.unwrap().value, 4.5 + 5.0 / 3.0));
    }

    #[test]
    fn intervals_contain_points_and_shares_sum_to_one() {
        let b = balance(
            &worked_example(),
            "PRK",
            &["CHN", "USA", "RUS"],
            Period::Month,
            &BalanceOptions::default(),
        );
        for p in &b.periods {
            let shares: Vec<f64> = p
                .powers
                .iter()
                .filter_map(|pp| pp.share.map(|s| s.value))
                .collect();
            if !shares.is_empty() {
                assert_eq!(shares.len(), 3);
                assert!(close(shares.iter().sum::<f64>(), 1.0));
            }
            for pp in &p.powers {
                for e in [pp.score, pp.tilt, pp.share].into_iter().flatten() {
                    assert!(e.lower <= e.value && e.value <= e.upper, "{e:?}");
                }
            }
            // Russia has no events: no score, no tilt, but a share of zero.
            let rus = &p.powers[2];
            assert_eq!(rus.events, 0);
            assert!(rus.score.is_none() && rus.tilt.is_none());
            assert_eq!(rus.share.unwrap().value, 0.0);
        }
        // With three powers the tilt is against the mean of the others that have a score.
        let may = &b.periods[0];
        assert!(close(may.tilt.unwrap().value, 4.375 + 0.68));
        // The intervals are not degenerate where the events disagree.
        let usa = may.powers[1].score.unwrap();
        assert!(usa.upper > usa.lower);
    }

    #[test]
    fn deterministic_for_a_seed_and_order_free() {
        let opts = BalanceOptions {
            seed: 42,
            ..BalanceOptions::default()
        };
        let events = worked_example();
        let a = balance(&events, "PRK", &["CHN", "USA"], Period::Month, &opts);
        let mut reversed = events.clone();
        reversed.reverse();
        let b = balance(&reversed, "PRK", &["CHN", "USA"], Period::Month, &opts);
        assert_eq!(a.to_json(), b.to_json());
        let other = balance(
            &events,
            "PRK",
            &["CHN", "USA"],
            Period::Month,
            &BalanceOptions {
                seed: 43,
                ..opts.clone()
            },
        );
        assert_ne!(a.to_json(), other.to_json());
        // A period's interval does not change when the range is widened.
        let wide = balance(
            &events,
            "PRK",
            &["CHN", "USA"],
            Period::Month,
            &BalanceOptions {
                from: Some(d("2018-01-01")),
                ..opts.clone()
            },
        );
        assert_eq!(wide.periods.len(), 6);
        assert_eq!(wide.periods[4].powers, a.periods[0].powers);
        assert!(wide.periods[0].tilt.is_none());
        assert!(wide.periods[0].powers.iter().all(|p| p.score.is_none()));
    }

    #[test]
    fn properties_hold_on_noisy_data() {
        let events = noisy_series();
        for period in [Period::Week, Period::Month, Period::Quarter] {
            for powers in [&["CHN", "USA"][..], &["CHN", "USA", "RUS"][..]] {
                let opts = BalanceOptions {
                    bootstrap: 200,
                    seed: 9,
                    ..BalanceOptions::default()
                };
                let b = balance(&events, "PRK", powers, period, &opts);
                assert!(!b.periods.is_empty());
                for p in &b.periods {
                    let n: usize = p.powers.iter().map(|x| x.events).sum();
                    assert_eq!(n, p.events);
                    let shares: Vec<f64> = p
                        .powers
                        .iter()
                        .filter_map(|x| x.share.map(|s| s.value))
                        .collect();
                    assert!(shares.is_empty() || close(shares.iter().sum::<f64>(), 1.0));
                    for x in &p.powers {
                        assert_eq!(x.score.is_some(), x.events > 0);
                        for e in [x.score, x.tilt, x.share].into_iter().flatten() {
                            assert!(e.lower <= e.value && e.value <= e.upper, "{e:?}");
                            assert!(e.value.is_finite() && e.lower.is_finite());
                        }
                        if let Some(s) = x.share {
                            assert!(s.lower >= 0.0 && s.upper <= 1.0);
                        }
                        if let Some(s) = x.score {
                            assert!(s.lower >= -10.0 && s.upper <= 10.0);
                        }
                    }
                }
                for s in &b.shifts {
                    assert!(s.index > 0 && s.index < b.periods.len());
                    assert_eq!(s.period, b.periods[s.index].period);
                    assert_eq!(s.direction == Direction::Up, s.size >= 0.0);
                }
                let again = balance(&events, "PRK", powers, period, &opts);
                assert_eq!(b, again);
            }
        }
    }

    #[test]
    fn empty_inputs_do_not_panic() {
        let opts = BalanceOptions::default();
        let b = balance(&[], "PRK", &["CHN", "USA"], Period::Month, &opts);
        assert!(b.periods.is_empty() && b.shifts.is_empty());
        assert!(b.baselines.iter().all(|x| x.goldstein_mean.is_none()));
        let b = balance(&worked_example(), "PRK", &[], Period::Month, &opts);
        assert!(b.periods.is_empty());
        let b = balance(&worked_example(), "PRK", &["USA"], Period::Month, &opts);
        assert_eq!(b.periods.len(), 2);
        assert!(b.periods[0].tilt.is_none());
        assert_eq!(b.periods[0].powers[0].share.unwrap().value, 1.0);
        // The focus listed among the powers, or a power listed twice, is dropped.
        let b = balance(
            &worked_example(),
            "PRK",
            &["PRK", "CHN", "CHN", "USA"],
            Period::Month,
            &opts,
        );
        assert_eq!(b.powers, ["CHN", "USA"]);
        let csv = b.to_csv();
        assert_eq!(csv.lines().count(), 1 + 2 * 2);
        assert!(csv.lines().all(|l| l.split(',').count() == 18));
    }

    #[test]
    fn change_point_finds_the_flip() {
        let b = balance(
            &flipping_series(),
            "PRK",
            &["CHN", "USA"],
            Period::Month,
            &BalanceOptions {
                bootstrap: 50,
                ..BalanceOptions::default()
            },
        );
        assert_eq!(b.periods.len(), 24);
        let tilt: Vec<&Shift> = b
            .shifts
            .iter()
            .filter(|s| s.series == ShiftSeries::Tilt)
            .collect();
        assert_eq!(tilt.len(), 1, "{:?}", b.shifts);
        let s = tilt[0];
        assert_eq!(s.period, "2018-01");
        assert_eq!(s.index, 12);
        assert_eq!(s.date, d("2018-01-01"));
        assert_eq!(s.direction, Direction::Down);
        assert_eq!(s.power, "CHN");
        assert!(s.size < -10.0);
        // The evidence is drawn from December and January, largest intensity first.
        assert_eq!(s.events_before.len(), 5);
        assert_eq!(s.events_after.len(), 5);
        let all = flipping_series();
        let date_of = |id: i64| all.iter().find(|e| e.id == id).unwrap().date;
        assert!(s
            .events_before
            .iter()
            .all(|&i| date_of(i) < d("2018-01-01")));
        assert!(s
            .events_after
            .iter()
            .all(|&i| date_of(i) >= d("2018-01-01")));
        let first = all.iter().find(|e| e.id == s.events_after[0]).unwrap();
        assert_eq!(first.goldstein.abs(), 6.0);
        // Both scores shift too, in opposite directions, in the same month.
        let scores: Vec<(&str, Direction, usize)> = b
            .shifts
            .iter()
            .filter(|s| s.series == ShiftSeries::Score)
            .map(|s| (s.power.as_str(), s.direction, s.index))
            .collect();
        assert_eq!(
            scores,
            [("CHN", Direction::Down, 12), ("USA", Direction::Up, 12)]
        );
    }
}
