//! Leave-one-family-out evaluation of the learned classifier (`--evaluate`, `--grid`): each
//! family's pages are predicted by a model trained without any of them, and decided as the
//! structurer decides (the sequence pass, then [`overrule_with`]); the figures are those of
//! `measure` in `tests/it/structure.rs`. `--evaluate` also prints the confusion of the sets
//! never tuned on ([`UNTUNED`]): expected kind → kind given, for the rules and the model, with
//! the lines of the biggest buckets.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use shelf::parse::text::learned::{CLASSES, POLICY, Policy, decide, feature_names};
use shelf::parse::text::training::{SETTINGS, Settings, train_pages};

use super::{Page, SETS, UNTUNED, examples_of, masked};

/// How a trained model's probabilities become a line's kinds.
#[derive(Clone, Copy)]
pub(crate) struct Decision {
    pub(crate) name: &'static str,
    pub(crate) policy: Policy,
}

/// A way of training and deciding, for comparisons (`--grid`).
pub(crate) struct Variant {
    /// Features whose names contain one of these are left out.
    pub(crate) without: &'static [&'static str],
    /// Training settings (the cost of a body line among them).
    pub(crate) settings: Settings,
    pub(crate) decisions: Vec<Decision>,
}

/// What the structurer does.
pub(crate) const COMMITTED_DECISION: Decision = Decision {
    name: "committed",
    policy: POLICY,
};

impl Variant {
    /// What the structurer does.
    pub(crate) fn committed() -> Variant {
        Variant {
            without: &[],
            settings: SETTINGS,
            decisions: vec![COMMITTED_DECISION],
        }
    }

    fn mask(&self) -> Vec<bool> {
        feature_names()
            .iter()
            .map(|n| self.without.iter().any(|w| n.contains(w)))
            .collect()
    }
}

/// One line's outcome.
pub(crate) struct Row {
    want: String,
    rules: String,
    model: String,
    shown: String,
    number: usize,
}

/// One page's outcome under one decision.
pub(crate) struct PageResult<'a> {
    set: &'static str,
    family: &'a str,
    stem: &'a str,
    rows: Vec<Row>,
}

/// Leave-one-family-out: every page's lines decided by a model trained without its family,
/// once per decision of `variant` (outer index).
pub(crate) fn lofo<'a>(pages: &'a [Page], variant: &Variant) -> Vec<Vec<PageResult<'a>>> {
    let mask = variant.mask();
    let families: Vec<&str> = {
        let mut f: Vec<&str> = pages.iter().map(|p| p.family.as_str()).collect();
        f.sort_unstable();
        f.dedup();
        f
    };
    let per_family: Vec<Vec<Vec<PageResult<'a>>>> = families
        .par_iter()
        .map(|family| {
            let model = train_pages(
                &examples_of(pages.iter().filter(|p| p.family != *family), &mask),
                variant.settings,
            );
            variant
                .decisions
                .iter()
                .map(|decision| {
                    pages
                        .iter()
                        .filter(|p| p.family == *family)
                        .map(|page| {
                            let mut all: Vec<_> = page
                                .lines
                                .iter()
                                .map(|l| model.classify(&masked(&l.values, &mask)))
                                .collect();
                            model.smooth(&mut all, decision.policy.strength);
                            let decided = decide(&page.lines, &all, &decision.policy);
                            let rows = page
                                .lines
                                .iter()
                                .zip(decided)
                                .zip(page.expected.iter().zip(&page.shown))
                                .map(|((line, class), (want, shown))| {
                                    let model = class.map_or(line.rules_kinds.clone(), |c| {
                                        CLASSES[c].to_string()
                                    });
                                    Row {
                                        want: want.clone(),
                                        rules: line.rules_kinds.clone(),
                                        model,
                                        shown: shown.clone(),
                                        number: line.number,
                                    }
                                })
                                .collect();
                            PageResult {
                                set: page.set,
                                family: page.family.as_str(),
                                stem: page.stem.as_str(),
                                rows,
                            }
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    let mut out: Vec<Vec<PageResult<'a>>> = variant.decisions.iter().map(|_| Vec::new()).collect();
    for family in per_family {
        for (slot, results) in out.iter_mut().zip(family) {
            slot.extend(results);
        }
    }
    out
}

/// Accuracy, chrome lines in the body and body lines lost, as `measure` counts them.
#[derive(Default, Clone, Copy)]
pub(crate) struct Tally {
    lines: usize,
    correct: usize,
    chrome_in_body: usize,
    body_lost: usize,
}

fn is_body(kind: &str) -> bool {
    !matches!(kind, "dropped" | "caption" | "comment")
}

impl Tally {
    fn count(&mut self, want: &str, have: &str) {
        self.lines += 1;
        if want == have {
            self.correct += 1;
            return;
        }
        let wanted_body: Vec<&str> = want.split('+').filter(|k| is_body(k)).collect();
        let wanted_other: Vec<&str> = want.split('+').filter(|k| !is_body(k)).collect();
        if wanted_body.is_empty()
            && have
                .split('+')
                .any(|k| is_body(k) && !wanted_body.contains(&k))
        {
            self.chrome_in_body += 1;
        }
        if !wanted_body.is_empty()
            && have
                .split('+')
                .any(|k| !is_body(k) && !wanted_other.contains(&k))
        {
            self.body_lost += 1;
        }
    }

    fn add(&mut self, other: &Tally) {
        self.lines += other.lines;
        self.correct += other.correct;
        self.chrome_in_body += other.chrome_in_body;
        self.body_lost += other.body_lost;
    }

    fn show(&self) -> String {
        format!(
            "{:>6.1}% {:>4} {:>4}",
            self.correct as f64 * 100.0 / self.lines.max(1) as f64,
            self.chrome_in_body,
            self.body_lost
        )
    }

    fn short(&self) -> String {
        self.show().split_whitespace().collect::<Vec<_>>().join("/")
    }
}

/// The rules' and the model's tallies of one page.
fn tallies(page: &PageResult<'_>) -> (Tally, Tally) {
    let (mut rules, mut model) = (Tally::default(), Tally::default());
    for row in &page.rows {
        rules.count(&row.want, &row.rules);
        model.count(&row.want, &row.model);
    }
    (rules, model)
}

type Figures<K> = BTreeMap<K, (usize, Tally, Tally)>;

fn order(set: &str) -> usize {
    SETS.iter().position(|s| *s == set).unwrap_or(SETS.len())
}

/// Per set: pages and the rules' and the model's tallies.
fn by_set<'a>(results: &[PageResult<'a>]) -> Figures<(usize, &'static str)> {
    let mut out: Figures<(usize, &'static str)> = BTreeMap::new();
    for page in results {
        let (rules, model) = tallies(page);
        let entry = out.entry((order(page.set), page.set)).or_default();
        entry.0 += 1;
        entry.1.add(&rules);
        entry.2.add(&model);
    }
    out
}

/// The rules' and the leave-one-family-out model's figures, per set and per family.
pub(crate) fn evaluation(results: &[Vec<PageResult<'_>>]) -> String {
    let Some(results) = results.first() else {
        return String::new();
    };
    let header = format!(
        "{:<22} {:>5} {:>5}   {:<22}   {:<22}\n",
        "set / family", "pages", "lines", "rules: acc chrome lost", "LOFO model: acc chr lost"
    );
    let mut out = String::from("Per set (rules as they are; model trained without the family):\n");
    out.push_str(&header);
    let mut total = (0, Tally::default(), Tally::default());
    let mut untuned = (0, Tally::default(), Tally::default());
    for ((_, set), (pages, rules, learned)) in &by_set(results) {
        total.0 += pages;
        total.1.add(rules);
        total.2.add(learned);
        if UNTUNED.contains(set) {
            untuned.0 += pages;
            untuned.1.add(rules);
            untuned.2.add(learned);
        }
        let _ = writeln!(
            out,
            "{set:<22} {pages:>5} {:>5}   {:<22}   {:<22}",
            rules.lines,
            rules.show(),
            learned.show()
        );
    }
    for (name, sum) in [("all", total), ("untuned sets", untuned)] {
        let _ = writeln!(
            out,
            "{name:<22} {:>5} {:>5}   {:<22}   {:<22}",
            sum.0,
            sum.1.lines,
            sum.1.show(),
            sum.2.show()
        );
    }
    out.push_str("\nPer family:\n");
    out.push_str(&header);
    let mut by_family: Figures<(usize, &'static str, &str)> = BTreeMap::new();
    for page in results {
        let (rules, model) = tallies(page);
        let entry = by_family
            .entry((order(page.set), page.set, page.family))
            .or_default();
        entry.0 += 1;
        entry.1.add(&rules);
        entry.2.add(&model);
    }
    for ((_, set, family), (pages, rules, learned)) in &by_family {
        let _ = writeln!(
            out,
            "{:<22} {pages:>5} {:>5}   {:<22}   {:<22}",
            format!("{set}/{family}"),
            rules.lines,
            rules.show(),
            learned.show()
        );
    }
    out
}

/// Whether giving `have` to a line the outline gives `want` loses a body line.
fn lost(want: &str, have: &str) -> bool {
    let mut tally = Tally::default();
    tally.count(want, have);
    tally.body_lost > 0
}

/// Lines shown per confusion bucket.
const BUCKET_LINES: usize = 6;
/// Buckets shown per decider.
const BUCKETS: usize = 12;

/// The confusion of the untuned sets under leave-one-family-out: for the rules and for the
/// model, expected kind → kind given with counts, biggest first, and the lines of each.
pub(crate) fn confusion(results: &[Vec<PageResult<'_>>]) -> String {
    let Some(results) = results.first() else {
        return String::new();
    };
    let mut out = format!(
        "\nConfusion of the untuned sets ({}):\n",
        UNTUNED.join(", ")
    );
    for (decider, pick) in [
        ("rules", (|r: &Row| r.rules.as_str()) as fn(&Row) -> &str),
        ("LOFO model", |r: &Row| r.model.as_str()),
    ] {
        let mut buckets: BTreeMap<(&str, &str), Vec<String>> = BTreeMap::new();
        for page in results.iter().filter(|p| UNTUNED.contains(&p.set)) {
            for row in &page.rows {
                let have = pick(row);
                if have != row.want {
                    buckets.entry((&row.want, have)).or_default().push(format!(
                        "{}/{}:{}: {}",
                        page.set, page.stem, row.number, row.shown
                    ));
                }
            }
        }
        let mut sorted: Vec<_> = buckets.into_iter().collect();
        sorted.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        let wrong: usize = sorted.iter().map(|(_, l)| l.len()).sum();
        let _ = writeln!(out, "\n{decider}: {wrong} lines wrong; expected -> given:");
        for ((want, have), lines) in sorted.iter().take(BUCKETS) {
            let _ = writeln!(out, "  {:>4}  {want} -> {have}", lines.len());
            for line in lines.iter().take(BUCKET_LINES) {
                let _ = writeln!(out, "          {line}");
            }
        }
        let rest: Vec<String> = sorted
            .iter()
            .skip(BUCKETS)
            .map(|((w, h), l)| format!("{w}->{h} {}", l.len()))
            .collect();
        if !rest.is_empty() {
            let _ = writeln!(out, "  others: {}", rest.join(", "));
        }
    }
    // Where the model and the rules differ on keeping a body line.
    for (title, pick) in [
        (
            "body lines the model loses and the rules keep",
            (|r: &Row| lost(&r.want, &r.model) && !lost(&r.want, &r.rules)) as fn(&Row) -> bool,
        ),
        (
            "body lines the rules lose and the model keeps",
            |r: &Row| lost(&r.want, &r.rules) && !lost(&r.want, &r.model),
        ),
    ] {
        let lines: Vec<String> = results
            .iter()
            .filter(|p| UNTUNED.contains(&p.set))
            .flat_map(|page| {
                page.rows.iter().filter(|r| pick(r)).map(move |r| {
                    format!(
                        "{}/{}:{}: {} -> {}: {}",
                        page.set, page.stem, r.number, r.want, r.model, r.shown
                    )
                })
            })
            .collect();
        let _ = writeln!(out, "\n{title}: {}", lines.len());
        for line in &lines {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

/// The model's revisions of the untuned sets under leave-one-family-out, by the rules' kind
/// and the model's: how many, how many the model got right, how many the rules had right
/// (the revision broke them) and how many were wrong both ways. A kind of revision that
/// breaks as many lines as it fixes is one the structurer should not make.
pub(crate) fn revision_table(results: &[Vec<PageResult<'_>>]) -> String {
    let Some(results) = results.first() else {
        return String::new();
    };
    let mut table: BTreeMap<(&str, &str), [usize; 4]> = BTreeMap::new();
    for page in results.iter().filter(|p| UNTUNED.contains(&p.set)) {
        for row in page.rows.iter().filter(|r| r.model != r.rules) {
            let slot = table.entry((&row.rules, &row.model)).or_default();
            slot[0] += 1;
            if row.model == row.want {
                slot[1] += 1;
            } else if row.rules == row.want {
                slot[2] += 1;
            } else {
                slot[3] += 1;
            }
        }
    }
    let mut out = String::from(
        "\nRevisions of the untuned sets (rules -> model: lines, fixed, broken, wrong both ways):\n",
    );
    for ((rules, model), [n, fixed, broken, neither]) in &table {
        let _ = writeln!(
            out,
            "  {:<40} {n:>4} {fixed:>4} {broken:>4} {neither:>4}",
            format!("{rules} -> {model}")
        );
    }
    out
}

/// One summary line per training setting and decision: leave-one-family-out on each
/// untuned set, on all of them, and on the tuned sets.
pub(crate) fn grid(pages: &[Page]) {
    let mut decisions = Vec::new();
    for body_margin in [0.5f32, 0.7, 0.8, 0.9] {
        for strength in [0.0f32, 0.5] {
            for protected_run in [1, 2, 3, usize::MAX] {
                decisions.push(Decision {
                    name: "",
                    policy: Policy {
                        body_margin,
                        strength,
                        protected_run,
                        ..POLICY
                    },
                });
            }
        }
    }
    let variants: Vec<(f64, Variant)> = [1.0, 2.0]
        .iter()
        .map(|&body_weight| {
            (
                body_weight,
                Variant {
                    without: &[],
                    settings: Settings {
                        body_weight,
                        ..SETTINGS
                    },
                    decisions: decisions.clone(),
                },
            )
        })
        .collect();
    for (body_weight, variant) in &variants {
        let results = lofo(pages, variant);
        for (decision, results) in variant.decisions.iter().zip(&results) {
            let p = decision.policy;
            let run = if p.protected_run == usize::MAX {
                "-".to_string()
            } else {
                p.protected_run.to_string()
            };
            let mut line = format!(
                "{}bw {body_weight} bm {} st {} run {run}",
                decision.name, p.body_margin, p.strength
            );
            let (mut untuned, mut tuned) = ((Tally::default(), Tally::default()), Tally::default());
            for ((_, set), (_, rules, learned)) in &by_set(results) {
                if UNTUNED.contains(set) {
                    untuned.0.add(rules);
                    untuned.1.add(learned);
                    let _ = write!(line, " {set}={}", learned.short());
                } else {
                    tuned.add(learned);
                }
            }
            println!(
                "{line} untuned={} (rules {}) tuned={}",
                untuned.1.short(),
                untuned.0.short(),
                tuned.short()
            );
        }
    }
}
