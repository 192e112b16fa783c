//! Adaptive Gauss–Kronrod quadrature (QUADPACK's 7/15-point pair) for the smooth, positive,
//! log-concave-looking integrands of this engine: the far tail of the noncentral t
//! ([`noncentral_t`](super::noncentral_t)) and the JZS Bayes factor
//! ([`bayes_factor`](super::bayes_factor)).
//!
//! # Formula
//!
//! On `[a, b]` with centre `c` and half-width `h`, the Kronrod rule
//! `K = h Σ w_k f(c ± h x_k)` (15 points) and the embedded Gauss rule `G` (7 points) estimate
//! the integral; a panel is split in two until the whole-panel value agrees with the sum over its
//! halves.
//!
//! # References
//! * Piessens, R., de Doncker-Kapenga, E., Überhuber, C. W., & Kahaner, D. K. (1983). *QUADPACK:
//!   A Subroutine Package for Automatic Integration*. Springer (`qk15` nodes and weights).
//! * Kronrod, A. S. (1965). *Nodes and Weights of Quadrature Formulas*. Consultants Bureau.

/// Gauss–Kronrod 7/15 nodes and weights (Piessens et al. 1983, QUADPACK `qk15`).
const XGK: [f64; 8] = [
    0.991_455_371_120_812_6,
    0.949_107_912_342_758_5,
    0.864_864_423_359_769_1,
    0.741_531_185_599_394_4,
    0.586_087_235_467_691_1,
    0.405_845_151_377_397_2,
    0.207_784_955_007_898_5,
    0.0,
];
const WGK: [f64; 8] = [
    0.022_935_322_010_529_22,
    0.063_092_092_629_978_55,
    0.104_790_010_322_250_2,
    0.140_653_259_715_525_9,
    0.169_004_726_639_267_9,
    0.190_350_578_064_785_4,
    0.204_432_940_075_298_9,
    0.209_482_141_084_727_8,
];
const WG: [f64; 4] = [
    0.129_484_966_168_869_7,
    0.279_705_391_489_276_7,
    0.381_830_050_505_118_9,
    0.417_959_183_673_469_4,
];

/// One Gauss–Kronrod 15-point rule on `[a, b]`: (Kronrod estimate, |Kronrod − Gauss|).
pub(crate) fn gk15<F: Fn(f64) -> f64>(f: &F, a: f64, b: f64) -> (f64, f64) {
    let c = 0.5 * (a + b);
    let h = 0.5 * (b - a);
    let fc = f(c);
    let mut k = WGK[7] * fc;
    let mut g = WG[3] * fc;
    for j in 0..7 {
        let dx = h * XGK[j];
        let s = f(c - dx) + f(c + dx);
        k += WGK[j] * s;
        if j % 2 == 1 {
            g += WG[j / 2] * s;
        }
    }
    (k * h, ((k - g) * h).abs())
}

/// Adaptive Gauss–Kronrod integration of a smooth positive function: a panel is accepted when
/// the 15-point rule on the whole panel agrees with the sum over its two halves to the absolute
/// `tol` or to 1e-13 relative (the rounding floor of an integrand formed as `exp(ln g − peak)`
/// with `|ln g|` in the hundreds). `whole` is the rule's value on `[a, b]`.
pub(crate) fn integrate<F: Fn(f64) -> f64>(
    f: &F,
    a: f64,
    b: f64,
    whole: f64,
    tol: f64,
    depth: u32,
) -> f64 {
    let c = 0.5 * (a + b);
    let (left, _) = gk15(f, a, c);
    let (right, _) = gk15(f, c, b);
    let sum = left + right;
    if (sum - whole).abs() <= tol.max(1e-13 * sum.abs()) || depth == 0 {
        return sum;
    }
    integrate(f, a, c, left, tol, depth - 1) + integrate(f, c, b, right, tol, depth - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gauss_kronrod_is_exact_for_polynomials() {
        // Kronrod 15 is exact to degree 22, Gauss 7 to degree 13: ∫₀² x^k dx = 2^{k+1}/(k+1).
        for k in [0, 1, 5, 13, 22] {
            let (kr, err) = gk15(&|x: f64| x.powi(k), 0.0, 2.0);
            let exact = 2f64.powi(k + 1) / (k + 1) as f64;
            assert!((kr - exact).abs() <= 1e-14 * exact, "{k}: {kr} {exact}");
            if k <= 13 {
                assert!(err <= 1e-13 * exact, "{k}: {err}");
            }
        }
        let bump = |x: f64| (-x * x / 2.0).exp();
        let (whole, _) = gk15(&bump, -12.0, 12.0);
        let normal = integrate(&bump, -12.0, 12.0, whole, 1e-16, 30);
        assert!((normal - (2.0 * std::f64::consts::PI).sqrt()).abs() < 1e-14);
    }
}
