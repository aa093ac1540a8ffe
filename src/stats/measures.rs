//! Statistical measures on counts (`u64`/`f64`) → `f64`: signed 4-term log-likelihood G², its
//! χ²(1) p-value, Hardie's Log Ratio, Benjamini–Hochberg q-values and the Cochran–Armitage trend
//! test. The test vectors of DESIGN.md are in the tests below.

/// Signed log-likelihood G² (Dunning, four cells: a, b, c−a, d−b): positive when the term is
/// relatively more frequent in the target (a/c > b/d). `a`, `b` are the term's counts, `c`, `d`
/// the sizes of target and reference.
pub fn g2(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let n = c + d;
    if n <= 0.0 || a + b <= 0.0 {
        return 0.0;
    }
    let e1 = c * (a + b) / n;
    let e2 = d * (a + b) / n;
    let cells = [(a, e1), (b, e2), (c - a, c - e1), (d - b, d - e2)];
    let g: f64 = 2.0
        * cells
            .iter()
            .filter(|(o, e)| *o > 0.0 && *e > 0.0)
            .map(|(o, e)| o * (o / e).ln())
            .sum::<f64>();
    let g = g.max(0.0);
    if relative(a, c) >= relative(b, d) {
        g
    } else {
        -g
    }
}

fn relative(count: f64, size: f64) -> f64 {
    if size > 0.0 { count / size } else { 0.0 }
}

/// Upper tail of χ² with one degree of freedom at `x` (the p-value of |G²|).
pub fn chi2_1_p(x: f64) -> f64 {
    libm::erfc((x.abs() / 2.0).sqrt())
}

/// Two-sided p-value of a standard normal statistic.
pub fn normal_two_sided_p(z: f64) -> f64 {
    libm::erfc(z.abs() / std::f64::consts::SQRT_2)
}

/// Hardie's Log Ratio: log₂ of the ratio of relative frequencies, a zero count taken as 0.5.
pub fn log_ratio(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let a = if a == 0.0 { 0.5 } else { a };
    let b = if b == 0.0 { 0.5 } else { b };
    ((a / c) / (b / d)).log2()
}

/// Benjamini–Hochberg adjusted p-values (q), in the order of `p`.
pub fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&i, &j| p[j].total_cmp(&p[i]));
    let mut q = vec![0.0; m];
    let mut running_min: f64 = 1.0;
    for (k, &i) in order.iter().enumerate() {
        let rank = m - k;
        running_min = running_min.min(p[i] * m as f64 / rank as f64);
        // Never below p (p·m/m can round under p in floating point).
        q[i] = running_min.max(p[i]);
    }
    q
}

/// A linear trend of a term's rate over ordered groups (years).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    /// Slope of the rate per 10,000 characters on the score (per year), least squares weighted by
    /// each group's size.
    pub slope: f64,
    /// Cochran–Armitage z: positive when the term's share grows with the score.
    pub z: f64,
    pub p: f64,
}

/// Cochran–Armitage test for trend of `counts[i]` out of `sizes[i]` over `scores[i]`, with the
/// size-weighted slope of the rate (per 10,000 of size). Groups of size 0 are ignored.
pub fn trend(scores: &[f64], counts: &[f64], sizes: &[f64]) -> Trend {
    let n: f64 = sizes.iter().sum();
    let x: f64 = counts.iter().sum();
    let flat = Trend {
        slope: 0.0,
        z: 0.0,
        p: 1.0,
    };
    if n <= 0.0 || x <= 0.0 {
        return flat;
    }
    let mean_score = scores.iter().zip(sizes).map(|(t, s)| t * s).sum::<f64>() / n;
    let sxx: f64 = scores
        .iter()
        .zip(sizes)
        .map(|(t, s)| s * (t - mean_score).powi(2))
        .sum();
    if sxx <= 0.0 {
        return flat;
    }
    let share = x / n;
    let sxy: f64 = scores
        .iter()
        .zip(counts)
        .zip(sizes)
        .map(|((t, c), s)| (t - mean_score) * (c - s * share))
        .sum();
    let slope = sxy / sxx * 10_000.0;
    let variance = share * (1.0 - share) * sxx;
    let z = if variance > 0.0 {
        sxy / variance.sqrt()
    } else {
        0.0
    };
    Trend {
        slope,
        z,
        p: normal_two_sided_p(z),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(x: f64, y: f64, tolerance: f64) -> bool {
        (x - y).abs() <= tolerance
    }

    #[test]
    fn design_test_vectors() {
        // (a, c, b, d) → G², p, Log Ratio, from DESIGN.md.
        let vectors = [
            (30.0, 1e5, 5.0, 2.5e5, 49.827959, 1.678e-12, 3.906891),
            (12.0, 1e5, 0.0, 2.5e5, 30.067340, 4.173e-08, 5.906891),
            (20.0, 1e5, 150.0, 2.5e5, -27.912034, 1.270e-07, -1.584963),
        ];
        for (a, c, b, d, want_g2, want_p, want_lr) in vectors {
            let g = g2(a, b, c, d);
            assert!(close(g, want_g2, 1e-6), "G² {g} ≠ {want_g2}");
            let p = chi2_1_p(g);
            assert!(close(p / want_p, 1.0, 1e-3), "p {p:e} ≠ {want_p:e}");
            let lr = log_ratio(a, b, c, d);
            assert!(close(lr, want_lr, 1e-6), "Log Ratio {lr} ≠ {want_lr}");
        }
    }

    #[test]
    fn g2_is_zero_for_equal_rates_and_sign_follows_rates() {
        assert!(close(g2(10.0, 20.0, 1e4, 2e4), 0.0, 1e-9));
        assert!(g2(0.0, 5.0, 1e4, 1e4) < 0.0);
        assert_eq!(g2(0.0, 0.0, 1e4, 1e4), 0.0);
    }

    #[test]
    fn benjamini_hochberg_by_hand() {
        // m = 5. Sorted p: 0.005, 0.01, 0.03, 0.04, 0.5 → p·m/rank: 0.025, 0.025, 0.05, 0.05, 0.5,
        // then the running minimum from the top keeps them as they are.
        let p = [0.04, 0.005, 0.5, 0.01, 0.03];
        let q = benjamini_hochberg(&p);
        let want = [0.05, 0.025, 0.5, 0.025, 0.05];
        for (got, want) in q.iter().zip(want) {
            assert!(close(*got, want, 1e-12), "{q:?}");
        }
        // A later, smaller ratio pulls earlier ones down: p·m/rank = 0.03, 0.025 → both 0.025.
        let q = benjamini_hochberg(&[0.015, 0.025]);
        assert!(
            close(q[0], 0.025, 1e-12) && close(q[1], 0.025, 1e-12),
            "{q:?}"
        );
        assert!(benjamini_hochberg(&[]).is_empty());
    }

    #[test]
    fn trend_of_a_rising_share() {
        // Rates 1, 2, 3 per 10k over three equal years: slope 1 per year, clearly significant.
        let t = trend(
            &[2018.0, 2019.0, 2020.0],
            &[10.0, 20.0, 30.0],
            &[1e5, 1e5, 1e5],
        );
        assert!(close(t.slope, 1.0, 1e-9), "{t:?}");
        assert!(t.z > 2.0 && t.p < 0.05, "{t:?}");
        // Cochran–Armitage by hand: N = 3e5, x = 60, p̄ = 2e-4, T̄ = 2019,
        // Sxy = (−1)(10−20) + (1)(30−20) = 20, Sxx = 2e5, z = 20 / √(p̄(1−p̄)·Sxx).
        let want_z = 20.0 / (2e-4 * (1.0 - 2e-4) * 2e5f64).sqrt();
        assert!(close(t.z, want_z, 1e-9), "{t:?}");
        let flat = trend(&[2018.0, 2019.0], &[5.0, 5.0], &[1e4, 1e4]);
        assert!(close(flat.slope, 0.0, 1e-12) && close(flat.p, 1.0, 1e-12));
    }
}
