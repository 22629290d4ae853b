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
//! view     Site                 → Views (what each page shows, and its key; no templates)
//! render   Views + Theme        → Rendered (pages, feeds, search index, EPUB: bytes, via tera)
//! write    Rendered             → the output folder (only changed files)
//! ```
//!
//! [`build`] runs the stages in order ([`inspect`] stops after `parse`); [`error`]
//! holds the diagnostics every stage reports; [`schema`] checks TOML against the keys a
//! `Raw*` struct accepts. [`cache`] records what a build read and wrote, so that `shelf
//! build` with nothing changed stops before loading anything. [`serve`] watches the
//! sources, rebuilds through a [`build::Cache`] and serves the result with live reload;
//! [`scaffold`] is `shelf new`, [`init`] is `shelf init`; [`cli`] maps the command line
//! onto all of these. The raw-text structurer is [`parse::text`].
//! To find where a page's data comes from, open its family's file in [`view`]:
//! [`view::article`], [`view::lists`], [`view::topic`], [`view::reference`],
//! [`view::citation`], [`view::provenance`] (the as-copied page) or [`view::site`]. Each
//! holds the `*View` structs its templates receive, the inputs its constructor gathers from
//! the site graph, and the key hashed from those same inputs; [`view::jobs`] lists every
//! page and which family builds it, and [`view::paths`] every URL. [`render`] only turns
//! views into bytes through the theme.
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
pub mod cache;
pub mod cli;
pub mod config;
pub mod console;
pub mod error;
pub mod external;
pub mod init;
pub mod inspect;
pub mod link;
pub mod load;
pub mod model;
pub mod parse;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod timing;
pub mod view;
pub mod write;
pub mod xml_char;

pub use error::{Error, Result};
