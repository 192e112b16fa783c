//! Unit tests of the planning logic on hand-built surveys. The numbers themselves are compared to R
//! in `tests/cli_analyze.rs`; here we check design, orientation, blocks and exclusions.

use super::*;
use crate::workbook::{Group, Layout, Note};
use std::path::PathBuf;

fn group(values: Vec<Vec<f64>>, ids: Option<Vec<&str>>, by: Option<Vec<&str>>) -> Group {
    let n = values[0].len();
    Group {
        ids: match ids {
            Some(v) => v.into_iter().map(|s| Some(s.to_string())).collect(),
            None => vec![None; n],
        },
        by: by
            .map(|v| v.into_iter().map(|s| Some(s.to_string())).collect())
            .unwrap_or_default(),
        sheet: "S".to_string(),
        columns: (2..).take(values.len()).collect(),
        rows: (2..).take(n).collect(),
        values,
    }
}

fn survey(first: Group, second: Group, paired: bool, by: bool) -> Survey {
    Survey {
        path: PathBuf::from("test.xlsx"),
        layout: Layout::TwoSheets {
            first: "事前".into(),
            second: "事後".into(),
        },
        labels: ["事前".into(), "事後".into()],
        paired,
        id_column: paired.then(|| "ID".to_string()),
        by_column: by.then(|| "所属".to_string()),
        items: (0..first.values.len())
            .map(|i| format!("Q{}", i + 1))
            .collect(),
        first,
        second,
        notes: vec![Note {
            sheet: "事前".into(),
            cell: "B3".into(),
            item: Some("Q1".into()),
            kind: NoteKind::ErrorCell,
            original: "#N/A".into(),
            value: None,
        }],
        header_row: 1,
        scales: Vec::new(),
    }
}

const NAN: f64 = f64::NAN;

fn paired_survey() -> Survey {
    let first = group(
        vec![
            vec![3.0, 2.0, 4.0, 3.0, 2.0, 5.0, NAN, 3.0],
            vec![1.0, 1.0, NAN, 2.0, 1.0, 2.0, 2.0, 1.0],
        ],
        Some(vec!["a", "b", "c", "d", "e", "f", "g", "h"]),
        Some(vec![
            "総務", "税務", "総務", "税務", "総務", "税務", "総務", "税務",
        ]),
    );
    let second = group(
        vec![
            vec![4.0, 3.0, 4.0, 5.0, 3.0, 5.0, 4.0, NAN],
            vec![2.0, 1.0, 3.0, 2.0, 2.0, 4.0, 2.0, 3.0],
        ],
        Some(vec!["a", "b", "c", "d", "e", "f", "g", "h"]),
        Some(vec![
            "総務", "税務", "総務", "税務", "総務", "税務", "総務", "税務",
        ]),
    );
    survey(first, second, true, true)
}

#[test]
fn paired_design_is_chosen_and_oriented_after_minus_before() {
    let s = paired_survey();
    let a = analyze(&s, &AnalysisOptions::default()).unwrap();
    assert_eq!(a.design, DesignKind::Paired);
    assert_eq!(a.test, TestUsed::Paired);
    // Overall block then 総務, 税務 in order of appearance.
    assert_eq!(a.blocks.len(), 3);
    assert_eq!(a.blocks[0].by, None);
    assert_eq!(a.blocks[1].by.as_deref(), Some("総務"));
    assert_eq!(a.blocks[2].by.as_deref(), Some("税務"));
    let q1 = &a.blocks[0].items[0];
    // Complete pairs: rows 0..=5 (row 6 lacks before, row 7 lacks after).
    assert_eq!((q1.n_1, q1.n_2), (6, 6));
    // mean(after) − mean(before) over complete pairs: (24 − 19) / 6, positive = after higher.
    assert!((q1.mean_diff - 5.0 / 6.0).abs() < 1e-12, "{}", q1.mean_diff);
    assert!(q1.statistic > 0.0);
    assert!(q1.d.unwrap().estimate > 0.0);
    assert!(q1.d_av.is_some());
    assert_eq!(q1.rank.unwrap().kind, RankTestKind::SignedRank);
    // Blocks are contiguous ranges of the sorted row order.
    let b = &a.blocks[1];
    assert_eq!(b.rows_first, 0..4);
    assert_eq!(
        b.rows_first
            .clone()
            .map(|i| a.order_first[i])
            .collect::<Vec<_>>(),
        vec![0, 2, 4, 6]
    );
    // The reader's error-cell note becomes a warning; the small-n note too.
    assert!(a.warnings.iter().any(|w| w.en.contains("error value")));
    assert!(q1
        .notes
        .iter()
        .any(|n| matches!(n, AssumptionNote::SmallN { n: 6 })));
}

#[test]
fn too_small_groups_are_reported_not_errors() {
    let first = group(
        vec![vec![1.0, 2.0, 3.0, NAN], vec![1.0, NAN, NAN, NAN]],
        None,
        None,
    );
    let second = group(vec![vec![2.0, 3.0, 5.0], vec![NAN, NAN, 4.0]], None, None);
    let s = survey(first, second, false, false);
    let a = analyze(&s, &AnalysisOptions::default()).unwrap();
    assert_eq!(a.design, DesignKind::Independent);
    assert_eq!(a.test, TestUsed::Welch);
    let q2 = &a.blocks[0].items[1];
    assert_eq!(q2.excluded, Some(Exclusion::TooFew { n_1: 1, n_2: 1 }));
    assert!(q2.p_adjusted.is_nan());
    let q1 = &a.blocks[0].items[0];
    assert!(q1.excluded.is_none());
    // With one valid p-value Holm leaves it unchanged.
    assert_eq!(q1.p_adjusted, q1.p_value);
    assert!(a.warnings.iter().any(|w| w.item.as_deref() == Some("Q2")));
}

#[test]
fn paired_tests_need_pairs() {
    let first = group(vec![vec![1.0, 2.0, 3.0]], None, None);
    let second = group(vec![vec![2.0, 3.0, 5.0]], None, None);
    let s = survey(first, second, false, false);
    for test in [TestChoice::Paired, TestChoice::Wilcoxon] {
        let e = analyze(
            &s,
            &AnalysisOptions {
                test,
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(matches!(e, AnalysisError::NeedsPairs { .. }));
        assert!(e.message(Lang::Ja).contains("--id"));
    }
}

#[test]
fn shape_errors_are_typed() {
    let first = group(vec![vec![1.0, 2.0, 3.0]], None, None);
    let mut second = group(vec![vec![2.0, 3.0, 5.0]], None, None);
    second.values[0].pop();
    let s = survey(first, second, false, false);
    assert!(matches!(
        analyze(&s, &AnalysisOptions::default()),
        Err(AnalysisError::Shape(_))
    ));
}

#[test]
fn skewness_matches_the_moment_formula() {
    // R: x <- c(1, 1, 1, 1, 10); m <- mean(x); mean((x-m)^3) / mean((x-m)^2)^1.5  # 1.5
    let s = skewness(&[1.0, 1.0, 1.0, 1.0, 10.0]).unwrap();
    assert!((s - 1.5).abs() < 1e-12, "{s}");
    assert_eq!(skewness(&[1.0, 2.0]), None);
    assert_eq!(skewness(&[2.0, 2.0, 2.0]), None);
}

#[test]
fn a_large_block_on_several_threads_equals_item_by_item() {
    // 2 × 2,600 rows × 40 items = 208,000 values: above PARALLEL_VALUES, so the items of the
    // overall block are split over threads; each item alone is analysed on one.
    let (n, k) = (2_600usize, 40usize);
    assert!(2 * n * k >= PARALLEL_VALUES && 2 * n < PARALLEL_VALUES);
    let mut state = 7u64;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        ((state >> 33) % 5 + 1) as f64
    };
    let mut values = |shift: usize| -> Vec<Vec<f64>> {
        (0..k)
            .map(|j| {
                (0..n)
                    .map(|r| {
                        if (r + j) % 97 == 0 {
                            NAN
                        } else {
                            (next() + ((j + shift) % 3 == 0) as u8 as f64).min(5.0)
                        }
                    })
                    .collect()
            })
            .collect()
    };
    let ids: Vec<String> = (0..n).map(|i| format!("id{i}")).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let (v1, v2) = (values(0), values(1));
    let s = survey(
        group(v1.clone(), Some(ids.clone()), None),
        group(v2.clone(), Some(ids.clone()), None),
        true,
        false,
    );
    let options = AnalysisOptions::default();
    let whole = analyze(&s, &options).unwrap();
    assert_eq!(whole.blocks[0].items.len(), k);
    for j in 0..k {
        let mut one = survey(
            group(vec![v1[j].clone()], Some(ids.clone()), None),
            group(vec![v2[j].clone()], Some(ids.clone()), None),
            true,
            false,
        );
        one.items = vec![s.items[j].clone()];
        let alone = analyze(&one, &options).unwrap();
        let mut expected = alone.blocks[0].items[0].clone();
        let got = &whole.blocks[0].items[j];
        expected.index = j;
        expected.p_adjusted = got.p_adjusted;
        assert_eq!(got, &expected, "item {j}");
    }
    let p: Vec<f64> = whole.blocks[0].items.iter().map(|i| i.p_value).collect();
    let adjusted = p_adjust::p_adjust(&p, options.adjust).unwrap();
    let got: Vec<f64> = whole.blocks[0].items.iter().map(|i| i.p_adjusted).collect();
    assert_eq!(got, adjusted);
}
