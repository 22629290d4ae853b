//! The search index: read back through its format, the way search.js reads it.

use std::collections::BTreeSet;

use serde_json::Value;
use shelf::render::search::{decode_articles, decode_postings, normalize, terms_of};

use crate::Fixture;

/// A built fixture's index, read like the script reads it: the manifest, then only the
/// shards a term needs.
struct Index<'a> {
    fixture: &'a Fixture,
    shards: Vec<String>,
    docs_per_shard: usize,
}

impl<'a> Index<'a> {
    fn open(fixture: &'a Fixture) -> Index<'a> {
        let manifest: Value =
            serde_json::from_str(&fixture.read("public/search/index.json")).unwrap();
        assert_eq!(manifest["version"], 2);
        let shards = manifest["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect();
        let docs_per_shard = manifest["docs_per_shard"].as_u64().unwrap() as usize;
        Index {
            fixture,
            shards,
            docs_per_shard,
        }
    }

    /// Article `number`'s result document, from the file of its shard.
    fn doc(&self, number: usize) -> Value {
        let shard = self.json(&format!("docs/{}.json", number / self.docs_per_shard));
        shard[number % self.docs_per_shard].clone()
    }

    fn json(&self, path: &str) -> Value {
        serde_json::from_str(&self.fixture.read(&format!("public/search/{path}"))).unwrap()
    }

    /// The shards that can hold `term` or words it begins.
    fn shards_for(&self, term: &str) -> Vec<usize> {
        let first = self
            .shards
            .iter()
            .rposition(|s| s.as_str() <= term)
            .unwrap_or(0);
        let mut last = first;
        while last + 1 < self.shards.len() && self.shards[last + 1].starts_with(term) {
            last += 1;
        }
        (first..=last).collect()
    }

    /// Article paths holding every term of `query` (each term or a word it begins).
    fn search(&self, query: &str) -> BTreeSet<String> {
        let mut found: Option<BTreeSet<u32>> = None;
        for term in terms_of(&normalize(query)) {
            let mut articles = BTreeSet::new();
            for shard in self.shards_for(term) {
                let shard = self.json(&format!("terms/{shard}.json"));
                for (key, postings) in shard.as_object().unwrap() {
                    if key.starts_with(term) {
                        let postings = decode_postings(postings.as_str().unwrap()).unwrap();
                        articles.extend(postings.iter().map(|&(article, _)| article));
                    }
                }
            }
            found = Some(match found {
                Some(before) => before.intersection(&articles).copied().collect(),
                None => articles,
            });
        }
        found
            .unwrap_or_default()
            .into_iter()
            .map(|n| self.doc(n as usize)["path"].as_str().unwrap().to_string())
            .collect()
    }
}

fn paths(list: &[&str]) -> BTreeSet<String> {
    list.iter()
        .map(|slug| format!("articles/{slug}/index.html"))
        .collect()
}

#[test]
fn every_article_is_found_by_each_word_of_its_text() {
    let fixture = Fixture::from_dir("search/basic");
    fixture.build().unwrap();
    let index = Index::open(&fixture);
    let manifest = index.json("index.json");
    let count = manifest["article_count"].as_u64().unwrap();
    assert_eq!(count, 3);
    for number in 0..count as usize {
        let doc = index.doc(number);
        let path = doc["path"].as_str().unwrap();
        let text = doc["text"].as_str().unwrap();
        assert!(!text.is_empty(), "{path} has its text for snippets");
        for word in text.split_whitespace() {
            assert!(
                index.search(word).contains(path),
                "`{word}` leads to {path}"
            );
        }
        assert!(index.search(doc["title"].as_str().unwrap()).contains(path));
    }
}

#[test]
fn prefixes_and_accents_match_words_they_begin_or_spell_differently() {
    let fixture = Fixture::from_dir("search/basic");
    fixture.build().unwrap();
    let index = Index::open(&fixture);
    let both = paths(&["guards", "markets"]);
    assert_eq!(index.search("hoer"), both, "a prefix finds whole words");
    assert_eq!(index.search("Hoeryong"), both, "no accent finds Hoeryŏng");
    assert_eq!(index.search("HOERYÖNG"), both, "any accent finds both");
    assert_eq!(index.search("cafes"), paths(&["markets"]));
    assert_eq!(
        index.search("tumen ice"),
        paths(&["guards"]),
        "every term must match"
    );
    assert_eq!(
        index.search("Border Weekly"),
        paths(&["guards"]),
        "the source is indexed"
    );
    assert!(index.search("tumen famine").is_empty());
}

#[test]
fn korean_text_is_indexed_as_character_pairs() {
    let fixture = Fixture::from_dir("search/basic");
    fixture.build().unwrap();
    let index = Index::open(&fixture);
    let letters = paths(&["letters"]);
    assert_eq!(
        index.search("회령"),
        letters,
        "a word with its particle cut off"
    );
    assert_eq!(index.search("두만강"), letters);
    assert_eq!(index.search("장마당 세대"), letters);
    assert_eq!(index.search("국경의 편지"), letters, "the title");
    assert_eq!(index.search("편"), letters, "one syllable is a prefix");
    assert!(index.search("두만강물").is_empty());
}

#[test]
fn search_page_and_header_form_use_relative_paths() {
    let fixture = Fixture::from_dir("search/basic");
    fixture.build().unwrap();
    let page = fixture.read("public/search/index.html");
    assert!(
        page.contains(r#"data-index="../search/index.json""#),
        "{page}"
    );
    assert!(page.contains(r#"<script src="../static/search."#), "{page}");
    assert!(page.contains("<noscript>"));
    let article = fixture.read("public/articles/guards/index.html");
    assert!(article.contains(r#"action="../../search/index.html" method="get""#));
    // The header searches as the reader types (#17), so every page loads the script; it
    // fetches nothing until the box is used.
    assert!(
        article.contains(r#"data-index="../../search/index.json" data-root="../../""#),
        "{article}"
    );
    assert!(article.contains(r#"<script src="../../static/search."#));
}

#[test]
fn filters_list_each_topic_and_year_with_their_articles() {
    let fixture = Fixture::from_dir("search/basic");
    fixture.build().unwrap();
    let index = Index::open(&fixture);
    let manifest = index.json("index.json");
    let facets = index.json("facets.json");
    let articles_of = |list: &Value| -> BTreeSet<String> {
        decode_articles(list.as_str().unwrap())
            .unwrap()
            .into_iter()
            .map(|n| index.doc(n as usize)["path"].as_str().unwrap().to_string())
            .collect()
    };
    let years: Vec<(u64, u64)> = manifest["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| (y[0].as_u64().unwrap(), y[1].as_u64().unwrap()))
        .collect();
    assert!(
        years.windows(2).all(|w| w[0].0 > w[1].0),
        "newest first: {years:?}"
    );
    for (year, count) in years {
        let found = articles_of(&facets["years"][year.to_string()]);
        assert_eq!(found.len() as u64, count, "{year}");
    }
    for topic in manifest["topics"].as_array().unwrap() {
        let slug = topic[0].as_str().unwrap();
        let found = articles_of(&facets["topics"][slug]);
        assert_eq!(found.len() as u64, topic[2].as_u64().unwrap(), "{slug}");
        for path in &found {
            let page = fixture.read(&format!("public/{path}"));
            assert!(
                page.contains(&format!("topics/{slug}/index.html")),
                "{path} is on {slug}"
            );
        }
    }
}

#[test]
fn index_is_deterministic_and_its_manifest_small() {
    let fixture = Fixture::from_dir("search/basic");
    fixture.build().unwrap();
    let first = fixture.snapshot("public/search");
    let again = fixture.build().unwrap();
    assert_eq!(fixture.snapshot("public/search"), first);
    assert_eq!(again.write.written, 0);
    let index = Index::open(&fixture);
    let manifest = fixture.read("public/search/index.json");
    let parsed = index.json("index.json");
    let listed =
        parsed["topics"].as_array().unwrap().len() + parsed["years"].as_array().unwrap().len();
    // The fixed part, then a few dozen bytes per topic and year.
    assert!(manifest.len() < 200 + 60 * listed, "{manifest}");
    insta::assert_snapshot!(serde_json::to_string_pretty(&index.doc(0)).unwrap(), @r#"
    {
      "date": "4 December 2023",
      "datetime": "2023-12-04",
      "path": "articles/guards/index.html",
      "source": "Border Weekly",
      "text": "Two soldiers left their post near Hoeryŏng in January.\nThey crossed the Tumen on the ice, carrying smuggled cigarettes.",
      "title": "The guards of Hoeryŏng"
    }
    "#);
}
