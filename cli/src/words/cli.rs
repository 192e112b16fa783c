//! The words of `ttest-xl analyze` on the terminal: progress, the closing summary, warning and
//! error lines, the options it refuses ([`OptionRefusal`]) and the messages of [`CliError`].

use std::path::Path;

use crate::cli::{CliError, CommitProblem};
use crate::lang::Lang;
use crate::office_lock::{OpenFile, Program};
use crate::report::ReportError;

texts! {
    /// Why a file could not be opened or written, in the user's language: the commit's own
    /// problems and the operating system's common ones (its own text is English or the
    /// system's language).
    pub enum IoReason {
        /// [`CommitProblem::IsFolder`].
        IsFolder => "it is a folder", "フォルダーです";
        /// [`CommitProblem::AppearedMeanwhile`].
        AppearedMeanwhile =>
            "a file of that name appeared while the results were being written",
            "結果を書き込んでいる間に、同じ名前のファイルが作られました";
        /// [`CommitProblem::NoTemporaryName`].
        NoTemporaryName =>
            "no free name for a temporary file beside it",
            "同じフォルダーに一時ファイルを作成できません";
        /// `ErrorKind::NotFound`.
        NotFound => "not found", "見つかりません";
        /// `ErrorKind::PermissionDenied`.
        PermissionDenied => "permission denied", "アクセスが拒否されました";
        /// `ErrorKind::StorageFull`.
        StorageFull => "the disk is full", "ディスクの空き容量が足りません";
        /// `ErrorKind::ReadOnlyFilesystem`.
        ReadOnly => "the drive is read-only", "読み取り専用のドライブです";
        /// `ErrorKind::AlreadyExists`.
        AlreadyExists => "the file already exists", "ファイルがすでにあります";
        /// Any other error of the operating system; its own text follows.
        Other => "error of the operating system", "システムのエラー";
        /// Before the system's number of an error.
        Number => "error number", "エラー番号";
    }
}

/// The text of a [`CommitProblem`].
pub fn commit_problem(p: CommitProblem, lang: Lang) -> &'static str {
    match p {
        CommitProblem::IsFolder => IoReason::IsFolder,
        CommitProblem::AppearedMeanwhile => IoReason::AppearedMeanwhile,
        CommitProblem::NoTemporaryName => IoReason::NoTemporaryName,
    }
    .get(lang)
}

/// Why an I/O operation failed, in `lang`: a [`CommitProblem`] by its entry; an error of the
/// operating system in English as the system says it, and in Japanese by its kind with the
/// system's error number (「アクセスが拒否されました（エラー番号 13）」), the system's own text only
/// for kinds without an entry.
pub fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    if let Some(p) = e.get_ref().and_then(|r| r.downcast_ref::<CommitProblem>()) {
        return commit_problem(*p, lang).to_string();
    }
    if lang == Lang::En {
        return e.to_string();
    }
    let kind = match e.kind() {
        K::NotFound => IoReason::NotFound,
        K::PermissionDenied => IoReason::PermissionDenied,
        K::StorageFull => IoReason::StorageFull,
        K::ReadOnlyFilesystem => IoReason::ReadOnly,
        K::AlreadyExists => IoReason::AlreadyExists,
        _ => return format!("{}: {e}", IoReason::Other.get(lang)),
    };
    match e.raw_os_error() {
        Some(code) => format!(
            "{}（{} {code}）",
            kind.get(lang),
            IoReason::Number.get(lang)
        ),
        None => kind.get(lang).to_string(),
    }
}

texts! {
    /// What the spinner says while a large workbook is being processed.
    pub enum Progress {
        /// Reading the input.
        Reading => "reading the workbook…", "ブックを読み込んでいます…";
        /// Running the tests.
        Analysing => "analysing…", "分析しています…";
        /// Writing the result workbook.
        Writing => "writing the result workbook…", "結果のブックを書き込んでいます…";
    }
}

texts! {
    /// Fixed texts of the terminal and of the Method sheet's input line.
    pub enum Terminal {
        /// The context of every error of `ttest-xl analyze`.
        AnalyzeFailed => "ttest-xl analyze failed", "ttest-xl analyze を実行できませんでした";
        /// After the list of text files read: how their cell addresses are counted.
        CellAddresses =>
            "cell addresses are the rows and columns Excel shows when it opens the file",
            "セル番地は、ファイルを Excel で開いたときの行と列";
    }
}

formats! {
    /// Lines written to the terminal.
    pub enum Line<'a> {
        /// A warning of the analysis.
        Warning { line: &'a str } => "warning: {line}", "警告: {line}";
        /// The error that stopped `ttest-xl analyze`.
        Error { message: &'a str } => "error: {message}", "エラー: {message}";
        /// The closing summary when no item could be tested.
        NothingTested { path: &'a str } =>
            "wrote {path}: no item could be tested (see the warnings above and the Checks sheet)",
            "{path} を書き込みました。検定できた設問はありませんでした（上の警告とデータ確認シートを参照）";
        /// The closing summary: items tested and significant, and the adjustment's name.
        Tested { path: &'a str, tested: usize, sig: usize, adjust: &'a str } =>
            "wrote {path}: {tested} item(s) tested, {sig} significant ({adjust})",
            "{path} を書き込みました。{tested} 問を検定し、有意な差があったのは {sig} 問でした（{adjust}）";
        /// A text input file on the Method sheet: the sheet it became and how it was read.
        InputFile { file: &'a str, sheet: &'a str, how: &'a str } =>
            "{file} (sheet {sheet}: {how})", "{file}（シート「{sheet}」: {how}）";
    }
}

formats! {
    /// Options refused before anything is read or written (exit code 2).
    pub enum OptionRefusal<'a> {
        /// `SOURCE_DATE_EPOCH` is not whole seconds in range.
        SourceDateEpoch { text: &'a str } =>
            "SOURCE_DATE_EPOCH={text:?}: write the time as whole seconds since 1970-01-01 UTC, e.g. 1767225600",
            "SOURCE_DATE_EPOCH={text:?}: 1970-01-01 UTC からの秒数（整数）で指定してください（例: 1767225600）";
        /// `--sheets`, `--levels` or `--wide` without two different names.
        NotAPair { flag: &'a str, value: &'a str } =>
            "{flag} needs two different names separated by a comma, e.g. {flag} 事前,事後 (got {value:?})",
            "{flag} には異なる 2 つの名前をカンマで区切って指定してください（例: {flag} 事前,事後。指定値: {value:?}）";
        /// `--alpha` or `--conf-level` outside (0, 1).
        NotAProbability { flag: &'a str, value: f64 } =>
            "{flag} must be between 0 and 1 (exclusive), got {value}",
            "{flag} には 0 より大きく 1 より小さい値を指定してください（指定値: {value}）";
        /// `--min-group 0`.
        MinGroupZero {} =>
            "--min-group must be at least 1 (1 reports every group)",
            "--min-group には 1 以上の人数を指定してください（1 ならすべての群を集計します）";
        /// `--header-row 0`.
        HeaderRowZero {} =>
            "--header-row counts from 1",
            "--header-row には 1 以上の行番号を指定してください（1 行目が 1 です）";
        /// `--compare` on a workbook of three or more waves.
        CompareWithWaves { column: &'a str } =>
            "--compare {column} compares the change between two conditions, and this workbook has three or more waves; name the two with --sheets FIRST,SECOND",
            "--compare {column} は 2 時点の変化を比べるオプションですが、このブックには 3 時点以上あります。--sheets 前,後 で 2 つの時点を指定してください";
        /// `--baseline` or `--consecutive` on a survey of two conditions.
        WaveOptionWithTwo { flag: &'a str, first: &'a str, second: &'a str } =>
            "{flag} applies to three or more waves, and this survey has two conditions ({first} and {second}); leave {flag} out, or name the waves with --sheets A,B,C",
            "{flag} は 3 時点以上の調査に使うオプションですが、この調査の条件は「{first}」と「{second}」の 2 つです。{flag} を外すか、--sheets A,B,C で時点のシートを指定してください";
        /// `--by` with three or more waves.
        ByWithWaves { by: &'a str } =>
            "--by {by} is not available with three or more waves yet; leave --by out, or compare two waves with --sheets FIRST,SECOND --by {by}",
            "3 時点以上の分析では、まだ --by {by} を使えません。--by を外すか、--sheets 先,後 --by {by} で 2 時点を比べてください";
        /// `--baseline NAME` that is not a wave.
        UnknownBaseline { want: &'a str, waves: &'a str } =>
            "--baseline {want}: no such wave; the waves are {waves} (earliest first)",
            "--baseline {want}: その名前の時点はありません。時点は古い順に {waves} です";
        /// `--baseline` naming the latest wave.
        LatestBaseline { latest: &'a str, earlier: &'a str } =>
            "--baseline {latest}: the latest wave has no later wave to compare with; name an earlier wave ({earlier}) or use --consecutive",
            "--baseline {latest}: 最新の時点のため、比べる後の時点がありません。それより前の時点（{earlier}）を指定するか、--consecutive を指定してください";
    }
}

formats! {
    /// The messages of [`CliError`] other than the reader's, the analysis's and usage errors.
    pub enum ErrorText<'a> {
        /// The output is the input.
        SameFile { path: &'a str } =>
            "{path}: the output must not be the input file; choose another -o path",
            "{path}: 出力先が入力ファイルと同じです。-o で別のファイルを指定してください";
        /// The output exists and `--force` was not given.
        OutputExists { path: &'a str } =>
            "{path}: the file already exists; use --force to overwrite it, or choose another -o path",
            "{path}: ファイルがすでにあります。上書きするには --force を付けるか、-o で別のファイルを指定してください";
        /// The output's folder is missing.
        MissingDir { path: &'a str } =>
            "{path}: the output folder does not exist; create it or choose another -o path",
            "{path}: 出力先のフォルダーがありません。フォルダーを作成するか、-o で別の場所を指定してください";
        /// The input cannot be opened.
        Input { path: &'a str, source: &'a str } =>
            "{path}: cannot open the input file: {source}",
            "{path}: 入力ファイルを開けません（{source}）";
        /// rust_xlsxwriter refused the result workbook.
        Report { detail: &'a str } =>
            "cannot build the result workbook: {detail}",
            "結果のブックを作成できませんでした（{detail}）";
        /// Writing an output failed.
        Write { path: &'a str, source: &'a str } =>
            "{path}: cannot write: {source}; nothing was written (check the folder is writable, the disk is not full and the file is not open in Excel)",
            "{path}: 書き込めません（{source}）。ファイルは作成していません。フォルダーへの書き込み権限、ディスクの空き容量、Excel でそのファイルを開いていないかを確認してください";
        /// The output is open in a spreadsheet program.
        OutputOpen { path: &'a str, program: &'a str, by: &'a str } =>
            "{path}: the file is open in {program}{by}; close it there and run again (with --force to replace it), or choose another -o path",
            "{path}: このファイルは {program} で開かれています{by}。{program} でファイルを閉じてから実行し直す（上書きするには --force が必要です）か、-o で別のファイルを指定してください";
        /// After [`ErrorText::OutputOpen`] when only an owner file says so: it may be stale.
        StaleLock { file: &'a str } =>
            ". If it is not open anywhere, delete the leftover lock file {file}",
            "。どこでも開いていない場合は、残っているロックファイル {file} を削除してください";
        /// The input is open in a spreadsheet program (a warning: the run goes on).
        InputOpen { name: &'a str, program: &'a str, by: &'a str } =>
            "warning: {name} is open in {program}{by}; changes not yet saved there are not in this analysis",
            "警告: {name} は {program} で開かれています{by}。{program} で保存していない変更は、この分析に含まれていません";
        /// Who has a file open, when the owner file names them.
        OpenBy { user: &'a str } => " by {user}", "（{user} さん）";
    }
}

/// A usage error (exit code 2) in both languages.
pub fn refusal(r: OptionRefusal) -> CliError {
    CliError::Usage {
        en: r.text(Lang::En),
        ja: r.text(Lang::Ja),
    }
}

/// A usage error whose words depend on the language beyond an entry's values (a
/// [`super::comma_list`]): `text` words it in the language given.
pub fn refusal_with(text: impl Fn(Lang) -> String) -> CliError {
    CliError::Usage {
        en: text(Lang::En),
        ja: text(Lang::Ja),
    }
}

fn program_name(p: Program) -> &'static str {
    match p {
        Program::Excel => "Excel",
        Program::LibreOffice => "LibreOffice",
    }
}

fn by_user(open: &OpenFile, lang: Lang) -> String {
    open.user
        .as_deref()
        .map(|user| ErrorText::OpenBy { user }.text(lang))
        .unwrap_or_default()
}

/// The output is open in Excel or LibreOffice: close it, or delete a stale owner file.
pub fn open_message(path: &Path, open: &OpenFile, lang: Lang) -> String {
    let path = path.display().to_string();
    let by = by_user(open, lang);
    let mut m = ErrorText::OutputOpen {
        path: &path,
        program: program_name(open.program),
        by: &by,
    }
    .text(lang);
    // Only an owner file can be stale; when Windows itself reports the file in use it is open.
    let stale = if cfg!(windows) {
        None
    } else {
        open.owner_file.as_ref()
    };
    if let Some(f) = stale {
        let file = f.display().to_string();
        m.push_str(&ErrorText::StaleLock { file: &file }.text(lang));
    }
    m
}

/// The input is open in Excel or LibreOffice: unsaved edits are not in the analysis.
pub fn input_open_warning(path: &Path, open: &OpenFile, lang: Lang) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let by = by_user(open, lang);
    ErrorText::InputOpen {
        name: &name,
        program: program_name(open.program),
        by: &by,
    }
    .text(lang)
}

impl CliError {
    /// The message in the requested language.
    pub fn message(&self, lang: Lang) -> String {
        let shown = |p: &Path| p.display().to_string();
        match self {
            CliError::Usage { en, ja } => lang.pick(en, ja).to_string(),
            CliError::SameFile(p) => ErrorText::SameFile { path: &shown(p) }.text(lang),
            CliError::OutputExists(p) => ErrorText::OutputExists { path: &shown(p) }.text(lang),
            CliError::OutputOpen { path, open } => open_message(path, open, lang),
            CliError::MissingDir(p) => ErrorText::MissingDir { path: &shown(p) }.text(lang),
            CliError::Input { path, source } => ErrorText::Input {
                path: &shown(path),
                source: &io_reason(source, lang),
            }
            .text(lang),
            CliError::Read(e) => e.message(lang),
            CliError::Analysis(e) => e.message(lang),
            CliError::Report(ReportError::Xlsx(e)) => ErrorText::Report {
                detail: &e.to_string(),
            }
            .text(lang),
            CliError::Write { path, source } => ErrorText::Write {
                path: &shown(path),
                source: &io_reason(source, lang),
            }
            .text(lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    #[test]
    fn io_reasons_are_in_the_users_language() {
        let folder = io::Error::other(CommitProblem::IsFolder);
        assert_eq!(io_reason(&folder, Lang::En), "it is a folder");
        assert_eq!(io_reason(&folder, Lang::Ja), "フォルダーです");
        assert_eq!(folder.to_string(), "it is a folder");
        let appeared = io::Error::new(
            io::ErrorKind::AlreadyExists,
            CommitProblem::AppearedMeanwhile,
        );
        assert_eq!(
            io_reason(&appeared, Lang::Ja),
            "結果を書き込んでいる間に、同じ名前のファイルが作られました"
        );
        // The operating system's errors: its own text in English; in Japanese by kind, with
        // the system's number and without its English.
        let denied = io::Error::from_raw_os_error(13);
        assert_eq!(denied.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(io_reason(&denied, Lang::En), denied.to_string());
        assert_eq!(
            io_reason(&denied, Lang::Ja),
            "アクセスが拒否されました（エラー番号 13）"
        );
        let full = io::Error::new(io::ErrorKind::StorageFull, "disk quota");
        assert_eq!(io_reason(&full, Lang::Ja), "ディスクの空き容量が足りません");
        let odd = io::Error::other("something else");
        assert_eq!(
            io_reason(&odd, Lang::Ja),
            "システムのエラー: something else"
        );
    }
}
