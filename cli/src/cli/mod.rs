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
//!
//! # Rooms
//! `args.rs` (clap's view of the command line) → `config.rs` (a validated [`Config`], every
//! option checked once) → [`run`] here → `commit.rs` (outputs checked against the inputs, written
//! to temporary files, synced, renamed all or nothing); `error.rs` holds [`CliError`].

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
use crate::office_lock::{self, OpenFile};
use crate::report::{self, ReportError, ReportMeta};
use crate::stats::p_adjust::AdjustMethod;
use crate::stats::Alternative;
use crate::words::cli::{input_open_warning, refusal, Line, OptionRefusal, Progress, Terminal};
use crate::workbook::{self, Delimiter, ReadError, ReadOptions, TextEncoding};

mod args;
mod commit;
mod config;
mod error;

pub use args::*;
pub use commit::CommitProblem;
use commit::*;
pub use config::*;
pub use error::*;

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: written, but there were warnings and `--strict` was given.
pub const EXIT_WARNINGS: u8 = 1;
/// Exit code: usage or input error; nothing written.
pub const EXIT_ERROR: u8 = 2;

/// Inputs larger than this (bytes) show a progress spinner on a terminal.
const PROGRESS_BYTES: u64 = 2 * 1024 * 1024;

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
    let lang = config.lang;
    match workbook::csv::text_formats(&config.input, &config.read) {
        Ok(files) => files
            .iter()
            .map(|(p, sheet, f)| {
                Line::InputFile {
                    file: &name(p),
                    sheet,
                    how: &f.describe(lang),
                }
                .text(lang)
            })
            .chain(std::iter::once(
                Terminal::CellAddresses.get(lang).to_string(),
            ))
            .collect::<Vec<_>>()
            .join(" / "),
        Err(_) => name(&config.input),
    }
}

/// What a successful run produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Number of warnings (reader notes needing attention, untested items, assumption notes).
    pub warnings: usize,
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
    check_outputs(config)?;
    // A workbook open in Excel may hold edits that are not saved yet: say so, but go on.
    let input_open: Vec<(&Path, OpenFile)> = std::iter::once(config.input.as_path())
        .chain(config.read.second_file.as_deref())
        .filter_map(|p| office_lock::owner_file_evidence(p).map(|o| (p, o)))
        .collect();
    let pb = spinner(config);
    pb.set_message(Progress::Reading.get(lang));
    let done = read_and_analyse(config, &pb)?;
    let warnings = done.warnings();
    pb.set_message(Progress::Writing.get(lang));
    let meta = ReportMeta {
        input: input_text(config),
        options: config.options_text(),
        keep_ids: config.keep_ids,
        created: config.created,
    };
    let wb = crate::waves_cli::workbook(&done, &meta, lang)?;
    let json_text = match &config.json {
        Some(_) => Some(crate::waves_cli::json_text(&done, lang).map_err(|e| {
            CliError::Report(ReportError::Xlsx(rust_xlsxwriter::XlsxError::CustomError(
                e.to_string(),
            )))
        })?),
        None => None,
    };
    write_outputs(config, wb, json_text.as_deref())?;
    pb.finish_and_clear();
    if !config.quiet {
        print_summary(config, done.analysis(), &warnings, &input_open);
    }
    Ok(Outcome {
        warnings: warnings.len() + input_open.len(),
    })
}

/// Refuses outputs that would overwrite an input, an existing file without `--force`, or each
/// other.
fn check_outputs(config: &Config) -> Result<(), CliError> {
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
    Ok(())
}

/// Reads the input (two conditions, or three or more waves: src/waves_cli.rs) and analyses it,
/// with the `--compare` groups when asked.
fn read_and_analyse(config: &Config, pb: &ProgressBar) -> Result<crate::waves_cli::Run, CliError> {
    let mut reading = workbook::read_survey_or_waves(&config.input, &config.read)?;
    // `--compare`: the column is taken out of the survey before the analysis (two conditions only).
    let levels = match (&config.compare, &mut reading) {
        (Some(spec), workbook::waves::Reading::Survey(survey)) => Some(
            analysis::compare::take_levels(survey, spec, config.analysis.min_group)
                .map_err(|e| usage(e.en, e.ja))?,
        ),
        (Some(spec), workbook::waves::Reading::Waves(_)) => {
            return Err(refusal(OptionRefusal::CompareWithWaves {
                column: &spec.column,
            }))
        }
        (None, _) => None,
    };
    pb.set_message(Progress::Analysing.get(config.lang));
    let mut done = crate::waves_cli::analyse(config, reading)?;
    if let (Some(levels), crate::waves_cli::Run::Single(survey, analysis)) = (levels, &mut done) {
        let c = analysis::compare::compare(survey, levels, &config.analysis)
            .map_err(AnalysisError::Adjust)?;
        analysis.warnings.extend(c.warnings());
        analysis.compare = Some(c);
    }
    Ok(done)
}

/// Writes the workbook and the JSON: both are written and synced to temporary files first; only
/// then are they renamed, so a full disk while writing the JSON leaves neither file behind
/// ("nothing was written"). JSON for stdout is printed after the files are in place.
fn write_outputs(
    config: &Config,
    mut wb: report::ResultBook<'_>,
    json_text: Option<&str>,
) -> Result<(), CliError> {
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
    let json_tmp = match (&config.json, json_text) {
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
    if let (Some(JsonTarget::Stdout), Some(text)) = (&config.json, json_text) {
        let mut out = io::stdout().lock();
        writeln!(out, "{text}").map_err(|source| CliError::Write {
            path: PathBuf::from("-"),
            source,
        })?;
    }
    Ok(())
}

/// The lines on stderr after a run: the warnings (one line per kind: count and first items; all
/// of them are in the workbook), inputs open in a spreadsheet program, and what was written.
fn print_summary(
    config: &Config,
    analysis: &analysis::Analysis,
    warnings: &[analysis::Warning],
    input_open: &[(&Path, OpenFile)],
) {
    let lang = config.lang;
    let mut err = io::stderr().lock();
    for line in analysis::grouped_warnings(warnings, lang) {
        let _ = writeln!(err, "{}", Line::Warning { line: &line }.text(lang));
    }
    for (path, open) in input_open {
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
    let path = config.output.display().to_string();
    let line = if tested == 0 {
        Line::NothingTested { path: &path }.text(lang)
    } else {
        Line::Tested {
            path: &path,
            tested,
            sig,
            adjust: report::text::adjust_name(config.analysis.adjust, lang),
        }
        .text(lang)
    };
    let _ = writeln!(err, "{line}");
    if let Some(line) = report::shares::summary_line(analysis, lang) {
        let _ = writeln!(err, "{line}");
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
    let lang_hint = chosen_lang(args.lang);
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
            let err = anyhow::Error::msg(e.message(lang_hint))
                .context(Terminal::AnalyzeFailed.get(lang_hint));
            eprintln!(
                "{}",
                Line::Error {
                    message: &format!("{err:#}")
                }
                .text(lang_hint)
            );
            ExitCode::from(EXIT_ERROR)
        }
    }
}
