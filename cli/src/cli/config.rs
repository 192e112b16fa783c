//! A validated run [`Config`] from the parsed arguments: every option checked and converted once,
//! with bilingual usage errors (exit code 2).

use super::*;

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

/// `SOURCE_DATE_EPOCH` (the reproducible-builds convention): Unix seconds up to 9999-12-31.
pub(super) fn source_date_epoch(value: Option<OsString>) -> Result<Option<i64>, CliError> {
    let Some(v) = value else {
        return Ok(None);
    };
    let text = v.to_string_lossy();
    match text.trim().parse::<i64>() {
        Ok(t) if (0..=253_402_300_799).contains(&t) => Ok(Some(t)),
        _ => Err(refusal(OptionRefusal::SourceDateEpoch { text: &text })),
    }
}

pub(super) fn usage(en: String, ja: String) -> CliError {
    CliError::Usage { en, ja }
}

/// Splits `"A,B"` (also `、` or `，`) into exactly two non-empty parts.
pub(super) fn pair(flag: &str, value: &str) -> Result<(String, String), CliError> {
    let parts: Vec<&str> = value.split([',', '、', '，']).map(str::trim).collect();
    match parts.as_slice() {
        [a, b] if !a.is_empty() && !b.is_empty() && a != b => Ok((a.to_string(), b.to_string())),
        _ => Err(refusal(OptionRefusal::NotAPair { flag, value })),
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

/// The language of `--lang`, or from the environment without it.
pub fn chosen_lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Ja) => Lang::Ja,
        Some(LangArg::En) => Lang::En,
        None => env_lang(),
    }
}

/// Levels clap cannot check: strictly between 0 and 1.
fn check_levels(args: &AnalyzeArgs) -> Result<(), CliError> {
    for (flag, value) in [("--alpha", args.alpha), ("--conf-level", args.conf_level)] {
        if !(value > 0.0 && value < 1.0) {
            return Err(refusal(OptionRefusal::NotAProbability { flag, value }));
        }
    }
    Ok(())
}

/// Counts clap cannot check: from 1.
fn check_counts(args: &AnalyzeArgs) -> Result<(), CliError> {
    if args.min_group == 0 {
        return Err(refusal(OptionRefusal::MinGroupZero {}));
    }
    if args.header_row == Some(0) {
        return Err(refusal(OptionRefusal::HeaderRowZero {}));
    }
    Ok(())
}

/// `--sheets`, `--levels`: two names (or three or more waves, src/workbook/waves.rs); `--wide`:
/// the marks of the two halves.
struct Names {
    sheets: Option<(String, String)>,
    wave_sheets: Option<Vec<String>>,
    levels: Option<(String, String)>,
    wave_levels: Option<Vec<String>>,
    wide: Option<(String, String)>,
}

impl Names {
    fn from_args(args: &AnalyzeArgs) -> Result<Names, CliError> {
        // Three or more names are the waves.
        let wave_sheets = args.sheets.as_deref().and_then(crate::waves_cli::wave_list);
        let sheets = args
            .sheets
            .as_deref()
            .filter(|_| wave_sheets.is_none())
            .map(|s| pair("--sheets", s))
            .transpose()?;
        // Three or more values are the waves of a group column.
        let wave_levels = args.levels.as_deref().and_then(crate::waves_cli::wave_list);
        let levels = args
            .levels
            .as_deref()
            .filter(|_| wave_levels.is_none())
            .map(|s| pair("--levels", s))
            .transpose()?;
        Ok(Names {
            sheets,
            wave_sheets,
            levels,
            wave_levels,
            wide: None,
        })
    }
}

impl Config {
    /// Validates the parsed arguments.
    ///
    /// # Errors
    /// [`CliError::Usage`] for values clap cannot check (ranges, pairs of names).
    pub fn from_args(args: AnalyzeArgs) -> Result<Config, CliError> {
        let lang = chosen_lang(args.lang);
        // Checked in a fixed order: of several bad options, the first is the one named.
        check_levels(&args)?;
        let equivalence = args
            .equivalence
            .as_deref()
            .map(crate::analysis::equivalence::parse_margin)
            .transpose()
            .map_err(|(en, ja)| usage(en, ja))?;
        check_counts(&args)?;
        let mut names = Names::from_args(&args)?;
        let compare = args
            .compare
            .as_deref()
            .map(analysis::compare::CompareSpec::parse)
            .transpose()
            .map_err(|e| usage(e.en, e.ja))?;
        names.wide = args
            .wide
            .as_deref()
            .map(|s| pair("--wide", s))
            .transpose()?;
        let share_rule =
            analysis::shares::parse_rule(args.top_box.as_deref(), args.positive.as_deref())
                .map_err(|(en, ja)| usage(en, ja))?;
        let shares = analysis::shares::ShareOptions {
            rule: share_rule,
            scale_range: args
                .scale
                .as_deref()
                .and_then(analysis::shares::scale_option_range),
        };
        let json = match args.json.as_deref() {
            None => None,
            Some("-") => Some(JsonTarget::Stdout),
            Some(p) => Some(JsonTarget::File(PathBuf::from(p))),
        };
        let analysis = analysis_options(&args, equivalence, shares);
        Ok(Config {
            waves: crate::waves_cli::WaveChoice {
                baseline: args.baseline.clone(),
                consecutive: args.consecutive,
            },
            compare: compare.clone(),
            keep_ids: args.keep_ids,
            lang,
            json,
            force: args.force,
            quiet: args.quiet,
            strict: args.strict,
            created: source_date_epoch(std::env::var_os("SOURCE_DATE_EPOCH"))?,
            input: args.input.clone(),
            output: args.output.clone(),
            read: read_options(args, names, compare.as_ref()),
            analysis,
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
        s.push(format!("--lang {}", self.lang.code()));
        s.join(" ")
    }
}

/// How to read the input, from the arguments and the names checked in [`Names::from_args`].
fn read_options(
    args: AnalyzeArgs,
    names: Names,
    compare: Option<&analysis::compare::CompareSpec>,
) -> ReadOptions {
    ReadOptions {
        sheets: names.sheets,
        id: args.id,
        group: args.group,
        levels: names.levels,
        // The comparison column is read as the breakdown column (never both: clap refuses).
        by: args.by.or_else(|| compare.map(|c| c.column.clone())),
        by_is_compare: compare.is_some(),
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
        wave_sheets: names.wave_sheets,
        wave_levels: names.wave_levels,
        only_levels: false,
        wide: names.wide,
    }
}

/// How to analyse, from the arguments (checked in [`check_levels`] and [`check_counts`]) and the parsed margin and
/// share rule.
fn analysis_options(
    args: &AnalyzeArgs,
    equivalence: Option<f64>,
    shares: analysis::shares::ShareOptions,
) -> AnalysisOptions {
    AnalysisOptions {
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
        shares,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

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
