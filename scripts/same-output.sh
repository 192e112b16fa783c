#!/usr/bin/env bash
# Runs one `ttest-xl` binary over the repository's example and test workbooks with a fixed set of
# options in both languages, and keeps everything a user gets: the result workbook, the JSON,
# stdout, stderr and the exit code. Run it with the binary before and after a change and compare
# the two directories: a refactoring must leave every file byte-identical.
#
#   scripts/same-output.sh run BINARY OUTDIR     # e.g. target/debug/ttest-xl /tmp/before
#   scripts/same-output.sh diff BEFORE AFTER     # exit 0 when identical; names what differs
#
# SOURCE_DATE_EPOCH fixes the workbooks' creation time, so equal input gives equal bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

run() {
    local bin out
    out=$2
    # Usage errors print the program's file name: run every binary under the same name.
    local tmpbin
    tmpbin=$(mktemp -d)
    cp "$1" "$tmpbin/ttest-xl"
    bin=$tmpbin/ttest-xl
    rm -rf "$out"
    mkdir -p "$out"
    export SOURCE_DATE_EPOCH=1767225600
    local -a cases=(
        "staff|examples/staff_survey.xlsx"
        "staff_by|examples/staff_survey.xlsx --by 所属 --adjust-family all"
        "staff_shares|examples/staff_survey.xlsx --top-box 1 --adjust bh --equivalence 0.3"
        "staff_welch|examples/staff_survey.xlsx --test welch --alternative greater --conf-level 0.9"
        "staff_rank|examples/staff_survey.xlsx --test wilcoxon"
        "staff_keep|examples/staff_survey.xlsx --keep-ids --positive 3,4,5"
        "compare|examples/staff_survey_compare.xlsx --compare 受講"
        "compare_anon|examples/staff_survey_compare_anon.xlsx --compare 受講"
        "xls|tests/data/staff_survey.xls"
        "ods|tests/data/staff_survey.ods"
        "hidden_xls|tests/data/hidden/hidden.xls"
        "wide_csv|tests/data/wide/values.csv"
        "long_blank|tests/data/compare/long_blank.csv"
        "level_changed|tests/data/compare/level_changed.xlsx --compare 受講"
        "unclear|tests/data/compare/unclear_levels.xlsx --compare 受講"
        "yearly|tests/data/waves/yearly_anonymous.xlsx"
        "yearly_consec|tests/data/waves/yearly_anonymous.xlsx --consecutive"
        "rounds|tests/data/waves/paired_rounds.xlsx --equivalence 0.5"
        "waves_long|tests/data/waves/long_format.xlsx --group 年度"
        "unordered|tests/data/waves/unordered.xlsx"
        "labels|tests/data/labels/five_ways.xlsx"
        "forms|tests/data/labels/forms_labels.xlsx"
        "uncertain|tests/data/labels/uncertain.xlsx"
        "budget|tests/data/labels/budget.xlsx"
        "consecutive|tests/data/messy/consecutive_ids.xlsx"
        "summary_rows|tests/data/messy/summary_rows.xlsx"
        "zeros|tests/data/messy/leading_zeros.xlsx"
        "few_pairs|tests/data/messy/few_pairs.xlsx"
        "months|tests/data/messy/months_long.xlsx"
        "anon|tests/data/messy/anonymous_yearly.xlsx"
        "groups2|tests/data/messy/two_group_columns.xlsx"
        "bad_option|examples/staff_survey.xlsx --top-box 5"
        "scale_bad|examples/staff_survey.xlsx --scale abc"
        "levels_waves|tests/data/messy/two_group_columns.xlsx --group 性別 --levels a,b,c"
        "wide_none|examples/staff_survey.xlsx --wide X_,Y_"
        "sheets_twice|tests/data/waves/yearly_anonymous.xlsx --sheets 令和5年度,令和5年度,令和6年度"
        "hostile_sst|tests/data/hostile/sst_unique_count.xlsx"
        "months_either|tests/data/messy/months_either_way.xlsx"
        "months_either_long|tests/data/messy/months_either_way_long.xlsx"
        "by_items_alpha|examples/staff_survey.xlsx --by 所属 --adjust-family items --alpha 0.005"
        "by_min40|examples/staff_survey.xlsx --by 所属 --min-group 40"
        "by_bonf|examples/staff_survey.xlsx --by 所属 --min-group 25 --adjust-family all --adjust bonferroni --alpha 0.1"
        "rounds_by|tests/data/waves/paired_rounds.xlsx --adjust by"
        "compare_nocol|examples/staff_survey_compare.xlsx --compare 存在しない列"
        "compare_waves|tests/data/waves/yearly_anonymous.xlsx --compare 受講"
        "baseline_two|examples/staff_survey.xlsx --baseline 事前"
        "baseline_unknown|tests/data/waves/yearly_anonymous.xlsx --baseline 無い"
        "baseline_latest|tests/data/waves/yearly_anonymous.xlsx --baseline 令和6年度"
        "by_waves|tests/data/waves/yearly_anonymous.xlsx --by 所属"
        "bad_alpha|examples/staff_survey.xlsx --alpha 2"
        "bad_sheets|examples/staff_survey.xlsx --sheets A"
        "min_group0|examples/staff_survey.xlsx --min-group 0"
        "header0|examples/staff_survey.xlsx --header-row 0"
        "x_baseline_mid|tests/data/waves/yearly_anonymous.xlsx --baseline 令和5年度"
        "x_equiv_none|examples/staff_survey.xlsx --equivalence 0.3 --adjust none --test student"
        "x_equiv_by|examples/staff_survey.xlsx --equivalence 0.2 --by 所属"
        "x_less|examples/staff_survey.xlsx --alternative less --adjust none"
        "x_student|examples/staff_survey.xlsx --test student --top-box 1"
        "x_groups|tests/data/messy/two_group_columns.xlsx --group 性別"
        "x_compare_share|examples/staff_survey_compare.xlsx --compare 受講 --positive 4,5"
        "x_yearly_share|tests/data/waves/yearly_anonymous.xlsx --top-box 1 --adjust bonferroni"
        "three_levels|tests/data/compare/three_levels.xlsx --compare 受講"
        "small_level|tests/data/compare/small_level.xlsx --compare 受講"
        "compare_named|examples/staff_survey_compare.xlsx --compare 受講=なし"
        "compare_wrong|examples/staff_survey_compare.xlsx --compare 受講=たぶん"
        "compare_bad_spec|examples/staff_survey_compare.xlsx --compare =あり"
        "compare_min|examples/staff_survey_compare.xlsx --compare 受講 --min-group 40"
        "positive_off|examples/staff_survey.xlsx --positive 9,10"
        "positive_all|examples/staff_survey.xlsx --positive 1,2,3,4,5"
        "positive_ok|examples/staff_survey.xlsx --positive 4,5 --test student"
        "both_share|examples/staff_survey.xlsx --top-box 2 --positive 4"
        "bad_topbox|examples/staff_survey.xlsx --top-box x"
        "bad_positive|examples/staff_survey.xlsx --positive x"
        "needs_pairs|tests/data/messy/anonymous_yearly.xlsx --test paired"
        "rank_equiv|examples/staff_survey.xlsx --test wilcoxon --equivalence 0.3"
        "bad_equiv|examples/staff_survey.xlsx --equivalence -1"
        "by_min|examples/staff_survey.xlsx --by 所属 --min-group 30"
        "mw|examples/staff_survey.xlsx --test mann-whitney"
        "bad_xml|tests/data/hostile/bad_xml.xlsx"
        "encrypted|tests/data/hostile/encrypted.xlsx"
        "missing|tests/data/does_not_exist.xlsx"
    )
    local wide
    for wide in tests/data/wide/*.xlsx; do
        cases+=("wide_$(basename "$wide" .xlsx)|$wide")
    done
    local case name args lang dir code
    for case in "${cases[@]}"; do
        name=${case%%|*}
        args=${case#*|}
        for lang in ja en; do
            dir="$out/$name.$lang"
            mkdir -p "$dir"
            # shellcheck disable=SC2086 # the options are words
            set +e
            "$bin" analyze $args --lang "$lang" -o "$dir/out.xlsx" --json "$dir/out.json" \
                >"$dir/stdout" 2>"$dir/stderr"
            code=$?
            set -e
            echo "$code" >"$dir/exit"
        done
    done
    local -a plans=(
        "plan_none|"
        "plan_d|--d 0.3"
        "plan_change|--change 0.2 --sd 0.9 --paired --response-rate 0.6"
        "plan_share|--share 62 --to 70 --json"
        "plan_staff|--staff 40 --paired"
        "plan_staff_share|--staff 120 --share 0.5"
        "plan_bad|--d 0.3 --share 50"
        "plan_frac|--share 150 --to 70"
        "plan_alpha|--d 0.3 --alpha 1"
        "plan_sd|--change 0.3 --sd=-1"
        "plan_nosd|--change 0.3"
        "plan_noshare|--to 70"
        "plan_same|--share 60 --to 60"
        "plan_zero|--d 0"
        "plan_pairedshare|--share 60 --to 70 --paired"
        "plan_staff0|--staff 0 --d 0.3"
        "plan_few|--staff 1"
        "plan_unreach|--d 0.2 --staff 60 --response-rate 50"
        "plan_fpc|--change 0.3 --sd 0.9 --staff 400 --response-rate 70"
        "plan_staff_sd|--staff 300 --response-rate 60 --paired --sd 0.8"
        "plan_stats|--d 1e-300"
        "plan_share_text|--share 62 --to 70 --staff 850 --response-rate 70"
        "plan_two|--d 0.3 --change 0.2 --sd 1"
    )
    for case in "${plans[@]}"; do
        name=${case%%|*}
        args=${case#*|}
        for lang in ja en; do
            dir="$out/$name.$lang"
            mkdir -p "$dir"
            set +e
            # shellcheck disable=SC2086 # the options are words
            "$bin" plan $args --lang "$lang" >"$dir/stdout" 2>"$dir/stderr"
            echo $? >"$dir/exit"
            set -e
        done
    done
    # The outputs name the directory they were written to; make them comparable across runs.
    find "$out" -type f \( -name stdout -o -name stderr -o -name out.json \) -print0 |
        xargs -0 sed -i "s#$(realpath "$out")#OUT#g"
    rm -rf "$tmpbin"
    echo "$(find "$out" -type f | wc -l) files in $out"
}

diff_dirs() {
    local before=$1 after=$2 status=0 f
    while IFS= read -r f; do
        if [ ! -e "$after/$f" ]; then
            echo "only before: $f"
            status=1
        elif ! cmp -s "$before/$f" "$after/$f"; then
            echo "differs: $f"
            status=1
            case $f in
            *.xlsx)
                local a b
                a=$(mktemp -d) b=$(mktemp -d)
                unzip -q -o "$before/$f" -d "$a" && unzip -q -o "$after/$f" -d "$b"
                diff -r "$a" "$b" | head -c 1500 || true
                echo
                rm -rf "$a" "$b"
                ;;
            *) diff "$before/$f" "$after/$f" | head -20 || true ;;
            esac
        fi
    done < <(cd "$before" && find . -type f | sort)
    while IFS= read -r f; do
        [ -e "$before/$f" ] || { echo "only after: $f"; status=1; }
    done < <(cd "$after" && find . -type f | sort)
    [ $status = 0 ] && echo "identical: $(cd "$before" && find . -type f | wc -l) files"
    return $status
}

case ${1:-} in
run) run "$2" "$3" ;;
diff) diff_dirs "$2" "$3" ;;
*) sed -n '2,10p' "$0"; exit 2 ;;
esac
