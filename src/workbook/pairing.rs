//! Pairing respondents across the two conditions by their ID.

use std::collections::HashMap;
use std::path::Path;

use super::rows::Recs;
use super::ReadError;

/// Checks that no ID appears twice among the rows `sel` of `recs` (all rows when `None`) and
/// returns the row index of each ID.
pub(super) fn id_index<'a>(
    path: &Path,
    sheet: &str,
    recs: &'a Recs,
    sel: Option<&[usize]>,
) -> Result<HashMap<&'a str, usize>, ReadError> {
    let all: Vec<usize>;
    let sel = match sel {
        Some(s) => s,
        None => {
            all = (0..recs.len()).collect();
            &all
        }
    };
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(sel.len());
    for &i in sel {
        if let Some(id) = &recs.ids[i] {
            if first.contains_key(id.as_str()) {
                let rows = sel
                    .iter()
                    .filter(|&&j| recs.ids[j].as_deref() == Some(id.as_str()))
                    .map(|&j| recs.rows[j] + 1)
                    .collect();
                return Err(ReadError::DuplicateId {
                    path: path.to_path_buf(),
                    sheet: sheet.to_string(),
                    id: id.clone(),
                    rows,
                });
            }
            first.insert(id, i);
        }
    }
    Ok(first)
}
