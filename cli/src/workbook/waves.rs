//! Three or more waves of the same survey (yearly surveys, rounds): which sheets are the waves
//! and their time order. Each comparison of two waves is then read by the two-sheet reader
//! ([`read_comparison`]), so pairing by ID, the notes and the Checks evidence are those of a
//! two-sheet survey, decided per pair of waves.
//!
//! * Sheets named with `--sheets A,B,C` (three or more) are the waves in the order given, hidden
//!   sheets included.
//! * Otherwise three or more visible sheets with the same item headers (the rule of the
//!   two-sheet layout; summary sheets left out) are the waves when their names carry time
//!   (years, 令和/R eras, rounds, months) that orders every two of them. When any two cannot be
//!   told apart, the workbook is refused with [`ReadError::Layout`] naming `--sheets A,B,C`.

use std::path::Path;

use super::clean::normalize;
use super::plan::{PlanTopic, ReadPlan};
use super::time::{time_order, TimeReading};
use super::{ReadError, ReadOptions, Survey};
use crate::words::reading::{self, WavesText};

/// The waves of a workbook, in time order.
#[derive(Debug, Clone, PartialEq)]
pub struct Waves {
    /// Sheet names, earliest first.
    pub names: Vec<String>,
    /// How the waves and their order were found (printed on the Checks and Method sheets).
    pub plan: ReadPlan,
    /// Waves that are values of a group column (`--group`): (sheet, column header); `None`
    /// when the waves are sheets.
    pub column: Option<(String, String)>,
}

impl Waves {
    /// The index of the wave named `name` (exactly, or after trimming and normalising).
    pub fn position(&self, name: &str) -> Option<usize> {
        let found = super::layout::find_sheet(&self.names, name)?;
        self.names.iter().position(|n| *n == found)
    }
}

/// What a workbook holds: one two-condition survey, or three or more waves.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// Two conditions (two sheets or a group column).
    Survey(Box<Survey>),
    /// Three or more waves: read each comparison with [`read_comparison`].
    Waves(Waves),
}

/// Orders the wave sheets `names` (three or more with the same item headers) by the time their
/// names carry, or refuses naming `--sheets` with every sheet.
pub(super) fn ordered(
    path: &Path,
    names: Vec<String>,
    mut plan: ReadPlan,
) -> Result<Waves, ReadError> {
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let Some((order, readings)) = time_order(&refs) else {
        let list = names.join(",");
        return Err(ReadError::layout_text(
            path,
            reading::no_time_order(&names, &list),
        ));
    };
    let sorted: Vec<String> = order.iter().map(|&i| names[i].clone()).collect();
    let sorted_readings: Vec<TimeReading> = order.iter().map(|&i| readings[i].clone()).collect();
    plan.add_text(PlanTopic::Layout, None, reading::waves_found(&sorted));
    plan.add_text(
        PlanTopic::Order,
        None,
        reading::sheets_in_time_order(&sorted, &sorted_readings),
    );
    Ok(Waves {
        names: sorted,
        plan,
        column: None,
    })
}

/// The waves named with `--sheets A,B,C`, in the order given (each must exist; hidden sheets
/// may be named).
pub(super) fn named(path: &Path, options: &ReadOptions) -> Result<Option<Waves>, ReadError> {
    let Some(want) = &options.wave_sheets else {
        return Ok(None);
    };
    let mut book = super::load::Input::open(path, options)?;
    book.apply(options);
    let names = book.sheet_names();
    let mut found = Vec::new();
    for w in want {
        let name = super::layout::find_sheet(&names, w)
            .ok_or_else(|| super::layout::sheet_missing(path, w, &names))?;
        if found.contains(&name) {
            return Err(ReadError::layout_text(
                path,
                WavesText::SheetTwice { name: &name },
            ));
        }
        found.push(name);
    }
    let mut plan = ReadPlan::default();
    plan.add_text(PlanTopic::Layout, None, reading::waves_named(&found));
    plan.add_text(PlanTopic::Order, None, reading::order_named(&found, false));
    Ok(Some(Waves {
        names: found,
        plan,
        column: None,
    }))
}

/// `--group COLUMN` with three or more values: the values are the waves, in the order of
/// `--levels A,B,C` (which must name every value; refused naming `--levels` otherwise) or in the
/// time order their values carry (2023年度, 第2回, …). `None` when the values carry no certain
/// order and `--levels` does not give one.
pub(super) fn from_group(path: &Path, options: &ReadOptions) -> Result<Option<Waves>, ReadError> {
    let Some((sheet, column, values)) = super::layout::group_levels(path, options)? else {
        return Ok(None);
    };
    let mut plan = ReadPlan::default();
    plan.add_text(
        PlanTopic::Layout,
        Some((&sheet, String::new())),
        reading::waves_of_column(&sheet, &column, &values),
    );
    let names = if let Some(want) = &options.wave_levels {
        let mut found = Vec::new();
        for w in want {
            let v = values
                .iter()
                .find(|v| v.as_str() == w.trim() || normalize(v) == normalize(w))
                .cloned();
            match v {
                Some(v) if !found.contains(&v) => found.push(v),
                _ => return Err(levels_error(path, &column, &values, Some(w))),
            }
        }
        if found.len() != values.len() {
            return Err(levels_error(path, &column, &values, None));
        }
        plan.add_text(PlanTopic::Order, None, reading::order_named(&found, true));
        found
    } else {
        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
        // Values that carry no time (departments) are no waves: the two-group reader's refusal
        // stands, and names --levels A,B,C for waves.
        let Some((order, readings)) = time_order(&refs) else {
            return Ok(None);
        };
        let sorted: Vec<String> = order.iter().map(|&i| values[i].clone()).collect();
        let sorted_readings: Vec<TimeReading> =
            order.iter().map(|&i| readings[i].clone()).collect();
        plan.add_text(
            PlanTopic::Order,
            None,
            reading::values_in_time_order(&sorted, &sorted_readings),
        );
        order.iter().map(|&i| values[i].clone()).collect()
    };
    Ok(Some(Waves {
        names,
        plan,
        column: Some((sheet, column)),
    }))
}

/// The values of a wave column whose order is not certain, or `--levels` that does not name each
/// value once (`bad`: a name that is not a value, or named twice).
fn levels_error(path: &Path, column: &str, values: &[String], bad: Option<&str>) -> ReadError {
    let list = values.join(",");
    ReadError::layout_text(path, reading::levels_needed(column, values, bad, &list))
}

/// Reads the comparison of wave `first` with wave `second` (sheet names of `waves`) with the
/// two-sheet reader: items in common, pairing by ID when IDs pair (decided for this pair of
/// waves), every note. The plan's layout and order lines are those of the waves, followed by
/// which two waves this comparison takes. `no_id` reads every respondent of both waves (for
/// the per-wave means of the trend).
pub fn read_comparison(
    path: &Path,
    options: &ReadOptions,
    waves: &Waves,
    first: usize,
    second: usize,
    no_id: bool,
) -> Result<Survey, ReadError> {
    let (a, b) = (&waves.names[first], &waves.names[second]);
    let forced = match &waves.column {
        None => ReadOptions {
            sheets: Some((a.clone(), b.clone())),
            wave_sheets: None,
            no_id: options.no_id || no_id,
            ..options.clone()
        },
        Some((sheet, column)) => ReadOptions {
            sheet: Some(sheet.clone()),
            group: Some(column.clone()),
            levels: Some((a.clone(), b.clone())),
            wave_levels: None,
            only_levels: true,
            no_id: options.no_id || no_id,
            ..options.clone()
        },
    };
    let mut survey = super::read_survey(path, &forced)?;
    let mut plan = waves.plan.clone();
    plan.add_text(
        PlanTopic::Layout,
        None,
        WavesText::ThisComparison {
            first: first + 1,
            a,
            second: second + 1,
            b,
        },
    );
    plan.entries.extend(
        survey
            .plan
            .entries
            .drain(..)
            .filter(|e| !matches!(e.topic, PlanTopic::Layout | PlanTopic::Order)),
    );
    survey.plan = plan;
    Ok(survey)
}
