//! The Charts sheet (グラフ): means with 95% CI whiskers per item on the answer scale.

use super::*;

pub(super) fn write_charts(
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
