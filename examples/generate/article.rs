//! One article's metadata: its head (slug, title, date, authors, topics, source), the
//! editor's notes, the structurer overrides, and the TOML file that holds them.
//!
//! Takes the [`World`] and the article's index; draws from the article's own two random
//! streams (one for the head, one for the body and the rest), so an article's text does not
//! change when others do. Dates span 1995–2024 at year, month or day precision.

use std::fmt::Write as _;

use super::body::{Body, Request};
use super::files::{multiline, quoted, quoted_list};
use super::random::Rng;
use super::world::{ARTICLE_STREAMS, ENTITY_COUNT, FIRST_YEAR, LAST_YEAR, TOPIC_COUNT, World};

/// A date at year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year.
    pub year: usize,
    /// The month, 1–12.
    pub month: Option<usize>,
    /// The day of the month.
    pub day: Option<usize>,
}

impl Date {
    /// A date from `first_year` to 2024: a year alone two times in ten, a month three, a day
    /// five.
    pub fn random(rng: &mut Rng, first_year: usize) -> Date {
        let year = rng.between(first_year, LAST_YEAR);
        let (month, day) = match rng.below(10) {
            0 | 1 => (None, None),
            2..=4 => (Some(rng.between(1, 12)), None),
            _ => {
                let month = rng.between(1, 12);
                (
                    Some(month),
                    Some(rng.between(1, days_in_month(year, month))),
                )
            }
        };
        Date { year, month, day }
    }

    /// `2023`, `2023-12` or `2023-12-04`.
    pub fn to_iso(self) -> String {
        match (self.month, self.day) {
            (Some(month), Some(day)) => format!("{:04}-{month:02}-{day:02}", self.year),
            (Some(month), None) => format!("{:04}-{month:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// The full date Hugo needs: the first of the month or of the year when unknown.
    pub fn to_full_iso(self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }
}

fn days_in_month(year: usize, month: usize) -> usize {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// An article's metadata, decided before any body is written so that notes and the timeline
/// can cite any article.
#[derive(Debug)]
pub struct Head {
    /// `a00042-stout-gravel`.
    pub slug: String,
    /// The headline.
    pub title: String,
    /// A second headline line, sometimes.
    pub subtitle: Option<String>,
    /// The original's date.
    pub published: Date,
    /// The original's authors.
    pub authors: Vec<String>,
    /// Topic indexes.
    pub topics: Vec<usize>,
    /// The source's name.
    pub source: String,
    /// The original's address, for most.
    pub url: Option<String>,
    /// One or two sentences.
    pub summary: String,
}

/// An article's editorial text, written with its body.
#[derive(Debug)]
pub struct Notes {
    /// Markdown, with `@/` links.
    pub editor_note: String,
    /// A warning, sometimes.
    pub content_note: Option<String>,
}

/// What an article's metadata tells the structurer (`[structure]`, `[[corrections]]`).
#[derive(Debug, Default)]
pub struct Overrides {
    /// `[[structure.lines]]` dropping the repeated headline, by its text.
    pub drop_title: Option<String>,
    /// `cut_at`.
    pub cut_at: Option<String>,
    /// `show_comments = false`.
    pub hide_comments: bool,
    /// One `[[corrections]]` of the planted misspelling.
    pub correction: Option<PlantedCorrection>,
}

/// A correction of a misspelling the body planted.
#[derive(Debug)]
pub struct PlantedCorrection {
    /// The misspelling, as in the seed.
    pub wrong: &'static str,
    /// The word meant.
    pub right: &'static str,
    /// Kept and marked `[sic]` rather than replaced.
    pub is_sic: bool,
}

impl Overrides {
    /// Half the repeated headlines dropped, three cuts in ten at `RECOMMENDATIONS`, comments
    /// hidden in some articles, and every planted misspelling corrected.
    pub fn decide(rng: &mut Rng, body: &Body) -> Overrides {
        let drop_title = body.title_line.clone().filter(|_| rng.percent(50));
        let cut_at =
            (body.has_recommendations && rng.percent(30)).then(|| "RECOMMENDATIONS".to_string());
        let hide_comments = body.has_comments && cut_at.is_none() && rng.percent(15);
        let correction = body.typo.map(|(wrong, right)| PlantedCorrection {
            wrong,
            right,
            is_sic: rng.percent(30),
        });
        Overrides {
            drop_title,
            cut_at,
            hide_comments,
            correction,
        }
    }
}

impl World {
    /// Article `index`'s body, and its random stream for the rest of its metadata.
    pub fn body(&self, seed: u64, index: usize, count: usize, head: &Head) -> (Rng, Body) {
        let mut rng = Rng::new(seed, ARTICLE_STREAMS + 2 * index as u64 + 1);
        let must_mention: Vec<usize> = (index..ENTITY_COUNT).step_by(count.max(1)).collect();
        let body = Body::write(
            &self.lexicon,
            &mut rng,
            &Request {
                title: &head.title,
                authors: &head.authors,
                source: &head.source,
                must_mention: &must_mention,
                places: &self.places,
            },
        );
        (rng, body)
    }

    /// Article `index`'s head.
    pub fn head(&self, seed: u64, index: usize, count: usize) -> Head {
        let mut rng = Rng::new(seed, ARTICLE_STREAMS + 2 * index as u64);
        let digits = count.to_string().len().max(5);
        let slug = format!(
            "a{:0digits$}-{}-{}",
            index + 1,
            rng.choose(&self.vocabulary.synthetic),
            rng.choose(&self.vocabulary.synthetic)
        );
        let title = self.lexicon.headline(&mut rng);
        let subtitle = rng
            .percent(30)
            .then(|| self.lexicon.phrase(&mut rng, 6, 14));
        let published = Date::random(&mut rng, FIRST_YEAR);
        let mut authors = Vec::new();
        if rng.percent(85) {
            for _ in 0..if rng.percent(25) { 2 } else { 1 } {
                let author = &self.authors[self.author_zipf.sample(&mut rng)];
                if !authors.contains(author) {
                    authors.push(author.clone());
                }
            }
        }
        let mut topics: Vec<usize> = (index..TOPIC_COUNT).step_by(count.max(1)).collect();
        let wanted = rng.between(1, 4).max(topics.len());
        while topics.len() < wanted {
            let topic = self.topic_zipf.sample(&mut rng);
            if !topics.contains(&topic) {
                topics.push(topic);
            }
        }
        let publication = &self.publications[self.publication_zipf.sample(&mut rng)];
        let url = rng.percent(80).then(|| {
            format!(
                "https://{}/{}/{}",
                publication.host,
                published.year,
                &slug[digits + 2..]
            )
        });
        let summary_sentences = rng.between(1, 2);
        Head {
            slug,
            title,
            subtitle,
            published,
            authors,
            topics,
            source: publication.name.clone(),
            url,
            summary: self.lexicon.prose(&mut rng, summary_sentences),
        }
    }

    /// The editor's note (sometimes citing another article or a topic) and the content note.
    pub fn notes(&self, rng: &mut Rng, index: usize, heads: &[Head]) -> Notes {
        let mut paragraphs = Vec::new();
        for _ in 0..rng.between(1, 2) {
            let count = rng.between(2, 5);
            paragraphs.push(self.lexicon.prose(rng, count));
        }
        if heads.len() > 1 && rng.percent(30) {
            let other = (index + 1 + rng.below(heads.len() - 1)) % heads.len();
            let _ = write!(
                paragraphs[0],
                " Read it beside [{}](@/articles/{}/).",
                super::blocks::escape(&heads[other].title),
                heads[other].slug
            );
        }
        if rng.percent(10) {
            let topic = &self.topics[heads[index].topics[0]];
            if let Some(last) = paragraphs.last_mut() {
                let _ = write!(
                    last,
                    " More under [{}](@/topics/{}/).",
                    topic.name, topic.slug
                );
            }
        }
        if rng.percent(5) {
            paragraphs.push("*The date is the editor’s inference.*".to_string());
        }
        let content_note = rng.percent(10).then(|| self.lexicon.prose(rng, 1));
        Notes {
            editor_note: paragraphs.join("\n\n"),
            content_note,
        }
    }

    /// `content/articles/<slug>.toml`.
    pub fn article_toml(
        &self,
        head: &Head,
        seed_name: &str,
        notes: &Notes,
        overrides: &Overrides,
    ) -> String {
        let mut toml = String::new();
        let _ = writeln!(toml, "seed = {}", quoted(seed_name));
        let _ = writeln!(toml, "title = {}", quoted(&head.title));
        if let Some(subtitle) = &head.subtitle {
            let _ = writeln!(toml, "subtitle = {}", quoted(subtitle));
        }
        let _ = writeln!(toml, "published = {}", quoted(&head.published.to_iso()));
        if !head.authors.is_empty() {
            let _ = writeln!(toml, "authors = {}", quoted_list(&head.authors));
        }
        let topics: Vec<&str> = head
            .topics
            .iter()
            .map(|&t| self.topics[t].slug.as_str())
            .collect();
        let _ = writeln!(toml, "topics = {}", quoted_list(&topics));
        let _ = writeln!(toml, "summary = {}", quoted(&head.summary));
        let _ = writeln!(toml, "language = \"en\"");
        let _ = writeln!(toml, "editor_note = {}", multiline(&notes.editor_note));
        if let Some(note) = &notes.content_note {
            let _ = writeln!(toml, "content_note = {}", quoted(note));
        }
        let _ = write!(toml, "\n[source]\nname = {}\n", quoted(&head.source));
        if let Some(url) = &head.url {
            let _ = writeln!(toml, "url = {}", quoted(url));
        }
        if overrides.drop_title.is_some() || overrides.cut_at.is_some() || overrides.hide_comments {
            toml.push_str("\n[structure]\n");
            if let Some(marker) = &overrides.cut_at {
                let _ = writeln!(toml, "cut_at = {}", quoted(marker));
            }
            if overrides.hide_comments {
                toml.push_str("show_comments = false\n");
            }
            if let Some(line) = &overrides.drop_title {
                let _ = write!(
                    toml,
                    "\n[[structure.lines]]\nprefix = {}\nkind = \"drop\"\n",
                    quoted(line)
                );
            }
        }
        if let Some(correction) = &overrides.correction {
            let _ = write!(
                toml,
                "\n[[corrections]]\nfind = {}\n",
                quoted(correction.wrong)
            );
            match correction.is_sic {
                false => {
                    let _ = write!(
                        toml,
                        "replace = {}\nnote = \"misspelled in the original\"\n",
                        quoted(correction.right)
                    );
                }
                true => {
                    let _ = write!(
                        toml,
                        "sic = true\nnote = \"“{}” is meant\"\n",
                        correction.right
                    );
                }
            }
        }
        toml
    }
}
