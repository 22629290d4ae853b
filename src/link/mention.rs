//! Mention: where an entity is first named in an article's text, as linking finds it and
//! its memo keeps it between builds.

/// The first mention of an entity in an article's text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArticleMention {
    /// Index into `collection.entities`.
    pub entity: usize,
    /// Block of the article's document.
    pub block: usize,
    /// Line within the block.
    pub line: usize,
    /// Byte range within the line.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}
