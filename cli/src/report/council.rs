//! The council sheet (議会資料 / Council summary): the first sheet of the result workbook, one
//! printed page that answers a council's question — "did it change, and is that more than
//! chance?" — per item, with the method in one line and the design caveat at its foot.
//!
//! Columns are built from a list ([`columns`]) so that a column can be added beside the means
//! (the share of positive answers, once the analysis computes it) without touching the rest.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::{text, Formats};
use crate::analysis::{Analysis, Block, DesignKind, ItemResult};
use crate::lang::Lang;
use crate::stats::p_adjust::AdjustMethod;
use crate::workbook::{Layout, Survey};

/// Up to this many items the sheet is printed on one page (fit to width and height); beyond, it
/// is fitted to the page width and its header row repeated on every page.
pub(super) const ONE_PAGE_ITEMS: usize = 20;

/// Column of the shares of positive answers (text, centred).
const SHARE_COL: usize = 3;
/// Column of the change (second − first), written with its sign.
const CHANGE_COL: usize = 4;
/// Column of the change's confidence interval (text, centred).
const CI_COL: usize = 5;
/// Column of the judgement, bold when significant.
const JUDGEMENT_COL: usize = 6;

/// One column of the council table.
struct Column {
    header: String,
    /// Width in character units.
    width: f64,
    /// The cell of an item.
    value: fn(&Ctx, &ItemResult) -> Value,
}

/// What a cell holds.
enum Value {
    Num(f64),
    Text(String),
}

/// What every cell function needs.
struct Ctx<'a> {
    a: &'a Analysis,
    lang: Lang,
    /// Before/after wording ("change") rather than two groups ("difference").
    change: bool,
}

/// The two-line judgement of an item, on the adjusted p.
pub fn judgement(a: &Analysis, it: &ItemResult, change: bool, lang: Lang) -> String {
    let l2 = &a.labels[1];
    if it.excluded.is_some() || it.p_adjusted.is_nan() {
        return lang.pick("not tested", "検定できず").into();
    }
    let higher = it.mean_diff > 0.0;
    match (it.significant(a.options.alpha), change, lang) {
        (true, true, Lang::Ja) => {
            format!("有意な変化あり（{}）", if higher { "上昇" } else { "低下" })
        }
        (true, true, Lang::En) => format!(
            "significant change ({})",
            if higher { "higher" } else { "lower" }
        ),
        (true, false, Lang::Ja) => format!(
            "有意な差あり（「{l2}」が{}）",
            if higher { "高い" } else { "低い" }
        ),
        (true, false, Lang::En) => format!(
            "significant difference ({l2} {})",
            if higher { "higher" } else { "lower" }
        ),
        (false, true, _) => lang
            .pick("no significant change shown", "有意な変化は示されず")
            .into(),
        (false, false, _) => lang
            .pick("no significant difference shown", "有意な差は示されず")
            .into(),
    }
}

/// One plain sentence for an item: how much, whether more than chance, how large.
pub fn plain_sentence(a: &Analysis, it: &ItemResult, change: bool, lang: Lang) -> String {
    let [l1, l2] = &a.labels;
    if let Some(ex) = &it.excluded {
        return match lang {
            Lang::En => format!("Not tested: {}.", ex.message(lang)),
            Lang::Ja => format!("検定できませんでした（{}）。", ex.message(lang)),
        };
    }
    let diff = text::num(it.mean_diff.abs(), 2);
    let p = text::p_apa(it.p_adjusted);
    let size = match it.d {
        Some(d) if text::effect_imprecise(d.low, d.high) => lang
            .pick(
                "imprecise (its CI runs from a negative to a positive effect)",
                "不確か（信頼区間が負から正の効果にまたがる）",
            )
            .to_string(),
        d => text::magnitude_words(d, lang),
    };
    let higher = it.mean_diff > 0.0;
    if it.significant(a.options.alpha) {
        match lang {
            Lang::En => format!(
                "{l2} averaged {diff} points {} than {l1}, more than chance alone would explain (adjusted p {p}); effect size: {size}.",
                if higher { "higher" } else { "lower" }
            ),
            Lang::Ja => format!(
                "「{l2}」の平均は「{l1}」より {diff} 点{}、偶然だけでは説明しにくい{}です（補正後 p {p}）。効果量の大きさ: {size}。",
                if higher { "高く" } else { "低く" },
                if change { "変化" } else { "差" }
            ),
        }
    } else {
        match lang {
            Lang::En => format!(
                "The difference of {} points is within what chance could produce (adjusted p {p}): a {} is not shown.",
                text::num(it.mean_diff, 2),
                if change { "change" } else { "difference" }
            ),
            Lang::Ja => format!(
                "差は {} 点で、偶然の範囲を超える{}は示されませんでした（補正後 p {p}）。",
                text::num(it.mean_diff, 2),
                if change { "変化" } else { "差" }
            ),
        }
    }
}

fn columns(a: &Analysis, change: bool, lang: Lang) -> Vec<Column> {
    let [l1, l2] = &a.labels;
    let cl = text::num(a.options.conf_level * 100.0, 0);
    let (op, cp) = (lang.pick(" (", "（"), lang.pick(")", "）"));
    let mean = |l: &str| match lang {
        Lang::En => format!("Mean{op}{l}{cp}"),
        Lang::Ja => format!("平均{op}{l}{cp}"),
    };
    vec![
        Column {
            header: lang.pick("Item", "設問").into(),
            width: 34.0,
            value: |_, it| Value::Text(it.item.clone()),
        },
        Column {
            header: mean(l1),
            width: 10.0,
            value: |_, it| Value::Num(it.mean_1),
        },
        Column {
            header: mean(l2),
            width: 10.0,
            value: |_, it| Value::Num(it.mean_2),
        },
        // The share of positive answers before and after (src/report/shares.rs).
        Column {
            header: format!(
                "{}{op}{l1} → {l2}{cp}",
                lang.pick("Positive answers", "肯定的回答の割合")
            ),
            width: 15.0,
            value: |_, it| Value::Text(super::shares::council_cell(it)),
        },
        Column {
            header: format!(
                "{}{op}{l2} − {l1}{cp}",
                if change {
                    lang.pick("Change", "変化")
                } else {
                    lang.pick("Difference", "差")
                }
            ),
            width: 11.0,
            value: |_, it| Value::Num(it.mean_diff),
        },
        Column {
            header: format!("{cl}% {}", lang.pick("CI", "信頼区間")),
            width: 15.0,
            value: |_, it| Value::Text(interval(it.conf_low, it.conf_high)),
        },
        Column {
            header: lang
                .pick("Judgement (adjusted p)", "判定（補正後 p）")
                .into(),
            width: 19.0,
            value: |c, it| Value::Text(judgement(c.a, it, c.change, c.lang)),
        },
        Column {
            header: format!(
                "{}{op}{cl}% {}{cp}",
                lang.pick("Effect size d", "効果量 d"),
                lang.pick("CI", "信頼区間")
            ),
            width: 21.0,
            value: |_, it| {
                Value::Text(it.d.map_or("—".into(), |d| {
                    format!("{} {}", text::num(d.estimate, 2), interval(d.low, d.high))
                }))
            },
        },
        Column {
            header: lang.pick("In plain words", "読み方").into(),
            width: 70.0,
            value: |c, it| {
                let mut s = plain_sentence(c.a, it, c.change, c.lang);
                if let Some(share) = super::shares::sentence(c.a, it, c.change, c.lang, true) {
                    s.push_str(c.lang.pick(" ", ""));
                    s.push_str(&share);
                }
                Value::Text(super::equivalence_cols::append(s, c.a, it, true, c.lang))
            },
        },
    ]
}

/// `[0.21, 0.69]` with true minus signs; "—" when not computed.
fn interval(low: f64, high: f64) -> String {
    if low.is_nan() || high.is_nan() {
        "—".into()
    } else {
        format!("[{}, {}]", text::num(low, 2), text::num(high, 2))
    }
}

/// `true` when the comparison is a before/after one (the same sheet layout of two rounds, or
/// pairs), so the table speaks of a "change"; two groups of one sheet speak of a "difference".
pub fn is_change(survey: &Survey, a: &Analysis) -> bool {
    a.design == DesignKind::Paired || matches!(survey.layout, Layout::TwoSheets { .. })
}

/// The design caveat, in plain words, stated once (without its heading: the council sheet writes
/// "Design caveat: …", the Method sheet has it in its own row).
pub fn design_caveat(survey: &Survey, a: &Analysis, lang: Lang) -> String {
    let [l1, l2] = &a.labels;
    let not_shown = lang.pick(
        "\"Not shown\" means the answers do not show a change beyond chance; it does not mean the initiative had no effect.",
        "「示されず」は、偶然の範囲を超える変化がデータから読み取れなかったという意味であり、「効果がなかった」ことを示すものではありません。",
    );
    if let Some(c) = &a.compare {
        return super::compare_sheet::caveat(c, lang);
    }
    if is_change(survey, a) {
        match lang {
            Lang::En => format!(
                "this compares {l1} with {l2} without a comparison group (staff not reached by the initiative), so it shows whether the answers changed, not that the initiative caused the change (other events of the same period can change answers too). {not_shown}"
            ),
            Lang::Ja => format!(
                "この比較には比較対照群（取組の対象とならなかった職員など）がないため、「{l1}」から「{l2}」で回答が変わったかどうかは分かりますが、その変化が取組によって生じたとまでは言えません（同じ時期の他の出来事でも回答は変わりえます）。{not_shown}"
            ),
        }
    } else {
        match lang {
            Lang::En => format!(
                "{l1} and {l2} are groups the respondents were not randomly assigned to (e.g. whether they chose to use telework), so this is an observational comparison: a difference may come from how the groups differ anyway, not from the initiative or the attribute itself. {}",
                not_shown.replace("a change", "a difference")
            ),
            Lang::Ja => format!(
                "「{l1}」と「{l2}」は無作為に割り当てた群ではなく（例: テレワークを利用するかどうかを本人が選んだ群）、観察による比較です。群の間の差は、もともとの群の違いによる可能性があり、取組や属性そのものの効果とは限りません。{}",
                not_shown.replace("変化", "差")
            ),
        }
    }
}

/// The method in one line. When p-values are adjusted it says the intervals are not (a CI of
/// [−0.84, −0.14] beside 「有意な変化は示されず」 puzzles a reader otherwise).
fn method_line(a: &Analysis, block: &Block, lang: Lang) -> String {
    let tested = block.items.iter().filter(|i| i.excluded.is_none()).count();
    let adjusted = a.options.adjust != AdjustMethod::None
        && (tested > 1 || a.options.adjust_family != crate::analysis::AdjustFamily::Items);
    let note = match (adjusted, lang) {
        (false, _) => "",
        (true, Lang::En) => " The CIs are not adjusted for the number of p-values, so an interval that excludes 0 can stand beside \"no significant change\".",
        (true, Lang::Ja) => "信頼区間は補正前のものなので、0 を含まない区間でも補正後の判定が「示されず」となることがあります。",
    };
    method_text(a, block, lang, note)
}

/// [`method_line`] with `note` after the sentence on the intervals.
fn method_text(a: &Analysis, block: &Block, lang: Lang, note: &str) -> String {
    let tested = block.items.iter().filter(|i| i.excluded.is_none()).count();
    let alpha = text::num(a.options.alpha, 3)
        .trim_end_matches('0')
        .to_string();
    let alpha = alpha.trim_start_matches('0');
    let cl = text::num(a.options.conf_level * 100.0, 0);
    let correction = text::adjust_name(a.options.adjust, lang);
    if a.options.adjust_family == crate::analysis::AdjustFamily::Waves {
        // Three or more waves: the family is every comparison × item (src/analysis/waves.rs).
        return match lang {
            Lang::En => format!(
                "Method: {} per item; the p-values of every comparison of two waves × item are adjusted together ({correction}), and an item is judged significant when its adjusted p < {alpha}. CI: {cl}% confidence interval; d: Cohen's d, its magnitude after Cohen (1988).{note} Details: the Waves, Trend, Results, Method and Checks sheets.",
                a.test.name(lang)
            ),
            Lang::Ja => format!(
                "方法: 設問ごとに{}{}を行い、時点どうしのすべての比較 × 設問の p 値をまとめて補正し（{correction}）、補正後の p が {alpha} 未満の設問を「有意」と判定しました。信頼区間は {cl}% 信頼区間、d は効果量（Cohen の d、大きさの目安は Cohen 1988）です。{note}詳細は「時点比較」「推移」「結果」「方法」「データ確認」シートを参照してください。",
                if a.test.name(lang).starts_with(|c: char| c.is_ascii()) { " " } else { "" },
                a.test.name(lang)
            ),
        };
    }
    match lang {
        Lang::En => format!(
            "Method: {} per item; the p-values of the {tested} items tested are adjusted together ({correction}), and an item is judged significant when its adjusted p < {alpha}. CI: {cl}% confidence interval; d: Cohen's d, its magnitude after Cohen (1988).{note} Details: the Results, Method and Checks sheets.",
            a.test.name(lang)
        ),
        Lang::Ja => format!(
            "方法: 設問ごとに{}{}を行い、検定した {tested} 問の p 値をまとめて補正し（{correction}）、補正後の p が {alpha} 未満の設問を「有意」と判定しました。信頼区間は {cl}% 信頼区間、d は効果量（Cohen の d、大きさの目安は Cohen 1988）です。{note}詳細は「結果」「方法」「データ確認」シートを参照してください。",
            // 「設問ごとに Welch の…」: a space before Latin text, none before kanji.
            if a.test.name(lang).starts_with(|c: char| c.is_ascii()) { " " } else { "" },
            a.test.name(lang)
        ),
    }
}

/// Writes the council sheet. `extra` lines (breakdown notes, withheld groups) go under the
/// caveat.
pub(super) fn write_council(
    ws: &mut Worksheet,
    survey: &Survey,
    a: &Analysis,
    f: &Formats,
    extra: &[String],
    lang: Lang,
) -> Result<(), XlsxError> {
    let [l1, l2] = &a.labels;
    let change = is_change(survey, a);
    let ctx = Ctx { a, lang, change };
    let block = &a.blocks[0];
    let cols = columns(a, change, lang);
    let last = cols.len() as u16 - 1;
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_border_bottom(FormatBorder::Hair);
    let num = cell.clone().set_num_format("0.00");
    // Changes carry their sign: +0.50, −0.08 (true minus, as in the text).
    let signed = cell.clone().set_num_format("+0.00;\"−\"0.00;0.00");
    let sig = cell.clone().set_bold();
    let centred = cell.clone().set_align(FormatAlign::Center);
    let foot = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    let title = match lang {
        Lang::En => format!("Council summary: {l1} and {l2} compared"),
        Lang::Ja => format!("議会資料: 「{l1}」と「{l2}」の比較"),
    };
    ws.write_string_with_format(0, 0, &title, &f.title)?;
    let who = match (lang, a.design) {
        (Lang::En, DesignKind::Paired) => format!(
            "{} respondents who answered both times (paired); {} item(s).",
            block.rows_first.len(),
            block.items.len()
        ),
        (Lang::Ja, DesignKind::Paired) => format!(
            "両方の回に回答した {} 人（同じ回答者どうしで比較）、{} 問。",
            block.rows_first.len(),
            block.items.len()
        ),
        (Lang::En, DesignKind::Independent) => format!(
            "{} respondents ({l1} {}, {l2} {}); {} item(s).",
            block.rows_first.len() + block.rows_second.len(),
            block.rows_first.len(),
            block.rows_second.len(),
            block.items.len()
        ),
        (Lang::Ja, DesignKind::Independent) => format!(
            "回答者 {} 人（「{l1}」{} 人、「{l2}」{} 人）、{} 問。",
            block.rows_first.len() + block.rows_second.len(),
            block.rows_first.len(),
            block.rows_second.len(),
            block.items.len()
        ),
    };
    ws.write_string(1, 0, &who)?;

    let head = 3u32;
    // The header row is as tall as its longest wrapped header (a change header that names two
    // long wave labels, 「変化（令和6年度 − 令和4年度）」, took three lines and was cut at two).
    let mut head_lines = 2.0f64;
    for (c, col) in cols.iter().enumerate() {
        ws.write_string_with_format(head, c as u16, &col.header, &f.header)?;
        ws.set_column_width(c as u16, col.width)?;
        head_lines = head_lines.max((super::text_units(&col.header) / (col.width - 1.0)).ceil());
    }
    ws.set_row_height(head, 15.0 * head_lines + 2.0)?;
    let mut row = head + 1;
    for it in &block.items {
        let significant = it.excluded.is_none() && it.significant(a.options.alpha);
        let mut lines = 1.0f64;
        for (c, col) in cols.iter().enumerate() {
            let fmt = if significant && c == JUDGEMENT_COL {
                &sig
            } else if c == CI_COL || c == SHARE_COL {
                &centred
            } else {
                &cell
            };
            match (col.value)(&ctx, it) {
                Value::Num(v) if v.is_finite() => {
                    let fmt = if c == CHANGE_COL { &signed } else { &num };
                    ws.write_number_with_format(row, c as u16, v, fmt)?;
                }
                Value::Num(_) => {
                    ws.write_string_with_format(row, c as u16, "—", &cell)?;
                }
                Value::Text(t) => {
                    lines = lines.max((super::text_units(&t) / (col.width - 1.0)).ceil());
                    ws.write_string_with_format(row, c as u16, &t, fmt)?;
                }
            }
        }
        ws.set_row_height(row, 15.0 * lines + 3.0)?;
        row += 1;
    }
    row += 1;
    let total_width: f64 = cols.iter().map(|c| c.width).sum();
    let caveat = match lang {
        Lang::En => format!("Design caveat: {}", design_caveat(survey, a, lang)),
        Lang::Ja => format!("調査設計上の注意: {}", design_caveat(survey, a, lang)),
    };
    let mut foot_lines = vec![method_line(a, block, lang), caveat];
    foot_lines.extend(extra.iter().cloned());
    for line in &foot_lines {
        ws.merge_range(row, 0, row, last, "", &foot)?;
        ws.write_string_with_format(row, 0, line, &foot)?;
        let lines = (super::text_units(line) / (total_width - 4.0))
            .ceil()
            .max(1.0);
        ws.set_row_height(row, 15.0 * lines + 3.0)?;
        row += 1;
    }

    // A4 landscape, narrow margins; one page up to ONE_PAGE_ITEMS items, otherwise fit to width
    // with the header row repeated.
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_print_area(0, 0, row - 1, last)?;
    if block.items.len() <= ONE_PAGE_ITEMS {
        ws.set_print_fit_to_pages(1, 1);
    } else {
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(head, head)?;
    }
    ws.set_footer("&L&A&R&P / &N");
    ws.set_freeze_panes(head + 1, 1)?;
    Ok(())
}
