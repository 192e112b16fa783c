//! The words the result workbook's assembly (`report/mod.rs`) writes: the sheet names, the
//! council sheet's line on a breakdown, the effect-size header, the Data sheet's respondent
//! columns and how the Checks sheet shows an original value it does not copy.

use crate::lang::Lang;
use crate::report::SheetNames;

texts! {
    /// The sheets of the result workbook.
    pub enum Sheet {
        /// The one-page council sheet (first).
        Council => "Council summary", "議会資料";
        /// The results table.
        Results => "Results", "結果";
        /// The plain-language summary.
        Summary => "Summary", "概要";
        /// Charts and their source table.
        Charts => "Charts", "グラフ";
        /// The cleaned values analysed.
        Data => "Data", "データ";
        /// Conversions, exclusions and assumption notes.
        Checks => "Checks", "データ確認";
        /// What was done.
        Method => "Method", "方法";
    }
}

impl SheetNames {
    /// The sheet names for `lang`.
    pub fn of(lang: Lang) -> SheetNames {
        SheetNames {
            council: Sheet::Council.get(lang),
            results: Sheet::Results.get(lang),
            summary: Sheet::Summary.get(lang),
            charts: Sheet::Charts.get(lang),
            data: Sheet::Data.get(lang),
            checks: Sheet::Checks.get(lang),
            method: Sheet::Method.get(lang),
        }
    }
}

texts! {
    /// The header of Cohen's d, by the SD it standardises with.
    pub enum EffectHeader {
        /// Paired: the SD of the differences.
        Dz => "Cohen's d_z", "Cohen の d_z";
        /// Student: the pooled SD.
        Pooled => "Cohen's d (pooled SD)", "Cohen の d（プールした SD）";
        /// Welch and Mann–Whitney: the root of the average variance.
        AverageVariance =>
            "Cohen's d (average-variance SD)",
            "Cohen の d（2 群の分散の平均による SD）";
    }
}

texts! {
    /// Fixed headers of the Data sheet and texts the Checks sheet shows instead of an original.
    pub enum BookText {
        /// Data sheet, independent layout: which condition a row is.
        Condition => "Condition", "条件";
        /// Data sheet with `--keep-ids` and no ID column: the row.
        Row => "Row", "行";
        /// Data sheet, independent layout without `--keep-ids`: the input row.
        RowInConditionSheet => "Row in the condition's sheet", "入力シートの行";
        /// Checks sheet: a department withheld by `--min-group`.
        Withheld => "(withheld: small group)", "（非表示: 少人数の群）";
        /// Checks sheet: an unmatched ID, not shown.
        IdNotShown => "(ID not shown; --keep-ids shows it)", "（ID は非表示。--keep-ids で表示）";
    }
}

formats! {
    /// Texts of the result workbook's assembly with values.
    pub enum BookLine<'a> {
        /// Council sheet with `--by`: the page is the whole sample.
        WholeSample { by: &'a str } =>
            "This page is the whole sample; the results per {by} are on the Results and Summary sheets.",
            "この表は回答者全体の結果です。{by}別の結果は「結果」「概要」シートにあります。";
        /// Data sheet: the input row in a sheet.
        RowIn { sheet: &'a str } => "Row in {sheet}", "{sheet}の行";
        /// Data sheet, one sheet with a group column: the input row of one condition.
        RowInLabel { sheet: &'a str, label: &'a str } =>
            "Row in {sheet} ({label})", "{sheet}の行（{label}）";
        /// Checks sheet: long text of a cell, not copied without `--keep-ids`.
        LongText { chars: usize } =>
            "(text of {chars} characters, not copied; --keep-ids shows it)",
            "（{chars} 文字の文字列。転記せず。--keep-ids で表示）";
    }
}
