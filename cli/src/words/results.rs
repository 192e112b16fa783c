//! Words of the Results sheet (report/results_sheet.rs): its column headers, the breakdown's
//! "(all)" row and the name of its table.

use super::pick;
use crate::lang::Lang;

texts! {
    /// Column headers of the Results sheet and the label of a breakdown's whole-survey rows.
    pub enum ResultsHeader {
        /// The item.
        Item => "Item", "設問";
        /// Lower confidence limit (after the level: "95% CI low").
        CiLow => "CI low", "信頼区間 下限";
        /// Upper confidence limit.
        CiHigh => "CI high", "信頼区間 上限";
        /// The marks of significance.
        Significance => "Sig.", "判定";
        /// Hedges' g.
        HedgesG => "Hedges' g", "Hedges の g";
        /// Cohen's words for the size of d.
        EffectSize => "Effect size", "効果量の大きさ";
        /// The statistic of the signed-rank test (paired).
        WilcoxonV => "Wilcoxon V", "Wilcoxon V";
        /// The statistic of the rank-sum test (independent groups).
        MannWhitneyW => "Mann–Whitney W", "Mann–Whitney W";
        /// p of the rank test beside the t-test.
        RankP => "Rank test p (two-sided)", "順位検定 p（両側）";
        /// Sensitivity: the smallest d the test detects with 80% power.
        SmallestD => "Smallest d detectable (80% power)", "検出できる最小の d（検出力 80%）";
        /// p of Excel's T.TEST over the Data sheet (a formula).
        ExcelP => "Excel T.TEST p", "Excel の T.TEST による p";
        /// Exclusions and notes of the item.
        Notes => "Notes", "備考";
        /// The breakdown column of the rows over every respondent.
        All => "(all)", "（全体）";
    }
}

formats! {
    /// Column headers of the Results sheet with values.
    pub enum ResultsFormat<'a> {
        /// The difference of the means, later − earlier.
        Difference { earlier: &'a str, later: &'a str } =>
            "Difference ({later} − {earlier})", "差（{later} − {earlier}）";
        /// p adjusted with `method` (its key: "holm").
        AdjustedP { method: &'a str } => "Adjusted p ({method})", "補正後 p（{method}）";
    }
}

/// `head (label)` in English, `head（label）` in Japanese: a column of one condition ("n (事前)",
/// "M（事後）"), here and on the Charts sheet.
pub fn labelled(head: &str, label: &str, lang: Lang) -> String {
    format!(
        "{head}{}{label}{}",
        pick(lang, " (", "（"),
        pick(lang, ")", "）")
    )
}

/// The name of the Results sheet's table (Excel's name of the range, not a text of a cell).
pub fn table_name(lang: Lang) -> &'static str {
    pick(lang, "Results", "Results_ja")
}
