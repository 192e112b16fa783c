//! The comparison-group sheet (`--compare`, issue 14.3): the four group means, SDs and ns, the
//! change per group, the difference in change with its CI, p and adjusted p; plus the sentences
//! and design caveat the council sheet uses, the Method rows and the JSON fields.
//!
//! Nothing about a group smaller than `--min-group` is written: such an item shows only why it
//! was not compared.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};
use serde::Serialize;

use super::{put_num, text, text_units, Formats};
use crate::analysis::compare::{CompareExclusion, CompareItem, CompareMethod, Comparison};
use crate::analysis::Analysis;
use crate::lang::Lang;
use crate::words::compare::{CompareText, CompareWord};

/// Sheet name in `lang`.
pub fn sheet_name(lang: Lang) -> &'static str {
    CompareWord::SheetName.get(lang)
}

/// `受講 = あり` / `受講が「あり」`.
fn level_text(column: &str, level: &str, lang: Lang) -> String {
    CompareText::Level { column, level }.text(lang)
}

/// The comparison of one item in one sentence (council and comparison sheets).
pub fn sentence(a: &Analysis, c: &Comparison, it: &CompareItem, lang: Lang) -> String {
    let col = &c.levels.column;
    let [control, treated] = &c.levels.levels;
    if let Some(ex) = &it.excluded {
        return format!("{}: {}", it.item, ex.message(lang));
    }
    let ci = format!(
        "[{}, {}]",
        text::num(it.conf_low, 2),
        text::num(it.conf_high, 2)
    );
    let dir = if it.change_diff >= 0.0 {
        CompareWord::Larger
    } else {
        CompareWord::Smaller
    };
    let tail = if it.significant(a.options.alpha) {
        ""
    } else {
        CompareWord::WithinChance.get(lang)
    };
    CompareText::Sentence {
        item: &it.item,
        treated: &level_text(col, treated, lang),
        control: &level_text(col, control, lang),
        size: &text::num(it.change_diff.abs(), 2),
        dir: dir.get(lang),
        cl: &text::num(a.options.conf_level * 100.0, 0),
        ci: &ci,
        p: &text::p_apa(it.p_adjusted),
        tail,
    }
    .text(lang)
}

/// The council sheet's lines: a heading, then one sentence per item.
pub fn council_lines(a: &Analysis, c: &Comparison, lang: Lang) -> Vec<String> {
    let col = &c.levels.column;
    let [control, treated] = &c.levels.levels;
    let [l1, l2] = &a.labels;
    let n = &c.levels.counts;
    // Respondents of a level: pairs, or the number in each sheet.
    let count = |l: usize| match c.method {
        CompareMethod::WelchChangeScores => CompareText::CountPairs { n: n[l][0] }.text(lang),
        CompareMethod::DifferenceInDifferences => CompareText::CountPerCondition {
            l1,
            n1: n[l][0],
            l2,
            n2: n[l][1],
        }
        .text(lang),
    };
    let head = CompareText::CouncilHead {
        method: c.method.name(lang),
        l1,
        l2,
        treated: &level_text(col, treated, lang),
        n_treated: &count(1),
        control: &level_text(col, control, lang),
        n_control: &count(0),
        adjust: text::adjust_name(a.options.adjust, lang),
        sheet: sheet_name(lang),
    }
    .text(lang);
    std::iter::once(head)
        .chain(c.items.iter().map(|it| sentence(a, c, it, lang)))
        .collect()
}

/// The design caveat of a run with a comparison group.
pub fn caveat(c: &Comparison, lang: Lang) -> String {
    let col = &c.levels.column;
    let [control, treated] = &c.levels.levels;
    CompareText::Caveat {
        treated: &level_text(col, treated, lang),
        control: &level_text(col, control, lang),
    }
    .text(lang)
}

/// Rows for the Method sheet.
pub fn method_rows(a: &Analysis, lang: Lang) -> Vec<(&'static str, String)> {
    let Some(c) = &a.compare else {
        return Vec::new();
    };
    let [l1, l2] = &a.labels;
    vec![(
        CompareWord::MethodLabel.get(lang),
        CompareText::MethodRow {
            method: c.method.name(lang),
            effect: c.method.effect_words(lang),
            l1,
            l2,
            adjust: text::adjust_name(a.options.adjust, lang),
            column: &c.levels.column,
            blank: c.levels.blank,
            min_group: a.options.min_group,
        }
        .text(lang),
    )]
}

/// Width of the comparison table's columns, in character units: item, group, then numbers.
const ITEM_WIDTH: f64 = 20.0;
const GROUP_WIDTH: f64 = 10.0;
const NUM_WIDTH: f64 = 7.5;
const CI_WIDTH: f64 = 15.0;

/// What every part of the comparison sheet needs.
struct Sheet<'a> {
    a: &'a Analysis,
    c: &'a Comparison,
    f: &'a Formats,
    /// With pairs (Welch's test of change scores): Hedges' g columns.
    paired: bool,
    /// The last column of the table.
    last: u16,
    /// The table's width in character units (for the height of a wrapped line).
    total: f64,
}

impl Sheet<'_> {
    /// Writes `line` across the table's width in row `r`, wrapped, with a row tall enough.
    fn put_line(&self, ws: &mut Worksheet, r: u32, line: &str) -> Result<(), XlsxError> {
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        ws.merge_range(r, 0, r, self.last, "", &wrap)?;
        ws.write_string_with_format(r, 0, line, &wrap)?;
        let lines = (text_units(line) / (self.total - 4.0)).ceil().max(1.0);
        ws.set_row_height(r, 15.0 * lines + 3.0)?;
        Ok(())
    }
}

/// Writes the comparison sheet: two rows per item (participants, then the comparison group) with
/// n, means, SDs and change; the difference in change, its CI, t, df, p and adjusted p (and, with
/// pairs, Hedges' g) on the item's first row; the sentences under the table.
pub(super) fn write(
    ws: &mut Worksheet,
    a: &Analysis,
    c: &Comparison,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let paired = c.method == CompareMethod::WelchChangeScores;
    let headers = headers(a, c, lang, paired);
    let sheet = Sheet {
        a,
        c,
        f,
        paired,
        last: headers.len() as u16 - 1,
        total: headers.iter().map(|h| h.1).sum(),
    };
    ws.write_string_with_format(0, 0, title(a, c, lang), &f.title)?;
    let notes = notes(a, c, lang, paired);
    for (i, line) in notes.iter().enumerate() {
        sheet.put_line(ws, 1 + i as u32, line)?;
    }
    let head = 1 + notes.len() as u32 + 1;
    for (i, (h, w)) in headers.iter().enumerate() {
        ws.write_string_with_format(head, i as u16, h, &f.header)?;
        ws.set_column_width(i as u16, *w)?;
    }
    ws.set_row_height(head, 32)?;
    let mut row = write_items(ws, &sheet, head + 1)?;
    row += 1;
    for it in &c.items {
        sheet.put_line(ws, row, &sentence(a, c, it, lang))?;
        row += 1;
    }
    page_setup(ws, head, row - 1, sheet.last)
}

/// The sheet's title: the change compared between the two levels.
fn title(a: &Analysis, c: &Comparison, lang: Lang) -> String {
    let col = &c.levels.column;
    let [control, treated] = &c.levels.levels;
    let [l1, l2] = &a.labels;
    CompareText::Title {
        l1,
        l2,
        treated: &level_text(col, treated, lang),
        control: &level_text(col, control, lang),
    }
    .text(lang)
}

/// The lines above the table: the method with the respondents of each level, how the
/// participants were read, and the orientation of the difference.
fn notes(a: &Analysis, c: &Comparison, lang: Lang, paired: bool) -> [String; 3] {
    let column = &c.levels.column;
    let [control, treated] = &c.levels.levels;
    let [l1, l2] = &a.labels;
    let n = &c.levels.counts;
    let method = c.method.name(lang);
    let blank = c.levels.blank;
    let who = if paired {
        CompareText::WhoPaired {
            method,
            treated,
            n_treated: n[1][0],
            control,
            n_control: n[0][0],
            column,
            blank,
        }
    } else {
        CompareText::WhoIndependent {
            method,
            l1,
            l2,
            treated,
            t1: n[1][0],
            t2: n[1][1],
            control,
            c1: n[0][0],
            c2: n[0][1],
            column,
            blank,
        }
    };
    let orientation = CompareText::Orientation {
        treated,
        control,
        l1,
        l2,
    };
    [
        who.text(lang),
        c.levels.evidence_text(lang).to_string(),
        orientation.text(lang),
    ]
}

/// The table's column headers with their widths.
fn headers(a: &Analysis, c: &Comparison, lang: Lang, paired: bool) -> Vec<(String, f64)> {
    let [l1, l2] = &a.labels;
    let cl = text::num(a.options.conf_level * 100.0, 0);
    let word = |w: CompareWord| w.get(lang).to_string();
    let mut headers: Vec<(String, f64)> = vec![
        (word(CompareWord::Item), ITEM_WIDTH),
        (c.levels.column.to_string(), GROUP_WIDTH),
    ];
    for cond in [l1, l2] {
        for h in ["n", CompareWord::Mean.get(lang), "SD"] {
            headers.push((format!("{cond} {h}"), NUM_WIDTH));
        }
    }
    headers.push((word(CompareWord::Change), NUM_WIDTH));
    headers.push((word(CompareWord::DifferenceInChange), NUM_WIDTH + 1.0));
    headers.push((format!("{cl}% CI {}", word(CompareWord::Low)), NUM_WIDTH));
    headers.push((format!("{cl}% CI {}", word(CompareWord::High)), NUM_WIDTH));
    headers.push(("t".into(), NUM_WIDTH));
    headers.push(("df".into(), NUM_WIDTH));
    headers.push(("p".into(), NUM_WIDTH));
    headers.push((word(CompareWord::AdjustedP), NUM_WIDTH));
    if paired {
        headers.push(("Hedges' g".into(), NUM_WIDTH));
        headers.push((format!("g {cl}% CI"), CI_WIDTH));
    }
    headers
}

/// The number formats of the table's cells.
struct CellFormats {
    cell: Format,
    item: Format,
    int: Format,
    num: Format,
    p: Format,
    signed: Format,
    bold_signed: Format,
    rule: Format,
}

impl CellFormats {
    fn new() -> CellFormats {
        let cell = Format::new().set_align(FormatAlign::VerticalCenter);
        let signed = cell.clone().set_num_format("+0.00;\"−\"0.00;0.00");
        CellFormats {
            item: cell
                .clone()
                .set_text_wrap()
                .set_border_bottom(FormatBorder::Thin),
            int: cell.clone().set_num_format("0"),
            num: cell.clone().set_num_format("0.00"),
            p: cell.clone().set_num_format("[<0.001]\"<.001\";0.000"),
            bold_signed: signed.clone().set_bold(),
            signed,
            cell,
            rule: Format::new().set_border_bottom(FormatBorder::Thin),
        }
    }
}

/// Two rows per item from row `row`; returns the row after the table.
fn write_items(ws: &mut Worksheet, s: &Sheet, mut row: u32) -> Result<u32, XlsxError> {
    let fm = CellFormats::new();
    for it in &s.c.items {
        ws.merge_range(row, 0, row + 1, 0, "", &fm.item)?;
        ws.write_string_with_format(row, 0, &it.item, &fm.item)?;
        write_groups(ws, s, &fm, it, row)?;
        write_test(ws, s, &fm, it, row)?;
        // A thin line under the test's columns of each item (empty on its second row).
        for k in 9..=s.last {
            ws.write_blank(row + 1, k, &fm.rule)?;
        }
        row += 2;
    }
    Ok(row)
}

/// The item's two rows of n, means, SDs and change (participants, then the comparison group);
/// dashes instead of the numbers of a group below `--min-group`.
fn write_groups(
    ws: &mut Worksheet,
    s: &Sheet,
    fm: &CellFormats,
    it: &CompareItem,
    row: u32,
) -> Result<(), XlsxError> {
    let missing = &s.f.missing;
    let shown = !matches!(it.excluded, Some(CompareExclusion::Small { .. }));
    for (k, level) in [1usize, 0].into_iter().enumerate() {
        let r = row + k as u32;
        ws.write_string_with_format(r, 1, &s.c.levels.levels[level], &fm.cell)?;
        let mut colno = 2u16;
        for cond in 0..2 {
            if shown {
                ws.write_number_with_format(r, colno, it.n[level][cond] as f64, &fm.int)?;
                put_num(ws, r, colno + 1, it.mean[level][cond], &fm.num, missing)?;
                put_num(ws, r, colno + 2, it.sd[level][cond], &fm.num, missing)?;
            } else {
                for j in 0..3 {
                    ws.write_string_with_format(r, colno + j, "—", missing)?;
                }
            }
            colno += 3;
        }
        put_num(ws, r, colno, it.change[level], &fm.signed, missing)?;
    }
    Ok(())
}

/// The test's columns on the item's first row: difference in change (bold when significant),
/// CI, t, df, p, adjusted p, and with pairs Hedges' g with its CI.
fn write_test(
    ws: &mut Worksheet,
    s: &Sheet,
    fm: &CellFormats,
    it: &CompareItem,
    row: u32,
) -> Result<(), XlsxError> {
    let missing = &s.f.missing;
    let mut colno = 9u16;
    let diff_fmt = if it.significant(s.a.options.alpha) {
        &fm.bold_signed
    } else {
        &fm.signed
    };
    for (v, fmt) in [
        (it.change_diff, diff_fmt),
        (it.conf_low, &fm.num),
        (it.conf_high, &fm.num),
        (it.statistic, &fm.num),
        (it.df, &fm.num),
        (it.p_value, &fm.p),
        (it.p_adjusted, &fm.p),
    ] {
        put_num(ws, row, colno, v, fmt, missing)?;
        colno += 1;
    }
    if s.paired {
        match it.g {
            Some(g) => {
                put_num(ws, row, colno, g.estimate, &fm.num, missing)?;
                ws.write_string_with_format(
                    row,
                    colno + 1,
                    format!("[{}, {}]", text::num(g.low, 2), text::num(g.high, 2)),
                    &fm.cell,
                )?;
            }
            None => {
                ws.write_string_with_format(row, colno, "—", missing)?;
                ws.write_string_with_format(row, colno + 1, "—", missing)?;
            }
        }
    }
    Ok(())
}

/// Frozen header, A4 landscape on one page wide, the header row repeated on every page.
fn page_setup(ws: &mut Worksheet, head: u32, last_row: u32, last: u16) -> Result<(), XlsxError> {
    ws.set_freeze_panes(head + 1, 2)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_print_area(0, 0, last_row, last)?;
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(head, head)?;
    ws.set_footer("&L&A&R&P / &N");
    Ok(())
}

/// Top-level `compare` object of the JSON.
#[derive(Debug, Serialize)]
pub struct JsonCompare {
    /// The column's header.
    pub column: String,
    /// `[comparison group, participants]`: `change_1` is the first's change, `change_2` the second's.
    pub levels: [String; 2],
    /// The participants' level.
    pub participants: String,
    /// `"welch_change_scores"` or `"difference_in_differences"`.
    pub method: &'static str,
    /// How the participants' level was decided.
    pub evidence: String,
    /// Respondents per level and condition, `[[comparison first, second], [participants first,
    /// second]]` (paired: pairs in both).
    pub n: [[usize; 2]; 2],
    /// Respondents left out of the comparison for a blank cell.
    pub blank: usize,
}

/// Per-item comparison fields, flattened into the item object.
#[derive(Debug, Serialize)]
pub struct JsonCompareItem {
    /// Change (second − first) of the comparison group.
    pub change_1: Option<f64>,
    /// Change of the participants.
    pub change_2: Option<f64>,
    /// `change_2 − change_1`.
    pub change_diff: Option<f64>,
    /// Lower confidence limit of `change_diff`.
    pub change_conf_low: Option<f64>,
    /// Upper confidence limit.
    pub change_conf_high: Option<f64>,
    /// Standard error of `change_diff`.
    pub change_std_err: Option<f64>,
    /// t of `change_diff`.
    pub change_statistic: Option<f64>,
    /// Welch–Satterthwaite df of the comparison (the item's `df` is that of the main test).
    pub change_df: Option<f64>,
    /// p of the comparison.
    pub change_p_value: Option<f64>,
    /// p adjusted across items.
    pub change_p_adjusted: Option<f64>,
    /// Valid answers per level and condition (`null` when a group is below `--min-group`).
    pub change_n: Option<[[usize; 2]; 2]>,
    /// Means per level and condition.
    pub change_means: Option<[[Option<f64>; 2]; 2]>,
    /// SDs per level and condition.
    pub change_sds: Option<[[Option<f64>; 2]; 2]>,
    /// Paired only: Hedges' g of the change scores.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_hedges_g: Option<f64>,
    /// Paired only: its lower confidence limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_hedges_g_low: Option<f64>,
    /// Paired only: its upper confidence limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_hedges_g_high: Option<f64>,
    /// Why the item was not compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_excluded_reason: Option<String>,
}

fn fin(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// The top-level object.
pub fn json_top(c: &Comparison, lang: Lang) -> JsonCompare {
    JsonCompare {
        column: c.levels.column.clone(),
        levels: c.levels.levels.clone(),
        participants: c.levels.levels[1].clone(),
        method: c.method.key(),
        evidence: c.levels.evidence_text(lang).to_string(),
        n: c.levels.counts,
        blank: c.levels.blank,
    }
}

/// The fields of item number `index` (whole-sample rows only).
pub fn json_item(c: &Comparison, index: usize, lang: Lang) -> Option<JsonCompareItem> {
    let it = c.items.get(index)?;
    let shown = !matches!(it.excluded, Some(CompareExclusion::Small { .. }));
    let grid = |m: &[[f64; 2]; 2]| [[fin(m[0][0]), fin(m[0][1])], [fin(m[1][0]), fin(m[1][1])]];
    Some(JsonCompareItem {
        change_1: fin(it.change[0]),
        change_2: fin(it.change[1]),
        change_diff: fin(it.change_diff),
        change_conf_low: fin(it.conf_low),
        change_conf_high: fin(it.conf_high),
        change_std_err: fin(it.std_err),
        change_statistic: fin(it.statistic),
        change_df: fin(it.df),
        change_p_value: fin(it.p_value),
        change_p_adjusted: fin(it.p_adjusted),
        change_n: shown.then_some(it.n),
        change_means: shown.then(|| grid(&it.mean)),
        change_sds: shown.then(|| grid(&it.sd)),
        change_hedges_g: it.g.and_then(|g| fin(g.estimate)),
        change_hedges_g_low: it.g.and_then(|g| fin(g.low)),
        change_hedges_g_high: it.g.and_then(|g| fin(g.high)),
        change_excluded_reason: it.excluded.as_ref().map(|e| e.message(lang)),
    })
}
