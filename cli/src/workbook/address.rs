//! A1 addresses: column letters, cell references and quoted sheet names.

/// 0-based column index as letters: 0 → A, 26 → AA.
pub(crate) fn col_letters(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Column letters to a 0-based index; `None` unless 1–3 ASCII letters within XFD.
pub(super) fn letters_col(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() || s.len() > 3 || !s.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut n: u32 = 0;
    for c in s.chars() {
        n = n * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    (1..=super::MAX_COLUMNS).contains(&n).then(|| n - 1)
}

/// `A1` address from 0-based row and column.
pub(super) fn a1(row: u32, col: u32) -> String {
    format!("{}{}", col_letters(col), row + 1)
}

/// Sheet name as used in a reference: quoted when it holds spaces or punctuation.
pub(crate) fn sheet_ref(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_round_trip() {
        for c in [0, 25, 26, 51, 52, 701, 702, 16_383] {
            assert_eq!(letters_col(&col_letters(c)), Some(c));
        }
        assert_eq!(col_letters(0), "A");
        assert_eq!(col_letters(27), "AB");
        assert_eq!(letters_col("XFE"), None);
        assert_eq!(letters_col("所属"), None);
        assert_eq!(a1(6, 3), "D7");
    }
}
