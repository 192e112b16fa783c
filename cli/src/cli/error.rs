//! [`CliError`]: everything that can stop a run, with messages that say what to do in English and
//! Japanese (their words are in `crate::words::cli`), including which program holds an output
//! file open.

use super::*;

/// Everything that can stop a run. Messages say what to do, in English (`Display`) or Japanese
/// ([`CliError::message`]).
#[derive(Debug)]
#[non_exhaustive]
pub enum CliError {
    /// An option value is invalid.
    Usage {
        /// English text.
        en: String,
        /// Japanese text.
        ja: String,
    },
    /// The output is the input (or the same file under another name).
    SameFile(PathBuf),
    /// The output exists and `--force` was not given.
    OutputExists(PathBuf),
    /// The output is open in Excel or LibreOffice, so it cannot (or must not) be replaced.
    OutputOpen {
        /// The output path.
        path: PathBuf,
        /// Who has it open, and how we know.
        open: OpenFile,
    },
    /// The output's directory is missing.
    MissingDir(PathBuf),
    /// The input file does not exist or cannot be opened.
    Input {
        /// The input path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The workbook could not be read.
    Read(ReadError),
    /// The analysis could not run.
    Analysis(AnalysisError),
    /// The result workbook could not be built.
    Report(ReportError),
    /// Writing an output failed (unwritable folder, disk full, file locked by another program).
    Write {
        /// The output path.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for CliError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CliError::Input { source, .. } | CliError::Write { source, .. } => Some(source),
            // The reader's, the analysis's and the report's errors stand for this one.
            CliError::Read(e) => e.source(),
            CliError::Analysis(e) => e.source(),
            CliError::Report(e) => e.source(),
            _ => None,
        }
    }
}

impl From<ReadError> for CliError {
    fn from(e: ReadError) -> Self {
        CliError::Read(e)
    }
}

impl From<AnalysisError> for CliError {
    fn from(e: AnalysisError) -> Self {
        CliError::Analysis(e)
    }
}

impl From<ReportError> for CliError {
    fn from(e: ReportError) -> Self {
        CliError::Report(e)
    }
}
