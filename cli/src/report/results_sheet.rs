//! The Results sheet (結果): one row per item and block with every statistic, print titles.

use super::*;

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
