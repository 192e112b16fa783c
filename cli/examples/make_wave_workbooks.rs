//! Writes the workbooks of `tests/data/waves/`: surveys with three waves (issue 14, point 2).
//!
//! ```text
//! cargo run --example make_wave_workbooks          # writes tests/data/waves/*.xlsx
//! cd tests/reference && Rscript waves.R            # the R reference, tests/reference/waves.json
//! ```
//!
//! * `yearly_anonymous.xlsx`: an anonymous yearly staff survey, sheets 令和5年度, 令和4年度,
//!   令和6年度 (not in time order in the workbook), a `No` column counting 1, 2, 3, … (answers,
//!   not people), five items with a few messy cells (blank, 無回答, full-width digits).
//! * `paired_rounds.xlsx`: three rounds 第1回, 第2回, 第3回 of the same staff, paired by 職員番号;
//!   some staff miss a round and newcomers join, so each pair of rounds pairs its own people.
//! * `hidden_copy.xlsx`: 令和4年度, 令和5年度, 令和6年度 and a hidden sheet 令和3年度 (third) with the
//!   same items (an old copy the author hid): three waves, the hidden sheet only when named.
//! * `long_format.xlsx`: one sheet 回答 with a column 年度 (2022年度, 2023年度, 2024年度; the
//!   2024 rows first) and the five items: the waves are the values of 年度 (`--group 年度`).
//! * `unordered.xlsx`: three sheets with the same items whose names carry no time (本庁, 支所,
//!   出先機関): the order is not guessed.
//!
//! The answers come from a fixed pseudo-random sequence, so the files are reproducible (fixed
//! creation time too).

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

const ITEMS: [&str; 5] = [
    "Q1 仕事にやりがいを感じる",
    "Q2 職場の風通しが良い",
    "Q3 研修は業務に役立つ",
    "Q4 上司に相談しやすい",
    "Q5 今後も市の職員として働きたい",
];

/// A small deterministic generator (xorshift64*): no dependency, same numbers everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An answer 1–5 around `centre` (a sum of three uniforms, rounded and clipped).
    fn answer(&mut self, centre: f64) -> f64 {
        let z = (self.next() + self.next() + self.next() - 1.5) * 2.0;
        (centre + z).round().clamp(1.0, 5.0)
    }
}

fn new_book() -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let when = ExcelDateTime::from_ymd(2026, 4, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&when));
    Ok(wb)
}

fn header(ws: &mut Worksheet, lead: &str) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    ws.write_string_with_format(0, 0, lead, &bold)?;
    for (c, h) in ITEMS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16 + 1, *h, &bold)?;
    }
    Ok(())
}

/// Item means of each wave: the first item rises, the third falls, the others move little.
const CENTRES: [[f64; 5]; 3] = [
    [3.0, 2.9, 3.3, 3.1, 3.6],
    [3.4, 3.0, 3.1, 3.2, 3.6],
    [3.9, 3.1, 2.8, 3.3, 3.7],
];

fn yearly_anonymous(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    let mut rng = Rng(0x5EED_2026_0001);
    // (wave, sheet name, respondents), in workbook order (not time order).
    for (wave, name, n) in [
        (1, "令和5年度", 62u32),
        (0, "令和4年度", 58),
        (2, "令和6年度", 66),
    ] {
        let ws = wb.add_worksheet().set_name(name)?;
        header(ws, "No")?;
        for i in 0..n {
            let r = i + 1;
            ws.write_number(r, 0, f64::from(i + 1))?;
            for (k, centre) in CENTRES[wave].iter().enumerate() {
                let v = rng.answer(*centre);
                let c = k as u16 + 1;
                // A few messy cells, as staff leave them.
                match (i + 3 * k as u32 + wave as u32) % 29 {
                    0 => {} // blank
                    7 => {
                        ws.write_string(r, c, "無回答")?;
                    }
                    13 => {
                        let full = char::from_u32(0xFF10 + v as u32).unwrap_or('３');
                        ws.write_string(r, c, full.to_string())?;
                    }
                    _ => {
                        ws.write_number(r, c, v)?;
                    }
                }
            }
        }
    }
    let p = dir.join("yearly_anonymous.xlsx");
    wb.save(&p)?;
    Ok(p)
}

fn paired_rounds(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    let mut rng = Rng(0x5EED_2026_0002);
    // Each person's own level, so that answers of the same person correlate across rounds.
    let people: Vec<(u32, f64)> = (0..34)
        .map(|i| (1001 + i, (rng.next() - 0.5) * 1.6))
        .collect();
    for (wave, name) in [(0usize, "第1回"), (1, "第2回"), (2, "第3回")] {
        let ws = wb.add_worksheet().set_name(name)?;
        header(ws, "職員番号")?;
        let mut r = 1;
        for (i, &(id, level)) in people.iter().enumerate() {
            // Staff 1–30 answer round 1; some skip a round; 1031–1034 join from round 2.
            let present = match wave {
                0 => i < 30,
                1 => i % 7 != 3 && !(30..32).contains(&i),
                _ => i % 9 != 5,
            };
            if !present {
                continue;
            }
            ws.write_number(r, 0, f64::from(id))?;
            for (k, centre) in CENTRES[wave].iter().enumerate() {
                let v = rng.answer(centre + level);
                ws.write_number(r, k as u16 + 1, v)?;
            }
            r += 1;
        }
    }
    let p = dir.join("paired_rounds.xlsx");
    wb.save(&p)?;
    Ok(p)
}

fn hidden_copy(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    let mut rng = Rng(0x5EED_2026_0004);
    for (wave, name) in [
        (0usize, "令和4年度"),
        (1, "令和5年度"),
        (0, "令和3年度"),
        (2, "令和6年度"),
    ] {
        let ws = wb.add_worksheet().set_name(name)?;
        header(ws, "No")?;
        for i in 0..15u32 {
            ws.write_number(i + 1, 0, f64::from(i + 1))?;
            for (k, centre) in CENTRES[wave].iter().enumerate() {
                ws.write_number(i + 1, k as u16 + 1, rng.answer(*centre))?;
            }
        }
        // (The first sheet is the active one, which Excel cannot hide.)
        if name == "令和3年度" {
            ws.set_hidden(true);
        }
    }
    let p = dir.join("hidden_copy.xlsx");
    wb.save(&p)?;
    Ok(p)
}

fn long_format(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    let mut rng = Rng(0x5EED_2026_0005);
    let ws = wb.add_worksheet().set_name("回答")?;
    header(ws, "年度")?;
    let mut r = 1;
    for (wave, label, n) in [
        (2usize, "2024年度", 27u32),
        (0, "2022年度", 24),
        (1, "2023年度", 25),
    ] {
        for _ in 0..n {
            ws.write_string(r, 0, label)?;
            for (k, centre) in CENTRES[wave].iter().enumerate() {
                ws.write_number(r, k as u16 + 1, rng.answer(*centre))?;
            }
            r += 1;
        }
    }
    let p = dir.join("long_format.xlsx");
    wb.save(&p)?;
    Ok(p)
}

fn unordered(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    let mut rng = Rng(0x5EED_2026_0003);
    for (wave, name) in [(0usize, "本庁"), (1, "支所"), (2, "出先機関")] {
        let ws = wb.add_worksheet().set_name(name)?;
        header(ws, "No")?;
        for i in 0..12u32 {
            ws.write_number(i + 1, 0, f64::from(i + 1))?;
            for (k, centre) in CENTRES[wave].iter().enumerate() {
                ws.write_number(i + 1, k as u16 + 1, rng.answer(*centre))?;
            }
        }
    }
    let p = dir.join("unordered.xlsx");
    wb.save(&p)?;
    Ok(p)
}

fn main() -> Result<(), XlsxError> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join("tests/data/waves")
        });
    std::fs::create_dir_all(&dir)?;
    for p in [
        yearly_anonymous(&dir)?,
        paired_rounds(&dir)?,
        hidden_copy(&dir)?,
        long_format(&dir)?,
        unordered(&dir)?,
    ] {
        println!("wrote {}", p.display());
    }
    Ok(())
}
