//! The result workbook (rust_xlsxwriter): Results, Summary, Charts, Data, Checks and Method sheets,
//! in English or Japanese, plus the JSON output ([`json`]).
//!
//! Rules kept here: every [`Format`] is defined once (`Formats`); text from the input (item names,
//! labels, breakdown values) is written with `write_string`, never as a formula; NaN and ±Inf are
//! written explicitly as "—", "∞" and "−∞" (rust_xlsxwriter would write the string "NAN");
//! `autofit()` comes last on every sheet.
//!
//! The Data sheet can hold millions of cells: only its header and first rows go through
//! rust_xlsxwriter; the rest are written into the package when it is saved ([`ResultBook`],
//! module `data_sheet`), on a second thread while the first compresses them.

pub mod compare_sheet;
pub mod council;
mod data_sheet;
mod equivalence_cols;
pub mod json;
mod plan_sheet;
pub mod shares;
#[cfg(test)]
mod tests;
pub mod text;
pub mod trend_sheet;

pub use data_sheet::ResultBook;
use data_sheet::{DataRows, Tail, HEAD_ROWS};

use rust_xlsxwriter::utility::worksheet_range;
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartAxisLabelPosition, ChartErrorBars, ChartErrorBarsType,
    ChartFormat, ChartLegendPosition, ChartLine, ChartMarker, ChartMarkerType, ChartRange,
    ChartSolidFill, ChartType, Color, ConditionalFormatDataBar, ConditionalFormatFormula, Format,
    FormatAlign, FormatBorder, Formula, Table, TableColumn, TableStyle, Workbook, Worksheet,
    XlsxError,
};

use crate::analysis::{self, Analysis, DesignKind, TestUsed};
use crate::lang::{grouped, Lang};
use crate::stats::Alternative;
use crate::workbook::{NoteKind, Survey};

/// What the Method sheet says about the run.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportMeta {
    /// Input file name as given.
    pub input: String,
    /// The options, as a command line (`--test welch --adjust holm …`).
    pub options: String,
    /// `--keep-ids`: the Data and Checks sheets show respondents' IDs and unparsed text as read;
    /// by default they show input rows instead and leave personal data out.
    pub keep_ids: bool,
    /// The workbook's creation time (Unix seconds, UTC) for its document properties; `None` for
    /// now. A fixed time makes the file byte-for-byte reproducible (`SOURCE_DATE_EPOCH`).
    pub created: Option<i64>,
}

/// Why the result workbook could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// rust_xlsxwriter refused something (a bug, or a limit such as too many rows).
    #[error("cannot build the result workbook: {0}")]
    Xlsx(#[from] XlsxError),
}

/// Above this many data cells the package is deflated at the fastest level.
const LARGE_DATA_CELLS: usize = 200_000;
/// Excel's last row (0-based).
const MAX_ROW: u32 = 1_048_575;

/// Sheet names in one language.
#[derive(Debug, Clone, Copy)]
pub struct SheetNames {
    /// The one-page council sheet (first).
    pub council: &'static str,
    /// Results table.
    pub results: &'static str,
    /// Plain-language summary.
    pub summary: &'static str,
    /// Charts and their source table.
    pub charts: &'static str,
    /// Cleaned values analysed.
    pub data: &'static str,
    /// Conversions, exclusions and assumption notes.
    pub checks: &'static str,
    /// What was done.
    pub method: &'static str,
}

impl SheetNames {
    /// The sheet names for `lang`.
    pub fn of(lang: Lang) -> SheetNames {
        match lang {
            Lang::En => SheetNames {
                council: "Council summary",
                results: "Results",
                summary: "Summary",
                charts: "Charts",
                data: "Data",
                checks: "Checks",
                method: "Method",
            },
            Lang::Ja => SheetNames {
                council: "議会資料",
                results: "結果",
                summary: "概要",
                charts: "グラフ",
                data: "データ",
                checks: "データ確認",
                method: "方法",
            },
        }
    }
}

/// Every format used, defined once.
struct Formats {
    header: Format,
    text: Format,
    wrap: Format,
    title: Format,
    int: Format,
    num2: Format,
    num3: Format,
    p: Format,
    missing: Format,
    sig_fill: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border_bottom(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            text: Format::new(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            title: Format::new().set_bold().set_font_size(14),
            int: Format::new().set_num_format("0"),
            num2: Format::new().set_num_format("0.00"),
            num3: Format::new().set_num_format("0.000"),
            p: Format::new().set_num_format("[<0.001]\"<.001\";0.000"),
            missing: Format::new()
                .set_align(FormatAlign::Right)
                .set_font_color(Color::Gray),
            sig_fill: Format::new()
                .set_background_color(Color::RGB(0xE2EFDA))
                .set_bold(),
        }
    }
}

/// Writes a number, or "—" / "∞" / "−∞" for non-finite values (never rust_xlsxwriter's "NAN").
fn put_num(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: f64,
    format: &Format,
    missing: &Format,
) -> Result<(), XlsxError> {
    if v.is_finite() {
        ws.write_number_with_format(row, col, v, format)?;
    } else {
        ws.write_string_with_format(row, col, text::num(v, 0).replace("NA", "—"), missing)?;
    }
    Ok(())
}

/// A number as a formula's cached value (`<v>` of the cell): the shortest text that reads back
/// as the same f64 (Rust's `{:?}` gives "1e-20" rather than twenty zeros).
fn cached_number(v: f64) -> String {
    format!("{v:?}")
}

/// Which number format a Results column uses.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Int,
    Num2,
    P,
}

/// Builds the result workbook. Save it with [`ResultBook::save_to_writer`] (the CLI writes a
/// temporary file and renames it); the Data sheet's rows beyond the first 50 are written then,
/// straight into the package.
///
/// # Errors
/// [`ReportError::Xlsx`] when rust_xlsxwriter rejects the content (for example more rows than Excel
/// allows).
pub fn build_workbook<'a>(
    survey: &'a Survey,
    a: &'a Analysis,
    meta: &ReportMeta,
    lang: Lang,
) -> Result<ResultBook<'a>, ReportError> {
    build(survey, a, meta, lang, HEAD_ROWS)
}

/// Lines a caller adds to the standard sheets (three or more waves: src/report/trend_sheet.rs).
#[derive(Debug, Clone, Default)]
pub(crate) struct Extra {
    /// Under the council sheet's caveat.
    pub(crate) council: Vec<String>,
    /// At the end of the Method sheet: (heading, text).
    pub(crate) method: Vec<(String, String)>,
}

/// [`build_workbook`] with `head_rows` Data rows written through rust_xlsxwriter.
fn build<'a>(
    survey: &'a Survey,
    a: &'a Analysis,
    meta: &ReportMeta,
    lang: Lang,
    head_rows: usize,
) -> Result<ResultBook<'a>, ReportError> {
    build_with(survey, a, meta, lang, head_rows, &Extra::default())
}

/// [`build`] with `extra` lines on the council and Method sheets.
fn build_with<'a>(
    survey: &'a Survey,
    a: &'a Analysis,
    meta: &ReportMeta,
    lang: Lang,
    head_rows: usize,
    extra: &Extra,
) -> Result<ResultBook<'a>, ReportError> {
    let names = SheetNames::of(lang);
    let f = Formats::new();
    let mut wb = Workbook::new();
    if let Some(t) = meta.created {
        let when = rust_xlsxwriter::ExcelDateTime::from_timestamp(t)?;
        wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&when));
    }
    let data_cells = (survey.first.ids.len() + survey.second.ids.len()) * survey.items.len();
    let level = if data_cells > LARGE_DATA_CELLS {
        // Large Data sheet: fastest deflate level (the file grows by ~1/3, saving takes half the time).
        wb.set_zip_compression_level(1);
        Some(1)
    } else {
        None
    };
    for name in [
        names.council,
        names.results,
        names.summary,
        names.charts,
        names.data,
        names.checks,
        names.method,
    ] {
        wb.add_worksheet().set_name(name)?;
        if name == names.council && a.compare.is_some() {
            // --compare: the comparison sheet right after the council sheet.
            wb.add_worksheet()
                .set_name(compare_sheet::sheet_name(lang))?;
        }
    }

    let layout = data_layout(survey, a, meta.keep_ids);
    let by = survey.by_column.as_deref();
    let breakdown: Vec<String> = by
        .map(|b| match lang {
            Lang::En => format!(
                "This page is the whole sample; the results per {b} are on the Results and Summary sheets."
            ),
            Lang::Ja => format!(
                "この表は回答者全体の結果です。{b}別の結果は「結果」「概要」シートにあります。"
            ),
        })
        .into_iter()
        .chain(shares::council_foot(a, lang))
        .chain(text::family_text(a, by, lang))
        .chain(text::withheld_text(a, by, lang))
        .chain(extra.council.iter().cloned())
        .chain(
            a.compare
                .iter()
                .flat_map(|c| compare_sheet::council_lines(a, c, lang)),
        )
        .collect();
    council::write_council(
        wb.worksheet_from_name(names.council)?,
        survey,
        a,
        &f,
        &breakdown,
        lang,
    )?;
    if let Some(c) = &a.compare {
        compare_sheet::write(
            wb.worksheet_from_name(compare_sheet::sheet_name(lang))?,
            a,
            c,
            &f,
            lang,
        )?;
    }
    write_results(
        wb.worksheet_from_name(names.results)?,
        survey,
        a,
        &layout,
        &names,
        &f,
        lang,
    )?;
    write_summary(
        wb.worksheet_from_name(names.summary)?,
        a,
        survey.by_column.as_deref(),
        &f,
        lang,
        council::is_change(survey, a),
    )?;
    write_charts(
        wb.worksheet_from_name(names.charts)?,
        survey,
        a,
        &names,
        &f,
        lang,
    )?;
    let last_col = write_data(
        wb.worksheet_from_name(names.data)?,
        survey,
        a,
        &layout,
        &f,
        lang,
        head_rows,
    )?;
    write_checks(
        wb.worksheet_from_name(names.checks)?,
        survey,
        a,
        &f,
        meta.keep_ids,
        lang,
    )?;
    write_method(
        wb.worksheet_from_name(names.method)?,
        survey,
        a,
        meta,
        &f,
        lang,
        &extra.method,
    )?;
    let rows = DataRows::new(survey, a, &layout, lang);
    let tail = (rows.len() > head_rows).then(|| Tail {
        rows,
        start: head_rows,
        // rust_xlsxwriter names worksheet parts by position: the Data sheet is the fifth (the
        // sixth after a comparison sheet).
        part: format!(
            "xl/worksheets/sheet{}.xml",
            5 + usize::from(a.compare.is_some())
        ),
        level,
        last_col,
    });
    Ok(ResultBook { workbook: wb, tail })
}

/// Where each analysed value sits on the Data sheet.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DataLayout {
    /// Columns before the item columns.
    lead: u16,
    /// Paired: two columns per item (first, second); independent: one column per item.
    paired: bool,
    /// Number of rows of the first condition (independent layout: the second condition follows).
    n_first: u32,
    /// `--keep-ids`: one ID column; otherwise the input row(s) (two columns when paired).
    ids: bool,
}

impl DataLayout {
    fn col(&self, item: usize, side: usize) -> u16 {
        if self.paired {
            self.lead + (2 * item + side) as u16
        } else {
            self.lead + item as u16
        }
    }

    /// 0-based sheet row of sorted position `pos` of condition `side`.
    fn row(&self, side: usize, pos: usize) -> u32 {
        if self.paired || side == 0 {
            pos as u32 + 1
        } else {
            self.n_first + pos as u32 + 1
        }
    }
}

fn data_layout(survey: &Survey, a: &Analysis, keep_ids: bool) -> DataLayout {
    let paired = a.design == DesignKind::Paired;
    let by = u16::from(survey.by_column.is_some());
    // Condition (independent) + respondent columns (ID, or the input row per sheet) + breakdown.
    let respondent = if paired && !keep_ids { 2 } else { 1 };
    DataLayout {
        lead: u16::from(!paired) + respondent + by,
        paired,
        n_first: a.order_first.len() as u32,
        ids: keep_ids,
    }
}

fn effect_header(test: TestUsed, lang: Lang) -> &'static str {
    match test {
        TestUsed::Paired | TestUsed::Wilcoxon => lang.pick("Cohen's d_z", "Cohen の d_z"),
        TestUsed::Student => lang.pick("Cohen's d (pooled SD)", "Cohen の d（プールした SD）"),
        TestUsed::Welch | TestUsed::MannWhitney => lang.pick(
            "Cohen's d (average-variance SD)",
            "Cohen の d（2 群の分散の平均による SD）",
        ),
    }
}

fn excel_ttest_type(a: &Analysis) -> Option<u8> {
    if a.options.alternative != Alternative::TwoSided {
        return None;
    }
    match a.test {
        TestUsed::Paired => Some(1),
        TestUsed::Student => Some(2),
        TestUsed::Welch => Some(3),
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn write_results(
    ws: &mut Worksheet,
    survey: &Survey,
    a: &Analysis,
    layout: &DataLayout,
    names: &SheetNames,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let [l1, l2] = &a.labels;
    let cl = text::num(a.options.conf_level * 100.0, 0);
    let paired = a.design == DesignKind::Paired;
    let excel_type = excel_ttest_type(a);
    let mut headers: Vec<(String, Kind)> = Vec::new();
    if let Some(by) = &survey.by_column {
        headers.push((by.clone(), Kind::Text));
    }
    headers.push((lang.pick("Item", "設問").into(), Kind::Text));
    // Japanese headers take full-width parentheses: 「n（事前）」.
    let (op, cp) = (lang.pick(" (", "（"), lang.pick(")", "）"));
    headers.push((format!("n{op}{l1}{cp}"), Kind::Int));
    headers.push((format!("n{op}{l2}{cp}"), Kind::Int));
    headers.push((format!("M{op}{l1}{cp}"), Kind::Num2));
    headers.push((format!("SD{op}{l1}{cp}"), Kind::Num2));
    headers.push((format!("M{op}{l2}{cp}"), Kind::Num2));
    headers.push((format!("SD{op}{l2}{cp}"), Kind::Num2));
    headers.push((
        format!("{}{op}{l2} − {l1}{cp}", lang.pick("Difference", "差")),
        Kind::Num2,
    ));
    headers.push((
        format!("{cl}% {}", lang.pick("CI low", "信頼区間 下限")),
        Kind::Num2,
    ));
    headers.push((
        format!("{cl}% {}", lang.pick("CI high", "信頼区間 上限")),
        Kind::Num2,
    ));
    headers.push((text::stat_name(a.test).into(), Kind::Num2));
    let df_col = headers.len() as u16;
    headers.push(("df".into(), Kind::Num2));
    headers.push(("p".into(), Kind::P));
    let p_adj_col = headers.len() as u16;
    headers.push((
        format!(
            "{} p{op}{}{cp}",
            lang.pick("Adjusted", "補正後"),
            text::adjust_key(a.options.adjust)
        ),
        Kind::P,
    ));
    headers.push((lang.pick("Sig.", "判定").into(), Kind::Text));
    let d_col = headers.len() as u16;
    headers.push((effect_header(a.test, lang).into(), Kind::Num2));
    headers.push((
        format!("d {cl}% {}", lang.pick("CI low", "信頼区間 下限")),
        Kind::Num2,
    ));
    headers.push((
        format!("d {cl}% {}", lang.pick("CI high", "信頼区間 上限")),
        Kind::Num2,
    ));
    headers.push((lang.pick("Hedges' g", "Hedges の g").into(), Kind::Num2));
    if paired {
        headers.push(("d_av".into(), Kind::Num2));
    }
    headers.push((
        lang.pick("Effect size", "効果量の大きさ").into(),
        Kind::Text,
    ));
    headers.push((
        if paired {
            lang.pick("Wilcoxon V", "Wilcoxon V")
        } else {
            lang.pick("Mann–Whitney W", "Mann–Whitney W")
        }
        .into(),
        Kind::Num2,
    ));
    headers.push((
        lang.pick("Rank test p (two-sided)", "順位検定 p（両側）")
            .into(),
        Kind::P,
    ));
    headers.push((
        lang.pick(
            "Smallest d detectable (80% power)",
            "検出できる最小の d（検出力 80%）",
        )
        .into(),
        Kind::Num2,
    ));
    headers.extend(equivalence_cols::headers(a, lang));
    if excel_type.is_some() {
        headers.push((
            lang.pick("Excel T.TEST p", "Excel の T.TEST による p")
                .into(),
            Kind::P,
        ));
    }
    headers.extend(shares::result_headers(a, lang));
    headers.push((lang.pick("Notes", "備考").into(), Kind::Text));

    let rows: usize = a.blocks.iter().map(|b| b.items.len()).sum();
    let last_col = headers.len() as u16 - 1;
    let fmt = |k: Kind| match k {
        Kind::Text => &f.text,
        Kind::Int => &f.int,
        Kind::Num2 => &f.num2,
        Kind::P => &f.p,
    };

    let mut row = 1u32;
    let mut note_texts: Vec<String> = Vec::new();
    for block in &a.blocks {
        for it in &block.items {
            if survey.by_column.is_some() {
                match &block.by {
                    Some(by) => ws.write_string(row, 0, text::by_label(by, lang))?,
                    None => ws.write_string(row, 0, lang.pick("(all)", "（全体）"))?,
                };
            }
            let mut col = u16::from(survey.by_column.is_some());
            ws.write_string(row, col, &it.item)?;
            col += 1;
            let values_a = [
                it.n_1 as f64,
                it.n_2 as f64,
                it.mean_1,
                it.sd_1,
                it.mean_2,
                it.sd_2,
                it.mean_diff,
                it.conf_low,
                it.conf_high,
                it.statistic,
                it.df,
                it.p_value,
                it.p_adjusted,
            ];
            for v in values_a {
                put_num(ws, row, col, v, fmt(headers[col as usize].1), &f.missing)?;
                col += 1;
            }
            ws.write_string(row, col, text::mark(it.p_adjusted, a.options.alpha))?;
            col += 1;
            let d = it.d.map_or([f64::NAN; 3], |d| [d.estimate, d.low, d.high]);
            let mut values_b = vec![d[0], d[1], d[2], it.g.map_or(f64::NAN, |g| g.estimate)];
            if paired {
                values_b.push(it.d_av.map_or(f64::NAN, |d| d.estimate));
            }
            for v in values_b {
                put_num(ws, row, col, v, fmt(headers[col as usize].1), &f.missing)?;
                col += 1;
            }
            ws.write_string(row, col, text::magnitude_words(it.d, lang))?;
            col += 1;
            for v in [
                it.rank.map_or(f64::NAN, |r| r.statistic),
                it.rank.map_or(f64::NAN, |r| r.p_value),
                it.sensitivity_d.unwrap_or(f64::NAN),
            ] {
                put_num(ws, row, col, v, fmt(headers[col as usize].1), &f.missing)?;
                col += 1;
            }
            col = equivalence_cols::write_cells(ws, row, col, a, it, f, lang)?;
            if let Some(kind) = excel_type {
                let r1 = block.rows_first.clone();
                let r2 = block.rows_second.clone();
                // Only over rows the Data sheet holds (it stops at Excel's last row).
                let fits = |side: usize, r: &std::ops::Range<usize>| {
                    r.end > 0 && layout.row(side, r.end - 1) <= MAX_ROW
                };
                if it.excluded.is_none()
                    && !r1.is_empty()
                    && !r2.is_empty()
                    && fits(0, &r1)
                    && fits(1, &r2)
                {
                    let range = |side: usize, r: &std::ops::Range<usize>| {
                        worksheet_range(
                            names.data,
                            layout.row(side, r.start),
                            layout.col(it.index, side),
                            layout.row(side, r.end - 1),
                            layout.col(it.index, side),
                        )
                    };
                    // Excel's T.TEST(array1, array2, tails, type); p does not depend on order.
                    let formula = format!(
                        "=_xlfn.T.TEST({},{},2,{kind})",
                        range(0, &r1),
                        range(1, &r2)
                    );
                    // The computed p is the formula's cached value: LibreOffice (by default),
                    // viewers and previewers show the cached value without recalculating, and a
                    // cached 0 showed "<.001" for every item.
                    let formula = Formula::new(formula).set_result(cached_number(it.p_value));
                    ws.write_formula_with_format(row, col, formula, &f.p)?;
                } else {
                    ws.write_string_with_format(row, col, "—", &f.missing)?;
                }
                col += 1;
            }
            col = shares::write_result_cells(ws, row, col, a, it, f)?;
            let mut notes: Vec<String> = Vec::new();
            if let Some(ex) = &it.excluded {
                notes.push(ex.message(lang));
            }
            notes.extend(it.notes.iter().map(|n| n.message(lang, &a.labels)));
            let notes = notes.join(" / ");
            ws.write_string(row, col, &notes)?;
            note_texts.push(notes);
            row += 1;
        }
    }

    let columns: Vec<TableColumn> = headers
        .iter()
        .map(|(h, _)| {
            TableColumn::new()
                .set_header(h)
                .set_header_format(&f.header)
        })
        .collect();
    let table = Table::new()
        .set_name(lang.pick("Results", "Results_ja"))
        .set_style(TableStyle::Light9)
        .set_columns(&columns);
    ws.add_table(0, 0, rows as u32, last_col, &table)?;
    ws.set_freeze_panes(1, u16::from(survey.by_column.is_some()) + 1)?;
    // What the marks of the significance column mean (column widths are set below).
    ws.write_string(
        rows as u32 + 2,
        0,
        text::mark_legend(a.options.alpha, a.options.adjust, lang),
    )?;
    let by = survey.by_column.as_deref();
    for (k, line) in text::family_text(a, by, lang)
        .into_iter()
        .chain(text::withheld_text(a, by, lang))
        .enumerate()
    {
        ws.write_string(rows as u32 + 3 + k as u32, 0, line)?;
    }

    // Significant rows (adjusted p < alpha) stand out; d gets data bars.
    let p_cell = rust_xlsxwriter::utility::row_col_to_cell(1, p_adj_col);
    let p_abs = format!("${}", p_cell.trim_end_matches(char::is_numeric));
    let rule = format!("=AND(ISNUMBER({p_abs}2),{p_abs}2<{})", a.options.alpha);
    ws.add_conditional_format(
        1,
        0,
        rows as u32,
        last_col,
        &ConditionalFormatFormula::new()
            .set_rule(rule.as_str())
            .set_format(&f.sig_fill),
    )?;
    ws.add_conditional_format(
        1,
        d_col,
        rows as u32,
        d_col,
        &ConditionalFormatDataBar::new(),
    )?;
    ws.set_row_height(0, 45)?;
    // Headers wrap (three lines), so numeric columns need not be as wide as their header text.
    ws.set_autofit_max_width(RESULTS_MAX_AUTOFIT_PX);
    ws.autofit();
    // autofit() sized df by its header: "108.00" showed as "###".
    ws.set_column_width(df_col, 8)?;
    let item_col = u16::from(survey.by_column.is_some());
    if item_col == 1 {
        let all = lang.pick("(all)", "（全体）");
        let by_values = a
            .blocks
            .iter()
            .map(|b| b.by.as_deref().map_or(all, |by| text::by_label(by, lang)));
        widen_for_text(
            ws,
            0,
            by_values.chain(std::iter::once(headers[0].0.as_str())),
            30.0,
        )?;
    }
    let items = a
        .blocks
        .iter()
        .flat_map(|b| b.items.iter().map(|i| i.item.as_str()));
    widen_for_text(ws, item_col, items, 60.0)?;
    widen_for_text(ws, last_col, note_texts.iter().map(String::as_str), 80.0)?;
    // About 16 columns on a landscape page stay legible; the item names repeat on every page.
    let pages_wide = (usize::from(last_col) + 1).div_ceil(16).max(1) as u16;
    print_setup(
        ws,
        Print::Titles {
            label_cols_to: item_col,
            pages_wide,
        },
    )?;
    Ok(())
}

/// Display width of `text` in Excel column units (one unit ≈ the width of a digit in the default
/// font): full-width characters (kanji, kana, full-width forms) take about two units. rust_xlsxwriter's
/// `autofit()` counts every non-ASCII character as 8 pixels (about one unit), which cuts Japanese
/// item names in half; [`widen_for_text`] corrects the columns that hold them.
fn text_units(text: &str) -> f64 {
    text.lines()
        .map(|line| {
            line.chars()
                .map(|c| match u32::from(c) {
                    0x1100..=0x115F
                    | 0x2E80..=0x303E
                    | 0x3041..=0x33FF
                    | 0x3400..=0x4DBF
                    | 0x4E00..=0x9FFF
                    | 0xA000..=0xA4CF
                    | 0xAC00..=0xD7A3
                    | 0xF900..=0xFAFF
                    | 0xFE30..=0xFE4F
                    | 0xFF00..=0xFF60
                    | 0xFFE0..=0xFFE6
                    | 0x20000..=0x3FFFD => 2.0,
                    _ => 1.1,
                })
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
}

/// Sets column `col` wide enough for the longest of `texts` (plus padding), at most `cap` units.
/// Call after `autofit()`, which it overrides for that column.
fn widen_for_text<'a>(
    ws: &mut Worksheet,
    col: u16,
    texts: impl IntoIterator<Item = &'a str>,
    cap: f64,
) -> Result<(), XlsxError> {
    let widest = texts.into_iter().map(text_units).fold(0.0, f64::max);
    if widest > 0.0 {
        ws.set_column_width(col, (widest + 2.0).min(cap))?;
    }
    Ok(())
}

/// How a sheet is laid out on paper.
enum Print {
    /// Every column on one page width (the sheet is narrow enough to stay legible).
    FitWidth { landscape: bool },
    /// A wide table fitted to the width of `pages_wide` landscape pages, with its header row and the
    /// columns up to `label_cols_to` (item names) repeated on every page, as Excel's "Print Titles"
    /// do (they take effect again when a reader turns fitting off to print at full size). One page
    /// wide made the 40-odd columns of the Results sheet too small to read.
    Titles { label_cols_to: u16, pages_wide: u16 },
}

/// Page setup: A4, the layout of [`Print`], "sheet name … page n / N" in the footer, so that a
/// printed copy for a council meeting reads like the screen.
fn print_setup(ws: &mut Worksheet, print: Print) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    match print {
        Print::FitWidth { landscape } => {
            if landscape {
                ws.set_landscape();
            }
            ws.set_print_fit_to_pages(1, 0);
        }
        Print::Titles {
            label_cols_to,
            pages_wide,
        } => {
            ws.set_landscape();
            ws.set_print_fit_to_pages(pages_wide, 0);
            ws.set_repeat_rows(0, 0)?;
            ws.set_repeat_columns(0, label_cols_to)?;
        }
    }
    ws.set_footer("&L&A&R&P / &N");
    Ok(())
}

/// Widest a Results column becomes from `autofit()`, in pixels (about 13 digits); the item and
/// notes columns are set separately by [`widen_for_text`].
const RESULTS_MAX_AUTOFIT_PX: u32 = 96;

/// The Checks sheet's columns that wrap, with their widest width in character units: cells,
/// item, what happened, original value.
const CHECKS_WRAPPED: &[(u16, f64)] = &[(2, 24.0), (3, 32.0), (4, 60.0), (5, 40.0)];

/// Printed width of `text` for wrapping estimates: as [`text_units`], with ASCII at 0.92 (Calibri's
/// letters and spaces are narrower than its digits, the unit of column widths), so that a row
/// that prints on one line is not given the height of two.
fn print_units(text: &str) -> f64 {
    let mut buf = [0u8; 4];
    text.lines()
        .map(|line| {
            line.chars()
                .map(|c| {
                    if c.is_ascii() {
                        0.92
                    } else {
                        text_units(c.encode_utf8(&mut buf))
                    }
                })
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
}

/// Width of the Method sheet's text column, in character units.
const METHOD_WIDTH: f64 = 100.0;

/// Column width of the Summary sheet, in character units.
const SUMMARY_WIDTH: f64 = 100.0;

/// Writes wrapped text and sets the row height for the lines it needs (spreadsheet applications
/// do not all grow rows for wrapped text on load). Full-width characters count as two units.
fn put_wrapped(ws: &mut Worksheet, row: u32, text: &str, f: &Formats) -> Result<(), XlsxError> {
    let units: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
        .sum();
    let lines = (units / (SUMMARY_WIDTH - 4.0)).ceil().max(1.0);
    ws.write_string_with_format(row, 0, text, &f.wrap)?;
    ws.set_row_height(row, 15.0 * lines + 3.0)?;
    Ok(())
}

fn write_summary(
    ws: &mut Worksheet,
    a: &Analysis,
    by: Option<&str>,
    f: &Formats,
    lang: Lang,
    change: bool,
) -> Result<(), XlsxError> {
    ws.set_column_width(0, SUMMARY_WIDTH)?;
    ws.write_string_with_format(0, 0, lang.pick("Summary", "概要"), &f.title)?;
    let mut row = 2u32;
    for block in &a.blocks {
        put_wrapped(ws, row, &text::conclusion(a, block, lang), f)?;
        row += 1;
        for it in &block.items {
            let mut line = text::sentence(a, block, it, lang);
            if let Some(share) = shares::sentence(a, it, change, lang, false) {
                line.push_str(lang.pick(" ", ""));
                line.push_str(&share);
            }
            put_wrapped(
                ws,
                row,
                &equivalence_cols::append(line, a, it, false, lang),
                f,
            )?;
            row += 1;
        }
        row += 1;
    }
    let note = match lang {
        Lang::En => format!(
            "Differences are {} − {}. Significance is judged on the adjusted p ({}). d is Cohen's d with its {}% confidence interval.",
            a.labels[1],
            a.labels[0],
            text::adjust_name(a.options.adjust, lang),
            text::num(a.options.conf_level * 100.0, 0)
        ),
        Lang::Ja => format!(
            "差は「{} − {}」で計算した。有意かどうかは補正後の p 値（{}）で判断した。M は平均値、SD は標準偏差、d は効果量（Cohen の d）で、［ ］内はその {}% 信頼区間である。",
            a.labels[1],
            a.labels[0],
            text::adjust_name(a.options.adjust, lang),
            text::num(a.options.conf_level * 100.0, 0)
        ),
    };
    put_wrapped(ws, row, &note, f)?;
    for line in text::family_text(a, by, lang)
        .into_iter()
        .chain(text::withheld_text(a, by, lang))
    {
        row += 1;
        put_wrapped(ws, row, &line, f)?;
    }
    // Landscape A4 holds the 100-unit column at full size.
    print_setup(ws, Print::FitWidth { landscape: true })?;
    Ok(())
}

/// Short codes of the items for chart labels ("Q1", "Q2", …, in item order), and the number
/// format that shows a tick position k as its code. "#1", "#2", … when an item's own name already
/// starts with a different Q-number (items chosen with --items), so a code never contradicts it.
fn item_codes(items: &[&str]) -> (&'static str, Vec<String>) {
    let clash = items.iter().enumerate().any(|(i, name)| {
        let rest = name.strip_prefix('Q').or_else(|| name.strip_prefix('Ｑ'));
        let digits: String = rest
            .unwrap_or_default()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        !digits.is_empty() && digits != (i + 1).to_string()
    });
    let prefix = if clash { "#" } else { "Q" };
    let codes = (1..=items.len()).map(|k| format!("{prefix}{k}")).collect();
    (prefix, codes)
}

/// Answer scales a means axis snaps to, as the reader's out-of-scale check knows them.
const SCALES: [(f64, f64); 3] = [(1.0, 5.0), (1.0, 7.0), (0.0, 10.0)];

/// The range a means axis spans: the first of 1–5, 1–7 and 0–10 that holds every answer and
/// every confidence limit of a mean; otherwise the whole numbers around them. `None` without
/// values.
fn scale_range(survey: &Survey, a: &Analysis) -> Option<(f64, f64)> {
    let values = [&survey.first, &survey.second]
        .into_iter()
        .flat_map(|g| g.values.iter().flatten())
        .copied()
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !lo.is_finite() {
        return None;
    }
    let limits = a.blocks[0]
        .items
        .iter()
        .flat_map(|it| [it.mean_ci_1, it.mean_ci_2])
        .flatten()
        .flat_map(|(l, h)| [l, h])
        .filter(|v| v.is_finite());
    let (lo, hi) = limits.fold((lo, hi), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if let Some(&scale) = SCALES.iter().find(|(a, b)| *a <= lo && hi <= *b) {
        return Some(scale);
    }
    let lo = lo.floor();
    Some((lo, hi.ceil().max(lo + 1.0)))
}

/// Marker colours of the first and second condition (blue and orange: told apart in grey print
/// and by colour-blind readers, with different marker shapes as well).
const SERIES_COLORS: [Color; 2] = [Color::RGB(0x1F4E79), Color::RGB(0xC55A11)];

/// Height in rows (20 px each) that a chart of `px` pixels covers, plus one row of space.
fn rows_for(px: u32) -> u32 {
    px.div_ceil(20) + 1
}

fn write_charts(
    ws: &mut Worksheet,
    survey: &Survey,
    a: &Analysis,
    names: &SheetNames,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let [l1, l2] = &a.labels;
    let cl = text::num(a.options.conf_level * 100.0, 0);
    let (op, cp) = (lang.pick(" (", "（"), lang.pick(")", "）"));
    let block = &a.blocks[0];
    let n = block.items.len() as u32;
    let names_of: Vec<&str> = block.items.iter().map(|i| i.item.as_str()).collect();
    let (prefix, codes) = item_codes(&names_of);
    // Tick k shows its code; the empty ends (0 and n + 1) show nothing.
    let code_format = format!("[<1]\"\";[>{n}]\"\";\"{prefix}\"0");

    // Charts first (what a reader looks at), their source table with the key of the codes below.
    let means_h = 380u32;
    let forest_h = 140 + 28 * n.max(4);
    let width = (200 + 56 * n).clamp(640, 1400);
    let top = rows_for(means_h) + rows_for(forest_h);

    let headers = [
        lang.pick("Code", "記号").to_string(),
        lang.pick("Item", "設問").to_string(),
        format!("M{op}{l1}{cp}"),
        format!("M{op}{l2}{cp}"),
        format!("{l1} {}", lang.pick("CI +", "誤差範囲 +")),
        format!("{l1} {}", lang.pick("CI −", "誤差範囲 −")),
        format!("{l2} {}", lang.pick("CI +", "誤差範囲 +")),
        format!("{l2} {}", lang.pick("CI −", "誤差範囲 −")),
        "d".to_string(),
        format!("d {}", lang.pick("CI +", "誤差範囲 +")),
        format!("d {}", lang.pick("CI −", "誤差範囲 −")),
        format!(
            "{}{op}{l1}{cp}",
            lang.pick("Chart position", "グラフ上の位置")
        ),
        format!(
            "{}{op}{l2}{cp}",
            lang.pick("Chart position", "グラフ上の位置")
        ),
        lang.pick("Chart position (d)", "グラフ上の位置（d）")
            .to_string(),
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(top, c as u16, h, &f.header)?;
    }
    for (i, it) in block.items.iter().enumerate() {
        let r = top + 1 + i as u32;
        ws.write_string(r, 0, &codes[i])?;
        ws.write_string(r, 1, &it.item)?;
        let half = |ci: Option<(f64, f64)>, m: f64| {
            ci.map_or((f64::NAN, f64::NAN), |(lo, hi)| (hi - m, m - lo))
        };
        let (p1, m1) = half(it.mean_ci_1, it.mean_1);
        let (p2, m2) = half(it.mean_ci_2, it.mean_2);
        let (d, dp, dm) = it.d.map_or((f64::NAN, f64::NAN, f64::NAN), |d| {
            (d.estimate, d.high - d.estimate, d.estimate - d.low)
        });
        let k = i as f64 + 1.0;
        // Before and after side by side around the item's tick.
        let values = [
            it.mean_1,
            it.mean_2,
            p1,
            m1,
            p2,
            m2,
            d,
            dp,
            dm,
            k - 0.15,
            k + 0.15,
            k,
        ];
        for (c, v) in values.into_iter().enumerate() {
            // Blank (not "—") keeps the chart ranges numeric.
            if v.is_finite() {
                ws.write_number_with_format(r, c as u16 + 2, v, &f.num3)?;
            }
        }
    }
    let sheet = names.charts;
    let (first, last) = (top + 1, top + n);
    let range = |c: u16| (sheet, first, c, last, c);

    let mut means = Chart::new(ChartType::Scatter);
    for (k, (mean_col, x_col)) in [(2u16, 11u16), (3, 12)].into_iter().enumerate() {
        let (plus, minus) = (4 + 2 * k as u16, 5 + 2 * k as u16);
        means
            .add_series()
            .set_name((sheet, top, mean_col))
            .set_categories(range(x_col))
            .set_values(range(mean_col))
            .set_marker(
                ChartMarker::new()
                    .set_type(if k == 0 {
                        ChartMarkerType::Circle
                    } else {
                        ChartMarkerType::Diamond
                    })
                    .set_size(8)
                    .set_format(
                        ChartFormat::new()
                            .set_solid_fill(ChartSolidFill::new().set_color(SERIES_COLORS[k]))
                            .set_border(ChartLine::new().set_color(SERIES_COLORS[k])),
                    ),
            )
            .set_y_error_bars(ChartErrorBars::new().set_type(ChartErrorBarsType::Custom(
                ChartRange::new_from_range(sheet, first, plus, last, plus),
                ChartRange::new_from_range(sheet, first, minus, last, minus),
            )));
    }
    let title = match lang {
        Lang::En => format!("Mean per item with {cl}% confidence interval ({l1} and {l2})"),
        Lang::Ja => format!("設問ごとの平均値と {cl}% 信頼区間（{l1}・{l2}）"),
    };
    means.title().set_name(&title);
    means
        .x_axis()
        .set_min(0)
        .set_max(n + 1)
        .set_major_unit(1)
        .set_num_format(&code_format)
        .set_major_gridlines(false)
        .set_name(lang.pick(
            "Item (codes: see the table below)",
            "設問（記号は下の表を参照）",
        ));
    if let Some((lo, hi)) = scale_range(survey, a) {
        means
            .y_axis()
            .set_min(lo)
            .set_max(hi)
            .set_major_unit(1)
            .set_name(&match lang {
                Lang::En => format!("Mean (answers {}–{})", text::num(lo, 0), text::num(hi, 0)),
                Lang::Ja => format!("平均値（回答 {}〜{}）", text::num(lo, 0), text::num(hi, 0)),
            });
    }
    means.legend().set_position(ChartLegendPosition::Top);
    means.set_width(width).set_height(means_h);
    ws.insert_chart(0, 0, &means)?;

    let mut forest = Chart::new(ChartType::Scatter);
    forest
        .add_series()
        .set_name((sheet, top, 8))
        .set_categories(range(8))
        .set_values(range(13))
        .set_marker(
            ChartMarker::new()
                .set_type(ChartMarkerType::Square)
                .set_size(7)
                .set_format(
                    ChartFormat::new()
                        .set_solid_fill(ChartSolidFill::new().set_color(SERIES_COLORS[0]))
                        .set_border(ChartLine::new().set_color(SERIES_COLORS[0])),
                ),
        )
        .set_x_error_bars(ChartErrorBars::new().set_type(ChartErrorBarsType::Custom(
            ChartRange::new_from_range(sheet, first, 9, last, 9),
            ChartRange::new_from_range(sheet, first, 10, last, 10),
        )));
    let title = match lang {
        Lang::En => format!("Effect size d ({l2} − {l1}) with {cl}% CI; 0 = no difference"),
        Lang::Ja => format!("効果量 d（{l2} − {l1}）と {cl}% 信頼区間（0 = 差なし）"),
    };
    forest.title().set_name(&title);
    // Items top to bottom, their codes at the left edge; the vertical axis stands at d = 0 (the
    // zero line) and the d axis runs along the bottom.
    forest
        .y_axis()
        .set_min(0)
        .set_max(n + 1)
        .set_major_unit(1)
        .set_reverse()
        .set_num_format(&code_format)
        .set_major_gridlines(false)
        .set_label_position(ChartAxisLabelPosition::Low)
        .set_crossing(ChartAxisCrossing::Max);
    let (lo, hi) = block
        .items
        .iter()
        .filter_map(|it| it.d)
        .filter(|d| d.low.is_finite() && d.high.is_finite())
        .fold((0.0f64, 0.0f64), |(lo, hi), d| {
            (lo.min(d.low), hi.max(d.high))
        });
    let step = 0.2;
    forest
        .x_axis()
        .set_min((lo / step).floor() * step)
        .set_max((hi / step).ceil() * step)
        .set_crossing(ChartAxisCrossing::AxisValue(0.0))
        .set_name("d");
    forest.legend().set_hidden();
    forest.set_width(width).set_height(forest_h);
    ws.insert_chart(rows_for(means_h), 0, &forest)?;
    ws.autofit();
    widen_for_text(ws, 1, block.items.iter().map(|i| i.item.as_str()), 40.0)?;
    // Numbers need ten digits; the headers wrap (so the page, fitted to its width, keeps the
    // charts large).
    for c in 2..headers.len() as u16 {
        ws.set_column_width(c, 10)?;
    }
    ws.set_row_height(top, 48)?;
    print_setup(ws, Print::FitWidth { landscape: true })?;
    Ok(())
}

/// Writes the Data sheet's header and its first `head_rows` rows; returns the last column.
#[allow(clippy::too_many_arguments)]
fn write_data(
    ws: &mut Worksheet,
    survey: &Survey,
    a: &Analysis,
    layout: &DataLayout,
    f: &Formats,
    lang: Lang,
    head_rows: usize,
) -> Result<u16, XlsxError> {
    let mut c = 0u16;
    if !layout.paired {
        ws.write_string_with_format(0, c, lang.pick("Condition", "条件"), &f.header)?;
        c += 1;
    }
    let row_in = |sheet: &str| match lang {
        Lang::En => format!("Row in {sheet}"),
        Lang::Ja => format!("{sheet}の行"),
    };
    let respondent: Vec<String> = if layout.ids {
        vec![survey
            .id_column
            .clone()
            .unwrap_or_else(|| lang.pick("Row", "行").to_string())]
    } else if layout.paired {
        let (s1, s2) = (&survey.first.sheet, &survey.second.sheet);
        if s1 == s2 {
            // One sheet with a group column: the rows of the two conditions.
            a.labels
                .iter()
                .map(|l| {
                    format!(
                        "{}{}",
                        row_in(s1),
                        lang.pick(&format!(" ({l})"), &format!("（{l}）"))
                    )
                })
                .collect()
        } else {
            vec![row_in(s1), row_in(s2)]
        }
    } else {
        vec![lang
            .pick("Row in the condition's sheet", "入力シートの行")
            .to_string()]
    };
    let mut last_col = c;
    for h in &respondent {
        ws.write_string_with_format(0, c, h, &f.header)?;
        last_col = c;
        c += 1;
    }
    if let Some(by) = &survey.by_column {
        ws.write_string_with_format(0, c, by, &f.header)?;
        last_col = c;
    }
    for (k, item) in survey.items.iter().enumerate() {
        if layout.paired {
            for side in 0..2 {
                ws.write_string_with_format(
                    0,
                    layout.col(k, side),
                    format!("{item} [{}]", a.labels[side]),
                    &f.header,
                )?;
            }
            last_col = layout.col(k, 1);
        } else {
            ws.write_string_with_format(0, layout.col(k, 0), item, &f.header)?;
            last_col = layout.col(k, 0);
        }
    }
    let rows = DataRows::new(survey, a, layout, lang);
    rows.write_head(ws, rows.len().min(head_rows))?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
    ws.set_repeat_rows(0, 0)?;
    print_setup(ws, Print::FitWidth { landscape: true })?;
    Ok(last_col)
}

/// Cells named on a row of the Checks sheet's mapping table before "…".
const MAPPING_CELLS: usize = 5;

/// Longest unparsed text of an item cell copied to the Checks sheet without `--keep-ids`
/// (「わからない」, "N/A", "4点"); longer text may be a comment naming people, and is not copied.
const SHORT_TEXT_CHARS: usize = 20;

/// The original content of a noted cell as the Checks sheet shows it: IDs (a respondent's staff
/// number or e-mail address) and long free text only with `--keep-ids`.
fn shown_original(
    note: &crate::workbook::Note,
    keep_ids: bool,
    a: &Analysis,
    lang: Lang,
) -> String {
    if keep_ids {
        return note.original.clone();
    }
    match note.kind {
        // "first → second" department of someone who moved: a department withheld by
        // --min-group is not named beside a person's row.
        NoteKind::ByChanged if !a.withheld.is_empty() => note
            .original
            .split(" → ")
            .map(|by| {
                if a.is_withheld(by) {
                    lang.pick("(withheld: small group)", "（非表示: 少人数の群）")
                } else {
                    by
                }
            })
            .collect::<Vec<_>>()
            .join(" → "),
        NoteKind::UnmatchedId => lang
            .pick(
                "(ID not shown; --keep-ids shows it)",
                "（ID は非表示。--keep-ids で表示）",
            )
            .to_string(),
        _ if note.original.chars().count() > SHORT_TEXT_CHARS => match lang {
            Lang::En => format!(
                "(text of {} characters, not copied; --keep-ids shows it)",
                note.original.chars().count()
            ),
            Lang::Ja => format!(
                "（{} 文字の文字列。転記せず。--keep-ids で表示）",
                note.original.chars().count()
            ),
        },
        _ => note.original.clone(),
    }
}

fn write_checks(
    ws: &mut Worksheet,
    survey: &Survey,
    a: &Analysis,
    f: &Formats,
    keep_ids: bool,
    lang: Lang,
) -> Result<(), XlsxError> {
    let headers = [
        lang.pick("Kind", "種類"),
        lang.pick("Sheet", "シート"),
        lang.pick("Cell", "セル"),
        lang.pick("Item", "設問"),
        lang.pick("What happened", "内容"),
        lang.pick("Original", "元の値"),
        lang.pick("Value used", "使用した値"),
        lang.pick("Cells", "件数"),
    ];
    // Long text wraps in its column (cells, what happened, original) instead of widening the
    // sheet until the printed page shrinks; every row gets the height its lines need, as on the
    // Method sheet (LibreOffice keeps the stored height on load). Unformatted cells take the
    // column format.
    let top = Format::new().set_align(FormatAlign::Top);
    let wrap_top = top.clone().set_text_wrap();
    let missing_top = f.missing.clone().set_align(FormatAlign::Top);
    for c in 0..8u16 {
        let wrapped = CHECKS_WRAPPED.iter().any(|&(w, _)| w == c);
        ws.set_column_format(c, if wrapped { &wrap_top } else { &top })?;
    }
    // (row, column, text units) of every wrapped cell written.
    let fit: std::cell::RefCell<Vec<(u32, u16, f64)>> = Default::default();
    let log = |row: u32, col: u16, text: &str| fit.borrow_mut().push((row, col, print_units(text)));
    let mut row = plan_sheet::write_checks_rows(ws, survey, lang, 1)?;
    for (i, e) in survey.plan.entries.iter().enumerate() {
        log(1 + i as u32, 4, e.message(lang));
        log(1 + i as u32, 3, e.topic.describe(lang));
        if let Some(cell) = &e.cell {
            log(1 + i as u32, 2, cell);
        }
    }
    let mut omitted = 0usize;
    // Exclusions, pairing problems and cells to look at first, one row each (in sheet order);
    // then the item-level messages; then the routine conversions as one mapping table with
    // counts (「そう思う」→ 4: 212 cells), not one row per cell.
    let routine = |k: NoteKind| {
        matches!(
            k,
            NoteKind::Blank
                | NoteKind::NoAnswer
                | NoteKind::Text
                | NoteKind::FullWidthDigits
                | NoteKind::NumberAsText
                | NoteKind::LikertLabel
        )
    };
    let write_note = |ws: &mut Worksheet,
                      row: u32,
                      note: &crate::workbook::Note,
                      sheet: &str,
                      cells: &str,
                      item: Option<&str>,
                      count: usize|
     -> Result<(), XlsxError> {
        let kind = if note.kind.is_warning() {
            lang.pick("Warning", "警告")
        } else if routine(note.kind) {
            lang.pick("Conversion", "変換")
        } else {
            lang.pick("Excluded", "除外")
        };
        ws.write_string(row, 0, kind)?;
        ws.write_string(row, 1, sheet)?;
        ws.write_string(row, 2, cells)?;
        log(row, 2, cells);
        if let Some(item) = item {
            ws.write_string(row, 3, item)?;
            log(row, 3, item);
        }
        ws.write_string(row, 4, note.kind.describe(lang))?;
        log(row, 4, note.kind.describe(lang));
        let original = shown_original(note, keep_ids, a, lang);
        ws.write_string(row, 5, &original)?;
        log(row, 5, &original);
        match (note.value, note.kind) {
            (Some(v), _) => put_num(ws, row, 6, v, &top, &missing_top)?,
            // Notes about a whole row or column, not a cell value.
            (
                None,
                NoteKind::UnmatchedId
                | NoteKind::UnmatchedIdInGroup
                | NoteKind::MissingId
                | NoteKind::MissingGroup
                | NoteKind::SummaryRow
                | NoteKind::HiddenRow
                | NoteKind::FilteredRow
                | NoteKind::TableTotalsRow
                | NoteKind::SubtotalRow,
            ) => {
                ws.write_string_with_format(
                    row,
                    6,
                    lang.pick("row excluded", "行を除外"),
                    &missing_top,
                )?;
            }
            (
                None,
                NoteKind::ItemInOneSheet
                | NoteKind::HiddenColumn
                | NoteKind::HiddenSheet
                | NoteKind::OutsideTable
                | NoteKind::NotAnItemQuantity
                | NoteKind::NotAnItemTotal
                | NoteKind::NotAnItemRange,
            ) => {
                ws.write_string_with_format(
                    row,
                    6,
                    lang.pick("not analysed", "分析対象外"),
                    &missing_top,
                )?;
            }
            (None, NoteKind::ByChanged) => {
                // `original` is "first → second"; the first sheet's value is the one used.
                let shown = shown_original(note, keep_ids, a, lang);
                let first = shown.split(" → ").next().unwrap_or_default();
                ws.write_string(row, 6, first)?;
            }
            // Column-level notes about how values were read: nothing to show per cell.
            (None, NoteKind::UnitRemoved | NoteKind::PercentCells) => {}
            (None, _) => {
                ws.write_string_with_format(row, 6, lang.pick("missing", "欠測"), &missing_top)?;
            }
        }
        ws.write_number(row, 7, count as f64)?;
        Ok(())
    };
    for note in survey.notes.iter().filter(|n| !routine(n.kind)) {
        if row >= MAX_ROW - 200 {
            omitted += 1;
            continue;
        }
        write_note(
            ws,
            row,
            note,
            &note.sheet,
            &note.cell,
            note.item.as_deref(),
            1,
        )?;
        row += 1;
    }
    // One small table per item with answer labels: each label, its score and how many cells.
    for sc in &survey.scales {
        let how = sc.describe(lang);
        for l in &sc.labels {
            if row >= MAX_ROW - 200 {
                break;
            }
            ws.write_string(row, 0, lang.pick("Scale", "尺度"))?;
            ws.write_string(row, 3, &sc.item)?;
            log(row, 3, &sc.item);
            let cells = match lang {
                Lang::En => format!("{how} ({} cells)", l.count),
                Lang::Ja => format!("{how}（{} セル）", l.count),
            };
            ws.write_string(row, 4, &cells)?;
            log(row, 4, &cells);
            ws.write_string(row, 5, &l.label)?;
            log(row, 5, &l.label);
            put_num(ws, row, 6, l.score, &top, &missing_top)?;
            row += 1;
        }
    }
    // Item-level messages (column 4), kept for the column width.
    let mut messages: Vec<String> = Vec::new();
    for block in &a.blocks {
        for it in &block.items {
            let by = block
                .by
                .as_ref()
                .map(|b| format!(" [{}]", text::by_label(b, lang)))
                .unwrap_or_default();
            let mut lines: Vec<(String, String)> = Vec::new();
            if let Some(ex) = &it.excluded {
                lines.push((lang.pick("Not tested", "検定不可").into(), ex.message(lang)));
            }
            for n in &it.notes {
                lines.push((
                    lang.pick("Assumption", "前提の確認").into(),
                    n.message(lang, &a.labels),
                ));
            }
            for (kind, msg) in lines {
                ws.write_string(row, 0, kind)?;
                let item = format!("{}{by}", it.item);
                ws.write_string(row, 3, &item)?;
                log(row, 3, &item);
                ws.write_string(row, 4, &msg)?;
                log(row, 4, &msg);
                messages.push(msg);
                row += 1;
            }
        }
    }
    // The mapping table: one row per kind of conversion and original text (blank cells: per
    // item), with the count, the sheets and the first cells.
    struct Mapping<'n> {
        note: &'n crate::workbook::Note,
        count: usize,
        sheets: Vec<&'n str>,
        cells: Vec<(&'n str, &'n str)>,
        items: Vec<&'n str>,
    }
    let mut maps: Vec<Mapping> = Vec::new();
    // Key: kind, item (blank cells only), original text, value used (bits).
    type Key<'n> = (NoteKind, Option<&'n str>, &'n str, Option<u64>);
    let mut index: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    for note in survey.notes.iter().filter(|n| routine(n.kind)) {
        let per_item = (note.kind == NoteKind::Blank)
            .then_some(note.item.as_deref())
            .flatten();
        let key = (
            note.kind,
            per_item,
            note.original.as_str(),
            note.value.map(f64::to_bits),
        );
        let k = *index.entry(key).or_insert_with(|| {
            maps.push(Mapping {
                note,
                count: 0,
                sheets: Vec::new(),
                cells: Vec::new(),
                items: Vec::new(),
            });
            maps.len() - 1
        });
        let m = &mut maps[k];
        m.count += 1;
        if !m.sheets.contains(&note.sheet.as_str()) {
            m.sheets.push(&note.sheet);
        }
        if m.cells.len() < MAPPING_CELLS {
            m.cells.push((&note.sheet, &note.cell));
        }
        if let Some(item) = note.item.as_deref() {
            if !m.items.contains(&item) {
                m.items.push(item);
            }
        }
    }
    for m in &maps {
        // Addresses carry their sheet when the row spans two sheets.
        let mut cells = m
            .cells
            .iter()
            .map(|(sheet, cell)| {
                if m.sheets.len() > 1 {
                    format!("{sheet}!{cell}")
                } else {
                    cell.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        if m.count > m.cells.len() {
            cells.push_str(", …");
        }
        let items = match m.items.len() {
            0 => None,
            1 => Some(m.items[0].to_string()),
            n => Some(match lang {
                Lang::En => format!("{n} items"),
                Lang::Ja => format!("{n} 問"),
            }),
        };
        write_note(
            ws,
            row,
            m.note,
            &m.sheets.join(", "),
            &cells,
            items.as_deref(),
            m.count,
        )?;
        row += 1;
    }
    if omitted > 0 {
        let msg = match lang {
            Lang::En => format!("… and {omitted} more conversions not listed (sheet limit)"),
            Lang::Ja => format!("…ほか {omitted} 件の変換は、行数の上限のため記載を省略"),
        };
        ws.write_string(row, 4, &msg)?;
        log(row, 4, &msg);
        messages.push(msg);
        row += 1;
    }
    if row == 1 + survey.plan.entries.len() as u32 {
        let msg = lang.pick(
            "Nothing was converted or excluded.",
            "変換・除外したセルはありません。",
        );
        ws.write_string(row, 4, msg)?;
        messages.push(msg.to_string());
        row += 1;
    }
    let columns: Vec<TableColumn> = headers
        .iter()
        .map(|h| {
            TableColumn::new()
                .set_header(*h)
                .set_header_format(&f.header)
        })
        .collect();
    ws.add_table(
        0,
        0,
        row - 1,
        7,
        &Table::new()
            .set_name(lang.pick("Checks", "Checks_ja"))
            .set_style(TableStyle::Light1)
            .set_columns(&columns),
    )?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
    let sheets = survey.notes.iter().map(|n| n.sheet.as_str());
    widen_for_text(ws, 1, sheets.chain([headers[1]]), 30.0)?;
    let items = survey.notes.iter().filter_map(|n| n.item.as_deref());
    let tested = a
        .blocks
        .iter()
        .flat_map(|b| b.items.iter().map(|i| i.item.as_str()));
    let by_len = a
        .blocks
        .iter()
        .filter_map(|b| b.by.as_deref())
        .map(|b| text_units(text::by_label(b, lang)))
        .fold(0.0, f64::max);
    let widest_item = items
        .chain(tested)
        .chain([headers[3]])
        .map(text_units)
        .fold(0.0, f64::max);
    ws.set_column_width(3, (widest_item + by_len + 5.0).min(50.0))?;
    let kinds = survey.notes.iter().map(|n| n.kind.describe(lang));
    let all_messages = kinds
        .chain(messages.iter().map(String::as_str))
        .chain([headers[4]]);
    widen_for_text(ws, 4, all_messages, 80.0)?;
    let originals: Vec<String> = survey
        .notes
        .iter()
        .map(|n| shown_original(n, keep_ids, a, lang))
        .collect();
    widen_for_text(
        ws,
        5,
        originals.iter().map(String::as_str).chain([headers[5]]),
        40.0,
    )?;
    // The wrapped columns: as wide as their longest text up to a cap, then rows as tall as their
    // longest cell's lines.
    let fit = fit.into_inner();
    let mut widths = [0.0f64; 8];
    for &(col, cap) in CHECKS_WRAPPED {
        let widest = fit
            .iter()
            .filter(|c| c.1 == col)
            .map(|c| c.2)
            .chain([text_units(headers[col as usize])])
            .fold(0.0, f64::max);
        widths[col as usize] = (widest + 2.0).min(cap);
        ws.set_column_width(col, widths[col as usize])?;
    }
    let mut lines: std::collections::BTreeMap<u32, f64> = Default::default();
    for &(r, col, units) in &fit {
        let n = (units / (widths[col as usize] - 1.0)).ceil().max(1.0);
        let e = lines.entry(r).or_insert(1.0);
        *e = e.max(n);
    }
    for (r, n) in lines {
        if n > 1.0 {
            ws.set_row_height(r, 15.0 * n + 3.0)?;
        }
    }
    ws.set_repeat_rows(0, 0)?;
    print_setup(ws, Print::FitWidth { landscape: true })?;
    Ok(())
}

fn write_method(
    ws: &mut Worksheet,
    survey: &Survey,
    a: &Analysis,
    meta: &ReportMeta,
    f: &Formats,
    lang: Lang,
    extra: &[(String, String)],
) -> Result<(), XlsxError> {
    let [l1, l2] = &a.labels;
    let cl = text::num(a.options.conf_level * 100.0, 0);
    let wide = matches!(survey.layout, crate::workbook::Layout::WidePairs { .. });
    let design = match (a.design, lang) {
        (DesignKind::Paired, Lang::En) if wide => {
            "paired: the same respondents, each row holding one respondent's before and after answers in paired columns".into()
        }
        (DesignKind::Paired, Lang::Ja) if wide => {
            "対応あり（同じ回答者。1 行に同じ人の事前と事後の回答が対になった列で並ぶ）".into()
        }
        (DesignKind::Paired, Lang::En) => format!(
            "paired: the same respondents, matched by {}",
            survey.id_column.as_deref().unwrap_or("ID")
        ),
        (DesignKind::Paired, Lang::Ja) => format!(
            "対応あり（同じ回答者を「{}」の列で対応付け）",
            survey.id_column.as_deref().unwrap_or("ID")
        ),
        (DesignKind::Independent, Lang::En) => "two independent groups".into(),
        (DesignKind::Independent, Lang::Ja) => "対応なし（独立した 2 群）".into(),
    };
    let rank = if a.test.is_paired() {
        TestUsed::Wilcoxon
    } else {
        TestUsed::MannWhitney
    };
    let alt = match (a.options.alternative, lang) {
        (Alternative::TwoSided, _) => lang.pick("two-sided", "両側").to_string(),
        (Alternative::Greater, Lang::En) => format!("one-sided: {l2} > {l1}"),
        (Alternative::Greater, Lang::Ja) => format!("片側（{l2} > {l1}）"),
        (Alternative::Less, Lang::En) => format!("one-sided: {l2} < {l1}"),
        (Alternative::Less, Lang::Ja) => format!("片側（{l2} < {l1}）"),
    };
    let excel = match excel_ttest_type(a) {
        Some(_) => lang.pick(
            "Results also contains Excel's own T.TEST over the Data sheet, which should equal p.",
            "結果シートに、データシートの値を Excel の T.TEST 関数で計算した p を併記（p の列と一致するはず）",
        ),
        None => lang.pick(
            "Excel has no T.TEST for this test or alternative, so no Excel cross-check column is given.",
            "この検定・対立仮説に対応する Excel の T.TEST 関数がないため、照合の列はなし",
        ),
    };
    let data_rows = if a.design == DesignKind::Paired {
        a.order_first.len()
    } else {
        a.order_first.len() + a.order_second.len()
    };
    let mut rows: Vec<(&str, String)> = vec![
        (lang.pick("Input file", "入力ファイル"), meta.input.clone()),
        (lang.pick("Options", "オプション"), meta.options.clone()),
        (lang.pick("Design", "調査の設計"), design),
        (lang.pick("Conditions", "条件"), format!("{l1} → {l2}")),
        (
            lang.pick("Design caveat", "調査設計上の注意"),
            council::design_caveat(survey, a, lang),
        ),
        (lang.pick("Test", "検定"), a.test.name(lang).to_string()),
        (
            lang.pick("Orientation", "差の向き"),
            match lang {
                Lang::En => format!("every difference, t and d is {l2} − {l1} (positive = higher in {l2})"),
                Lang::Ja => format!("差・t・d はすべて「{l2} − {l1}」で計算（正の値は{l2}のほうが高いことを示す）"),
            },
        ),
        (lang.pick("Alternative", "対立仮説"), alt),
        (
            lang.pick("Significance level", "有意水準"),
            format!("α = {}", a.options.alpha),
        ),
        (
            lang.pick("Multiple comparisons", "多重比較"),
            text::family_text(a, survey.by_column.as_deref(), lang).unwrap_or_else(|| {
                match lang {
                    Lang::En => format!(
                        "{} across the {} items",
                        text::adjust_name(a.options.adjust, lang),
                        a.blocks[0].items.len()
                    ),
                    Lang::Ja => format!(
                        "{}（{} 問の中で補正）",
                        text::adjust_name(a.options.adjust, lang),
                        a.blocks[0].items.len()
                    ),
                }
            }),
        ),
        (
            lang.pick("Effect size", "効果量"),
            match lang {
                Lang::En => format!(
                    "{} with {cl}% CI (noncentral t); Hedges' g with the exact small-sample correction{}; magnitude by Cohen (1988), or \"imprecise\" when the CI of d reaches ±{} on both sides of zero",
                    effect_header(a.test, lang),
                    if a.test.is_paired() { "; d_av (Algina & Keselman 2003 CI)" } else { "" },
                    text::IMPRECISE_D
                ),
                Lang::Ja => format!(
                    "{}、その {cl}% 信頼区間（非心 t 分布による）、Hedges の g（小標本補正済み）{}、大きさの目安は Cohen（1988）による（d の信頼区間が 0 をはさんで ±{} 以上に広がるときは「不確か」と表示）",
                    effect_header(a.test, lang),
                    if a.test.is_paired() { "、d_av（信頼区間は Algina & Keselman 2003）" } else { "" },
                    text::IMPRECISE_D
                ),
            },
        ),
        (
            lang.pick("Robustness", "頑健性の確認"),
            format!("{}{}", rank.name(lang), lang.pick(" (two-sided)", "（両側）")),
        ),
        (
            lang.pick("Sensitivity", "感度分析"),
            lang.pick(
                "smallest d detectable with 80% power at the n of each item and α",
                "設問ごとの n と α のもとで、検出力 80% で検出できる最小の d",
            )
            .to_string(),
        ),
        (
            lang.pick("Assumption notes", "前提の確認"),
            match lang {
                Lang::En => format!(
                    "small n (< {}), strong skew (|skewness| ≥ {}), unequal SDs with Student's test (ratio ≥ {})",
                    analysis::SMALL_N,
                    analysis::STRONG_SKEW,
                    analysis::UNEQUAL_SD_RATIO
                ),
                Lang::Ja => format!(
                    "次の場合に備考の列で注意を表示: 回答数が少ない（n < {}）、分布の歪みが大きい（|歪度| ≥ {}）、Student の t 検定で 2 群の標準偏差が大きく異なる（比 ≥ {}）",
                    analysis::SMALL_N,
                    analysis::STRONG_SKEW,
                    analysis::UNEQUAL_SD_RATIO
                ),
            },
        ),
        (lang.pick("Excel check", "Excel による照合"), excel.to_string()),
        (
            lang.pick("Missing values", "欠測値"),
            lang.pick(
                "blank, text and error cells are missing and listed on the Checks sheet; paired tests use complete pairs only",
                "空欄・文字列・エラー値は欠測として扱い、データ確認シートに一覧を掲載。対応のある検定では、両方の回答がそろった人のみを使用",
            )
            .to_string(),
        ),
        (
            lang.pick("Not computed", "計算できない値"),
            lang.pick("— (dash); ∞ for one-sided interval limits", "「—」で表示（片側の信頼区間の限界は ∞ と表示）").to_string(),
        ),
        (
            lang.pick("Software", "ソフトウェア"),
            format!("ttest-xl {}", crate::VERSION),
        ),
        (
            lang.pick("How to cite", "引用"),
            format!(
                "ttest-xl (version {}) [Computer software]. {}",
                crate::VERSION,
                lang.pick(
                    "Results agree with R 4.2 t.test, wilcox.test, p.adjust and effectsize 0.8.3.",
                    "計算結果は R 4.2 の t.test・wilcox.test・p.adjust および effectsize 0.8.3 と一致することを確認済み。"
                )
            ),
        ),
        (
            lang.pick("References", "文献"),
            "Welch, B. L. (1947). Biometrika, 34, 28–35. Hedges, L. V. (1981). J. Educ. Stat., 6, 107–128. Holm, S. (1979). Scand. J. Stat., 6, 65–70. Lakens, D. (2013). Front. Psychol., 4, 863. Algina, J., & Keselman, H. J. (2003). Educ. Psychol. Meas., 63, 537–553. Cohen, J. (1988). Statistical Power Analysis (2nd ed.)."
                .to_string(),
        ),
    ];
    rows.extend(compare_sheet::method_rows(a, lang));
    if let Some(w) = text::withheld_text(a, survey.by_column.as_deref(), lang) {
        rows.push((lang.pick("Anonymity", "匿名性の保護"), w));
    }
    rows.push((
        lang.pick("Personal data", "個人情報"),
        if meta.keep_ids {
            lang.pick(
                "--keep-ids: the Data sheet shows respondents' IDs and the Checks sheet the text as read; for internal use only",
                "--keep-ids を指定したため、データシートに回答者の ID を、データ確認シートに読み取った文字列をそのまま表示（内部での利用に限る）",
            )
        } else {
            lang.pick(
                "respondents are shown by their row in the input sheet; IDs (names, e-mail addresses, staff numbers) and long free text are not copied into this workbook (--keep-ids shows them)",
                "回答者は入力シートの行番号で表示。ID（氏名・メールアドレス・職員番号など）や長い自由記述はこのブックに転記していない（--keep-ids で表示）",
            )
        }
        .to_string(),
    ));
    // Bayes factor and equivalence, after Sensitivity (src/report/equivalence_cols.rs).
    let at = rows
        .iter()
        .position(|(k, _)| *k == lang.pick("Sensitivity", "感度分析"))
        .map_or(rows.len(), |i| i + 1);
    rows.splice(at..at, equivalence_cols::method_rows(a, lang));
    // The shares of positive answers, after the means' rows (src/report/shares.rs).
    let at = rows
        .iter()
        .position(|(k, _)| *k == lang.pick("Assumption notes", "前提の確認"))
        .unwrap_or(rows.len());
    rows.splice(at..at, shares::method_rows(survey, a, lang));
    // How the workbook was read, after Design and Conditions (src/report/plan_sheet.rs).
    rows.splice(4..4, plan_sheet::method_rows(survey, lang));
    if data_rows > MAX_ROW as usize {
        let (shown, all) = (grouped(MAX_ROW), grouped(data_rows as u64));
        rows.push((
            lang.pick("Data sheet", "データシート"),
            match lang {
                Lang::En => format!("only the first {shown} of {all} rows (Excel's row limit); the analysis used all of them, and Excel's T.TEST is left out where its values lie beyond"),
                Lang::Ja => format!("全 {all} 行のうち先頭の {shown} 行のみ（Excel の行数の上限）。分析にはすべての行を使用。値が上限より後にある設問では Excel の T.TEST を省略"),
            },
        ));
    }
    rows.extend(extra.iter().map(|(k, v)| (k.as_str(), v.clone())));
    ws.write_string_with_format(0, 0, lang.pick("Method", "方法"), &f.title)?;
    for (i, (k, v)) in rows.iter().enumerate() {
        let row = i as u32 + 2;
        ws.write_string_with_format(row, 0, *k, &f.header)?;
        ws.write_string_with_format(row, 1, v, &f.wrap)?;
        // Rows grow for wrapped text only when told (LibreOffice keeps the height on load).
        let lines = (text_units(v) / (METHOD_WIDTH - 2.0)).ceil().max(1.0);
        ws.set_row_height(row, 15.0 * lines + 3.0)?;
    }
    ws.autofit();
    widen_for_text(ws, 0, rows.iter().map(|(k, _)| *k), 30.0)?;
    ws.set_column_width(1, METHOD_WIDTH)?;
    print_setup(ws, Print::FitWidth { landscape: true })?;
    Ok(())
}
