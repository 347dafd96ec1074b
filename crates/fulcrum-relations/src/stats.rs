//! Small statistical building blocks shared by the analyses: quad counts, estimates with
//! intervals, a seeded random number generator and quantiles.

use serde::{Deserialize, Serialize};

use crate::Quad;

/// Event counts by quad class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuadCounts {
    /// Events of class `verbal_cooperation`.
    pub verbal_cooperation: usize,
    /// Events of class `material_cooperation`.
    pub material_cooperation: usize,
    /// Events of class `verbal_conflict`.
    pub verbal_conflict: usize,
    /// Events of class `material_conflict`.
    pub material_conflict: usize,
}

impl QuadCounts {
    /// Counts one more event of class `q`.
    pub fn add(&mut self, q: Quad) {
        match q {
            Quad::VerbalCoop => self.verbal_cooperation += 1,
            Quad::MaterialCoop => self.material_cooperation += 1,
            Quad::VerbalConflict => self.verbal_conflict += 1,
            Quad::MaterialConflict => self.material_conflict += 1,
        }
    }

    /// The count for class `q`.
    pub fn get(&self, q: Quad) -> usize {
        match q {
            Quad::VerbalCoop => self.verbal_cooperation,
            Quad::MaterialCoop => self.material_cooperation,
            Quad::VerbalConflict => self.verbal_conflict,
            Quad::MaterialConflict => self.material_conflict,
        }
    }

    /// Events of the two cooperative classes.
    pub fn cooperative(&self) -> usize {
        self.verbal_cooperation + self.material_cooperation
    }

    /// Events of the two conflictual classes.
    pub fn conflictual(&self) -> usize {
        self.verbal_conflict + self.material_conflict
    }

    /// All events counted.
    pub fn total(&self) -> usize {
        self.cooperative() + self.conflictual()
    }

    /// (cooperative − conflictual) / all, from −1 (all conflict) to +1 (all cooperation);
    /// None when nothing was counted.
    pub fn net_cooperation(&self) -> Option<f64> {
        let total = self.total();
        (total > 0).then(|| (self.cooperative() as f64 - self.conflictual() as f64) / total as f64)
    }
}

/// A point estimate with the bounds of its bootstrap interval.
///
/// The bounds always satisfy `lower <= value <= upper`. With no bootstrap replicates asked for,
/// or none in which the statistic is defined, both bounds equal the value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// The estimate from the events as observed.
    pub value: f64,
    /// The lower bound of the interval.
    pub lower: f64,
    /// The upper bound of the interval.
    pub upper: f64,
}

impl Estimate {
    /// Builds the estimate from the point value and the statistic's bootstrap replicates, with
    /// the percentile interval at `level` (0.9 gives the 5th and 95th percentiles).
    pub(crate) fn from_replicates(value: f64, replicates: &mut [f64], level: f64) -> Estimate {
        if replicates.is_empty() {
            return Estimate {
                value,
                lower: value,
                upper: value,
            };
        }
        replicates.sort_by(f64::total_cmp);
        let tail = (1.0 - level.clamp(0.0, 1.0)) / 2.0;
        let lower = quantile(replicates, tail);
        let upper = quantile(replicates, 1.0 - tail);
        // The percentile interval of a skewed statistic can miss the point estimate (with few
        // events a mean's replicates bunch on one side); widening it to include the estimate
        // keeps the reported interval from contradicting the reported value.
        Estimate {
            value,
            lower: lower.min(value),
            upper: upper.max(value),
        }
    }
}

/// The `p` quantile of sorted values, interpolating linearly between order statistics (the
/// "type 7" definition that most statistics packages use by default).
pub(crate) fn quantile(sorted: &[f64], p: f64) -> f64 {
    debug_assert!(!sorted.is_empty());
    let h = (sorted.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// The median of the values (which it sorts); None when there are none.
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    Some(quantile(values, 0.5))
}

/// SplitMix64, a tiny, fast generator with a full 2^64 period whose outputs pass the usual
/// statistical test batteries; ample for drawing bootstrap resamples, and simple enough that
/// the results can be reproduced anywhere from the seed alone.
pub(crate) struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform index below `n` (which must be positive), by the multiply-and-shift method;
    /// its bias is at most n / 2^64, far below anything a bootstrap could notice.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// Rounds to six decimals for text output, so that CSV cells read `2.333333` rather than
/// `2.3333333333333335`.
pub(crate) fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Formats an optional number as a CSV cell: empty when None.
pub(crate) fn cell(x: Option<f64>) -> String {
    x.map(|v| round6(v).to_string()).unwrap_or_default()
}

/// Quotes a text CSV cell as RFC 4180 asks when it holds a comma, quote or line break.
pub(crate) fn text_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.0), 1.0);
        assert_eq!(quantile(&v, 1.0), 4.0);
        assert!((quantile(&v, 0.5) - 2.5).abs() < 1e-12);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut []), None);
    }

    #[test]
    fn generator_is_reproducible_and_in_range() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        for _ in 0..1000 {
            let x = a.below(13);
            assert_eq!(x, b.below(13));
            assert!(x < 13);
        }
        // All residues appear, so the index draw is not stuck on a subset.
        let mut seen = [false; 5];
        let mut c = SplitMix64::new(1);
        for _ in 0..200 {
            seen[c.below(5)] = true;
        }
        assert!(seen.iter().all(|&s| s));
    }

    #[test]
    fn interval_contains_point() {
        let mut reps = vec![1.0, 1.0, 1.0, 1.0];
        let e = Estimate::from_replicates(2.0, &mut reps, 0.9);
        assert_eq!((e.lower, e.value, e.upper), (1.0, 2.0, 2.0));
        let e = Estimate::from_replicates(2.0, &mut [], 0.9);
        assert_eq!((e.lower, e.upper), (2.0, 2.0));
    }

    #[test]
    fn quad_counts() {
        let mut q = QuadCounts::default();
        assert_eq!(q.net_cooperation(), None);
        q.add(Quad::VerbalCoop);
        q.add(Quad::MaterialCoop);
        q.add(Quad::MaterialConflict);
        assert_eq!(q.cooperative(), 2);
        assert_eq!(q.get(Quad::MaterialConflict), 1);
        assert!((q.net_cooperation().unwrap() - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(text_cell("a,b"), "\"a,b\"");
        assert_eq!(cell(Some(2.0 / 3.0)), "0.666667");
        assert_eq!(cell(None), "");
    }
}
