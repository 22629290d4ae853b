//! shelf: a static site generator for curated reading collections.
//!
//! The library is one pipeline, each stage a module with one job that takes the previous
//! stage's output and returns plain data:
//!
//! ```text
//! config   site.toml            → SiteConfig
//! load     seeds/, content/, themes/ → Sources (text and bytes, nothing parsed)
//! parse    Sources              → Parsed (metadata structs, seed documents; with spans)
//! model    Parsed               → Collection (articles, topics, pages, entities, timeline, data)
//! link     Collection           → Site (topic indexes, neighbours, related articles, mentions)
//! render   Site + Theme         → Rendered (pages, feeds, search index, EPUB: bytes, via tera)
//! write    Rendered             → the output folder (only changed files)
//! ```
//!
//! [`build`] runs the stages in order (and `inspect`, which stops after `parse`); [`error`]
//! holds the diagnostics every stage reports; [`schema`] checks TOML against the keys a
//! `Raw*` struct accepts. [`serve`] watches the sources, rebuilds through a [`build::Cache`]
//! and serves the result with live reload; [`scaffold`] is `shelf new`; [`cli`] maps the
//! command line onto all of these. The raw-text structurer is [`parse::text`].
//! To find where a page's data comes from, start at [`render::view`]: each `*View` struct is
//! what one template receives, and its constructor names the model fields it reads.
//!
//! ```no_run
//! use shelf::build::{BuildOptions, build};
//! use shelf::config::Overrides;
//!
//! let options = BuildOptions { root: "tests/fixtures/build/basic".into(), overrides: Overrides::default() };
//! let report = build(&options).expect("the fixture builds");
//! println!("{} pages", report.page_count);
//! ```

#![warn(missing_docs, unreachable_pub)]

pub mod build;
pub mod cli;
pub mod config;
pub mod console;
pub mod error;
pub mod link;
pub mod load;
pub mod model;
pub mod parse;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod timing;
pub mod write;

pub use error::{Error, Result};
