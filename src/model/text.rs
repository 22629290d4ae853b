//! An article's text as the model hands it on: the structured [`Document`] the parse stage
//! made from its seed, with its [`Block`]s and their [`BlockKind`]s.
//!
//! The model does not copy the text into a type of its own (at 10,000 articles that would
//! copy every seed's text on every full build); it holds the parse stage's document, shared,
//! and names here the parts later stages read. `link` and `view` import them from the model,
//! the stage they take their input from, never from `parse`.

pub use crate::parse::text::{Block, BlockKind, CommentInfo, Document, heading_text};
