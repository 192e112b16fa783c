//! The reader's sentences with values (`workbook/`): the reading decisions it puts on the plan
//! (which sheets, which order, which ID column, and why) and why it refuses a layout — each an
//! entry below, given to `ReadPlan::add_text` or `ReadError::layout_text`, which store both
//! languages. A sentence with a list joined differently in each language is a function here.

use std::path::Path;

use super::pick;
use super::reader::column_list;
use super::{comma_list, list, Sep};
use crate::lang::Lang;
use crate::workbook::{PlanTopic, ReadError, ReadPlan, TimeReading};

/// A text of the reader in either language: an entry of a table below, or a function of the
/// language built from entries (`|lang| …`).
pub trait Text {
    /// The text in `lang`.
    fn text(&self, lang: Lang) -> String;
}

impl<F: Fn(Lang) -> String> Text for F {
    fn text(&self, lang: Lang) -> String {
        self(lang)
    }
}

/// Implements [`Text`] for `formats!` tables.
macro_rules! text_tables {
    ($($name:ident),* $(,)?) => {
        $(impl Text for $name<'_> {
            fn text(&self, lang: Lang) -> String {
                $name::text(self, lang)
            }
        })*
    };
}

text_tables!(PlanText, LayoutRefusal, WavesText);

impl Text for ReadingWord {
    fn text(&self, lang: Lang) -> String {
        self.get(lang).to_string()
    }
}

impl ReadPlan {
    /// Records a decision whose text is `text`, in both languages (the JSON prints both).
    pub(crate) fn add_text(
        &mut self,
        topic: PlanTopic,
        place: Option<(&str, String)>,
        text: impl Text,
    ) {
        self.add(topic, place, text.text(Lang::En), text.text(Lang::Ja));
    }
}

impl ReadError {
    /// A [`ReadError::Layout`] whose reason is `text`, in both languages.
    pub(crate) fn layout_text(path: &Path, text: impl Text) -> ReadError {
        ReadError::layout(path, text.text(Lang::En), text.text(Lang::Ja))
    }
}

texts! {
    /// Fixed texts of the reader's decisions and refusals, and words used in them.
    pub enum ReadingWord {
        /// Two sheets and no column that names a respondent ID.
        NoIdColumnSheets =>
            "no ID column (no header names a respondent ID such as ID, 職員番号 or 回答者ID): the sheets are compared as independent groups; name one with --id COLUMN to pair respondents",
            "ID の列なし（ID・職員番号・回答者ID などの見出しがないため、2 つのシートを独立した 2 群として比較。回答者を対応付けるには --id 列名 で指定）";
        /// A group column and no column that names a respondent ID.
        NoIdColumnGroups =>
            "no ID column (no header names a respondent ID such as ID, 職員番号 or 回答者ID): the two groups are compared as independent; name one with --id COLUMN to pair respondents",
            "ID の列なし（ID・職員番号・回答者ID などの見出しがないため、2 群を独立した群として比較。回答者を対応付けるには --id 列名 で指定）";
        /// Why two sheets were found: the same item headers.
        SameItemHeaders => "they have the same item headers", "設問の見出しが同じ";
        /// Why two sheets were found: their names.
        NamesSayBeforeAfter => "their names say before and after", "シート名が事前・事後を示している";
        /// A wide sheet and no ID column: none is needed.
        WideNoIdNeeded =>
            "no ID column needed: each row holds one respondent's before and after answers",
            "ID の列は不要（1 行に同じ回答者の事前と事後の回答があるため）";
        /// The two sides of [`LayoutRefusal::UncertainCount`]: groups.
        Groups => "groups", "群";
        /// The two sides of [`LayoutRefusal::UncertainCount`]: sheets.
        Sheets => "sheets", "シート";
        /// Two input files, and one of them is a workbook.
        TwoFilesNotText =>
            "two input files are read only as CSV (or TSV) files, and this one is a workbook; give one workbook with both sheets (--sheets BEFORE,AFTER), or save each sheet as CSV",
            "入力ファイルを 2 つ指定できるのは CSV（TSV）ファイルの場合だけですが、このファイルはブックです。2 つのシートを含むブックを 1 つ指定するか（--sheets 事前,事後）、各シートを CSV で保存してください";
        /// Why a column of a sheet read with `--wide` is left out: no mark.
        WideNoMark => "carries neither --wide marker", "--wide で指定した印がない";
        /// Why a column of a sheet read with `--wide` is left out: no single partner.
        WideNoPartner =>
            "has no partner column (or more than one) under --wide",
            "--wide の指定で組になる列がない（または複数ある）";
    }
}

formats! {
    /// Reading decisions with values (`ReadPlan::add_text`).
    pub enum PlanText<'a> {
        /// The two sheets named with `--sheets`.
        SheetsNamed { a: &'a str, b: &'a str } =>
            "two sheets, {a} and {b}: named by --sheets",
            "2 つのシート「{a}」と「{b}」（--sheets で指定）";
        /// Their order, as given.
        SheetsOrderNamed { a: &'a str, b: &'a str } =>
            "{a} first, then {b}: the order given by --sheets",
            "「{a}」が先、「{b}」が後（--sheets で指定した順）";
        /// The group column named with `--group`.
        GroupNamed { name: &'a str, gname: &'a str } =>
            "one sheet, {name}, split into two groups by the column {gname}: named by --group",
            "1 つのシート「{name}」を列「{gname}」で 2 群に分割（--group で指定）";
        /// Two sheets found; `why` is [`ReadingWord::SameItemHeaders`] or
        /// [`ReadingWord::NamesSayBeforeAfter`].
        TwoSheetsFound { na: &'a str, nb: &'a str, why: &'a str } =>
            "two sheets, {na} and {nb}: {why}; another pair can be named with --sheets FIRST,SECOND",
            "2 つのシート「{na}」と「{nb}」（{why}。別のシートを比べるには --sheets 先,後 で指定）";
        /// A sheet with the same item headers whose numbers are no answers.
        SummarySheet { name: &'a str, example: &'a str } =>
            "sheet {name} has the same item headers but its numbers are not answers (e.g. {example}): a summary sheet, not analysed; --sheets FIRST,SECOND chooses the sheets",
            "シート「{name}」は設問の見出しが同じですが、数値が回答ではない（例: {example}）ため集計表とみなし、分析の対象外（比べるシートは --sheets 先,後 で指定）";
        /// The only column with two values splits the sheet; `values` listed.
        OneSheetSplit { name: &'a str, gname: &'a str, values: &'a str } =>
            "one sheet, {name}, split into two groups by the column {gname}: the only column with exactly two values ({values}); --group COLUMN names another",
            "1 つのシート「{name}」を列「{gname}」で 2 群に分割（ちょうど 2 種類の値（{values}）をもつ唯一の列。別の列は --group 列名 で指定）";
        /// The ID column of the first sheet is missing from the second.
        IdInOneSheet { name: &'a str, na: &'a str } =>
            "no ID column: {name} is in sheet {na} only, so the sheets are compared as independent groups",
            "ID の列なし（「{name}」はシート「{na}」にしかないため、2 つのシートを独立した 2 群として比較）";
        /// The ID column counts 1, 2, 3, … in each sheet.
        RunningNumberSheets { name: &'a str } =>
            "{name} is not used as an ID: it counts 1, 2, 3, … in each sheet (a running number numbers answers, not people), so the sheets are compared as independent groups; if it does identify the same people in both sheets, add --id {name}",
            "「{name}」は ID として使用しない（各シートで 1, 2, 3, … と連番になっており、回答の通し番号で人を表さないため。2 つのシートを独立した 2 群として比較。両方のシートで同じ人を表す番号の場合は --id {name} を指定）";
        /// The ID column of two sheets is not used (`--no-id`).
        NotPairedSheets { name: &'a str } =>
            "{name} is not used to pair respondents (--no-id or an independent --test): every respondent of each sheet is analysed",
            "「{name}」で回答者を対応付けない（--no-id または独立 2 群の --test を指定）。各シートの回答者全員を分析";
        /// The ID column counts 1, 2, 3, … in each group.
        RunningNumberGroups { name: &'a str } =>
            "{name} is not used as an ID: it counts 1, 2, 3, … in each group (a running number numbers answers, not people), so the groups are compared as independent; if it does identify the same people in both groups, add --id {name}",
            "「{name}」は ID として使用しない（各群で 1, 2, 3, … と連番になっており、回答の通し番号で人を表さないため。2 群を独立した群として比較。両方の群で同じ人を表す番号の場合は --id {name} を指定）";
        /// The ID column of two groups is not used (`--no-id`).
        NotPairedGroups { name: &'a str } =>
            "{name} is not used to pair respondents (--no-id or an independent --test): every respondent of each group is analysed",
            "「{name}」で回答者を対応付けない（--no-id または独立 2 群の --test を指定）。各群の回答者全員を分析";
        /// A wide sheet read by the marks named with `--wide`; `examples` are a few pairs
        /// ([`PlanText::WidePairExample`], listed).
        WideNamed { sheet: &'a str, n: usize, examples: &'a str, option: &'a str } =>
            "one sheet, {sheet}, with before/after columns side by side, paired within each row ({n} pair(s): {examples}): the pattern named by --wide {option}",
            "1 つのシート「{sheet}」に事前と事後の列が横に並んだ形。同じ行の 2 つの列を対応づけ（{n} 組: {examples}。--wide {option} で指定した組の付け方）";
        /// A wide sheet found by its marks `m1`, `m2`.
        WideFound { sheet: &'a str, n: usize, examples: &'a str, m1: &'a str, m2: &'a str, option: &'a str } =>
            "one sheet, {sheet}, with before/after columns side by side, paired within each row ({n} pair(s): {examples}): every answer column carries the mark {m1} or {m2} at the same end of its header, and every question has both; --wide {option} states these marks explicitly (--wide BEFORE,AFTER other ones), --group COLUMN or --sheets FIRST,SECOND another layout",
            "1 つのシート「{sheet}」に事前と事後の列が横に並んだ形。同じ行の 2 つの列を対応づけ（{n} 組: {examples}。回答の列すべてで見出しの同じ側に「{m1}」か「{m2}」の印があり、どの設問にも両方の列がある。この印を明示するには --wide {option}、別の印は --wide 事前の印,事後の印、別の配置は --group 列名 か --sheets 先,後 で指定）";
        /// A pair of columns of a wide sheet, in [`PlanText::WideNamed`]'s examples.
        WidePairExample { before: &'a str, after: &'a str } =>
            "{before} / {after}",
            "「{before}」と「{after}」";
        /// The order of the marks, as given with `--wide`.
        WideOrderNamed { l1: &'a str, l2: &'a str } =>
            "{l1} first, then {l2}: the order given by --wide",
            "「{l1}」が先、「{l2}」が後（--wide で指定した順）";
        /// The order of the marks found.
        WideOrderMarks { l1: &'a str, l2: &'a str } =>
            "{l1} first, then {l2}: the marks say before and after",
            "「{l1}」が先、「{l2}」が後（列名の印が事前・事後を示している）";
        /// One pair of columns of a wide sheet (`item`), with their header cells.
        WidePair { item: &'a str, before: &'a str, before_cell: &'a str, after: &'a str, after_cell: &'a str } =>
            "{item}: {before} ({before_cell}) with {after} ({after_cell}), row by row",
            "「{item}」: 「{before}」（{before_cell}）と「{after}」（{after_cell}）を行ごとに対応づけ";
        /// A column of a wide sheet left out; `why` is [`ReadingWord::WideNoMark`] or
        /// [`ReadingWord::WideNoPartner`].
        WideLeftOut { name: &'a str, cell: &'a str, why: &'a str } =>
            "{name} ({cell}) is not analysed: it {why}",
            "「{name}」（{cell}）は分析しない（{why}）";
        /// The ID column of a wide sheet, not needed to pair.
        WideIdNotNeeded { name: &'a str } =>
            "{name} is not needed to pair: each row holds one respondent's before and after answers (it is shown with --keep-ids)",
            "「{name}」は対応づけには使わない（1 行に同じ回答者の事前と事後の回答があるため。--keep-ids で表示）";
        /// The header row given with `--header-row`.
        HeaderRowGiven { row: u32, name: &'a str } =>
            "row {row} of sheet {name}: given by --header-row",
            "シート「{name}」の {row} 行目（--header-row で指定）";
        /// The header row found.
        HeaderRowFound { row: u32, name: &'a str } =>
            "row {row} of sheet {name}: the first row with text in at least half of the columns (title and note rows above it are skipped); --header-row N chooses another",
            "シート「{name}」の {row} 行目（半数以上の列に文字が入っている最初の行。その上の表題・注記の行は読み飛ばし。別の行は --header-row N で指定）";
        /// IDs of `zs` matched without their leading zeros (`from` = `to`).
        LeadingZeros { count: usize, zs: &'a str, from: &'a str, to: &'a str, other: &'a str, name: &'a str } =>
            "{count} ID(s) of {zs} written with leading zeros are compared without them ({from} = {to}), as {other} stores {name} as numbers and Excel drops leading zeros from numbers",
            "「{zs}」の {count} 件の ID は先頭の 0 を除いて照合（{from} = {to}）。「{other}」では「{name}」が数値として保存されており、Excel は数値の先頭の 0 を表示しないため";
        /// No ID in both sides; `ea`, `eb` are examples of each.
        NotPaired { name: &'a str, sa: &'a str, ea: &'a str, sb: &'a str, eb: &'a str } =>
            "not paired: no value of {name} appears in both {sa} (e.g. {ea}) and {sb} (e.g. {eb}), so they are compared as independent groups; if they are the same people, make their IDs the same",
            "対応付けなし（「{name}」の値が「{sa}」（例: {ea}）と「{sb}」（例: {eb}）で 1 つも一致しないため、独立した 2 群として比較。同じ人の回答であれば、ID をそろえてください）";
        /// Paired by `name`.
        Paired { name: &'a str, matched: usize, sa: &'a str, n_a: usize, sb: &'a str, n_b: usize } =>
            "paired by {name}: {matched} respondents appear in both {sa} ({n_a} IDs) and {sb} ({n_b} IDs); the others are listed below and left out of the paired test; --no-id compares every respondent as independent groups",
            "「{name}」で対応付け: 「{sa}」（ID {n_a} 件）と「{sb}」（ID {n_b} 件）の両方にいる {matched} 人。それ以外の行はこの下に記載し、対応のある検定から除外。全員を独立した 2 群として比べるには --no-id";
        /// Summary rows left out; `rows` listed (cell and label).
        SummaryRows { n: usize, name: &'a str, rows: &'a str } =>
            "{n} row(s) of sheet {name} are summary rows, not respondents, and are left out: {rows}",
            "シート「{name}」の {n} 行は集計行（回答者ではない）のため除外: {rows}";
        /// The order of two group values, as given with `--levels`.
        LevelsOrder { x: &'a str, y: &'a str } =>
            "{x} first, then {y}: the order given by --levels",
            "「{x}」が先、「{y}」が後（--levels で指定した順）";
    }
}

formats! {
    /// Why a layout is refused (`ReadError::layout_text`).
    pub enum LayoutRefusal<'a> {
        /// No sheet of that name; `list` holds every sheet.
        NoSheet { want: &'a str, list: &'a str } =>
            "no sheet named {want} (sheets: {list})",
            "シート「{want}」がありません（シート: {list}）";
        /// `--scale` could not be read.
        /// `example` is `SCALE_EXAMPLE`.
        ScaleOption { bad: &'a str, example: &'a str } =>
            "--scale: cannot read {bad:?}; write label=score pairs separated by commas, e.g. \"{example}\"",
            "--scale: 「{bad}」を解釈できません。「{example}」のように、「選択肢の文言=得点」をカンマで区切って指定してください";
        /// One sheet and nothing to compare in it; `sheets` listed.
        NothingToCompare { name: &'a str, sheets: &'a str } =>
            "cannot tell which rows to compare in sheet {name} (sheets: {sheets}); name two sheets with --sheets BEFORE,AFTER or a column of two groups with --group COLUMN, or the marks of before/after columns side by side with --wide BEFORE,AFTER (e.g. --wide T1_,T2_)",
            "シート「{name}」では何と何を比べればよいか判断できません（シート: {sheets}）。--sheets 事前,事後 で 2 つのシートを指定するか、--group 列名 で 2 群を表す列を指定してください。事前と事後の列が横に並んでいる場合は、--wide 事前の印,事後の印 でその印を指定してください（例: --wide T1_,T2_）";
        /// Several columns could be the group column; `list` is each with its two values.
        SeveralGroupColumns { name: &'a str, n: usize, list: &'a str, first: &'a str } =>
            "sheet {name}: {n} columns could split the rows into two groups: {list}; name the one to compare with --group COLUMN (e.g. --group {first})",
            "シート「{name}」には 2 群に分けられる列が {n} つあります: {list}。比べる列を --group 列名 で指定してください（例: --group {first}）";
        /// Three or more sheets with the same item headers; `names` listed.
        MoreThanTwo { n: usize, names: &'a str, x: &'a str, y: &'a str } =>
            "{n} sheets have the same item headers: {names}; this tool compares two of them (a multi-wave analysis is not supported yet), so name the two with --sheets, e.g. --sheets {x},{y}",
            "設問の見出しが同じシートが {n} つあります: {names}。比べられるのは 2 つのシートです（3 時点以上の分析には未対応）。--sheets で 2 つを指定してください（例: --sheets {x},{y}）";
        /// Two sheets without a common item.
        NoCommonItems { a: &'a str, b: &'a str } =>
            "sheets {a} and {b} have no item column in common; the item headers must be the same in both sheets",
            "シート「{a}」と「{b}」に共通する設問の列がありません。両方のシートで設問の見出しをそろえてください";
        /// A group column with more than two values; `values` listed.
        GroupValuesMore { gname: &'a str, values: &'a str } =>
            "group column {gname} must hold exactly two different values, found more: {values}; if they are three or more waves of a survey, name every value from earliest to latest with --levels A,B,C",
            "群の列「{gname}」には、ちょうど 2 種類の値が必要です（見つかった値: {values}）。3 時点以上の調査の各時点を表す値の場合は、--levels で古い順にすべての値を指定してください（--levels A,B,C）";
        /// A group column with fewer than two values; `values` listed.
        GroupValuesFew { gname: &'a str, n: usize, values: &'a str } =>
            "group column {gname} must hold exactly two different values, found {n}: {values}",
            "群の列「{gname}」には、ちょうど 2 種類の値が必要です（見つかった値は {n} 種類: {values}）";
        /// `--wide b,a` pairs no two columns; `columns` are the sheet's.
        WideNoPairs { b: &'a str, a: &'a str, name: &'a str, columns: &'a str } =>
            "--wide {b},{a}: no two columns of sheet {name} pair as {b}…/{a}… or …{b}/…{a} (columns: {columns})",
            "--wide {b},{a}: シート「{name}」に「{b}…」と「{a}…」（または「…{b}」と「…{a}」）の組になる列がありません（列: {columns}）";
        /// Side-by-side columns named in `n` ways; `groups` lists the columns of each way.
        WideMixed { name: &'a str, n: usize, groups: &'a str, option: &'a str } =>
            "sheet {name} has before/after columns side by side, but named in {n} different ways: {groups}; which columns pair is not certain. State the pattern with --wide BEFORE,AFTER (e.g. --wide {option}: the columns that do not pair by it are left out), or rename the columns to one pattern",
            "シート「{name}」には事前と事後の列が横に並んでいますが、列名の付け方が {n} 通りあります: {groups}。どの列どうしが組になるか確実には判断できません。--wide 事前の印,事後の印 で組の付け方を指定するか（例: --wide {option}。この指定で組にならない列は分析から除外）、列名を 1 通りにそろえてください";
        /// Side-by-side columns without a single partner; `columns` listed.
        WideNoPartner { name: &'a str, columns: &'a str, option: &'a str } =>
            "sheet {name} has before/after columns side by side, but these columns have no partner (or more than one): {columns}; each question needs exactly one before column and one after column. Add the missing column, or state the pattern with --wide {option} to leave them out",
            "シート「{name}」には事前と事後の列が横に並んでいますが、次の列には組になる列がない（または複数ある）ため、対応づけが確実ではありません: {columns}。1 つの設問に事前の列と事後の列が 1 つずつ必要です。足りない列を加えるか、--wide {option} を指定してこれらの列を分析から除外してください";
        /// Answer columns beside side-by-side columns without a mark; `columns` listed.
        WideUnmarked { name: &'a str, columns: &'a str, option: &'a str } =>
            "sheet {name} has before/after columns side by side, but these answer columns carry no before/after mark: {columns}; whether they belong to the before or the after answers is not certain. State the pattern with --wide {option} to analyse the pairs only (these columns are then left out), or name the item columns with --items",
            "シート「{name}」には事前と事後の列が横に並んでいますが、次の回答の列には事前・事後の印がなく、どちらの回答か確実には判断できません: {columns}。組になった列だけを分析するには --wide {option} を指定してください（これらの列は分析から除外）。設問の列を指定するには --items を使ってください";
        /// A column named with an option (`flag spec`) is not in the sheet.
        NoSuchColumn { flag: &'a str, spec: &'a str, name: &'a str, columns: &'a str } =>
            "{flag} {spec}: no such column in sheet {name} (columns: {columns})",
            "{flag} {spec}: シート「{name}」にその列がありません（シートにある列: {columns}）";
        /// No item column in the sheet.
        NoItems { name: &'a str, columns: &'a str } =>
            "sheet {name}: no item columns with scores found (columns: {columns}); name them with --items",
            "シート「{name}」に得点の入った設問の列が見つかりません（列: {columns}）。--items で指定してください";
        /// The row given with `--header-row` is empty.
        HeaderRowEmpty { r: u32, name: &'a str } =>
            "--header-row {r}: row {r} of sheet {name} is empty",
            "--header-row {r}: シート「{name}」の {r} 行目は空です";
        /// No header row found.
        NoHeaderRow { name: &'a str } =>
            "cannot find the header row of sheet {name}; give it with --header-row N",
            "シート「{name}」の見出し行が見つかりません。--header-row N で指定してください";
        /// An ID column counting up by one in both sides (sheets or groups: `what`, a
        /// [`ReadingWord`]) from another number than 1.
        UncertainCount { name: &'a str, what: &'a str, a0: u64, a1: u64, sa: &'a str, b0: u64, b1: u64, sb: &'a str } =>
            "{name} counts up by one in both {what} ({a0}–{a1} in {sa}, {b0}–{b1} in {sb}) without starting at 1: it may number the staff (the same people in both) or only the answers (different people), which is not certain. Add --id {name} to pair respondents by it, or --no-id to compare every respondent as independent groups",
            "「{name}」は両方の{what}で 1 ずつ増える連番ですが、1 から始まっていません（「{sa}」は {a0}～{a1}、「{sb}」は {b0}～{b1}）。職員の番号（両方で同じ人）なのか、回答の通し番号（別の人）なのか確実には判断できません。この番号で回答者を対応付けるには --id {name}、全員を独立した 2 群として比べるには --no-id を指定してください";
        /// `--id name` pairs no one; `ea`, `eb` are examples of each side.
        NoCommonId { name: &'a str, sa: &'a str, ea: &'a str, sb: &'a str, eb: &'a str } =>
            "--id {name}: no ID appears in both {sa} and {sb} ({sa}: {ea}; {sb}: {eb}); check that the column is right, or use --no-id to compare independent groups",
            "--id {name}: 「{sa}」と「{sb}」に共通する ID が 1 つもありません（「{sa}」: {ea}／「{sb}」: {eb}）。ID の列が正しいか確認するか、独立した 2 群として比べる場合は --no-id を指定してください";
        /// Few IDs pair without `--id`.
        FewPairs { matched: usize, n_a: usize, sa: &'a str, n_b: usize, sb: &'a str, name: &'a str, ea: &'a str, eb: &'a str } =>
            "only {matched} of {n_a} IDs in {sa} and {n_b} in {sb} pair by {name} (unmatched, e.g. {sa}: {ea}; {sb}: {eb}); add --id {name} to pair the {matched} that match and leave out the rest, or --no-id to compare every respondent as independent groups",
            "「{name}」で対応が付くのは、「{sa}」の {n_a} 件と「{sb}」の {n_b} 件のうち {matched} 件だけです（対応しない ID の例 「{sa}」: {ea}／「{sb}」: {eb}）。一致した {matched} 人だけを対応付けて分析するには --id {name}、全員を独立した 2 群として比べるには --no-id を指定してください";
        /// A text-file option (`flag`) given for a workbook.
        TextOptionForWorkbook { flag: &'a str } =>
            "{flag} applies to text (CSV) files, and this one is a workbook; leave {flag} out",
            "{flag} はテキスト（CSV）ファイルに対するオプションですが、このファイルはブックです。{flag} を外してください";
        /// A layout option (`flag`) given with two input files.
        OptionForTwoFiles { flag: &'a str } =>
            "{flag} does not apply to two input files: the first file is the first condition (before), the second the second (after); give one file for {flag}",
            "入力ファイルを 2 つ指定した場合、{flag} は使えません（1 つ目のファイルが 1 つ目の条件〔事前〕、2 つ目が 2 つ目の条件〔事後〕です）。{flag} を使う場合はファイルを 1 つだけ指定してください";
        /// `--levels` names `n` waves of a group column without three values; `levels` is
        /// the option's value.
        LevelsWithoutWaves { levels: &'a str, n: usize, group: &'a str } =>
            "--levels {levels} names {n} waves, but the group column {group} does not hold three or more values; give its two values with --levels FIRST,SECOND",
            "--levels {levels} で {n} 時点を指定しましたが、群の列「{group}」の値は 3 種類以上ありません。2 つの値を --levels 先,後 で指定してください";
        /// `--levels` names values the group column does not hold; `values` listed.
        LevelsNotFound { a: &'a str, b: &'a str, gname: &'a str, values: &'a str } =>
            "--levels {a},{b}: the group column {gname} holds {values}",
            "--levels {a},{b}: 群の列「{gname}」にある値は {values} です。この中から 2 つを指定してください";
    }
}

/// A `--scale` value, the example of [`LayoutRefusal::ScaleOption`] (the same in both
/// languages: the labels are the survey's).
const SCALE_EXAMPLE: &str = "とてもそう思う=5,そう思う=4";

/// `--scale` could not be read at `bad`.
pub fn scale_option(bad: &str) -> LayoutRefusal<'_> {
    LayoutRefusal::ScaleOption {
        bad,
        example: SCALE_EXAMPLE,
    }
}

/// Two sheets found, and why (`same_items`: the same item headers, else their names).
pub fn two_sheets_found<'a>(na: &'a str, nb: &'a str, same_items: bool) -> impl Text + 'a {
    move |lang| {
        let why = if same_items {
            ReadingWord::SameItemHeaders
        } else {
            ReadingWord::NamesSayBeforeAfter
        };
        PlanText::TwoSheetsFound {
            na,
            nb,
            why: why.get(lang),
        }
        .text(lang)
    }
}

/// The only column with two values (`values`) splits the sheet `name` by `gname`.
pub fn one_sheet_split<'a>(name: &'a str, gname: &'a str, values: &'a [String]) -> impl Text + 'a {
    move |lang| {
        PlanText::OneSheetSplit {
            name,
            gname,
            values: &comma_list(values, lang),
        }
        .text(lang)
    }
}

/// Nothing to compare in the sheet `name`; `sheets` are every sheet of the workbook.
pub fn nothing_to_compare<'a>(name: &'a str, sheets: &'a [String]) -> impl Text + 'a {
    move |lang| {
        LayoutRefusal::NothingToCompare {
            name,
            sheets: &comma_list(sheets, lang),
        }
        .text(lang)
    }
}

/// Several columns (`candidates`: each name with its two values) could be the group column of
/// the sheet `name`.
pub fn several_group_columns<'a>(
    name: &'a str,
    candidates: &'a [(&'a str, &'a [String])],
) -> impl Text + 'a {
    move |lang| {
        let each: Vec<String> = candidates
            .iter()
            .map(|(name, values)| {
                let (open, close) = (pick(lang, " (", "（"), pick(lang, ")", "）"));
                format!("{name}{open}{}{close}", comma_list(values, lang))
            })
            .collect();
        LayoutRefusal::SeveralGroupColumns {
            name,
            n: candidates.len(),
            list: &list(lang, Sep::Semicolon, &each, false),
            first: candidates[0].0,
        }
        .text(lang)
    }
}

/// Three or more sheets (`names`) with the same item headers; `x`, `y` the two suggested.
pub fn more_than_two<'a>(names: &'a [&'a str], x: &'a str, y: &'a str) -> impl Text + 'a {
    move |lang| {
        LayoutRefusal::MoreThanTwo {
            n: names.len(),
            names: &comma_list(names, lang),
            x,
            y,
        }
        .text(lang)
    }
}

/// A group column `gname` that does not hold exactly two values (`values`).
pub fn group_values<'a>(gname: &'a str, values: &'a [String]) -> impl Text + 'a {
    move |lang| {
        let values_listed = &comma_list(values, lang);
        if values.len() > 2 {
            LayoutRefusal::GroupValuesMore {
                gname,
                values: values_listed,
            }
            .text(lang)
        } else {
            LayoutRefusal::GroupValuesFew {
                gname,
                n: values.len(),
                values: values_listed,
            }
            .text(lang)
        }
    }
}

/// `--levels a,b` names values the group column `gname` (holding `values`) does not hold.
pub fn levels_not_found<'a>(
    a: &'a str,
    b: &'a str,
    gname: &'a str,
    values: &'a [String],
) -> impl Text + 'a {
    move |lang| {
        LayoutRefusal::LevelsNotFound {
            a,
            b,
            gname,
            values: &comma_list(values, lang),
        }
        .text(lang)
    }
}

/// A few pairs of a wide sheet (`before`/`after` headers), "…"/「など」 after them when
/// `more`.
fn wide_examples(pairs: &[(&str, &str)], more: bool, lang: Lang) -> String {
    let each: Vec<String> = pairs
        .iter()
        .map(|&(before, after)| PlanText::WidePairExample { before, after }.text(lang))
        .collect();
    let mut out = comma_list(&each, lang);
    if more {
        out.push_str(pick(lang, ", …", "など"));
    }
    out
}

/// A wide sheet: `n` pairs, of which `examples` (more when `n` is larger), by the marks named
/// with `--wide` (`found`: `None`) or found (`Some([m1, m2])`); `option` the `--wide` option.
pub fn wide_layout<'a>(
    sheet: &'a str,
    n: usize,
    examples: &'a [(&'a str, &'a str)],
    found: Option<[&'a str; 2]>,
    option: &'a str,
) -> impl Text + 'a {
    move |lang| {
        let examples = &wide_examples(examples, n > examples.len(), lang);
        match found {
            None => PlanText::WideNamed {
                sheet,
                n,
                examples,
                option,
            },
            Some([m1, m2]) => PlanText::WideFound {
                sheet,
                n,
                examples,
                m1,
                m2,
                option,
            },
        }
        .text(lang)
    }
}

/// A column of a wide sheet left out, and why.
pub fn wide_left_out<'a>(name: &'a str, cell: &'a str, why: ReadingWord) -> impl Text + 'a {
    move |lang| {
        PlanText::WideLeftOut {
            name,
            cell,
            why: why.get(lang),
        }
        .text(lang)
    }
}

/// Side-by-side columns named in several ways: the columns of each way (`groups`, at most six
/// listed each, `true` when there are more).
pub fn wide_mixed<'a>(
    name: &'a str,
    groups: &'a [(Vec<&'a str>, bool)],
    option: &'a str,
) -> impl Text + 'a {
    move |lang| {
        let each: Vec<String> = groups
            .iter()
            .map(|(names, more)| {
                let (open, close) = (pick(lang, "(", "（"), pick(lang, ")", "）"));
                format!("{open}{}{close}", column_list(names, *more, lang))
            })
            .collect();
        LayoutRefusal::WideMixed {
            name,
            n: groups.len(),
            groups: &each.join(pick(lang, " and ", "と")),
            option,
        }
        .text(lang)
    }
}

/// Side-by-side columns without a single partner (`no_partner`) or answer columns without a
/// mark: the columns (at most six, `more` when there are more).
pub fn wide_unsure<'a>(
    name: &'a str,
    columns: &'a [&'a str],
    more: bool,
    no_partner: bool,
    option: &'a str,
) -> impl Text + 'a {
    move |lang| {
        let columns = &column_list(columns, more, lang);
        if no_partner {
            LayoutRefusal::WideNoPartner {
                name,
                columns,
                option,
            }
        } else {
            LayoutRefusal::WideUnmarked {
                name,
                columns,
                option,
            }
        }
        .text(lang)
    }
}

/// Summary rows of the sheet `name` left out (`rows`: cell and label of each).
pub fn summary_rows<'a>(name: &'a str, rows: &'a [String]) -> impl Text + 'a {
    move |lang| {
        PlanText::SummaryRows {
            n: rows.len(),
            name,
            rows: &comma_list(rows, lang),
        }
        .text(lang)
    }
}

/// An ID column `name` counting up by one in both sides (`sides`, their `ranges`; `groups`:
/// groups, else sheets) from another number than 1.
pub fn uncertain_count<'a>(
    name: &'a str,
    sides: [&'a str; 2],
    ranges: [(u64, u64); 2],
    groups: bool,
) -> impl Text + 'a {
    move |lang| {
        let [(a0, a1), (b0, b1)] = ranges;
        let [sa, sb] = sides;
        let what = if groups {
            ReadingWord::Groups
        } else {
            ReadingWord::Sheets
        };
        LayoutRefusal::UncertainCount {
            name,
            what: what.get(lang),
            a0,
            a1,
            sa,
            b0,
            b1,
            sb,
        }
        .text(lang)
    }
}

formats! {
    /// The reading decisions and refusals about three or more waves (waves.rs).
    pub enum WavesText<'a> {
        /// Sheets with the same item headers whose names carry no time; `names` listed,
        /// `list` the `--sheets` value.
        NoTimeOrder { n: usize, names: &'a str, list: &'a str } =>
            "{n} sheets have the same item headers: {names}; their names do not tell their order in time, so the waves are not analysed in a guessed order: name them from earliest to latest with --sheets, e.g. --sheets {list} (or two of them, --sheets FIRST,SECOND, to compare only those)",
            "設問の見出しが同じシートが {n} つあります: {names}。シート名から時期の順序が判断できないため、推測した順序では分析しません。--sheets で古い順にすべて指定してください（例: --sheets {list}）。2 つだけ比べる場合は --sheets 先,後 で指定してください";
        /// The waves found; `sheets` listed.
        WavesFound { n: usize, sheets: &'a str } =>
            "{n} waves: the sheets {sheets} have the same item headers; --sheets A,B,C names the waves, --sheets FIRST,SECOND compares two",
            "{n} 時点の調査（シート{sheets}は設問の見出しが同じ。時点のシートは --sheets A,B,C で指定でき、2 つだけ比べる場合は --sheets 先,後）";
        /// The order of the waves found; `order` is each with its time reading.
        SheetsInTimeOrder { order: &'a str } =>
            "waves in time order: {order}; the names carry time, whatever the order of the sheets; --sheets A,B,C gives another order",
            "時点の順序: {order}（シート名が時期を示している。シートの並び順によらない。別の順序は --sheets A,B,C で指定）";
        /// A sheet named twice with `--sheets`.
        SheetTwice { name: &'a str } =>
            "--sheets names the sheet {name} twice; name each wave once, from earliest to latest",
            "--sheets でシート「{name}」が 2 回指定されています。各時点のシートを 1 回ずつ、古い順に指定してください";
        /// The waves named with `--sheets`.
        WavesNamed { n: usize, sheets: &'a str } =>
            "{n} waves, the sheets {sheets}: named by --sheets",
            "{n} 時点の調査（シート{sheets}。--sheets で指定）";
        /// Their order, as given.
        SheetsOrderNamed { order: &'a str } =>
            "waves in time order: {order}: the order given by --sheets",
            "時点の順序: {order}（--sheets で指定した順）";
        /// The values of a group column as waves.
        WavesOfColumn { n: usize, column: &'a str, sheet: &'a str, values: &'a str } =>
            "{n} waves: the values of the column {column} on sheet {sheet} ({values}), named by --group",
            "{n} 時点の調査（シート「{sheet}」の列「{column}」の値 {values}。--group で指定）";
        /// Their order, as given with `--levels`.
        LevelsOrderNamed { order: &'a str } =>
            "waves in time order: {order}: the order given by --levels",
            "時点の順序: {order}（--levels で指定した順）";
        /// Their order, as the values carry it.
        ValuesInTimeOrder { order: &'a str } =>
            "waves in time order: {order}; the values carry time, whatever the order of the rows; --levels A,B,C gives another order",
            "時点の順序: {order}（値が時期を示している。行の並び順によらない。別の順序は --levels A,B,C で指定）";
        /// `--levels` names `b`, no value of `column` (or twice).
        LevelNotAValue { b: &'a str, column: &'a str } =>
            "--levels names {b}, which is not a value of {column} (or is named twice)",
            "--levels の「{b}」は列「{column}」の値ではないか、2 回指定されています";
        /// The values of `column` carry no order and `--levels` does not name them all.
        LevelsMissing { column: &'a str } =>
            "the values of {column} do not tell their order in time, or --levels does not name each of them",
            "列「{column}」の値から時期の順序が判断できないか、--levels ですべての値を指定していません";
        /// The refusal about `--levels`; `why` is one of the two above, `values` listed, `list`
        /// the `--levels` value.
        LevelsNeeded { column: &'a str, n: usize, values: &'a str, why: &'a str, list: &'a str } =>
            "the group column {column} holds {n} values: {values}; {why}: name every value from earliest to latest with --levels, e.g. --levels {list}",
            "群の列「{column}」には {n} 種類の値があります: {values}。{why}。--levels で古い順にすべての値を指定してください（例: --levels {list}）";
        /// Which two waves a comparison takes.
        ThisComparison { first: usize, a: &'a str, second: usize, b: &'a str } =>
            "this comparison: wave {first} ({a}) and wave {second} ({b}); the rows of other waves are not part of it",
            "この比較: 第 {first} 時点「{a}」と第 {second} 時点「{b}」（他の時点の行は含まない）";
    }
}

/// Names run together: `a, b` in English, 「a」「b」 in Japanese.
fn run_of<S: AsRef<str>>(names: &[S], lang: Lang) -> String {
    match lang {
        Lang::En => comma_list(names, lang),
        Lang::Ja => names
            .iter()
            .map(|s| format!("「{}」", s.as_ref()))
            .collect(),
    }
}

/// Waves in order, each with its time reading when `readings` has one: `a (r) → b (r)` in
/// English, 「a」（r） → 「b」（r） in Japanese.
fn in_order<S: AsRef<str>>(names: &[S], readings: Option<&[TimeReading]>, lang: Lang) -> String {
    names
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let name = name.as_ref();
            match (lang, readings) {
                (Lang::En, None) => name.to_string(),
                (Lang::Ja, None) => format!("「{name}」"),
                (Lang::En, Some(r)) => format!("{name} ({})", super::order::reading(&r[k], lang)),
                (Lang::Ja, Some(r)) => {
                    format!("「{name}」（{}）", super::order::reading(&r[k], lang))
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

/// Sheets with the same item headers whose names carry no time.
pub fn no_time_order<'a>(names: &'a [String], list: &'a str) -> impl Text + 'a {
    move |lang| {
        WavesText::NoTimeOrder {
            n: names.len(),
            names: &comma_list(names, lang),
            list,
        }
        .text(lang)
    }
}

/// The waves found (`sorted`), and their order with the time read from each name.
pub fn waves_found<'a>(sorted: &'a [String]) -> impl Text + 'a {
    move |lang| {
        WavesText::WavesFound {
            n: sorted.len(),
            sheets: &run_of(sorted, lang),
        }
        .text(lang)
    }
}

/// The order of the waves found: `sorted`, each with its time reading.
pub fn sheets_in_time_order<'a>(
    sorted: &'a [String],
    readings: &'a [TimeReading],
) -> impl Text + 'a {
    move |lang| {
        WavesText::SheetsInTimeOrder {
            order: &in_order(sorted, Some(readings), lang),
        }
        .text(lang)
    }
}

/// The waves named with `--sheets`.
pub fn waves_named(found: &[String]) -> impl Text + '_ {
    move |lang| {
        WavesText::WavesNamed {
            n: found.len(),
            sheets: &run_of(found, lang),
        }
        .text(lang)
    }
}

/// The order of waves as given (`levels`: with `--levels`, else with `--sheets`).
pub fn order_named(found: &[String], levels: bool) -> impl Text + '_ {
    move |lang| {
        let order = &in_order(found, None, lang);
        if levels {
            WavesText::LevelsOrderNamed { order }
        } else {
            WavesText::SheetsOrderNamed { order }
        }
        .text(lang)
    }
}

/// The values of a group column as waves.
pub fn waves_of_column<'a>(
    sheet: &'a str,
    column: &'a str,
    values: &'a [String],
) -> impl Text + 'a {
    move |lang| {
        WavesText::WavesOfColumn {
            n: values.len(),
            column,
            sheet,
            values: &run_of(values, lang),
        }
        .text(lang)
    }
}

/// The order of the values of a group column as they carry it: `sorted`, each with its
/// time reading.
pub fn values_in_time_order<'a>(
    sorted: &'a [String],
    readings: &'a [TimeReading],
) -> impl Text + 'a {
    move |lang| {
        WavesText::ValuesInTimeOrder {
            order: &in_order(sorted, Some(readings), lang),
        }
        .text(lang)
    }
}

/// The waves of a group column need `--levels`: `bad` is a name that is no value (or named
/// twice), `None` when the values carry no order.
pub fn levels_needed<'a>(
    column: &'a str,
    values: &'a [String],
    bad: Option<&'a str>,
    list: &'a str,
) -> impl Text + 'a {
    move |lang| {
        let why = match bad {
            Some(b) => WavesText::LevelNotAValue { b, column },
            None => WavesText::LevelsMissing { column },
        }
        .text(lang);
        WavesText::LevelsNeeded {
            column,
            n: values.len(),
            values: &comma_list(values, lang),
            why: &why,
            list,
        }
        .text(lang)
    }
}
