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
use super::time::time_order;
use super::{ReadError, ReadOptions, Survey};

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
        return Err(ReadError::layout(
            path,
            format!(
                "{} sheets have the same item headers: {}; their names do not tell their order in time, so the waves are not analysed in a guessed order: name them from earliest to latest with --sheets, e.g. --sheets {list} (or two of them, --sheets FIRST,SECOND, to compare only those)",
                names.len(),
                names.join(", ")
            ),
            format!(
                "設問の見出しが同じシートが {} つあります: {}。シート名から時期の順序が判断できないため、推測した順序では分析しません。--sheets で古い順にすべて指定してください（例: --sheets {list}）。2 つだけ比べる場合は --sheets 先,後 で指定してください",
                names.len(),
                names.join("、")
            ),
        ));
    };
    let sorted: Vec<String> = order.iter().map(|&i| names[i].clone()).collect();
    let how_en: Vec<String> = order
        .iter()
        .map(|&i| {
            format!(
                "{} ({})",
                names[i],
                crate::words::order::reading(&readings[i], crate::lang::Lang::En)
            )
        })
        .collect();
    let how_ja: Vec<String> = order
        .iter()
        .map(|&i| {
            format!(
                "「{}」（{}）",
                names[i],
                crate::words::order::reading(&readings[i], crate::lang::Lang::Ja)
            )
        })
        .collect();
    plan.add(
        PlanTopic::Layout,
        None,
        format!(
            "{} waves: the sheets {} have the same item headers; --sheets A,B,C names the waves, --sheets FIRST,SECOND compares two",
            sorted.len(),
            sorted.join(", ")
        ),
        format!(
            "{} 時点の調査（シート{}は設問の見出しが同じ。時点のシートは --sheets A,B,C で指定でき、2 つだけ比べる場合は --sheets 先,後）",
            sorted.len(),
            sorted
                .iter()
                .map(|s| format!("「{s}」"))
                .collect::<Vec<_>>()
                .join("")
        ),
    );
    plan.add(
        PlanTopic::Order,
        None,
        format!(
            "waves in time order: {}; the names carry time, whatever the order of the sheets; --sheets A,B,C gives another order",
            how_en.join(" → ")
        ),
        format!(
            "時点の順序: {}（シート名が時期を示している。シートの並び順によらない。別の順序は --sheets A,B,C で指定）",
            how_ja.join(" → ")
        ),
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
            return Err(ReadError::layout(
                path,
                format!("--sheets names the sheet {name} twice; name each wave once, from earliest to latest"),
                format!("--sheets でシート「{name}」が 2 回指定されています。各時点のシートを 1 回ずつ、古い順に指定してください"),
            ));
        }
        found.push(name);
    }
    let mut plan = ReadPlan::default();
    plan.add(
        PlanTopic::Layout,
        None,
        format!(
            "{} waves, the sheets {}: named by --sheets",
            found.len(),
            found.join(", ")
        ),
        format!(
            "{} 時点の調査（シート{}。--sheets で指定）",
            found.len(),
            found
                .iter()
                .map(|s| format!("「{s}」"))
                .collect::<Vec<_>>()
                .join("")
        ),
    );
    plan.add(
        PlanTopic::Order,
        None,
        format!(
            "waves in time order: {}: the order given by --sheets",
            found.join(" → ")
        ),
        format!(
            "時点の順序: {}（--sheets で指定した順）",
            found
                .iter()
                .map(|s| format!("「{s}」"))
                .collect::<Vec<_>>()
                .join(" → ")
        ),
    );
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
    plan.add(
        PlanTopic::Layout,
        Some((&sheet, String::new())),
        format!(
            "{} waves: the values of the column {column} on sheet {sheet} ({}), named by --group",
            values.len(),
            values.join(", ")
        ),
        format!(
            "{} 時点の調査（シート「{sheet}」の列「{column}」の値 {}。--group で指定）",
            values.len(),
            values
                .iter()
                .map(|v| format!("「{v}」"))
                .collect::<Vec<_>>()
                .join("")
        ),
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
        plan.add(
            PlanTopic::Order,
            None,
            format!(
                "waves in time order: {}: the order given by --levels",
                found.join(" → ")
            ),
            format!(
                "時点の順序: {}（--levels で指定した順）",
                found
                    .iter()
                    .map(|s| format!("「{s}」"))
                    .collect::<Vec<_>>()
                    .join(" → ")
            ),
        );
        found
    } else {
        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
        // Values that carry no time (departments) are no waves: the two-group reader's refusal
        // stands, and names --levels A,B,C for waves.
        let Some((order, readings)) = time_order(&refs) else {
            return Ok(None);
        };
        plan.add(
            PlanTopic::Order,
            None,
            format!(
                "waves in time order: {}; the values carry time, whatever the order of the rows; --levels A,B,C gives another order",
                order
                    .iter()
                    .map(|&i| format!("{} ({})", values[i], crate::words::order::reading(&readings[i], crate::lang::Lang::En)))
                    .collect::<Vec<_>>()
                    .join(" → ")
            ),
            format!(
                "時点の順序: {}（値が時期を示している。行の並び順によらない。別の順序は --levels A,B,C で指定）",
                order
                    .iter()
                    .map(|&i| format!("「{}」（{}）", values[i], crate::words::order::reading(&readings[i], crate::lang::Lang::Ja)))
                    .collect::<Vec<_>>()
                    .join(" → ")
            ),
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
    let (why_en, why_ja) = match bad {
        Some(b) => (
            format!("--levels names {b}, which is not a value of {column} (or is named twice)"),
            format!("--levels の「{b}」は列「{column}」の値ではないか、2 回指定されています"),
        ),
        None => (
            format!("the values of {column} do not tell their order in time, or --levels does not name each of them"),
            format!("列「{column}」の値から時期の順序が判断できないか、--levels ですべての値を指定していません"),
        ),
    };
    ReadError::layout(
        path,
        format!(
            "the group column {column} holds {} values: {}; {why_en}: name every value from earliest to latest with --levels, e.g. --levels {list}",
            values.len(),
            values.join(", ")
        ),
        format!(
            "群の列「{column}」には {} 種類の値があります: {}。{why_ja}。--levels で古い順にすべての値を指定してください（例: --levels {list}）",
            values.len(),
            values.join("、")
        ),
    )
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
    plan.add(
        PlanTopic::Layout,
        None,
        format!(
            "this comparison: wave {} ({a}) and wave {} ({b}); the rows of other waves are not part of it",
            first + 1,
            second + 1
        ),
        format!(
            "この比較: 第 {} 時点「{a}」と第 {} 時点「{b}」（他の時点の行は含まない）",
            first + 1,
            second + 1
        ),
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
