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
use crate::analysis::waves::{TrendPositive, WaveAnalysis, WaveMode};
use crate::analysis::DesignKind;
use crate::lang::Lang;
use crate::workbook::PlanTopic;

/// Names of the two wave sheets.
pub fn sheet_names(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => ("Waves", "Trend"),
        Lang::Ja => ("時点比較", "推移"),
    }
}

/// "令和4年度 (n = 40) → 令和5年度 (n = 45) → …".
fn wave_list(w: &WaveAnalysis, lang: Lang) -> String {
    w.waves
        .iter()
        .map(|x| match lang {
            Lang::En => format!("{} (n = {})", x.name, x.n),
            Lang::Ja => format!("{}（{} 人）", x.name, x.n),
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

/// What is compared with what, in one sentence.
fn mode_text(w: &WaveAnalysis, lang: Lang) -> String {
    match (w.mode, lang) {
        (WaveMode::Baseline(b), Lang::En) => {
            let before = if b > 0 {
                format!(
                    " (earlier waves are shown on the Trend sheet only: {})",
                    w.waves[..b]
                        .iter()
                        .map(|x| x.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                String::new()
            };
            format!(
                "each later wave is compared with the baseline {}{before}",
                w.waves[b].name
            )
        }
        (WaveMode::Baseline(b), Lang::Ja) => {
            let before = if b > 0 {
                format!(
                    "（それより前の時点 {} は「推移」シートにのみ掲載）",
                    w.waves[..b]
                        .iter()
                        .map(|x| format!("「{}」", x.name))
                        .collect::<Vec<_>>()
                        .join("")
                )
            } else {
                String::new()
            };
            format!("後の各時点を基準の「{}」と比較{before}", w.waves[b].name)
        }
        (WaveMode::Consecutive, Lang::En) => {
            "each wave is compared with the wave before it (--consecutive)".to_string()
        }
        (WaveMode::Consecutive, Lang::Ja) => {
            "各時点を 1 つ前の時点と比較（--consecutive）".to_string()
        }
    }
}

/// The family of the adjustment, with its size.
fn family_text(w: &WaveAnalysis, lang: Lang) -> String {
    let a = &w.council().analysis;
    let correction = text::adjust_name(a.options.adjust, lang);
    let (c, n) = (w.comparisons.len(), w.family_size);
    match lang {
        Lang::En => format!(
            "{correction} over every comparison × item together: {c} comparison(s), {n} p-values tested (one family)"
        ),
        Lang::Ja => format!(
            "{correction}（{c} 通りの比較 × 設問の p 値 {n} 個をまとめて 1 つの族として補正）"
        ),
    }
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
    let [l1, l2] = &c.analysis.labels;
    let (waves_name, trend_name) = sheet_names(lang);
    // The trend shows the shares too when an item has them.
    let shares = positive_summary(w, lang);
    let (trend_en, trend_ja) = if shares.is_some() {
        (
            "the mean and the share of positive answers of each wave",
            "各時点の平均値と肯定的回答の割合",
        )
    } else {
        ("the mean of each wave", "各時点の平均値")
    };
    let which = match (w.mode, lang) {
        (WaveMode::Baseline(_), Lang::En) => {
            format!("This page compares the latest wave, {l2}, with the baseline {l1}.")
        }
        (WaveMode::Baseline(_), Lang::Ja) => {
            format!("この表は、最新の「{l2}」を基準の「{l1}」と比べた結果です。")
        }
        (WaveMode::Consecutive, Lang::En) => format!(
            "This page compares the latest wave, {l2}, with the wave before it, {l1} (--consecutive)."
        ),
        (WaveMode::Consecutive, Lang::Ja) => format!(
            "この表は、最新の「{l2}」を 1 つ前の「{l1}」と比べた結果です（--consecutive）。"
        ),
    };
    let council_line = match lang {
        Lang::En => format!(
            "Waves (earliest first): {}. {which} Every comparison is on the {waves_name} sheet, {trend_en} on the {trend_name} sheet.",
            wave_list(w, lang)
        ),
        Lang::Ja => format!(
            "調査の時点（古い順）: {}。{which}すべての比較は「{waves_name}」シートに、{trend_ja}の推移は「{trend_name}」シートにあります。",
            wave_list(w, lang)
        ),
    };
    let cl = text::num(c.analysis.options.conf_level * 100.0, 0);
    let mut trend_rows = vec![(
        lang.pick("Trend", "推移").to_string(),
        match lang {
            Lang::En => format!("mean of every respondent of the wave who answered the item, with its {cl}% confidence interval (one-sample t interval); respondents of a wave are counted whether or not they answered another wave"),
            Lang::Ja => format!("その時点で設問に回答したすべての回答者の平均値と {cl}% 信頼区間（1 標本の t 分布による区間）。他の時点に回答したかどうかは問わない"),
        },
    )];
    if let Some(scores) = &shares {
        trend_rows.push((
            lang.pick("Trend of the shares", "割合の推移").to_string(),
            match lang {
                Lang::En => format!("share of positive answers ({scores}, the positive answers of the comparisons) among the same respondents, with its {cl}% Wilson score interval (Wilson 1927; R: prop.test(x, n, correct = FALSE)$conf.int)"),
                Lang::Ja => format!("同じ回答者のうち肯定的回答（{scores}。時点どうしの比較と同じ基準）の割合と {cl}% 信頼区間（Wilson（1927）のスコア区間。R の prop.test(x, n, correct = FALSE)$conf.int と同じ）"),
            },
        ));
    }
    let extra = Extra {
        council: vec![council_line],
        method: vec![
            (
                lang.pick("Waves", "調査の時点").to_string(),
                format!("{}; {}", wave_list(w, lang), mode_text(w, lang)),
            ),
            (
                lang.pick("Multiple comparisons (waves)", "多重比較（時点）")
                    .to_string(),
                family_text(w, lang),
            ),
            (
                lang.pick("Sheets of this workbook", "このブックのシート").to_string(),
                match lang {
                    Lang::En => format!(
                        "the council, Results, Summary, Charts, Data and Checks sheets show the comparison {l1} → {l2}; the {waves_name} sheet shows every comparison and how each was paired (by ID where the IDs of those two waves pair, otherwise as independent groups with Welch's test); the {trend_name} sheet shows {trend_en}"
                    ),
                    Lang::Ja => format!(
                        "議会資料・結果・概要・グラフ・データ・データ確認シートは「{l1}」→「{l2}」の比較。「{waves_name}」シートはすべての比較とそれぞれの対応付け（その 2 時点の ID が対応する場合は対応あり、そうでなければ独立 2 群として Welch の t 検定）。「{trend_name}」シートは{trend_ja}"
                    ),
                },
            ),
        ]
        .into_iter()
        .chain(trend_rows)
        .collect(),
    };
    let mut book = super::build_with(
        &c.survey,
        &c.analysis,
        meta,
        lang,
        super::data_sheet::HEAD_ROWS,
        &extra,
    )?;
    let f = Formats::new();
    let wb = &mut book.workbook;
    wb.add_worksheet().set_name(waves_name)?;
    wb.add_worksheet().set_name(trend_name)?;
    write_waves(wb.worksheet_from_name(waves_name)?, w, &f, lang)?;
    write_trend(wb.worksheet_from_name(trend_name)?, trend_name, w, &f, lang)?;
    Ok(book)
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

/// Writes a number, or leaves "—" for a value that could not be computed.
fn put(ws: &mut Worksheet, r: u32, c: u16, v: f64, f: &Formats) -> Result<(), XlsxError> {
    super::put_num(ws, r, c, v, &f.num3, &f.missing)
}

fn write_waves(
    ws: &mut Worksheet,
    w: &WaveAnalysis,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let title = lang.pick(
        "Every comparison of the waves",
        "時点どうしの比較（すべて）",
    );
    ws.write_string_with_format(0, 0, title, &f.title)?;
    let lines = [
        match lang {
            Lang::En => format!("Waves (earliest first): {}", wave_list(w, lang)),
            Lang::Ja => format!("調査の時点（古い順）: {}", wave_list(w, lang)),
        },
        match lang {
            Lang::En => format!("Comparisons: {}", mode_text(w, lang)),
            Lang::Ja => format!("比較: {}", mode_text(w, lang)),
        },
        match lang {
            Lang::En => format!("Multiple comparisons: {}", family_text(w, lang)),
            Lang::Ja => format!("多重比較の補正: {}", family_text(w, lang)),
        },
    ];
    let widths = waves_widths();
    let last = widths.len() as u16 - 1;
    let total: f64 = widths.iter().sum();
    for (i, line) in lines.iter().enumerate() {
        put_line(ws, 1 + i as u32, last, total, line, &f.wrap)?;
    }
    let head = 5u32;
    let headers = [
        lang.pick("Comparison", "比較"),
        lang.pick("Item", "設問"),
        lang.pick("Test", "検定"),
        lang.pick("n (earlier)", "n（前）"),
        lang.pick("n (later)", "n（後）"),
        lang.pick("M (earlier)", "平均（前）"),
        lang.pick("M (later)", "平均（後）"),
        lang.pick("Change (later − earlier)", "変化（後 − 前）"),
        lang.pick("CI low", "信頼区間 下限"),
        lang.pick("CI high", "信頼区間 上限"),
        "t",
        lang.pick("df", "自由度"),
        "p",
        lang.pick("p adjusted (all comparisons)", "補正後の p（全比較）"),
        lang.pick("Judgement", "判定"),
        "d",
        lang.pick("d CI low", "d 下限"),
        lang.pick("d CI high", "d 上限"),
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(head, c as u16, *h, &f.header)?;
    }
    // A significant adjusted p: the p format on the significance fill.
    let sig_p =
        f.p.clone()
            .set_background_color(rust_xlsxwriter::Color::RGB(0xE2EFDA))
            .set_bold();
    let mut r = head + 1;
    for cmp in &w.comparisons {
        let a = &cmp.analysis;
        let [l1, l2] = &a.labels;
        let change = council::is_change(&cmp.survey, a);
        for it in &a.blocks[0].items {
            ws.write_string(r, 0, format!("{l1} → {l2}"))?;
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
            let pf = if sig { &sig_p } else { &f.p };
            super::put_num(ws, r, 13, it.p_adjusted, pf, &f.missing)?;
            ws.write_string(r, 14, council::judgement(a, it, change, lang))?;
            r += 1;
        }
    }
    // The shares of positive answers: a second table, same comparisons × items.
    let any_share = w
        .comparisons
        .iter()
        .any(|c| c.analysis.blocks[0].items.iter().any(|i| i.share.is_some()));
    if any_share {
        r = write_wave_shares(ws, r + 1, w, f, &sig_p, lang)?;
    }
    // How each comparison was read: its ID column and pairing, decided for that pair of waves.
    r += 1;
    ws.write_string_with_format(
        r,
        0,
        lang.pick(
            "How each comparison was paired",
            "各比較での回答者の対応付け",
        ),
        &section_format(),
    )?;
    r += 1;
    for cmp in &w.comparisons {
        let a = &cmp.analysis;
        let [l1, l2] = &a.labels;
        let design = match (a.design, lang) {
            (DesignKind::Paired, Lang::En) => "paired by ID",
            (DesignKind::Paired, Lang::Ja) => "ID で対応付け（対応あり）",
            (DesignKind::Independent, Lang::En) => "independent groups",
            (DesignKind::Independent, Lang::Ja) => "独立した 2 群（対応なし）",
        };
        let entries: Vec<&str> = cmp
            .survey
            .plan
            .entries
            .iter()
            .filter(|e| matches!(e.topic, PlanTopic::IdColumn | PlanTopic::Pairing))
            .map(|e| e.message(lang))
            .collect();
        let line = match lang {
            Lang::En => format!("{l1} → {l2}: {design}. {}", entries.join(" ")),
            Lang::Ja => format!("「{l1}」→「{l2}」: {design}。{}", entries.join(" ")),
        };
        put_line(ws, r, last, total, &line, &f.wrap)?;
        r += 1;
    }
    ws.set_freeze_panes(head + 1, 2)?;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(head, 32)?;
    super::print_setup(ws, Print::FitWidth { landscape: true })?;
    Ok(())
}

/// The Waves sheet's table of the shares of positive answers from row `r`: every comparison ×
/// item with a share (in %, the change in percentage points); returns the next free row.
fn write_wave_shares(
    ws: &mut Worksheet,
    mut r: u32,
    w: &WaveAnalysis,
    f: &Formats,
    sig_p: &rust_xlsxwriter::Format,
    lang: Lang,
) -> Result<u32, XlsxError> {
    let widths = waves_widths();
    let (last, total) = (widths.len() as u16 - 1, widths.iter().sum::<f64>());
    let cl = text::num(w.council().analysis.options.conf_level * 100.0, 0);
    ws.write_string_with_format(
        r,
        0,
        lang.pick("Shares of positive answers", "肯定的回答の割合"),
        &section_format(),
    )?;
    let line = match lang {
        Lang::En => format!(
            "The percentage of positive answers in each wave of the comparison (paired waves: among the respondents who answered both) and its change in percentage points with Newcombe's {cl}% interval; p from Pearson's chi-square test without continuity correction (independent waves) or the exact McNemar test (paired waves). The shares' p-values are adjusted over every comparison × item as a family of their own, apart from the means'."
        ),
        Lang::Ja => format!(
            "比較する 2 時点それぞれの肯定的回答の割合（対応のある比較では両方の時点に回答した人のうちの割合）と、その変化（ポイント）および {cl}% 信頼区間（Newcombe 法）。p 値は、対応のない比較では χ² 検定（連続性補正なし）、対応のある比較では McNemar の正確検定。割合の p 値は平均値とは別に、すべての比較 × 設問を 1 つの族として補正。"
        ),
    };
    put_line(ws, r + 1, last, total, &line, &f.wrap)?;
    let head = r + 2;
    let headers = [
        lang.pick("Comparison", "比較"),
        lang.pick("Item", "設問"),
        lang.pick("Test", "検定"),
        lang.pick("n (earlier)", "n（前）"),
        lang.pick("n (later)", "n（後）"),
        lang.pick("Positive scores", "肯定的回答の得点"),
        lang.pick("Positive % (earlier)", "肯定的回答 %（前）"),
        lang.pick("Positive % (later)", "肯定的回答 %（後）"),
        lang.pick("Change (points)", "変化（ポイント）"),
        lang.pick("CI low", "信頼区間 下限"),
        lang.pick("CI high", "信頼区間 上限"),
        "p",
        lang.pick("p adjusted (all comparisons)", "補正後の p（全比較）"),
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(head, c as u16, *h, &f.header)?;
    }
    ws.set_row_height(head, 32)?;
    let centre = rust_xlsxwriter::Format::new().set_align(rust_xlsxwriter::FormatAlign::Center);
    r = head + 1;
    for cmp in &w.comparisons {
        let a = &cmp.analysis;
        let [l1, l2] = &a.labels;
        let test = match (a.design, lang) {
            (DesignKind::Paired, Lang::En) => "exact McNemar",
            (DesignKind::Paired, Lang::Ja) => "McNemar の正確検定",
            (DesignKind::Independent, Lang::En) => "chi-square",
            (DesignKind::Independent, Lang::Ja) => "χ² 検定",
        };
        for it in &a.blocks[0].items {
            let Some(s) = it.share else { continue };
            ws.write_string(r, 0, format!("{l1} → {l2}"))?;
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
    let word = lang.pick("scores ", "得点 ");
    match groups.len() {
        0 => None,
        1 => Some(format!("{word}{}", groups[0].0)),
        _ => Some(
            groups
                .iter()
                .map(|(t, items)| format!("{}: {word}{t}", items.join(", ")))
                .collect::<Vec<_>>()
                .join(lang.pick("; ", "、")),
        ),
    }
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

fn write_trend(
    ws: &mut Worksheet,
    sheet: &str,
    w: &WaveAnalysis,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let c = w.council();
    let cl = text::num(c.analysis.options.conf_level * 100.0, 0);
    let n_items = w.items.len() as u32;
    let n_waves = w.waves.len() as u32;
    // With shares: one row of charts per item, the mean on the left and the share of positive
    // answers on the right. Without: the means two per row. The source table below them.
    let shares = positive_summary(w, lang);
    let chart_rows = if shares.is_some() {
        n_items
    } else {
        n_items.div_ceil(2)
    } * rows_for(CHART_H);
    let mut notes = vec![match lang {
        Lang::En => format!("Mean of each wave with its {cl}% confidence interval (every respondent of the wave who answered the item). Source of the charts above."),
        Lang::Ja => format!("各時点の平均値と {cl}% 信頼区間（その時点で設問に回答したすべての回答者）。上のグラフの元データ。"),
    }];
    if let Some(scores) = &shares {
        notes.push(match lang {
            Lang::En => format!("Share of positive answers ({scores}, as in the comparisons) of each wave in %, with its {cl}% Wilson score interval."),
            Lang::Ja => format!("各時点の肯定的回答（{scores}。時点どうしの比較と同じ基準）の割合（%）と {cl}% 信頼区間（Wilson のスコア区間）。"),
        });
    }
    // Items whose comparisons counted different answers as positive: no share trend.
    let differs: Vec<String> = w
        .items
        .iter()
        .zip(&w.positive)
        .filter_map(|(item, p)| match p {
            TrendPositive::Differs(sets) => Some(format!(
                "{item} ({})",
                sets.iter()
                    .map(|s| shares::positive_text(s))
                    .collect::<Vec<_>>()
                    .join(" / ")
            )),
            _ => None,
        })
        .collect();
    if !differs.is_empty() {
        notes.push(match lang {
            Lang::En => format!("No share trend for {}: the comparisons counted different answers as positive (each decides on its own two waves); name them with --positive.", differs.join(", ")),
            Lang::Ja => format!("{} は、比較ごとに肯定的回答とした得点が異なるため（各比較はその 2 時点の回答から判断）、割合の推移を示していません。--positive で肯定的回答を指定してください。", differs.join("、")),
        });
    }
    let top = chart_rows + notes.len() as u32;
    for (i, note) in notes.iter().enumerate() {
        ws.write_string(chart_rows + i as u32, 0, note)?;
    }
    let mut headers = vec![
        lang.pick("Item", "設問"),
        lang.pick("Wave", "時点"),
        "n",
        lang.pick("M", "平均"),
        lang.pick("SD", "標準偏差"),
        lang.pick("CI low", "信頼区間 下限"),
        lang.pick("CI high", "信頼区間 上限"),
        lang.pick("CI +", "誤差範囲 +"),
        lang.pick("CI −", "誤差範囲 −"),
    ];
    if shares.is_some() {
        headers.extend([
            lang.pick("Positive answers", "肯定的回答数"),
            lang.pick("Positive %", "肯定的回答 %"),
            lang.pick("% CI low", "割合 下限"),
            lang.pick("% CI high", "割合 上限"),
            lang.pick("% CI +", "割合 誤差範囲 +"),
            lang.pick("% CI −", "割合 誤差範囲 −"),
        ]);
    }
    for (col, h) in headers.iter().enumerate() {
        ws.write_string_with_format(top, col as u16, *h, &f.header)?;
    }
    ws.set_row_height(top, 32)?;
    // The axis: the answer scale (1–5, 1–7, 0–10) when it holds every limit.
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
    let axis = super::scale_range(&c.survey, &c.analysis)
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
        });
    for (k, item) in w.items.iter().enumerate() {
        let first = top + 1 + k as u32 * n_waves;
        let mut has_share = false;
        for (j, wave) in w.waves.iter().enumerate() {
            let r = first + j as u32;
            ws.write_string(r, 0, item)?;
            ws.write_string(r, 1, &wave.name)?;
            // A wave without the item: its cells stay blank (a gap in the chart).
            let Some(p) = w.trend[k][j] else { continue };
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
        let last = first + n_waves - 1;
        let mut chart = trend_chart(item, sheet, (first, last), 3, 7, SERIES_MEAN);
        if let Some((lo, hi)) = axis {
            chart
                .y_axis()
                .set_min(lo)
                .set_max(hi)
                .set_major_unit(1)
                .set_name(&match lang {
                    Lang::En => format!("Mean, {cl}% CI"),
                    Lang::Ja => format!("平均値と {cl}% 信頼区間"),
                });
        }
        let (row, col) = if shares.is_some() {
            (k as u32 * rows_for(CHART_H), 0)
        } else {
            (
                (k as u32 / 2) * rows_for(CHART_H),
                if k % 2 == 0 { 0 } else { 4 },
            )
        };
        ws.insert_chart(row, col, &chart)?;
        if has_share {
            let title = match lang {
                Lang::En => format!("{item}: positive answers %"),
                Lang::Ja => format!("{item}（肯定的回答の割合）"),
            };
            let mut chart = trend_chart(&title, sheet, (first, last), 10, 13, SERIES_SHARE);
            chart
                .y_axis()
                .set_min(0)
                .set_max(100)
                .set_major_unit(20)
                .set_name(&match lang {
                    Lang::En => format!("Positive answers %, {cl}% CI"),
                    Lang::Ja => format!("肯定的回答 %（{cl}% 信頼区間）"),
                });
            ws.insert_chart(row, 4, &chart)?;
        }
    }
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 16)?;
    for col in 2..headers.len() as u16 {
        ws.set_column_width(col, 11)?;
    }
    super::print_setup(ws, Print::FitWidth { landscape: true })?;
    // Printed: two rows of charts per page (three with the shares: one item per row, the
    // table's width leaves the page room), the table from a new page.
    let per_page = if shares.is_some() { 3 } else { 2 } * rows_for(CHART_H);
    let mut breaks: Vec<u32> = (1..)
        .map(|k| k * per_page)
        .take_while(|&b| b < chart_rows)
        .collect();
    breaks.push(chart_rows);
    ws.set_page_breaks(&breaks)?;
    Ok(())
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
