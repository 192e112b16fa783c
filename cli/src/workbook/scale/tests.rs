use super::*;
use std::sync::Arc;

fn text(s: &str) -> Value {
    Value::Text(Arc::new(s.to_string()))
}

/// Evidence of a column holding each label `n` times.
fn evidence(labels: &[&str]) -> Evidence {
    let mut e = Evidence::default();
    for l in labels {
        e.add(&text(l));
        e.add(&text(l));
    }
    e
}

/// Scores of `labels` (in the order given) inferred from the set.
fn scores(labels: &[&str]) -> Vec<f64> {
    let (reader, scale) = infer("Q1", &evidence(labels), None)
        .unwrap_or_else(|e| panic!("{labels:?}: {:?}", e.message(crate::lang::Lang::En)));
    let scale = scale.expect("a scale");
    assert_eq!(scale.labels.len(), labels.len());
    labels
        .iter()
        .map(|l| reader.labels[&label_key(l)])
        .collect()
}

fn problem(labels: &[&str]) -> ScaleProblem {
    match infer("Q1", &evidence(labels), None) {
        Ok((r, _)) => panic!("{labels:?} was scored: {:?}", r.labels),
        Err(p) => p,
    }
}

#[test]
fn normalisation_makes_spellings_one() {
    let same = [
        ("どちらとも言えない", "どちらともいえない"),
        ("全くそう思わない", "まったくそう思わない"),
        ("ﾄﾃﾓｿｳ思ウ", "とてもそう思う"),
        ("とても　そう思う ", "とてもそう思う"),
        ("ソウオモウ", "そう思う"),
        ("当てはまる", "あてはまる"),
        ("Strongly  Agree", "strongly agree"),
        ("ＳＴＲＯＮＧＬＹ　ＡＧＲＥＥ", "strongly agree"),
        ("そう思う。", "そう思う"),
    ];
    for (a, b) in same {
        assert_eq!(label_key(a), label_key(b), "{a} / {b}");
    }
    assert_ne!(label_key("そう思う"), label_key("そう思わない"));
}

#[test]
fn leading_scores_in_every_form() {
    for (t, score, label) in [
        ("5（とてもそう思う）", 5.0, "とてもそう思う"),
        ("5:そう思う", 5.0, "そう思う"),
        ("5：そう思う", 5.0, "そう思う"),
        ("5. そう思う", 5.0, "そう思う"),
        ("５．そう思う", 5.0, "そう思う"),
        ("4 - Agree", 4.0, "agree"),
        ("とてもそう思う(5)", 5.0, "とてもそう思う"),
        ("(5)", 5.0, ""),
        ("（3）", 3.0, ""),
        ("10 非常に満足", 10.0, "非常に満足"),
    ] {
        assert_eq!(leading_score(t), Some((score, label_key(label))), "{t}");
    }
    for t in ["そう思う", "12.5", "5 - 3", "2025年", "1回目", "3人"] {
        assert_eq!(leading_score(t).map(|x| x.0), None, "{t}");
    }
}

#[test]
fn units() {
    assert_eq!(with_unit("4点"), Some((4.0, Unit::Points)));
    assert_eq!(with_unit("４ 点"), Some((4.0, Unit::Points)));
    assert_eq!(with_unit("80%"), Some((80.0, Unit::Percent)));
    assert_eq!(with_unit("80％"), Some((80.0, Unit::Percent)));
    assert_eq!(with_unit("3人"), Some((3.0, Unit::People)));
    assert_eq!(with_unit("満点"), None);
    assert_eq!(with_unit("80"), None);
}

#[test]
fn non_answers_are_missing() {
    for t in [
        "わからない",
        "分からない",
        "ワカラナイ",
        "該当しない",
        "無回答",
        "-",
        "ー",
        "－",
        "N/A",
        "n/a",
        "Don't know",
    ] {
        assert_eq!(text_kind(t), TextKind::NoAnswer, "{t}");
    }
}

/// Every family, 4-, 5-, 6- and 7-point, with and without a midpoint: each distinct label gets a
/// distinct score, in order, from the number of points down to 1.
#[test]
fn every_family_scores_every_label_distinctly_in_order() {
    let sets: &[&[&str]] = &[
        // そう思う, 5 points (top: とても).
        &[
            "とてもそう思う",
            "そう思う",
            "どちらともいえない",
            "そう思わない",
            "全くそう思わない",
        ],
        // そう思う, 5 points whose top is そう思う: 5…1, not 4…2.
        &[
            "そう思う",
            "ややそう思う",
            "どちらともいえない",
            "あまりそう思わない",
            "そう思わない",
        ],
        &[
            "そう思う",
            "どちらかといえばそう思う",
            "どちらとも言えない",
            "どちらかといえばそう思わない",
            "そう思わない",
        ],
        // 4 points.
        &[
            "とてもそう思う",
            "そう思う",
            "そう思わない",
            "全くそう思わない",
        ],
        &[
            "とてもそう思う",
            "ややそう思う",
            "あまりそう思わない",
            "全くそう思わない",
        ],
        &[
            "そう思う",
            "ややそう思う",
            "あまりそう思わない",
            "そう思わない",
        ],
        // 6 and 7 points.
        &[
            "とてもそう思う",
            "そう思う",
            "ややそう思う",
            "あまりそう思わない",
            "そう思わない",
            "全くそう思わない",
        ],
        &[
            "非常にそう思う",
            "かなりそう思う",
            "ややそう思う",
            "どちらともいえない",
            "あまりそう思わない",
            "ほとんどそう思わない",
            "全くそう思わない",
        ],
        &[
            "とてもそう思う",
            "そう思う",
            "ややそう思う",
            "どちらともいえない",
            "ややそう思わない",
            "そう思わない",
            "全くそう思わない",
        ],
        // Different labels on each side but as many levels: taken in order.
        &[
            "そう思う",
            "ややそう思う",
            "どちらともいえない",
            "あまりそう思わない",
            "全くそう思わない",
        ],
        // あてはまる.
        &[
            "とてもあてはまる",
            "ややあてはまる",
            "どちらともいえない",
            "あまりあてはまらない",
            "全くあてはまらない",
        ],
        &[
            "あてはまる",
            "ややあてはまる",
            "あまりあてはまらない",
            "あてはまらない",
        ],
        &[
            "当てはまる",
            "だいたい当てはまる",
            "ふつう",
            "あまり当てはまらない",
            "当てはまらない",
        ],
        // 満足…不満.
        &["満足", "やや満足", "どちらともいえない", "やや不満", "不満"],
        &["大変満足", "満足", "不満", "大変不満"],
        &[
            "非常に満足",
            "満足",
            "やや満足",
            "ふつう",
            "やや不満",
            "不満",
            "非常に不満",
        ],
        // 同意.
        &[
            "強く同意する",
            "同意する",
            "どちらともいえない",
            "同意しない",
            "全く同意しない",
        ],
        // English.
        &[
            "Strongly agree",
            "Agree",
            "Neither agree nor disagree",
            "Disagree",
            "Strongly disagree",
        ],
        &[
            "Strongly agree",
            "Agree",
            "Somewhat agree",
            "Neutral",
            "Somewhat disagree",
            "Disagree",
            "Strongly disagree",
        ],
        &[
            "Very satisfied",
            "Satisfied",
            "Dissatisfied",
            "Very dissatisfied",
        ],
        // Half-width katakana, full-width spaces, kana spellings.
        &[
            "ﾄﾃﾓｿｳ思ウ",
            "そう　思う",
            "どちらとも言えない",
            "そう思わない ",
            "まったくそう思わない",
        ],
    ];
    for set in sets {
        let got = scores(set);
        let want: Vec<f64> = (1..=set.len()).rev().map(|x| x as f64).collect();
        assert_eq!(got, want, "{set:?}");
    }
}

#[test]
fn missing_levels_are_assumed_from_the_symmetric_scale_and_shown() {
    // Nobody chose 全くそう思わない: still a five-point scale.
    let e = evidence(&[
        "とてもそう思う",
        "そう思う",
        "どちらともいえない",
        "そう思わない",
    ]);
    let (r, s) = infer("Q1", &e, None).unwrap();
    let s = s.unwrap();
    assert_eq!(s.points, 5);
    assert_eq!(r.labels[&label_key("そう思わない")], 2.0);
    assert_eq!(
        s.source,
        ScaleSource::Inferred {
            family: "そう思う／そう思わない".into(),
            assumed: vec![("まったくそう思わない".into(), 1.0)],
        }
    );
    assert_eq!(
        s.labels[0],
        ScaleLabel {
            label: "とてもそう思う".into(),
            score: 5.0,
            count: 2
        }
    );
    assert!(s.describe(crate::lang::Lang::Ja).contains("5 段階"));
    assert!(s
        .describe(crate::lang::Lang::En)
        .contains("assumed: まったくそう思わない=1"));
}

#[test]
fn uncertain_label_sets_are_refused() {
    assert!(matches!(
        problem(&["とてもそう思う", "たぶんそう思う", "そう思わない"]),
        ScaleProblem::Unknown(w) if w == ["たぶんそう思う"]
    ));
    assert!(matches!(
        problem(&["ややそう思う", "どちらかといえばそう思う", "そう思わない"]),
        ScaleProblem::SameLevel(..)
    ));
    assert!(matches!(
        problem(&["どちらでもない", "ふつう", "そう思う", "そう思わない"]),
        ScaleProblem::SameLevel(..)
    ));
    assert!(matches!(
        problem(&["そう思う", "満足", "そう思わない"]),
        ScaleProblem::TwoFamilies(..)
    ));
    assert!(matches!(
        problem(&["そう思う", "かなりそう思う", "そう思わない"]),
        ScaleProblem::SameLevel(..)
    ));
    // How many points? Only two labels, one on each side, of different strength.
    assert!(matches!(
        problem(&["とてもそう思う", "あまりそう思わない"]),
        ScaleProblem::Spacing(..)
    ));
    // Written scores that disagree.
    assert!(matches!(
        problem(&["5:そう思う", "5:どちらともいえない"]),
        ScaleProblem::SameLevel(..)
    ));
    assert!(matches!(
        problem(&["5:そう思う", "そう思わない"]),
        ScaleProblem::Written(..)
    ));
}

#[test]
fn written_scores_are_used() {
    let e = evidence(&[
        "5（とてもそう思う）",
        "4:そう思う",
        "3. どちらともいえない",
        "1:全くそう思わない",
    ]);
    let (r, s) = infer("Q1", &e, None).unwrap();
    assert_eq!(s.unwrap().source, ScaleSource::Written);
    assert_eq!(r.labels[&label_key("そう思う")], 4.0);
    assert_eq!(r.clean(&text("5（とてもそう思う）")).value, 5.0);
}

#[test]
fn labels_beside_numbers_take_the_numbers_scale() {
    // Numbers 1–5 and the two extremes as labels: 5 and 1.
    let mut e = evidence(&["とてもそう思う", "全くそう思わない"]);
    for x in [2.0, 3.0, 4.0, 5.0, 1.0] {
        e.add(&Value::Num(x));
    }
    let (r, s) = infer("Q1", &e, None).unwrap();
    assert_eq!(s.unwrap().points, 5);
    assert_eq!(r.labels[&label_key("とてもそう思う")], 5.0);
    assert_eq!(r.labels[&label_key("全くそう思わない")], 1.0);
    // A label set of five points with the number 9 beside it: the numbers are no scores.
    let mut e = evidence(&["とてもそう思う", "全くそう思わない"]);
    for x in [12.0, 30.0] {
        e.add(&Value::Num(x));
    }
    assert!(matches!(
        infer("Q1", &e, None),
        Err(ScaleProblem::NumbersDoNotFit { .. })
    ));
}

#[test]
fn the_scale_option_scores_every_label_or_refuses() {
    let opt = super::super::clean::Scale::parse("満足=4,やや満足=3,やや不満=2,不満=1").unwrap();
    let map = option_map(&opt);
    let (r, s) = infer("Q1", &evidence(&["満足", "やや不満"]), Some(&map)).unwrap();
    assert_eq!(s.unwrap().source, ScaleSource::Option);
    assert_eq!(r.labels[&label_key("やや不満")], 2.0);
    assert!(matches!(
        infer("Q1", &evidence(&["満足", "大変満足"]), Some(&map)),
        Err(ScaleProblem::NotInOption(w)) if w == ["大変満足"]
    ));
}

#[test]
fn units_of_a_whole_column_and_excel_percent_cells() {
    let mut e = Evidence::default();
    for t in ["80%", "75％", "100%"] {
        e.add(&text(t));
    }
    e.add(&Value::Num(0.9));
    let (r, s) = infer("達成率", &e, None).unwrap();
    assert!(s.is_none());
    assert_eq!(r.unit, Some(Unit::Percent));
    assert!(r.percent_cells);
    assert_eq!(r.clean(&text("80%")).value, 80.0);
    assert_eq!(r.clean(&Value::Num(0.9)).value, 90.0);
    let mut e = Evidence::default();
    for t in ["4点", "３ 点", "5点"] {
        e.add(&text(t));
    }
    e.add(&Value::Num(2.0));
    let (r, _) = infer("満足度", &e, None).unwrap();
    assert_eq!(r.unit, Some(Unit::Points));
    assert!(!r.percent_cells);
    assert_eq!(r.clean(&text("３ 点")).value, 3.0);
    assert_eq!(r.clean(&Value::Num(2.0)).value, 2.0);
    // Two units in one column: neither is read.
    let mut e = Evidence::default();
    for t in ["4点", "3人"] {
        e.add(&text(t));
    }
    let (r, _) = infer("Q", &e, None).unwrap();
    assert_eq!(r.unit, None);
    assert!(r.clean(&text("4点")).value.is_nan());
}

#[test]
fn stray_words_among_numbers_stay_text() {
    let mut e = evidence(&["休職中"]);
    for x in [1.0, 4.0, 5.0] {
        e.add(&Value::Num(x));
    }
    let (r, s) = infer("Q1", &e, None).unwrap();
    assert!(s.is_none());
    let c = r.clean(&text("休職中"));
    assert!(c.value.is_nan());
    assert_eq!(c.kind, Some(crate::workbook::NoteKind::Text));
    // Beside a known label, an unknown word is refused.
    e.add(&text("とてもそう思う"));
    assert!(matches!(
        infer("Q1", &e, None),
        Err(ScaleProblem::Unknown(_))
    ));
}
