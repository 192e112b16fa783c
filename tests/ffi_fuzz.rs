//! C-ABI fuzzing with a stable, deterministic driver (issue #8).
//!
//! Every exported function is called with random lengths (always within the buffers this driver
//! owns), NaN/±Inf/subnormal/huge values, Likert-like ties, every enum value plus invalid ones,
//! and NULL pointers. Invariants checked on every call:
//!
//! * no crash and no panic escaping (a caught panic would be `TTXL_ERR_INTERNAL`, counted as a
//!   finding);
//! * the status is one of the documented codes;
//! * on success: p-values and probabilities in [0, 1], confidence intervals ordered and
//!   containing their estimate, counts consistent with the input;
//! * on failure: the out-parameter is untouched and a last-error message exists (UTF-8 and
//!   UTF-16, in both languages).
//!
//! The CI run makes `TTXL_FUZZ_CALLS` calls (default 40,000 per thread on 2 threads, about a
//! minute in a debug build). The long run for the issue's figures:
//!
//! ```sh
//! TTXL_FUZZ_CALLS=1000000 cargo test --release --test ffi_fuzz -- --nocapture
//! ```
//!
//! `TTXL_FUZZ_SEED` changes the seed (default fixed, so a failure reproduces).

use std::ptr;

use ttest_xl::ffi::*;

/// splitmix64: small, fast, good enough to drive a fuzzer; deterministic per seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// A value of the kind a hostile or careless caller passes.
    fn value(&mut self) -> f64 {
        match self.below(20) {
            0 => f64::NAN,
            1 => self.pick(&[f64::INFINITY, f64::NEG_INFINITY]),
            2 => self.pick(&[5e-324, -5e-324, f64::MIN_POSITIVE, 1e-300, -1e-300]),
            3 => self.pick(&[1e300, -1e300, f64::MAX, f64::MIN, 1e154, 1e9 + 0.1]),
            4 => 0.0,
            5..=9 => (1 + self.below(5)) as f64, // Likert scores: ties
            _ => (self.unit() - 0.5) * 10f64.powi(self.below(7) as i32 - 3),
        }
    }

    /// A parameter such as mu, conf_level, alpha, power, d, n, df, t or p.
    fn param(&mut self, typical: f64) -> f64 {
        match self.below(12) {
            0 => self.value(),
            1 => self.pick(&[0.0, 1.0, -1.0, 0.5, 2.0]),
            _ => typical * (0.5 + self.unit()),
        }
    }

    fn data(&mut self, max: usize) -> Vec<f64> {
        let n = match self.below(10) {
            0 => 0,
            1 => 1,
            2 => 2,
            3 => max.min(300),
            _ => self.below(max as u64 + 1) as usize,
        };
        let style = self.below(4);
        (0..n)
            .map(|i| match style {
                0 => self.value(),
                1 => (1 + self.below(5)) as f64,
                2 => {
                    if self.chance(10) {
                        f64::NAN
                    } else {
                        self.unit() + i as f64 * 0.01
                    }
                }
                _ => 7.0, // constant data
            })
            .collect()
    }

    /// A length to claim for a buffer of `len` elements: usually `len`, sometimes shorter or
    /// negative (never longer: the driver must not read out of bounds itself).
    fn claim(&mut self, len: usize) -> i32 {
        match self.below(20) {
            0 => -(1 + self.below(1000) as i32),
            1 => i32::MIN,
            2 if len > 0 => self.below(len as u64) as i32,
            _ => len as i32,
        }
    }

    fn ptr_or_null(&mut self, v: &[f64]) -> *const f64 {
        if self.chance(4) {
            ptr::null()
        } else {
            v.as_ptr()
        }
    }

    fn alternative(&mut self) -> i32 {
        self.pick(&[0, 1, 2, 0, 1, 2, -1, 3, i32::MAX])
    }
}

const DOCUMENTED: [i32; 7] = [
    TTXL_OK,
    TTXL_ERR_NULL,
    TTXL_ERR_LENGTH,
    TTXL_ERR_TOO_FEW,
    TTXL_ERR_CONSTANT,
    TTXL_ERR_ARGUMENT,
    TTXL_ERR_INTERNAL,
];

#[derive(Default, Debug)]
struct Tally {
    calls: u64,
    ok: u64,
    findings: Vec<String>,
}

impl Tally {
    fn finding(&mut self, what: String) {
        if self.findings.len() < 20 {
            self.findings.push(what);
        }
    }

    /// Checks the status and, on failure, that a message is available in both encodings.
    fn status(&mut self, name: &str, status: i32, case: &dyn Fn() -> String) -> bool {
        self.calls += 1;
        if !DOCUMENTED.contains(&status) {
            self.finding(format!(
                "{name}: undocumented status {status} for {}",
                case()
            ));
            return false;
        }
        if status == TTXL_ERR_INTERNAL {
            self.finding(format!(
                "{name}: internal error (caught panic?) for {}",
                case()
            ));
            return false;
        }
        if status == TTXL_OK {
            self.ok += 1;
            return true;
        }
        let needed8 = unsafe { ttxl_last_error_utf8(ptr::null_mut(), 0) };
        let mut buf16 = [0u16; 512];
        let needed16 = unsafe { ttxl_last_error_utf16(buf16.as_mut_ptr(), buf16.len() as i32) };
        if needed8 <= 0 || needed16 <= 0 {
            self.finding(format!(
                "{name}: status {status} without a message for {}",
                case()
            ));
        }
        false
    }
}

fn in_unit(p: f64) -> bool {
    (0.0..=1.0).contains(&p)
}

/// `lo ≤ est ≤ hi`, with infinite open ends allowed. A one-sided interval at a confidence level
/// below ½ lies entirely on one side of its estimate (as in R), so there only `lo ≤ hi` holds —
/// up to rounding: at a level near 0 both ends are the same root, found twice.
fn ordered(lo: f64, est: f64, hi: f64, contains: bool) -> bool {
    let slack = 1e-9 * est.abs().max(1.0); // each end solved to ~1e-12 relative
    !lo.is_nan()
        && !hi.is_nan()
        && !est.is_nan()
        && lo <= hi + slack
        && (!contains || (lo <= est && est <= hi))
}

/// Whether the mean-difference interval must contain its estimate (see [`ordered`]).
fn must_contain(alternative: i32, conf_level: f64) -> bool {
    alternative == 0 || conf_level >= 0.5
}

/// Whether an effect-size interval must contain its d. The noncentral t is skewed, so the
/// interval from inverting it excludes d at low levels: with ncp = t observed,
/// `P(T ≤ t) ≥ P(χ²₁ ≥ 1) ≈ 0.317` (the df = 1 limit), so a one-sided level of at least 0.7 and
/// a two-sided level of at least 0.4 always contain d.
fn must_contain_d(alternative: i32, conf_level: f64) -> bool {
    if alternative == 0 {
        conf_level >= 0.4
    } else {
        conf_level >= 0.7
    }
}

const SENTINEL: f64 = 12345.678;

fn sentinel_ttest() -> TtxlTTest {
    // All fields are doubles (the contract), so the struct is an array of doubles.
    let fields = [SENTINEL; std::mem::size_of::<TtxlTTest>() / 8];
    unsafe { std::mem::transmute::<[f64; std::mem::size_of::<TtxlTTest>() / 8], TtxlTTest>(fields) }
}

fn sentinel_rank() -> TtxlRankTest {
    let fields = [SENTINEL; std::mem::size_of::<TtxlRankTest>() / 8];
    unsafe {
        std::mem::transmute::<[f64; std::mem::size_of::<TtxlRankTest>() / 8], TtxlRankTest>(fields)
    }
}

fn check_ttest(
    t: &mut Tally,
    name: &str,
    status: i32,
    out: &TtxlTTest,
    (contains, contains_d): (bool, bool),
    case: &dyn Fn() -> String,
) {
    if t.status(name, status, case) {
        let good = in_unit(out.p_value)
            && out.statistic.is_finite()
            && out.df > 0.0
            && ordered(out.conf_low, out.estimate, out.conf_high, contains)
            && ordered(out.cohen_d_low, out.cohen_d, out.cohen_d_high, contains_d)
            && ordered(
                out.hedges_g_low,
                out.hedges_g,
                out.hedges_g_high,
                contains_d,
            )
            && out.std_err > 0.0
            && out.n_x >= 1.0;
        if !good {
            t.finding(format!("{name}: invariant broken: {out:?} for {}", case()));
        }
    } else if *out != sentinel_ttest() {
        t.finding(format!(
            "{name}: out written on failure (status {status}) for {}",
            case()
        ));
    }
}

fn check_rank(
    t: &mut Tally,
    name: &str,
    status: i32,
    out: &TtxlRankTest,
    case: &dyn Fn() -> String,
) {
    if t.status(name, status, case) {
        let good = in_unit(out.p_value)
            && out.statistic.is_finite()
            && out.statistic >= 0.0
            && (-1.0..=1.0).contains(&out.rank_biserial);
        if !good {
            t.finding(format!("{name}: invariant broken: {out:?} for {}", case()));
        }
    } else if *out != sentinel_rank() {
        t.finding(format!(
            "{name}: out written on failure (status {status}) for {}",
            case()
        ));
    }
}

fn check_scalar(
    t: &mut Tally,
    name: &str,
    status: i32,
    out: f64,
    valid: impl Fn(f64) -> bool,
    case: &dyn Fn() -> String,
) {
    if t.status(name, status, case) {
        if !valid(out) {
            t.finding(format!("{name}: result {out} out of range for {}", case()));
        }
    } else if out != SENTINEL {
        t.finding(format!(
            "{name}: out written on failure (status {status}) for {}",
            case()
        ));
    }
}

fn sentinel_props() -> TtxlProportions {
    let fields = [SENTINEL; std::mem::size_of::<TtxlProportions>() / 8];
    unsafe {
        std::mem::transmute::<[f64; std::mem::size_of::<TtxlProportions>() / 8], TtxlProportions>(
            fields,
        )
    }
}

fn sentinel_contrast() -> TtxlContrast {
    let fields = [SENTINEL; std::mem::size_of::<TtxlContrast>() / 8];
    unsafe {
        std::mem::transmute::<[f64; std::mem::size_of::<TtxlContrast>() / 8], TtxlContrast>(fields)
    }
}

/// A count as careless callers pass them: typical, zero, negative, huge.
fn count(r: &mut Rng) -> i32 {
    match r.below(10) {
        0 => r.pick(&[-1, i32::MIN, i32::MAX, 0, 1]),
        1 => r.below(1_000_000) as i32,
        _ => r.below(60) as i32,
    }
}

/// The share and contrast functions (issue 14).
fn kpi_call(r: &mut Rng, t: &mut Tally, alt: i32, conf: f64, null_out: bool) {
    let check_props = |t: &mut Tally,
                       name: &str,
                       status: i32,
                       out: &TtxlProportions,
                       case: &dyn Fn() -> String| {
        if t.status(name, status, case) {
            let p_ok = in_unit(out.p_value)
                || (name == "prop_2indep"
                    && out.p_value.is_nan()
                    && (out.p_first == out.p_second)
                    && (out.p_first == 0.0 || out.p_first == 1.0));
            let slack = 1e-12;
            let good = p_ok
                && (-1.0..=1.0).contains(&out.estimate)
                && out.conf_low >= -1.0 - slack
                && out.conf_high <= 1.0 + slack
                && ordered(out.conf_low, out.estimate, out.conf_high, conf >= 0.5)
                && in_unit(out.p_first)
                && in_unit(out.p_second);
            if !good {
                t.finding(format!("{name}: invariant broken: {out:?} for {}", case()));
            }
        } else if *out != sentinel_props() {
            t.finding(format!(
                "{name}: out written on failure (status {status}) for {}",
                case()
            ));
        }
    };
    match r.below(3) {
        0 => {
            let (x1, n1, x2, n2) = (count(r), count(r), count(r), count(r));
            // Mostly valid tables: x ≤ n.
            let (x1, x2) = if r.chance(80) && n1 > 0 && n2 > 0 {
                (
                    (x1 as i64).rem_euclid(n1 as i64 + 1) as i32,
                    (x2 as i64).rem_euclid(n2 as i64 + 1) as i32,
                )
            } else {
                (x1, x2)
            };
            let mut out = sentinel_props();
            let po = if null_out {
                ptr::null_mut()
            } else {
                &mut out as *mut TtxlProportions
            };
            let case = || format!("x1={x1} n1={n1} x2={x2} n2={n2} conf={conf}");
            let status = unsafe { ttxl_prop_test_2indep(x1, n1, x2, n2, conf, po) };
            check_props(t, "prop_2indep", status, &out, &case);
        }
        1 => {
            let (a, b, c, d) = (count(r), count(r), count(r), count(r));
            let mut out = sentinel_props();
            let po = if null_out {
                ptr::null_mut()
            } else {
                &mut out as *mut TtxlProportions
            };
            let case = || format!("a={a} b={b} c={c} d={d} conf={conf}");
            let status = unsafe { ttxl_prop_test_paired(a, b, c, d, conf, po) };
            check_props(t, "prop_paired", status, &out, &case);
        }
        _ => {
            let k = r.pick(&[2usize, 2, 3, 4, 4, 1, 0, 6]);
            let mut v = |typical: f64| -> Vec<f64> {
                (0..k)
                    .map(|_| {
                        if r.chance(85) {
                            typical * (0.5 + r.unit())
                        } else {
                            r.value()
                        }
                    })
                    .collect()
            };
            let means = v(3.0);
            let sds = v(0.9);
            let ns = v(40.0);
            let weights = v(1.0);
            let kk = r.claim(k);
            let mut out = sentinel_contrast();
            let po = if null_out {
                ptr::null_mut()
            } else {
                &mut out as *mut TtxlContrast
            };
            let case = || {
                format!("k={kk} means={means:?} sds={sds:?} ns={ns:?} w={weights:?} alt={alt} conf={conf}")
            };
            let status = unsafe {
                ttxl_welch_contrast_from_stats(
                    kk,
                    r.ptr_or_null(&means),
                    r.ptr_or_null(&sds),
                    r.ptr_or_null(&ns),
                    r.ptr_or_null(&weights),
                    alt,
                    conf,
                    po,
                )
            };
            if t.status("welch_contrast", status, &case) {
                let good = in_unit(out.p_value)
                    && out.df > 0.0
                    && out.std_err > 0.0
                    && out.statistic.is_finite()
                    && ordered(
                        out.conf_low,
                        out.estimate,
                        out.conf_high,
                        must_contain(alt, conf),
                    );
                if !good {
                    t.finding(format!(
                        "welch_contrast: invariant broken: {out:?} for {}",
                        case()
                    ));
                }
            } else if out != sentinel_contrast() {
                t.finding(format!(
                    "welch_contrast: out written on failure (status {status}) for {}",
                    case()
                ));
            }
        }
    }
}

/// One random call of one random export.
fn one_call(r: &mut Rng, t: &mut Tally) {
    if r.chance(2) {
        ttxl_set_language(r.pick(&[0, 1, -1, 7]));
    }
    let alt = r.alternative();
    let mu = if r.chance(80) { 0.0 } else { r.param(1.0) };
    let conf = if r.chance(80) { 0.95 } else { r.param(0.9) };
    let null_out = r.chance(3);
    match r.below(16) {
        0..=3 => {
            let x = r.data(60);
            let y = r.data(60);
            let (nx, ny) = (r.claim(x.len()), r.claim(y.len()));
            let (px, py) = (r.ptr_or_null(&x), r.ptr_or_null(&y));
            let mut out = sentinel_ttest();
            let po = if null_out {
                ptr::null_mut()
            } else {
                &mut out as *mut _
            };
            let which = r.below(4);
            let case = || {
                format!(
                    "which={which} x={x:?} nx={nx} y={y:?} ny={ny} alt={alt} mu={mu} conf={conf}"
                )
            };
            let (name, status) = unsafe {
                match which {
                    0 => ("welch", ttxl_ttest_welch(px, nx, py, ny, alt, mu, conf, po)),
                    1 => (
                        "student",
                        ttxl_ttest_student(px, nx, py, ny, alt, mu, conf, po),
                    ),
                    2 => (
                        "paired",
                        ttxl_ttest_paired(px, py, nx.min(ny), alt, mu, conf, po),
                    ),
                    _ => (
                        "one_sample",
                        ttxl_ttest_one_sample(px, nx, alt, mu, conf, po),
                    ),
                }
            };
            if null_out && status == TTXL_OK {
                t.finding(format!("{name}: OK with a NULL out for {}", case()));
            }
            check_ttest(
                t,
                name,
                status,
                &out,
                (must_contain(alt, conf), must_contain_d(alt, conf)),
                &case,
            );
        }
        4 | 5 => {
            let (mx, my) = (r.param(3.0), r.param(3.0));
            let (sx, sy) = (r.param(1.0), r.param(1.0));
            let nx = r.pick(&[0, 1, 2, 3, 10, 100, 100_000, -5, i32::MAX]);
            let ny = r.pick(&[0, 1, 2, 3, 10, 100, 5000, -1]);
            let mut out = sentinel_ttest();
            let po = if null_out {
                ptr::null_mut()
            } else {
                &mut out as *mut _
            };
            let student = r.chance(50);
            let case = || {
                format!("student={student} mx={mx} sx={sx} nx={nx} my={my} sy={sy} ny={ny} alt={alt} mu={mu} conf={conf}")
            };
            let status = unsafe {
                if student {
                    ttxl_ttest_student_from_stats(mx, sx, nx, my, sy, ny, alt, mu, conf, po)
                } else {
                    ttxl_ttest_welch_from_stats(mx, sx, nx, my, sy, ny, alt, mu, conf, po)
                }
            };
            check_ttest(
                t,
                "from_stats",
                status,
                &out,
                (must_contain(alt, conf), must_contain_d(alt, conf)),
                &case,
            );
        }
        6 | 7 => {
            let x = r.data(60);
            let y = r.data(60);
            let (nx, ny) = (r.claim(x.len()), r.claim(y.len()));
            let (px, py) = (r.ptr_or_null(&x), r.ptr_or_null(&y));
            let correct = r.pick(&[0, 1, 1, -1, 2]);
            let mut out = sentinel_rank();
            let po = if null_out {
                ptr::null_mut()
            } else {
                &mut out as *mut _
            };
            let paired = r.chance(50);
            let case = || {
                format!(
                    "paired={paired} x={x:?} nx={nx} y={y:?} ny={ny} alt={alt} correct={correct}"
                )
            };
            let status = unsafe {
                if paired {
                    ttxl_wilcoxon_signed_rank(px, py, nx.min(ny), alt, correct, po)
                } else {
                    ttxl_mann_whitney(px, nx, py, ny, alt, correct, po)
                }
            };
            check_rank(t, "rank", status, &out, &case);
        }
        8 => {
            let p: Vec<f64> = (0..r.below(30))
                .map(|_| match r.below(10) {
                    0 => r.value(),
                    1 => f64::NAN,
                    _ => r.unit(),
                })
                .collect();
            let n = r.claim(p.len());
            let method = r.pick(&[0, 1, 2, 3, 4, 5, 6, -1, 7, 99]);
            let mut adj = vec![SENTINEL; p.len()];
            let pp = r.ptr_or_null(&p);
            let pa = if null_out {
                ptr::null_mut()
            } else {
                adj.as_mut_ptr()
            };
            let case = || format!("p={p:?} n={n} method={method}");
            let status = unsafe { ttxl_p_adjust(pp, n, method, pa) };
            if t.status("p_adjust", status, &case) {
                let used = n.max(0) as usize;
                for (a, q) in adj.iter().zip(&p).take(used) {
                    let good = if q.is_nan() {
                        a.is_nan()
                    } else {
                        in_unit(*a) && *a >= *q
                    };
                    if !good {
                        t.finding(format!("p_adjust: adjusted {a} for p {q} in {}", case()));
                    }
                }
            } else if adj.iter().any(|a| *a != SENTINEL) {
                t.finding(format!("p_adjust: out written on failure for {}", case()));
            }
        }
        9 | 10 => {
            let solve = r.pick(&[0, 1, 2, 1, -1, 3]);
            let n = r.param(20.0);
            let d = r.param(0.5);
            let alpha = if r.chance(70) { 0.05 } else { r.param(0.05) };
            let power = if r.chance(70) { 0.8 } else { r.param(0.8) };
            let mut out = SENTINEL;
            let po = if null_out {
                ptr::null_mut()
            } else {
                &mut out as *mut f64
            };
            let two = r.chance(30);
            let n2 = r.param(30.0);
            let design = r.pick(&[0, 1, 2, -1, 3]);
            let case = || {
                format!("two={two} design={design} alt={alt} solve={solve} n={n} n2={n2} d={d} alpha={alpha} power={power}")
            };
            let status = unsafe {
                if two {
                    ttxl_power_ttest_2n(alt, solve, n, n2, d, alpha, power, po)
                } else {
                    ttxl_power_ttest(design, alt, solve, n, d, alpha, power, po)
                }
            };
            let valid = |v: f64| match solve {
                1 => in_unit(v),
                0 => v.is_finite() && v > 1.0,
                _ => v.is_finite(),
            };
            check_scalar(t, "power", status, out, valid, &case);
        }
        11 | 12 => {
            let q = r.param(2.0);
            let df = r.pick(&[
                1.0,
                2.5,
                30.0,
                1e6,
                1e12,
                0.0,
                -1.0,
                f64::NAN,
                f64::INFINITY,
            ]);
            let lower = r.pick(&[0, 1, 2, -3]);
            let mut out = SENTINEL;
            let po = if null_out {
                ptr::null_mut()
            } else {
                &mut out as *mut f64
            };
            let case = || format!("t={q} df={df} lower={lower}");
            let status = unsafe { ttxl_t_cdf(q, df, lower, po) };
            check_scalar(t, "t_cdf", status, out, in_unit, &case);
            let p = if r.chance(50) { r.unit() } else { r.value() };
            let mut out = SENTINEL;
            let po = if null_out {
                ptr::null_mut()
            } else {
                &mut out as *mut f64
            };
            let case = || format!("p={p} df={df}");
            let status = unsafe { ttxl_t_quantile(p, df, po) };
            check_scalar(t, "t_quantile", status, out, |v| !v.is_nan(), &case);
        }
        13 | 14 => kpi_call(r, t, alt, conf, null_out),
        _ => {
            // The message readers with hostile buffers: NULL with a capacity, tiny and negative
            // capacities. They must never write past `cap` units.
            let cap = r.pick(&[-1, 0, 1, 2, 3, 5, 64]);
            let mut b8 = [0x55u8; 80];
            let mut b16 = [0x5555u16; 80];
            let null = r.chance(30);
            let p8 = if null {
                ptr::null_mut()
            } else {
                b8.as_mut_ptr().cast()
            };
            let p16 = if null {
                ptr::null_mut()
            } else {
                b16.as_mut_ptr()
            };
            let n8 = unsafe { ttxl_last_error_utf8(p8, cap) };
            let n16 = unsafe { ttxl_last_error_utf16(p16, cap) };
            t.calls += 2;
            let limit = cap.max(0) as usize;
            if b8[limit..].iter().any(|&b| b != 0x55) || b16[limit..].iter().any(|&u| u != 0x5555) {
                t.finding(format!("last_error wrote past cap {cap}"));
            }
            if n8 < 0 || n16 < 0 {
                t.finding(format!("last_error returned {n8}/{n16} for cap {cap}"));
            }
        }
    }
}

fn run(seed: u64, calls: u64) -> Tally {
    let mut rng = Rng(seed);
    let mut tally = Tally::default();
    while tally.calls < calls {
        one_call(&mut rng, &mut tally);
    }
    tally
}

#[test]
fn every_export_survives_hostile_calls() {
    let calls: u64 = std::env::var("TTXL_FUZZ_CALLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40_000);
    let seed: u64 = std::env::var("TTXL_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x7474_6573_742d_786c);
    let start = std::time::Instant::now();
    // Two threads at once: the per-thread last error and language must not interfere.
    let handles: Vec<_> = (0..2u64)
        .map(|i| std::thread::spawn(move || run(seed.wrapping_add(i), calls)))
        .collect();
    let tallies: Vec<Tally> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let total: u64 = tallies.iter().map(|t| t.calls).sum();
    let ok: u64 = tallies.iter().map(|t| t.ok).sum();
    let findings: Vec<&String> = tallies.iter().flat_map(|t| &t.findings).collect();
    eprintln!(
        "ffi_fuzz: {total} calls ({ok} OK) in {:.1} s, {} findings",
        start.elapsed().as_secs_f64(),
        findings.len()
    );
    assert!(
        findings.is_empty(),
        "{} findings, first ones:\n{}",
        findings.len(),
        findings
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The driver must reach the success paths too, not only argument errors.
    assert!(
        ok * 5 > total,
        "only {ok} of {total} calls succeeded: the driver is too hostile"
    );
}
