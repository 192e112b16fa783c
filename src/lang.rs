//! The two languages every user-facing text is written in.

/// Language of messages, labels and result workbooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Japanese (日本語).
    Ja,
}

impl Lang {
    /// Picks Japanese when a locale string such as `LANG` starts with `ja`, English otherwise.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.trim().to_ascii_lowercase().starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    /// The language's code as `--lang` takes it: `"en"`, `"ja"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// Picks `en` or `ja` from the text of a two-language pair.
    pub fn pick<'a>(self, en: &'a str, ja: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Ja => ja,
        }
    }
}

/// A count with thousands separators, as both English and Japanese readers write it in prose:
/// `20000000` → `"20,000,000"`.
pub fn grouped(n: impl Into<u128>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_detection() {
        assert_eq!(Lang::from_locale("ja_JP.UTF-8"), Lang::Ja);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
        assert_eq!(Lang::Ja.pick("yes", "はい"), "はい");
        assert_eq!(Lang::Ja.code(), "ja");
        assert_eq!(Lang::from_locale(Lang::En.code()), Lang::En);
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0u32), "0");
        assert_eq!(grouped(999u32), "999");
        assert_eq!(grouped(1000u32), "1,000");
        assert_eq!(grouped(20_000_000u32), "20,000,000");
        assert_eq!(grouped(1_095_216_660_225u64), "1,095,216,660,225");
        assert_eq!(grouped(u128::MAX).len(), 39 + 12);
    }
}
