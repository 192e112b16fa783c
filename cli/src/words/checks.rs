//! The Checks sheet's words (データ確認): its column headers, the kinds of rows, the values shown
//! in place of a number and the lines that close the table. The reading decisions and notes it
//! lists are described by the workbook reader (`crate::workbook`).

use super::pick;
use crate::lang::Lang;

texts! {
    /// The Checks sheet's column headers, in the order of its columns.
    pub enum ChecksHeader {
        /// What kind of row (warning, conversion, …).
        Kind => "Kind", "種類";
        /// The sheet the cell is on.
        Sheet => "Sheet", "シート";
        /// The cell or cells.
        Cell => "Cell", "セル";
        /// The item (question).
        Item => "Item", "設問";
        /// What was done or found.
        WhatHappened => "What happened", "内容";
        /// The value as read.
        Original => "Original", "元の値";
        /// The value the analysis used.
        ValueUsed => "Value used", "使用した値";
        /// How many cells the row stands for.
        Cells => "Cells", "件数";
    }
}

texts! {
    /// The first column of a row of the Checks sheet: what kind of row it is.
    pub enum ChecksKind {
        /// A note to look at first (a hidden row, an unmatched ID, …).
        Warning => "Warning", "警告";
        /// A routine conversion of a cell (a label to its score, a blank to missing).
        Conversion => "Conversion", "変換";
        /// A cell, row or column left out.
        Excluded => "Excluded", "除外";
        /// An answer label of an item's scale and its score.
        Scale => "Scale", "尺度";
        /// An item that could not be tested.
        NotTested => "Not tested", "検定不可";
        /// A note on an assumption of the test (small n, skew, …).
        Assumption => "Assumption", "前提の確認";
    }
}

texts! {
    /// The "value used" of a note that has no number.
    pub enum ChecksValue {
        /// The whole row was left out.
        RowExcluded => "row excluded", "行を除外";
        /// The column or sheet is not an item.
        NotAnalysed => "not analysed", "分析対象外";
        /// The cell counts as a missing answer.
        Missing => "missing", "欠測";
    }
}

texts! {
    /// Other fixed texts of the Checks sheet.
    pub enum ChecksText {
        /// The only line of a sheet without conversions or exclusions.
        NothingConverted => "Nothing was converted or excluded.", "変換・除外したセルはありません。";
    }
}

formats! {
    /// Texts of the Checks sheet with values.
    pub enum ChecksFormat<'a> {
        /// How an item's scale was found, with how many cells held one of its labels.
        ScaleCells { how: &'a str, count: usize } => "{how} ({count} cells)", "{how}（{count} セル）";
        /// A conversion that spans several items.
        Items { n: usize } => "{n} items", "{n} 問";
        /// The last line when the sheet ran out of rows.
        Omitted { omitted: usize }
            => "… and {omitted} more conversions not listed (sheet limit)",
               "…ほか {omitted} 件の変換は、行数の上限のため記載を省略";
    }
}

/// The name of the Checks sheet's table: an identifier in ASCII letters in both languages.
pub fn table_name(lang: Lang) -> &'static str {
    pick(lang, "Checks", "Checks_ja")
}
