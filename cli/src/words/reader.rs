//! The words of the survey reader (`workbook/`): what each cell note means, the names of the
//! reading decisions, how a text file was read, why a column is the respondent ID, and how the
//! labels of an item became scores — as the Checks and Method sheets and the JSON print them.

use super::pick;
use crate::lang::Lang;
use crate::workbook::{PlanEntry, ScaleSource};

texts! {
    /// Short names of the reading decisions ([`crate::workbook::PlanTopic`]).
    pub enum PlanTopicName {
        Layout => "Layout", "データの配置";
        Order => "Order of the conditions", "比較の順序";
        HeaderRow => "Header row", "見出し行";
        IdColumn => "ID column", "ID の列";
        Pairing => "Pairing", "回答者の対応付け";
        GroupColumn => "Group column", "群の列";
        SummaryRows => "Summary rows", "集計行";
        CompareColumn => "Comparison group", "比較対照群";
    }
}

texts! {
    /// What a cell note ([`crate::workbook::NoteKind`]) means and what was done with the cell.
    pub enum NoteText {
        Blank =>
            "blank cell, treated as missing",
            "空欄（欠測扱い）";
        NoAnswer =>
            "no answer, treated as missing",
            "無回答（欠測扱い）";
        Text =>
            "text that is not a score, treated as missing",
            "数値でない文字列（欠測扱い）";
        FullWidthDigits =>
            "full-width digits, converted to a number",
            "全角数字（数値に変換）";
        NumberAsText =>
            "number stored as text, converted to a number",
            "文字列として保存された数値（数値に変換）";
        LikertLabel =>
            "answer label, converted to its score",
            "選択肢の文言（得点に変換）";
        ErrorCell =>
            "error value in the cell, treated as missing: check the formula",
            "エラー値（欠測扱い。数式を要確認）";
        Date =>
            "date or time in an item column, treated as missing: check the cell",
            "設問の列に日付・時刻（欠測扱い。セルを要確認）";
        Boolean =>
            "TRUE/FALSE in an item column, treated as missing: check the cell",
            "設問の列に TRUE/FALSE（欠測扱い。セルを要確認）";
        OutOfScale =>
            "value outside the answer scale, kept: check the cell",
            "回答の範囲外の値（そのまま使用。セルを要確認）";
        UnmatchedId =>
            "ID found in only one sheet, excluded from the paired test",
            "片方のシートにしかない ID（対応のある検定から除外）";
        MissingId =>
            "row without an ID, excluded from the paired test",
            "ID のない行（対応のある検定から除外）";
        MissingGroup =>
            "row without a group value, excluded",
            "群の値がない行（除外）";
        ItemInOneSheet =>
            "item found in only one sheet, not analysed",
            "片方のシートにしかない設問（分析の対象外）";
        ByChanged =>
            "breakdown (--by) value differs from the first sheet; the first sheet's value was used",
            "内訳（--by）の値が 1 つ目のシートと異なる（1 つ目のシートの値で集計）";
        SummaryRow =>
            "summary row (total, average, …), not a respondent: row excluded",
            "集計行（合計・平均など。回答者ではないため除外）";
        UnmatchedIdInGroup =>
            "ID found in only one of the two groups, excluded from the paired test",
            "片方の群にしかない ID（対応のある検定から除外）";
        HiddenRow =>
            "hidden row, left out (--include-hidden takes it in)",
            "非表示の行（分析から除外。--include-hidden で含めます）";
        FilteredRow =>
            "row hidden by the AutoFilter, left out (--include-hidden takes it in)",
            "オートフィルターで非表示になっている行（分析から除外。--include-hidden で含めます）";
        HiddenColumn =>
            "hidden column, left out (--include-hidden takes it in)",
            "非表示の列（分析から除外。--include-hidden で含めます）";
        HiddenSheet =>
            "hidden sheet, not used unless named with --sheets",
            "非表示のシート（--sheets で指定しない限り使いません）";
        TableTotalsRow =>
            "totals row of an Excel Table, not a respondent: left out",
            "テーブルの集計行（回答者ではないため除外）";
        SubtotalRow =>
            "row with a SUBTOTAL or AGGREGATE formula (a total, not a respondent): left out",
            "SUBTOTAL・AGGREGATE 関数を含む行（集計行のため除外）";
        OutsideTable =>
            "outside the sheet's Excel Table, which holds the data: left out",
            "シート上のテーブルの範囲外（データはテーブル内のみとして除外）";
        NotAnItemQuantity =>
            "the header names a quantity (age, years, amount, count), not an answer: column not analysed (name it with --items to analyse it)",
            "見出しが数量（年齢・年数・金額・件数など）を表すため、回答の列ではないと判断（分析の対象外。分析する場合は --items で指定）";
        NotAnItemTotal =>
            "the sum or mean of the other items in each row (a total), not an answer: column not analysed (name it with --items to analyse it)",
            "各行の他の設問の合計または平均のため、回答の列ではないと判断（分析の対象外。分析する場合は --items で指定）";
        NotAnItemRange =>
            "values are not integers on a rating scale (range shown), not answers: column not analysed (name it with --items to analyse it)",
            "値が評定尺度の整数ではない（値の範囲を表示）ため、回答の列ではないと判断（分析の対象外。分析する場合は --items で指定）";
        UnitRemoved =>
            "numbers written with a unit (点, %, 人) in this column: read as the number (80% is 80)",
            "この列は単位（点・%・人）付きの数値のため、数値として読み取り（80% は 80）";
        PercentCells =>
            "percent cells (0.8 shown as 80%) beside percentages written as text: multiplied by 100 so that every value is a percentage",
            "パーセント表示のセル（0.8 を 80% と表示）と文字の「80%」が混在: すべてパーセントの値にそろえるため 100 倍";
        MixedUnits =>
            "numbers written with different units in this column: those cells were not read (missing): check the column",
            "この列には異なる単位の数値が混在: それらのセルは読み取らず欠測扱い（列を要確認）";
    }
}

texts! {
    /// Names of the field delimiters of a text file ([`crate::workbook::Delimiter`]).
    pub enum DelimiterName {
        Comma => "comma", "カンマ";
        Tab => "tab", "タブ";
        Semicolon => "semicolon", "セミコロン";
    }
}

texts! {
    /// Fixed parts of the line on how a text file was read.
    pub enum TextFileWord {
        /// The encoding or the delimiter was found from the file's bytes.
        FoundInFile => "found in the file", "ファイルから判定";
        /// After the encoding's name: the file starts with a byte-order mark.
        WithBom => " with BOM", "（BOM 付き）";
    }
}

formats! {
    /// The line on how a text file was read ([`crate::workbook::TextFormat::describe`]).
    pub enum TextFileFormat<'a> {
        /// The encoding or the delimiter was given with an option.
        GivenWith { flag: &'a str } => "given with {flag}", "{flag} で指定";
        /// The whole line; `bom` is [`TextFileWord::WithBom`] or empty.
        Read {
            encoding: &'a str,
            bom: &'a str,
            encoding_how: &'a str,
            delimiter: &'a str,
            delimiter_how: &'a str,
        } =>
            "text file, encoding {encoding}{bom} ({encoding_how}), delimiter {delimiter} ({delimiter_how})",
            "テキストファイル。文字コード {encoding}{bom}（{encoding_how}）、区切り文字 {delimiter}（{delimiter_how}）";
    }
}

formats! {
    /// Why the column `name` is the respondent ID (the Checks sheet's ID column entry).
    pub enum IdReason<'a> {
        /// Named with `--id`.
        Forced { name: &'a str } => "{name}: named by --id", "「{name}」（--id で指定）";
        /// The e-mail column of a Microsoft Forms export.
        FormsEmail { name: &'a str } =>
            "{name}: a Forms export (it has a timestamp column) is paired by e-mail address; Forms' own ID numbers the answers, not the people; --id COLUMN chooses another column, --no-id pairs no one",
            "「{name}」（Forms の出力（タイムスタンプの列がある）なので、メールアドレスで対応付け。Forms の ID は回答の通し番号で人を表さない。別の列は --id 列名、対応付けない場合は --no-id）";
        /// The header is one of the usual names of a respondent ID.
        HeaderNamesId { name: &'a str } =>
            "{name}: its header names a respondent ID; --id COLUMN chooses another column, --no-id pairs no one",
            "「{name}」（見出しが回答者の ID を表すため。別の列は --id 列名、対応付けない場合は --no-id）";
        /// The header looks like an identifier and every value differs.
        LooksLikeId { name: &'a str } =>
            "{name}: its header looks like an identifier and its values are all different; --id COLUMN chooses another column, --no-id pairs no one",
            "「{name}」（見出しが識別番号らしく、値がすべて異なるため。別の列は --id 列名、対応付けない場合は --no-id）";
    }
}

formats! {
    /// How the labels of an item became scores ([`crate::workbook::ItemScale::describe`]).
    pub enum ScaleText<'a> {
        /// Inferred from the labels' family; `assumed` is [`ScaleText::Assumed`] or empty.
        Inferred { points: usize, family: &'a str, assumed: &'a str } =>
            "{points}-point scale inferred from the labels ({family}){assumed}; override with --scale",
            "選択肢の文言から {points} 段階の尺度と判定（{family}）{assumed}。--scale で変更できます";
        /// Labels of the scale no cell holds, with their scores (`label=score`, listed).
        Assumed { list: &'a str } =>
            "; not found in any cell, assumed: {list}",
            "。回答のない選択肢を想定: {list}";
        /// Scores written before the labels; `example` is such a label.
        Written { example: &'a str } =>
            "score written before each label (e.g. {example})",
            "選択肢の前に書かれた得点を使用（例: {example}）";
        /// Scores given with `--scale`.
        FromOption {} => "scores from --scale", "--scale で指定した得点";
    }
}

/// How the labels of an item became scores; `assumed` are the `label=score` texts of the labels
/// no cell holds.
pub fn scale_source(source: &ScaleSource, points: usize, assumed: &[String], lang: Lang) -> String {
    match source {
        ScaleSource::Inferred { family, .. } => {
            let assumed = if assumed.is_empty() {
                String::new()
            } else {
                let list = assumed.join(pick(lang, ", ", "、"));
                ScaleText::Assumed { list: &list }.text(lang)
            };
            ScaleText::Inferred {
                points,
                family,
                assumed: &assumed,
            }
            .text(lang)
        }
        ScaleSource::Written => ScaleText::Written {
            example: "5:そう思う",
        }
        .text(lang),
        ScaleSource::Option => ScaleText::FromOption {}.text(lang),
    }
}

impl PlanEntry {
    /// The text in the requested language.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }
}
