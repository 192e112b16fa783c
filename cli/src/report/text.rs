//! Plain-language text for the result workbook: APA-style numbers, one sentence per item and an
//! overall conclusion, in English or Japanese.

use crate::analysis::{AdjustFamily, Analysis, Block, ItemResult, TestUsed};
use crate::lang::Lang;
use crate::messages::{comparison_sentence, Comparison, Statistic, Word};
use crate::stats::p_adjust::AdjustMethod;
use crate::stats::Alternative;

// The APA-style number formats live with the other shared words, in the library.
pub use crate::messages::{df_text, num, p_apa};

/// The name of an adjustment method, for text.
pub fn adjust_name(m: AdjustMethod, lang: Lang) -> &'static str {
    match m {
        AdjustMethod::None => lang.pick("no correction", "補正なし"),
        AdjustMethod::Holm => lang.pick("Holm correction", "Holm 法による補正"),
        AdjustMethod::Hochberg => lang.pick("Hochberg correction", "Hochberg 法による補正"),
        AdjustMethod::Bonferroni => lang.pick("Bonferroni correction", "Bonferroni 法による補正"),
        AdjustMethod::BenjaminiHochberg => lang.pick(
            "Benjamini–Hochberg false discovery rate control",
            "Benjamini–Hochberg 法（偽発見率）による補正",
        ),
        AdjustMethod::BenjaminiYekutieli => lang.pick(
            "Benjamini–Yekutieli false discovery rate control",
            "Benjamini–Yekutieli 法（偽発見率）による補正",
        ),
        AdjustMethod::Hommel => lang.pick("Hommel correction", "Hommel 法による補正"),
    }
}

/// The command-line key of an adjustment method.
pub fn adjust_key(m: AdjustMethod) -> &'static str {
    match m {
        AdjustMethod::None => "none",
        AdjustMethod::Holm => "holm",
        AdjustMethod::Hochberg => "hochberg",
        AdjustMethod::Bonferroni => "bonferroni",
        AdjustMethod::BenjaminiHochberg => "bh",
        AdjustMethod::BenjaminiYekutieli => "by",
        AdjustMethod::Hommel => "hommel",
    }
}

/// The command-line key of an alternative.
pub fn alternative_key(a: Alternative) -> &'static str {
    match a {
        Alternative::TwoSided => "two-sided",
        Alternative::Less => "less",
        Alternative::Greater => "greater",
    }
}

/// Significance mark from the adjusted p: `***` < .001, `**` < .01, `*` < alpha, `n.s.` otherwise.
pub fn mark(p_adjusted: f64, alpha: f64) -> &'static str {
    if p_adjusted.is_nan() {
        "—"
    } else if p_adjusted < 0.001 && p_adjusted < alpha {
        "***"
    } else if p_adjusted < 0.01 && p_adjusted < alpha {
        "**"
    } else if p_adjusted < alpha {
        "*"
    } else {
        "n.s."
    }
}

pub use crate::analysis::by_label;

/// The legend of the marks of [`mark`], for the Results sheet.
pub fn mark_legend(alpha: f64, adjust: AdjustMethod, lang: Lang) -> String {
    // Without the leading zero, all the digits --alpha was given with (".05", ".0001").
    let apa = |v: f64| {
        let s = v.to_string();
        s.strip_prefix('0').map_or(s.clone(), str::to_string)
    };
    let a = apa(alpha);
    let correction = adjust_name(adjust, lang);
    // As `mark`: a mark whose threshold is not below alpha is never given.
    let mut marks = vec![format!("*** p < {}", apa(alpha.min(0.001)))];
    if alpha > 0.001 {
        marks.push(format!("** p < {}", apa(alpha.min(0.01))));
    }
    if alpha > 0.01 {
        marks.push(format!("* p < {a}"));
    }
    match lang {
        Lang::En => format!(
            "Sig. (adjusted p, {correction}, α = {a}): {}, n.s. not significant, — not tested",
            marks.join(", ")
        ),
        Lang::Ja => format!(
            "判定（補正後 p、{correction}、有意水準 {a}）: {}、n.s. 有意な差なし、— 検定せず",
            marks.join("、")
        ),
    }
}

/// Which p-values were adjusted together, for a breakdown (`--by`); `None` without one.
pub fn family_text(a: &Analysis, by_column: Option<&str>, lang: Lang) -> Option<String> {
    let correction = adjust_name(a.options.adjust, lang);
    if a.options.adjust_family == AdjustFamily::Waves {
        return Some(waves_family_text(correction, lang));
    }
    let by = by_column?;
    let groups = a.blocks.len().saturating_sub(1);
    let items = a.blocks[0].items.len();
    Some(match (a.options.adjust_family, lang) {
        (AdjustFamily::Items, Lang::En) => format!(
            "Multiple comparisons: {correction} within each {by} group over its {items} items (--adjust-family items); the whole-sample rows over their {items} items."
        ),
        (AdjustFamily::Items, Lang::Ja) => format!(
            "多重比較の補正: {correction}を、{by}ごとに各{by}の {items} 問の中で行っています（--adjust-family items）。全体の行は全体の {items} 問の中で補正しています。"
        ),
        (AdjustFamily::All, Lang::En) => format!(
            "Multiple comparisons: {correction} across all {groups} {by} groups × {items} items together ({} p-values, --adjust-family all); the whole-sample rows over their {items} items.",
            groups * items
        ),
        (AdjustFamily::Waves, _) => waves_family_text(correction, lang),
        (AdjustFamily::All, Lang::Ja) => format!(
            "多重比較の補正: {correction}を、{by}（{groups} 群）× 設問（{items} 問）の {} 個の p 値をまとめて行っています（--adjust-family all）。全体の行は全体の {items} 問の中で補正しています。",
            groups * items
        ),
    })
}

/// Three or more waves: the p-values of every comparison of two waves × item are one family.
fn waves_family_text(correction: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Multiple comparisons: {correction} over every comparison of two waves × item together (one family); every comparison is on the Waves sheet."),
        Lang::Ja => format!("多重比較の補正: {correction}を、時点どうしのすべての比較 × 設問の p 値をまとめて 1 つの族として行っています。すべての比較は「時点比較」シートにあります。"),
    }
}

/// Which breakdown groups were withheld by the anonymity guard, and why; `None` when none were.
pub fn withheld_text(a: &Analysis, by_column: Option<&str>, lang: Lang) -> Option<String> {
    if a.withheld.is_empty() {
        return None;
    }
    let by = by_column.unwrap_or_default();
    let min = a.options.min_group;
    let list = a
        .withheld
        .iter()
        .map(|w| match lang {
            Lang::En => format!("{} ({} respondents)", by_label(&w.by, lang), w.n),
            Lang::Ja => format!("{}（{} 人）", by_label(&w.by, lang), w.n),
        })
        .collect::<Vec<_>>();
    Some(match lang {
        Lang::En => format!(
            "Not reported on their own (anonymity: fewer than {min} respondents, --min-group {min}): {by} {}. Their answers are included in the whole-sample rows.",
            list.join(", ")
        ),
        Lang::Ja => format!(
            "回答者が {min} 人未満のため、個人が特定されないよう単独では集計していない{by}（--min-group {min}）: {}。これらの回答は全体の集計には含めています。",
            list.join("、")
        ),
    })
}

/// Cohen's (1988) label of a d.
pub fn effect_label(d: f64, lang: Lang) -> String {
    crate::messages::effect_label(d, lang).to_string()
}

/// Smallest |d| Cohen (1988) calls "small": a confidence interval reaching at least this far on
/// both sides of zero leaves even the direction of the effect open.
pub const IMPRECISE_D: f64 = 0.2;

/// `true` when the interval of d runs from at least a small negative effect to at least a small
/// positive one (for example d = 0.9 [−0.6, 2.4] with n = 4): the data are compatible with
/// effects of both directions, so a magnitude word for the point estimate would overclaim.
pub fn effect_imprecise(low: f64, high: f64) -> bool {
    low <= -IMPRECISE_D && high >= IMPRECISE_D
}

/// The magnitude word of an effect for a reader: Cohen's (1988) label of the estimate, or
/// "imprecise" when its interval spans both directions ([`effect_imprecise`]); "—" without d.
pub fn magnitude_words(d: Option<crate::analysis::Effect>, lang: Lang) -> String {
    match d {
        None => "—".into(),
        Some(d) if d.estimate.is_nan() => "—".into(),
        Some(d) if effect_imprecise(d.low, d.high) => Word::Imprecise.get(lang).into(),
        Some(d) => effect_label(d.estimate, lang),
    }
}

/// Name of the statistic of the main test: t, V or W.
pub fn stat_name(test: TestUsed) -> &'static str {
    match test {
        TestUsed::Wilcoxon => "V",
        TestUsed::MannWhitney => "W",
        _ => "t",
    }
}

/// One plain-language sentence for an item (`crate::messages::comparison_sentence`, the same
/// sentence the VBA module gets from `ttxl_ttest_sentence_utf16`), e.g.
/// 「Q1: 事後（M = 3.56, SD = 0.80）は事前（M = 3.21, SD = 0.85）より有意に高かった（t(98) = 2.95,
/// p = .004, d = 0.42［0.14, 0.70］）。」
pub fn sentence(a: &Analysis, block: &Block, it: &ItemResult, lang: Lang) -> String {
    let [l1, l2] = &a.labels;
    let subject = match &block.by {
        Some(by) => format!("[{}] {}", by_label(by, lang), it.item),
        None => it.item.clone(),
    };
    if let Some(ex) = &it.excluded {
        return format!(
            "{subject}: {}",
            match lang {
                Lang::En => format!("not tested — {}.", ex.message(lang)),
                Lang::Ja => format!("検定できなかった。理由: {}。", ex.message(lang)),
            }
        );
    }
    let statistic = match a.test {
        TestUsed::Wilcoxon | TestUsed::MannWhitney => Statistic::Rank {
            name: stat_name(a.test),
            value: it.statistic,
        },
        _ => Statistic::T {
            t: it.statistic,
            df: it.df,
        },
    };
    let comparison = Comparison {
        subject: &subject,
        label_1: l1,
        label_2: l2,
        mean_1: it.mean_1,
        sd_1: it.sd_1,
        mean_2: it.mean_2,
        sd_2: it.sd_2,
        statistic,
        p_value: it.p_value,
        p_adjusted: (a.options.adjust != AdjustMethod::None).then_some(it.p_adjusted),
        d: it.d.map(|d| [d.estimate, d.low, d.high]),
        conf_level: a.options.conf_level,
        significant: it.significant(a.options.alpha),
        higher: it.mean_diff > 0.0,
    };
    comparison_sentence(&comparison, lang)
}

/// The overall conclusion of a block, naming the correction.
pub fn conclusion(a: &Analysis, block: &Block, lang: Lang) -> String {
    let tested: Vec<&ItemResult> = block
        .items
        .iter()
        .filter(|i| i.excluded.is_none())
        .collect();
    let untested = block.items.len() - tested.len();
    let sig: Vec<&&ItemResult> = tested
        .iter()
        .filter(|i| i.significant(a.options.alpha))
        .collect();
    let up = sig.iter().filter(|i| i.mean_diff > 0.0).count();
    let down = sig.len() - up;
    let [l1, l2] = &a.labels;
    let correction = adjust_name(a.options.adjust, lang);
    let alpha = num(a.options.alpha, 3).trim_end_matches('0').to_string();
    let alpha = alpha.trim_start_matches('0');
    let scope = match block.by.as_deref().map(|b| by_label(b, lang)) {
        Some(by) => match lang {
            Lang::En => format!("[{by}] "),
            Lang::Ja => format!("【{by}】"),
        },
        None => String::new(),
    };
    if tested.is_empty() {
        // Nothing to conclude: say so, and why, instead of "of 0 items tested …".
        let mut reasons: Vec<String> = Vec::new();
        for ex in block.items.iter().filter_map(|i| i.excluded.as_ref()) {
            let m = ex.message(lang);
            if !reasons.contains(&m) {
                reasons.push(m);
            }
        }
        return match lang {
            Lang::En => format!(
                "{scope}No item could be tested ({untested} item(s)): {} (see the Checks sheet).",
                reasons.join("; ")
            ),
            Lang::Ja => format!(
                "{scope}検定できた設問はありませんでした（{untested} 問。理由: {}。データ確認シートを参照）。",
                reasons.join("／")
            ),
        };
    }
    let mut s = match lang {
        Lang::En => format!(
            "{scope}Of {} item(s) tested ({}, {} across {} item(s), α = {alpha}), {} differed significantly between {l1} and {l2}: {up} higher and {down} lower in {l2}.",
            tested.len(),
            a.test.name(lang),
            correction,
            tested.len(),
            sig.len()
        ),
        Lang::Ja => format!(
            "{scope}{} 問について、{}を行った（有意水準 {alpha}、{}）。「{l1}」と「{l2}」の間に有意な差があったのは {} 問であった（「{l2}」のほうが高い: {up} 問、低い: {down} 問）。",
            tested.len(),
            a.test.name(lang),
            correction,
            sig.len()
        ),
    };
    if untested > 0 {
        s.push_str(&match lang {
            Lang::En => format!(" {untested} item(s) could not be tested (see the Checks sheet)."),
            Lang::Ja => {
                format!("{untested} 問は検定できなかった（データ確認シートを参照）。")
            }
        });
    }
    s
}

#[cfg(test)]
mod tests {

    /// The legend names exactly the marks [`mark`] gives, with their real thresholds, for any
    /// --alpha (it printed "** p < .01" when alpha was .005, where .007 is n.s., and "α = ."
    /// for .0001).
    #[test]
    fn mark_legend_says_what_mark_does() {
        let h = AdjustMethod::Holm;
        assert_eq!(
            mark_legend(0.05, h, Lang::En),
            "Sig. (adjusted p, Holm correction, α = .05): *** p < .001, ** p < .01, * p < .05, n.s. not significant, — not tested"
        );
        assert_eq!(
            mark_legend(0.005, h, Lang::En),
            "Sig. (adjusted p, Holm correction, α = .005): *** p < .001, ** p < .005, n.s. not significant, — not tested"
        );
        assert_eq!(mark(0.007, 0.005), "n.s.");
        assert_eq!(
            mark_legend(0.0001, AdjustMethod::None, Lang::Ja),
            "判定（補正後 p、補正なし、有意水準 .0001）: *** p < .0001、n.s. 有意な差なし、— 検定せず"
        );
        assert_eq!(
            mark_legend(0.1, h, Lang::Ja),
            "判定（補正後 p、Holm 法による補正、有意水準 .1）: *** p < .001、** p < .01、* p < .1、n.s. 有意な差なし、— 検定せず"
        );
    }
    use super::*;

    /// A magnitude word is not given to a point estimate whose interval runs from negative to
    /// large (e.g. d = 0.71 [−1.39, 2.68], as a handful of pairs gives).
    #[test]
    fn magnitude_words_do_not_overclaim() {
        use crate::analysis::Effect;
        let e = |estimate, low, high| {
            Some(Effect {
                estimate,
                low,
                high,
            })
        };
        assert_eq!(magnitude_words(e(0.71, -1.39, 2.68), Lang::En), "imprecise");
        assert_eq!(magnitude_words(e(0.05, -0.25, 0.35), Lang::Ja), "不確か");
        // The interval touches zero from one side only: the direction is settled enough.
        assert_eq!(magnitude_words(e(0.6, -0.1, 1.3), Lang::En), "medium");
        assert_eq!(magnitude_words(e(0.45, 0.2, 0.7), Lang::Ja), "小さい");
        assert_eq!(magnitude_words(e(-0.9, -1.5, -0.3), Lang::En), "large");
        assert_eq!(magnitude_words(None, Lang::En), "—");
        // One-sided interval [low, ∞).
        assert_eq!(
            magnitude_words(e(0.5, 0.1, f64::INFINITY), Lang::En),
            "medium"
        );
        assert_eq!(
            magnitude_words(e(0.5, -0.3, f64::INFINITY), Lang::En),
            "imprecise"
        );
    }

    /// The conclusion of a block with nothing tested says so and why (it said 「0 問について、
    /// 対応のある t 検定を行った」).
    #[test]
    fn conclusion_without_any_tested_item_says_why() {
        use crate::analysis::{analyze, AnalysisOptions};
        use crate::workbook::{Group, Layout, Survey};
        let g = |v: Vec<f64>| Group {
            ids: vec![None; v.len()],
            by: Vec::new(),
            sheet: "S".into(),
            columns: vec![2],
            rows: (2..).take(v.len()).collect(),
            values: vec![v],
        };
        let survey = Survey {
            path: "x.xlsx".into(),
            layout: Layout::TwoSheets {
                first: "利用していない".into(),
                second: "利用した".into(),
            },
            labels: ["利用していない".into(), "利用した".into()],
            paired: false,
            id_column: None,
            by_column: None,
            items: vec!["Q1".into()],
            first: g(vec![3.0, f64::NAN]),
            second: g(vec![4.0, 5.0, 2.0]),
            notes: Vec::new(),
            header_row: 1,
            plan: Default::default(),
            scales: Vec::new(),
        };
        let a = analyze(&survey, &AnalysisOptions::default()).unwrap();
        assert_eq!(
            conclusion(&a, &a.blocks[0], Lang::Ja),
            "検定できた設問はありませんでした（1 問。理由: 有効な回答が少なすぎます（n = 1, 3）。データ確認シートを参照）。"
        );
        assert_eq!(
            conclusion(&a, &a.blocks[0], Lang::En),
            "No item could be tested (1 item(s)): too few valid values to test (n = 1 and 3) (see the Checks sheet)."
        );
    }

    /// Condition labels are quoted in Japanese sentences: 「「利用していない」と「利用した」の間に」
    /// read as one phrase without the quotes.
    #[test]
    fn japanese_sentences_quote_the_condition_labels() {
        use crate::analysis::{analyze, AnalysisOptions};
        use crate::workbook::{Group, Layout, Survey};
        let g = |v: Vec<f64>| Group {
            ids: vec![None; v.len()],
            by: Vec::new(),
            sheet: "S".into(),
            columns: vec![2],
            rows: (2..).take(v.len()).collect(),
            values: vec![v],
        };
        let survey = Survey {
            path: "x.xlsx".into(),
            layout: Layout::GroupColumn {
                sheet: "S".into(),
                column: "テレワーク".into(),
            },
            labels: ["利用していない".into(), "利用した".into()],
            paired: false,
            id_column: None,
            by_column: None,
            items: vec!["Q1".into()],
            first: g(vec![3.0, 4.0, 2.0, 3.0]),
            second: g(vec![4.0, 3.0, 2.0, 3.0]),
            notes: Vec::new(),
            header_row: 1,
            plan: Default::default(),
            scales: Vec::new(),
        };
        let a = analyze(&survey, &AnalysisOptions::default()).unwrap();
        let s = sentence(&a, &a.blocks[0], &a.blocks[0].items[0], Lang::Ja);
        assert!(
            s.contains("「利用した」（M = 3.00, SD = 0.82）と「利用していない」（M = 3.00, SD = 0.82）の間に有意な差は認められなかった"),
            "{s}"
        );
        assert!(conclusion(&a, &a.blocks[0], Lang::Ja)
            .contains("「利用していない」と「利用した」の間に有意な差があったのは 0 問"));
    }

    #[test]
    fn apa_numbers() {
        assert_eq!(p_apa(0.0041), "= .004");
        assert_eq!(p_apa(0.00049), "< .001");
        assert_eq!(p_apa(0.5), "= .500");
        assert_eq!(num(-0.4234, 2), "−0.42");
        assert_eq!(num(-0.001, 2), "0.00");
        assert_eq!(num(f64::INFINITY, 2), "∞");
        assert_eq!(df_text(98.0), "98");
        assert_eq!(df_text(97.346), "97.35"); // 97.345 is 97.3449999… in binary
        assert_eq!(mark(0.0004, 0.05), "***");
        assert_eq!(mark(0.004, 0.05), "**");
        assert_eq!(mark(0.04, 0.05), "*");
        assert_eq!(mark(0.04, 0.01), "n.s.");
    }
}
