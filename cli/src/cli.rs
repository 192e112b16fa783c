//! The `ttest-xl` command line: clap derive → validated [`Config`] → [`run`] → exit code.
//!
//! # Exit codes
//! * `0` — the result workbook (and JSON) were written.
//! * `1` — written, but the analysis produced warnings and `--strict` was given.
//! * `2` — usage or input error (bad option, unreadable/corrupt input, output refused or not
//!   writable). Nothing was written.
//!
//! # Files
//! The input is never written to. An existing output is refused unless `--force`; one that is open
//! in Excel or LibreOffice is refused even then (see [`crate::office_lock`]). The workbook is
//! written to a temporary file in the output's directory and renamed over the output, so a failure
//! never leaves a half-written workbook; the temporary file is removed on every failure.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::analysis::{self, AdjustFamily, AnalysisError, AnalysisOptions, TestChoice};
use crate::lang::Lang;
use crate::office_lock::{self, OpenFile, Program};
use crate::report::{self, ReportError, ReportMeta};
use crate::stats::p_adjust::AdjustMethod;
use crate::stats::Alternative;
use crate::workbook::{self, Delimiter, ReadError, ReadOptions, TextEncoding};

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: written, but there were warnings and `--strict` was given.
pub const EXIT_WARNINGS: u8 = 1;
/// Exit code: usage or input error; nothing written.
pub const EXIT_ERROR: u8 = 2;

/// Inputs larger than this (bytes) show a progress spinner on a terminal.
const PROGRESS_BYTES: u64 = 2 * 1024 * 1024;

/// `ttest-xl`: honest t-tests and effect sizes for survey workbooks.
#[derive(Debug, Parser)]
#[command(name = "ttest-xl", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands. (Parsed once per run: the size of the larger variant does not matter.)
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run: boxing would buy nothing
pub enum Command {
    /// Analyse a survey workbook and write a result workbook.
    ///
    /// Exit codes: 0 ok; 1 warnings with --strict; 2 usage or input error (nothing written).
    Analyze(AnalyzeArgs),
    /// Plan the next survey: respondents needed to detect a change in a mean or a share, or the
    /// smallest change the staff you have can detect.
    ///
    /// Exit codes: 0 ok; 2 usage error.
    Plan(crate::plan::PlanArgs),
}

/// `--test`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TestArg {
    /// Paired when IDs pair, Welch otherwise.
    Auto,
    /// Student's t-test (equal variances).
    Student,
    /// Welch's t-test.
    Welch,
    /// Paired t-test.
    Paired,
    /// Mann–Whitney U (Wilcoxon rank-sum).
    MannWhitney,
    /// Wilcoxon signed-rank.
    Wilcoxon,
}

/// `--adjust`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AdjustArg {
    /// Holm (1979).
    Holm,
    /// Bonferroni.
    Bonferroni,
    /// Hochberg (1988).
    Hochberg,
    /// Benjamini–Hochberg (false discovery rate).
    Bh,
    /// Benjamini–Yekutieli.
    By,
    /// No adjustment.
    None,
}

/// `--adjust-family`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AdjustFamilyArg {
    /// Within each --by group: that group's items.
    Items,
    /// Across every --by group × item together.
    All,
}

/// `--alternative`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlternativeArg {
    /// second ≠ first.
    TwoSided,
    /// second < first.
    Less,
    /// second > first.
    Greater,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 日本語.
    Ja,
    /// English.
    En,
}

/// Options of `ttest-xl analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Survey workbook (.xlsx, .xlsm, .xls, .ods) or text file (.csv, .tsv, .txt). Never modified.
    pub input: PathBuf,
    /// Result workbook to write (.xlsx).
    #[arg(short, long)]
    pub output: PathBuf,
    /// The two sheets, first then second: `--sheets 事前,事後`; or three or more waves,
    /// earliest first: `--sheets 令和4年度,令和5年度,令和6年度`.
    #[arg(long, value_name = "FIRST,SECOND[,…]", conflicts_with = "group")]
    pub sheets: Option<String>,
    /// With three or more waves: the wave the later waves are compared with (default: the
    /// first).
    #[arg(long, value_name = "NAME", conflicts_with = "consecutive")]
    pub baseline: Option<String>,
    /// With three or more waves: compare each wave with the one before it.
    #[arg(long)]
    pub consecutive: bool,
    /// Sheet holding the group column (default: the first sheet that has it).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Column identifying a respondent (pairs the two conditions).
    #[arg(long, value_name = "COLUMN")]
    pub id: Option<String>,
    /// Do not pair respondents by ID: analyse every respondent of each condition as two
    /// independent groups (also implied by `--test welch`, `student` and `mann-whitney`).
    #[arg(long, conflicts_with = "id")]
    pub no_id: bool,
    /// One sheet with a column of exactly two values (e.g. 時期 or 性別).
    #[arg(long, value_name = "COLUMN")]
    pub group: Option<String>,
    /// Order of the two group values: `--levels 事前,事後`; or, for a column of three or more
    /// waves, every value earliest first: `--levels 2022,2023,2024`.
    #[arg(long, value_name = "FIRST,SECOND", requires = "group")]
    pub levels: Option<String>,
    /// Repeat the analysis per value of this column (e.g. 所属).
    #[arg(long, value_name = "COLUMN")]
    pub by: Option<String>,
    /// Comparison group: a column with two values (e.g. 受講 あり/なし); compares the change of
    /// the participants with the change of the others. `COLUMN=VALUE` names the participants.
    #[arg(long, value_name = "COLUMN[=VALUE]", conflicts_with = "by")]
    pub compare: Option<String>,
    /// Item columns: names, letters or ranges such as `C:V`, comma separated.
    #[arg(long, value_name = "LIST")]
    pub items: Option<String>,
    /// Header row (1-based); found automatically otherwise.
    #[arg(long, value_name = "N")]
    pub header_row: Option<u32>,
    /// Likert mapping: `"とてもそう思う=5,そう思う=4,…"`.
    #[arg(long, value_name = "MAPPING")]
    pub scale: Option<String>,
    /// Which test (default: paired when IDs pair, Welch otherwise).
    #[arg(long, value_enum, default_value = "auto")]
    pub test: TestArg,
    /// Shares of positive answers: the top K points of each item's scale (default 2).
    #[arg(long, value_name = "K")]
    pub top_box: Option<String>,
    /// Shares of positive answers: these scores are positive, e.g. `--positive 4,5`.
    #[arg(long, value_name = "SCORES")]
    pub positive: Option<String>,
    /// p-value adjustment across items.
    #[arg(long, value_enum, default_value = "holm")]
    pub adjust: AdjustArg,
    /// With --by: adjust p within each group's items, or across all groups × items.
    #[arg(long, value_enum, default_value = "items")]
    pub adjust_family: AdjustFamilyArg,
    /// With --by: a group with fewer respondents is not reported on its own (anonymity guard;
    /// its people still count in the whole).
    #[arg(long, value_name = "N", default_value_t = analysis::DEFAULT_MIN_GROUP)]
    pub min_group: usize,
    /// Show respondents' IDs and unparsed text on the Data and Checks sheets (internal use);
    /// by default respondents are shown by their input row and IDs are left out.
    #[arg(long)]
    pub keep_ids: bool,
    /// Significance level.
    #[arg(long, default_value_t = 0.05)]
    pub alpha: f64,
    /// Alternative hypothesis for second − first.
    #[arg(long, value_enum, default_value = "two-sided")]
    pub alternative: AlternativeArg,
    /// Confidence level of every interval.
    #[arg(long, default_value_t = 0.95)]
    pub conf_level: f64,
    /// Equivalence test (TOST) per item with bounds ±X raw points on second − first, e.g. 0.3;
    /// adds equivalence columns and sentences (t-tests only).
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    pub equivalence: Option<String>,
    /// Language of the workbook and messages (default: from LANG; Japanese when it starts with ja).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Also write the results as JSON to PATH, or `-` for stdout.
    #[arg(long, value_name = "PATH|-")]
    pub json: Option<String>,
    /// Overwrite an existing output file.
    #[arg(long)]
    pub force: bool,
    /// No progress, no summary on stderr (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,
    /// Exit with code 1 when the analysis produced warnings.
    #[arg(long)]
    pub strict: bool,
    /// Also analyse hidden rows, rows filtered out by an AutoFilter and hidden columns (left out
    /// and listed on the Checks sheet by default). Hidden sheets are used only when named in
    /// --sheets or --sheet.
    #[arg(long)]
    pub include_hidden: bool,
    /// One sheet with before/after columns side by side: the marks of the two halves at the
    /// start or end of each header, `--wide 事前_,事後_` or `--wide _pre,_post` (found from the
    /// built-in marks otherwise).
    #[arg(long, value_name = "BEFORE,AFTER", conflicts_with_all = ["sheets", "group"])]
    pub wide: Option<String>,
    // Text (CSV) input, issue 19.
    /// Second text file, the second condition: `analyze before.csv after.csv`.
    #[arg(value_name = "SECOND")]
    pub second: Option<PathBuf>,
    /// Encoding of text input (default: found from the bytes).
    #[arg(long, value_enum)]
    pub encoding: Option<EncodingArg>,
    /// Delimiter of text input (default: found from the file).
    #[arg(long, value_enum)]
    pub delimiter: Option<DelimiterArg>,
}

/// `--encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    /// UTF-8, with or without BOM.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// UTF-16 little-endian (Excel's Unicode text).
    #[value(name = "utf-16le", alias = "utf16le")]
    Utf16le,
    /// UTF-16 big-endian.
    #[value(name = "utf-16be", alias = "utf16be")]
    Utf16be,
    /// Shift_JIS as Windows writes it (Japanese Excel's CSV).
    #[value(name = "cp932", alias = "shift_jis", alias = "sjis")]
    Cp932,
}

/// `--delimiter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DelimiterArg {
    /// `,`
    Comma,
    /// Tab.
    Tab,
    /// `;`
    Semicolon,
}

impl From<EncodingArg> for TextEncoding {
    fn from(e: EncodingArg) -> TextEncoding {
        match e {
            EncodingArg::Utf8 => TextEncoding::Utf8,
            EncodingArg::Utf16le => TextEncoding::Utf16Le,
            EncodingArg::Utf16be => TextEncoding::Utf16Be,
            EncodingArg::Cp932 => TextEncoding::Cp932,
        }
    }
}

impl From<DelimiterArg> for Delimiter {
    fn from(d: DelimiterArg) -> Delimiter {
        match d {
            DelimiterArg::Comma => Delimiter::Comma,
            DelimiterArg::Tab => Delimiter::Tab,
            DelimiterArg::Semicolon => Delimiter::Semicolon,
        }
    }
}

/// The input file names for the Method sheet; for text files, each with the sheet it became and
/// how it was read (encoding and delimiter, found or given).
fn input_text(config: &Config) -> String {
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    if !workbook::csv::is_text_input(&config.input, &config.read) {
        return name(&config.input);
    }
    match workbook::csv::text_formats(&config.input, &config.read) {
        Ok(files) => files
            .iter()
            .map(|(p, sheet, f)| {
                let lang = config.lang;
                match lang {
                    Lang::En => format!("{} (sheet {sheet}: {})", name(p), f.describe(lang)),
                    Lang::Ja => format!("{}（シート「{sheet}」: {}）", name(p), f.describe(lang)),
                }
            })
            .chain(std::iter::once(
                config
                    .lang
                    .pick(
                        "cell addresses are the rows and columns Excel shows when it opens the file",
                        "セル番地は、ファイルを Excel で開いたときの行と列",
                    )
                    .to_string(),
            ))
            .collect::<Vec<_>>()
            .join(" / "),
        Err(_) => name(&config.input),
    }
}

/// Where the JSON goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonTarget {
    /// Standard output.
    Stdout,
    /// A file.
    File(PathBuf),
}

/// A validated run configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Input workbook.
    pub input: PathBuf,
    /// Output workbook.
    pub output: PathBuf,
    /// How to read the input.
    pub read: ReadOptions,
    /// How to analyse.
    pub analysis: AnalysisOptions,
    /// `--compare`: the comparison-group column (read as the breakdown column, then taken out).
    pub compare: Option<analysis::compare::CompareSpec>,
    /// Language of output and messages.
    pub lang: Lang,
    /// JSON output, if requested.
    pub json: Option<JsonTarget>,
    /// Overwrite an existing output.
    pub force: bool,
    /// No progress or summary.
    pub quiet: bool,
    /// Warnings → exit code 1.
    pub strict: bool,
    /// `--keep-ids`: IDs on the Data and Checks sheets.
    pub keep_ids: bool,
    /// `--baseline` / `--consecutive`: which waves are compared (three or more waves).
    pub waves: crate::waves_cli::WaveChoice,
    /// Creation time written into the workbook's properties (Unix seconds), from the
    /// `SOURCE_DATE_EPOCH` environment variable; `None` for now. With it the same input and
    /// options give a byte-identical workbook.
    pub created: Option<i64>,
}

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

fn program_name(p: Program) -> &'static str {
    match p {
        Program::Excel => "Excel",
        Program::LibreOffice => "LibreOffice",
    }
}

/// " by NAME" / "（NAME さん）" when the owner file names the user.
fn by_user(open: &OpenFile, lang: Lang) -> String {
    match (&open.user, lang) {
        (None, _) => String::new(),
        (Some(u), Lang::En) => format!(" by {u}"),
        (Some(u), Lang::Ja) => format!("（{u} さん）"),
    }
}

fn open_message(path: &Path, open: &OpenFile, lang: Lang) -> String {
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

fn input_open_warning(path: &Path, open: &OpenFile, lang: Lang) -> String {
    let program = program_name(open.program);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let by = by_user(open, lang);
    match lang {
        Lang::En => format!("warning: {name} is open in {program}{by}; changes not yet saved there are not in this analysis"),
        Lang::Ja => format!("警告: {name} は {program} で開かれています{by}。{program} で保存していない変更は、この分析に含まれていません"),
    }
}

/// A write failure; on Windows, a sharing or lock violation on an existing output (or, when
/// `replacing` it, access denied to a file that is not read-only) means another program (Excel)
/// holds it open.
fn write_error(path: &Path, source: io::Error, replacing: bool) -> CliError {
    let read_only = || fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
    if office_lock::is_windows_in_use(&source, replacing)
        && path.exists()
        && !(source.raw_os_error() == Some(5) && read_only())
    {
        return CliError::OutputOpen {
            path: path.to_path_buf(),
            open: office_lock::held_open(path),
        };
    }
    CliError::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// `SOURCE_DATE_EPOCH` (the reproducible-builds convention): Unix seconds up to 9999-12-31.
fn source_date_epoch(value: Option<OsString>) -> Result<Option<i64>, CliError> {
    let Some(v) = value else {
        return Ok(None);
    };
    let text = v.to_string_lossy();
    match text.trim().parse::<i64>() {
        Ok(t) if (0..=253_402_300_799).contains(&t) => Ok(Some(t)),
        _ => Err(usage(
            format!("SOURCE_DATE_EPOCH={text:?}: write the time as whole seconds since 1970-01-01 UTC, e.g. 1767225600"),
            format!("SOURCE_DATE_EPOCH={text:?}: 1970-01-01 UTC からの秒数（整数）で指定してください（例: 1767225600）"),
        )),
    }
}

fn usage(en: String, ja: String) -> CliError {
    CliError::Usage { en, ja }
}

/// Splits `"A,B"` (also `、` or `，`) into exactly two non-empty parts.
fn pair(flag: &str, value: &str) -> Result<(String, String), CliError> {
    let parts: Vec<&str> = value.split([',', '、', '，']).map(str::trim).collect();
    match parts.as_slice() {
        [a, b] if !a.is_empty() && !b.is_empty() && a != b => Ok((a.to_string(), b.to_string())),
        _ => Err(usage(
            format!("{flag} needs two different names separated by a comma, e.g. {flag} 事前,事後 (got {value:?})"),
            format!("{flag} には異なる 2 つの名前をカンマで区切って指定してください（例: {flag} 事前,事後。指定値: {value:?}）"),
        )),
    }
}

/// The language from the environment: `LC_ALL`, `LC_MESSAGES`, then `LANG`.
pub fn env_lang() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var) {
            if !v.is_empty() {
                return Lang::from_locale(&v);
            }
        }
    }
    Lang::En
}

impl Config {
    /// Validates the parsed arguments.
    ///
    /// # Errors
    /// [`CliError::Usage`] for values clap cannot check (ranges, pairs of names).
    pub fn from_args(args: AnalyzeArgs) -> Result<Config, CliError> {
        let lang = match args.lang {
            Some(LangArg::Ja) => Lang::Ja,
            Some(LangArg::En) => Lang::En,
            None => env_lang(),
        };
        for (flag, v) in [("--alpha", args.alpha), ("--conf-level", args.conf_level)] {
            if !(v > 0.0 && v < 1.0) {
                return Err(usage(
                    format!("{flag} must be between 0 and 1 (exclusive), got {v}"),
                    format!(
                        "{flag} には 0 より大きく 1 より小さい値を指定してください（指定値: {v}）"
                    ),
                ));
            }
        }
        let equivalence = args
            .equivalence
            .as_deref()
            .map(crate::analysis::equivalence::parse_margin)
            .transpose()
            .map_err(|(en, ja)| usage(en, ja))?;
        if args.min_group == 0 {
            return Err(usage(
                "--min-group must be at least 1 (1 reports every group)".into(),
                "--min-group には 1 以上の人数を指定してください（1 ならすべての群を集計します）"
                    .into(),
            ));
        }
        if args.header_row == Some(0) {
            return Err(usage(
                "--header-row counts from 1".into(),
                "--header-row には 1 以上の行番号を指定してください（1 行目が 1 です）".into(),
            ));
        }
        // Three or more names are the waves (src/workbook/waves.rs).
        let wave_sheets = args.sheets.as_deref().and_then(crate::waves_cli::wave_list);
        let sheets = args
            .sheets
            .as_deref()
            .filter(|_| wave_sheets.is_none())
            .map(|s| pair("--sheets", s))
            .transpose()?;
        // Three or more values are the waves of a group column (src/workbook/waves.rs).
        let wave_levels = args.levels.as_deref().and_then(crate::waves_cli::wave_list);
        let levels = args
            .levels
            .as_deref()
            .filter(|_| wave_levels.is_none())
            .map(|s| pair("--levels", s))
            .transpose()?;
        let compare = args
            .compare
            .as_deref()
            .map(analysis::compare::CompareSpec::parse)
            .transpose()
            .map_err(|e| usage(e.en, e.ja))?;
        let wide = args
            .wide
            .as_deref()
            .map(|s| pair("--wide", s))
            .transpose()?;
        let share_rule =
            analysis::shares::parse_rule(args.top_box.as_deref(), args.positive.as_deref())
                .map_err(|(en, ja)| usage(en, ja))?;
        let scale_range = args
            .scale
            .as_deref()
            .and_then(analysis::shares::scale_option_range);
        let json = match args.json.as_deref() {
            None => None,
            Some("-") => Some(JsonTarget::Stdout),
            Some(p) => Some(JsonTarget::File(PathBuf::from(p))),
        };
        Ok(Config {
            input: args.input,
            output: args.output,
            read: ReadOptions {
                sheets,
                id: args.id,
                group: args.group,
                levels,
                // The comparison column is read as the breakdown column (never both: clap refuses).
                by: args
                    .by
                    .or_else(|| compare.as_ref().map(|c| c.column.clone())),
                items: args.items,
                header_row: args.header_row,
                scale: args.scale,
                sheet: args.sheet,
                // An independent test compares every respondent: no row is dropped for lacking a
                // partner.
                no_id: args.no_id
                    || matches!(
                        args.test,
                        TestArg::Welch | TestArg::Student | TestArg::MannWhitney
                    ),
                second_file: args.second,
                encoding: args.encoding.map(Into::into),
                delimiter: args.delimiter.map(Into::into),
                include_hidden: args.include_hidden,
                wave_sheets,
                wave_levels,
                only_levels: false,
                wide,
            },
            waves: crate::waves_cli::WaveChoice {
                baseline: args.baseline,
                consecutive: args.consecutive,
            },
            analysis: AnalysisOptions {
                test: match args.test {
                    TestArg::Auto => TestChoice::Auto,
                    TestArg::Student => TestChoice::Student,
                    TestArg::Welch => TestChoice::Welch,
                    TestArg::Paired => TestChoice::Paired,
                    TestArg::MannWhitney => TestChoice::MannWhitney,
                    TestArg::Wilcoxon => TestChoice::Wilcoxon,
                },
                adjust: match args.adjust {
                    AdjustArg::Holm => AdjustMethod::Holm,
                    AdjustArg::Bonferroni => AdjustMethod::Bonferroni,
                    AdjustArg::Hochberg => AdjustMethod::Hochberg,
                    AdjustArg::Bh => AdjustMethod::BenjaminiHochberg,
                    AdjustArg::By => AdjustMethod::BenjaminiYekutieli,
                    AdjustArg::None => AdjustMethod::None,
                },
                alpha: args.alpha,
                alternative: match args.alternative {
                    AlternativeArg::TwoSided => Alternative::TwoSided,
                    AlternativeArg::Less => Alternative::Less,
                    AlternativeArg::Greater => Alternative::Greater,
                },
                conf_level: args.conf_level,
                adjust_family: match args.adjust_family {
                    AdjustFamilyArg::Items => AdjustFamily::Items,
                    AdjustFamilyArg::All => AdjustFamily::All,
                },
                min_group: args.min_group,
                equivalence,
                shares: analysis::shares::ShareOptions {
                    rule: share_rule,
                    scale_range,
                },
            },
            compare,
            keep_ids: args.keep_ids,
            lang,
            json,
            force: args.force,
            quiet: args.quiet,
            strict: args.strict,
            created: source_date_epoch(std::env::var_os("SOURCE_DATE_EPOCH"))?,
        })
    }

    /// The options as a command line, for the Method sheet.
    pub fn options_text(&self) -> String {
        let mut s = Vec::new();
        let r = &self.read;
        if let Some((a, b)) = &r.sheets {
            s.push(format!("--sheets {a},{b}"));
        }
        if let Some(w) = &r.wave_sheets {
            s.push(format!("--sheets {}", w.join(",")));
        }
        if let Some(b) = &self.waves.baseline {
            s.push(format!("--baseline {b}"));
        }
        if self.waves.consecutive {
            s.push("--consecutive".to_string());
        }
        if let Some(v) = &r.sheet {
            s.push(format!("--sheet {v}"));
        }
        if let Some(v) = &r.id {
            s.push(format!("--id {v}"));
        }
        if let Some(v) = &r.group {
            s.push(format!("--group {v}"));
        }
        if let Some((a, b)) = &r.levels {
            s.push(format!("--levels {a},{b}"));
        }
        if let Some(w) = &r.wave_levels {
            s.push(format!("--levels {}", w.join(",")));
        }
        match &self.compare {
            Some(c) => s.push(match &c.treated {
                Some(t) => format!("--compare {}={t}", c.column),
                None => format!("--compare {}", c.column),
            }),
            None => {
                if let Some(v) = &r.by {
                    s.push(format!("--by {v}"));
                }
            }
        }
        if let Some(v) = &r.items {
            s.push(format!("--items {v}"));
        }
        if let Some(v) = r.header_row {
            s.push(format!("--header-row {v}"));
        }
        if let Some(v) = &r.scale {
            s.push(format!("--scale {v:?}"));
        }
        if let Some(v) = r.encoding {
            s.push(format!("--encoding {}", v.key()));
        }
        if let Some(v) = r.delimiter {
            s.push(format!("--delimiter {}", v.key()));
        }
        if r.include_hidden {
            s.push("--include-hidden".to_string());
        }
        let a = &self.analysis;
        let test = match a.test {
            TestChoice::Auto => "auto",
            TestChoice::Student => "student",
            TestChoice::Welch => "welch",
            TestChoice::Paired => "paired",
            TestChoice::MannWhitney => "mann-whitney",
            TestChoice::Wilcoxon => "wilcoxon",
        };
        s.push(format!("--test {test}"));
        s.push(format!("--adjust {}", report::text::adjust_key(a.adjust)));
        s.extend(a.shares.rule.option_text());
        if self.compare.is_some() {
            s.push(format!("--min-group {}", a.min_group));
        } else if r.by.is_some() {
            s.push(format!("--adjust-family {}", a.adjust_family.key()));
            s.push(format!("--min-group {}", a.min_group));
        }
        if self.keep_ids {
            s.push("--keep-ids".into());
        }
        s.push(format!("--alpha {}", a.alpha));
        s.push(format!(
            "--alternative {}",
            report::text::alternative_key(a.alternative)
        ));
        s.push(format!("--conf-level {}", a.conf_level));
        if let Some(x) = a.equivalence {
            s.push(format!("--equivalence {x}"));
        }
        s.push(format!(
            "--lang {}",
            if self.lang == Lang::Ja { "ja" } else { "en" }
        ));
        s.join(" ")
    }
}

/// What a successful run produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Number of warnings (reader notes needing attention, untested items, assumption notes).
    pub warnings: usize,
}

/// Canonical form of a path that may not exist yet (its directory must exist).
fn canonical_target(path: &Path) -> Result<PathBuf, CliError> {
    if let Ok(p) = fs::canonicalize(path) {
        return Ok(p);
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = fs::canonicalize(parent).map_err(|_| CliError::MissingDir(path.to_path_buf()))?;
    if !dir.is_dir() {
        return Err(CliError::MissingDir(path.to_path_buf()));
    }
    Ok(dir.join(path.file_name().unwrap_or_default()))
}

/// `true` when both paths name the same existing file (also through hard links).
fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(ma), Ok(mb)) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                ma.dev() == mb.dev() && ma.ino() == mb.ino()
            }
            #[cfg(not(unix))]
            {
                let _ = (ma, mb);
                fs::canonicalize(a).ok() == fs::canonicalize(b).ok()
            }
        }
        _ => false,
    }
}

/// Refuses unsafe output paths before any work is done.
fn check_output(input: &Path, output: &Path, force: bool) -> Result<(), CliError> {
    let input_canon = fs::canonicalize(input).map_err(|source| {
        if source.kind() == io::ErrorKind::NotFound {
            // The reader's own message, in both languages, without the OS's English text.
            CliError::Read(ReadError::NotFound {
                path: input.to_path_buf(),
            })
        } else {
            CliError::Input {
                path: input.to_path_buf(),
                source,
            }
        }
    })?;
    let out_canon = canonical_target(output)?;
    if out_canon == input_canon || same_file(input, output) {
        return Err(CliError::SameFile(output.to_path_buf()));
    }
    if output.exists() {
        if let Some(open) = office_lock::output_in_use(output) {
            return Err(CliError::OutputOpen {
                path: output.to_path_buf(),
                open,
            });
        }
        if !force {
            return Err(CliError::OutputExists(output.to_path_buf()));
        }
        if output.is_dir() {
            return Err(CliError::Write {
                path: output.to_path_buf(),
                source: io::Error::other("it is a folder"),
            });
        }
    }
    Ok(())
}

/// A temporary file beside the target, removed on drop unless [`TempFile::persist`] succeeds.
struct TempFile {
    path: PathBuf,
    file: Option<File>,
    keep: bool,
}

/// A hidden name beside `target` for a temporary or backup file:
/// `.{name}.{pid}.{nanos}.{attempt}.{ext}`, with at most 64 bytes of the target's name, so that it
/// stays within the 255 bytes a file name may have however long the target's name is.
fn sibling_name(target: &Path, attempt: u32, ext: &str) -> PathBuf {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let full = target.file_name().unwrap_or_default().to_string_lossy();
    let mut end = full.len().min(64);
    while !full.is_char_boundary(end) {
        end -= 1;
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut name = OsString::from(".");
    name.push(format!(
        "{}.{}.{nanos}.{attempt}.{ext}",
        &full[..end],
        std::process::id()
    ));
    dir.join(name)
}

impl TempFile {
    fn new(target: &Path) -> io::Result<TempFile> {
        for attempt in 0..16u32 {
            let path = sibling_name(target, attempt, "tmp");
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    return Ok(TempFile {
                        path,
                        file: Some(file),
                        keep: false,
                    })
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::other("cannot create a temporary file"))
    }

    fn file(&mut self) -> &mut File {
        self.file
            .as_mut()
            .expect("temporary file is open until persisted")
    }

    /// Flushes and syncs, so that a full disk shows up before anything is renamed.
    fn sync(&mut self) -> io::Result<()> {
        let file = self.file();
        file.flush()?;
        file.sync_all()
    }

    /// Flushes, syncs and renames over `target`.
    fn persist(mut self, target: &Path, force: bool) -> io::Result<()> {
        let mut file = self.file.take().expect("temporary file is open");
        file.flush()?;
        file.sync_all()?;
        drop(file);
        if !force && target.exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "the file appeared while we were working",
            ));
        }
        fs::rename(&self.path, target)?;
        self.keep = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            self.file.take();
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Renames the finished temporary files over their targets (the workbook, then the JSON file).
/// A target opened in Excel or LibreOffice since [`check_output`] looked (a large run takes
/// minutes) is refused before anything is renamed; when a later rename fails, the files already
/// put in place are removed, so that a failed run leaves nothing behind.
fn put_in_place(files: Vec<(TempFile, &Path)>, force: bool) -> Result<(), CliError> {
    for &(_, target) in &files {
        if target.exists() {
            if let Some(open) = office_lock::output_in_use(target) {
                return Err(CliError::OutputOpen {
                    path: target.to_path_buf(),
                    open,
                });
            }
        }
    }
    // A file being replaced (--force) is kept under a second name (a hard link) until every
    // rename has succeeded, so that a failure half-way restores it instead of losing it.
    let mut done: Vec<(&Path, Option<PathBuf>)> = Vec::new();
    for (tmp, target) in files {
        let backup = if target.exists() {
            keep_old(target)
        } else {
            None
        };
        if let Err(e) = tmp.persist(target, force) {
            if let Some(b) = &backup {
                let _ = fs::remove_file(b);
            }
            for (p, old) in done.into_iter().rev() {
                match old {
                    Some(b) => {
                        let _ = fs::rename(&b, p);
                    }
                    None => {
                        let _ = fs::remove_file(p);
                    }
                }
            }
            return Err(write_error(target, e, true));
        }
        done.push((target, backup));
    }
    for (_, backup) in done {
        if let Some(b) = backup {
            let _ = fs::remove_file(b);
        }
    }
    Ok(())
}

/// A second name (hard link) for the existing file `target`, beside it; `None` when the file
/// system cannot make one (the file is then replaced without a way back, as before).
fn keep_old(target: &Path) -> Option<PathBuf> {
    for attempt in 0..16u32 {
        let path = sibling_name(target, attempt, "bak");
        match fs::hard_link(target, &path) {
            Ok(()) => return Some(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(_) => return None,
        }
    }
    None
}

fn spinner(config: &Config) -> ProgressBar {
    let large = fs::metadata(&config.input).is_ok_and(|m| m.len() >= PROGRESS_BYTES);
    if config.quiet || !large {
        return ProgressBar::hidden();
    }
    // Drawn on stderr only when it is a terminal (indicatif hides it otherwise).
    let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.enable_steady_tick(Duration::from_millis(120));
    pb
}

/// Runs one analysis: read, analyse, write the workbook (and JSON).
///
/// # Errors
/// Any [`CliError`]; nothing is written then: the workbook and a JSON file are both written and
/// synced to temporary files before either is renamed into place.
pub fn run(config: &Config) -> Result<Outcome, CliError> {
    let lang = config.lang;
    check_output(&config.input, &config.output, config.force)?;
    if let Some(second) = &config.read.second_file {
        check_output(second, &config.output, config.force)?;
    }
    if let Some(JsonTarget::File(p)) = &config.json {
        check_output(&config.input, p, config.force)?;
        if let Some(second) = &config.read.second_file {
            check_output(second, p, config.force)?;
        }
        if canonical_target(p)? == canonical_target(&config.output)? {
            return Err(CliError::SameFile(p.clone()));
        }
    }
    // A workbook open in Excel may hold edits that are not saved yet: say so, but go on.
    let input_open: Vec<(&Path, OpenFile)> = std::iter::once(config.input.as_path())
        .chain(config.read.second_file.as_deref())
        .filter_map(|p| office_lock::owner_file_evidence(p).map(|o| (p, o)))
        .collect();
    let pb = spinner(config);
    pb.set_message(lang.pick("reading the workbook…", "ブックを読み込んでいます…"));
    // Two conditions, or three or more waves (src/waves_cli.rs).
    let mut reading = match workbook::read_survey_or_waves(&config.input, &config.read) {
        Err(e) if config.compare.is_some() => return Err(compare_read_error(e)),
        r => r?,
    };
    // `--compare`: the column is taken out of the survey before the analysis (two conditions only).
    let levels = match (&config.compare, &mut reading) {
        (Some(spec), workbook::waves::Reading::Survey(survey)) => Some(
            analysis::compare::take_levels(survey, spec, config.analysis.min_group)
                .map_err(|e| usage(e.en, e.ja))?,
        ),
        (Some(spec), workbook::waves::Reading::Waves(_)) => {
            return Err(usage(
                format!(
                    "--compare {} compares the change between two conditions, and this workbook has three or more waves; name the two with --sheets FIRST,SECOND",
                    spec.column
                ),
                format!(
                    "--compare {} は 2 時点の変化を比べるオプションですが、このブックには 3 時点以上あります。--sheets 前,後 で 2 つの時点を指定してください",
                    spec.column
                ),
            ))
        }
        (None, _) => None,
    };
    pb.set_message(lang.pick("analysing…", "分析しています…"));
    let mut done = crate::waves_cli::analyse(config, reading)?;
    if let (Some(levels), crate::waves_cli::Run::Single(survey, analysis)) = (levels, &mut done) {
        let c = analysis::compare::compare(survey, levels, &config.analysis)
            .map_err(AnalysisError::Adjust)?;
        analysis.warnings.extend(c.warnings());
        analysis.compare = Some(c);
    }
    let analysis = done.analysis();
    let warnings = done.warnings();
    pb.set_message(lang.pick(
        "writing the result workbook…",
        "結果のブックを書き込んでいます…",
    ));
    let meta = ReportMeta {
        input: input_text(config),
        options: config.options_text(),
        keep_ids: config.keep_ids,
        created: config.created,
    };
    let mut wb = crate::waves_cli::workbook(&done, &meta, lang)?;
    let json_text = match &config.json {
        Some(_) => Some(crate::waves_cli::json_text(&done, lang).map_err(|e| {
            CliError::Report(ReportError::Xlsx(rust_xlsxwriter::XlsxError::CustomError(
                e.to_string(),
            )))
        })?),
        None => None,
    };
    // Both files are written and synced to temporary files first; only then are they renamed, so
    // a full disk while writing the JSON leaves neither file behind ("nothing was written").
    let write_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source: io::Error| write_error(&path, source, false)
    };
    let mut wb_tmp = TempFile::new(&config.output).map_err(write_err(&config.output))?;
    wb.save_to_writer(wb_tmp.file())
        .map_err(|e| match e {
            rust_xlsxwriter::XlsxError::IoError(io) => io,
            other => io::Error::other(other.to_string()),
        })
        .and_then(|()| wb_tmp.sync())
        .map_err(write_err(&config.output))?;
    let json_tmp = match (&config.json, &json_text) {
        (Some(JsonTarget::File(p)), Some(text)) => {
            let mut tmp = TempFile::new(p).map_err(write_err(p))?;
            tmp.file()
                .write_all(text.as_bytes())
                .and_then(|()| tmp.sync())
                .map_err(write_err(p))?;
            Some((tmp, p))
        }
        _ => None,
    };
    let mut files = vec![(wb_tmp, config.output.as_path())];
    files.extend(json_tmp.map(|(tmp, p)| (tmp, p.as_path())));
    put_in_place(files, config.force)?;
    if let (Some(JsonTarget::Stdout), Some(text)) = (&config.json, &json_text) {
        let mut out = io::stdout().lock();
        writeln!(out, "{text}").map_err(|source| CliError::Write {
            path: PathBuf::from("-"),
            source,
        })?;
    }
    pb.finish_and_clear();

    if !config.quiet {
        let mut err = io::stderr().lock();
        // One line per kind of warning (count and first items); all of them are in the workbook.
        for line in analysis::grouped_warnings(&warnings, lang) {
            let _ = writeln!(err, "{}: {line}", lang.pick("warning", "警告"));
        }
        for (path, open) in &input_open {
            let _ = writeln!(err, "{}", input_open_warning(path, open, lang));
        }
        let overall = &analysis.blocks[0];
        let tested = overall
            .items
            .iter()
            .filter(|i| i.excluded.is_none())
            .count();
        let sig = overall
            .items
            .iter()
            .filter(|i| i.significant(config.analysis.alpha))
            .count();
        let _ = match lang {
            _ if tested == 0 => writeln!(
                err,
                "{}",
                match lang {
                    Lang::En => format!(
                        "wrote {}: no item could be tested (see the warnings above and the Checks sheet)",
                        config.output.display()
                    ),
                    Lang::Ja => format!(
                        "{} を書き込みました。検定できた設問はありませんでした（上の警告とデータ確認シートを参照）",
                        config.output.display()
                    ),
                }
            ),
            Lang::En => writeln!(
                err,
                "wrote {}: {} item(s) tested, {} significant ({})",
                config.output.display(),
                tested,
                sig,
                report::text::adjust_name(config.analysis.adjust, lang)
            ),
            Lang::Ja => writeln!(
                err,
                "{} を書き込みました。{} 問を検定し、有意な差があったのは {} 問でした（{}）",
                config.output.display(),
                tested,
                sig,
                report::text::adjust_name(config.analysis.adjust, lang)
            ),
        };
        if let Some(line) = report::shares::summary_line(analysis, lang) {
            let _ = writeln!(err, "{line}");
        }
    }
    Ok(Outcome {
        warnings: warnings.len() + input_open.len(),
    })
}

/// A reading error of a `--compare` run: the comparison column is read as the breakdown column,
/// so a message about `--by` is about `--compare`.
fn compare_read_error(e: ReadError) -> CliError {
    match e {
        ReadError::Layout {
            path,
            reason,
            reason_ja,
        } => CliError::Read(ReadError::Layout {
            path,
            reason: reason.replace("--by", "--compare"),
            reason_ja: reason_ja.replace("--by", "--compare"),
        }),
        other => CliError::Read(other),
    }
}

/// Makes a write beyond the file-size limit (`ulimit -f`) fail with `EFBIG` instead of killing the
/// process with `SIGXFSZ`, so the temporary file is removed and the error reported.
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: `signal` with `SIG_IGN` only changes this process's disposition for SIGXFSZ; no
    // handler code runs, and it is called before any thread is started.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// The whole program after argument parsing: validate, run, print errors with `{:#}`, exit code.
pub fn main_with(cli: Cli) -> ExitCode {
    ignore_file_size_signal();
    let args = match cli.command {
        Command::Analyze(args) => args,
        Command::Plan(args) => return crate::plan::main_with(args),
    };
    let lang_hint = match args.lang {
        Some(LangArg::Ja) => Lang::Ja,
        Some(LangArg::En) => Lang::En,
        None => env_lang(),
    };
    let result = Config::from_args(args).and_then(|config| {
        let strict = config.strict;
        run(&config).map(|o| (o, strict))
    });
    match result {
        Ok((outcome, strict)) => {
            if strict && outcome.warnings > 0 {
                ExitCode::from(EXIT_WARNINGS)
            } else {
                ExitCode::from(EXIT_OK)
            }
        }
        Err(e) => {
            let err = anyhow::Error::msg(e.message(lang_hint)).context(lang_hint.pick(
                "ttest-xl analyze failed",
                "ttest-xl analyze を実行できませんでした",
            ));
            eprintln!("{}: {err:#}", lang_hint.pick("error", "エラー"));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// When the second of two renames fails, the first output is put back as it was: the old
    /// file a --force run was replacing is restored (not deleted), and no helper file is left.
    #[test]
    fn a_failed_second_rename_restores_the_replaced_first_output() {
        let dir = tempfile::tempdir().unwrap();
        let (d1, d2) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&d1).unwrap();
        fs::create_dir(&d2).unwrap();
        let out = d1.join("results.xlsx");
        fs::write(&out, b"the council's copy").unwrap();
        let json = d2.join("results.json");
        let mut t1 = TempFile::new(&out).unwrap();
        t1.file().write_all(b"new workbook").unwrap();
        let t2 = TempFile::new(&json).unwrap();
        // The JSON's folder disappears before the renames: the second one fails.
        fs::remove_dir_all(&d2).unwrap();
        assert!(put_in_place(vec![(t1, out.as_path()), (t2, json.as_path())], true).is_err());
        assert_eq!(fs::read(&out).unwrap(), b"the council's copy");
        let names: Vec<_> = fs::read_dir(&d1)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["results.xlsx"]);
        // A new output that did not exist before is removed again.
        fs::create_dir(&d2).unwrap();
        fs::remove_file(&out).unwrap();
        let t1 = TempFile::new(&out).unwrap();
        let t2 = TempFile::new(&json).unwrap();
        fs::remove_dir_all(&d2).unwrap();
        assert!(put_in_place(vec![(t1, out.as_path()), (t2, json.as_path())], true).is_err());
        assert_eq!(fs::read_dir(&d1).unwrap().count(), 0);
        // Success leaves only the outputs (the kept old file is removed).
        fs::create_dir(&d2).unwrap();
        fs::write(&out, b"old").unwrap();
        let mut t1 = TempFile::new(&out).unwrap();
        t1.file().write_all(b"new").unwrap();
        let t2 = TempFile::new(&json).unwrap();
        put_in_place(vec![(t1, out.as_path()), (t2, json.as_path())], true).unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"new");
        assert_eq!(fs::read_dir(&d1).unwrap().count(), 1);
    }

    /// The run can take minutes: a workbook opened in Excel meanwhile (an owner file appears)
    /// is not replaced, neither is the JSON file renamed, and no temporary file is left. (On
    /// Windows the operating system answers instead of owner files.)
    #[cfg(not(windows))]
    #[test]
    fn an_output_opened_during_the_run_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("results.xlsx");
        let json = dir.path().join("results.json");
        fs::write(&out, b"old workbook").unwrap();
        fs::write(&json, b"old json").unwrap();
        let temp = |target: &Path| {
            let mut t = TempFile::new(target).unwrap();
            t.file().write_all(b"new").unwrap();
            t
        };
        // Excel opened the workbook after check_output: nothing is replaced.
        fs::write(dir.path().join("~$results.xlsx"), b"").unwrap();
        let files = vec![(temp(&out), out.as_path()), (temp(&json), json.as_path())];
        let e = put_in_place(files, true).unwrap_err();
        assert!(
            matches!(&e, CliError::OutputOpen { path, .. } if *path == out),
            "{e}"
        );
        assert_eq!(fs::read(&out).unwrap(), b"old workbook");
        assert_eq!(fs::read(&json).unwrap(), b"old json");
        // LibreOffice opened the JSON file: the workbook is not replaced either.
        fs::remove_file(dir.path().join("~$results.xlsx")).unwrap();
        fs::write(
            dir.path().join(".~lock.results.json#"),
            b",sato,pc,date,url;",
        )
        .unwrap();
        let files = vec![(temp(&out), out.as_path()), (temp(&json), json.as_path())];
        let e = put_in_place(files, true).unwrap_err();
        assert!(
            matches!(&e, CliError::OutputOpen { path, .. } if *path == json),
            "{e}"
        );
        assert_eq!(fs::read(&out).unwrap(), b"old workbook");
        assert_eq!(fs::read(&json).unwrap(), b"old json");
        // Closed again: both are replaced.
        fs::remove_file(dir.path().join(".~lock.results.json#")).unwrap();
        let files = vec![(temp(&out), out.as_path()), (temp(&json), json.as_path())];
        put_in_place(files, true).unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"new");
        assert_eq!(fs::read(&json).unwrap(), b"new");
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["results.json", "results.xlsx"]);
    }

    /// A long Japanese file name (83 characters, 254 bytes: within the 255 bytes a name may
    /// have) can be written: the temporary file's name must fit too.
    #[test]
    fn an_output_with_a_name_near_the_length_limit_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join(format!("{}.xlsx", "結".repeat(83)));
        assert_eq!(out.file_name().unwrap().len(), 254);
        let mut tmp = TempFile::new(&out).unwrap();
        tmp.file().write_all(b"new").unwrap();
        put_in_place(vec![(tmp, out.as_path())], false).unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    fn args(extra: &[&str]) -> Result<Config, CliError> {
        let mut v = vec!["ttest-xl", "analyze", "in.xlsx", "-o", "out.xlsx"];
        v.extend_from_slice(extra);
        let Command::Analyze(a) = Cli::try_parse_from(v).unwrap().command else {
            panic!("not analyze")
        };
        Config::from_args(a)
    }

    #[test]
    fn config_validation() {
        let c = args(&["--sheets", "事前、事後", "--lang", "ja"]).unwrap();
        assert_eq!(c.read.sheets, Some(("事前".into(), "事後".into())));
        assert_eq!(c.lang, Lang::Ja);
        assert_eq!(c.analysis.adjust, AdjustMethod::Holm);
        assert!(matches!(
            args(&["--alpha", "1.5"]),
            Err(CliError::Usage { .. })
        ));
        assert!(matches!(
            args(&["--conf-level", "0"]),
            Err(CliError::Usage { .. })
        ));
        assert!(matches!(
            args(&["--sheets", "A"]),
            Err(CliError::Usage { .. })
        ));
        assert!(matches!(
            args(&["--header-row", "0"]),
            Err(CliError::Usage { .. })
        ));
        let c = args(&["--json", "-", "--test", "mann-whitney", "--adjust", "bh"]).unwrap();
        assert_eq!(c.json, Some(JsonTarget::Stdout));
        assert_eq!(c.analysis.test, TestChoice::MannWhitney);
        assert!(c.options_text().contains("--adjust bh"));
        let e = args(&["--alpha", "2"]).unwrap_err();
        assert!(e.message(Lang::Ja).contains("--alpha"));
        let c = args(&["--equivalence", "0.3"]).unwrap();
        assert_eq!(c.analysis.equivalence, Some(0.3));
        assert!(c.options_text().contains("--equivalence 0.3"));
        for bad in ["0", "-0.3", "NaN", "inf", "abc", ""] {
            let e = args(&["--equivalence", bad]).unwrap_err();
            assert!(matches!(e, CliError::Usage { .. }), "{bad}");
            assert!(e.message(Lang::En).contains("--equivalence"), "{bad}");
            assert!(e.message(Lang::Ja).contains("--equivalence"), "{bad}");
        }
    }
}
