//! The [`ReadPlan`]: every reading decision (layout, which condition is first, header row, ID
//! column and pairing, group column, rows left out) with the evidence it was made on and the
//! option that overrides it. Carried on [`super::Survey`] so that the Checks and Method sheets
//! print it.

use crate::lang::Lang;
use crate::words::reader::PlanTopicName;

/// What a [`PlanEntry`] decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PlanTopic {
    /// Two sheets or one sheet with a group column, and which.
    Layout,
    /// Which condition is first (time order).
    Order,
    /// The header row.
    HeaderRow,
    /// The respondent ID column (or why there is none).
    IdColumn,
    /// How respondents were paired (or why they were not).
    Pairing,
    /// The group column of a one-sheet layout.
    GroupColumn,
    /// Rows that are not respondents (summary rows).
    SummaryRows,
    /// The comparison-group column (`--compare`) and which of its values is the participants.
    CompareColumn,
}

impl PlanTopic {
    /// A stable key for programs (the JSON's `reading[].topic`).
    pub fn key(self) -> &'static str {
        match self {
            PlanTopic::Layout => "layout",
            PlanTopic::Order => "order",
            PlanTopic::HeaderRow => "header_row",
            PlanTopic::IdColumn => "id_column",
            PlanTopic::Pairing => "pairing",
            PlanTopic::GroupColumn => "group_column",
            PlanTopic::SummaryRows => "summary_rows",
            PlanTopic::CompareColumn => "compare_column",
        }
    }

    /// Short name in the requested language.
    pub fn describe(self, lang: Lang) -> &'static str {
        let name = match self {
            PlanTopic::Layout => PlanTopicName::Layout,
            PlanTopic::Order => PlanTopicName::Order,
            PlanTopic::HeaderRow => PlanTopicName::HeaderRow,
            PlanTopic::IdColumn => PlanTopicName::IdColumn,
            PlanTopic::Pairing => PlanTopicName::Pairing,
            PlanTopic::GroupColumn => PlanTopicName::GroupColumn,
            PlanTopic::SummaryRows => PlanTopicName::SummaryRows,
            PlanTopic::CompareColumn => PlanTopicName::CompareColumn,
        };
        name.get(lang)
    }
}

/// One reading decision with its evidence, in English and Japanese (`message(lang)`, in
/// [`crate::words::reader`], gives one).
#[derive(Debug, Clone, PartialEq)]
pub struct PlanEntry {
    /// What is decided.
    pub topic: PlanTopic,
    /// Sheet concerned, if one.
    pub sheet: Option<String>,
    /// A1 address of the evidence (a header cell), if one.
    pub cell: Option<String>,
    /// The decision, why, and the option that overrides it (English).
    pub en: String,
    /// The same in Japanese.
    pub ja: String,
}

/// Every reading decision, in the order it was made.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadPlan {
    /// The decisions.
    pub entries: Vec<PlanEntry>,
}

impl ReadPlan {
    /// Records a decision.
    pub(crate) fn add(
        &mut self,
        topic: PlanTopic,
        place: Option<(&str, String)>,
        en: impl Into<String>,
        ja: impl Into<String>,
    ) {
        let (sheet, cell) = match place {
            Some((s, c)) => (Some(s.to_string()), (!c.is_empty()).then_some(c)),
            None => (None, None),
        };
        self.entries.push(PlanEntry {
            topic,
            sheet,
            cell,
            en: en.into(),
            ja: ja.into(),
        });
    }

    /// The entries about `topic`.
    pub fn about(&self, topic: PlanTopic) -> impl Iterator<Item = &PlanEntry> {
        self.entries.iter().filter(move |e| e.topic == topic)
    }
}
