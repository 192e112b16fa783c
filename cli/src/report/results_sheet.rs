//! The Results sheet (結果): one row per item and block with every statistic, print titles.

use super::*;
use crate::analysis::{Block, ItemResult};
use crate::words::results::{labelled, table_name, ResultsFormat, ResultsHeader};

/// The Results table's columns: headers with their number formats, and the columns later
/// steps address.
struct Columns {
    headers: Vec<(String, Kind)>,
    /// Degrees of freedom (autofit sizes it by its header).
    df: u16,
    /// The adjusted p (significant rows stand out).
    p_adjusted: u16,
    /// Cohen's d (data bars).
    d: u16,
}

/// What writing a row of the Results sheet needs besides the item.
struct ResultsSheet<'a> {
    survey: &'a Survey,
    a: &'a Analysis,
    layout: &'a DataLayout,
    names: &'a SheetNames,
    f: &'a Formats,
    lang: Lang,
    headers: &'a [(String, Kind)],
    /// The type argument of Excel's T.TEST when the sheet has that column.
    excel_type: Option<u8>,
}

#[allow(clippy::too_many_arguments)]
pub(super) fn write_results(
    ws: &mut Worksheet,
    survey: &Survey,
    a: &Analysis,
    layout: &DataLayout,
    names: &SheetNames,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let excel_type = excel_ttest_type(a);
    let columns = result_columns(survey, a, excel_type.is_some(), lang);
    let s = ResultsSheet {
        survey,
        a,
        layout,
        names,
        f,
        lang,
        headers: &columns.headers,
        excel_type,
    };
    let mut row = 1u32;
    let mut note_texts: Vec<String> = Vec::new();
    for block in &a.blocks {
        for it in &block.items {
            note_texts.push(write_result_row(ws, &s, block, it, row)?);
            row += 1;
        }
    }
    let rows = row - 1;
    add_table(ws, &s, rows)?;
    write_footnotes(ws, survey, a, rows, lang)?;
    highlight(ws, a, &columns, rows, f)?;
    ws.set_row_height(0, 45)?;
    size_columns(ws, &s, &columns, &note_texts)?;
    Ok(())
}

/// Every column of the Results table in order: the breakdown, the item, both conditions'
/// statistics, the test, the effect sizes, the rank test, the sensitivity, the Bayes factor
/// and equivalence, Excel's T.TEST, the shares and the notes.
fn result_columns(survey: &Survey, a: &Analysis, excel_p: bool, lang: Lang) -> Columns {
    use ResultsHeader as H;
    let [l1, l2] = &a.labels;
    let cl = text::num(a.options.conf_level * 100.0, 0);
    let paired = a.design == DesignKind::Paired;
    let mut headers: Vec<(String, Kind)> = Vec::new();
    if let Some(by) = &survey.by_column {
        headers.push((by.clone(), Kind::Text));
    }
    headers.push((H::Item.get(lang).into(), Kind::Text));
    // Japanese headers take full-width parentheses: 「n（事前）」.
    headers.push((labelled("n", l1, lang), Kind::Int));
    headers.push((labelled("n", l2, lang), Kind::Int));
    headers.push((labelled("M", l1, lang), Kind::Num2));
    headers.push((labelled("SD", l1, lang), Kind::Num2));
    headers.push((labelled("M", l2, lang), Kind::Num2));
    headers.push((labelled("SD", l2, lang), Kind::Num2));
    let difference = ResultsFormat::Difference {
        earlier: l1,
        later: l2,
    };
    headers.push((difference.text(lang), Kind::Num2));
    headers.push((format!("{cl}% {}", H::CiLow.get(lang)), Kind::Num2));
    headers.push((format!("{cl}% {}", H::CiHigh.get(lang)), Kind::Num2));
    headers.push((text::stat_name(a.test).into(), Kind::Num2));
    let df = headers.len() as u16;
    headers.push(("df".into(), Kind::Num2));
    headers.push(("p".into(), Kind::P));
    let p_adjusted = headers.len() as u16;
    let method = text::adjust_key(a.options.adjust);
    headers.push((ResultsFormat::AdjustedP { method }.text(lang), Kind::P));
    headers.push((H::Significance.get(lang).into(), Kind::Text));
    let d = headers.len() as u16;
    headers.push((effect_header(a.test, lang).into(), Kind::Num2));
    headers.push((format!("d {cl}% {}", H::CiLow.get(lang)), Kind::Num2));
    headers.push((format!("d {cl}% {}", H::CiHigh.get(lang)), Kind::Num2));
    headers.push((H::HedgesG.get(lang).into(), Kind::Num2));
    if paired {
        headers.push(("d_av".into(), Kind::Num2));
    }
    headers.push((H::EffectSize.get(lang).into(), Kind::Text));
    let rank = if paired {
        H::WilcoxonV
    } else {
        H::MannWhitneyW
    };
    headers.push((rank.get(lang).into(), Kind::Num2));
    headers.push((H::RankP.get(lang).into(), Kind::P));
    headers.push((H::SmallestD.get(lang).into(), Kind::Num2));
    headers.extend(equivalence_cols::headers(a, lang));
    if excel_p {
        headers.push((H::ExcelP.get(lang).into(), Kind::P));
    }
    headers.extend(shares::result_headers(a, lang));
    headers.push((H::Notes.get(lang).into(), Kind::Text));
    Columns {
        headers,
        df,
        p_adjusted,
        d,
    }
}

/// The breakdown value of `block`'s rows: its group, or "(all)".
fn block_label(block: &Block, lang: Lang) -> &str {
    match &block.by {
        Some(by) => text::by_label(by, lang),
        None => ResultsHeader::All.get(lang),
    }
}

/// Writes the row of item `it` of `block`; returns its notes (as written in the last column).
fn write_result_row(
    ws: &mut Worksheet,
    s: &ResultsSheet,
    block: &Block,
    it: &ItemResult,
    row: u32,
) -> Result<String, XlsxError> {
    let (a, f, lang) = (s.a, s.f, s.lang);
    let fmt = |col: u16| match s.headers[col as usize].1 {
        Kind::Text => &f.text,
        Kind::Int => &f.int,
        Kind::Num2 => &f.num2,
        Kind::P => &f.p,
    };
    if s.survey.by_column.is_some() {
        ws.write_string(row, 0, block_label(block, lang))?;
    }
    let mut col = u16::from(s.survey.by_column.is_some());
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
        put_num(ws, row, col, v, fmt(col), &f.missing)?;
        col += 1;
    }
    ws.write_string(row, col, text::mark(it.p_adjusted, a.options.alpha))?;
    col += 1;
    let d = it.d.map_or([f64::NAN; 3], |d| [d.estimate, d.low, d.high]);
    let mut values_b = vec![d[0], d[1], d[2], it.g.map_or(f64::NAN, |g| g.estimate)];
    if a.design == DesignKind::Paired {
        values_b.push(it.d_av.map_or(f64::NAN, |d| d.estimate));
    }
    for v in values_b {
        put_num(ws, row, col, v, fmt(col), &f.missing)?;
        col += 1;
    }
    ws.write_string(row, col, text::magnitude_words(it.d, lang))?;
    col += 1;
    for v in [
        it.rank.map_or(f64::NAN, |r| r.statistic),
        it.rank.map_or(f64::NAN, |r| r.p_value),
        it.sensitivity_d.unwrap_or(f64::NAN),
    ] {
        put_num(ws, row, col, v, fmt(col), &f.missing)?;
        col += 1;
    }
    col = equivalence_cols::write_cells(ws, row, col, a, it, f, lang)?;
    if let Some(kind) = s.excel_type {
        write_excel_p(ws, s, block, it, row, col, kind)?;
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
    Ok(notes)
}

/// The cell of Excel's T.TEST over the item's values on the Data sheet (type `kind`), with the
/// computed p as its cached value; "—" when the item is excluded or its rows are not all there.
fn write_excel_p(
    ws: &mut Worksheet,
    s: &ResultsSheet,
    block: &Block,
    it: &ItemResult,
    row: u32,
    col: u16,
    kind: u8,
) -> Result<(), XlsxError> {
    let layout = s.layout;
    let r1 = block.rows_first.clone();
    let r2 = block.rows_second.clone();
    // Only over rows the Data sheet holds (it stops at Excel's last row).
    let fits = |side: usize, r: &std::ops::Range<usize>| {
        r.end > 0 && layout.row(side, r.end - 1) <= MAX_ROW
    };
    if it.excluded.is_none() && !r1.is_empty() && !r2.is_empty() && fits(0, &r1) && fits(1, &r2) {
        let range = |side: usize, r: &std::ops::Range<usize>| {
            worksheet_range(
                s.names.data,
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
        // The computed p is the formula's cached value: LibreOffice (by default), viewers and
        // previewers show the cached value without recalculating, and a cached 0 showed
        // "<.001" for every item.
        let formula = Formula::new(formula).set_result(cached_number(it.p_value));
        ws.write_formula_with_format(row, col, formula, &s.f.p)?;
    } else {
        ws.write_string_with_format(row, col, "—", &s.f.missing)?;
    }
    Ok(())
}

/// The Excel table over the header and `rows` rows, and the frozen header and item column.
fn add_table(ws: &mut Worksheet, s: &ResultsSheet, rows: u32) -> Result<(), XlsxError> {
    let columns: Vec<TableColumn> = s
        .headers
        .iter()
        .map(|(h, _)| {
            TableColumn::new()
                .set_header(h)
                .set_header_format(&s.f.header)
        })
        .collect();
    let table = Table::new()
        .set_name(table_name(s.lang))
        .set_style(TableStyle::Light9)
        .set_columns(&columns);
    ws.add_table(0, 0, rows, s.headers.len() as u16 - 1, &table)?;
    ws.set_freeze_panes(1, u16::from(s.survey.by_column.is_some()) + 1)?;
    Ok(())
}

/// Under the table: what the marks of the significance column mean, the family of the
/// adjustment and the groups withheld.
fn write_footnotes(
    ws: &mut Worksheet,
    survey: &Survey,
    a: &Analysis,
    rows: u32,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.write_string(
        rows + 2,
        0,
        text::mark_legend(a.options.alpha, a.options.adjust, lang),
    )?;
    let by = survey.by_column.as_deref();
    for (k, line) in text::family_text(a, by, lang)
        .into_iter()
        .chain(text::withheld_text(a, by, lang))
        .enumerate()
    {
        ws.write_string(rows + 3 + k as u32, 0, line)?;
    }
    Ok(())
}

/// Significant rows (adjusted p < alpha) stand out; d gets data bars.
fn highlight(
    ws: &mut Worksheet,
    a: &Analysis,
    columns: &Columns,
    rows: u32,
    f: &Formats,
) -> Result<(), XlsxError> {
    let last_col = columns.headers.len() as u16 - 1;
    let p_cell = rust_xlsxwriter::utility::row_col_to_cell(1, columns.p_adjusted);
    let p_abs = format!("${}", p_cell.trim_end_matches(char::is_numeric));
    let rule = format!("=AND(ISNUMBER({p_abs}2),{p_abs}2<{})", a.options.alpha);
    ws.add_conditional_format(
        1,
        0,
        rows,
        last_col,
        &ConditionalFormatFormula::new()
            .set_rule(rule.as_str())
            .set_format(&f.sig_fill),
    )?;
    ws.add_conditional_format(
        1,
        columns.d,
        rows,
        columns.d,
        &ConditionalFormatDataBar::new(),
    )?;
    Ok(())
}

/// Column widths (autofit, then the columns it sizes badly) and the print setup: the item
/// names repeat on every page.
fn size_columns(
    ws: &mut Worksheet,
    s: &ResultsSheet,
    columns: &Columns,
    note_texts: &[String],
) -> Result<(), XlsxError> {
    let (a, lang) = (s.a, s.lang);
    let last_col = columns.headers.len() as u16 - 1;
    // Headers wrap (three lines), so numeric columns need not be as wide as their header text.
    ws.set_autofit_max_width(RESULTS_MAX_AUTOFIT_PX);
    ws.autofit();
    // autofit() sized df by its header: "108.00" showed as "###".
    ws.set_column_width(columns.df, 8)?;
    let item_col = u16::from(s.survey.by_column.is_some());
    if item_col == 1 {
        let by_values = a.blocks.iter().map(|b| block_label(b, lang));
        widen_for_text(
            ws,
            0,
            by_values.chain(std::iter::once(columns.headers[0].0.as_str())),
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
    )
}
