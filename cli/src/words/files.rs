//! Why a file cannot be read as a table (`workbook/`): a text (CSV) file's problems
//! (`ReadError::text_file`) and a damaged file's (`ReadError::damaged`), each an entry
//! below, stored in both languages.

use std::path::Path;

use super::pick;
use super::reader::DelimiterName;
use super::reading::Text;
use super::{list, Sep};
use crate::lang::Lang;
use crate::workbook::ReadError;

impl Text for TextFileProblem<'_> {
    fn text(&self, lang: Lang) -> String {
        TextFileProblem::text(self, lang)
    }
}

impl Text for DamagedText<'_> {
    fn text(&self, lang: Lang) -> String {
        DamagedText::text(self, lang)
    }
}

impl ReadError {
    /// A [`ReadError::Text`] about the text file `path` (at `line`, if one), whose reason is
    /// `text`, in both languages.
    pub(crate) fn text_file(path: &Path, line: Option<u64>, text: impl Text) -> ReadError {
        ReadError::Text {
            path: path.to_path_buf(),
            line,
            reason: text.text(Lang::En),
            reason_ja: text.text(Lang::Ja),
        }
    }
}

impl ReadError {
    /// A [`ReadError::Damaged`] about `path` whose reason is `text`, in both languages.
    pub(crate) fn damaged(path: &Path, text: impl Text) -> ReadError {
        ReadError::Damaged {
            path: path.to_path_buf(),
            reason: text.text(Lang::En),
            reason_ja: text.text(Lang::Ja),
        }
    }
}

impl Text for DamagedPart {
    fn text(&self, lang: Lang) -> String {
        self.get(lang).to_string()
    }
}

impl Text for TextFileRefusal {
    fn text(&self, lang: Lang) -> String {
        self.get(lang).to_string()
    }
}

texts! {
    /// Why a text (CSV) file cannot be read, fixed texts (`ReadError::text_file`).
    pub enum TextFileRefusal {
        /// The file is empty.
        Empty =>
            "the file is empty; check that you chose the right file and that it was saved",
            "ファイルが空です。指定したファイルが正しいか、保存されているかを確認してください";
        /// A line in no known encoding.
        UnknownEncoding =>
            "the line is neither UTF-8 nor Shift_JIS (CP932) text: the file is not a text file, or its encoding is not known to ttest-xl; save it from Excel as CSV UTF-8, or give --encoding (utf-8, utf-16le, utf-16be, cp932)",
            "この行は UTF-8 でも Shift_JIS（CP932）でもありません。テキストファイルでないか、対応していない文字コードです。Excel で「CSV UTF-8」として保存し直すか、--encoding（utf-8、utf-16le、utf-16be、cp932）を指定してください";
        /// Only blank lines.
        NoValues =>
            "the file holds no values (only blank lines); check that you chose the right file",
            "ファイルに値がありません（空行のみ）。指定したファイルが正しいか確認してください";
        /// A quote that is never closed.
        QuoteNotClosed =>
            "a double quote (\") opens a value here that is never closed: the rest of the file would be one value; close the quote or remove it",
            "この行で始まる二重引用符（\"）が閉じられていません（ファイルの最後までが 1 つの値になってしまいます）。引用符を閉じるか削除してください";
    }
}

formats! {
    /// Why a text (CSV) file cannot be read, with values (`ReadError::text_file`).
    pub enum TextFileProblem<'a> {
        /// Line `u` is UTF-8, line `x` not.
        MixedEncodings { u: u64, x: u64 } =>
            "mixed encodings: line {u} is UTF-8 but line {x} is not; save the whole file in one encoding (in Excel: Save As > CSV UTF-8), or give --encoding utf-8 or --encoding cp932 if you know which one it is",
            "文字コードが混在しています（{u} 行目は UTF-8、{x} 行目は UTF-8 ではありません）。ファイル全体を 1 つの文字コードで保存し直すか（Excel では［名前を付けて保存］>「CSV UTF-8」）、文字コードが分かっている場合は --encoding utf-8 または --encoding cp932 を指定してください";
        /// A line longer than `mib` MiB.
        LineTooLong { mib: usize } =>
            "the line is longer than {mib} MiB: the file is not a survey table (or a quote is not closed); check the file",
            "行の長さが {mib} MiB を超えています。アンケートの表ではないか、引用符（\"）が閉じられていません。ファイルを確認してください";
        /// A control byte.
        ControlByte { byte: u8 } =>
            "the line holds the control byte 0x{byte:02X}: this is not a text file (if it is UTF-16 text without a byte-order mark, give --encoding utf-16le)",
            "この行に制御文字（0x{byte:02X}）があります。テキストファイルではありません（BOM のない UTF-16 のテキストの場合は --encoding utf-16le を指定してください）";
        /// Several delimiters fit; `fits` lists each with its fields a line, `flags` the
        /// options.
        Delimiters { fits: &'a str, flags: &'a str } =>
            "cannot tell which character separates the values: {fits} all fit; give {flags}",
            "値の区切り文字を判定できません（{fits} のどれでも読めます）。{flags} のいずれかを指定してください";
        /// A delimiter and its fields a line, in [`TextFileProblem::Delimiters`]'s list.
        FieldsALine { name: &'a str, n: usize } =>
            "{name} ({n} fields a line)",
            "{name}（1 行 {n} 項目）";
        /// Bytes that are not valid in the encoding `label`.
        Malformed { label: &'a str } =>
            "bytes that are not valid {label}: the file mixes encodings or is not text; save the whole file in one encoding (in Excel: Save As > CSV UTF-8), or give the right --encoding (utf-8, utf-16le, utf-16be, cp932)",
            "{label} として正しくないバイト列があります。文字コードが混在しているか、テキストファイルではありません。ファイル全体を 1 つの文字コードで保存し直すか（Excel では［名前を付けて保存］>「CSV UTF-8」）、正しい --encoding（utf-8、utf-16le、utf-16be、cp932）を指定してください";
        /// A line with more fields (`n`) than line `at` (`w`).
        TooManyFields { n: usize, at: u64, w: usize } =>
            "the line has {n} fields but line {at} has only {w}: values would land under the wrong headers (a value holding a delimiter must be in double quotes); fix the file, or give the right --delimiter",
            "この行の項目数は {n} で、{at} 行目の {w} より多くなっています（このままでは値が別の見出しの列に入ってしまいます。区切り文字を含む値は \"\" で囲みます）。ファイルを修正するか、正しい --delimiter を指定してください";
    }
}

/// Several delimiters fit: each (its name and fields a line) and the option that chooses it.
pub fn delimiters<'a>(fits: &'a [(DelimiterName, usize)], flags: &'a [String]) -> impl Text + 'a {
    move |lang| {
        let each: Vec<String> = fits
            .iter()
            .map(|(name, n)| {
                TextFileProblem::FieldsALine {
                    name: name.get(lang),
                    n: *n,
                }
                .text(lang)
            })
            .collect();
        TextFileProblem::Delimiters {
            fits: &list(lang, Sep::Comma, &each, false),
            flags: &flags.join(pick(lang, " or ", "、")),
        }
        .text(lang)
    }
}

texts! {
    /// How a file is damaged, fixed texts (`ReadError::damaged`), and the parts of an XML
    /// part that run too long ([`DamagedText::XmlRun`]).
    pub enum DamagedPart {
        /// A sector chain of an .xls compound file loops.
        Cycle =>
            "a sector chain of the compound file loops back on itself",
            "複合ファイルのセクターチェーンが循環しています";
        /// The sector table of an .xls compound file is too long.
        FatTooLong =>
            "the compound file's sector table lists more sectors than the file holds",
            "複合ファイルのセクター表がファイルにある以上のセクターを指しています";
        /// A sector chain points outside the sector table.
        OffFat =>
            "a sector chain of the compound file points outside its sector table",
            "複合ファイルのセクターチェーンがセクター表の外を指しています";
        /// Formulas or shared strings that would take minutes to decode.
        Slow =>
            "its formulas or shared strings are built so that decoding them would take minutes",
            "数式または共有文字列が、読み込みに何分もかかる構造になっています";
        /// The compound file is cut short.
        Truncated =>
            "the compound file is cut short (a sector it needs is past the end of the file)",
            "複合ファイルが途中で切れています（必要なセクターがファイルの末尾より後ろにあります）";
        /// A run of text or whitespace.
        TextRun => "a text or whitespace run", "文字列・空白の連続";
        /// One XML tag.
        Tag => "one XML tag (element name and attributes)", "XML タグ（要素名と属性）";
        /// An XML comment.
        Comment => "an XML comment", "XML コメント";
        /// A CDATA section.
        CData => "a CDATA section", "CDATA セクション";
        /// A processing instruction.
        Instruction => "a processing instruction", "XML 処理命令";
    }
}

formats! {
    /// How a file is damaged, with values (`ReadError::damaged`); `part` is a part of the
    /// file (`xl/sharedStrings.xml`).
    pub enum DamagedText<'a> {
        /// A run (`what`, a [`DamagedPart`]) longer than `mib` MiB.
        XmlRun { part: &'a str, what: &'a str, mib: usize } =>
            "{part} holds {what} longer than {mib} MiB, more than any spreadsheet program writes (the file is damaged or too large)",
            "{part} に {mib} MiB を超える{what}があり、表計算ソフトが書き出す量を超えています（ファイルが壊れているか、大きすぎます）";
        /// An XML element name longer than `bytes`.
        XmlName { part: &'a str, bytes: usize } =>
            "{part} holds an XML element name longer than {bytes} bytes (the file is damaged or too large)",
            "{part} に {bytes} バイトを超える XML 要素名があります（ファイルが壊れているか、大きすぎます）";
        /// A DOCTYPE declaration.
        Doctype { part: &'a str } =>
            "{part} holds a DOCTYPE declaration, which an Office Open XML part never does (the file is damaged or was not saved by a spreadsheet program)",
            "{part} に DOCTYPE 宣言があります。Office Open XML のパーツには含まれないものです（ファイルが壊れているか、表計算ソフトで保存されたものではありません）";
        /// A part larger than `gib` GiB.
        PartTooLarge { part: &'a str, gib: u64 } =>
            "{part} is larger than {gib} GiB uncompressed (the file is damaged or too large)",
            "{part} は展開後 {gib} GiB を超えています（ファイルが壊れているか、大きすぎます）";
        /// An .xlsb record of `len` bytes, over `mib` MiB.
        XlsbRecord { part: &'a str, len: usize, mib: usize } =>
            "{part} holds a record of {len} bytes, more than the {mib} MiB a spreadsheet program writes (the file is damaged or too large)",
            "{part} に {len} バイトのレコードがあり、表計算ソフトが書き出す {mib} MiB を超えています（ファイルが壊れているか、大きすぎます）";
        /// A cell beyond column XFD.
        BeyondLastColumn { part: &'a str, column: u64 } =>
            "{part} has a cell in column {column}, beyond Excel's last column (XFD)",
            "{part} に Excel の最終列（XFD）を超える {column} 列目のセルがあります";
        /// An .ods `content.xml` that ends inside a sheet.
        OdsEndsInSheet { name: &'a str } =>
            "content.xml ends inside sheet {name} (the file is truncated)",
            "content.xml がシート「{name}」の途中で終わっています（ファイルが途中で切れています）";
        /// An .ods `content.xml` that ends inside a cell comment.
        OdsEndsInComment { sheet: &'a str } =>
            "content.xml ends inside a cell comment in sheet {sheet} (the file is truncated)",
            "content.xml がシート「{sheet}」のセルのコメントの途中で終わっています（ファイルが途中で切れています）";
    }
}

/// A run (`what`) of the XML part `part` longer than `mib` MiB.
pub fn xml_run(part: &str, what: DamagedPart, mib: usize) -> impl Text + '_ {
    move |lang| {
        DamagedText::XmlRun {
            part,
            what: what.get(lang),
            mib,
        }
        .text(lang)
    }
}

formats! {
    /// Why the text of a shared or inline string cannot be read
    /// ([`crate::workbook::TextProblem`]).
    pub enum TextProblemText<'a> {
        /// [`crate::workbook::TextProblem::UnterminatedReference`].
        UnterminatedReference {} =>
            "an unterminated XML reference (&…)",
            "XML の参照（&…）が閉じられていません（ファイルが壊れています）";
        /// [`crate::workbook::TextProblem::UnknownReference`].
        UnknownReference { name: &'a str } =>
            "an unknown XML reference &{name};",
            "不明な XML の参照 &{name}; があります（ファイルが壊れています）";
        /// [`crate::workbook::TextProblem::StringTooLong`].
        StringTooLong { mib: usize } =>
            "a string longer than {mib} MiB (the file is damaged or too large)",
            "{mib} MiB を超える文字列があります（ファイルが壊れているか、大きすぎます）";
        /// [`crate::workbook::TextProblem::SharedStringsTooLarge`].
        SharedStringsTooLarge { mib: u64 } =>
            "the shared strings hold more than {mib} MiB of text (the file is damaged or too large)",
            "共有文字列の合計が {mib} MiB を超えています（ファイルが壊れているか、大きすぎます）";
        /// A problem in the shared strings part `part`.
        InPart { part: &'a str, problem: &'a str } => "{part}: {problem}", "{part}: {problem}";
    }
}

/// A string's problem in `lang`.
pub fn text_problem(p: &crate::workbook::TextProblem, lang: Lang) -> String {
    use crate::workbook::TextProblem as P;
    match p {
        P::UnterminatedReference => TextProblemText::UnterminatedReference {},
        P::UnknownReference(name) => TextProblemText::UnknownReference { name },
        P::StringTooLong { mib } => TextProblemText::StringTooLong { mib: *mib },
        P::SharedStringsTooLarge { mib } => TextProblemText::SharedStringsTooLarge { mib: *mib },
    }
    .text(lang)
}

/// A problem of the shared strings part `part` (`xl/sharedStrings.xml`).
pub fn shared_strings_problem<'a>(
    part: &'a str,
    p: &'a crate::workbook::TextProblem,
) -> impl Text + 'a {
    move |lang| {
        TextProblemText::InPart {
            part,
            problem: &text_problem(p, lang),
        }
        .text(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::TextProblem;

    /// A broken reference in the shared strings is said as what it is, not as "too large"
    /// (the Japanese said 「共有文字列が大きすぎます」 for every problem), and the English is the
    /// cell reader's as before.
    #[test]
    fn shared_string_problems_say_what_is_wrong() {
        let p = TextProblem::UnknownReference("foo".into());
        let t = shared_strings_problem("xl/sharedStrings.xml", &p);
        assert_eq!(
            t.text(Lang::En),
            "xl/sharedStrings.xml: an unknown XML reference &foo;"
        );
        assert_eq!(
            t.text(Lang::Ja),
            "xl/sharedStrings.xml: 不明な XML の参照 &foo; があります（ファイルが壊れています）"
        );
        let p = TextProblem::UnterminatedReference;
        assert!(!text_problem(&p, Lang::Ja).contains("大きすぎ"));
        assert_eq!(
            text_problem(&TextProblem::SharedStringsTooLarge { mib: 1024 }, Lang::En),
            "the shared strings hold more than 1024 MiB of text (the file is damaged or too large)"
        );
    }
}
