//! `ttest-xl plan`: how many respondents the next survey needs to detect a given change, or the
//! smallest change the staff you have can detect — for a mean (as Cohen's d, or in scale points
//! with an SD) or for a share of positive answers, paired (same staff, matched by ID) or
//! independent (anonymous surveys), at a level α and power, adjusted for the expected response
//! rate, and checked against the number of staff.
//!
//! **The finite-population correction is shown, not applied.** A survey of most of a city hall's
//! staff samples a finite population, and the correction `n/(1 + (n − 1)/N)` (Cochran 1977)
//! lowers the respondents needed — but only for an analysis that uses the same correction. The
//! analysis `ttest-xl analyze` runs (the t-tests and share tests of R) treats the respondents as a
//! sample of a larger process, so a plan with the correction would promise power that analysis
//! does not have. The headline figures are therefore the uncorrected ones; the corrected figure
//! is printed beside them, labelled, for readers who analyse with a finite-population method.
//!
//! The mathematics lives in the engine: [`crate::stats::power`] (R `pwr::pwr.t.test`) for means,
//! [`crate::stats::power_prop`] (R `power.prop.test`) for shares and the finite-population
//! correction. This module only validates the options, calls them and words the answer.

use std::process::ExitCode;

use clap::Args;

use crate::cli::{env_lang, LangArg, EXIT_ERROR, EXIT_OK};
use crate::lang::Lang;
use crate::stats::power::{self, Design, Query, Sizes, SolveFor};
use crate::stats::power_prop;
use crate::stats::{Alternative, StatsError};

/// Options of `ttest-xl plan`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    ttest-xl plan --change 0.3 --sd 0.9 --paired --staff 850 --response-rate 70\n  \
    ttest-xl plan --share 62 --to 70 --staff 850 --response-rate 70\n  \
    ttest-xl plan --staff 850 --response-rate 70 --sd 0.9          (smallest detectable change)")]
pub struct PlanArgs {
    /// Change in a mean to detect, in scale points (needs --sd).
    #[arg(long, allow_hyphen_values = true)]
    pub change: Option<f64>,
    /// Standard deviation of the answers (independent) or of the before/after differences
    /// (--paired), in scale points, e.g. from the last survey's result workbook.
    #[arg(long)]
    pub sd: Option<f64>,
    /// Change to detect as Cohen's d (instead of --change and --sd).
    #[arg(long, allow_hyphen_values = true)]
    pub d: Option<f64>,
    /// Share of positive answers now, in % (62) or as a fraction (0.62).
    #[arg(long)]
    pub share: Option<f64>,
    /// Share of positive answers to detect, in % or as a fraction (with --share).
    #[arg(long)]
    pub to: Option<f64>,
    /// The same staff answer both times and are matched by ID (paired t-test); otherwise two
    /// independent groups (anonymous surveys).
    #[arg(long)]
    pub paired: bool,
    /// Significance level.
    #[arg(long, default_value_t = 0.05)]
    pub alpha: f64,
    /// Power: the probability of detecting the change if it is real.
    #[arg(long, default_value_t = 0.8)]
    pub power: f64,
    /// Expected response rate, in % (70) or as a fraction (0.7): the staff to invite.
    #[arg(long)]
    pub response_rate: Option<f64>,
    /// Number of staff who can be surveyed (finite-population correction; with no target, the
    /// smallest detectable change with them).
    #[arg(long)]
    pub staff: Option<u64>,
    /// Print the answer as JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Language of the answer (default: from LANG).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// What the user asked to detect.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    /// A mean change as d; `points` when given as points with an SD.
    Mean { d: f64, points: Option<(f64, f64)> },
    /// A share moving from `from` to `to` (fractions).
    Share { from: f64, to: f64 },
    /// No target: the smallest detectable change for the staff given; `sd` and `share` let it
    /// be said in points and in shares too.
    Detectable { sd: Option<f64>, share: Option<f64> },
}

/// Why a plan cannot be made, in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanError {
    en: String,
    ja: String,
}

impl PlanError {
    fn new(en: impl Into<String>, ja: impl Into<String>) -> Self {
        PlanError {
            en: en.into(),
            ja: ja.into(),
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.ja)
    }
}

impl From<StatsError> for PlanError {
    fn from(e: StatsError) -> Self {
        PlanError::new(e.message(Lang::En), e.message(Lang::Ja))
    }
}

/// A share or rate given as % (> 1) or as a fraction.
fn fraction(value: f64, name: &str) -> Result<f64, PlanError> {
    let f = if value > 1.0 { value / 100.0 } else { value };
    if f.is_finite() && f > 0.0 && f < 1.0 {
        Ok(f)
    } else {
        Err(PlanError::new(
            format!("--{name} must lie strictly between 0 and 100 % (given: {value})"),
            format!("--{name} には 0 % より大きく 100 % より小さい値を指定してください（指定値: {value}）"),
        ))
    }
}

/// The validated question.
#[derive(Debug, Clone, PartialEq)]
struct Plan {
    target: Target,
    paired: bool,
    alpha: f64,
    power: f64,
    response_rate: Option<f64>,
    staff: Option<u64>,
}

impl Plan {
    fn from_args(a: &PlanArgs) -> Result<Plan, PlanError> {
        let given = [a.change.is_some(), a.d.is_some(), a.to.is_some()]
            .iter()
            .filter(|&&g| g)
            .count();
        if given > 1 {
            return Err(PlanError::new(
                "give one change to detect: --change with --sd, --d, or --share with --to",
                "検出したい変化は 1 つだけ指定してください（--change と --sd、--d、または --share と --to）",
            ));
        }
        for (value, name) in [(a.alpha, "alpha"), (a.power, "power")] {
            if !(value > 0.0 && value < 1.0) {
                return Err(PlanError::new(
                    format!("--{name} must lie strictly between 0 and 1 (given: {value})"),
                    format!("--{name} には 0 より大きく 1 より小さい値を指定してください（指定値: {value}）"),
                ));
            }
        }
        let sd = match a.sd {
            Some(s) if !(s.is_finite() && s > 0.0) => {
                return Err(PlanError::new(
                    format!("--sd must be a positive number (given: {s})"),
                    format!("--sd には正の数を指定してください（指定値: {s}）"),
                ))
            }
            other => other,
        };
        let share = a.share.map(|s| fraction(s, "share")).transpose()?;
        let target = if let Some(change) = a.change {
            let Some(sd) = sd else {
                return Err(PlanError::new(
                    "--change needs --sd (the standard deviation of the answers, or of the differences with --paired), or give the change as --d",
                    "--change には --sd（回答の標準偏差。--paired では前後の差の標準偏差）が必要です。または変化を --d で指定してください",
                ));
            };
            Target::Mean {
                d: change / sd,
                points: Some((change, sd)),
            }
        } else if let Some(d) = a.d {
            Target::Mean { d, points: None }
        } else if let Some(to) = a.to {
            let Some(from) = share else {
                return Err(PlanError::new(
                    "--to needs --share (the share of positive answers now)",
                    "--to には --share（現在の肯定的回答の割合）が必要です",
                ));
            };
            let to = fraction(to, "to")?;
            if to == from {
                return Err(PlanError::new(
                    "--share and --to are equal: there is no change to detect",
                    "--share と --to が同じ値です。検出する変化がありません",
                ));
            }
            Target::Share { from, to }
        } else {
            if a.staff.is_none() {
                return Err(PlanError::new(
                    "say what to detect (--change with --sd, --d, or --share with --to), or give --staff (and --response-rate) to get the smallest change those staff can detect",
                    "検出したい変化（--change と --sd、--d、または --share と --to）を指定するか、--staff（と --response-rate）を指定して、その人数で検出できる最小の変化を求めてください",
                ));
            }
            Target::Detectable { sd, share }
        };
        if let Target::Mean { d, .. } = target {
            if !(d.is_finite() && d != 0.0) {
                return Err(PlanError::new(
                    "the change to detect must be a non-zero number",
                    "検出したい変化には 0 以外の数を指定してください",
                ));
            }
        }
        if a.paired && matches!(target, Target::Share { .. }) {
            return Err(PlanError::new(
                "--paired with shares is not supported: the size needed for paired shares (McNemar) depends on how many staff change their answer, which this plan cannot know; plan without --paired (independent groups) or plan the mean with --change/--sd --paired",
                "--paired と割合の組み合わせには対応していません。対応のある割合（McNemar 検定）に必要な人数は、回答を変える職員の割合によって決まり、この計算では分からないためです。--paired を付けずに（独立した 2 群として）計算するか、平均について --change と --sd に --paired を付けて計算してください",
            ));
        }
        if let Some(0) = a.staff {
            return Err(PlanError::new(
                "--staff must be at least 1",
                "--staff には 1 以上を指定してください",
            ));
        }
        Ok(Plan {
            target,
            paired: a.paired,
            alpha: a.alpha,
            power: a.power,
            response_rate: a
                .response_rate
                .map(|r| fraction(r, "response-rate"))
                .transpose()?,
            staff: a.staff,
        })
    }

    fn design(&self) -> Design {
        if self.paired {
            Design::Paired
        } else {
            Design::TwoSample
        }
    }
}

/// The answer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
struct Answer {
    /// "sample_size" or "detectable".
    question: &'static str,
    design: &'static str,
    alpha: f64,
    power: f64,
    /// The target as d (means) — given or detectable.
    d: Option<f64>,
    /// The target in points (means), with the SD used.
    change_points: Option<f64>,
    sd: Option<f64>,
    /// Shares (fractions), given or detectable (upwards and downwards).
    share_from: Option<f64>,
    share_to: Option<f64>,
    share_to_lower: Option<f64>,
    /// Respondents per group (independent) or pairs (paired) for an unlimited population.
    respondents_unlimited: Option<f64>,
    /// Respondents per group (or pairs), rounded up: what the analysis needs (no correction).
    respondents: Option<u64>,
    /// With --staff: the same after the finite-population correction, for an analysis that uses
    /// it (ttest-xl's does not).
    respondents_with_fpc: Option<u64>,
    /// With --response-rate: staff to invite per survey, rounded up.
    invite: Option<u64>,
    staff: Option<u64>,
    response_rate: Option<f64>,
    /// False when the staff cannot give the respondents needed.
    reachable: bool,
}

fn solve(plan: &Plan) -> Result<Answer, PlanError> {
    let alt = Alternative::TwoSided;
    let mut answer = Answer {
        question: "sample_size",
        design: if plan.paired { "paired" } else { "independent" },
        alpha: plan.alpha,
        power: plan.power,
        d: None,
        change_points: None,
        sd: None,
        share_from: None,
        share_to: None,
        share_to_lower: None,
        respondents_unlimited: None,
        respondents: None,
        respondents_with_fpc: None,
        invite: None,
        staff: plan.staff,
        response_rate: plan.response_rate,
        reachable: true,
    };
    let n0 = match plan.target {
        Target::Mean { d, points } => {
            answer.d = Some(d);
            if let Some((change, sd)) = points {
                answer.change_points = Some(change);
                answer.sd = Some(sd);
            }
            Some(power::calculate(&Query {
                sizes: Sizes::Equal {
                    design: plan.design(),
                    n: f64::NAN,
                },
                alternative: alt,
                d,
                alpha: plan.alpha,
                power: plan.power,
                solve_for: SolveFor::N,
            })?)
        }
        Target::Share { from, to } => {
            answer.share_from = Some(from);
            answer.share_to = Some(to);
            Some(power_prop::solve_n(from, to, plan.alpha, plan.power, alt)?)
        }
        Target::Detectable { sd, share } => {
            answer.question = "detectable";
            let staff = plan.staff.expect("checked in from_args") as f64;
            // Per group (independent) or pairs (paired): every respondent answers each survey.
            let respondents = (staff * plan.response_rate.unwrap_or(1.0)).floor();
            answer.respondents = Some(respondents as u64);
            if respondents < 2.0 {
                return Err(PlanError::new(
                    "fewer than 2 respondents: no change can be detected",
                    "回答者が 2 人未満のため、変化を検出できません",
                ));
            }
            let n = respondents;
            let d = power::calculate(&Query {
                sizes: Sizes::Equal {
                    design: plan.design(),
                    n,
                },
                alternative: alt,
                d: f64::NAN,
                alpha: plan.alpha,
                power: plan.power,
                solve_for: SolveFor::D,
            })?;
            answer.d = Some(d);
            if let Some(sd) = sd {
                answer.sd = Some(sd);
                answer.change_points = Some(d * sd);
            }
            if let (Some(p1), false) = (share, plan.paired) {
                answer.share_from = Some(p1);
                answer.share_to =
                    power_prop::solve_p2(n, p1, plan.alpha, plan.power, alt, true).ok();
                answer.share_to_lower =
                    power_prop::solve_p2(n, p1, plan.alpha, plan.power, alt, false).ok();
            }
            None
        }
    };
    if let Some(n0) = n0 {
        answer.respondents_unlimited = Some(n0);
        let n = n0.ceil() as u64;
        answer.respondents = Some(n);
        answer.respondents_with_fpc = plan
            .staff
            .map(|staff| power_prop::finite_population(n0, staff as f64).ceil() as u64);
        if let Some(rate) = plan.response_rate {
            answer.invite = Some((n as f64 / rate).ceil() as u64);
        }
        if let Some(staff) = plan.staff {
            let invite = answer.invite.unwrap_or(n);
            answer.reachable = invite <= staff;
        }
    }
    Ok(answer)
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn text(a: &Answer, lang: Lang) -> String {
    let mut out = String::new();
    let unit = match (a.design, lang) {
        ("paired", Lang::En) => "pairs (the same staff, matched by ID, answering both times)",
        ("paired", Lang::Ja) => "組（同じ職員が 2 回とも回答し、ID で対応づけられる人数）",
        (_, Lang::En) => "respondents in each survey (independent groups)",
        (_, Lang::Ja) => "人（各回の回答者数。独立した 2 群）",
    };
    let what = |a: &Answer| -> String {
        match (a.share_from, a.share_to, a.change_points, a.sd, a.d, lang) {
            (Some(f), Some(t), _, _, _, Lang::En) if a.question == "sample_size" => format!(
                "a change in the share of positive answers from {} to {} ({:+.1} points)",
                pct(f),
                pct(t),
                100.0 * (t - f)
            ),
            (Some(f), Some(t), _, _, _, Lang::Ja) if a.question == "sample_size" => format!(
                "肯定的回答の割合の {} から {} への変化（{:+.1} ポイント）",
                pct(f),
                pct(t),
                100.0 * (t - f)
            ),
            (_, _, Some(c), Some(sd), Some(d), Lang::En) => {
                format!("a change of {c:.3} points in the mean (SD {sd}, d = {d:.3})")
            }
            (_, _, Some(c), Some(sd), Some(d), Lang::Ja) => {
                format!("平均の {c:.3} 点の変化（SD {sd}、d = {d:.3}）")
            }
            (_, _, _, _, Some(d), Lang::En) => format!("a change of d = {d:.3} in the mean"),
            (_, _, _, _, Some(d), Lang::Ja) => format!("平均の d = {d:.3} の変化"),
            _ => String::new(),
        }
    };
    let level = match lang {
        Lang::En => format!(
            "two-sided test at α = {}, power {:.0}%",
            a.alpha,
            100.0 * a.power
        ),
        Lang::Ja => format!("両側検定、α = {}、検出力 {:.0}%", a.alpha, 100.0 * a.power),
    };
    if a.question == "sample_size" {
        let n = a.respondents.unwrap_or(0);
        match lang {
            Lang::En => {
                out += &format!("To detect {} ({level}):\n", what(a));
                out += &format!("  {n} {unit}.\n");
                if let (Some(invite), Some(rate)) = (a.invite, a.response_rate) {
                    out += &format!(
                        "  Invite {invite} staff, expecting {} to answer.\n",
                        pct(rate)
                    );
                }
                if let (Some(fpc), Some(staff)) = (a.respondents_with_fpc, a.staff) {
                    out += &format!(
                        "  (With a finite-population correction for {staff} staff it would be \
                         {fpc}; ttest-xl's analysis does not use that correction, so plan with {n}.)\n"
                    );
                }
            }
            Lang::Ja => {
                out += &format!("{}を検出するには（{level}）:\n", what(a));
                out += &format!("  {n} {unit}が必要です。\n");
                if let (Some(invite), Some(rate)) = (a.invite, a.response_rate) {
                    out += &format!(
                        "  回答率 {} を見込むと、{invite} 人に依頼してください。\n",
                        pct(rate)
                    );
                }
                if let (Some(fpc), Some(staff)) = (a.respondents_with_fpc, a.staff) {
                    out += &format!(
                        "  （職員 {staff} 人の有限母集団修正をすると {fpc} 人ですが、ttest-xl の\
                         分析はこの修正を使わないため、{n} 人で計画してください。）\n"
                    );
                }
            }
        }
        if !a.reachable {
            out += lang.pick(
                "  This is more than the staff available: the change cannot be detected with this power. Run `ttest-xl plan --staff N --response-rate R` for the smallest change that can.\n",
                "  対象の職員数を超えるため、この検出力では検出できません。検出できる最小の変化は `ttest-xl plan --staff 人数 --response-rate 回答率` で確認できます。\n",
            );
        }
    } else {
        let n = a.respondents.unwrap_or(0);
        match lang {
            Lang::En => {
                out += &format!(
                    "With {n} {unit} out of {} staff ({level}), the smallest detectable change is:\n",
                    a.staff.unwrap_or(0)
                );
                out += &format!("  d = {:.3}", a.d.unwrap_or(f64::NAN));
                if let (Some(c), Some(sd)) = (a.change_points, a.sd) {
                    out += &format!(" = {c:.3} points with SD {sd}");
                }
                out += "\n";
                if let Some(f) = a.share_from {
                    let up = a.share_to.map(pct).unwrap_or_else(|| "—".into());
                    let down = a.share_to_lower.map(pct).unwrap_or_else(|| "—".into());
                    out += &format!("  a share of positive answers moving from {} to {up} (or down to {down})\n", pct(f));
                }
            }
            Lang::Ja => {
                out += &format!(
                    "職員 {} 人のうち {n} {unit}の場合（{level}）、検出できる最小の変化は:\n",
                    a.staff.unwrap_or(0)
                );
                out += &format!("  d = {:.3}", a.d.unwrap_or(f64::NAN));
                if let (Some(c), Some(sd)) = (a.change_points, a.sd) {
                    out += &format!("（SD {sd} なら {c:.3} 点）");
                }
                out += "\n";
                if let Some(f) = a.share_from {
                    let up = a.share_to.map(pct).unwrap_or_else(|| "—".into());
                    let down = a.share_to_lower.map(pct).unwrap_or_else(|| "—".into());
                    out += &format!(
                        "  肯定的回答の割合なら {} から {up} への上昇（または {down} への低下）\n",
                        pct(f)
                    );
                }
            }
        }
    }
    out += lang.pick(
        "Method: t-test power as R pwr::pwr.t.test; shares as R power.prop.test (normal approximation, independent groups).\n",
        "方法: t 検定の検出力は R の pwr::pwr.t.test、割合は R の power.prop.test（正規近似、独立した 2 群）と同じ計算。\n",
    );
    out
}

/// `ttest-xl plan`: prints the answer; exit 0, or 2 with a message on bad options.
pub fn main_with(args: PlanArgs) -> ExitCode {
    let lang = match args.lang {
        Some(LangArg::Ja) => Lang::Ja,
        Some(LangArg::En) => Lang::En,
        None => env_lang(),
    };
    match Plan::from_args(&args).and_then(|p| solve(&p)) {
        Ok(answer) => {
            if args.json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&answer).expect("the answer serialises")
                );
            } else {
                print!("{}", text(&answer, lang));
            }
            ExitCode::from(EXIT_OK)
        }
        Err(e) => {
            eprintln!(
                "{}: ttest-xl plan: {}",
                lang.pick("error", "エラー"),
                e.message(lang)
            );
            ExitCode::from(EXIT_ERROR)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use clap::Parser;

    fn plan(args: &[&str]) -> Result<Answer, PlanError> {
        let mut v = vec!["ttest-xl", "plan"];
        v.extend_from_slice(args);
        let Command::Plan(a) = Cli::try_parse_from(v).unwrap().command else {
            panic!("not plan")
        };
        Plan::from_args(&a).and_then(|p| solve(&p))
    }

    #[test]
    fn refusals_say_what_to_add() {
        let e = plan(&["--change", "0.3"]).unwrap_err();
        assert!(e.message(Lang::En).contains("--sd"), "{e:?}");
        assert!(plan(&[]).unwrap_err().message(Lang::Ja).contains("--staff"));
        assert!(plan(&["--share", "62", "--to", "70", "--paired"]).is_err());
        assert!(plan(&["--share", "62", "--to", "62"]).is_err());
        assert!(plan(&["--d", "0.3", "--change", "0.2", "--sd", "1"]).is_err());
        assert!(plan(&["--share", "0", "--to", "0.5"]).is_err());
        assert!(plan(&["--d", "0.3", "--power", "1"]).is_err());
        assert!(plan(&["--d", "0"]).is_err());
        // Paired shares are refused in the reverse question too (no share line).
        let a = plan(&["--staff", "300", "--share", "60", "--paired"]).unwrap();
        assert_eq!(a.share_to, None);
    }

    #[test]
    fn response_rate_applies_and_the_correction_is_only_shown() {
        let free = plan(&["--d", "0.3"]).unwrap();
        let n0 = free.respondents_unlimited.unwrap();
        assert_eq!(free.respondents, Some(n0.ceil() as u64));
        let a = plan(&["--d", "0.3", "--staff", "400", "--response-rate", "70"]).unwrap();
        let fpc = (n0 / (1.0 + (n0 - 1.0) / 400.0)).ceil();
        assert_eq!(a.respondents_with_fpc, Some(fpc as u64));
        // The headline is what the analysis needs: no correction.
        assert_eq!(a.respondents, Some(n0.ceil() as u64));
        assert_eq!(a.invite, Some((n0.ceil() / 0.7).ceil() as u64));
        assert!(a.reachable);
        let small = plan(&["--d", "0.2", "--staff", "60", "--response-rate", "0.5"]).unwrap();
        assert!(!small.reachable);
    }

    #[test]
    fn detectable_change_inverts_the_sample_size() {
        // Whatever n the detectable d gives back, solving for n at that d returns it.
        let a = plan(&[
            "--staff",
            "300",
            "--response-rate",
            "60",
            "--paired",
            "--sd",
            "0.8",
        ])
        .unwrap();
        let d = a.d.unwrap();
        let n = 180.0;
        let back = power::calculate(&Query {
            sizes: Sizes::Equal {
                design: Design::Paired,
                n: f64::NAN,
            },
            alternative: Alternative::TwoSided,
            d,
            alpha: 0.05,
            power: 0.8,
            solve_for: SolveFor::N,
        })
        .unwrap();
        assert!((back / n - 1.0).abs() < 1e-9, "{back} vs {n}");
        assert!((a.change_points.unwrap() - 0.8 * d).abs() < 1e-15);
        assert!(text(&a, Lang::Ja).contains("検出できる最小の変化"));
    }
}
