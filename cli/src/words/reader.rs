//! The words of the survey reader (`workbook/`): what each cell note means, the names of the
//! reading decisions, how a text file was read, why a column is the respondent ID, and how the
//! labels of an item became scores — as the Checks and Method sheets and the JSON print them —
//! and why a workbook could not be read.

use std::fmt;

use super::pick;
use crate::lang::{grouped, Lang};
use crate::workbook::{PlanEntry, ReadError, ScaleSource, MAX_COLUMNS, MAX_ROWS};

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
                let list = super::comma_list(assumed, lang);
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

/// Column headers listed in a message, after the first few "…" (「など」); in Japanese each
/// header in 「」.
pub fn column_list(names: &[&str], more: bool, lang: Lang) -> String {
    let mut v: Vec<String> = names
        .iter()
        .map(|n| match lang {
            Lang::En => n.to_string(),
            Lang::Ja => format!("「{n}」"),
        })
        .collect();
    if more {
        v.push(pick(lang, "…", "など").to_string());
    }
    super::comma_list(&v, lang)
}

impl PlanEntry {
    /// The text in the requested language.
    pub fn message(&self, lang: Lang) -> &str {
        either(lang, &self.en, &self.ja)
    }
}

formats! {
    /// Why a workbook could not be read ([`ReadError`]): what is wrong and what to do. `path`
    /// is the file; the other values are formatted by [`ReadError::message`].
    pub enum ReadErrorText<'a> {
        /// [`ReadError::NotFound`].
        NotFound { path: &'a str } =>
            "{path}: file not found; check the path and the file name",
            "{path}: ファイルが見つかりません。パスとファイル名を確認してください";
        /// [`ReadError::NotAWorkbook`].
        NotAWorkbook { path: &'a str } =>
            "{path}: not a workbook; give an .xlsx, .xlsm, .xls or .ods file, or a .csv, .tsv or .txt text file (a text file with another name is read with --encoding or --delimiter)",
            "{path}: Excel などのブックではありません。.xlsx、.xlsm、.xls、.ods のブック、または .csv、.tsv、.txt のテキストファイルを指定してください（ほかの名前のテキストファイルは --encoding か --delimiter を指定すると読み込めます）";
        /// [`ReadError::Encrypted`].
        Encrypted { path: &'a str } =>
            "{path}: the workbook is protected with a password; open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password) and save a copy",
            "{path}: ブックにパスワードが設定されています。Excel で開いてパスワードを解除し（［ファイル］>［情報］>［ブックの保護］>［パスワードを使用して暗号化］でパスワードを消去）、別名で保存してください";
        /// [`ReadError::Workbook`].
        Workbook { path: &'a str, reason: &'a str } =>
            "{path}: cannot read the workbook: {reason}; if Excel opens it, save a copy as .xlsx and try that",
            "{path}: ブックを読み込めません（{reason}）。Excel で開ける場合は、.xlsx 形式で保存し直してから再度お試しください";
        /// [`ReadError::TooLarge`]; `limit` is [`ReadErrorText::CellLimit`] or
        /// [`ReadErrorText::GridLimit`].
        TooLarge { path: &'a str, sheet: &'a str, limit: &'a str } =>
            "{path}: sheet {sheet} is too large to read (limit: {limit}); delete unused rows and columns or split the workbook",
            "{path}: シート「{sheet}」が大きすぎて読み込めません（上限: {limit}）。使っていない行や列を削除するか、ブックを分けてください";
        /// The limit of non-empty cells.
        CellLimit { cells: &'a str } => "{cells} non-empty cells", "空でないセル {cells} 個";
        /// Excel's rows and columns.
        GridLimit { rows: &'a str, columns: &'a str } =>
            "{rows} rows × {columns} columns",
            "{rows} 行 × {columns} 列";
        /// [`ReadError::Declared`]; `what` from [`DeclaredWhat`].
        Declared { path: &'a str, what: &'a str, declared: &'a str, limit: &'a str } =>
            "{path}: the workbook declares {declared} {what}, more than the limit of {limit}; the file is damaged or was not saved by a spreadsheet program: open it in Excel and save a copy",
            "{path}: ブックに記録されている{what}が {declared} で、上限の {limit} を超えています。ファイルが壊れているか、表計算ソフトで保存されたものではない可能性があります。Excel で開いて別名で保存してください";
        /// [`ReadError::Expands`]; `place` is [`ReadErrorText::AtSheet`] or
        /// [`ReaderWord::TheWorkbook`], `what` from [`ExpandsWhat`].
        Expands { path: &'a str, place: &'a str, amount: &'a str, what: &'a str, limit: &'a str } =>
            "{path}: {place} expands to {amount} {what} when its repeated rows, columns and spaces are read (limit: {limit}); delete unused rows and columns (for example a value filled down to the last row) or split the workbook, or open it in Excel or LibreOffice and save a copy as .xlsx",
            "{path}: {place}は繰り返し指定された行・列・空白を展開すると{what}が {amount} になり、上限の {limit} を超えます。使っていない行や列（最終行まで値を入力した列など）を削除するかブックを分けるか、Excel または LibreOffice で開いて .xlsx 形式で別名保存してください";
        /// The workbook when the limit was passed at a sheet.
        AtSheet { sheet: &'a str } => "the workbook (at sheet {sheet})", "ブック（シート「{sheet}」の時点）";
        /// [`ReadError::Damaged`].
        Damaged { path: &'a str, reason: &'a str } =>
            "{path}: the file is damaged: {reason}; open it in Excel and save a copy, or use a backup",
            "{path}: ファイルが壊れています（{reason}）。Excel で開いて別名で保存するか、バックアップから復元してください";
        /// [`ReadError::NoData`]; `place` is [`ReadErrorText::Sheet`] or
        /// [`ReaderWord::TheWorkbook`].
        NoData { path: &'a str, place: &'a str } =>
            "{path}: {place} has no data rows under the header; check that you chose the right file and sheet",
            "{path}: {place}に見出しの下のデータ行がありません。ファイルとシートを確認してください";
        /// A sheet.
        Sheet { sheet: &'a str } => "sheet {sheet}", "シート「{sheet}」";
        /// [`ReadError::Layout`]: the reason says everything.
        Layout { path: &'a str, reason: &'a str } => "{path}: {reason}", "{path}: {reason}";
        /// [`ReadError::DuplicateId`]; `rows` listed.
        DuplicateId { path: &'a str, sheet: &'a str, id: &'a str, rows: &'a str } =>
            "{path}: duplicate ID {id:?} in sheet {sheet}, rows {rows}; every respondent needs a different ID (fix the rows or use --id to choose another column)",
            "{path}: シート「{sheet}」で ID「{id}」が重複しています（{rows} 行目）。回答者ごとに異なる ID が必要です（行を修正するか、--id で別の列を指定してください）";
        /// [`ReadError::Text`] about one line of the file.
        TextLine { path: &'a str, line: u64, reason: &'a str } =>
            "{path}: line {line}: {reason}",
            "{path}: {line} 行目: {reason}";
        /// [`ReadError::Text`] about the whole file.
        Text { path: &'a str, reason: &'a str } => "{path}: {reason}", "{path}: {reason}";
        /// [`ReadError::Internal`].
        Internal { path: &'a str, detail: &'a str } =>
            "{path}: internal error while reading the workbook ({detail}); this is a bug in ttest-xl or calamine, please report it with the file if you can",
            "{path}: ブックの読み込み中に内部エラーが発生しました（{detail}）。ttest-xl または calamine の不具合です。可能であれば、このファイルを添えて開発元に報告してください";
    }
}

texts! {
    /// Fixed words of the reader's errors.
    pub enum ReaderWord {
        /// The whole workbook, as the place of a problem.
        TheWorkbook => "the workbook", "ブック";
    }
}

texts! {
    /// What a file declares beyond a limit ([`ReadError::Declared`]'s `what`).
    pub enum DeclaredWhat {
        SharedStrings => "shared strings", "共有文字列の数";
        SharedStringBytes => "bytes of shared strings", "共有文字列のバイト数";
        XlsDimensions => "cells (.xls DIMENSIONS record)", "セル数（.xls の DIMENSIONS レコード）";
        ContentXml => "bytes of content.xml (uncompressed)", "content.xml のバイト数（展開後）";
        ManifestXml =>
            "bytes of META-INF/manifest.xml (uncompressed)",
            "META-INF/manifest.xml のバイト数（展開後）";
        XmlRun => "bytes in one XML element or text", "1 つの XML 要素・テキストのバイト数";
        XmlDepth => "levels of nested XML elements", "XML 要素の入れ子の深さ";
        XmlNames => "bytes of open XML element names", "開いている XML 要素名のバイト数";
        Sheets => "sheets", "シート数";
        XlsCellRecords => "cells (.xls cell records of one sheet)", "1 シートのセルレコードの数（.xls）";
        XlsUsedRanges => "cells in the sheets' used ranges (.xls)", "シートの使用範囲のセル数（.xls）";
        XlsbUsedRanges => "cells in the sheets' used ranges (.xlsb)", "シートの使用範囲のセル数（.xlsb）";
        XlsSharedStringBytes =>
            "bytes of shared strings in .xls cells",
            "セルが参照する共有文字列のバイト数（.xls）";
        XlsFormulaBytes => "bytes of formula text (.xls)", "数式の文字列のバイト数（.xls）";
    }
}

texts! {
    /// What an .ods would expand to beyond a limit ([`ReadError::Expands`]'s `what`).
    pub enum ExpandsWhat {
        Cells => "cells", "セル数";
        TextBytes => "bytes of text", "文字列のバイト数";
    }
}

/// The English or the Japanese of a text the reader built in both languages.
fn either<'a>(lang: Lang, en: &'a str, ja: &'a str) -> &'a str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

fn join_rows(rows: &[u32]) -> String {
    rows.iter()
        .map(|r| r.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

impl ReadError {
    /// The message in the requested language: the file, what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        let path = &self.path().display().to_string();
        let place = |sheet: &Option<String>, at: fn(&str) -> ReadErrorText<'_>| match sheet {
            Some(s) => at(s).text(lang),
            None => ReaderWord::TheWorkbook.get(lang).to_string(),
        };
        match self {
            ReadError::NotFound { .. } => ReadErrorText::NotFound { path }.text(lang),
            ReadError::NotAWorkbook { .. } => ReadErrorText::NotAWorkbook { path }.text(lang),
            ReadError::Encrypted { .. } => ReadErrorText::Encrypted { path }.text(lang),
            ReadError::Workbook { reason, .. } => {
                ReadErrorText::Workbook { path, reason }.text(lang)
            }
            ReadError::TooLarge { sheet, cells, .. } => {
                let limit = match cells {
                    Some(n) => ReadErrorText::CellLimit {
                        cells: &grouped(*n as u128),
                    }
                    .text(lang),
                    None => ReadErrorText::GridLimit {
                        rows: &grouped(MAX_ROWS),
                        columns: &grouped(MAX_COLUMNS),
                    }
                    .text(lang),
                };
                ReadErrorText::TooLarge {
                    path,
                    sheet,
                    limit: &limit,
                }
                .text(lang)
            }
            ReadError::Declared {
                what,
                declared,
                limit,
                ..
            } => ReadErrorText::Declared {
                path,
                what: what.get(lang),
                declared: &grouped(*declared),
                limit: &grouped(*limit),
            }
            .text(lang),
            ReadError::Expands {
                sheet,
                what,
                amount,
                limit,
                ..
            } => ReadErrorText::Expands {
                path,
                place: &place(sheet, |sheet| ReadErrorText::AtSheet { sheet }),
                amount: &grouped(*amount),
                what: what.get(lang),
                limit: &grouped(*limit),
            }
            .text(lang),
            ReadError::Damaged {
                reason, reason_ja, ..
            } => ReadErrorText::Damaged {
                path,
                reason: either(lang, reason, reason_ja),
            }
            .text(lang),
            ReadError::NoData { sheet, .. } => ReadErrorText::NoData {
                path,
                place: &place(sheet, |sheet| ReadErrorText::Sheet { sheet }),
            }
            .text(lang),
            ReadError::Layout {
                reason, reason_ja, ..
            } => ReadErrorText::Layout {
                path,
                reason: either(lang, reason, reason_ja),
            }
            .text(lang),
            ReadError::DuplicateId {
                sheet, id, rows, ..
            } => ReadErrorText::DuplicateId {
                path,
                sheet,
                id,
                rows: &join_rows(rows),
            }
            .text(lang),
            ReadError::Text {
                line,
                reason,
                reason_ja,
                ..
            } => {
                let reason = either(lang, reason, reason_ja);
                match line {
                    Some(line) => ReadErrorText::TextLine {
                        path,
                        line: *line,
                        reason,
                    },
                    None => ReadErrorText::Text { path, reason },
                }
                .text(lang)
            }
            ReadError::Internal { detail, .. } => {
                ReadErrorText::Internal { path, detail }.text(lang)
            }
        }
    }
}

impl fmt::Display for ReadError {
    /// The English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn errors_name_what_was_declared_in_the_language_asked_for() {
        let e = ReadError::Declared {
            path: PathBuf::from("a.xlsx"),
            what: DeclaredWhat::SharedStrings,
            declared: 4_000_000_000,
            limit: 1_000_000,
        };
        assert_eq!(
            e.to_string(),
            "a.xlsx: the workbook declares 4,000,000,000 shared strings, more than the limit of 1,000,000; the file is damaged or was not saved by a spreadsheet program: open it in Excel and save a copy"
        );
        assert!(e.message(Lang::Ja).starts_with(
            "a.xlsx: ブックに記録されている共有文字列の数が 4,000,000,000 で、上限の 1,000,000 を超えています。"
        ));
        let e = ReadError::Text {
            path: PathBuf::from("a.csv"),
            line: Some(3),
            reason: "ragged".into(),
            reason_ja: "列数が違います".into(),
        };
        assert_eq!(e.to_string(), "a.csv: line 3: ragged");
        assert_eq!(e.message(Lang::Ja), "a.csv: 3 行目: 列数が違います");
    }
}
