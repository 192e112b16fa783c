//! [`CliError`]: everything that can stop a run, with messages that say what to do in English and
//! Japanese, including which program holds an output file open.

use super::*;

/// Everything that can stop a run. Messages say what to do, in English (`Display`) or Japanese
/// ([`CliError::message`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CliError {
    /// An option value is invalid.
    #[error("{en}")]
    Usage {
        /// English text.
        en: String,
        /// Japanese text.
        ja: String,
    },
    /// The output is the input (or the same file under another name).
    #[error("{0}: the output must not be the input file; choose another -o path")]
    SameFile(PathBuf),
    /// The output exists and `--force` was not given.
    #[error(
        "{0}: the file already exists; use --force to overwrite it, or choose another -o path"
    )]
    OutputExists(PathBuf),
    /// The output is open in Excel or LibreOffice, so it cannot (or must not) be replaced.
    #[error("{}", open_message(path, open, Lang::En))]
    OutputOpen {
        /// The output path.
        path: PathBuf,
        /// Who has it open, and how we know.
        open: OpenFile,
    },
    /// The output's directory is missing.
    #[error("{0}: the output folder does not exist; create it or choose another -o path")]
    MissingDir(PathBuf),
    /// The input file does not exist or cannot be opened.
    #[error("{path}: cannot open the input file: {source}")]
    Input {
        /// The input path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The workbook could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The analysis could not run.
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
    /// The result workbook could not be built.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// Writing an output failed (unwritable folder, disk full, file locked by another program).
    #[error("{path}: cannot write: {source}; nothing was written (check the folder is writable, the disk is not full and the file is not open in Excel)")]
    Write {
        /// The output path.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
}

impl CliError {
    /// The message in the requested language.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            CliError::Usage { ja, .. } => ja.clone(),
            CliError::SameFile(p) => format!(
                "{}: 出力先が入力ファイルと同じです。-o で別のファイルを指定してください",
                p.display()
            ),
            CliError::OutputExists(p) => format!(
                "{}: ファイルがすでにあります。上書きするには --force を付けるか、-o で別のファイルを指定してください",
                p.display()
            ),
            CliError::OutputOpen { path, open } => open_message(path, open, lang),
            CliError::MissingDir(p) => format!(
                "{}: 出力先のフォルダーがありません。フォルダーを作成するか、-o で別の場所を指定してください",
                p.display()
            ),
            CliError::Input { path, source } => format!(
                "{}: 入力ファイルを開けません（{source}）",
                path.display()
            ),
            CliError::Read(e) => e.message(lang),
            CliError::Analysis(e) => e.message(lang),
            CliError::Report(e) => format!("結果のブックを作成できませんでした（{e}）"),
            CliError::Write { path, source } => format!(
                "{}: 書き込めません（{source}）。ファイルは作成していません。フォルダーへの書き込み権限、ディスクの空き容量、Excel でそのファイルを開いていないかを確認してください",
                path.display()
            ),
        }
    }
}

pub(super) fn program_name(p: Program) -> &'static str {
    match p {
        Program::Excel => "Excel",
        Program::LibreOffice => "LibreOffice",
    }
}

/// " by NAME" / "（NAME さん）" when the owner file names the user.
pub(super) fn by_user(open: &OpenFile, lang: Lang) -> String {
    match (&open.user, lang) {
        (None, _) => String::new(),
        (Some(u), Lang::En) => format!(" by {u}"),
        (Some(u), Lang::Ja) => format!("（{u} さん）"),
    }
}

pub(super) fn open_message(path: &Path, open: &OpenFile, lang: Lang) -> String {
    let program = program_name(open.program);
    // Only an owner file can be stale; when Windows itself reports the file in use it is open.
    let stale = if cfg!(windows) {
        None
    } else {
        open.owner_file.as_ref()
    };
    match lang {
        Lang::En => {
            let by = by_user(open, lang);
            let mut m = format!(
                "{}: the file is open in {program}{by}; close it there and run again (with --force to replace it), or choose another -o path",
                path.display()
            );
            if let Some(f) = stale {
                m.push_str(&format!(
                    ". If it is not open anywhere, delete the leftover lock file {}",
                    f.display()
                ));
            }
            m
        }
        Lang::Ja => {
            let by = by_user(open, lang);
            let mut m = format!(
                "{}: このファイルは {program} で開かれています{by}。{program} でファイルを閉じてから実行し直す（上書きするには --force が必要です）か、-o で別のファイルを指定してください",
                path.display()
            );
            if let Some(f) = stale {
                m.push_str(&format!(
                    "。どこでも開いていない場合は、残っているロックファイル {} を削除してください",
                    f.display()
                ));
            }
            m
        }
    }
}

pub(super) fn input_open_warning(path: &Path, open: &OpenFile, lang: Lang) -> String {
    let program = program_name(open.program);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let by = by_user(open, lang);
    match lang {
        Lang::En => format!("warning: {name} is open in {program}{by}; changes not yet saved there are not in this analysis"),
        Lang::Ja => format!("警告: {name} は {program} で開かれています{by}。{program} で保存していない変更は、この分析に含まれていません"),
    }
}
