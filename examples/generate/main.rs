//! Generates a synthetic shelf collection of any size, and optionally the equivalent Hugo
//! site, for benchmarks (issue 7).
//!
//! ```sh
//! cargo run --release --example generate -- --articles 10000 --seed 1 --out /dev/shm/c10k \
//!     [--hugo /dev/shm/h10k] [--verify]
//! target/release/shelf build --root /dev/shm/c10k --output /dev/shm/out
//! hugo --quiet -s /dev/shm/h10k -d /dev/shm/hout
//! ```
//!
//! `--out` receives a complete project: `site.toml` (feeds limited to 50, topic feeds on,
//! minified), `themes/` copied from this repository, one seed and one metadata file per
//! article, 40 topics, 300 entities (people, places, organisations, terms; some with
//! aliases), a timeline of one event per 20 articles, an About page and a data figure. Each
//! seed has 900–1,500 words drawn by Zipf's law from the real seeds' English words and 3,000
//! invented ones, with entity names at Zipf frequencies, Korean words and breve romanisations
//! (`Hoeryŏng`) in one article in ten, and the features of scraped pages that the structurer
//! recognises: photo captions with credits, `◆` section markers, datelines, bylines, lists,
//! quotations, series listings, glued image names, pagination, reader comments in three
//! layouts, share and comment-form boilerplate, CRLF line endings and byte order marks. Some
//! metadata overrides the structurer (`[structure]`, `[[corrections]]`). The collection
//! builds and checks without errors or warnings.
//!
//! `--verify` also structures every seed with shelf's own structurer and compares the rules
//! that fire with the ones the generator meant to trigger, then prints how many seeds each rule
//! fired in; any difference is an error (`tests/it/generate.rs` runs it on 300 articles).
//!
//! The output depends only on `--articles`, `--seed` and this example's source (and the
//! themes it copies): the random generator is written here (xoshiro256**), uses no floating
//! point, and nothing is iterated in hash order. A folder that is not empty is refused unless
//! it holds the `.generated` marker of an earlier run, in which case it is replaced.

mod article;
mod blocks;
mod body;
mod collection;
mod files;
mod hugo;
mod random;
mod verify;
mod words;
mod world;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

pub use collection::{Options, generate};
pub use files::MARKER;

const USAGE: &str = "usage: generate --articles N [--seed S (default 1)] --out DIR [--hugo DIR [--hugo-related]] [--verify]";

/// Parses the command line (without the program name).
///
/// # Errors
///
/// A message naming the option that is missing, unknown or not a number.
pub fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut articles = None;
    let mut seed = None;
    let mut out = None;
    let mut hugo = None;
    let mut verify = false;
    let mut hugo_related = false;
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let mut value = || {
            rest.next()
                .cloned()
                .ok_or_else(|| format!("`{flag}` needs a value"))
        };
        match flag.as_str() {
            "--articles" => {
                let text = value()?;
                articles = Some(text.parse::<usize>().map_err(|_| {
                    format!("`--articles` expects a number of articles, found `{text}`")
                })?);
            }
            "--seed" => {
                let text = value()?;
                seed = Some(
                    text.parse::<u64>()
                        .map_err(|_| format!("`--seed` expects a number, found `{text}`"))?,
                );
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "--hugo" => hugo = Some(PathBuf::from(value()?)),
            "--verify" => verify = true,
            "--hugo-related" => hugo_related = true,
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    let articles = articles.ok_or("`--articles` is required")?;
    if articles == 0 {
        return Err("`--articles` must be at least 1".to_string());
    }
    Ok(Options {
        articles,
        seed: seed.unwrap_or(1),
        out: out.ok_or("`--out` is required")?,
        hugo,
        hugo_related,
        verify,
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_args(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    match generate(&options) {
        Ok(report) => {
            println!(
                "generated {} articles (seed {}) in {:.2?} into {}: seeds {:.1} MB ({} words), \
                 metadata {:.1} MB, {} files, {} timeline events{}",
                options.articles,
                options.seed,
                started.elapsed(),
                options.out.display(),
                report.seed_bytes as f64 / 1e6,
                report.words,
                report.content_bytes as f64 / 1e6,
                report.files,
                report.events,
                match &options.hugo {
                    Some(dir) => format!("; Hugo site in {}", dir.display()),
                    None => String::new(),
                }
            );
            if options.verify {
                let fired: Vec<String> = report
                    .rules
                    .iter()
                    .map(|(rule, seeds)| format!("{rule} {seeds}"))
                    .collect();
                println!("rules fired (seeds): {}", fired.join(", "));
                for mismatch in &report.mismatches {
                    println!("mismatch: {mismatch}");
                }
                if !report.mismatches.is_empty() {
                    eprintln!(
                        "error: {} seeds differ from the generator's intent",
                        report.mismatches.len()
                    );
                    return ExitCode::from(1);
                }
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
