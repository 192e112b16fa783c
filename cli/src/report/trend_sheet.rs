//! The result workbook and JSON of three or more waves (src/analysis/waves.rs).
//!
//! The standard sheets (council first, Results, Summary, Charts, Data, Checks, Method) show the
//! comparison of the council sheet: the latest wave against the baseline (with `--consecutive`,
//! against the wave before it), with a line naming every wave. Two sheets follow: **Waves**
//! (every comparison × item, the p adjusted over all of them; below, the shares of positive
//! answers of every comparison × item, their p adjusted over all of them as a family of their
//! own; and how each comparison was paired) and **Trend** (per item and wave the mean with its
//! confidence interval and, when the item has a share, the share of positive answers with its
//! Wilson interval; one chart of the means per item and one of the shares beside it, with error
//! bars from those columns). Every cell holds a value, no formula.

use rust_xlsxwriter::{
    Chart, ChartErrorBars, ChartErrorBarsType, ChartFont, ChartFormat, ChartLine, ChartMarker,
    ChartMarkerType, ChartRange, ChartSolidFill, ChartType, Worksheet, XlsxError,
};
use serde::Serialize;

use super::json::{JsonItem, JsonWithheld};
use super::{council, rows_for, text, Extra, Formats, Print, ReportError, ReportMeta, ResultBook};
use crate::analysis::shares;
use crate::analysis::waves::{Comparison, TrendPositive, WaveAnalysis, WaveMode};
use crate::analysis::DesignKind;
use crate::lang::Lang;
use crate::words::trend::{self as words, WaveFormat, WaveHeader, WaveText};
use crate::workbook::PlanTopic;

/// Names of the two wave sheets.
pub fn sheet_names(lang: Lang) -> (&'static str, &'static str) {
    (
        WaveText::WavesSheet.get(lang),
        WaveText::TrendSheet.get(lang),
    )
}

/// The family of the adjustment, with its size.
fn family_text(w: &WaveAnalysis, lang: Lang) -> String {
    WaveFormat::Family {
        correction: text::adjust_name(w.council().analysis.options.adjust, lang),
        comparisons: w.comparisons.len(),
        n: w.family_size,
    }
    .text(lang)
}

/// The run's confidence level in %, as the sheets write it ("95").
fn conf_percent(w: &WaveAnalysis) -> String {
    text::num(w.council().analysis.options.conf_level * 100.0, 0)
}

/// Builds the result workbook of a wave analysis.
///
/// # Errors
/// [`ReportError::Xlsx`] when rust_xlsxwriter rejects the content.
pub fn build_wave_workbook<'a>(
    w: &'a WaveAnalysis,
    meta: &ReportMeta,
    lang: Lang,
) -> Result<ResultBook<'a>, ReportError> {
    let c = w.council();
    let (waves_name, trend_name) = sheet_names(lang);
    let mut book = super::build_with(
        &c.survey,
        &c.analysis,
        meta,
        lang,
        super::data_sheet::HEAD_ROWS,
        &extra_lines(w, lang),
    )?;
    let f = Formats::new();
    let wb = &mut book.workbook;
    wb.add_worksheet().set_name(waves_name)?;
    wb.add_worksheet().set_name(trend_name)?;
    write_waves(wb.worksheet_from_name(waves_name)?, w, &f, lang)?;
    write_trend(wb.worksheet_from_name(trend_name)?, trend_name, w, &f, lang)?;
    Ok(book)
}

/// What the waves add to the standard sheets: the council sheet's line naming every wave and
/// the comparison it shows, and the Method sheet's rows on the waves.
fn extra_lines(w: &WaveAnalysis, lang: Lang) -> Extra {
    let labels = &w.council().analysis.labels;
    let [l1, l2] = labels;
    let (waves_sheet, trend_sheet) = sheet_names(lang);
    // The trend shows the shares too when an item has them.
    let shares = positive_summary(w, lang);
    let trend = match shares {
        Some(_) => WaveText::TrendOfMeansAndShares,
        None => WaveText::TrendOfMeans,
    }
    .get(lang);
    let waves = words::wave_list(&w.waves, lang);
    let council_line = WaveFormat::CouncilLine {
        waves: &waves,
        which: &words::council_comparison(w.mode, labels, lang),
        waves_sheet,
        trend_sheet,
        trend,
    }
    .text(lang);
    let cl = conf_percent(w);
    let mut method = vec![
        (
            WaveText::MethodWaves.get(lang).to_string(),
            format!("{waves}; {}", words::mode_text(&w.waves, w.mode, lang)),
        ),
        (
            WaveText::MethodMultiple.get(lang).to_string(),
            family_text(w, lang),
        ),
        (
            WaveText::MethodSheets.get(lang).to_string(),
            WaveFormat::MethodSheets {
                earlier: l1,
                later: l2,
                waves_sheet,
                trend_sheet,
                trend,
            }
            .text(lang),
        ),
        (
            WaveText::MethodTrend.get(lang).to_string(),
            WaveFormat::MethodTrend { cl: &cl }.text(lang),
        ),
    ];
    if let Some(scores) = &shares {
        method.push((
            WaveText::MethodTrendShares.get(lang).to_string(),
            words::method_trend_shares(scores, &cl, lang),
        ));
    }
    Extra {
        council: vec![council_line],
        method,
    }
}

/// Writes `line` across columns 0..=`last` of row `r`, wrapped, the row as high as the text
/// needs for `width` character units.
fn put_line(
    ws: &mut Worksheet,
    r: u32,
    last: u16,
    width: f64,
    line: &str,
    format: &rust_xlsxwriter::Format,
) -> Result<(), XlsxError> {
    ws.merge_range(r, 0, r, last, "", format)?;
    ws.write_string_with_format(r, 0, line, format)?;
    let lines = (super::text_units(line) / (width - 4.0)).ceil().max(1.0);
    ws.set_row_height(r, 15.0 * lines + 3.0)?;
    Ok(())
}

/// [`put_line`] across the whole width of the Waves sheet.
fn put_waves_line(ws: &mut Worksheet, r: u32, line: &str, f: &Formats) -> Result<(), XlsxError> {
    let widths = waves_widths();
    let (last, total) = (widths.len() as u16 - 1, widths.iter().sum::<f64>());
    put_line(ws, r, last, total, line, &f.wrap)
}

/// Writes a number, or leaves "—" for a value that could not be computed.
fn put(ws: &mut Worksheet, r: u32, c: u16, v: f64, f: &Formats) -> Result<(), XlsxError> {
    super::put_num(ws, r, c, v, &f.num3, &f.missing)
}

/// Writes a row of headers from column 0.
fn put_headers(ws: &mut Worksheet, r: u32, headers: &[&str], f: &Formats) -> Result<(), XlsxError> {
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &f.header)?;
    }
    Ok(())
}

/// "令和4年度 → 令和5年度": the two waves of a comparison.
fn waves_of(cmp: &Comparison) -> String {
    let [l1, l2] = &cmp.analysis.labels;
    format!("{l1} → {l2}")
}

/// The Waves sheet: lines on the waves, comparisons and adjustment; every comparison × item;
/// the shares of positive answers (when an item has them); how each comparison was paired.
fn write_waves(
    ws: &mut Worksheet,
    w: &WaveAnalysis,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, WaveText::WavesTitle.get(lang), &f.title)?;
    let lines = [
        WaveFormat::WavesLine {
            waves: &words::wave_list(&w.waves, lang),
        },
        WaveFormat::ComparisonsLine {
            mode: &words::mode_text(&w.waves, w.mode, lang),
        },
        WaveFormat::MultipleLine {
            family: &family_text(w, lang),
        },
    ];
    for (i, line) in lines.iter().enumerate() {
        put_waves_line(ws, 1 + i as u32, &line.text(lang), f)?;
    }
    let head = 5u32;
    // A significant adjusted p: the p format on the significance fill.
    let sig_p =
        f.p.clone()
            .set_background_color(rust_xlsxwriter::Color::RGB(0xE2EFDA))
            .set_bold();
    let mut r = write_wave_means(ws, head, w, f, &sig_p, lang)?;
    // The shares of positive answers: a second table, same comparisons × items.
    let any_share = w
        .comparisons
        .iter()
        .any(|c| c.analysis.blocks[0].items.iter().any(|i| i.share.is_some()));
    if any_share {
        r = write_wave_shares(ws, r + 1, w, f, &sig_p, lang)?;
    }
    write_pairings(ws, r + 1, w, f, lang)?;
    ws.set_freeze_panes(head + 1, 2)?;
    for (c, w) in waves_widths().iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(head, 32)?;
    super::print_setup(ws, Print::FitWidth { landscape: true })?;
    Ok(())
}

/// The Waves sheet's table of the means, headers in row `head`: every comparison × item;
/// returns the next free row.
fn write_wave_means(
    ws: &mut Worksheet,
    head: u32,
    w: &WaveAnalysis,
    f: &Formats,
    sig_p: &rust_xlsxwriter::Format,
    lang: Lang,
) -> Result<u32, XlsxError> {
    use WaveHeader as H;
    let headers = [
        H::Comparison.get(lang),
        H::Item.get(lang),
        H::Test.get(lang),
        H::NEarlier.get(lang),
        H::NLater.get(lang),
        H::MeanEarlier.get(lang),
        H::MeanLater.get(lang),
        H::Change.get(lang),
        H::CiLow.get(lang),
        H::CiHigh.get(lang),
        "t",
        H::Df.get(lang),
        "p",
        H::AdjustedP.get(lang),
        H::Judgement.get(lang),
        "d",
        H::DCiLow.get(lang),
        H::DCiHigh.get(lang),
    ];
    put_headers(ws, head, &headers, f)?;
    let mut r = head + 1;
    for cmp in &w.comparisons {
        let a = &cmp.analysis;
        let change = council::is_change(&cmp.survey, a);
        for it in &a.blocks[0].items {
            ws.write_string(r, 0, waves_of(cmp))?;
            ws.write_string(r, 1, &it.item)?;
            ws.write_string(r, 2, a.test.name(lang))?;
            ws.write_number_with_format(r, 3, it.n_1 as f64, &f.int)?;
            ws.write_number_with_format(r, 4, it.n_2 as f64, &f.int)?;
            let d = it.d.map_or([f64::NAN; 3], |d| [d.estimate, d.low, d.high]);
            let nums = [
                (5, it.mean_1),
                (6, it.mean_2),
                (7, it.mean_diff),
                (8, it.conf_low),
                (9, it.conf_high),
                (10, it.statistic),
                (11, it.df),
                (15, d[0]),
                (16, d[1]),
                (17, d[2]),
            ];
            for (col, v) in nums {
                put(ws, r, col, v, f)?;
            }
            super::put_num(ws, r, 12, it.p_value, &f.p, &f.missing)?;
            let sig = it.excluded.is_none() && it.significant(a.options.alpha);
            let pf = if sig { sig_p } else { &f.p };
            super::put_num(ws, r, 13, it.p_adjusted, pf, &f.missing)?;
            ws.write_string(r, 14, council::judgement(a, it, change, lang))?;
            r += 1;
        }
    }
    Ok(r)
}

/// The Waves sheet's table of the shares of positive answers from row `r`: every comparison ×
/// item with a share (in %, the change in percentage points); returns the next free row.
fn write_wave_shares(
    ws: &mut Worksheet,
    r: u32,
    w: &WaveAnalysis,
    f: &Formats,
    sig_p: &rust_xlsxwriter::Format,
    lang: Lang,
) -> Result<u32, XlsxError> {
    use WaveHeader as H;
    let cl = conf_percent(w);
    ws.write_string_with_format(r, 0, WaveText::SharesTitle.get(lang), &section_format())?;
    let note = WaveFormat::SharesNote { cl: &cl }.text(lang);
    put_waves_line(ws, r + 1, &note, f)?;
    let head = r + 2;
    let headers = [
        H::Comparison.get(lang),
        H::Item.get(lang),
        H::Test.get(lang),
        H::NEarlier.get(lang),
        H::NLater.get(lang),
        H::PositiveScores.get(lang),
        H::PositiveEarlier.get(lang),
        H::PositiveLater.get(lang),
        H::ChangePoints.get(lang),
        H::CiLow.get(lang),
        H::CiHigh.get(lang),
        "p",
        H::AdjustedP.get(lang),
    ];
    put_headers(ws, head, &headers, f)?;
    ws.set_row_height(head, 32)?;
    let centre = rust_xlsxwriter::Format::new().set_align(rust_xlsxwriter::FormatAlign::Center);
    let mut r = head + 1;
    for cmp in &w.comparisons {
        let a = &cmp.analysis;
        let test = match a.design {
            DesignKind::Paired => WaveText::ExactMcNemar,
            DesignKind::Independent => WaveText::ChiSquare,
        }
        .get(lang);
        for it in &a.blocks[0].items {
            let Some(s) = it.share else { continue };
            ws.write_string(r, 0, waves_of(cmp))?;
            ws.write_string(r, 1, &it.item)?;
            ws.write_string(r, 2, test)?;
            ws.write_number_with_format(r, 3, s.n_1 as f64, &f.int)?;
            ws.write_number_with_format(r, 4, s.n_2 as f64, &f.int)?;
            let positive = &a.shares.items[it.index].positive;
            ws.write_string_with_format(r, 5, shares::positive_text(positive), &centre)?;
            let values = [s.share_1, s.share_2, s.diff, s.conf_low, s.conf_high];
            for (i, v) in values.into_iter().enumerate() {
                super::put_num(ws, r, 6 + i as u16, v * 100.0, &f.num2, &f.missing)?;
            }
            super::put_num(ws, r, 11, s.p_value, &f.p, &f.missing)?;
            let sig = it.excluded.is_none() && s.p_adjusted < a.options.alpha;
            super::put_num(
                ws,
                r,
                12,
                s.p_adjusted,
                if sig { sig_p } else { &f.p },
                &f.missing,
            )?;
            r += 1;
        }
    }
    Ok(r)
}

/// How each comparison was read, from row `r`: its ID column and pairing, decided for that
/// pair of waves.
fn write_pairings(
    ws: &mut Worksheet,
    mut r: u32,
    w: &WaveAnalysis,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(r, 0, WaveText::PairingTitle.get(lang), &section_format())?;
    r += 1;
    for cmp in &w.comparisons {
        let a = &cmp.analysis;
        let [l1, l2] = &a.labels;
        let design = match a.design {
            DesignKind::Paired => WaveText::PairedById,
            DesignKind::Independent => WaveText::IndependentGroups,
        };
        let entries: Vec<&str> = cmp
            .survey
            .plan
            .entries
            .iter()
            .filter(|e| matches!(e.topic, PlanTopic::IdColumn | PlanTopic::Pairing))
            .map(|e| e.message(lang))
            .collect();
        let line = words::pairing_line(l1, l2, design, &entries.join(" "), lang);
        put_waves_line(ws, r, &line, f)?;
        r += 1;
    }
    Ok(())
}

/// A section title on the Waves sheet: bold, on one line (the header format wraps within its
/// column and the title then ran into the row below).
fn section_format() -> rust_xlsxwriter::Format {
    rust_xlsxwriter::Format::new().set_bold()
}

/// The positive answers of the trend items that have a share: "scores 4, 5", or per item
/// ("Q1: 4, 5; Q2: 6, 7") when they differ; `None` when no item has a share.
fn positive_summary(w: &WaveAnalysis, lang: Lang) -> Option<String> {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for (item, pos) in w.items.iter().zip(&w.positive) {
        if let TrendPositive::Scores(scores) = pos {
            let text = shares::positive_text(scores);
            match groups.iter_mut().find(|(t, _)| *t == text) {
                Some((_, items)) => items.push(item),
                None => groups.push((text, vec![item])),
            }
        }
    }
    words::positive_summary(&groups, lang)
}

/// Column widths of the Waves sheet (character units).
fn waves_widths() -> [f64; 18] {
    let mut w = [9.0; 18];
    w[0] = 22.0; // comparison
    w[1] = 28.0; // item
    w[2] = 14.0; // test
    w[3] = 7.0;
    w[4] = 7.0;
    w[14] = 20.0; // judgement
    w
}

/// Chart width and height (pixels) of one item's trend.
const CHART_W: u32 = 520;
const CHART_H: u32 = 300;

/// What every item's rows and charts on the Trend sheet share.
struct TrendSheet<'a> {
    /// The sheet's name (for the chart ranges).
    sheet: &'a str,
    w: &'a WaveAnalysis,
    f: &'a Formats,
    lang: Lang,
    /// Confidence level in %.
    cl: String,
    /// Whether an item has shares: one row of charts per item, the mean on the left and the
    /// share of positive answers on the right; without, the means two per row.
    with_shares: bool,
    /// The means' axis: the answer scale when it holds every limit.
    axis: Option<(f64, f64)>,
}

/// The Trend sheet: the charts of every item, their notes, and the source table below them.
fn write_trend(
    ws: &mut Worksheet,
    sheet: &str,
    w: &WaveAnalysis,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let shares = positive_summary(w, lang);
    let t = TrendSheet {
        sheet,
        w,
        f,
        lang,
        cl: conf_percent(w),
        with_shares: shares.is_some(),
        axis: trend_axis(w),
    };
    let n_items = w.items.len() as u32;
    let n_waves = w.waves.len() as u32;
    let chart_rows = if t.with_shares {
        n_items
    } else {
        n_items.div_ceil(2)
    } * rows_for(CHART_H);
    let notes = trend_notes(&t, shares.as_deref());
    let top = chart_rows + notes.len() as u32;
    for (i, note) in notes.iter().enumerate() {
        ws.write_string(chart_rows + i as u32, 0, note)?;
    }
    let headers = trend_headers(t.with_shares, lang);
    put_headers(ws, top, &headers, f)?;
    ws.set_row_height(top, 32)?;
    for (k, item) in w.items.iter().enumerate() {
        write_trend_item(ws, &t, k, item, top + 1 + k as u32 * n_waves)?;
    }
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 16)?;
    for col in 2..headers.len() as u16 {
        ws.set_column_width(col, 11)?;
    }
    super::print_setup(ws, Print::FitWidth { landscape: true })?;
    // Printed: two rows of charts per page (three with the shares: one item per row, the
    // table's width leaves the page room), the table from a new page.
    let per_page = if t.with_shares { 3 } else { 2 } * rows_for(CHART_H);
    let mut breaks: Vec<u32> = (1..)
        .map(|k| k * per_page)
        .take_while(|&b| b < chart_rows)
        .collect();
    breaks.push(chart_rows);
    ws.set_page_breaks(&breaks)?;
    Ok(())
}

/// The notes above the Trend sheet's table: what the means are, what the shares are (when
/// `scores`, the positive answers, are given), and the items without a share trend.
fn trend_notes(t: &TrendSheet, scores: Option<&str>) -> Vec<String> {
    let (cl, lang) = (t.cl.as_str(), t.lang);
    let mut notes = vec![WaveFormat::TrendMeansNote { cl }.text(lang)];
    if let Some(scores) = scores {
        notes.push(WaveFormat::TrendSharesNote { scores, cl }.text(lang));
    }
    // Items whose comparisons counted different answers as positive: no share trend.
    let differs: Vec<(&str, String)> =
        t.w.items
            .iter()
            .zip(&t.w.positive)
            .filter_map(|(item, p)| match p {
                TrendPositive::Differs(sets) => Some((
                    item.as_str(),
                    sets.iter()
                        .map(|s| shares::positive_text(s))
                        .collect::<Vec<_>>()
                        .join(" / "),
                )),
                _ => None,
            })
            .collect();
    if !differs.is_empty() {
        notes.push(words::no_share_trend(&differs, lang));
    }
    notes
}

/// Headers of the Trend sheet's table (the share columns only `with_shares`).
fn trend_headers(with_shares: bool, lang: Lang) -> Vec<&'static str> {
    use WaveHeader as H;
    let mut headers = vec![
        H::Item.get(lang),
        H::Wave.get(lang),
        "n",
        H::Mean.get(lang),
        H::Sd.get(lang),
        H::CiLow.get(lang),
        H::CiHigh.get(lang),
        H::CiPlus.get(lang),
        H::CiMinus.get(lang),
    ];
    if with_shares {
        headers.extend([
            H::PositiveCount.get(lang),
            H::PositivePercent.get(lang),
            H::ShareCiLow.get(lang),
            H::ShareCiHigh.get(lang),
            H::ShareCiPlus.get(lang),
            H::ShareCiMinus.get(lang),
        ]);
    }
    headers
}

/// The axis of the means' charts: the answer scale (1–5, 1–7, 0–10) when it holds every
/// limit, else a common scale that does, else whole numbers around the limits.
fn trend_axis(w: &WaveAnalysis) -> Option<(f64, f64)> {
    let c = w.council();
    let limits = w
        .trend
        .iter()
        .flatten()
        .flatten()
        .flat_map(|p| {
            let (lo, hi) = p.ci.unwrap_or((p.mean, p.mean));
            [lo, hi, p.mean]
        })
        .filter(|v| v.is_finite());
    let (lo, hi) = limits.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    super::scale_range(&c.survey, &c.analysis)
        .filter(|(a, b)| *a <= lo && hi <= *b)
        .or_else(|| {
            super::SCALES
                .iter()
                .copied()
                .find(|(a, b)| *a <= lo && hi <= *b)
        })
        .or_else(|| {
            lo.is_finite()
                .then(|| (lo.floor(), hi.ceil().max(lo.floor() + 1.0)))
        })
}

/// Item `k`'s rows of the Trend sheet's table from row `first` (one per wave) and its charts:
/// the means and, when it has shares, the shares beside them.
fn write_trend_item(
    ws: &mut Worksheet,
    t: &TrendSheet,
    k: usize,
    item: &str,
    first: u32,
) -> Result<(), XlsxError> {
    let (lang, cl) = (t.lang, t.cl.as_str());
    let has_share = write_trend_rows(ws, t, k, item, first)?;
    let last = first + t.w.waves.len() as u32 - 1;
    let mut chart = trend_chart(item, t.sheet, (first, last), 3, 7, SERIES_MEAN);
    if let Some((lo, hi)) = t.axis {
        chart
            .y_axis()
            .set_min(lo)
            .set_max(hi)
            .set_major_unit(1)
            .set_name(&WaveFormat::MeanAxis { cl }.text(lang));
    }
    let (row, col) = if t.with_shares {
        (k as u32 * rows_for(CHART_H), 0)
    } else {
        (
            (k as u32 / 2) * rows_for(CHART_H),
            if k % 2 == 0 { 0 } else { 4 },
        )
    };
    ws.insert_chart(row, col, &chart)?;
    if has_share {
        let title = WaveFormat::ShareChartTitle { item }.text(lang);
        let mut chart = trend_chart(&title, t.sheet, (first, last), 10, 13, SERIES_SHARE);
        chart
            .y_axis()
            .set_min(0)
            .set_max(100)
            .set_major_unit(20)
            .set_name(&WaveFormat::ShareAxis { cl }.text(lang));
        ws.insert_chart(row, 4, &chart)?;
    }
    Ok(())
}

/// Item `k`'s rows of the Trend sheet's table from row `first`, one per wave: n, mean, SD, the
/// interval and its error-bar lengths, and the share columns when the wave has a share;
/// returns whether one has.
fn write_trend_rows(
    ws: &mut Worksheet,
    t: &TrendSheet,
    k: usize,
    item: &str,
    first: u32,
) -> Result<bool, XlsxError> {
    let f = t.f;
    let mut has_share = false;
    for (j, wave) in t.w.waves.iter().enumerate() {
        let r = first + j as u32;
        ws.write_string(r, 0, item)?;
        ws.write_string(r, 1, &wave.name)?;
        // A wave without the item: its cells stay blank (a gap in the chart).
        let Some(p) = t.w.trend[k][j] else { continue };
        ws.write_number_with_format(r, 2, p.n as f64, &f.int)?;
        let (cl_lo, cl_hi) = p.ci.unwrap_or((f64::NAN, f64::NAN));
        let values = [p.mean, p.sd, cl_lo, cl_hi, cl_hi - p.mean, p.mean - cl_lo];
        for (i, v) in values.into_iter().enumerate() {
            // Blank (not "—") keeps the chart ranges numeric.
            if v.is_finite() {
                ws.write_number_with_format(r, 3 + i as u16, v, &f.num3)?;
            }
        }
        if let Some(s) = p.share {
            has_share = true;
            ws.write_number_with_format(r, 9, s.positive as f64, &f.int)?;
            let (v, l, h) = (s.share * 100.0, s.conf_low * 100.0, s.conf_high * 100.0);
            for (i, x) in [v, l, h, h - v, v - l].into_iter().enumerate() {
                ws.write_number_with_format(r, 10 + i as u16, x, &f.num2)?;
            }
        }
    }
    Ok(has_share)
}

/// Series colours of the trend charts: the means, the shares.
const SERIES_MEAN: usize = 0;
const SERIES_SHARE: usize = 1;

/// A line chart of `value_col` over the waves in rows `first..=last` (names in column 1), with
/// custom error bars from columns `plus_col` (upward lengths) and `plus_col` + 1 (downward).
fn trend_chart(
    title: &str,
    sheet: &str,
    (first, last): (u32, u32),
    value_col: u16,
    plus_col: u16,
    colour: usize,
) -> Chart {
    let color = super::SERIES_COLORS[colour];
    let mut chart = Chart::new(ChartType::Line);
    chart
        .add_series()
        .set_name(title)
        .set_categories((sheet, first, 1, last, 1))
        .set_values((sheet, first, value_col, last, value_col))
        .set_format(ChartFormat::new().set_line(ChartLine::new().set_color(color)))
        .set_marker(
            ChartMarker::new()
                .set_type(ChartMarkerType::Circle)
                .set_size(8)
                .set_format(
                    ChartFormat::new()
                        .set_solid_fill(ChartSolidFill::new().set_color(color))
                        .set_border(ChartLine::new().set_color(color)),
                ),
        )
        .set_y_error_bars(ChartErrorBars::new().set_type(ChartErrorBarsType::Custom(
            ChartRange::new_from_range(sheet, first, plus_col, last, plus_col),
            ChartRange::new_from_range(sheet, first, plus_col + 1, last, plus_col + 1),
        )));
    // Titles at 12 pt: an item's name with 「（肯定的回答の割合）」 stays on one line.
    chart
        .title()
        .set_name(title)
        .set_font(ChartFont::new().set_bold().set_size(12));
    chart.legend().set_hidden();
    chart.set_width(CHART_W).set_height(CHART_H);
    chart
}

/// JSON of a wave analysis: `waves` (name, order, n), `groups` (the waves in time order), the
/// trend, and one object per comparison in the two-condition shape (its items carry `wave`, the
/// later wave of the comparison).
#[derive(Debug, Serialize)]
pub struct JsonWaves {
    /// Every wave, earliest first.
    pub waves: Vec<JsonWave>,
    /// The wave names in time order.
    pub groups: Vec<String>,
    /// `"baseline"` or `"consecutive"`.
    pub comparison: &'static str,
    /// The baseline wave (`null` with `--consecutive`).
    pub baseline: Option<String>,
    /// `"holm"` and the like.
    pub adjust: &'static str,
    /// `"waves"`: every comparison × item adjusted together.
    pub adjust_family: &'static str,
    /// p-values in that family.
    pub family_size: usize,
    /// Significance level.
    pub alpha: f64,
    /// `"two-sided"`, `"less"` or `"greater"`.
    pub alternative: &'static str,
    /// Confidence level.
    pub conf_level: f64,
    /// The comparison the council sheet shows: `[earlier, later]`.
    pub council: [String; 2],
    /// Mean of each item in each wave.
    pub trend: Vec<JsonTrend>,
    /// Every comparison, in order.
    pub comparisons: Vec<JsonComparison>,
    /// Warnings of every comparison, marked with its two waves.
    pub warnings: Vec<String>,
}

/// One wave.
#[derive(Debug, Serialize)]
pub struct JsonWave {
    /// Sheet name.
    pub name: String,
    /// 1 for the earliest.
    pub order: usize,
    /// Respondents read.
    pub n: usize,
}

/// Mean of one item in one wave.
#[derive(Debug, Serialize)]
pub struct JsonTrend {
    /// Item.
    pub item: String,
    /// Wave name.
    pub wave: String,
    /// Valid answers.
    pub n: usize,
    /// Mean.
    pub mean: Option<f64>,
    /// SD.
    pub sd: Option<f64>,
    /// Lower confidence limit of the mean.
    pub conf_low: Option<f64>,
    /// Upper confidence limit.
    pub conf_high: Option<f64>,
    /// The share of positive answers, only when the item has a share.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub share: Option<JsonTrendShare>,
}

/// The share of positive answers of one item in one wave.
#[derive(Debug, Serialize)]
pub struct JsonTrendShare {
    /// Scores counted as positive (those of the comparisons).
    pub share_positive: Vec<f64>,
    /// Positive answers.
    pub share_count: u64,
    /// Share of positive answers (0–1) among the `n` valid answers.
    pub share: f64,
    /// Lower limit of the Wilson score interval (0–1).
    pub share_conf_low: f64,
    /// Upper limit.
    pub share_conf_high: f64,
}

/// One comparison: the two-condition document's fields (issue 5) for two waves.
#[derive(Debug, Serialize)]
pub struct JsonComparison {
    /// Earlier wave.
    pub first: String,
    /// Later wave.
    pub second: String,
    /// `"paired"` or `"independent"` (decided for this pair of waves).
    pub design: &'static str,
    /// The test.
    pub test: &'static str,
    /// The two waves, `[first, second]`.
    pub groups: [String; 2],
    /// Breakdown groups withheld (none: `--by` is not available with waves).
    pub withheld: Vec<JsonWithheld>,
    /// One object per item; `p_adjusted` over every comparison × item.
    pub items: Vec<JsonWaveItem>,
    /// How this pair of waves was read (the reading decisions, as in the two-condition JSON).
    pub reading: Vec<super::json::JsonReading>,
}

/// An item of one comparison.
#[derive(Debug, Serialize)]
pub struct JsonWaveItem {
    /// The later wave of the comparison.
    pub wave: String,
    /// The item's two-condition fields.
    #[serde(flatten)]
    pub result: JsonItem,
}

fn fin(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// The JSON document of a wave analysis.
pub fn json(w: &WaveAnalysis, lang: Lang) -> JsonWaves {
    let c = w.council();
    let o = &c.analysis.options;
    let mut trend = Vec::new();
    for (k, item) in w.items.iter().enumerate() {
        for (j, wave) in w.waves.iter().enumerate() {
            if let Some(p) = w.trend[k][j] {
                trend.push(JsonTrend {
                    item: item.clone(),
                    wave: wave.name.clone(),
                    n: p.n,
                    mean: fin(p.mean),
                    sd: fin(p.sd),
                    conf_low: p.ci.and_then(|c| fin(c.0)),
                    conf_high: p.ci.and_then(|c| fin(c.1)),
                    share: match (&w.positive[k], p.share) {
                        (TrendPositive::Scores(scores), Some(s)) => Some(JsonTrendShare {
                            share_positive: scores.clone(),
                            share_count: s.positive,
                            share: s.share,
                            share_conf_low: s.conf_low,
                            share_conf_high: s.conf_high,
                        }),
                        _ => None,
                    },
                });
            }
        }
    }
    let comparisons = w
        .comparisons
        .iter()
        .map(|cmp| {
            let doc = super::json::build(&cmp.analysis, lang);
            let later = w.waves[cmp.second].name.clone();
            JsonComparison {
                first: w.waves[cmp.first].name.clone(),
                second: later.clone(),
                design: doc.design,
                test: doc.test,
                groups: doc.groups,
                withheld: doc.withheld,
                items: doc
                    .items
                    .into_iter()
                    .map(|result| JsonWaveItem {
                        wave: later.clone(),
                        result,
                    })
                    .collect(),
                reading: super::json::reading(&cmp.survey.plan, lang),
            }
        })
        .collect();
    JsonWaves {
        waves: w
            .waves
            .iter()
            .enumerate()
            .map(|(i, x)| JsonWave {
                name: x.name.clone(),
                order: i + 1,
                n: x.n,
            })
            .collect(),
        groups: w.waves.iter().map(|x| x.name.clone()).collect(),
        comparison: w.mode.key(),
        baseline: match w.mode {
            WaveMode::Baseline(b) => Some(w.waves[b].name.clone()),
            WaveMode::Consecutive => None,
        },
        adjust: text::adjust_key(o.adjust),
        adjust_family: o.adjust_family.key(),
        family_size: w.family_size,
        alpha: o.alpha,
        alternative: text::alternative_key(o.alternative),
        conf_level: o.conf_level,
        council: c.analysis.labels.clone(),
        trend,
        comparisons,
        warnings: w
            .comparisons
            .iter()
            .flat_map(|cmp| {
                let [l1, l2] = &cmp.analysis.labels;
                cmp.analysis
                    .warnings
                    .iter()
                    .map(move |x| format!("[{l1} → {l2}] {}", x.message(lang)))
            })
            .collect(),
    }
}
