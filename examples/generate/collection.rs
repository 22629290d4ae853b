//! The whole collection: runs the parts in order and writes the shelf project (and the Hugo
//! site), article by article, so memory stays flat whatever `--articles` is.
//!
//! Takes [`Options`]; writes `--out` (and `--hugo`) and returns a [`Report`] of sizes. The
//! same options give the same bytes: every list is built in a fixed order, and each part of
//! the collection draws from its own random stream. Every topic and entity is used at least
//! once whatever `--articles` is (article `i` takes the topics and entities whose index is
//! `i` modulo the article count), so `shelf check` has nothing to warn about. Besides the
//! articles this writes `site.toml`, the timeline, a data figure and the About page.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use super::article::{Date, Head, Overrides};
use super::blocks::{escape, to_seed};
use super::files::{MARKER, Tree, copy_dir, multiline, prepare, quoted, quoted_list};
use super::hugo::HugoSite;
use super::random::Rng;
use super::verify::{check_overrides, check_seed};
use super::world::{FIRST_YEAR, LAST_YEAR, TIMELINE_STREAM, Topic, World};

/// What to generate, and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// Number of articles.
    pub articles: usize,
    /// The seed: the same seed gives the same bytes.
    pub seed: u64,
    /// The shelf project's folder: empty, missing, or an earlier generated collection.
    pub out: PathBuf,
    /// The Hugo site's folder, under the same rule, if wanted.
    pub hugo: Option<PathBuf>,
    /// Whether the Hugo site's article pages list related articles (Hugo's slowest part).
    pub hugo_related: bool,
    /// Whether to structure every seed with shelf's structurer and compare the rules that
    /// fire with the generator's intent (see [`super::verify`]).
    pub verify: bool,
}

/// Sizes of what was written, and what verification found.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Bytes of `seeds/`.
    pub seed_bytes: u64,
    /// Bytes of `content/` and `site.toml`.
    pub content_bytes: u64,
    /// Files written into `--out`, themes included.
    pub files: usize,
    /// Timeline events.
    pub events: usize,
    /// Words in all seeds.
    pub words: usize,
    /// With `verify`: for each structurer rule, the number of seeds in which it fired.
    pub rules: BTreeMap<&'static str, usize>,
    /// With `verify`: each seed whose rules differ from the intent, and how.
    pub mismatches: Vec<String>,
}

/// Writes the collection (and the Hugo site) that `options` describe.
///
/// # Errors
///
/// Fails when `articles` is 0, when a folder is not empty and was not generated, or on any
/// I/O error.
pub fn generate(options: &Options) -> io::Result<Report> {
    if options.articles == 0 {
        return Err(io::Error::other("`--articles` must be at least 1"));
    }
    if options.hugo.as_deref() == Some(options.out.as_path()) {
        return Err(io::Error::other(
            "`--out` and `--hugo` must be different folders",
        ));
    }
    prepare(&options.out)?;
    if let Some(hugo) = &options.hugo {
        prepare(hugo)?;
    }
    let world = World::new(options.seed);
    let heads: Vec<Head> = (0..options.articles)
        .map(|i| world.head(options.seed, i, options.articles))
        .collect();
    let mut out = Tree::new(&options.out);
    let mut report = Report::default();
    let marker = format!(
        "written by `cargo run --example generate -- --articles {} --seed {}`\n",
        options.articles, options.seed
    );
    out.write(MARKER, &marker)?;
    out.write("site.toml", &site_toml(options))?;
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"),
        &options.out.join("themes"),
        &mut out.files,
    )?;
    out.write("content/topics.toml", &world.topics_toml())?;
    out.write("content/entities.toml", &world.entities_toml())?;
    let mut hugo = match &options.hugo {
        Some(dir) => {
            let mut site = HugoSite::new(dir, options.hugo_related);
            site.write_frame(&marker, options.articles, &world.topics)?;
            Some(site)
        }
        None => None,
    };

    let digits = options.articles.to_string().len().max(5);
    for (index, head) in heads.iter().enumerate() {
        let (mut rng, body) = world.body(options.seed, index, options.articles, head);
        let notes = world.notes(&mut rng, index, &heads);
        let seed_name = format!("{:0digits$}_{}.txt", index + 1, &head.slug[digits + 2..]);
        let seed_text = to_seed(&body.blocks, body.encoding);
        report.words += body.word_count;
        let overrides = Overrides::decide(&mut rng, &body);
        if options.verify {
            let checked = check_seed(&seed_text, &body.blocks)
                .and_then(|fired| check_overrides(&seed_text, &overrides).map(|()| fired));
            match checked {
                Ok(fired) => {
                    for rule in fired {
                        *report.rules.entry(rule).or_default() += 1;
                    }
                }
                Err(why) => report.mismatches.push(format!("seeds/{seed_name}: {why}")),
            }
        }
        out.write(&format!("seeds/{seed_name}"), &seed_text)?;
        let meta = world.article_toml(head, &seed_name, &notes, &overrides);
        out.write(&format!("content/articles/{}.toml", head.slug), &meta)?;
        if let Some(site) = &mut hugo {
            let topics: Vec<&Topic> = head.topics.iter().map(|&t| &world.topics[t]).collect();
            let entities: Vec<&str> = body
                .mentions
                .iter()
                .map(|&e| world.entities[e].names[0].as_str())
                .collect();
            site.write_article(head, &notes, &topics, &entities, &body.blocks)?;
        }
    }

    let timeline = timeline_toml(&world, options.seed, &heads);
    out.write("content/timeline.toml", &timeline.0)?;
    out.write(
        "content/data/articles-per-year.toml",
        &articles_per_year(&heads),
    )?;
    let about = about_body(&world, &heads);
    out.write("content/pages/about.md", &about_page(&about))?;
    if let Some(site) = &mut hugo {
        site.write_about(&about)?;
    }
    report.seed_bytes = out.seed_bytes;
    report.content_bytes = out.content_bytes;
    report.files = out.files;
    report.events = timeline.1;
    Ok(report)
}

fn site_toml(options: &Options) -> String {
    let intro = format!(
        "A synthetic collection of {} articles, generated with seed {} to measure shelf on a \
         collection of realistic size. The texts are nonsense with the shape of scraped news \
         pages: captions, datelines, section markers, reader comments and boilerplate. Read \
         [how it was made](@/about/).",
        options.articles, options.seed
    );
    format!(
        "# A generated benchmark collection (examples/generate). Keys as in the project's \
         site.toml.\n\
         title = \"The Bench Shelf\"\n\
         description = {}\n\
         base_url = \"https://bench.example.org/\"\n\
         language = \"en\"\n\
         editor = \"The bench editors\"\n\
         theme = \"default\"\n\
         output = \"public\"\n\
         minify = true\n\
         reading_speed = 230\n\
         intro = {}\n\n\
         [feeds]\n\
         limit = 50\n\
         topics = true\n",
        quoted(&format!(
            "{} generated articles with the features of real scraped texts, for benchmarks.",
            options.articles
        )),
        multiline(&intro)
    )
}

/// The timeline: one event per 20 articles (at least one), each citing one to three articles
/// (`heads` is not empty).
fn timeline_toml(world: &World, seed: u64, heads: &[Head]) -> (String, usize) {
    let mut rng = Rng::new(seed, TIMELINE_STREAM);
    let count = (heads.len() / 20).max(1);
    let mut events = Vec::with_capacity(count);
    for _ in 0..count {
        let date = Date::random(&mut rng, 1990);
        let end = (date.year < LAST_YEAR && rng.percent(15)).then(|| Date {
            year: rng.between(date.year + 1, (date.year + 10).min(LAST_YEAR)),
            month: None,
            day: None,
        });
        let title = world.lexicon.phrase(&mut rng, 3, 8);
        let sentences = rng.between(1, 2);
        let description = world.lexicon.prose(&mut rng, sentences);
        let mut cited: Vec<&str> = Vec::new();
        for _ in 0..rng.between(1, 3) {
            let slug = heads[rng.below(heads.len())].slug.as_str();
            if !cited.contains(&slug) {
                cited.push(slug);
            }
        }
        events.push((date, end, title, description, cited));
    }
    events.sort_by(|a, b| (a.0, &a.2).cmp(&(b.0, &b.2)));
    let mut toml = String::from("# Dated events of the generated collection, oldest first.\n");
    for (date, end, title, description, cited) in &events {
        let _ = write!(toml, "\n[[events]]\ndate = \"{}\"\n", date.to_iso());
        if let Some(end) = end {
            let _ = writeln!(toml, "end = \"{}\"", end.to_iso());
        }
        let _ = write!(
            toml,
            "title = {}\ndescription = {}\narticles = {}\n",
            quoted(title),
            quoted(description),
            quoted_list(cited)
        );
    }
    (toml, events.len())
}

/// A data figure: how many articles each year has (`heads` is not empty).
fn articles_per_year(heads: &[Head]) -> String {
    let first = &heads[0];
    let mut counts = [0usize; LAST_YEAR - FIRST_YEAR + 1];
    for head in heads {
        counts[head.published.year - FIRST_YEAR] += 1;
    }
    let mut toml = format!(
        "title = \"Articles per year\"\n\
         description = \"How many articles of the generated collection were published each year.\"\n\
         source = \"The generated collection\"\n\
         articles = [{}]\n\
         x_label = \"Year\"\n\
         y_label = \"Articles\"\n\
         unit = \"articles\"\n",
        quoted(&first.slug)
    );
    for (offset, count) in counts.iter().enumerate() {
        let _ = write!(
            toml,
            "\n[[points]]\nlabel = \"{}\"\nvalue = {count}\n",
            FIRST_YEAR + offset
        );
    }
    toml
}

/// The About page's Markdown (shared with Hugo, which rewrites its `@/` links).
fn about_body(world: &World, heads: &[Head]) -> String {
    let mut body = format!(
        "This collection was generated by `examples/generate` in the shelf repository. It has \
         {} articles, {} topics and {} entities, written in a vocabulary of invented and real \
         English words whose frequencies follow Zipf’s law. It exists to measure how shelf \
         behaves on a collection of realistic size.[^1]\n\n## The first articles\n\n\
         | Article | Source | Date |\n| --- | --- | --- |\n",
        heads.len(),
        world.topics.len(),
        world.entities.len()
    );
    for head in heads.iter().take(10) {
        let _ = writeln!(
            body,
            "| [{}](@/articles/{}/) | {} | {} |",
            escape(&head.title),
            head.slug,
            head.source,
            head.published.to_iso()
        );
    }
    body.push_str("\n## When they were published\n\n```chart\narticles-per-year\n```\n");
    let topic = &world.topics[0];
    let _ = write!(
        body,
        "\n## Topics\n\nThe most common topic is [{}](@/topics/{}/).\n\n\
         [^1]: Every text is nonsense; only its shape is realistic.\n",
        topic.name, topic.slug
    );
    body
}

fn about_page(body: &str) -> String {
    format!(
        "+++\ntitle = \"About this collection\"\n\
         description = \"How the generated benchmark collection was made.\"\n+++\n\n{body}"
    )
}
