//! The words of which condition comes first (`workbook/time.rs`, `workbook/layout.rs`): how
//! the time of a sheet name or group value was read, the order the plan records, and the
//! refusal when two months could come in either order.

use super::pick;
use crate::lang::Lang;
use crate::workbook::TimeReading;

/// How a name's time was read, in `lang`: 「事前」/"before" for a before/after word, the
/// written year, round or month otherwise.
pub fn reading(r: &TimeReading, lang: Lang) -> String {
    match r {
        TimeReading::Phase(false) => pick(lang, "before", "事前").to_string(),
        TimeReading::Phase(true) => pick(lang, "after", "事後").to_string(),
        TimeReading::Written(s) => s.clone(),
    }
}

formats! {
    /// The order of the two conditions, as the plan (Checks sheet, JSON) records it.
    pub enum OrderText<'a> {
        /// Two sheets whose names carry time.
        SheetsByTime { x: &'a str, y: &'a str, rx: &'a str, ry: &'a str } =>
            "{x} first, then {y}: the names carry time ({x}: {rx}; {y}: {ry}), whatever the order of the sheets; --sheets {y},{x} reverses it",
            "「{x}」が先、「{y}」が後（シート名が時期を示している: 「{x}」は {rx}、「{y}」は {ry}。シートの並び順によらない。逆にするには --sheets {y},{x}）";
        /// Two sheets whose names carry no time: the workbook's order.
        SheetsByWorkbook { x: &'a str, y: &'a str } =>
            "{x} first, then {y}: the order of the sheets in the workbook (their names carry no time); --sheets {y},{x} reverses it",
            "「{x}」が先、「{y}」が後（シート名から時期が読み取れないため、ブック内のシートの順。逆にするには --sheets {y},{x}）";
        /// Two group values whose names carry time.
        LevelsByTime { x: &'a str, y: &'a str, rx: &'a str, ry: &'a str, column: &'a str } =>
            "{x} first, then {y}: the values of {column} carry time ({x}: {rx}; {y}: {ry}), whatever the order of the rows; --levels {y},{x} reverses it",
            "「{x}」が先、「{y}」が後（列「{column}」の値が時期を示している: 「{x}」は {rx}、「{y}」は {ry}。行の並び順によらない。逆にするには --levels {y},{x}）";
        /// Two group values without time: their order of first appearance.
        LevelsByAppearance { x: &'a str, y: &'a str, column: &'a str } =>
            "{x} first, then {y}: the order in which they first appear in {column} (the values carry no time); --levels {y},{x} reverses it",
            "「{x}」が先、「{y}」が後（値から時期が読み取れないため、列「{column}」に現れる順。逆にするには --levels {y},{x}）";
    }
}

formats! {
    /// Two sheets or group values named by months on either side of April: in a fiscal year
    /// (4月 … 3月) one comes first, in a calendar year the other. Refused: the order decides
    /// the sign of every change.
    pub enum EitherWay<'a> {
        /// Two sheets.
        Sheets { fiscal: &'a str, calendar: &'a str } =>
            "the sheets {fiscal} and {calendar} are named by months that could come in either order: in a fiscal year {fiscal} comes first, in a calendar year {calendar} does; name the order with --sheets {fiscal},{calendar} or --sheets {calendar},{fiscal}",
            "シート「{fiscal}」と「{calendar}」は月の名前ですが、どちらが先か決められません（年度で数えれば「{fiscal}」が先、暦年で数えれば「{calendar}」が先）。--sheets {fiscal},{calendar} または --sheets {calendar},{fiscal} で順番を指定してください";
        /// Two values of a group column.
        Levels { fiscal: &'a str, calendar: &'a str, column: &'a str } =>
            "the values {fiscal} and {calendar} of {column} are months that could come in either order: in a fiscal year {fiscal} comes first, in a calendar year {calendar} does; name the order with --levels {fiscal},{calendar} or --levels {calendar},{fiscal}",
            "列「{column}」の値「{fiscal}」と「{calendar}」は月ですが、どちらが先か決められません（年度で数えれば「{fiscal}」が先、暦年で数えれば「{calendar}」が先）。--levels {fiscal},{calendar} または --levels {calendar},{fiscal} で順番を指定してください";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_in_both_languages() {
        assert_eq!(reading(&TimeReading::Phase(false), Lang::Ja), "事前");
        assert_eq!(reading(&TimeReading::Phase(true), Lang::En), "after");
        let year = TimeReading::Written("令和5 = 2023".into());
        assert_eq!(reading(&year, Lang::En), reading(&year, Lang::Ja));
    }
}
