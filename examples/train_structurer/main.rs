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

mod evaluate;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use evaluate::{Variant, confusion, evaluation, grid, lofo, revision_table};
use shelf::parse::text::learned::{CLASSES, LineFeatures, Model, rules_features};
use shelf::parse::text::training::{Example, SETTINGS, block_outline_kinds, train_pages};

/// The labelled sets, in the order they are read: the sets outlined line by line, then the
/// seeds and the structurer's own texts (outlined block by block).
const SETS: [&str; 14] = [
    "corpus", "holdout", "unseen", "final", "fresh", "final2", "fresh2", "final3", "fresh3",
    "final4", "fresh4", "final5", "seeds", "texts",
];
/// How many of [`SETS`] are outlined line by line.
const LINE_SETS: usize = 12;
/// The sets written blind and never tuned on by the rules: their leave-one-family-out
/// figures are the honest estimate for pages never seen, and `--evaluate` prints their
/// confusion.
const UNTUNED: [&str; 7] = [
    "final2", "fresh2", "final3", "fresh3", "final4", "fresh4", "final5",
];

/// One labelled page.
struct Page {
    set: &'static str,
    family: String,
    lines: Vec<LineFeatures>,
    /// The outline's kinds for each line.
    expected: Vec<String>,
    /// The page's name and each line's first characters, as the outline shows them.
    stem: String,
    shown: Vec<String>,
}

fn main() {
    let evaluate = std::env::args().any(|a| a == "--evaluate");
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--outline") {
        outline(args.get(at + 1).map(String::as_str));
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--revisions") {
        revisions(args.get(at + 1).map(String::as_str));
        return;
    }
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
        let results = lofo(&pages, &Variant::committed());
        print!("{}", evaluation(&results));
        print!("{}", confusion(&results));
        print!("{}", revision_table(&results));
        return;
    }
    let model = train_pages(&examples(pages.iter()), SETTINGS);
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

/// Prints the rules' outline of a page (`kind<TAB>first 40 characters` per non-blank
/// line), the start of a new page's `.expected` file: review every row before committing it.
fn outline(path: Option<&str>) {
    let Some(path) = path else {
        eprintln!("usage: train_structurer --outline PAGE.txt");
        std::process::exit(2);
    };
    let raw = match std::fs::read_to_string(path) {
        Ok(raw) => raw,
        Err(err) => {
            eprintln!("error: cannot read {path}: {err}");
            std::process::exit(1);
        }
    };
    let text = shelf::parse::text::normalize(&raw);
    let lines: Vec<&str> = text.split('\n').collect();
    for line in rules_features(&raw) {
        let shown: String = lines
            .get(line.number.saturating_sub(1))
            .map_or("", |l| l.trim())
            .chars()
            .take(40)
            .collect();
        println!("{}\t{}", line.rules_kinds, shown.trim_end());
    }
}

/// Prints the lines the committed model would revise in every `.txt` under a folder (were
/// its revisions on), and their count: for pages outside the labelled sets, such as a
/// generated collection's seeds, whose lines the rules decide as the generator meant.
fn revisions(dir: Option<&str>) {
    let Some(dir) = dir else {
        eprintln!("usage: train_structurer --revisions FOLDER");
        std::process::exit(2);
    };
    let mut paths: Vec<_> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect(),
        Err(err) => {
            eprintln!("error: cannot read {dir}: {err}");
            std::process::exit(1);
        }
    };
    paths.sort();
    let (mut pages, mut count) = (0, 0);
    for path in &paths {
        let Ok(raw) = std::fs::read_to_string(path) else {
            continue;
        };
        let revised = shelf::parse::text::learned::explain_revisions(&raw);
        if revised.is_empty() {
            continue;
        }
        pages += 1;
        count += revised.len();
        let text = shelf::parse::text::normalize(&raw);
        let lines: Vec<&str> = text.split('\n').collect();
        for line in revised {
            let shown: String = lines
                .get(line.number.saturating_sub(1))
                .map_or("", |l| l)
                .chars()
                .take(60)
                .collect();
            let deciding: Vec<String> = line
                .deciding
                .iter()
                .map(|(name, c)| format!("{name} {c:+.2}"))
                .collect();
            println!(
                "{}:{}: {} ({}) -> {} ({:.2} against {:.2}): {shown}\n    {}",
                path.display(),
                line.number,
                line.rules_kinds,
                line.rule,
                line.class,
                line.probability,
                line.rules_probability,
                deciding.join(", ")
            );
        }
    }
    println!("{count} lines revised in {pages} of {} pages", paths.len());
}

/// The `.txt` pages in `dir`, sorted by path (none if the folder is missing).
fn text_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
}

/// A page's file name without its extension.
fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn load(root: &Path) -> Result<Vec<Page>, String> {
    let mut pages = Vec::new();
    for set in &SETS[..LINE_SETS] {
        for path in text_files(&root.join("tests/fixtures/structure").join(set)) {
            let stem = file_stem(&path);
            let family = stem.rsplit_once('-').map_or(stem.as_str(), |(f, _)| f);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let outline = std::fs::read_to_string(path.with_extension("expected"))
                .map_err(|e| format!("no outline for {}: {e}", path.display()))?;
            let expected: Vec<String> = outline
                .lines()
                .map(|row| row.split_once('\t').map_or(row, |(k, _)| k).to_string())
                .collect();
            let shown: Vec<String> = outline
                .lines()
                .map(|row| row.split_once('\t').map_or("", |(_, t)| t).to_string())
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
                stem,
                shown,
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
        for path in text_files(&root.join(dir)) {
            let stem = file_stem(&path);
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
                shown: vec![String::new(); lines.len()],
                lines,
                expected,
                stem,
            });
        }
    }
    Ok(pages)
}

/// The training examples of `pages`, page by page: their lines whose outline kinds are a
/// class.
fn examples<'a>(pages: impl Iterator<Item = &'a Page>) -> Vec<Vec<Example>> {
    examples_of(pages, &[])
}

/// The training examples of `pages`, page by page (`mask`: features left out).
fn examples_of<'a>(pages: impl Iterator<Item = &'a Page>, mask: &[bool]) -> Vec<Vec<Example>> {
    pages
        .map(|page| {
            page.lines
                .iter()
                .zip(&page.expected)
                .filter_map(|(line, want)| {
                    let class = CLASSES.iter().position(|c| c == want)?;
                    Some(Example {
                        values: masked(&line.values, mask),
                        class,
                    })
                })
                .collect()
        })
        .collect()
}

fn masked(values: &[(u32, f32)], mask: &[bool]) -> Vec<(u32, f32)> {
    values
        .iter()
        .copied()
        .filter(|&(i, _)| !mask.get(i as usize).copied().unwrap_or(false))
        .collect()
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
    out.push_str("];\n\n");
    out.push_str(
        "/// The sequence pass's transition scores: log-probabilities of a line's class given the\n\
         /// previous line's, then of each class opening a page (see `training::transitions`).\n",
    );
    out.push_str("#[rustfmt::skip]\npub(crate) static TRANSITIONS: &[f32] = &[\n");
    for chunk in model.transitions.chunks(9) {
        out.push_str("   ");
        for w in chunk {
            let _ = write!(out, " {w:?},");
        }
        out.push('\n');
    }
    out.push_str("];\n");
    out
}
