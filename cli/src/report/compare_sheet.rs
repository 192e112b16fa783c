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

/// Sheet name in `lang`.
pub fn sheet_name(lang: Lang) -> &'static str {
    lang.pick("Comparison group", "比較対照群")
}

/// `受講 = あり` / `受講が「あり」`.
fn level_text(column: &str, level: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{column} = {level}"),
        Lang::Ja => format!("{column}が「{level}」"),
    }
}

/// The comparison of one item in one sentence (council and comparison sheets).
pub fn sentence(a: &Analysis, c: &Comparison, it: &CompareItem, lang: Lang) -> String {
    let col = &c.levels.column;
    let [control, treated] = &c.levels.levels;
    let (t, k) = (
        level_text(col, treated, lang),
        level_text(col, control, lang),
    );
    if let Some(ex) = &it.excluded {
        return format!("{}: {}", it.item, ex.message(lang));
    }
    let cl = text::num(a.options.conf_level * 100.0, 0);
    let ci = format!(
        "[{}, {}]",
        text::num(it.conf_low, 2),
        text::num(it.conf_high, 2)
    );
    let p = text::p_apa(it.p_adjusted);
    let size = text::num(it.change_diff.abs(), 2);
    let sig = it.significant(a.options.alpha);
    let larger = it.change_diff >= 0.0;
    match lang {
        Lang::En => {
            let dir = if larger { "larger" } else { "smaller" };
            let tail = if sig {
                ""
            } else {
                "; a difference this size is within chance"
            };
            format!(
                "{}: the change among staff with {t} was {size} points {dir} than among staff with {k} ({cl}% CI {ci}, adjusted p {p}){tail}.",
                it.item
            )
        }
        Lang::Ja => {
            let dir = if larger {
                "大きかった"
            } else {
                "小さかった"
            };
            let tail = if sig {
                ""
            } else {
                "。ただし、偶然の範囲を超える差とはいえません"
            };
            format!(
                "{}: {t}の職員の変化は、{k}の職員の変化より {size} 点{dir}（{cl}% 信頼区間 {ci}、補正後 p {p}）{tail}。",
                it.item
            )
        }
    }
}

/// The council sheet's lines: a heading, then one sentence per item.
pub fn council_lines(a: &Analysis, c: &Comparison, lang: Lang) -> Vec<String> {
    let col = &c.levels.column;
    let [control, treated] = &c.levels.levels;
    let [l1, l2] = &a.labels;
    let n = &c.levels.counts;
    // Respondents of a level: pairs, or the number in each sheet.
    let count = |l: usize| match (c.method, lang) {
        (CompareMethod::WelchChangeScores, Lang::En) => format!("n = {}", n[l][0]),
        (CompareMethod::WelchChangeScores, Lang::Ja) => format!("{} 人", n[l][0]),
        (CompareMethod::DifferenceInDifferences, Lang::En) => {
            format!("n = {} in {l1}, {} in {l2}", n[l][0], n[l][1])
        }
        (CompareMethod::DifferenceInDifferences, Lang::Ja) => {
            format!("「{l1}」{} 人・「{l2}」{} 人", n[l][0], n[l][1])
        }
    };
    let head = match lang {
        Lang::En => format!(
            "Comparison group ({}): did the change from {l1} to {l2} differ between staff with {} ({}) and staff with {} ({})? {}; details on the {} sheet.",
            c.method.name(lang),
            level_text(col, treated, lang),
            count(1),
            level_text(col, control, lang),
            count(0),
            text::adjust_name(a.options.adjust, lang),
            sheet_name(lang)
        ),
        Lang::Ja => format!(
            "比較対照群との比較（{}）: 「{l1}」から「{l2}」への変化が、{}の職員（{}）と{}の職員（{}）で異なるか。{}。詳細は「{}」シートを参照。",
            c.method.name(lang),
            level_text(col, treated, lang),
            count(1),
            level_text(col, control, lang),
            count(0),
            text::adjust_name(a.options.adjust, lang),
            sheet_name(lang)
        ),
    };
    std::iter::once(head)
        .chain(c.items.iter().map(|it| sentence(a, c, it, lang)))
        .collect()
}

/// The design caveat of a run with a comparison group.
pub fn caveat(c: &Comparison, lang: Lang) -> String {
    let col = &c.levels.column;
    let [control, treated] = &c.levels.levels;
    match lang {
        Lang::En => format!(
            "the change of staff with {} is compared with the change of staff with {}. The two groups were not assigned at random (who takes part is chosen by the staff or their workplace), so a larger change among participants supports, but does not prove, that the initiative caused it: the groups may differ in other ways that also change their answers. \"Within chance\" means the data do not show a difference in change; it does not mean the initiative had no effect.",
            level_text(col, treated, lang),
            level_text(col, control, lang)
        ),
        Lang::Ja => format!(
            "{}の職員の変化を、{}の職員の変化と比べています。2 つの群は無作為に割り当てたものではない（参加するかどうかは本人や職場の事情で決まる）ため、参加した職員の変化のほうが大きい場合、それは取組の効果を裏付ける材料にはなりますが、取組が原因であることの証明にはなりません（群の間のほかの違いが回答の変化に影響している可能性があります）。「偶然の範囲」とは変化の差がデータから読み取れなかったという意味であり、「効果がなかった」ことを示すものではありません。",
            level_text(col, treated, lang),
            level_text(col, control, lang)
        ),
    }
}

/// Rows for the Method sheet.
pub fn method_rows(a: &Analysis, lang: Lang) -> Vec<(&'static str, String)> {
    let Some(c) = &a.compare else {
        return Vec::new();
    };
    let [l1, l2] = &a.labels;
    let blank = c.levels.blank;
    let g = match (c.method, lang) {
        (CompareMethod::WelchChangeScores, Lang::En) => "; effect size: Hedges' g of the change scores (standardiser: square root of the mean of the two groups' change-score variances, as effectsize::hedges_g(pooled_sd = FALSE)), CI from the noncentral t",
        (CompareMethod::WelchChangeScores, Lang::Ja) => "。効果量は変化量の Hedges の g（標準化には 2 群の変化量の分散の平均の平方根を使用。effectsize::hedges_g(pooled_sd = FALSE) と同じ）、信頼区間は非心 t 分布による",
        (CompareMethod::DifferenceInDifferences, Lang::En) => "; no standardised effect size (the four groups share no single SD)",
        (CompareMethod::DifferenceInDifferences, Lang::Ja) => "。4 群に共通の標準偏差がないため、標準化した効果量は示さない",
    };
    vec![
        (
            lang.pick("Comparison test", "比較対照群の検定"),
            match lang {
                Lang::En => format!(
                    "test: {}{g}; difference in change = (participants' {l2} − {l1}) − (comparison group's {l2} − {l1}); p adjusted across items ({}); respondents with a blank {}: {blank} (left out of the comparison only); a group below --min-group {} is not shown",
                    c.method.name(lang),
                    text::adjust_name(a.options.adjust, lang),
                    c.levels.column,
                    a.options.min_group
                ),
                Lang::Ja => format!(
                    "検定: {}{g}。変化の差 =（参加した群の「{l2}」−「{l1}」）−（比較対照群の「{l2}」−「{l1}」）。p 値は設問の間で補正（{}）。「{}」が空欄の回答者 {blank} 人は比較からのみ除外。--min-group の {} 人未満の群は表示しない",
                    c.method.name(lang),
                    text::adjust_name(a.options.adjust, lang),
                    c.levels.column,
                    a.options.min_group
                ),
            },
        ),
    ]
}

/// Width of the comparison table's columns, in character units: item, group, then numbers.
const ITEM_WIDTH: f64 = 20.0;
const GROUP_WIDTH: f64 = 10.0;
const NUM_WIDTH: f64 = 7.5;
const CI_WIDTH: f64 = 15.0;

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
    let col = &c.levels.column;
    let [control, treated] = &c.levels.levels;
    let [l1, l2] = &a.labels;
    let cl = text::num(a.options.conf_level * 100.0, 0);
    let paired = c.method == CompareMethod::WelchChangeScores;
    let title = match lang {
        Lang::En => format!(
            "Comparison group: change from {l1} to {l2}, {} against {}",
            level_text(col, treated, lang),
            level_text(col, control, lang)
        ),
        Lang::Ja => format!(
            "比較対照群: 「{l1}」から「{l2}」への変化（{}の職員と{}の職員の比較）",
            level_text(col, treated, lang),
            level_text(col, control, lang)
        ),
    };
    ws.write_string_with_format(0, 0, &title, &f.title)?;
    let (ev_en, ev_ja) = &c.levels.evidence;
    let n = &c.levels.counts;
    let who = match (lang, paired) {
        (Lang::En, true) => format!(
            "Method: {}; {} pairs with {}, {} with {}; {} pair(s) with a blank {col} left out.",
            c.method.name(lang),
            n[1][0],
            treated,
            n[0][0],
            control,
            c.levels.blank
        ),
        (Lang::Ja, true) => format!(
            "方法: {}。「{treated}」{} 人、「{control}」{} 人（両方の回に回答した人）。「{col}」が空欄の {} 人は除外。",
            c.method.name(lang),
            n[1][0],
            n[0][0],
            c.levels.blank
        ),
        (Lang::En, false) => format!(
            "Method: {}; {treated}: {l1} {}, {l2} {}; {control}: {l1} {}, {l2} {}; {} respondent(s) with a blank {col} left out.",
            c.method.name(lang),
            n[1][0],
            n[1][1],
            n[0][0],
            n[0][1],
            c.levels.blank
        ),
        (Lang::Ja, false) => format!(
            "方法: {}。「{treated}」: 「{l1}」{} 人・「{l2}」{} 人、「{control}」: 「{l1}」{} 人・「{l2}」{} 人。「{col}」が空欄の {} 人は除外。",
            c.method.name(lang),
            n[1][0],
            n[1][1],
            n[0][0],
            n[0][1],
            c.levels.blank
        ),
    };
    let orientation = match lang {
        Lang::En => format!("Difference in change = change of {treated} − change of {control}; change = {l2} − {l1} (positive: the answers rose more among {treated})."),
        Lang::Ja => format!("変化の差 =「{treated}」の変化 −「{control}」の変化。変化 =「{l2}」−「{l1}」（正の値は「{treated}」の職員のほうが回答が上がったことを示す）。"),
    };
    let notes = [who, lang.pick(ev_en, ev_ja).to_string(), orientation];

    let mut headers: Vec<(String, f64)> = vec![
        (lang.pick("Item", "設問").to_string(), ITEM_WIDTH),
        (col.to_string(), GROUP_WIDTH),
    ];
    for cond in [l1, l2] {
        for h in ["n", lang.pick("mean", "平均"), "SD"] {
            headers.push((format!("{cond} {h}"), NUM_WIDTH));
        }
    }
    headers.push((lang.pick("change", "変化").to_string(), NUM_WIDTH));
    headers.push((
        lang.pick("difference in change", "変化の差").to_string(),
        NUM_WIDTH + 1.0,
    ));
    headers.push((format!("{cl}% CI {}", lang.pick("low", "下限")), NUM_WIDTH));
    headers.push((format!("{cl}% CI {}", lang.pick("high", "上限")), NUM_WIDTH));
    headers.push(("t".into(), NUM_WIDTH));
    headers.push(("df".into(), NUM_WIDTH));
    headers.push(("p".into(), NUM_WIDTH));
    headers.push((lang.pick("adjusted p", "補正後 p").to_string(), NUM_WIDTH));
    if paired {
        headers.push(("Hedges' g".into(), NUM_WIDTH));
        headers.push((format!("g {cl}% CI"), CI_WIDTH));
    }
    let last = headers.len() as u16 - 1;
    let total: f64 = headers.iter().map(|h| h.1).sum();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let put_line = |ws: &mut Worksheet, r: u32, line: &str| -> Result<(), XlsxError> {
        ws.merge_range(r, 0, r, last, "", &wrap)?;
        ws.write_string_with_format(r, 0, line, &wrap)?;
        let lines = (text_units(line) / (total - 4.0)).ceil().max(1.0);
        ws.set_row_height(r, 15.0 * lines + 3.0)?;
        Ok(())
    };
    for (i, line) in notes.iter().enumerate() {
        put_line(ws, 1 + i as u32, line)?;
    }
    let head = 1 + notes.len() as u32 + 1;
    for (i, (h, w)) in headers.iter().enumerate() {
        ws.write_string_with_format(head, i as u16, h, &f.header)?;
        ws.set_column_width(i as u16, *w)?;
    }
    ws.set_row_height(head, 32)?;

    let cell = Format::new().set_align(FormatAlign::VerticalCenter);
    let item_fmt = cell
        .clone()
        .set_text_wrap()
        .set_border_bottom(FormatBorder::Thin);
    let int = cell.clone().set_num_format("0");
    let num = cell.clone().set_num_format("0.00");
    let p_fmt = cell.clone().set_num_format("[<0.001]\"<.001\";0.000");
    let signed = cell.clone().set_num_format("+0.00;\"−\"0.00;0.00");
    let bold_signed = signed.clone().set_bold();
    let mut row = head + 1;
    for it in &c.items {
        ws.merge_range(row, 0, row + 1, 0, "", &item_fmt)?;
        ws.write_string_with_format(row, 0, &it.item, &item_fmt)?;
        let shown = !matches!(it.excluded, Some(CompareExclusion::Small { .. }));
        for (k, level) in [1usize, 0].into_iter().enumerate() {
            let r = row + k as u32;
            ws.write_string_with_format(r, 1, &c.levels.levels[level], &cell)?;
            let mut colno = 2u16;
            for cond in 0..2 {
                if shown {
                    ws.write_number_with_format(r, colno, it.n[level][cond] as f64, &int)?;
                    put_num(ws, r, colno + 1, it.mean[level][cond], &num, &f.missing)?;
                    put_num(ws, r, colno + 2, it.sd[level][cond], &num, &f.missing)?;
                } else {
                    for j in 0..3 {
                        ws.write_string_with_format(r, colno + j, "—", &f.missing)?;
                    }
                }
                colno += 3;
            }
            put_num(ws, r, colno, it.change[level], &signed, &f.missing)?;
        }
        let mut colno = 9u16;
        let diff_fmt = if it.significant(a.options.alpha) {
            &bold_signed
        } else {
            &signed
        };
        for (v, fmt) in [
            (it.change_diff, diff_fmt),
            (it.conf_low, &num),
            (it.conf_high, &num),
            (it.statistic, &num),
            (it.df, &num),
            (it.p_value, &p_fmt),
            (it.p_adjusted, &p_fmt),
        ] {
            put_num(ws, row, colno, v, fmt, &f.missing)?;
            colno += 1;
        }
        if paired {
            match it.g {
                Some(g) => {
                    put_num(ws, row, colno, g.estimate, &num, &f.missing)?;
                    ws.write_string_with_format(
                        row,
                        colno + 1,
                        format!("[{}, {}]", text::num(g.low, 2), text::num(g.high, 2)),
                        &cell,
                    )?;
                }
                None => {
                    ws.write_string_with_format(row, colno, "—", &f.missing)?;
                    ws.write_string_with_format(row, colno + 1, "—", &f.missing)?;
                }
            }
        }
        // A thin line under the test's columns of each item (empty on its second row).
        let rule = Format::new().set_border_bottom(FormatBorder::Thin);
        for k in 9..=last {
            ws.write_blank(row + 1, k, &rule)?;
        }
        row += 2;
    }
    row += 1;
    for it in &c.items {
        put_line(ws, row, &sentence(a, c, it, lang))?;
        row += 1;
    }
    ws.set_freeze_panes(head + 1, 2)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_print_area(0, 0, row - 1, last)?;
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
        evidence: lang
            .pick(&c.levels.evidence.0, &c.levels.evidence.1)
            .to_string(),
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
