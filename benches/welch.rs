//! Benchmark (not a test): Welch's t-test on two arrays of 10 million doubles, beside a plain sum
//! over the same arrays (the memory-bandwidth floor). Prints the minimum of several repetitions
//! and the ratio. Run with `cargo bench --bench welch` (or `benches/run.sh` for SciPy as well).
//!
//! The floor is a sum with eight independent accumulators (explicit AVX where available), so that
//! it runs at memory speed like the engine's loop (a strictly sequential `iter().sum()` is
//! latency-bound and would flatter the ratio); the sequential sum is printed too for reference.
//! All variants are timed in interleaved rounds so that they see the same machine load.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ttest_xl::stats::ttest::{paired, welch, TTestOptions};

const N: usize = 10_000_000;
const REPS: usize = 15;

/// Deterministic normal-ish data (xorshift64* uniforms, sum of four minus two ≈ N(0, 1/3)).
fn data(seed: u64, mean: f64, sd: f64) -> Vec<f64> {
    let mut s = seed;
    let mut uniform = move || {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        (s.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..N)
        .map(|_| {
            let z = (uniform() + uniform() + uniform() + uniform() - 2.0) * 3f64.sqrt();
            mean + sd * z
        })
        .collect()
}

/// Times each closure once per round, `REPS` rounds, interleaved so that every variant sees the
/// same machine load; returns the minimum per closure.
fn min_times(fs: &mut [&mut dyn FnMut()]) -> Vec<Duration> {
    let mut best = vec![Duration::MAX; fs.len()];
    for _ in 0..REPS {
        for (f, b) in fs.iter_mut().zip(best.iter_mut()) {
            let t = Instant::now();
            f();
            *b = (*b).min(t.elapsed());
        }
    }
    best
}

/// Plain sum in eight lanes: the memory floor. On x86-64 with AVX it uses explicit AVX adds (the
/// auto-vectoriser does not reliably produce full-width code here); elsewhere plain lanes.
fn lanes_sum(v: &[f64]) -> f64 {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx") {
        // SAFETY: AVX support was just checked.
        return unsafe { lanes_sum_avx(v) };
    }
    let mut acc = [0.0_f64; 8];
    let chunks = v.chunks_exact(8);
    let rest: f64 = chunks.remainder().iter().sum();
    for c in chunks {
        for j in 0..8 {
            acc[j] += c[j];
        }
    }
    acc.iter().sum::<f64>() + rest
}

/// # Safety
/// The CPU must support AVX.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
unsafe fn lanes_sum_avx(v: &[f64]) -> f64 {
    use std::arch::x86_64::{_mm256_add_pd, _mm256_loadu_pd, _mm256_setzero_pd, _mm256_storeu_pd};
    let chunks = v.chunks_exact(8);
    let rest: f64 = chunks.remainder().iter().sum();
    let mut out = [0.0_f64; 8];
    // SAFETY: AVX is available; loads read elements 0..3 and 4..7 of an 8-element chunk, stores
    // write elements 0..3 and 4..7 of an 8-element array.
    unsafe {
        let (mut a, mut b) = (_mm256_setzero_pd(), _mm256_setzero_pd());
        for c in chunks {
            a = _mm256_add_pd(a, _mm256_loadu_pd(c.as_ptr()));
            b = _mm256_add_pd(b, _mm256_loadu_pd(c.as_ptr().add(4)));
        }
        _mm256_storeu_pd(out.as_mut_ptr(), a);
        _mm256_storeu_pd(out.as_mut_ptr().add(4), b);
    }
    out.iter().sum::<f64>() + rest
}

fn main() {
    let x = data(0x9E37_79B9_7F4A_7C15, 100.0, 15.0);
    let y = data(0xD1B5_4A32_D192_ED03, 101.0, 20.0);
    let opts = TTestOptions::default();

    // Missing values spread over every block (one in 1000) take the copy-and-replace path.
    let mut xn = x.clone();
    for v in xn.iter_mut().step_by(1000) {
        *v = f64::NAN;
    }
    let t = min_times(&mut [
        &mut || {
            black_box(lanes_sum(black_box(&x)) + lanes_sum(black_box(&y)));
        },
        &mut || {
            black_box(black_box(&x).iter().sum::<f64>() + black_box(&y).iter().sum::<f64>());
        },
        &mut || {
            black_box(welch(black_box(&x), black_box(&y), &opts).unwrap());
        },
        &mut || {
            black_box(paired(black_box(&x), black_box(&y), &opts).unwrap());
        },
        &mut || {
            black_box(welch(black_box(&xn), black_box(&y), &opts).unwrap());
        },
    ]);
    let (floor, seq, w, pr, wn) = (t[0], t[1], t[2], t[3], t[4]);
    let r = welch(&x, &y, &opts).unwrap();

    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("data: 2 x {N} doubles, min of {REPS} interleaved runs");
    println!("plain sum (8 lanes, floor):   {:8.2} ms", ms(floor));
    println!("plain sum (sequential):       {:8.2} ms", ms(seq));
    println!("ttest-xl welch:               {:8.2} ms", ms(w));
    println!("ratio welch / floor:          {:8.2}", ms(w) / ms(floor));
    println!("(info) paired:                {:8.2} ms", ms(pr));
    println!("(info) welch, 0.1% NaN in x:  {:8.2} ms", ms(wn));
    println!(
        "(t = {:.6}, df = {:.1}, p = {:.3e})",
        r.statistic, r.df, r.p_value
    );
    println!("RUST_WELCH_MS={:.3}", ms(w));
    println!("RUST_FLOOR_MS={:.3}", ms(floor));
}
