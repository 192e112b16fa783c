//! Root finding for the engine: Brent's method and a bracket search for decreasing functions,
//! used by the noncentral-t quantile and confidence limits and by the power calculations.
//!
//! # References
//! * Brent, R. P. (1973). *Algorithms for Minimization without Derivatives*, ch. 4.
//!   Prentice-Hall (the algorithm of R's `uniroot`).
//! * Press, W. H., Teukolsky, S. A., Vetterling, W. T., & Flannery, B. P. (2007). *Numerical
//!   Recipes* (3rd ed.), §9.3. Cambridge University Press.

/// Brent's root finder (Brent 1973, *Algorithms for Minimization without Derivatives*, ch. 4;
/// the algorithm of R's `uniroot`) on `[a, b]` with `f(a)`, `f(b)` of opposite signs, to an
/// absolute tolerance `tol` plus four ulps of the root.
pub(crate) fn brent<F: FnMut(f64) -> f64>(
    mut f: F,
    mut a: f64,
    mut b: f64,
    mut fa: f64,
    mut fb: f64,
    tol: f64,
) -> f64 {
    if fa == 0.0 {
        return a;
    }
    if fb == 0.0 {
        return b;
    }
    let mut c = a;
    let mut fc = fa;
    let mut d = b - a;
    let mut e = d;
    for _ in 0..500 {
        if (fb > 0.0) == (fc > 0.0) {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol1 = 2.0 * f64::EPSILON * b.abs() + 0.5 * tol;
        let xm = 0.5 * (c - b);
        if xm.abs() <= tol1 || fb == 0.0 {
            return b;
        }
        if e.abs() >= tol1 && fa.abs() > fb.abs() {
            let s = fb / fa;
            let (mut p, mut q);
            if a == c {
                p = 2.0 * xm * s;
                q = 1.0 - s;
            } else {
                let qq = fa / fc;
                let r = fb / fc;
                p = s * (2.0 * xm * qq * (qq - r) - (b - a) * (r - 1.0));
                q = (qq - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if p > 0.0 {
                q = -q;
            }
            p = p.abs();
            let min1 = 3.0 * xm * q - (tol1 * q).abs();
            let min2 = (e * q).abs();
            if 2.0 * p < min1.min(min2) {
                e = d;
                d = p / q;
            } else {
                d = xm;
                e = d;
            }
        } else {
            d = xm;
            e = d;
        }
        a = b;
        fa = fb;
        if d.abs() > tol1 {
            b += d;
        } else {
            b += tol1.copysign(xm);
        }
        fb = f(b);
    }
    b
}

/// Expands `[lo, hi]` around a guess until `g(lo) > 0 > g(hi)` for a decreasing `g`. Returns the
/// bracket with its function values, or `None` if no sign change is found within `±limit`.
pub(crate) fn bracket_decreasing<F: FnMut(f64) -> f64>(
    mut g: F,
    guess: f64,
    step: f64,
    limit: f64,
) -> Option<(f64, f64, f64, f64)> {
    let mut lo = guess - step;
    let mut hi = guess + step;
    let mut glo = g(lo);
    let mut ghi = g(hi);
    let mut w = step;
    for _ in 0..200 {
        if glo >= 0.0 && ghi <= 0.0 {
            return Some((lo, hi, glo, ghi));
        }
        w *= 2.0;
        if glo < 0.0 {
            hi = lo;
            ghi = glo;
            lo -= w;
            if lo < -limit {
                return None;
            }
            glo = g(lo);
        } else {
            lo = hi;
            glo = ghi;
            hi += w;
            if hi > limit {
                return None;
            }
            ghi = g(hi);
        }
    }
    None
}
