//! Words of three or more waves (report/trend_sheet.rs): the Waves and Trend sheets, the line
//! the council sheet adds, and the wave rows of the Method sheet.

use super::results::labelled;
use super::{bilingual, pick};
use crate::analysis::waves::{Wave, WaveMode};
use crate::lang::Lang;

/// The R call that gives the Wilson score interval of the trend's shares.
const R_WILSON: &str = "prop.test(x, n, correct = FALSE)$conf.int";
/// Options named in the texts, values of their entries: the same in both languages, and the
/// Japanese sets them beside full-width punctuation.
const CONSECUTIVE: &str = "--consecutive";
const POSITIVE: &str = "--positive";

texts! {
    /// Fixed texts of the wave sheets: sheet names, titles, section titles, the design and test
    /// of a comparison, and the Method sheet's row headings.
    pub enum WaveText {
        /// The sheet of every comparison.
        WavesSheet => "Waves", "時点比較";
        /// The sheet of the means (and shares) of every wave.
        TrendSheet => "Trend", "推移";
        /// What the Trend sheet shows without shares.
        TrendOfMeans => "the mean of each wave", "各時点の平均値";
        /// What the Trend sheet shows with shares.
        TrendOfMeansAndShares =>
            "the mean and the share of positive answers of each wave",
            "各時点の平均値と肯定的回答の割合";
        /// Method row: the waves and what is compared.
        MethodWaves => "Waves", "調査の時点";
        /// Method row: the adjustment over the waves.
        MethodMultiple => "Multiple comparisons (waves)", "多重比較（時点）";
        /// Method row: which sheet shows what.
        MethodSheets => "Sheets of this workbook", "このブックのシート";
        /// Method row: the trend of the means.
        MethodTrend => "Trend", "推移";
        /// Method row: the trend of the shares.
        MethodTrendShares => "Trend of the shares", "割合の推移";
        /// Title of the Waves sheet.
        WavesTitle => "Every comparison of the waves", "時点どうしの比較（すべて）";
        /// Section title: the shares of every comparison.
        SharesTitle => "Shares of positive answers", "肯定的回答の割合";
        /// Section title: the pairing of every comparison.
        PairingTitle => "How each comparison was paired", "各比較での回答者の対応付け";
        /// A comparison whose two waves pair by ID.
        PairedById => "paired by ID", "ID で対応付け（対応あり）";
        /// A comparison of two independent waves.
        IndependentGroups => "independent groups", "独立した 2 群（対応なし）";
        /// The share test of paired waves.
        ExactMcNemar => "exact McNemar", "McNemar の正確検定";
        /// The share test of independent waves.
        ChiSquare => "chi-square", "χ² 検定";
    }
}

texts! {
    /// Column headers of the Waves and Trend sheets.
    pub enum WaveHeader {
        /// The two waves compared.
        Comparison => "Comparison", "比較";
        /// The item.
        Item => "Item", "設問";
        /// The test used.
        Test => "Test", "検定";
        /// Valid answers in the earlier wave.
        NEarlier => "n (earlier)", "n（前）";
        /// Valid answers in the later wave.
        NLater => "n (later)", "n（後）";
        /// Mean of the earlier wave.
        MeanEarlier => "M (earlier)", "平均（前）";
        /// Mean of the later wave.
        MeanLater => "M (later)", "平均（後）";
        /// Difference of the means.
        Change => "Change (later − earlier)", "変化（後 − 前）";
        /// Lower confidence limit.
        CiLow => "CI low", "信頼区間 下限";
        /// Upper confidence limit.
        CiHigh => "CI high", "信頼区間 上限";
        /// Degrees of freedom.
        Df => "df", "自由度";
        /// p adjusted over every comparison × item.
        AdjustedP => "p adjusted (all comparisons)", "補正後の p（全比較）";
        /// The council sheet's judgement.
        Judgement => "Judgement", "判定";
        /// Lower confidence limit of d.
        DCiLow => "d CI low", "d 下限";
        /// Upper confidence limit of d.
        DCiHigh => "d CI high", "d 上限";
        /// Scores counted as positive.
        PositiveScores => "Positive scores", "肯定的回答の得点";
        /// Share of positive answers in the earlier wave.
        PositiveEarlier => "Positive % (earlier)", "肯定的回答 %（前）";
        /// Share of positive answers in the later wave.
        PositiveLater => "Positive % (later)", "肯定的回答 %（後）";
        /// Change of the share.
        ChangePoints => "Change (points)", "変化（ポイント）";
        /// The wave of a trend row.
        Wave => "Wave", "時点";
        /// Mean.
        Mean => "M", "平均";
        /// Standard deviation.
        Sd => "SD", "標準偏差";
        /// Upward length of the error bar.
        CiPlus => "CI +", "誤差範囲 +";
        /// Downward length of the error bar.
        CiMinus => "CI −", "誤差範囲 −";
        /// Count of positive answers.
        PositiveCount => "Positive answers", "肯定的回答数";
        /// Share of positive answers.
        PositivePercent => "Positive %", "肯定的回答 %";
        /// Lower limit of the share.
        ShareCiLow => "% CI low", "割合 下限";
        /// Upper limit of the share.
        ShareCiHigh => "% CI high", "割合 上限";
        /// Upward length of the share's error bar.
        ShareCiPlus => "% CI +", "割合 誤差範囲 +";
        /// Downward length of the share's error bar.
        ShareCiMinus => "% CI −", "割合 誤差範囲 −";
    }
}

formats! {
    /// Texts with values of the wave sheets and lines.
    pub enum WaveFormat<'a> {
        /// One wave with its respondents.
        WaveWithN { name: &'a str, n: usize } => "{name} (n = {n})", "{name}（{n} 人）";
        /// Which waves are compared, with a baseline.
        ComparedWithBaseline { baseline: &'a str, before: &'a str } =>
            "each later wave is compared with the baseline {baseline}{before}",
            "後の各時点を基準の「{baseline}」と比較{before}";
        /// Which waves are compared, `--consecutive`.
        ComparedWithPrevious { option: &'a str } =>
            "each wave is compared with the wave before it ({option})",
            "各時点を 1 つ前の時点と比較（{option}）";
        /// Waves before the baseline (`earlier_waves`).
        NotCompared { waves: &'a str } =>
            " (earlier waves are shown on the Trend sheet only: {waves})",
            "（それより前の時点 {waves} は「推移」シートにのみ掲載）";
        /// The family of the adjustment, with its size.
        Family { correction: &'a str, comparisons: usize, n: usize } =>
            "{correction} over every comparison × item together: {comparisons} comparison(s), {n} p-values tested (one family)",
            "{correction}（{comparisons} 通りの比較 × 設問の p 値 {n} 個をまとめて 1 つの族として補正）";
        /// The council sheet's comparison, with a baseline.
        CouncilBaseline { earlier: &'a str, later: &'a str } =>
            "This page compares the latest wave, {later}, with the baseline {earlier}.",
            "この表は、最新の「{later}」を基準の「{earlier}」と比べた結果です。";
        /// The council sheet's comparison, `--consecutive`.
        CouncilConsecutive { earlier: &'a str, later: &'a str, option: &'a str } =>
            "This page compares the latest wave, {later}, with the wave before it, {earlier} ({option}).",
            "この表は、最新の「{later}」を 1 つ前の「{earlier}」と比べた結果です（{option}）。";
        /// The council sheet's line naming every wave.
        CouncilLine {
            waves: &'a str, which: &'a str, waves_sheet: &'a str, trend_sheet: &'a str,
            trend: &'a str,
        } =>
            "Waves (earliest first): {waves}. {which} Every comparison is on the {waves_sheet} sheet, {trend} on the {trend_sheet} sheet.",
            "調査の時点（古い順）: {waves}。{which}すべての比較は「{waves_sheet}」シートに、{trend}の推移は「{trend_sheet}」シートにあります。";
        /// Method: which sheet shows what.
        MethodSheets {
            earlier: &'a str, later: &'a str, waves_sheet: &'a str, trend_sheet: &'a str,
            trend: &'a str,
        } =>
            "the council, Results, Summary, Charts, Data and Checks sheets show the comparison {earlier} → {later}; the {waves_sheet} sheet shows every comparison and how each was paired (by ID where the IDs of those two waves pair, otherwise as independent groups with Welch's test); the {trend_sheet} sheet shows {trend}",
            "議会資料・結果・概要・グラフ・データ・データ確認シートは「{earlier}」→「{later}」の比較。「{waves_sheet}」シートはすべての比較とそれぞれの対応付け（その 2 時点の ID が対応する場合は対応あり、そうでなければ独立 2 群として Welch の t 検定）。「{trend_sheet}」シートは{trend}";
        /// Method: how the trend's means are computed.
        MethodTrend { cl: &'a str } =>
            "mean of every respondent of the wave who answered the item, with its {cl}% confidence interval (one-sample t interval); respondents of a wave are counted whether or not they answered another wave",
            "その時点で設問に回答したすべての回答者の平均値と {cl}% 信頼区間（1 標本の t 分布による区間）。他の時点に回答したかどうかは問わない";
        /// Method: how the trend's shares are computed.
        MethodTrendShares { scores: &'a str, cl: &'a str, r_call: &'a str } =>
            "share of positive answers ({scores}, the positive answers of the comparisons) among the same respondents, with its {cl}% Wilson score interval (Wilson 1927; R: {r_call})",
            "同じ回答者のうち肯定的回答（{scores}。時点どうしの比較と同じ基準）の割合と {cl}% 信頼区間（Wilson（1927）のスコア区間。R の {r_call} と同じ）";
        /// Waves sheet: the waves.
        WavesLine { waves: &'a str } =>
            "Waves (earliest first): {waves}", "調査の時点（古い順）: {waves}";
        /// Waves sheet: what is compared.
        ComparisonsLine { mode: &'a str } => "Comparisons: {mode}", "比較: {mode}";
        /// Waves sheet: the adjustment.
        MultipleLine { family: &'a str } =>
            "Multiple comparisons: {family}", "多重比較の補正: {family}";
        /// Waves sheet: how the shares' table is computed.
        SharesNote { cl: &'a str } =>
            "The percentage of positive answers in each wave of the comparison (paired waves: among the respondents who answered both) and its change in percentage points with Newcombe's {cl}% interval; p from Pearson's chi-square test without continuity correction (independent waves) or the exact McNemar test (paired waves). The shares' p-values are adjusted over every comparison × item as a family of their own, apart from the means'.",
            "比較する 2 時点それぞれの肯定的回答の割合（対応のある比較では両方の時点に回答した人のうちの割合）と、その変化（ポイント）および {cl}% 信頼区間（Newcombe 法）。p 値は、対応のない比較では χ² 検定（連続性補正なし）、対応のある比較では McNemar の正確検定。割合の p 値は平均値とは別に、すべての比較 × 設問を 1 つの族として補正。";
        /// Trend sheet: the source table of the means.
        TrendMeansNote { cl: &'a str } =>
            "Mean of each wave with its {cl}% confidence interval (every respondent of the wave who answered the item). Source of the charts above.",
            "各時点の平均値と {cl}% 信頼区間（その時点で設問に回答したすべての回答者）。上のグラフの元データ。";
        /// Trend sheet: the source table of the shares.
        TrendSharesNote { scores: &'a str, cl: &'a str } =>
            "Share of positive answers ({scores}, as in the comparisons) of each wave in %, with its {cl}% Wilson score interval.",
            "各時点の肯定的回答（{scores}。時点どうしの比較と同じ基準）の割合（%）と {cl}% 信頼区間（Wilson のスコア区間）。";
        /// Trend sheet: items whose comparisons counted different answers as positive.
        NoShareTrend { items: &'a str, option: &'a str } =>
            "No share trend for {items}: the comparisons counted different answers as positive (each decides on its own two waves); name them with {option}.",
            "{items}は、比較ごとに肯定的回答とした得点が異なるため（各比較はその 2 時点の回答から判断）、割合の推移を示していません。{option} で肯定的回答を指定してください。";
        /// Trend chart: the axis of the means.
        MeanAxis { cl: &'a str } => "Mean, {cl}% CI", "平均値と {cl}% 信頼区間";
        /// Trend chart: the title of an item's shares.
        ShareChartTitle { item: &'a str } =>
            "{item}: positive answers %", "{item}（肯定的回答の割合）";
        /// Trend chart: the axis of the shares.
        ShareAxis { cl: &'a str } =>
            "Positive answers %, {cl}% CI", "肯定的回答 %（{cl}% 信頼区間）";
        /// The positive scores of the trend.
        Scores { scores: &'a str } => "scores {scores}", "得点 {scores}";
    }
}

/// "令和4年度 (n = 40) → 令和5年度 (n = 45) → …".
pub fn wave_list(waves: &[Wave], lang: Lang) -> String {
    waves
        .iter()
        .map(|x| {
            WaveFormat::WaveWithN {
                name: &x.name,
                n: x.n,
            }
            .text(lang)
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

/// The waves before a baseline: "R3, R4" in English, 「R3」「R4」 in Japanese.
fn earlier_waves(waves: &[Wave], lang: Lang) -> String {
    bilingual(
        lang,
        || {
            waves
                .iter()
                .map(|x| x.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        },
        || waves.iter().map(|x| format!("「{}」", x.name)).collect(),
    )
}

/// What is compared with what, in one sentence.
pub fn mode_text(waves: &[Wave], mode: WaveMode, lang: Lang) -> String {
    match mode {
        WaveMode::Baseline(b) => {
            let before = if b > 0 {
                WaveFormat::NotCompared {
                    waves: &earlier_waves(&waves[..b], lang),
                }
                .text(lang)
            } else {
                String::new()
            };
            WaveFormat::ComparedWithBaseline {
                baseline: &waves[b].name,
                before: &before,
            }
            .text(lang)
        }
        WaveMode::Consecutive => WaveFormat::ComparedWithPrevious {
            option: CONSECUTIVE,
        }
        .text(lang),
    }
}

/// The council sheet's sentence on the comparison it shows.
pub fn council_comparison(mode: WaveMode, [earlier, later]: &[String; 2], lang: Lang) -> String {
    match mode {
        WaveMode::Baseline(_) => WaveFormat::CouncilBaseline { earlier, later }.text(lang),
        WaveMode::Consecutive => WaveFormat::CouncilConsecutive {
            earlier,
            later,
            option: CONSECUTIVE,
        }
        .text(lang),
    }
}

/// The positive scores of the trend items that have a share, one group per set of scores
/// (`(scores, items)`): "scores 4, 5", or per item ("Q1: scores 4, 5; Q2: scores 6, 7") when
/// they differ; `None` without a group.
pub fn positive_summary(groups: &[(String, Vec<&str>)], lang: Lang) -> Option<String> {
    let scores = |s: &str| WaveFormat::Scores { scores: s }.text(lang);
    match groups {
        [] => None,
        [(s, _)] => Some(scores(s)),
        _ => Some(
            groups
                .iter()
                .map(|(s, items)| format!("{}: {}", items.join(", "), scores(s)))
                .collect::<Vec<_>>()
                .join(pick(lang, "; ", "、")),
        ),
    }
}

/// The Trend sheet's note on items without a share trend, each with the positive answers of its
/// comparisons: `(item, "4, 5 / 5, 6")` gives "Q1 (4, 5 / 5, 6)", 「Q1（4, 5 / 5, 6）」.
pub fn no_share_trend(items: &[(&str, String)], lang: Lang) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|(item, scores)| labelled(item, scores, lang))
        .collect();
    WaveFormat::NoShareTrend {
        items: &super::comma_list(&items, lang),
        option: POSITIVE,
    }
    .text(lang)
}

/// The Method sheet's trend of the shares, with the R call of its interval.
pub fn method_trend_shares(scores: &str, cl: &str, lang: Lang) -> String {
    WaveFormat::MethodTrendShares {
        scores,
        cl,
        r_call: R_WILSON,
    }
    .text(lang)
}

/// One comparison's line under "How each comparison was paired": its two waves, `design`
/// ([`WaveText::PairedById`] or [`WaveText::IndependentGroups`]) and the reading decisions.
pub fn pairing_line(
    earlier: &str,
    later: &str,
    design: WaveText,
    entries: &str,
    lang: Lang,
) -> String {
    let design = design.get(lang);
    bilingual(
        lang,
        || format!("{earlier} → {later}: {design}. {entries}"),
        || format!("「{earlier}」→「{later}」: {design}。{entries}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waves() -> Vec<Wave> {
        ["R3", "R4", "R5"]
            .iter()
            .zip(1..)
            .map(|(name, n)| Wave {
                name: name.to_string(),
                n,
            })
            .collect()
    }

    #[test]
    fn waves_before_the_baseline_are_listed_in_each_language() {
        let w = waves();
        assert_eq!(
            mode_text(&w, WaveMode::Baseline(2), Lang::En),
            "each later wave is compared with the baseline R5 (earlier waves are shown on the Trend sheet only: R3, R4)"
        );
        assert_eq!(
            mode_text(&w, WaveMode::Baseline(2), Lang::Ja),
            "後の各時点を基準の「R5」と比較（それより前の時点 「R3」「R4」 は「推移」シートにのみ掲載）"
        );
        assert_eq!(
            mode_text(&w, WaveMode::Baseline(0), Lang::Ja),
            "後の各時点を基準の「R3」と比較"
        );
        assert_eq!(wave_list(&w[..2], Lang::Ja), "R3（1 人） → R4（2 人）");
    }

    #[test]
    fn positive_answers_are_listed_in_each_language() {
        let groups = vec![
            ("4, 5".to_string(), vec!["Q1", "Q2"]),
            ("6, 7".to_string(), vec!["Q3"]),
        ];
        assert_eq!(
            positive_summary(&groups, Lang::En).unwrap(),
            "Q1, Q2: scores 4, 5; Q3: scores 6, 7"
        );
        assert_eq!(
            positive_summary(&groups, Lang::Ja).unwrap(),
            "Q1, Q2: 得点 4, 5、Q3: 得点 6, 7"
        );
        assert_eq!(
            positive_summary(&groups[..1], Lang::Ja).unwrap(),
            "得点 4, 5"
        );
        assert!(positive_summary(&[], Lang::En).is_none());
        let differs = [
            ("Q1", "4, 5 / 5, 6".to_string()),
            ("Q2", "5, 6".to_string()),
        ];
        assert!(no_share_trend(&differs, Lang::En)
            .starts_with("No share trend for Q1 (4, 5 / 5, 6), Q2 (5, 6): "));
        assert!(no_share_trend(&differs, Lang::Ja).starts_with("Q1（4, 5 / 5, 6）、Q2（5, 6）は、"));
    }
}
