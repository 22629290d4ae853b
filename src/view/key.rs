//! Keys: a hash of exactly what one output file is made from, so a rebuild can tell it is
//! unchanged.
//!
//! Takes the parts an output reads (model values, view values, article fingerprints) and
//! returns a [`blake3::Hash`]. Every part is length-prefixed, so two different sequences of
//! parts never hash alike. The keys themselves are computed beside the views they describe
//! (each page family's file); the render stage's memo only stores and compares them.

use serde::Serialize;

use crate::link::ArticleMention;
use crate::model::Article;

/// Builds a key from parts.
pub struct KeyBuilder(blake3::Hasher);

impl KeyBuilder {
    /// A key for `kind` of output, on top of the site-wide key.
    pub fn new(site: &blake3::Hash, kind: &str) -> Self {
        let mut builder = KeyBuilder::empty();
        builder.hash(site).text(kind);
        builder
    }

    /// A key with no parts yet (the site-wide key starts here).
    pub fn empty() -> Self {
        KeyBuilder(blake3::Hasher::new())
    }

    /// Raw bytes.
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// A string.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    /// A number.
    pub fn number(&mut self, number: usize) -> &mut Self {
        self.0.update(&(number as u64).to_le_bytes());
        self
    }

    /// Another hash.
    pub fn hash(&mut self, hash: &blake3::Hash) -> &mut Self {
        self.0.update(hash.as_bytes());
        self
    }

    /// A list of indices.
    pub fn numbers(&mut self, numbers: &[usize]) -> &mut Self {
        self.number(numbers.len());
        for &number in numbers {
            self.number(number);
        }
        self
    }

    /// Where an article's entity mentions are: what its text's entity links are made from.
    pub fn mentions(&mut self, mentions: &[ArticleMention]) -> &mut Self {
        self.number(mentions.len());
        for m in mentions {
            self.number(m.entity)
                .number(m.block)
                .number(m.line)
                .number(m.start)
                .number(m.end);
        }
        self
    }

    /// A value through its `Debug` form: for model values that derive it and hold no
    /// unordered maps, so the form is the same on every run.
    pub fn debug(&mut self, value: &impl std::fmt::Debug) -> &mut Self {
        self.text(&format!("{value:?}"))
    }

    /// A view value through its JSON form: what the template sees.
    pub fn json(&mut self, value: &impl Serialize) -> &mut Self {
        let mut writer = HashWriter(&mut self.0);
        // Views always serialize; a failure would only make the key differ, so a page is
        // rendered again.
        let _ = serde_json::to_writer(&mut writer, value);
        self.0.update(&[0xff]);
        self
    }

    /// An article, by its fingerprint: what its summary view (title, date, topics' names,
    /// reading time…) is made from, given the site-wide inputs.
    pub fn article(&mut self, article: &Article) -> &mut Self {
        self.hash(&article.fingerprint)
    }

    /// An optional article.
    pub fn maybe_article(&mut self, article: Option<&Article>) -> &mut Self {
        match article {
            Some(article) => self.number(1).article(article),
            None => self.number(0),
        }
    }

    /// The key.
    pub fn finish(&self) -> blake3::Hash {
        self.0.finalize()
    }
}

struct HashWriter<'h>(&'h mut blake3::Hasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_length_prefixed() {
        let site = blake3::hash(b"site");
        let joined = KeyBuilder::new(&site, "k").text("ab").text("c").finish();
        let split = KeyBuilder::new(&site, "k").text("a").text("bc").finish();
        assert_ne!(joined, split);
        assert_eq!(
            joined,
            KeyBuilder::new(&site, "k").text("ab").text("c").finish()
        );
    }

    #[test]
    fn a_missing_article_differs_from_no_parts() {
        let site = blake3::hash(b"site");
        let none = KeyBuilder::new(&site, "k").maybe_article(None).finish();
        assert_ne!(none, KeyBuilder::new(&site, "k").finish());
    }
}
