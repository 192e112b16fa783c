//! The Summary sheet (概要): one APA-style sentence per item.

use super::*;

pub(super) fn write_summary(
    ws: &mut Worksheet,
    a: &Analysis,
    by: Option<&str>,
    f: &Formats,
    lang: Lang,
    change: bool,
) -> Result<(), XlsxError> {
    ws.set_column_width(0, SUMMARY_WIDTH)?;
    ws.write_string_with_format(0, 0, lang.pick("Summary", "概要"), &f.title)?;
    let mut row = 2u32;
    for block in &a.blocks {
        put_wrapped(ws, row, &text::conclusion(a, block, lang), f)?;
        row += 1;
        for it in &block.items {
            let mut line = text::sentence(a, block, it, lang);
            if let Some(share) = shares::sentence(a, it, change, lang, false) {
                line.push_str(lang.pick(" ", ""));
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
    let note = match lang {
        Lang::En => format!(
            "Differences are {} − {}. Significance is judged on the adjusted p ({}). d is Cohen's d with its {}% confidence interval.",
            a.labels[1],
            a.labels[0],
            text::adjust_name(a.options.adjust, lang),
            text::num(a.options.conf_level * 100.0, 0)
        ),
        Lang::Ja => format!(
            "差は「{} − {}」で計算した。有意かどうかは補正後の p 値（{}）で判断した。M は平均値、SD は標準偏差、d は効果量（Cohen の d）で、［ ］内はその {}% 信頼区間である。",
            a.labels[1],
            a.labels[0],
            text::adjust_name(a.options.adjust, lang),
            text::num(a.options.conf_level * 100.0, 0)
        ),
    };
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
