//! The Summary sheet (概要): one APA-style sentence per item.

use super::*;
use crate::words::{
    self,
    summary::{SummaryFormat, SummaryText},
};

pub(super) fn write_summary(
    ws: &mut Worksheet,
    a: &Analysis,
    by: Option<&str>,
    f: &Formats,
    lang: Lang,
    change: bool,
) -> Result<(), XlsxError> {
    ws.set_column_width(0, SUMMARY_WIDTH)?;
    ws.write_string_with_format(0, 0, SummaryText::Title.get(lang), &f.title)?;
    let mut row = 2u32;
    for block in &a.blocks {
        put_wrapped(ws, row, &text::conclusion(a, block, lang), f)?;
        row += 1;
        for it in &block.items {
            let mut line = text::sentence(a, block, it, lang);
            if let Some(share) = shares::sentence(a, it, change, lang, false) {
                line.push_str(words::shares::between_sentences(lang));
                line.push_str(&share);
            }
            put_wrapped(
                ws,
                row,
                &equivalence_cols::append(line, a, it, false, lang),
                f,
            )?;
            row += 1;
        }
        row += 1;
    }
    let note = SummaryFormat::Note {
        l1: &a.labels[0],
        l2: &a.labels[1],
        adjust: text::adjust_name(a.options.adjust, lang),
        cl: &text::num(a.options.conf_level * 100.0, 0),
    }
    .text(lang);
    put_wrapped(ws, row, &note, f)?;
    for line in text::family_text(a, by, lang)
        .into_iter()
        .chain(text::withheld_text(a, by, lang))
    {
        row += 1;
        put_wrapped(ws, row, &line, f)?;
    }
    // Landscape A4 holds the 100-unit column at full size.
    print_setup(ws, Print::FitWidth { landscape: true })?;
    Ok(())
}
