//! The command line's part for three or more waves (`--sheets A,B,C`, `--baseline`,
//! `--consecutive`): reads each comparison of two waves with the two-sheet reader, analyses them
//! as one family (src/analysis/waves.rs) and builds the workbook and JSON
//! (src/report/trend_sheet.rs). [`crate::cli::run`] calls [`analyse`], [`workbook`] and
//! [`json_text`]; a two-condition survey goes through them unchanged.

use crate::analysis::waves::{analyze_waves, trend_points, Wave, WaveAnalysis, WaveMode};
use crate::analysis::{self, Analysis, Warning};
use crate::cli::{CliError, Config};
use crate::lang::Lang;
use crate::report::{self, ReportError, ReportMeta, ResultBook};
use crate::words::cli::{refusal, refusal_with, OptionRefusal};
use crate::words::comma_list;
use crate::workbook::waves::{read_comparison, Reading, Waves};
use crate::workbook::Survey;

/// `--baseline NAME` / `--consecutive`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WaveChoice {
    /// The wave the later waves are compared with (default: the first).
    pub baseline: Option<String>,
    /// Each wave against the one before it.
    pub consecutive: bool,
}

/// `Some(names)` when `--sheets` names three or more sheets (also separated by `、` or `，`).
pub fn wave_list(value: &str) -> Option<Vec<String>> {
    let parts: Vec<String> = value
        .split([',', '、', '，'])
        .map(|p| p.trim().to_string())
        .collect();
    (parts.len() >= 3 && parts.iter().all(|p| !p.is_empty())).then_some(parts)
}

/// What was analysed: one two-condition survey, or three or more waves.
#[derive(Debug)]
pub enum Run {
    /// Two conditions.
    Single(Box<Survey>, Box<Analysis>),
    /// Three or more waves.
    Waves(Box<WaveAnalysis>),
}

impl Run {
    /// The survey of the council sheet (for waves: the latest wave against the baseline).
    pub fn survey(&self) -> &Survey {
        match self {
            Run::Single(s, _) => s,
            Run::Waves(w) => &w.council().survey,
        }
    }

    /// The analysis of the council sheet.
    pub fn analysis(&self) -> &Analysis {
        match self {
            Run::Single(_, a) => a,
            Run::Waves(w) => &w.council().analysis,
        }
    }

    /// Every warning; for waves, each comparison's, marked with its two waves.
    pub fn warnings(&self) -> Vec<Warning> {
        match self {
            Run::Single(_, a) => a.warnings.clone(),
            Run::Waves(w) => w
                .comparisons
                .iter()
                .flat_map(|c| {
                    let [l1, l2] = &c.analysis.labels;
                    c.analysis.warnings.iter().map(move |x| Warning {
                        en: format!("[{l1} → {l2}] {}", x.en),
                        ja: format!("[{l1} → {l2}] {}", x.ja),
                        ..x.clone()
                    })
                })
                .collect(),
        }
    }
}

/// Which waves are compared, from `--baseline` / `--consecutive`.
fn mode(choice: &WaveChoice, waves: &Waves) -> Result<WaveMode, CliError> {
    if choice.consecutive {
        return Ok(WaveMode::Consecutive);
    }
    let Some(want) = &choice.baseline else {
        return Ok(WaveMode::Baseline(0));
    };
    let n = waves.names.len();
    let b = waves.position(want).ok_or_else(|| {
        refusal_with(|lang| {
            OptionRefusal::UnknownBaseline {
                want,
                waves: &comma_list(&waves.names, lang),
            }
            .text(lang)
        })
    })?;
    if b + 1 == n {
        return Err(refusal_with(|lang| {
            OptionRefusal::LatestBaseline {
                latest: &waves.names[b],
                earlier: &comma_list(&waves.names[..b], lang),
            }
            .text(lang)
        }));
    }
    Ok(WaveMode::Baseline(b))
}

/// Analyses what was read: a two-condition survey as before; waves comparison by comparison.
///
/// # Errors
/// `--baseline`/`--consecutive` without waves, an unknown or latest `--baseline`, `--by` with
/// waves ([`CliError::Usage`]); reading and analysis errors of any comparison.
pub fn analyse(config: &Config, reading: Reading) -> Result<Run, CliError> {
    let waves = match reading {
        Reading::Survey(survey) => {
            if let Some(flag) = [
                ("--baseline", config.waves.baseline.is_some()),
                ("--consecutive", config.waves.consecutive),
            ]
            .into_iter()
            .find_map(|(f, on)| on.then_some(f))
            {
                return Err(refusal(OptionRefusal::WaveOptionWithTwo {
                    flag,
                    first: &survey.labels[0],
                    second: &survey.labels[1],
                }));
            }
            let analysis = analysis::analyze(&survey, &config.analysis)?;
            return Ok(Run::Single(survey, Box::new(analysis)));
        }
        Reading::Waves(w) => w,
    };
    if let Some(by) = &config.read.by {
        return Err(refusal(OptionRefusal::ByWithWaves { by }));
    }
    let mode = mode(&config.waves, &waves)?;
    let path = &config.input;
    let mut surveys = Vec::new();
    for (i, j) in mode.pairs(waves.names.len()) {
        surveys.push((
            i,
            j,
            read_comparison(path, &config.read, &waves, i, j, false)?,
        ));
    }
    // Every respondent of each wave, for the trend: wave 0 with each later wave, unpaired.
    let conf = config.analysis.conf_level;
    let mut trend = Vec::new();
    let mut list: Vec<Wave> = waves
        .names
        .iter()
        .map(|name| Wave {
            name: name.clone(),
            n: 0,
        })
        .collect();
    for j in 1..waves.names.len() {
        let s = read_comparison(path, &config.read, &waves, 0, j, true)?;
        let sides: &[(usize, &crate::workbook::Group)] = if j == 1 {
            &[(0, &s.first), (1, &s.second)]
        } else {
            &[(j, &s.second)]
        };
        for &(w, g) in sides {
            list[w].n = g.ids.len();
            for (item, point) in trend_points(g, &s.items, conf) {
                trend.push((item, w, point));
            }
        }
    }
    // Items in the order of the first wave's sheet: sort by the first wave that has them.
    trend.sort_by_key(|(_, w, _)| *w);
    let analysis = analyze_waves(list, mode, surveys, trend, &config.analysis)?;
    Ok(Run::Waves(Box::new(analysis)))
}

/// The result workbook.
///
/// # Errors
/// [`ReportError`] as [`report::build_workbook`].
pub fn workbook<'a>(
    run: &'a Run,
    meta: &ReportMeta,
    lang: Lang,
) -> Result<ResultBook<'a>, ReportError> {
    match run {
        Run::Single(s, a) => report::build_workbook(s, a, meta, lang),
        Run::Waves(w) => report::trend_sheet::build_wave_workbook(w, meta, lang),
    }
}

/// The JSON text (`--json`).
///
/// # Errors
/// When serialisation fails (it does not for these types).
pub fn json_text(run: &Run, lang: Lang) -> Result<String, serde_json::Error> {
    match run {
        Run::Single(s, a) => {
            let mut doc = report::json::build(a, lang);
            doc.reading = report::json::reading(&s.plan, lang);
            serde_json::to_string_pretty(&doc)
        }
        Run::Waves(w) => serde_json::to_string_pretty(&report::trend_sheet::json(w, lang)),
    }
}
