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
        plan: Default::default(),
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
    // Groups of four: reported only with the anonymity guard lowered.
    let options = AnalysisOptions {
        min_group: 4,
        ..AnalysisOptions::default()
    };
    let a = analyze(&s, &options).unwrap();
    assert!(a.withheld.is_empty());
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
    let e = analyze(&s, &AnalysisOptions::default()).unwrap_err();
    assert!(matches!(
        e,
        AnalysisError::Shape(ShapeProblem::ValueRows {
            second: true,
            rows: 3
        })
    ));
    assert_eq!(
        e.to_string(),
        "survey data are inconsistent: second: value columns differ from 3 rows"
    );
    // The detail is Japanese too (it was English inside the Japanese message).
    assert_eq!(
        e.message(Lang::Ja),
        "調査データの形が一致しません: 2 つ目の条件: 値の列の長さが 3 行と異なります"
    );
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
        if let (Some(e), Some(g)) = (&mut expected.share, &got.share) {
            e.p_adjusted = g.p_adjusted;
        }
        assert_eq!(got, &expected, "item {j}");
    }
    let p: Vec<f64> = whole.blocks[0].items.iter().map(|i| i.p_value).collect();
    let adjusted = p_adjust::p_adjust(&p, options.adjust).unwrap();
    let got: Vec<f64> = whole.blocks[0].items.iter().map(|i| i.p_adjusted).collect();
    assert_eq!(got, adjusted);
}

/// The anonymity guard: groups of fewer than --min-group respondents (default 5) get no block of
/// their own, are listed with their size and a warning, and still count in the whole sample.
#[test]
fn small_breakdown_groups_are_withheld_but_counted_in_the_whole() {
    let s = paired_survey();
    let a = analyze(&s, &AnalysisOptions::default()).unwrap();
    assert_eq!(a.blocks.len(), 1, "only the whole sample is reported");
    assert_eq!(
        a.withheld,
        vec![
            Withheld {
                by: "総務".into(),
                n: 4
            },
            Withheld {
                by: "税務".into(),
                n: 4
            }
        ]
    );
    assert!(a.is_withheld("総務") && !a.is_withheld("企画"));
    // Everyone is still in the whole-sample block: Q1 has 6 complete pairs of 8 rows.
    assert_eq!(a.blocks[0].rows_first, 0..8);
    assert_eq!(a.blocks[0].items[0].n_1, 6);
    assert!(a.warnings.iter().any(|w| w
        .ja
        .contains("[総務] 回答者が 4 人で --min-group の 5 人未満")));
    // Exactly at the threshold a group is reported.
    let at = analyze(
        &s,
        &AnalysisOptions {
            min_group: 4,
            ..AnalysisOptions::default()
        },
    )
    .unwrap();
    assert_eq!(at.blocks.len(), 3);
    // Independent groups: the smaller condition decides.
    let first = group(
        vec![vec![1.0, 2.0, 3.0, 4.0, 5.0, 1.0, 2.0]],
        None,
        Some(vec!["A", "A", "A", "A", "A", "B", "B"]),
    );
    let second = group(
        vec![vec![2.0, 3.0, 4.0, 5.0, 5.0, 2.0, 3.0, 4.0, 5.0, 1.0, 2.0]],
        None,
        Some(vec!["A", "A", "A", "A", "A", "B", "B", "B", "B", "B", "B"]),
    );
    let s = survey(first, second, false, true);
    let a = analyze(&s, &AnalysisOptions::default()).unwrap();
    assert_eq!(a.blocks.len(), 2);
    assert_eq!(a.blocks[1].by.as_deref(), Some("A"));
    assert_eq!(
        a.withheld,
        vec![Withheld {
            by: "B".into(),
            n: 8
        }]
    );
}

/// --adjust-family all adjusts every group × item p-value as one family (the engine's p_adjust
/// is checked against R's p.adjust in tests/engine_p_adjust.rs); the whole sample keeps its own.
#[test]
fn adjust_family_all_pools_groups_and_items() {
    let s = paired_survey();
    let items = AnalysisOptions {
        min_group: 1,
        ..AnalysisOptions::default()
    };
    let all = AnalysisOptions {
        adjust_family: AdjustFamily::All,
        ..items
    };
    let a = analyze(&s, &items).unwrap();
    let b = analyze(&s, &all).unwrap();
    assert_eq!(a.blocks[0], b.blocks[0]);
    let raw: Vec<f64> = a.blocks[1..]
        .iter()
        .flat_map(|bl| bl.items.iter().map(|i| i.p_value))
        .collect();
    assert_eq!(raw.len(), 4);
    let pooled = p_adjust::p_adjust(&raw, AdjustMethod::Holm).unwrap();
    let got: Vec<f64> = b.blocks[1..]
        .iter()
        .flat_map(|bl| bl.items.iter().map(|i| i.p_adjusted))
        .collect();
    assert_eq!(got, pooled);
    // Per group, each family has two p-values: at least as small as the pooled ones.
    let per_group: Vec<f64> = a.blocks[1..]
        .iter()
        .flat_map(|bl| bl.items.iter().map(|i| i.p_adjusted))
        .collect();
    assert_ne!(per_group, got);
    for (g, p) in per_group.iter().zip(&got) {
        assert!(g <= p, "{g} > {p}");
    }
}

/// On a terminal, warnings that repeat per item are one line per kind with a count and the
/// first items; a kind seen once keeps its full message.
#[test]
fn repeated_warnings_are_grouped_by_kind() {
    let s = paired_survey();
    let a = analyze(
        &s,
        &AnalysisOptions {
            min_group: 1,
            ..AnalysisOptions::default()
        },
    )
    .unwrap();
    let small = a
        .warnings
        .iter()
        .filter(|w| matches!(&w.kind, Some((en, _)) if en.starts_with("small sample")))
        .count();
    assert_eq!(small, 6, "2 items × (whole + 2 groups)");
    let lines = grouped_warnings(&a.warnings, Lang::Ja);
    assert_eq!(
        lines[0],
        "エラー値（欠測扱い。数式を要確認）: 1 件（事前!B3。データ確認シートを参照）"
    );
    assert!(
        lines.contains(&"回答数が少ない（n < 20。検出力が低いため順位検定もあわせて確認）設問: 6 件（Q1、Q2、[総務] Q1、…）".to_string()),
        "{lines:#?}"
    );
    assert!(lines.len() < a.warnings.len());
    let en = grouped_warnings(&a.warnings, Lang::En);
    assert!(
        en.contains(&"small sample (n < 20): little power; read the rank test beside it: 6 items (Q1, Q2, [総務] Q1, …)".to_string()),
        "{en:#?}"
    );
}

/// Equivalence p-values are adjusted over the same family as the difference p-values: the items
/// of each block, or every group × item with --adjust-family all (p_adjust is checked against R
/// in tests/engine_p_adjust.rs; the TOST values against statsmodels in tests/cli_equivalence.rs).
#[test]
fn equivalence_p_values_share_the_family_of_the_difference_p_values() {
    let s = paired_survey();
    let eq = |family| AnalysisOptions {
        min_group: 1,
        adjust_family: family,
        equivalence: Some(1.0),
        ..AnalysisOptions::default()
    };
    for family in [AdjustFamily::Items, AdjustFamily::All] {
        let a = analyze(&s, &eq(family)).unwrap();
        let families: Vec<Vec<&ItemResult>> = match family {
            AdjustFamily::Items => a.blocks.iter().map(|b| b.items.iter().collect()).collect(),
            AdjustFamily::All => vec![
                a.blocks[0].items.iter().collect(),
                a.blocks[1..].iter().flat_map(|b| b.items.iter()).collect(),
            ],
            AdjustFamily::Waves => unreachable!("waves are tested in tests/cli_waves.rs"),
        };
        for f in families {
            let e: Vec<Equivalence> = f.iter().map(|i| i.equivalence.unwrap()).collect();
            let raw: Vec<f64> = e.iter().map(|e| e.p_value).collect();
            let want = p_adjust::p_adjust(&raw, AdjustMethod::Holm).unwrap();
            let got: Vec<f64> = e.iter().map(|e| e.p_adjusted).collect();
            assert_eq!(got, want, "{family:?}");
            for (e, item) in e.iter().zip(&f) {
                assert_eq!(e.bound, 1.0);
                assert!((e.conf_level - 0.9).abs() < 1e-15);
                // The 90% interval is centred on the item's mean difference.
                let mid = (e.conf_low + e.conf_high) / 2.0;
                assert!((mid - item.mean_diff).abs() < 1e-12);
                assert!(item.bf10.is_some_and(|b| b > 0.0));
            }
        }
    }
    // Without the option, no equivalence; with a rank test, neither equivalence nor BF.
    let a = analyze(&s, &AnalysisOptions::default()).unwrap();
    assert!(a.blocks[0].items.iter().all(|i| i.equivalence.is_none()));
    let r = analyze(
        &s,
        &AnalysisOptions {
            test: TestChoice::Wilcoxon,
            equivalence: Some(1.0),
            ..AnalysisOptions::default()
        },
    )
    .unwrap();
    assert!(r.blocks[0]
        .items
        .iter()
        .all(|i| i.equivalence.is_none() && i.bf10.is_none()));
    assert!(r.warnings.iter().any(|w| w.en.contains("--equivalence")));
}

/// Shares: a two-point item (answers 1/2 only) takes its top point as positive by default; an
/// explicit --top-box 2 on it is refused; items of numbers share the highest answer as their top.
#[test]
fn shares_on_a_two_point_scale_take_the_top_point() {
    let first = group(
        vec![vec![1.0, 2.0, 2.0, 1.0, NAN], vec![1.0, 1.0, 2.0, 2.0, 2.0]],
        Some(vec!["a", "b", "c", "d", "e"]),
        None,
    );
    let second = group(
        vec![vec![2.0, 2.0, 2.0, 1.0, 2.0], vec![2.0, 1.0, 2.0, 2.0, 1.0]],
        Some(vec!["a", "b", "c", "d", "e"]),
        None,
    );
    let s = survey(first, second, true, false);
    let a = analyze(&s, &AnalysisOptions::default()).unwrap();
    assert_eq!(a.shares.items[0].positive, vec![2.0]);
    let share = a.blocks[0].items[0].share.unwrap();
    // Complete pairs a..d: first 1,2,2,1 → 2 of 4 positive; second 2,2,2,1 → 3 of 4.
    assert_eq!((share.positive_1, share.n_1, share.positive_2), (2, 4, 3));
    assert_eq!(share.discordant, Some((0, 1)));
    let options = AnalysisOptions {
        shares: shares::ShareOptions {
            rule: shares::ShareRule::TopBox { k: 2, given: true },
            scale_range: None,
        },
        ..AnalysisOptions::default()
    };
    assert!(matches!(
        analyze(&s, &options),
        Err(AnalysisError::Shares(shares::ShareError::TopBoxTooLarge {
            k: 2,
            ..
        }))
    ));
}
