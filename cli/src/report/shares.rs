//! The shares of positive answers in the result workbook: the columns of the Results sheet, the
//! council sheet's share column and sentence, and the Method sheet's rows.

use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

use super::{put_num, text, Formats, Kind};
use crate::analysis::shares::{self, Share, ShareRule};
use crate::analysis::{AdjustFamily, Analysis, DesignKind, ItemResult};
use crate::lang::Lang;
use crate::workbook::Survey;

/// `40.4%`.
fn pct(v: f64) -> String {
    format!("{}%", text::num(v * 100.0, 1))
}

/// Percentage points with one decimal and a true minus sign.
fn points(v: f64) -> String {
    text::num(v * 100.0, 1)
}

/// The Results sheet's share columns (after the means' columns, before Notes).
pub(super) fn result_headers(a: &Analysis, lang: Lang) -> Vec<(String, Kind)> {
    let [l1, l2] = &a.labels;
    let cl = text::num(a.options.conf_level * 100.0, 0);
    let (op, cp) = (lang.pick(" (", "（"), lang.pick(")", "）"));
    vec![
        (
            lang.pick("Positive answers (scores)", "肯定的回答（得点）")
                .into(),
            Kind::Text,
        ),
        (
            format!("{}{op}{l1}{cp}", lang.pick("Positive %", "肯定的回答 %")),
            Kind::Num2,
        ),
        (
            format!("{}{op}{l2}{cp}", lang.pick("Positive %", "肯定的回答 %")),
            Kind::Num2,
        ),
        (
            format!(
                "{}{op}{l2} − {l1}{cp}",
                lang.pick("Share difference (points)", "割合の差（ポイント）")
            ),
            Kind::Num2,
        ),
        (
            format!(
                "{} {cl}% {}",
                lang.pick("Share difference", "割合の差"),
                lang.pick("CI low", "信頼区間 下限")
            ),
            Kind::Num2,
        ),
        (
            format!(
                "{} {cl}% {}",
                lang.pick("Share difference", "割合の差"),
                lang.pick("CI high", "信頼区間 上限")
            ),
            Kind::Num2,
        ),
        (
            lang.pick("Share p (two-sided)", "割合の p（両側）").into(),
            Kind::P,
        ),
        (
            format!(
                "{}{op}{}{cp}",
                lang.pick("Share adjusted p", "割合の補正後 p"),
                text::adjust_key(a.options.adjust)
            ),
            Kind::P,
        ),
    ]
}

/// Writes the share cells of one item from column `col`; returns the next column.
pub(super) fn write_result_cells(
    ws: &mut Worksheet,
    row: u32,
    mut col: u16,
    a: &Analysis,
    it: &ItemResult,
    f: &Formats,
) -> Result<u16, XlsxError> {
    let positive = a
        .shares
        .items
        .get(it.index)
        .map(|r| shares::positive_text(&r.positive))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "—".into());
    // Centred: left-aligned, "4, 5" ran into the right-aligned p of the column before it
    // ("0.4994, 5" on the printed page).
    let centred = Format::new().set_align(FormatAlign::Center);
    ws.write_string_with_format(row, col, &positive, &centred)?;
    col += 1;
    let s = it.share;
    let get = |g: fn(&Share) -> f64| s.as_ref().map_or(f64::NAN, g);
    for (v, fmt) in [
        (get(|s| s.share_1 * 100.0), &f.num2),
        (get(|s| s.share_2 * 100.0), &f.num2),
        (get(|s| s.diff * 100.0), &f.num2),
        (get(|s| s.conf_low * 100.0), &f.num2),
        (get(|s| s.conf_high * 100.0), &f.num2),
        (get(|s| s.p_value), &f.p),
        (get(|s| s.p_adjusted), &f.p),
    ] {
        put_num(ws, row, col, v, fmt, &f.missing)?;
        col += 1;
    }
    Ok(col)
}

/// The council sheet's share cell: `40.4% → 58.7%`, "—" without a share.
pub fn council_cell(it: &ItemResult) -> String {
    match it.share {
        Some(s) => format!("{} → {}", pct(s.share_1), pct(s.share_2)),
        None => "—".into(),
    }
}

/// The share sentence of an item, e.g. 「肯定的回答の割合は 62.0% から 68.5% へ 6.5 ポイント増加した
/// （95% CI 1.2〜11.8 ポイント、補正後 p = .021）。」; `None` without a share. `change`: before/after
/// wording; otherwise two groups.
///
/// `polite`: the council sheet's です・ます form (its other sentences use it); the Summary sheet
/// keeps the plain form. English is the same either way.
pub fn sentence(
    a: &Analysis,
    it: &ItemResult,
    change: bool,
    lang: Lang,
    polite: bool,
) -> Option<String> {
    // The Japanese verb endings of the two registers.
    let (was, unchanged, did, not_shown, higher, lower, computable, not_computable) = if polite {
        (
            "でした",
            "変わりませんでした",
            "しました",
            "示されませんでした",
            "高くなっています",
            "低くなっています",
            "計算できますが",
            "計算できません",
        )
    } else {
        (
            "だった",
            "変わらなかった",
            "した",
            "示されなかった",
            "高い",
            "低い",
            "計算できるが",
            "計算できない",
        )
    };
    let s = it.share?;
    let [l1, l2] = &a.labels;
    let cl = text::num(a.options.conf_level * 100.0, 0);
    let (p1, p2, d) = (pct(s.share_1), pct(s.share_2), points(s.diff.abs()));
    let ci = match lang {
        Lang::En => format!(
            "{cl}% CI {} to {} points",
            points(s.conf_low),
            points(s.conf_high)
        ),
        Lang::Ja => format!(
            "{cl}% CI {}〜{} ポイント",
            points(s.conf_low),
            points(s.conf_high)
        ),
    };
    // Nobody (or everybody) positive on both sides, independent groups: no chi-square p.
    if s.p_adjusted.is_nan() {
        return Some(match lang {
            Lang::En => format!(
                "The share of positive answers was {p1} in both {l1} and {l2} ({ci}, Newcombe's interval, still defined; no chi-square p: every answer lies on the same side)."
            ),
            Lang::Ja => format!(
                "肯定的回答の割合は「{l1}」「{l2}」とも {p1} {was}（{ci}。Newcombe 法の信頼区間は{computable}、全員の回答が同じ側にあるため χ² 検定の p 値は{not_computable}）。"
            ),
        });
    }
    let p = text::p_apa(s.p_adjusted);
    let significant = s.p_adjusted < a.options.alpha;
    let up = s.diff > 0.0;
    let same = s.diff == 0.0;
    let end_change = match significant {
        true => "。".to_string(),
        false => format!("が、偶然の範囲を超える変化は{not_shown}。"),
    };
    let end_diff = match significant {
        true => "。".to_string(),
        false => format!("が、偶然の範囲を超える差は{not_shown}。"),
    };
    let sentence = match (lang, change, same) {
        (Lang::Ja, true, true) => {
            format!("肯定的回答の割合は {p1} で{unchanged}（{ci}、補正後 p {p}）。")
        }
        (Lang::Ja, true, false) => format!(
            "肯定的回答の割合は {p1} から {p2} へ {d} ポイント{}{did}（{ci}、補正後 p {p}）{}",
            if up { "増加" } else { "減少" },
            end_change
        ),
        (Lang::Ja, false, true) => format!(
            "肯定的回答の割合は「{l1}」「{l2}」とも {p1} {was}（{ci}、補正後 p {p}）。"
        ),
        (Lang::Ja, false, false) => format!(
            "肯定的回答の割合は「{l1}」{p1}、「{l2}」{p2} で、「{l2}」が {d} ポイント{}（{ci}、補正後 p {p}）{}",
            if up { higher } else { lower },
            end_diff
        ),
        (Lang::En, true, true) => format!(
            "The share of positive answers stayed at {p1} ({ci}; adjusted p {p})."
        ),
        (Lang::En, true, false) => format!(
            "The share of positive answers {} from {p1} to {p2}, by {d} points ({ci}; adjusted p {p}){}",
            if up { "rose" } else { "fell" },
            if significant {
                "."
            } else {
                "; a change beyond chance is not shown."
            }
        ),
        (Lang::En, false, true) => format!(
            "The share of positive answers was {p1} in both {l1} and {l2} ({ci}; adjusted p {p})."
        ),
        (Lang::En, false, false) => format!(
            "The share of positive answers was {p1} in {l1} and {p2} in {l2}: {d} points {} in {l2} ({ci}; adjusted p {p}){}",
            if up { "higher" } else { "lower" },
            if significant {
                "."
            } else {
                "; a difference beyond chance is not shown."
            }
        ),
    };
    Some(sentence)
}

/// Which answers count as positive, in a few words ("the top two points of each item's scale").
fn rule_words(rule: ShareRule, lang: Lang) -> String {
    match (rule, lang) {
        (ShareRule::TopBox { k: 2, .. }, Lang::En) => {
            "the top two points of each item's scale".into()
        }
        (ShareRule::TopBox { k: 2, .. }, Lang::Ja) => "各設問の尺度の上位 2 段階".into(),
        (ShareRule::TopBox { k, .. }, Lang::En) => {
            format!("the top {k} point(s) of each item's scale (--top-box {k})")
        }
        (ShareRule::TopBox { k, .. }, Lang::Ja) => {
            format!("各設問の尺度の上位 {k} 段階（--top-box {k}）")
        }
        (ShareRule::Positive(_), Lang::En) => format!(
            "the scores {} (--positive)",
            rule.scores()
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (ShareRule::Positive(_), Lang::Ja) => format!(
            "得点 {}（--positive で指定）",
            rule.scores()
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join("、")
        ),
    }
}

fn test_words(a: &Analysis, lang: Lang) -> &'static str {
    match (a.test.is_paired(), lang) {
        (true, Lang::En) => "Newcombe's paired score interval (1998, method 10); p from the exact McNemar test (two-sided binomial test on the respondents who changed side)",
        (true, Lang::Ja) => "信頼区間は Newcombe の対応のあるスコア法（1998、方法 10）、p 値は McNemar の正確検定（回答が肯定側と否定側の間で変わった人についての両側二項検定）",
        (false, Lang::En) => "Newcombe's hybrid score interval (1998, method 10); p from Pearson's chi-square test without continuity correction",
        (false, Lang::Ja) => "信頼区間は Newcombe のハイブリッド・スコア法（1998、方法 10）、p 値は連続性補正なしの Pearson の χ² 検定",
    }
}

/// The council sheet's foot line about the shares (`None` when no item has a share).
pub fn council_foot(a: &Analysis, lang: Lang) -> Option<String> {
    let [l1, l2] = &a.labels;
    let correction = text::adjust_name(a.options.adjust, lang);
    a.blocks.first()?.items.iter().find(|i| i.share.is_some())?;
    let waves = a.options.adjust_family == AdjustFamily::Waves;
    let (over_en, over_ja) = if waves {
        (
            "over every comparison of two waves × item",
            "すべての時点の比較 × 設問をまとめて",
        )
    } else {
        ("across the items", "設問の間で")
    };
    Some(match lang {
        Lang::En => format!(
            "Positive answers: {}. Share differences are {l2} − {l1} in percentage points; {}; the shares' p-values are adjusted {over_en} ({correction}) apart from the means'.",
            rule_words(a.shares.rule, lang),
            test_words(a, lang)
        ),
        Lang::Ja => format!(
            "肯定的回答: {}。割合の差は「{l2} − {l1}」のポイント差。{}。割合の p 値は平均の p 値とは別に、{over_ja}補正（{correction}）。",
            rule_words(a.shares.rule, lang),
            test_words(a, lang)
        ),
    })
}

/// The Method sheet's rows about the shares.
pub(super) fn method_rows(
    survey: &Survey,
    a: &Analysis,
    lang: Lang,
) -> Vec<(&'static str, String)> {
    let cl = text::num(a.options.conf_level * 100.0, 0);
    let correction = text::adjust_name(a.options.adjust, lang);
    let family = match (a.options.adjust_family, survey.by_column.is_some(), lang) {
        (AdjustFamily::All, true, Lang::En) => {
            " (with --adjust-family all: every breakdown group × item of them together)"
        }
        (AdjustFamily::All, true, Lang::Ja) => {
            "（--adjust-family all のため、内訳の群 × 設問をまとめて補正）"
        }
        (AdjustFamily::Waves, _, Lang::En) => {
            " (with waves: every comparison of two waves × item together)"
        }
        (AdjustFamily::Waves, _, Lang::Ja) => {
            "（3 時点以上のため、時点の比較 × 設問をまとめて 1 つの族として補正）"
        }
        (_, true, Lang::En) => " (within each breakdown group)",
        (_, true, Lang::Ja) => "（内訳の群ごとに補正）",
        _ => "",
    };
    let pairs = match (a.design, lang) {
        (DesignKind::Paired, Lang::En) => "complete pairs only, as for the means",
        (DesignKind::Paired, Lang::Ja) => "平均と同じく、両方の回答がそろった人のみ",
        (DesignKind::Independent, Lang::En) => "missing answers left out",
        (DesignKind::Independent, Lang::Ja) => "欠測を除く",
    };
    let shares = match lang {
        Lang::En => format!(
            "per item, the share of positive answers ({}) in each condition ({pairs}) and its difference in percentage points with a {cl}% CI: {}. Always two-sided. The shares' p-values are one family of their own, adjusted across the items with the same method as the means ({correction}){family}. When nobody, or everybody, answered positively both times, Newcombe's interval is still defined; the chi-square p is not (shown as —), the exact McNemar p is 1.",
            rule_words(a.shares.rule, lang),
            test_words(a, lang)
        ),
        Lang::Ja => format!(
            "設問ごとに、各条件の肯定的回答（{}）の割合（{pairs}）と、その差（ポイント）および {cl}% 信頼区間。{}。常に両側。割合の p 値は平均の p 値とは別の 1 つのまとまりとして、平均と同じ方法（{correction}）で設問の間で補正{family}。両方の条件で全員が肯定的（または全員が否定的）なときも Newcombe 法の信頼区間は計算できるが、χ² 検定の p 値は計算できない（「—」と表示）。McNemar の正確検定の p 値は 1 となる。",
            rule_words(a.shares.rule, lang),
            test_words(a, lang)
        ),
    };
    vec![
        (
            lang.pick("Shares of positive answers", "肯定的回答の割合"),
            shares,
        ),
        (
            lang.pick("Positive answers per item", "設問ごとの肯定的回答"),
            shares::plan_lines(survey, &a.shares, lang).join(" / "),
        ),
    ]
}

/// The stderr line after the run: how many items' shares changed significantly.
pub fn summary_line(a: &Analysis, lang: Lang) -> Option<String> {
    let items = &a.blocks.first()?.items;
    let with = items.iter().filter(|i| i.share.is_some()).count();
    if with == 0 {
        return None;
    }
    let sig = items
        .iter()
        .filter_map(|i| i.share)
        .filter(|s| s.p_adjusted < a.options.alpha)
        .count();
    Some(match lang {
        Lang::En => format!(
            "shares of positive answers ({}): {with} item(s), {sig} with a significant difference",
            rule_words(a.shares.rule, lang)
        ),
        Lang::Ja => format!(
            "肯定的回答の割合（{}）: {with} 問のうち、割合に有意な差があったのは {sig} 問でした",
            rule_words(a.shares.rule, lang)
        ),
    })
}
