//! Turning one item cell into a score, and saying what was done to it.

use unicode_normalization::UnicodeNormalization;

use super::load::{format_number, Value};
use super::NoteKind;

/// A user-defined Likert mapping from `--scale "とてもそう思う=5,そう思う=4,…"`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Scale {
    /// Normalised label → score.
    pub labels: Vec<(String, f64)>,
}

impl Scale {
    /// Parses `label=score` pairs separated by `,`, `、` or `;`.
    pub(crate) fn parse(text: &str) -> Result<Scale, String> {
        let mut labels = Vec::new();
        for part in text.split([',', '、', ';', '，']) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let Some((label, score)) = part.rsplit_once(['=', '＝']) else {
                return Err(part.to_string());
            };
            let score = parse_number(&halfwidth(score.trim())).ok_or_else(|| part.to_string())?;
            let label = normalize(label);
            if label.is_empty() {
                return Err(part.to_string());
            }
            labels.push((label, score));
        }
        if labels.is_empty() {
            return Err(text.to_string());
        }
        Ok(Scale { labels })
    }

    /// Smallest and largest score of the mapping.
    pub(crate) fn range(&self) -> (f64, f64) {
        let lo = self
            .labels
            .iter()
            .map(|l| l.1)
            .fold(f64::INFINITY, f64::min);
        let hi = self
            .labels
            .iter()
            .map(|l| l.1)
            .fold(f64::NEG_INFINITY, f64::max);
        (lo, hi)
    }
}

/// Full-width ASCII (U+FF01–U+FF5E) to half-width, ideographic space to space, and the
/// full-width minus/dot forms used in numbers.
pub(crate) fn halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2212}' => '-',
            _ => c,
        })
        .collect()
}

/// Normalised form for matching labels: half-width, lower case, without spaces or a final 「。」.
pub(crate) fn normalize(s: &str) -> String {
    halfwidth(s)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '。' && *c != '.')
        .collect()
}

/// Parses a plain decimal number (no thousands separators, no units).
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
    {
        return None;
    }
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// The outcome of cleaning one item cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cleaned {
    /// Score, NaN when missing.
    pub value: f64,
    /// What was done, `None` for an ordinary number.
    pub kind: Option<NoteKind>,
}

fn note(value: f64, kind: NoteKind) -> Cleaned {
    Cleaned {
        value,
        kind: Some(kind),
    }
}

/// Cleans one item cell.
pub(crate) fn clean(v: &Value, scale: Option<&Scale>) -> Cleaned {
    match v {
        Value::Empty => note(f64::NAN, NoteKind::Blank),
        Value::Num(x) if x.is_finite() => Cleaned {
            value: *x,
            kind: None,
        },
        Value::Num(_) => note(f64::NAN, NoteKind::Text),
        Value::Bool(_) => note(f64::NAN, NoteKind::Boolean),
        Value::Date(_) => note(f64::NAN, NoteKind::Date),
        Value::Error(_) => note(f64::NAN, NoteKind::ErrorCell),
        Value::Text(s) => clean_text(s, scale),
    }
}

/// Texts longer than this (in bytes) are never numbers, labels or "no answer": they are not
/// examined further, so a hostile megabyte-long string costs nothing per cell.
const MAX_LABEL_BYTES: usize = 256;

/// At most `max` bytes of `s` (cut at a character boundary), with "…" when cut.
pub(crate) fn short(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

fn clean_text(s: &str, scale: Option<&Scale>) -> Cleaned {
    let trimmed = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if trimmed.is_empty() {
        return note(f64::NAN, NoteKind::Blank);
    }
    if trimmed.len() > MAX_LABEL_BYTES {
        return note(f64::NAN, NoteKind::Text);
    }
    if let Some(x) = parse_number(trimmed) {
        return note(x, NoteKind::NumberAsText);
    }
    let half = halfwidth(trimmed);
    if let Some(x) = parse_number(&half) {
        return note(x, NoteKind::FullWidthDigits);
    }
    let key = normalize(trimmed);
    if let Some(scale) = scale {
        if let Some((_, x)) = scale.labels.iter().find(|(l, _)| *l == key) {
            return note(*x, NoteKind::LikertLabel);
        }
    }
    // A known answer label, or a score written beside a label: a score. The value here is a
    // provisional five-point guess used to find answer columns; each item's own scale
    // (scale.rs) decides the score that is analysed.
    match super::scale::text_kind(trimmed) {
        super::scale::TextKind::Number(x) => return note(x, NoteKind::NumberAsText),
        super::scale::TextKind::Unit(x, _) => return note(x, NoteKind::NumberAsText),
        super::scale::TextKind::NoAnswer => return note(f64::NAN, NoteKind::NoAnswer),
        super::scale::TextKind::Label { key, score } => {
            if let Some(x) = score.or_else(|| super::scale::guess(&key)) {
                return note(x, NoteKind::LikertLabel);
            }
        }
    }
    note(f64::NAN, NoteKind::Text)
}

/// How many of a column's cells would become scores (numbers, numbers as text, labels).
pub(crate) fn is_score_like(v: &Value, scale: Option<&Scale>) -> bool {
    match v {
        Value::Num(_) => true,
        Value::Text(_) => clean(v, scale).value.is_finite(),
        _ => false,
    }
}

/// Normalises a respondent ID (also used for group and breakdown values): numbers without `.0`,
/// text trimmed with full-width digits and letters made half-width, at most 256 bytes.
/// `None` for a blank.
pub(crate) fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::Empty => None,
        Value::Num(x) => Some(format_number(*x)),
        Value::Text(s) => {
            // NFKC after the half-width mapping: ｱ001 (half-width katakana) and ア001, ①23 and
            // 123, full-width and ASCII letters are one ID, in every sheet alike.
            let t = halfwidth(&short(s.trim(), MAX_LABEL_BYTES));
            // ASCII is its own NFKC form: most IDs skip the second copy.
            let t = if t.is_ascii() { t } else { t.nfkc().collect() };
            let t = t.trim();
            (!t.is_empty()).then(|| t.to_string())
        }
        other => Some(short(&other.display(), MAX_LABEL_BYTES)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::Text(std::sync::Arc::new(s.to_string()))
    }

    #[test]
    fn every_kind_of_cell() {
        let c = |v: &Value| clean(v, None);
        assert_eq!(c(&Value::Num(4.0)).kind, None);
        assert_eq!(c(&Value::Empty).kind, Some(NoteKind::Blank));
        assert_eq!(c(&text("　")).kind, Some(NoteKind::Blank));
        assert_eq!(c(&text("無回答")).kind, Some(NoteKind::NoAnswer));
        assert_eq!(c(&text("N/A")).kind, Some(NoteKind::NoAnswer));
        assert_eq!(c(&text("わすれた")).kind, Some(NoteKind::Text));
        assert_eq!(c(&text("４")), note(4.0, NoteKind::FullWidthDigits));
        assert_eq!(c(&text(" 3 ")), note(3.0, NoteKind::NumberAsText));
        assert_eq!(c(&text("とてもそう思う")), note(5.0, NoteKind::LikertLabel));
        assert_eq!(
            c(&text("全くそう思わない")),
            note(1.0, NoteKind::LikertLabel)
        );
        assert_eq!(c(&text("Strongly Agree")), note(5.0, NoteKind::LikertLabel));
        assert_eq!(c(&text("4：そう思う")), note(4.0, NoteKind::LikertLabel));
        assert_eq!(c(&Value::Bool(true)).kind, Some(NoteKind::Boolean));
        assert_eq!(
            c(&Value::Date(std::sync::Arc::new("2025-04-01".into()))).kind,
            Some(NoteKind::Date)
        );
        assert_eq!(
            c(&Value::Error(std::sync::Arc::new("#N/A".into()))).kind,
            Some(NoteKind::ErrorCell)
        );
        assert!(c(&Value::Error(std::sync::Arc::new("#N/A".into())))
            .value
            .is_nan());
    }

    #[test]
    fn user_scale_wins() {
        let s = Scale::parse("満足=4, やや満足=3、やや不満=2,不満=1").unwrap();
        assert_eq!(s.range(), (1.0, 4.0));
        assert_eq!(
            clean(&text("やや満足"), Some(&s)),
            note(3.0, NoteKind::LikertLabel)
        );
        assert!(Scale::parse("満足").is_err());
        assert!(Scale::parse("満足=たくさん").is_err());
    }

    #[test]
    fn ids_are_normalised() {
        assert_eq!(id_text(&Value::Num(1001.0)).as_deref(), Some("1001"));
        assert_eq!(id_text(&text(" １００１ ")).as_deref(), Some("1001"));
        assert_eq!(id_text(&Value::Empty), None);
        // NFKC: half-width katakana and full-width katakana are the same ID.
        assert_eq!(id_text(&text("ｱ-001")), id_text(&text("ア-001")));
    }
}
