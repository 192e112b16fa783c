//! Benchmark (not a test): Welch's t-test on two arrays of 10 million doubles, beside a plain sum
//! over the same arrays (the memory-bandwidth floor). Prints the minimum of several repetitions
//! and the ratio. Run with `cargo bench --bench welch` (or `benches/run.sh` for SciPy as well).
//!
//! The floor is a sum with eight independent accumulators, so that it runs at memory speed like
//! the engine's loop (a strictly sequential `iter().sum()` is latency-bound and would flatter the
//! ratio); the sequential sum is printed too for reference.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ttest_xl::stats::ttest::{paired, welch, TTestOptions};

const N: usize = 10_000_000;
const REPS: usize = 9;

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

fn min_time<T>(mut f: impl FnMut() -> T) -> Duration {
    (0..REPS)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn lanes_sum(v: &[f64]) -> f64 {
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

fn main() {
    let x = data(0x9E37_79B9_7F4A_7C15, 100.0, 15.0);
    let y = data(0xD1B5_4A32_D192_ED03, 101.0, 20.0);
    let opts = TTestOptions::default();

    let floor = min_time(|| lanes_sum(black_box(&x)) + lanes_sum(black_box(&y)));
    let seq = min_time(|| black_box(&x).iter().sum::<f64>() + black_box(&y).iter().sum::<f64>());
    let w = min_time(|| welch(black_box(&x), black_box(&y), &opts).unwrap());
    let r = welch(&x, &y, &opts).unwrap();
    let pr = min_time(|| paired(black_box(&x), black_box(&y), &opts).unwrap());
    // Missing values spread over every block (one in 1000) take the element-wise path.
    let mut xn = x.clone();
    for v in xn.iter_mut().step_by(1000) {
        *v = f64::NAN;
    }
    let wn = min_time(|| welch(black_box(&xn), black_box(&y), &opts).unwrap());

    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("data: 2 x {N} doubles, min of {REPS} runs");
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
