//! Trains the structurer's learned line classifier from the labelled pages and writes its
//! weights to `src/parse/text/weights.rs` (issue #12).
//!
//! Run: `cargo run --release --example train_structurer` (writes the weights), or with
//! `--evaluate` (writes nothing; prints, per set and per family, the rules' figures and the
//! model's leave-one-family-out figures: each family is predicted by a model trained without
//! any of its pages). The figures are those of `measure` in `tests/it/structure.rs`: share of
//! non-blank lines whose kinds match the outline, chrome lines in the body, body lines lost.
//!
//! The labelled pages are every `<family>-<n>.txt` with its `<family>-<n>.expected` outline in
//! the sets under `tests/fixtures/structure/` ([`SETS`]); a family is the file name before
//! `-<n>`, pooled across sets. To add a page: write the `.txt` and its reviewed `.expected`
//! in a set's folder, then run this tool and commit the new `weights.rs`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use rayon::prelude::*;
use shelf::parse::text::learned::{
    BODY_LOSS_MARGIN, CLASSES, LineFeatures, Model, REVISION_MARGIN, feature_names, overrule_with,
    rules_features,
};
use shelf::parse::text::training::{Example, SETTINGS, block_outline_kinds, train};

/// The labelled sets, in the order they are read.
const SETS: [&str; 9] = [
    "corpus", "holdout", "unseen", "final", "fresh", "final2", "fresh2", "seeds", "texts",
];

/// One labelled page.
struct Page {
    set: &'static str,
    family: String,
    lines: Vec<LineFeatures>,
    /// The outline's kinds for each line.
    expected: Vec<String>,
}

fn main() {
    let evaluate = std::env::args().any(|a| a == "--evaluate");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = match load(root) {
        Ok(pages) => pages,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::exit(1);
        }
    };
    if std::env::args().any(|a| a == "--grid") {
        grid(&pages);
        return;
    }
    if evaluate {
        print!("{}", evaluation(&pages, &Variant::COMMITTED));
        return;
    }
    let model = train(&examples(pages.iter()), SETTINGS);
    let path = root.join("src/parse/text/weights.rs");
    let lines: usize = pages.iter().map(|p| p.lines.len()).sum();
    if let Err(err) = std::fs::write(&path, weights_source(&model, pages.len(), lines)) {
        eprintln!("error: cannot write {}: {err}", path.display());
        std::process::exit(1);
    }
    println!(
        "wrote {} ({} pages, {lines} lines)",
        path.display(),
        pages.len()
    );
}

fn load(root: &Path) -> Result<Vec<Page>, String> {
    let mut pages = Vec::new();
    for set in &SETS[..7] {
        let dir = root.join("tests/fixtures/structure").join(set);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let family = stem.rsplit_once('-').map_or(stem.as_str(), |(f, _)| f);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let outline = std::fs::read_to_string(path.with_extension("expected"))
                .map_err(|e| format!("no outline for {}: {e}", path.display()))?;
            let expected: Vec<String> = outline
                .lines()
                .map(|row| row.split_once('\t').map_or(row, |(k, _)| k).to_string())
                .collect();
            let lines = rules_features(&text);
            if lines.len() != expected.len() {
                return Err(format!(
                    "{}: {} non-blank lines but {} outline rows",
                    path.display(),
                    lines.len(),
                    expected.len()
                ));
            }
            pages.push(Page {
                set,
                family: family.to_string(),
                lines,
                expected,
            });
        }
    }
    // The seeds and the structurer's own texts, outlined block by block.
    for (set, dir, expected_dir) in [
        ("seeds", "seeds", "tests/fixtures/structure/seeds"),
        (
            "texts",
            "tests/fixtures/structure/texts",
            "tests/fixtures/structure/texts",
        ),
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let outline =
                std::fs::read_to_string(root.join(expected_dir).join(format!("{stem}.expected")))
                    .map_err(|e| format!("no outline for {}: {e}", path.display()))?;
            let expected = block_outline_kinds(&text, &outline);
            let lines = rules_features(&text);
            if lines.len() != expected.len() {
                return Err(format!("{}: outline out of step", path.display()));
            }
            pages.push(Page {
                set,
                family: format!("{set}/{stem}"),
                lines,
                expected,
            });
        }
    }
    Ok(pages)
}

/// The training examples of `pages`: their lines whose outline kinds are a class.
fn examples<'a>(pages: impl Iterator<Item = &'a Page>) -> Vec<Example> {
    examples_of(pages, &Variant::COMMITTED, &[])
}

/// The training examples of `pages` under a variant (`mask`: features left out).
fn examples_of<'a>(
    pages: impl Iterator<Item = &'a Page>,
    variant: &Variant,
    mask: &[bool],
) -> Vec<Example> {
    let mut out = Vec::new();
    for page in pages {
        let copies = match variant.boost {
            Some((set, n)) if set == page.set => n,
            _ => 1,
        };
        for (line, want) in page.lines.iter().zip(&page.expected) {
            if let Some(class) = CLASSES.iter().position(|c| c == want) {
                for _ in 0..copies {
                    out.push(Example {
                        values: masked(&line.values, mask),
                        class,
                    });
                }
            }
        }
    }
    out
}

fn masked(values: &[(u32, f32)], mask: &[bool]) -> Vec<(u32, f32)> {
    values
        .iter()
        .copied()
        .filter(|&(i, _)| !mask.get(i as usize).copied().unwrap_or(false))
        .collect()
}

/// A way of training and deciding, for comparisons (`--grid`).
struct Variant {
    name: &'static str,
    /// Features whose names contain one of these are left out.
    without: &'static [&'static str],
    margin: f32,
    /// The margin for taking a line out of the article.
    body_margin: f32,
    /// A set whose pages count this many times.
    boost: Option<(&'static str, usize)>,
}

impl Variant {
    /// What the structurer does.
    const COMMITTED: Variant = Variant {
        name: "committed",
        without: &[],
        margin: REVISION_MARGIN,
        body_margin: BODY_LOSS_MARGIN,
        boost: None,
    };

    fn mask(&self) -> Vec<bool> {
        feature_names()
            .iter()
            .map(|n| self.without.iter().any(|w| n.contains(w)))
            .collect()
    }
}

/// One summary line per variant: LOFO over all sets, over final2, and the weakest tuned set.
fn grid(pages: &[Page]) {
    let variants = [
        Variant::COMMITTED,
        Variant {
            name: "body margin 0.2",
            body_margin: 0.2,
            ..Variant::COMMITTED
        },
        Variant {
            name: "body margin 0.35",
            body_margin: 0.35,
            ..Variant::COMMITTED
        },
        Variant {
            name: "body margin 0.7",
            body_margin: 0.7,
            ..Variant::COMMITTED
        },
        Variant {
            name: "margin 0.1",
            margin: 0.1,
            ..Variant::COMMITTED
        },
        Variant {
            name: "no neighbours",
            without: &["previous:", "next:"],
            ..Variant::COMMITTED
        },
    ];
    for variant in &variants {
        let (sets, _) = lofo(pages, variant);
        let mut line = format!("{:<34}", variant.name);
        let mut all = Tally::default();
        for (set, (_, _, learned)) in &sets {
            all.add(learned);
            let _ = write!(
                line,
                " {}={}",
                set.1,
                learned
                    .show()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join("/")
            );
        }
        println!(
            "{line} all={}",
            all.show().split_whitespace().collect::<Vec<_>>().join("/")
        );
    }
}

/// The generated `weights.rs`.
fn weights_source(model: &Model, pages: usize, lines: usize) -> String {
    let mut out = String::new();
    out.push_str(
        "//! Generated by `cargo run --release --example train_structurer` from the labelled\n\
         //! pages under `tests/fixtures/structure/`: do not edit by hand (a test checks that\n\
         //! training reproduces these weights). To retrain after adding or changing a page, run\n\
         //! that command and commit this file.\n",
    );
    let _ = writeln!(
        out,
        "//!\n//! Trained on {pages} pages, {lines} labelled lines; {} classes × {} features.\n",
        CLASSES.len(),
        model.weights.len() / CLASSES.len()
    );
    out.push_str("/// The learned model's weights, class by class (see `learned.rs`).\n");
    out.push_str("#[rustfmt::skip]\npub(crate) static WEIGHTS: &[f32] = &[\n");
    for chunk in model.weights.chunks(8) {
        out.push_str("   ");
        for w in chunk {
            let _ = write!(out, " {w:?},");
        }
        out.push('\n');
    }
    out.push_str("];\n");
    out
}

#[derive(Default, Clone, Copy)]
struct Tally {
    lines: usize,
    correct: usize,
    chrome_in_body: usize,
    body_lost: usize,
}

impl Tally {
    fn count(&mut self, want: &str, have: &str) {
        let is_body = |k: &str| !matches!(k, "dropped" | "caption" | "comment");
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
}

type Figures<K> = BTreeMap<K, (usize, Tally, Tally)>;

/// Leave-one-family-out: per set and per (set, family), pages and the rules' and model's
/// tallies.
#[allow(clippy::type_complexity)]
fn lofo<'a>(
    pages: &'a [Page],
    variant: &Variant,
) -> (
    Figures<(usize, &'static str)>,
    Figures<(usize, &'static str, String)>,
) {
    let mask = variant.mask();
    let families: Vec<&str> = {
        let mut f: Vec<&str> = pages.iter().map(|p| p.family.as_str()).collect();
        f.sort_unstable();
        f.dedup();
        f
    };
    let results: Vec<Vec<(&'static str, &'a str, Tally, Tally)>> = families
        .par_iter()
        .map(|family| {
            let model = train(
                &examples_of(pages.iter().filter(|p| p.family != *family), variant, &mask),
                SETTINGS,
            );
            let mut out = Vec::new();
            for page in pages.iter().filter(|p| p.family == *family) {
                let (mut rules, mut learned) = (Tally::default(), Tally::default());
                for (line, want) in page.lines.iter().zip(&page.expected) {
                    rules.count(want, &line.rules_kinds);
                    let probabilities = model.classify(&masked(&line.values, &mask));
                    let have = overrule_with(
                        &line.rules_kinds,
                        line.rule,
                        &probabilities,
                        variant.margin,
                        variant.body_margin,
                    )
                    .map_or(line.rules_kinds.as_str(), |c| CLASSES[c]);
                    learned.count(want, have);
                }
                out.push((page.set, page.family.as_str(), rules, learned));
            }
            out
        })
        .collect();
    let mut by_set: Figures<(usize, &'static str)> = BTreeMap::new();
    let mut by_family: Figures<(usize, &'static str, String)> = BTreeMap::new();
    let order = |set: &str| SETS.iter().position(|s| *s == set).unwrap_or(SETS.len());
    for (set, family, rules, learned) in results.iter().flatten() {
        let entry = by_set.entry((order(set), set)).or_default();
        entry.0 += 1;
        entry.1.add(rules);
        entry.2.add(learned);
        let entry = by_family
            .entry((order(set), set, family.to_string()))
            .or_default();
        entry.0 += 1;
        entry.1.add(rules);
        entry.2.add(learned);
    }
    (by_set, by_family)
}

/// The rules' and the leave-one-family-out model's figures, per set and per family.
fn evaluation(pages: &[Page], variant: &Variant) -> String {
    let (by_set, by_family) = lofo(pages, variant);
    let header = format!(
        "{:<22} {:>5} {:>5}   {:<22}   {:<22}\n",
        "set / family", "pages", "lines", "rules: acc chrome lost", "LOFO model: acc chr lost"
    );
    let mut out = String::from("Per set (rules as they are; model trained without the family):\n");
    out.push_str(&header);
    let mut total = (0, Tally::default(), Tally::default());
    for ((_, set), (pages, rules, learned)) in &by_set {
        total.0 += pages;
        total.1.add(rules);
        total.2.add(learned);
        let _ = writeln!(
            out,
            "{set:<22} {pages:>5} {:>5}   {:<22}   {:<22}",
            rules.lines,
            rules.show(),
            learned.show()
        );
    }
    let _ = writeln!(
        out,
        "{:<22} {:>5} {:>5}   {:<22}   {:<22}\n",
        "all",
        total.0,
        total.1.lines,
        total.1.show(),
        total.2.show()
    );
    out.push_str("Per family:\n");
    out.push_str(&header);
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
