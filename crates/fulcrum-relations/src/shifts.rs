//! Change points in a series of period values, by binary segmentation with a penalised
//! least-squares criterion.
//!
//! The model is a series whose mean is constant between change points, with noise around it.
//! Binary segmentation looks for the single split of a segment that most reduces the sum of
//! squared deviations from the segment means, keeps it when the reduction beats a penalty, and
//! then looks inside both halves in turn, until no split pays for itself. It is exact for one
//! change, fast, and easy to explain; its known weakness (two nearby changes of opposite sign
//! can hide each other) matters little for the few, broad shifts a balance chart is read for.

use crate::stats::median;

/// The smallest noise scale assumed, in Goldstein points.
///
/// A series that is nearly constant within segments would otherwise get a noise estimate near
/// zero and a penalty near zero, and every wobble would become a "shift". Half a Goldstein
/// point is below any difference worth telling a reader about.
const MIN_SIGMA: f64 = 0.5;

/// A change found in a series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Change {
    /// Position (in the series given) of the first value of the new segment.
    pub at: usize,
    /// Mean of the segment ending just before `at`.
    pub before: f64,
    /// Mean of the segment starting at `at`.
    pub after: f64,
}

/// The noise scale of the series, estimated robustly from its first differences.
///
/// Differences cancel the segment means, so a few large jumps (the changes themselves) barely
/// move their median absolute deviation; 1.4826 × MAD estimates a normal standard deviation,
/// and the difference of two values has √2 times the noise of one.
fn noise_scale(x: &[f64]) -> f64 {
    let mut diffs: Vec<f64> = x.windows(2).map(|w| w[1] - w[0]).collect();
    let Some(mid) = median(&mut diffs) else {
        return MIN_SIGMA;
    };
    let mut dev: Vec<f64> = diffs.iter().map(|d| (d - mid).abs()).collect();
    let mad = median(&mut dev).unwrap_or(0.0);
    (1.4826 * mad / std::f64::consts::SQRT_2).max(MIN_SIGMA)
}

/// Finds the change points of `x`.
///
/// A split is kept when it lowers the residual sum of squares by more than
/// `penalty × σ² × ln(n)`, σ being [`noise_scale`] and n the series length; every segment
/// keeps at least `min_segment` values. Changes are returned in series order.
pub(crate) fn changes(x: &[f64], penalty: f64, min_segment: usize) -> Vec<Change> {
    let n = x.len();
    let m = min_segment.max(1);
    if n < 2 * m || n < 2 {
        return Vec::new();
    }
    let sigma = noise_scale(x);
    let threshold = penalty * sigma * sigma * (n as f64).ln();
    // Prefix sums of values and squares give any segment's sum of squares in constant time.
    let mut s = vec![0.0; n + 1];
    let mut q = vec![0.0; n + 1];
    for (i, v) in x.iter().enumerate() {
        s[i + 1] = s[i] + v;
        q[i + 1] = q[i] + v * v;
    }
    let cost = |i: usize, j: usize| {
        let len = (j - i) as f64;
        let sum = s[j] - s[i];
        (q[j] - q[i] - sum * sum / len).max(0.0)
    };
    let mut cuts = Vec::new();
    let mut todo = vec![(0usize, n)];
    while let Some((lo, hi)) = todo.pop() {
        if hi - lo < 2 * m {
            continue;
        }
        let whole = cost(lo, hi);
        let mut best: Option<(usize, f64)> = None;
        for k in lo + m..=hi - m {
            let gain = whole - cost(lo, k) - cost(k, hi);
            // Ties go to the earliest split so that the result does not depend on rounding
            // noise in the comparison.
            if best.map_or(true, |(_, g)| gain > g + 1e-12) {
                best = Some((k, gain));
            }
        }
        if let Some((k, gain)) = best {
            if gain > threshold {
                cuts.push(k);
                todo.push((lo, k));
                todo.push((k, hi));
            }
        }
    }
    cuts.sort_unstable();
    let mean = |i: usize, j: usize| (s[j] - s[i]) / (j - i) as f64;
    let mut bounds = Vec::with_capacity(cuts.len() + 2);
    bounds.push(0);
    bounds.extend(&cuts);
    bounds.push(n);
    bounds
        .windows(3)
        .map(|w| Change {
            at: w[1],
            before: mean(w[0], w[1]),
            after: mean(w[1], w[2]),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_single_step() {
        let mut x = vec![2.0, 2.5, 1.8, 2.2, 2.1, 1.9, 2.4, 2.0];
        x.extend([-1.0, -1.4, -0.8, -1.2, -1.1, -0.9, -1.3, -1.0]);
        let c = changes(&x, 3.0, 2);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].at, 8);
        assert!(c[0].before > 2.0 && c[0].after < -1.0);
    }

    #[test]
    fn finds_two_steps_and_ignores_noise() {
        let mut x = vec![0.0; 10];
        x.extend([5.0; 10]);
        x.extend([1.0; 10]);
        let c = changes(&x, 3.0, 2);
        let at: Vec<usize> = c.iter().map(|c| c.at).collect();
        assert_eq!(at, [10, 20]);
        assert!((c[1].before - 5.0).abs() < 1e-12 && (c[1].after - 1.0).abs() < 1e-12);
        let flat = [0.1, -0.2, 0.15, 0.0, -0.1, 0.2, -0.15, 0.05, 0.1, -0.05];
        assert!(changes(&flat, 3.0, 2).is_empty());
    }

    #[test]
    fn short_series_have_no_changes() {
        assert!(changes(&[], 3.0, 2).is_empty());
        assert!(changes(&[1.0, 9.0, 1.0], 3.0, 2).is_empty());
        assert!(changes(&[1.0], 3.0, 1).is_empty());
    }
}
