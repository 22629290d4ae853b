//! The model cache: the articles of the last build, reused when their inputs are unchanged.
//!
//! Takes the collection a build used and keeps its articles (with the warnings building
//! each gave); hands one back to the next build only when its fingerprint matches the
//! current metadata and document, so reusing gives exactly what building again would.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use super::article::{Article, article_fingerprint};
use super::collection::Collection;
use super::text::Document;
use crate::error::Diagnostic;
use crate::load::SourceFile;
use crate::parse::meta::RawArticle;

/// Articles of the last build, reused when what they were made from is unchanged.
///
/// An article is kept with the warnings building it gave, and reused only when its
/// [`Article::fingerprint`] (metadata path and content, seed name, document fingerprint)
/// matches the current inputs: building it again would give the same article and the same
/// warnings. Articles with errors are never kept, so a broken article is checked again, and
/// reports the same errors, on every build.
#[derive(Debug, Default)]
pub struct ModelCache {
    /// The last build's articles (drafts left out included), by metadata path.
    kept: HashMap<PathBuf, KeptArticle>,
    /// The warnings of this build's articles, by metadata path (none: no entry).
    warnings: HashMap<PathBuf, Vec<Diagnostic>>,
    /// This build's drafts, left out of the collection.
    left_out: Vec<Article>,
}

#[derive(Debug)]
struct KeptArticle {
    article: Article,
    warnings: Vec<Diagnostic>,
}

impl ModelCache {
    /// Keeps the articles of the collection the build just used, for the next build.
    pub fn keep(&mut self, collection: Collection) {
        let mut warnings = std::mem::take(&mut self.warnings);
        self.kept = collection
            .articles
            .into_iter()
            .chain(std::mem::take(&mut self.left_out))
            .map(|article| {
                let warnings = warnings.remove(&article.meta_path).unwrap_or_default();
                let path = article.meta_path.clone();
                (path, KeptArticle { article, warnings })
            })
            .collect();
    }

    /// How many articles are kept.
    pub fn article_count(&self) -> usize {
        self.kept.len()
    }

    /// Records the warnings building the article of `path` gave, to keep with it.
    pub(super) fn record_warnings(&mut self, path: PathBuf, warnings: Vec<Diagnostic>) {
        self.warnings.insert(path, warnings);
    }

    /// Keeps a draft the collection leaves out, so the next build can reuse it.
    pub(super) fn leave_out(&mut self, article: Article) {
        self.left_out.push(article);
    }

    /// The article built from `file` in the last build, with its warnings, if it was made from
    /// the same inputs, sharing its document from `documents` as building it would.
    pub(super) fn reuse(
        &mut self,
        file: &SourceFile,
        raw: &RawArticle,
        documents: &BTreeMap<String, Arc<Document>>,
    ) -> Option<(Article, Vec<Diagnostic>)> {
        // One lookup in each map when the article is reused (nearly always); put back
        // otherwise.
        let (path, kept) = self.kept.remove_entry(&file.path)?;
        let seed_name = raw.seed.get_ref();
        let Some(document) = documents.get(seed_name).cloned() else {
            self.kept.insert(path, kept);
            return None;
        };
        if kept.article.fingerprint != article_fingerprint(file, seed_name, &document) {
            self.kept.insert(path, kept);
            return None;
        }
        let KeptArticle {
            mut article,
            warnings,
        } = kept;
        article.document = document;
        Some((article, warnings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::article::tests::article_for_tests;
    use crate::parse::meta::parse_article;
    use crate::parse::text::{StructureRules, structure_text};

    #[test]
    fn an_article_is_reused_only_while_its_inputs_are_unchanged() {
        let article = article_for_tests("a", &["attention"]);
        let meta = SourceFile::new(
            "content/articles/a.toml",
            "seed = \"one.txt\"\ntitle = \"A\"\nsummary = \"S\"\npublished = \"2020\"\ntopics = []\n",
        );
        let raw = parse_article(&meta).expect("the metadata parses");
        let (document, _) = structure_text("Some text.\n", &StructureRules::default());
        let document = Arc::new(document);
        let documents = BTreeMap::from([("one.txt".to_string(), Arc::clone(&document))]);
        let kept = Article {
            fingerprint: article_fingerprint(&meta, "one.txt", &document),
            ..article
        };
        let mut cache = ModelCache::default();
        cache.keep(Collection {
            articles: vec![kept.clone()],
            ..Collection::default()
        });
        assert_eq!(cache.article_count(), 1);
        let (reused, warnings) = cache.reuse(&meta, &raw, &documents).expect("unchanged");
        assert_eq!(reused.fingerprint, kept.fingerprint);
        assert!(warnings.is_empty());
        // Taken once: a second lookup in the same build finds nothing.
        assert!(cache.reuse(&meta, &raw, &documents).is_none());

        cache.keep(Collection {
            articles: vec![kept],
            ..Collection::default()
        });
        let (edited, _) = structure_text("Other text.\n", &StructureRules::default());
        let edited = BTreeMap::from([("one.txt".to_string(), Arc::new(edited))]);
        assert!(cache.reuse(&meta, &raw, &edited).is_none());
        assert_eq!(cache.article_count(), 1, "a changed article stays kept");
    }
}
