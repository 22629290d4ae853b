//! View: the site graph → the data every output shows, as plain serializable structs.
//!
//! Takes the linked [`Site`](crate::link::Site); returns the `*View` structs templates
//! receive, and beside each view the key that says when it changed. Pure: no templates, no
//! files, no output; Markdown and highlighting ([`markdown`], [`highlight`]) make the
//! views' `*_html` fields here. Templates never see model types, so renaming a model field
//! cannot break a theme. Every path in a view is relative to the site root
//! (`articles/x/index.html`, all spelled in [`paths`]); templates prefix it with `root`,
//! the page's way back to the root (`../../`), so the output works at a domain's root,
//! under a sub-path and from disk.
//!
//! One file per page family, each with its views, the inputs it gathers, its key and its
//! constructor: [`article`] (article pages, feed entries and EPUB chapters), [`lists`]
//! (home, the topic index, Markdown pages, search, 404), [`topic`], [`reference`](mod@reference) (entity
//! pages, the timeline), [`provenance`] (each article's seed as copied, line by line),
//! [`chart`] (data figures), [`citation`] (citations, JSON-LD, the `.bib` and `.ris`
//! files) and [`site`] (what every page shares, and the site key). [`jobs`] lists the pages
//! and dispatches each to its family; [`page`] is the frame every page shares; [`text`]
//! turns an article's blocks into views; [`key`] hashes parts into keys.

pub mod article;
pub mod chart;
pub mod citation;
pub mod heading_id;
pub mod highlight;
pub mod jobs;
pub mod key;
pub mod lists;
pub mod markdown;
pub mod page;
pub mod pagination;
pub mod paths;
pub mod provenance;
pub mod reference;
pub mod sanitize;
pub mod site;
pub mod strings;
pub mod text;
pub mod topic;
