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

use crate::cli::{chosen_lang, LangArg, EXIT_ERROR, EXIT_OK};
use crate::lang::Lang;
use crate::stats::power::{self, Design, Query, Sizes, SolveFor};
use crate::stats::power_prop;
use crate::stats::{Alternative, StatsError};
use crate::words::plan::{PlanLine, PlanRefusal, Unit};

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

/// Why a plan cannot be made: an option refused, or the engine finding no answer.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanError {
    /// The options do not make a question.
    Refused(PlanRefusal),
    /// The power calculation failed.
    Stats(StatsError),
}

impl PlanError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PlanError::Refused(r) => r.text(lang),
            PlanError::Stats(e) => e.message(lang),
        }
    }
}

impl From<PlanRefusal> for PlanError {
    fn from(r: PlanRefusal) -> Self {
        PlanError::Refused(r)
    }
}

impl From<StatsError> for PlanError {
    fn from(e: StatsError) -> Self {
        PlanError::Stats(e)
    }
}

/// A share or rate given as % (> 1) or as a fraction.
fn fraction(value: f64, name: &'static str) -> Result<f64, PlanError> {
    let f = if value > 1.0 { value / 100.0 } else { value };
    if f.is_finite() && f > 0.0 && f < 1.0 {
        Ok(f)
    } else {
        Err(PlanRefusal::NotAShare { name, value }.into())
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
            return Err(PlanRefusal::TwoTargets {}.into());
        }
        for (value, name) in [(a.alpha, "alpha"), (a.power, "power")] {
            if !(value > 0.0 && value < 1.0) {
                return Err(PlanRefusal::NotAProbability { name, value }.into());
            }
        }
        let sd = match a.sd {
            Some(sd) if !(sd.is_finite() && sd > 0.0) => {
                return Err(PlanRefusal::BadSd { sd }.into())
            }
            other => other,
        };
        let share = a.share.map(|s| fraction(s, "share")).transpose()?;
        let target = if let Some(change) = a.change {
            let Some(sd) = sd else {
                return Err(PlanRefusal::ChangeNeedsSd {}.into());
            };
            Target::Mean {
                d: change / sd,
                points: Some((change, sd)),
            }
        } else if let Some(d) = a.d {
            Target::Mean { d, points: None }
        } else if let Some(to) = a.to {
            let Some(from) = share else {
                return Err(PlanRefusal::ToNeedsShare {}.into());
            };
            let to = fraction(to, "to")?;
            if to == from {
                return Err(PlanRefusal::SameShares {}.into());
            }
            Target::Share { from, to }
        } else {
            if a.staff.is_none() {
                return Err(PlanRefusal::NoTarget {}.into());
            }
            Target::Detectable { sd, share }
        };
        if let Target::Mean { d, .. } = target {
            if !(d.is_finite() && d != 0.0) {
                return Err(PlanRefusal::ZeroChange {}.into());
            }
        }
        if a.paired && matches!(target, Target::Share { .. }) {
            return Err(PlanRefusal::PairedShares {}.into());
        }
        if let Some(0) = a.staff {
            return Err(PlanRefusal::NoStaff {}.into());
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
                return Err(PlanRefusal::TooFewRespondents {}.into());
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

/// R's functions whose calculations `ttest-xl plan` repeats, named on its Method line.
const R_T_POWER: &str = "pwr::pwr.t.test";
const R_SHARE_POWER: &str = "power.prop.test";

/// The answer as text: the question, the numbers, and how they were computed.
fn text(a: &Answer, lang: Lang) -> String {
    let unit = if a.design == "paired" {
        Unit::Pairs
    } else {
        Unit::Respondents
    }
    .get(lang);
    let level = PlanLine::Level {
        alpha: a.alpha,
        power: 100.0 * a.power,
    }
    .text(lang);
    let mut out = if a.question == "sample_size" {
        sample_size_text(a, unit, &level, lang)
    } else {
        detectable_text(a, unit, &level, lang)
    };
    out += &PlanLine::Method {
        t_power: R_T_POWER,
        share_power: R_SHARE_POWER,
    }
    .text(lang);
    out
}

/// The change a sample-size answer is for.
fn what(a: &Answer, lang: Lang) -> String {
    match (a.share_from, a.share_to, a.change_points, a.sd, a.d) {
        (Some(f), Some(t), _, _, _) if a.question == "sample_size" => PlanLine::ShareChange {
            from: &pct(f),
            to: &pct(t),
            points: 100.0 * (t - f),
        }
        .text(lang),
        (_, _, Some(change), Some(sd), Some(d)) => {
            PlanLine::MeanPoints { change, sd, d }.text(lang)
        }
        (_, _, _, _, Some(d)) => PlanLine::MeanD { d }.text(lang),
        _ => String::new(),
    }
}

/// Respondents needed, the staff to invite, the corrected figure, and whether the staff suffice.
fn sample_size_text(a: &Answer, unit: &str, level: &str, lang: Lang) -> String {
    let n = a.respondents.unwrap_or(0);
    let mut out = PlanLine::ToDetect {
        what: &what(a, lang),
        level,
    }
    .text(lang);
    out += &PlanLine::Needed { n, unit }.text(lang);
    if let (Some(invite), Some(rate)) = (a.invite, a.response_rate) {
        out += &PlanLine::Invite {
            invite,
            rate: &pct(rate),
        }
        .text(lang);
    }
    if let (Some(fpc), Some(staff)) = (a.respondents_with_fpc, a.staff) {
        out += &PlanLine::Corrected { staff, fpc, n }.text(lang);
    }
    if !a.reachable {
        out += &PlanLine::Unreachable {}.text(lang);
    }
    out
}

/// The smallest detectable change as d, in points with an SD, and as shares.
fn detectable_text(a: &Answer, unit: &str, level: &str, lang: Lang) -> String {
    let mut out = PlanLine::WithStaff {
        n: a.respondents.unwrap_or(0),
        unit,
        staff: a.staff.unwrap_or(0),
        level,
    }
    .text(lang);
    out += &PlanLine::DetectableD {
        d: a.d.unwrap_or(f64::NAN),
    }
    .text(lang);
    if let (Some(change), Some(sd)) = (a.change_points, a.sd) {
        out += &PlanLine::DetectablePoints { change, sd }.text(lang);
    }
    out += "\n";
    if let Some(f) = a.share_from {
        let up = a.share_to.map(pct).unwrap_or_else(|| "—".into());
        let down = a.share_to_lower.map(pct).unwrap_or_else(|| "—".into());
        out += &PlanLine::DetectableShare {
            from: &pct(f),
            up: &up,
            down: &down,
        }
        .text(lang);
    }
    out
}

/// `ttest-xl plan`: prints the answer; exit 0, or 2 with a message on bad options.
pub fn main_with(args: PlanArgs) -> ExitCode {
    let lang = chosen_lang(args.lang);
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
                "{}",
                PlanLine::Error {
                    message: &e.message(lang)
                }
                .text(lang)
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
