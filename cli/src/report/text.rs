//! Plain-language text for the result workbook: APA-style numbers, one sentence per item and an
//! overall conclusion, in English or Japanese.

use crate::analysis::{AdjustFamily, Analysis, Block, ItemResult, TestUsed};
use crate::lang::Lang;
use crate::messages::{
    self, comparison_sentence, Comparison, Conclusion, ReasonsAt, Statistic, Word,
};
use crate::stats::p_adjust::AdjustMethod;
use crate::stats::Alternative;
use crate::words::comma_list;
use crate::words::text::TextFormat;

// The APA-style number formats live with the other shared words, in the library.
pub use crate::messages::{df_text, num, p_apa};

/// The name of an adjustment method, for text (the library's words, [`messages::adjust_name`]).
pub fn adjust_name(m: AdjustMethod, lang: Lang) -> &'static str {
    messages::adjust_name(m, lang)
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
    TextFormat::MarkLegend {
        correction,
        alpha: &a,
        marks: &comma_list(&marks, lang),
    }
    .text(lang)
}

/// Which p-values were adjusted together, for a breakdown (`--by`); `None` without one.
pub fn family_text(a: &Analysis, by_column: Option<&str>, lang: Lang) -> Option<String> {
    let correction = adjust_name(a.options.adjust, lang);
    if a.options.adjust_family == AdjustFamily::Waves {
        return Some(TextFormat::FamilyWaves { correction }.text(lang));
    }
    let by = by_column?;
    let groups = a.blocks.len().saturating_sub(1);
    let items = a.blocks[0].items.len();
    let text = match a.options.adjust_family {
        AdjustFamily::Items => TextFormat::FamilyItems {
            correction,
            by,
            items,
            option: "--adjust-family items",
        },
        AdjustFamily::All => TextFormat::FamilyAll {
            correction,
            by,
            groups,
            items,
            total: groups * items,
            option: "--adjust-family all",
        },
        AdjustFamily::Waves => TextFormat::FamilyWaves { correction },
    };
    Some(text.text(lang))
}

/// Which breakdown groups were withheld by the anonymity guard, and why; `None` when none were.
pub fn withheld_text(a: &Analysis, by_column: Option<&str>, lang: Lang) -> Option<String> {
    if a.withheld.is_empty() {
        return None;
    }
    let groups = a
        .withheld
        .iter()
        .map(|w| {
            TextFormat::WithheldGroup {
                name: by_label(&w.by, lang),
                n: w.n,
            }
            .text(lang)
        })
        .collect::<Vec<_>>();
    Some(
        TextFormat::Withheld {
            min: a.options.min_group,
            by: by_column.unwrap_or_default(),
            groups: &comma_list(&groups, lang),
            option: "--min-group",
        }
        .text(lang),
    )
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
        return messages::not_tested_sentence(&subject, &ex.message(lang), lang);
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

/// The overall conclusion of a block, naming the test and the correction
/// ([`messages::conclusion_sentence`], the sentence the VBA module gets from
/// `ttxl_conclusion_sentence_utf16`).
pub fn conclusion(a: &Analysis, block: &Block, lang: Lang) -> String {
    let tested: Vec<&ItemResult> = block
        .items
        .iter()
        .filter(|i| i.excluded.is_none())
        .collect();
    let sig: Vec<&&ItemResult> = tested
        .iter()
        .filter(|i| i.significant(a.options.alpha))
        .collect();
    let higher = sig.iter().filter(|i| i.mean_diff > 0.0).count();
    let reasons: Vec<String> = block
        .items
        .iter()
        .filter_map(|i| i.excluded.as_ref())
        .map(|ex| ex.message(lang))
        .collect();
    let scope = block.by.as_deref().map(|b| by_label(b, lang));
    let [l1, l2] = &a.labels;
    let c = Conclusion {
        scope,
        tested: tested.len(),
        higher,
        lower: sig.len() - higher,
        untested: block.items.len() - tested.len(),
        reasons: &reasons,
        reasons_at: ReasonsAt::ChecksSheet,
        test: a.test.word(),
        correction: a.options.adjust,
        alpha: a.options.alpha,
        label_1: l1,
        label_2: l2,
    };
    messages::conclusion_sentence(&c, lang)
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
