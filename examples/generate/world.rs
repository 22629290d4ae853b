//! What every article shares: the vocabulary, 40 topics, 300 entities (with the names and
//! aliases texts use for them), 150 authors and 60 publications, and their TOML files.
//!
//! Takes the seed; returns a [`World`] drawn from its own random stream, so the shared parts
//! of a collection do not depend on the number of articles. Names are distinct across all
//! entities and aliases (shelf rejects a name that points to two entities), and no one-word
//! name is also a vocabulary word.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::body::Lexicon;
use super::files::{quoted, quoted_list};
use super::random::{Rng, Zipf};
use super::words::{
    Vocabulary, breve_spelling, capitalize, organisation_name, person_name, place_name,
    publication_name, slugify, term_name,
};

pub const TOPIC_COUNT: usize = 40;
pub const ENTITY_COUNT: usize = 300;
const AUTHOR_COUNT: usize = 150;
const PUBLICATION_COUNT: usize = 60;
const SYNTHETIC_WORDS: usize = 3000;
pub const FIRST_YEAR: usize = 1995;
pub const LAST_YEAR: usize = 2024;

/// Random streams: one for the shared world, one for the timeline, and per article one for
/// its metadata and one for its body (`ARTICLE_STREAMS + 2 × index (+ 1)`).
pub const WORLD_STREAM: u64 = 0;
pub const TIMELINE_STREAM: u64 = 1;
pub const ARTICLE_STREAMS: u64 = 16;

/// A topic of the collection.
#[derive(Debug)]
pub struct Topic {
    /// The slug, also the Hugo term's URL.
    pub slug: String,
    /// The display name.
    pub name: String,
    /// A paragraph of Markdown.
    pub description: String,
}

/// A person, place, organisation or term.
#[derive(Debug)]
pub struct Entity {
    /// The key in `entities.toml`.
    pub slug: String,
    /// `person`, `place`, `organisation` or `term`.
    pub kind: &'static str,
    /// The name, then the aliases.
    pub names: Vec<String>,
    /// A few sentences.
    pub description: String,
}

/// A source publication.
#[derive(Debug)]
pub struct Publication {
    /// `The Gravel Review`.
    pub name: String,
    /// `the-gravel-review.example.com`.
    pub host: String,
}

/// What every article shares.
pub struct World {
    /// The words, for slugs.
    pub vocabulary: Vocabulary,
    /// The words and names, for text.
    pub lexicon: Lexicon,
    /// The topics, most used first.
    pub topics: Vec<Topic>,
    /// Zipf over `topics`.
    pub topic_zipf: Zipf,
    /// The entities.
    pub entities: Vec<Entity>,
    /// Names of places written in ASCII, for datelines.
    pub places: Vec<String>,
    /// The authors, most prolific first.
    pub authors: Vec<String>,
    /// Zipf over `authors`.
    pub author_zipf: Zipf,
    /// The publications, most cited first.
    pub publications: Vec<Publication>,
    /// Zipf over `publications`.
    pub publication_zipf: Zipf,
}

impl World {
    /// The shared parts of every collection generated with `seed`.
    pub fn new(seed: u64) -> World {
        let mut rng = Rng::new(seed, WORLD_STREAM);
        let vocabulary = Vocabulary::new(&mut rng, SYNTHETIC_WORDS);
        let mut taken: BTreeSet<String> = BTreeSet::new();
        let mut slugs: BTreeSet<String> = BTreeSet::new();
        let mut entities = Vec::with_capacity(ENTITY_COUNT);
        for index in 0..ENTITY_COUNT {
            let kind = match index * 100 / ENTITY_COUNT {
                0..=29 => "person",
                30..=64 => "place",
                65..=84 => "organisation",
                _ => "term",
            };
            let (name, aliases) = loop {
                let (name, aliases) = entity_names(&mut rng, kind);
                // A one-word name that is also a vocabulary word would be matched wherever
                // that word starts a sentence.
                let is_word = kind != "person" && !name.contains(' ') && vocabulary.contains(&name);
                let is_free = !(taken.contains(&name) || is_word);
                if is_free {
                    let aliases: Vec<String> = aliases
                        .into_iter()
                        .filter(|a| *a != name && !taken.contains(a))
                        .collect();
                    break (name, aliases);
                }
            };
            taken.insert(name.clone());
            taken.extend(aliases.iter().cloned());
            let mut slug = slugify(&name);
            if slug.is_empty() {
                slug = format!("{kind}-{index}");
            }
            while !slugs.insert(slug.clone()) {
                slug.push_str("-2");
            }
            let mut names = vec![name];
            names.extend(aliases);
            entities.push(Entity {
                slug,
                kind,
                names,
                description: String::new(),
            });
        }
        let mut by_rank: Vec<usize> = (0..ENTITY_COUNT).collect();
        for i in (1..by_rank.len()).rev() {
            let j = rng.below(i + 1);
            by_rank.swap(i, j);
        }
        let people: Vec<usize> = by_rank
            .iter()
            .copied()
            .filter(|&e| entities[e].kind == "person")
            .collect();
        let places: Vec<String> = entities
            .iter()
            .filter(|e| e.kind == "place" && e.names[0].is_ascii())
            .map(|e| e.names[0].clone())
            .collect();
        let lexicon = Lexicon::new(
            vocabulary.ranked.clone(),
            entities.iter().map(|e| e.names.clone()).collect(),
            by_rank,
            people,
        );
        for entity in &mut entities {
            let sentences = rng.between(1, 3);
            entity.description = lexicon.prose(&mut rng, sentences);
        }

        let mut topics = Vec::with_capacity(TOPIC_COUNT);
        let mut topic_slugs = BTreeSet::new();
        while topics.len() < TOPIC_COUNT {
            let name = format!(
                "{} {}",
                capitalize(rng.choose(&vocabulary.synthetic).as_str()),
                rng.choose(&vocabulary.synthetic)
            );
            let slug = slugify(&name);
            if topic_slugs.insert(slug.clone()) {
                let count = rng.between(2, 3);
                topics.push(Topic {
                    slug,
                    name,
                    description: lexicon.prose(&mut rng, count),
                });
            }
        }
        let mut authors: BTreeSet<String> = BTreeSet::new();
        let mut author_list = Vec::with_capacity(AUTHOR_COUNT);
        while author_list.len() < AUTHOR_COUNT {
            let name = person_name(&mut rng);
            if authors.insert(name.clone()) {
                author_list.push(name);
            }
        }
        let mut hosts = BTreeSet::new();
        let mut publications = Vec::with_capacity(PUBLICATION_COUNT);
        while publications.len() < PUBLICATION_COUNT {
            let name = publication_name(&mut rng);
            let host = format!("{}.example.com", slugify(&name));
            if hosts.insert(host.clone()) {
                publications.push(Publication { name, host });
            }
        }
        World {
            vocabulary,
            lexicon,
            topic_zipf: Zipf::new(topics.len()),
            topics,
            entities,
            places,
            author_zipf: Zipf::new(author_list.len()),
            authors: author_list,
            publication_zipf: Zipf::new(publications.len()),
            publications,
        }
    }

    /// `content/topics.toml`.
    pub fn topics_toml(&self) -> String {
        let mut toml = String::from("# The topics of the generated collection.\n");
        for topic in &self.topics {
            let _ = write!(
                toml,
                "\n[{}]\nname = {}\ndescription = {}\n",
                topic.slug,
                quoted(&topic.name),
                quoted(&topic.description)
            );
        }
        toml
    }

    /// `content/entities.toml`.
    pub fn entities_toml(&self) -> String {
        let mut toml = String::from(
            "# People, places, organisations and terms of the generated collection; every\n\
             # name and alias occurs in at least one seed.\n",
        );
        for entity in &self.entities {
            let _ = write!(
                toml,
                "\n[{}]\nname = {}\nkind = \"{}\"\naliases = {}\ndescription = {}\n",
                entity.slug,
                quoted(&entity.names[0]),
                entity.kind,
                quoted_list(&entity.names[1..]),
                quoted(&entity.description)
            );
        }
        toml
    }
}

/// A name of `kind` and the aliases a text may use for it.
fn entity_names(rng: &mut Rng, kind: &str) -> (String, Vec<String>) {
    match kind {
        "person" => {
            let name = person_name(rng);
            let mut words = name.split(' ');
            let (first, second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
            let alias = if first.chars().all(|c| c.is_uppercase()) {
                // `ISHIMARU Jiro` is `Jiro Ishimaru` elsewhere.
                Some(format!("{second} {}", capitalize(&first.to_lowercase())))
            } else if second.contains('-') {
                Some(format!("{first} {}", second.replace('-', "")))
            } else {
                None
            };
            (
                name,
                alias.filter(|_| rng.percent(40)).into_iter().collect(),
            )
        }
        "place" => {
            let name = place_name(rng);
            let alias = breve_spelling(&name).filter(|_| rng.percent(70));
            (name, alias.into_iter().collect())
        }
        "organisation" => {
            let (name, acronym) = organisation_name(rng);
            (
                name,
                Some(acronym)
                    .filter(|_| rng.percent(50))
                    .into_iter()
                    .collect(),
            )
        }
        _ => (term_name(rng), Vec::new()),
    }
}
