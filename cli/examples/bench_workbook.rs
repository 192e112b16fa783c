//! Writes the benchmark workbook for `benches/analyze_bench.sh`: two sheets 事前/事後, each with
//! `N` respondents (default 100,000) × `K` Likert items (default 40) scored 1–5, paired by 職員番号
//! (the after sheet in a different row order), plus a department column.
//!
//! ```text
//! cargo run --release --example bench_workbook -- big.xlsx [N] [K] [long]
//! ```
//!
//! With `long`, one sheet 回答 instead: `N` rows (up to 1,048,575) of 職員番号, 所属, 研修 (two
//! independent groups, あり/なし alternating) and `K` items — the shape of a sheet filled to
//! Excel's last row (`N = 1048575`, `K = 7`: 10 columns).
//!
//! Seeded (SplitMix64), written in rust_xlsxwriter's constant-memory mode.

use rust_xlsxwriter::{Workbook, XlsxError};

struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

const DEPARTMENTS: [&str; 6] = [
    "総務課",
    "市民課",
    "福祉課",
    "税務課",
    "都市計画課",
    "子育て支援課",
];

fn main() -> Result<(), XlsxError> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).map_or("bench.xlsx", String::as_str);
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let k: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(40);
    let mut rng = SplitMix64(20261125);
    // Latent person level and per-item shifts (items 0, 5, 10, … improve after).
    let person: Vec<u64> = (0..n).map(|_| rng.below(3)).collect();
    let dept: Vec<usize> = (0..n).map(|_| rng.below(6) as usize).collect();
    let score = |rng: &mut SplitMix64, p: u64, bump: u64| -> f64 {
        (1 + (p + rng.below(3) + bump).min(4)) as f64
    };
    let mut wb = Workbook::new();
    if args.get(4).map(String::as_str) == Some("long") {
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name("回答")?;
        ws.write_string(0, 0, "職員番号")?;
        ws.write_string(0, 1, "所属")?;
        ws.write_string(0, 2, "研修")?;
        for j in 0..k {
            ws.write_string(0, (j + 3) as u16, format!("Q{}", j + 1))?;
        }
        for i in 0..n {
            let row = (i + 1) as u32;
            let trained = i % 2 == 1;
            ws.write_number(row, 0, (100_000 + i) as f64)?;
            ws.write_string(row, 1, DEPARTMENTS[dept[i]])?;
            ws.write_string(row, 2, if trained { "あり" } else { "なし" })?;
            for j in 0..k {
                let bump = u64::from(trained && j % 5 == 0 && rng.below(4) == 0);
                ws.write_number(row, (j + 3) as u16, score(&mut rng, person[i], bump))?;
            }
        }
        wb.save(path)?;
        eprintln!("wrote {path}: {n} rows × {k} items, one sheet (group column 研修)");
        return Ok(());
    }
    for (s, name) in ["事前", "事後"].into_iter().enumerate() {
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name(name)?;
        ws.write_string(0, 0, "職員番号")?;
        ws.write_string(0, 1, "所属")?;
        for j in 0..k {
            ws.write_string(0, (j + 2) as u16, format!("Q{}", j + 1))?;
        }
        // The after sheet lists respondents in reverse order: pairing must go by ID.
        for r in 0..n {
            let i = if s == 0 { r } else { n - 1 - r };
            let row = (r + 1) as u32;
            ws.write_number(row, 0, (100_000 + i) as f64)?;
            ws.write_string(row, 1, DEPARTMENTS[dept[i]])?;
            for j in 0..k {
                let bump = u64::from(s == 1 && j % 5 == 0 && rng.below(4) == 0);
                ws.write_number(row, (j + 2) as u16, score(&mut rng, person[i], bump))?;
            }
        }
    }
    wb.save(path)?;
    eprintln!("wrote {path}: {n} respondents × {k} items × 2 sheets");
    Ok(())
}
