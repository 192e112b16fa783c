//! Writes `examples/staff_survey.xlsx`: a realistic, seeded Japanese staff survey
//! (職員意識調査) with a before sheet (事前) and an after sheet (事後).
//!
//! ```text
//! cargo run --example make_sample            # writes examples/staff_survey.xlsx
//! cargo run --example make_sample -- out.xlsx
//! ```
//!
//! The workbook looks like the ones city-hall staff really keep:
//!
//! * a merged title row above the header, the header on row 3;
//! * columns 職員番号 (staff number), 所属 (department) and 15 Likert items scored 1–5;
//! * 120 staff, some of whom answered only one of the two surveys, and the after sheet in a
//!   different row order (sorted by department), so rows must be paired by 職員番号;
//! * messy cells: blanks, 「無回答」, one full-width digit 「４」 and one number stored as text "3".
//!
//! Effects built in (after − before, on the latent scale): items 1, 4, 7 and 12 improve clearly
//! (+0.6), item 10 slightly (+0.2), the others not at all. The generator is seeded, so the file is
//! byte-for-byte reproducible for a given rust_xlsxwriter version.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

/// SplitMix64: a tiny, well-known seeded generator (Steele, Lea & Flood 2014), enough for sample data.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal by Box–Muller.
    fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    fn below(&mut self, n: usize) -> usize {
        (self.uniform() * n as f64) as usize
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

/// Question texts (15 items) and the built-in improvement on the latent scale.
const ITEMS: [(&str, f64); 15] = [
    ("Q1 仕事にやりがいを感じている", 0.6),
    ("Q2 自分の能力を仕事に生かせている", 0.0),
    ("Q3 上司に相談しやすい", 0.0),
    ("Q4 職場の情報共有は十分である", 0.6),
    ("Q5 業務量は適切である", 0.0),
    ("Q6 休暇を取得しやすい", 0.0),
    ("Q7 研修で学んだことを業務に生かせている", 0.6),
    ("Q8 同僚と協力して仕事ができている", 0.0),
    ("Q9 市民の役に立っていると感じる", 0.0),
    ("Q10 仕事の進め方を自分で決められる", 0.2),
    ("Q11 評価は公正に行われている", 0.0),
    ("Q12 職場の雰囲気は良い", 0.6),
    ("Q13 心身ともに健康に働けている", 0.0),
    ("Q14 この職場で働き続けたい", 0.0),
    ("Q15 組織の目標を理解している", 0.0),
];

const N_STAFF: usize = 120;

/// One cell of one respondent's answers.
#[derive(Clone)]
enum Cell {
    Score(f64),
    Blank,
    /// 「無回答」.
    Mukaitou,
    FullWidth(&'static str),
    Text(&'static str),
}

struct Row {
    id: u32,
    dept: &'static str,
    answers: Vec<Cell>,
}

fn score(latent: f64) -> f64 {
    latent.round().clamp(1.0, 5.0)
}

fn main() -> Result<(), XlsxError> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/staff_survey.xlsx".to_string());
    let mut rng = SplitMix64(20_250_401);

    // Staff: ID, department, a personal level (some people answer higher overall), item baselines.
    let baselines: Vec<f64> = (0..ITEMS.len())
        .map(|_| 2.8 + 0.6 * rng.uniform())
        .collect();
    let mut before = Vec::new();
    let mut after = Vec::new();
    for i in 0..N_STAFF {
        let id = 1001 + i as u32 * 3 + rng.below(3) as u32;
        let dept = DEPARTMENTS[rng.below(DEPARTMENTS.len())];
        let person = 0.6 * rng.normal();
        // About 5% answered only before, 5% only after.
        let r = rng.uniform();
        let (in_before, in_after) = if r < 0.05 {
            (true, false)
        } else if r < 0.10 {
            (false, true)
        } else {
            (true, true)
        };
        let mut ans_b = Vec::new();
        let mut ans_a = Vec::new();
        for (j, (_, effect)) in ITEMS.iter().enumerate() {
            let item_person = person + 0.5 * rng.normal();
            let b = score(baselines[j] + item_person + 0.6 * rng.normal());
            let a = score(baselines[j] + item_person + effect + 0.6 * rng.normal());
            ans_b.push(Cell::Score(b));
            ans_a.push(Cell::Score(a));
        }
        if in_before {
            before.push(Row {
                id,
                dept,
                answers: ans_b,
            });
        }
        if in_after {
            after.push(Row {
                id,
                dept,
                answers: ans_a,
            });
        }
    }

    // Messy cells: a few blanks and 「無回答」 in both sheets, one 「４」 and one "3" as text.
    for rows in [&mut before, &mut after] {
        for _ in 0..4 {
            let (r, c) = (rng.below(rows.len()), rng.below(ITEMS.len()));
            rows[r].answers[c] = Cell::Blank;
        }
        for _ in 0..3 {
            let (r, c) = (rng.below(rows.len()), rng.below(ITEMS.len()));
            rows[r].answers[c] = Cell::Mukaitou;
        }
    }
    before[17].answers[3] = Cell::FullWidth("４");
    after[42].answers[8] = Cell::Text("3");

    // The after sheet was typed in department order, so rows do not line up with the before sheet.
    after.sort_by_key(|r| (DEPARTMENTS.iter().position(|d| *d == r.dept), r.id));

    let mut workbook = Workbook::new();
    // A fixed creation date keeps the file reproducible.
    workbook.set_properties(
        &DocProperties::new()
            .set_title("職員意識調査（サンプル）")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2025, 10, 31)?),
    );
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Left);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_background_color("#DDEBF7");
    for (name, year_note, rows) in [
        ("事前", "研修実施前（2025年4月）", &before),
        ("事後", "研修実施後（2025年10月）", &after),
    ] {
        let ws = workbook.add_worksheet();
        ws.set_name(name)?;
        write_sheet(ws, year_note, rows, &title, &header)?;
    }
    workbook.save(&out)?;
    println!(
        "wrote {out}: 事前 {} rows, 事後 {} rows, {} items",
        before.len(),
        after.len(),
        ITEMS.len()
    );
    Ok(())
}

fn write_sheet(
    ws: &mut Worksheet,
    note: &str,
    rows: &[Row],
    title: &Format,
    header: &Format,
) -> Result<(), XlsxError> {
    let last_col = 1 + ITEMS.len() as u16;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("職員意識調査　{note}　回答：1＝全くそう思わない … 5＝とてもそう思う"),
        title,
    )?;
    ws.write_string_with_format(2, 0, "職員番号", header)?;
    ws.write_string_with_format(2, 1, "所属", header)?;
    for (j, (text, _)) in ITEMS.iter().enumerate() {
        ws.write_string_with_format(2, 2 + j as u16, *text, header)?;
    }
    ws.set_row_height(2, 60)?;
    ws.set_column_width(0, 10)?;
    ws.set_column_width(1, 14)?;
    for c in 2..=last_col {
        ws.set_column_width(c, 12)?;
    }
    ws.set_freeze_panes(3, 2)?;
    for (i, row) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_number(r, 0, row.id)?;
        ws.write_string(r, 1, row.dept)?;
        for (j, answer) in row.answers.iter().enumerate() {
            let c = 2 + j as u16;
            match answer {
                Cell::Score(v) => {
                    ws.write_number(r, c, *v)?;
                }
                Cell::Blank => {}
                Cell::Mukaitou => {
                    ws.write_string(r, c, "無回答")?;
                }
                Cell::FullWidth(s) | Cell::Text(s) => {
                    ws.write_string(r, c, *s)?;
                }
            }
        }
    }
    Ok(())
}
