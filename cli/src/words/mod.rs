//! Every word the command-line tool writes for a user — its terminal messages, the result
//! workbook's sheets, the JSON's sentences — in one module, keyed by enums.
//!
//! The words the three front doors share (effect labels, the result sentence, the engine's
//! errors) are the library's ([`crate::messages`]); this module holds the tool's own, one file
//! per area. Two kinds of entry:
//!
//! * `texts!` — fixed texts: `Heading => "Checks", "データ確認";`. `get(lang)` returns one.
//! * `formats!` — texts with values: `Waves { n: usize } => "{n} waves", "{n} 時点";`. Each
//!   variant's fields are named in its format strings; `text(lang)` formats one language only.
//!
//! Both macros take the English and the Japanese text of a variant together, so a variant
//! without one of them does not compile. A text that needs logic (a plural, a list, a clause
//! that depends on a value) is a function in the area's file, built from entries of these
//! tables and [`bilingual`]. The tests below check every entry of every table in both
//! languages, check that the two format strings of a variant name the same values, and check
//! that no file outside this module picks a language for a text (`lang.pick`, `match lang`,
//! `lang == Lang::En`, `bilingual`): the language is decided here and nowhere else.

use crate::lang::Lang;
pub use crate::messages::{bilingual, Pair};

/// Fixed texts keyed by an enum, both languages in one line.
macro_rules! texts {
    (
        $(#[$meta:meta])* pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $en:literal, $ja:literal; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        #[allow(dead_code)]
        impl $name {
            /// Every entry, for the completeness tests.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// Both languages.
            pub fn pair(self) -> $crate::words::Pair {
                match self {
                    $( $name::$variant => $crate::words::Pair { en: $en, ja: $ja }, )*
                }
            }

            /// The text in `lang`.
            pub fn get(self, lang: $crate::lang::Lang) -> &'static str {
                self.pair().get(lang)
            }
        }

        impl $crate::words::Catalogue for $name {
            const NAME: &'static str = stringify!($name);
            fn entries() -> Vec<(&'static str, &'static str, &'static str)> {
                vec![$( (stringify!($variant), $en, $ja), )*]
            }
        }
    };
}

/// Texts with values keyed by an enum: each variant's fields are named in both format strings
/// (`{n}`, `{name}`, `{p:.3}`), and `text(lang)` formats the language asked for.
macro_rules! formats {
    (
        $(#[$meta:meta])* pub enum $name:ident $(<$lt:lifetime>)? {
            $( $(#[$vmeta:meta])* $variant:ident { $($field:ident : $ty:ty),* $(,)? }
                => $en:literal, $ja:literal; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub enum $name $(<$lt>)? {
            $( $(#[$vmeta])* $variant { $($field: $ty),* }, )*
        }

        #[allow(dead_code)]
        impl $(<$lt>)? $name $(<$lt>)? {
            /// The text in `lang`.
            pub fn text(&self, lang: $crate::lang::Lang) -> String {
                match self {
                    $( $name::$variant { $($field),* } => match lang {
                        $crate::lang::Lang::En => format!($en),
                        $crate::lang::Lang::Ja => format!($ja),
                    }, )*
                }
            }
        }

        impl $(<$lt>)? $crate::words::Catalogue for $name $(<$lt>)? {
            const NAME: &'static str = stringify!($name);
            fn entries() -> Vec<(&'static str, &'static str, &'static str)> {
                vec![$( (stringify!($variant), $en, $ja), )*]
            }
        }
    };
}

/// A table of entries: every variant's name and its English and Japanese text (for
/// `formats!`, the format strings).
pub trait Catalogue {
    /// The enum's name.
    const NAME: &'static str;
    /// `(variant, English, Japanese)` for every variant.
    fn entries() -> Vec<(&'static str, &'static str, &'static str)>;
}

/// The English or the Japanese of a two-language choice made in this module. Files outside
/// `words` call the functions and tables here instead.
pub fn pick(lang: Lang, en: &'static str, ja: &'static str) -> &'static str {
    Pair { en, ja }.get(lang)
}

/// How the parts of a list are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sep {
    /// `a, b` / `a、b`.
    Comma,
    /// `a; b` / `a、b`.
    Semicolon,
}

/// The parts joined as a list in `lang`, ending in `…` when `more` (more parts than shown).
pub fn list<S: AsRef<str>>(lang: Lang, sep: Sep, parts: &[S], more: bool) -> String {
    let sep = match sep {
        Sep::Comma => pick(lang, ", ", "、"),
        Sep::Semicolon => pick(lang, "; ", "、"),
    };
    let mut out = parts
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(sep);
    if more {
        out.push_str(sep);
        out.push('…');
    }
    out
}

/// Parts joined by the comma of `lang`: "a, b" / 「a、b」.
pub fn comma_list<S: AsRef<str>>(parts: &[S], lang: Lang) -> String {
    list(lang, Sep::Comma, parts, false)
}

pub mod analysis;
pub mod book;
pub mod charts;
pub mod checks;
pub mod cli;
pub mod compare;
pub mod council;
pub mod data;
pub mod equivalence;
pub mod files;
pub mod labels;
pub mod method;
pub mod order;
pub mod plan;
pub mod plan_rows;
pub mod reader;
pub mod reading;
pub mod results;
pub mod shares;
pub mod summary;
pub mod text;
pub mod trend;

/// Every table, for the tests: add an area's enums here (the test
/// `every_table_is_listed` fails when one is missing).
#[cfg(test)]
macro_rules! catalogues {
    ($($path:path),* $(,)?) => {
        fn all_entries() -> Vec<(String, &'static str, &'static str)> {
            let mut all = Vec::new();
            $(
                for (variant, en, ja) in <$path as Catalogue>::entries() {
                    all.push((format!("{}::{variant}", <$path as Catalogue>::NAME), en, ja));
                }
            )*
            all
        }
        const LISTED: &[&str] = &[$(stringify!($path)),*];
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    catalogues![
        Example,
        ExampleFormat,
        analysis::AnalysisWord,
        analysis::AnalysisText,
        analysis::SharesText,
        compare::CompareWord,
        compare::CompareText,
        checks::ChecksHeader,
        checks::ChecksKind,
        checks::ChecksValue,
        checks::ChecksText,
        checks::ChecksFormat,
        council::CouncilText,
        council::CouncilFormat,
        method::MethodRow,
        method::MethodText,
        method::MethodFormat,
        shares::ShareText,
        shares::ShareFormat,
        shares::ShareSentence,
        shares::PoliteShareSentence,
        summary::SummaryText,
        summary::SummaryFormat,
        charts::ChartsText,
        charts::ChartsFormat,
        data::DataSheetText,
        equivalence::EquivalenceText,
        equivalence::EquivalenceFormat,
        plan_rows::PlanRowsText,
        results::ResultsHeader,
        results::ResultsFormat,
        trend::WaveText,
        trend::WaveHeader,
        trend::WaveFormat,
        book::Sheet,
        book::EffectHeader,
        book::BookText,
        book::BookLine,
        cli::IoReason,
        cli::Progress,
        cli::Terminal,
        cli::Line,
        cli::OptionRefusal,
        cli::ErrorText,
        plan::PlanRefusal,
        plan::Unit,
        plan::PlanLine,
        text::TextFormat,
        order::OrderText,
        order::EitherWay,
        reader::PlanTopicName,
        reader::NoteText,
        reader::DelimiterName,
        reader::TextFileWord,
        reader::TextFileFormat,
        reader::IdReason,
        reader::ScaleText,
        reader::ReadErrorText,
        reader::ReaderWord,
        reader::DeclaredWhat,
        reader::ExpandsWhat,
        reading::ReadingWord,
        reading::PlanText,
        reading::LayoutRefusal,
        labels::ItemsWord,
        labels::ScaleRefusal,
        reading::WavesText,
        files::TextFileRefusal,
        files::TextFileProblem,
        files::DamagedPart,
        files::TextProblemText,
        files::DamagedText,
    ];

    texts! {
        /// An example table (also the test of the macro).
        pub enum Example {
            /// A heading.
            Checks => "Checks", "データ確認";
        }
    }

    formats! {
        /// An example table with values.
        pub enum ExampleFormat<'a> {
            /// A count.
            Waves { n: usize, name: &'a str } => "{n} waves of {name}", "{name} の {n} 時点";
        }
    }

    /// Names, symbols and options a Japanese text of the tool may contain besides the library's
    /// ([`crate::messages::ALLOWED_IN_JAPANESE`]).
    const ALSO_ALLOWED: &[&str] = &[
        // Names of tests.
        "Student",
        "Mann",
        "Whitney",
        "Wilcoxon",
        "Satterthwaite",
        // Values of --test listed in a sentence (「--test で welch、student、mann-whitney」).
        "welch",
        "student",
        "mann",
        "whitney",
        "paired",
        // The R call the change-score effect size matches.
        "effectsize",
        "hedges_g",
        "pooled_sd",
        "FALSE",
        // Names of methods and their authors.
        "Newcombe",
        "McNemar",
        "Pearson",
        "Algina",
        "Keselman",
        // Software, functions and symbols: Excel's T.TEST; R's t.test, wilcox.test, p.adjust
        // and effectsize; the effect size d_av; a respondent's ID.
        "Excel",
        "TEST",
        "test",
        "wilcox",
        "adjust",
        "d_av",
        "ID",
        // Authors of the methods cited.
        "Jeffreys",
        "Lakens",
        "Lee",
        "Rouder",
        "Schuirmann",
        "Wagenmakers",
        "Wilson",
        // Symbols and abbreviations: BF₁₀, the JZS prior, TOST, an ID column.
        "BF",
        "JZS",
        "TOST",
        // Subcommands, programs, names, symbols, an environment variable and a time zone,
        // written as they are.
        "analyze",
        "plan",
        "SOURCE_DATE_EPOCH",
        "UTC",
        "d_z",
        // The reader's: names and spreadsheet words written the same in Japanese.
        "Forms",
        "BOM",
        "TRUE",
        "SUBTOTAL",
        "AGGREGATE",
        // The reader's: programs, file types and the parts of a file named in its errors.
        "LibreOffice",
        "calamine",
        "csv",
        "tsv",
        "CSV",
        "TSV",
        // The reader's: encodings and units, written as they are.
        "UTF",
        "Shift_JIS",
        "CP932",
        "MiB",
        "utf",
        "16le",
        "16be",
        "cp932",
        // The reader's: XML and file-structure names, written as they are.
        "CDATA",
        "DOCTYPE",
        "Office",
        "Open",
        "XFD",
        "GiB",
        "txt",
        "ods",
        "xls",
        "xlsb",
        "xlsm",
        "xlsx",
        "XML",
        "xml",
        "content",
        "META",
        "INF",
        "manifest",
        "DIMENSIONS",
    ];

    /// `{…}` placeholders of a format string, without their format spec.
    fn placeholders(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = s.replace("{{", "").replace("}}", "");
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let inner = &rest[open + 1..open + close];
            out.push(inner.split(':').next().unwrap_or("").to_string());
            rest = rest[open + close + 1..].to_string();
        }
        out.sort();
        out.dedup();
        out
    }

    /// The Japanese of a format string with its placeholders and command-line options taken
    /// out (`{name}`, `--top-box`), which are the same in both languages.
    fn japanese_words(ja: &str) -> String {
        let mut s = String::new();
        let mut depth = 0;
        for c in ja.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ if depth == 0 => s.push(c),
                _ => {}
            }
        }
        // An option, wherever it stands (「（--top-box 2）」「、--test welch」), and the ASCII
        // value typed after it.
        let mut out = String::new();
        let mut rest = s.as_str();
        while let Some(at) = rest.find("--") {
            out.push_str(&rest[..at]);
            let ascii_word = |t: &str| {
                t.find(|c: char| !(c.is_ascii_alphanumeric() || "-_=,.".contains(c)))
                    .unwrap_or(t.len())
            };
            let after = &rest[at..];
            let mut end = ascii_word(after);
            if after[end..].starts_with(' ') {
                end += 1 + ascii_word(&after[end + 1..]);
            }
            out.push(' ');
            rest = &after[end..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn every_entry_is_complete_in_both_languages() {
        let all = all_entries();
        assert!(!all.is_empty());
        for (name, en, ja) in all {
            assert!(!en.trim().is_empty(), "{name}: empty English");
            assert!(
                !en.chars().any(|c| matches!(c, '\u{3040}'..='\u{30FF}')),
                "{name}: kana in the English text {en:?}"
            );
            // A symbol written the same in both languages ("p", "SD") needs no Japanese.
            if en != ja {
                crate::messages::check_japanese_allowing(&japanese_words(ja), &name, ALSO_ALLOWED);
            }
            assert_eq!(
                placeholders(en),
                placeholders(ja),
                "{name}: the English and the Japanese name different values"
            );
        }
    }

    #[test]
    fn lists_use_the_comma_of_the_language() {
        let items = ["a".to_string(), "b".to_string()];
        assert_eq!(comma_list(&items, Lang::En), "a, b");
        assert_eq!(comma_list(&items, Lang::Ja), "a、b");
        assert_eq!(list(Lang::Ja, Sep::Semicolon, &items, true), "a、b、…");
    }

    #[test]
    fn the_format_macro_formats_one_language() {
        let w = ExampleFormat::Waves {
            n: 3, name: "年度"
        };
        assert_eq!(w.text(Lang::En), "3 waves of 年度");
        assert_eq!(w.text(Lang::Ja), "年度 の 3 時点");
        assert_eq!(Example::Checks.get(Lang::Ja), "データ確認");
        assert_eq!(pick(Lang::En, "a", "あ"), "a");
        assert_eq!(placeholders("{a} {b:.2} {{x}} {a}"), ["a", "b"]);
    }

    /// Every `texts!`/`formats!` enum in this module's files is in `catalogues!` above, so the
    /// completeness test sees it.
    #[test]
    fn every_table_is_listed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/words");
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let source = std::fs::read_to_string(&path).unwrap();
            let lines: Vec<&str> = source.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let t = line.trim();
                if !(t == "texts! {" || t == "formats! {") {
                    continue;
                }
                let name = lines[i + 1..]
                    .iter()
                    .find_map(|l| l.trim().strip_prefix("pub enum "))
                    .map(|rest| {
                        rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                            .next()
                            .unwrap()
                    })
                    .unwrap();
                let listed = LISTED
                    .iter()
                    .any(|p| p.rsplit("::").next().unwrap().trim() == name);
                assert!(
                    listed,
                    "{}: {name} is not in catalogues![…] in words/mod.rs",
                    path.display()
                );
            }
        }
    }

    /// No file outside this module picks a language for a text: the choice (`lang.pick`,
    /// `match lang`, `Lang::Ja =>`, `lang == Lang::En`, `bilingual(`) is made by the functions
    /// and tables here.
    #[test]
    fn only_words_picks_a_language() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    if path.file_name().is_some_and(|n| n != "words") {
                        stack.push(path);
                    }
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        let mut found = Vec::new();
        for path in files {
            let source = std::fs::read_to_string(&path).unwrap();
            // Tests may build texts in either language to compare with.
            // (`#[cfg(test)] mod tests;` declares a file of its own, which is not cut.)
            let code = source.split("#[cfg(test)]\nmod tests {").next().unwrap();
            let count = code
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .map(|l| {
                    [
                        ".pick(",
                        "match lang",
                        "Lang::Ja =>",
                        "Lang::En =>",
                        "== Lang::",
                        "!= Lang::",
                        "bilingual(",
                    ]
                    .iter()
                    .map(|p| l.matches(p).count())
                    .sum::<usize>()
                })
                .sum::<usize>();
            let rel = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if count > 0 {
                found.push(format!("{rel}: {count}"));
            }
        }
        assert!(
            found.is_empty(),
            "texts whose language is chosen outside words/: {found:#?}"
        );
    }
}
