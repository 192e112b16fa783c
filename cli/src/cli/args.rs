//! The command line as clap parses it: subcommands, options and their value enums.

use super::*;

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
