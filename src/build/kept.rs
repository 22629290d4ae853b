//! What builds keep for the next one, in memory ([`Cache`]): `shelf serve` holds one for
//! its whole session; a one-off build fills one from the memos on disk.

use std::path::Path;

use crate::error::Diagnostics;
use crate::load::{SourceCache, ThemeFiles};
use crate::parse::cache::ParseCache;
use crate::write::MinifyMemo;
use crate::{link, model, render};

/// What builds keep for the next one: the sources read (and what each file looked like on
/// disk), parse results by content hash, the articles modelled, what linking found per
/// document and article, the compiled theme until one of its files changes, and what each
/// page was rendered from. Every entry is checked against the current content (or, for a
/// source file, its size and times), so a cache can only make a build faster, never
/// different.
#[derive(Debug, Default)]
pub struct Cache {
    /// The last build's sources, read again only where a file changed.
    pub sources: SourceCache,
    /// Parsed article metadata and seed documents.
    pub parse: ParseCache,
    /// The last build's articles, reused where their inputs are unchanged.
    pub model: model::ModelCache,
    /// Mentions, terms and related articles found by earlier builds.
    pub(super) link: link::LinkCache,
    /// The last theme that compiled, with the hash of its name and files.
    pub(super) theme: Option<(blake3::Hash, render::Theme)>,
    /// Which minified page came from which rendered page: most pages are unchanged after
    /// an edit, and minifying is a large part of rendering.
    pub(super) minified: MinifyMemo,
    /// What each page of the last written build was rendered from, so an unchanged page
    /// is kept instead of rendered again.
    pub(super) rendered: render::memo::RenderMemo,
    /// The last written build's compressed EPUB chapters and documents.
    pub(super) epub: render::EpubMemo,
    /// The last written build's search postings, patched by the next build.
    pub(super) search: Option<render::SearchMemo>,
    /// The output's manifest as the last build wrote it, so the next need not read it back.
    pub(super) manifest: Option<crate::write::KeptManifest>,
    /// Whether to render kept pages anyway and check they did not change (see
    /// [`render::memo`]).
    pub(super) is_verifying: bool,
    /// Whether another build will use this cache; a one-off build keeps no minified copy
    /// of every page.
    pub(super) is_reused: bool,
    /// Whether a one-off build stores what it rendered in the build cache on disk (then
    /// `rendered` holds what the last one stored, possibly nothing).
    pub(super) is_stored: bool,
    /// Where a one-off build stores its link and search memos as soon as each is made.
    pub(super) tie: Option<super::memos::Tie>,
}

impl Cache {
    /// A cache for a series of builds (`shelf serve`): it also keeps every page's minified
    /// bytes. [`Cache::default`] is for one build.
    pub fn for_rebuilds() -> Cache {
        Cache {
            is_reused: true,
            is_verifying: render::memo::is_verifying(),
            link: link::LinkCache::for_rebuilds(),
            ..Cache::default()
        }
    }

    /// This cache, checking on every build that each page it keeps would render to the
    /// same bytes (an error names any that would not).
    pub fn verifying(self) -> Cache {
        Cache {
            is_verifying: true,
            ..self
        }
    }

    /// Forgets what was read and parsed from `path` (relative to the project root; a file or
    /// a folder), so the next build reads it again even if its size and times are unchanged.
    pub fn forget_file(&mut self, path: &Path) {
        self.sources.forget(path);
        self.parse.forget(path);
    }

    /// Forgets the compiled theme, so the next build compiles it again.
    pub fn forget_theme(&mut self) {
        self.theme = None;
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        let is_verifying = self.is_verifying;
        *self = if self.is_reused {
            Cache::for_rebuilds()
        } else {
            Cache::default()
        };
        self.is_verifying = is_verifying;
    }
}

/// [`render::compile_theme`], or the compiled theme kept (in `kept`) from the last build when
/// no template or static file changed.
pub(super) fn compile_theme(
    kept: &mut Option<(blake3::Hash, render::Theme)>,
    files: &ThemeFiles,
    theme_name: &str,
    diagnostics: &mut Diagnostics,
) -> Option<render::Theme> {
    let hash = render::theme_fingerprint(files, theme_name);
    if let Some((cached, theme)) = kept
        && *cached == hash
    {
        return Some(theme.clone());
    }
    let theme = render::compile_theme(files, theme_name, diagnostics);
    *kept = theme.clone().map(|theme| (hash, theme));
    theme
}
