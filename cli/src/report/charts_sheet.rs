//! The Charts sheet (グラフ): means with 95% CI whiskers per item on the answer scale.

use super::*;
use crate::words::charts::{ChartsFormat, ChartsText};
use crate::words::results::labelled;

/// What the Charts sheet's steps share: the analysis, where the source table starts and the
/// charts' common sizes.
struct ChartsSheet<'a> {
    survey: &'a Survey,
    a: &'a Analysis,
    lang: Lang,
    /// The sheet's name (for the chart ranges).
    sheet: &'a str,
    /// Confidence level in %.
    cl: String,
    /// Items of the first block.
    n: u32,
    /// Number format of the item axes: tick k shows its code.
    code_format: String,
    /// Row of the source table's headers.
    top: u32,
    /// Width of both charts (pixels).
    width: u32,
}

/// Height (pixels) of the means chart.
const MEANS_H: u32 = 380;

pub(super) fn write_charts(
    ws: &mut Worksheet,
    survey: &Survey,
    a: &Analysis,
    names: &SheetNames,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let block = &a.blocks[0];
    let n = block.items.len() as u32;
    let names_of: Vec<&str> = block.items.iter().map(|i| i.item.as_str()).collect();
    let (prefix, codes) = item_codes(&names_of);
    // Charts first (what a reader looks at), their source table with the key of the codes below.
    let forest_h = 140 + 28 * n.max(4);
    let c = ChartsSheet {
        survey,
        a,
        lang,
        sheet: names.charts,
        cl: text::num(a.options.conf_level * 100.0, 0),
        n,
        // Tick k shows its code; the empty ends (0 and n + 1) show nothing.
        code_format: format!("[<1]\"\";[>{n}]\"\";\"{prefix}\"0"),
        top: rows_for(MEANS_H) + rows_for(forest_h),
        width: (200 + 56 * n).clamp(640, 1400),
    };
    let columns = write_source_table(ws, &c, &codes, f)?;
    ws.insert_chart(0, 0, &means_chart(&c))?;
    ws.insert_chart(rows_for(MEANS_H), 0, &forest_chart(&c, forest_h))?;
    ws.autofit();
    widen_for_text(ws, 1, block.items.iter().map(|i| i.item.as_str()), 40.0)?;
    // Numbers need ten digits; the headers wrap (so the page, fitted to its width, keeps the
    // charts large).
    for col in 2..columns {
        ws.set_column_width(col, 10)?;
    }
    ws.set_row_height(c.top, 48)?;
    print_setup(ws, Print::FitWidth { landscape: true })?;
    Ok(())
}

/// The charts' source table from row `top`: per item its code, the means, the error-bar
/// lengths, d and the positions on the charts; returns the number of columns.
fn write_source_table(
    ws: &mut Worksheet,
    c: &ChartsSheet,
    codes: &[String],
    f: &Formats,
) -> Result<u16, XlsxError> {
    let [l1, l2] = &c.a.labels;
    let lang = c.lang;
    let (plus, minus) = (ChartsText::CiPlus.get(lang), ChartsText::CiMinus.get(lang));
    let position = ChartsText::ChartPosition.get(lang);
    let headers = [
        ChartsText::Code.get(lang).to_string(),
        ChartsText::Item.get(lang).to_string(),
        labelled("M", l1, lang),
        labelled("M", l2, lang),
        format!("{l1} {plus}"),
        format!("{l1} {minus}"),
        format!("{l2} {plus}"),
        format!("{l2} {minus}"),
        "d".to_string(),
        format!("d {plus}"),
        format!("d {minus}"),
        labelled(position, l1, lang),
        labelled(position, l2, lang),
        ChartsText::ChartPositionD.get(lang).to_string(),
    ];
    for (col, h) in headers.iter().enumerate() {
        ws.write_string_with_format(c.top, col as u16, h, &f.header)?;
    }
    for (i, it) in c.a.blocks[0].items.iter().enumerate() {
        let r = c.top + 1 + i as u32;
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
        for (col, v) in values.into_iter().enumerate() {
            // Blank (not "—") keeps the chart ranges numeric.
            if v.is_finite() {
                ws.write_number_with_format(r, col as u16 + 2, v, &f.num3)?;
            }
        }
    }
    Ok(headers.len() as u16)
}

/// Rows of the source table's items in column `col` of the sheet.
fn source<'a>(c: &ChartsSheet<'a>, col: u16) -> (&'a str, u32, u16, u32, u16) {
    (c.sheet, c.top + 1, col, c.top + c.n, col)
}

/// Custom error bars from columns `plus` (upward lengths) and `minus` of the source table.
fn error_bars(c: &ChartsSheet, plus: u16, minus: u16) -> ChartErrorBars {
    let (first, last) = (c.top + 1, c.top + c.n);
    let mut bars = ChartErrorBars::new();
    bars.set_type(ChartErrorBarsType::Custom(
        ChartRange::new_from_range(c.sheet, first, plus, last, plus),
        ChartRange::new_from_range(c.sheet, first, minus, last, minus),
    ));
    bars
}

/// A marker of series colour `k`.
fn marker(kind: ChartMarkerType, size: u8, k: usize) -> ChartMarker {
    let mut marker = ChartMarker::new();
    marker.set_type(kind).set_size(size).set_format(
        ChartFormat::new()
            .set_solid_fill(ChartSolidFill::new().set_color(SERIES_COLORS[k]))
            .set_border(ChartLine::new().set_color(SERIES_COLORS[k])),
    );
    marker
}

/// The means of both conditions per item with their confidence intervals, on the answer scale.
fn means_chart(c: &ChartsSheet) -> Chart {
    let [l1, l2] = &c.a.labels;
    let lang = c.lang;
    let mut means = Chart::new(ChartType::Scatter);
    for (k, (mean_col, x_col)) in [(2u16, 11u16), (3, 12)].into_iter().enumerate() {
        let (plus, minus) = (4 + 2 * k as u16, 5 + 2 * k as u16);
        let kind = if k == 0 {
            ChartMarkerType::Circle
        } else {
            ChartMarkerType::Diamond
        };
        means
            .add_series()
            .set_name((c.sheet, c.top, mean_col))
            .set_categories(source(c, x_col))
            .set_values(source(c, mean_col))
            .set_marker(&marker(kind, 8, k))
            .set_y_error_bars(&error_bars(c, plus, minus));
    }
    let title = ChartsFormat::MeansTitle {
        cl: &c.cl,
        earlier: l1,
        later: l2,
    };
    means.title().set_name(&title.text(lang));
    means
        .x_axis()
        .set_min(0)
        .set_max(c.n + 1)
        .set_major_unit(1)
        .set_num_format(&c.code_format)
        .set_major_gridlines(false)
        .set_name(ChartsText::ItemAxis.get(lang));
    if let Some((lo, hi)) = scale_range(c.survey, c.a) {
        let axis = ChartsFormat::MeanAxis {
            low: &text::num(lo, 0),
            high: &text::num(hi, 0),
        };
        means
            .y_axis()
            .set_min(lo)
            .set_max(hi)
            .set_major_unit(1)
            .set_name(&axis.text(lang));
    }
    means.legend().set_position(ChartLegendPosition::Top);
    means.set_width(c.width).set_height(MEANS_H);
    means
}

/// The forest plot of d with its confidence interval per item, `height` pixels high.
fn forest_chart(c: &ChartsSheet, height: u32) -> Chart {
    let [l1, l2] = &c.a.labels;
    let mut forest = Chart::new(ChartType::Scatter);
    forest
        .add_series()
        .set_name((c.sheet, c.top, 8))
        .set_categories(source(c, 8))
        .set_values(source(c, 13))
        .set_marker(&marker(ChartMarkerType::Square, 7, 0))
        .set_x_error_bars(&error_bars(c, 9, 10));
    let title = ChartsFormat::ForestTitle {
        cl: &c.cl,
        earlier: l1,
        later: l2,
    };
    forest.title().set_name(&title.text(c.lang));
    // Items top to bottom, their codes at the left edge; the vertical axis stands at d = 0 (the
    // zero line) and the d axis runs along the bottom.
    forest
        .y_axis()
        .set_min(0)
        .set_max(c.n + 1)
        .set_major_unit(1)
        .set_reverse()
        .set_num_format(&c.code_format)
        .set_major_gridlines(false)
        .set_label_position(ChartAxisLabelPosition::Low)
        .set_crossing(ChartAxisCrossing::Max);
    let (lo, hi) = c.a.blocks[0]
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
    forest.set_width(c.width).set_height(height);
    forest
}
