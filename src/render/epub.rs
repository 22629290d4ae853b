//! EPUB: the whole collection as one EPUB 3 book, `collection.epub`.
//!
//! Takes the site-wide views and the build's templates; returns the book's bytes. Every document in it comes from
//! the theme's `epub/` templates (title page, navigation, one chapter per article with its
//! editor's note, structured text and source, the topics, each Markdown page); Rust only
//! packs them into the ZIP container the format requires: `mimetype` first and stored, then
//! the rest deflated, all with a fixed timestamp so the same input gives the same bytes.
//! Links out of the book are absolute (to the published site).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Write};
use std::sync::Arc;

use rayon::prelude::*;

use serde::Serialize;
use tera::Context;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::memo::changed_while_kept;
use super::theme::Templates;
use super::xml_output::checked_epub_document;
use crate::error::Diagnostic;
use crate::view::article::{ArticleInputs, detached};
use crate::view::key::KeyBuilder;
use crate::view::markdown::{LinkBase, render_markdown};
use crate::view::paths;
use crate::view::site::{DateView, TopicView, Views};

/// One document of the book, in reading order.
#[derive(Debug, Clone, Serialize)]
struct Item {
    /// Manifest id.
    id: String,
    /// Path inside `EPUB/`.
    href: String,
    /// Title for the navigation.
    title: String,
    /// Manifest properties: `svg` when the document holds an inline chart.
    properties: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct Book {
    identifier: String,
    title: String,
    description: String,
    language: String,
    editor: String,
    /// `dcterms:modified`: the newest article's date, so the value is stable across builds.
    modified: String,
    items: Vec<Item>,
}

/// Renders the book; with `memo` (the last written build's chunks, and the site-wide key),
/// unchanged chunks of chapters are reused (`is_verifying`: rendered all the same, and an
/// error if one changed). Returns the book and this build's chunks.
///
/// # Errors
/// Template errors, with the template's name and line.
pub(super) fn render_epub(
    shared: &Views<'_>,
    templates: &Templates<'_>,
    memo: Option<(&EpubMemo, &blake3::Hash)>,
    is_verifying: bool,
) -> Result<(Vec<u8>, EpubMemo), Vec<Diagnostic>> {
    let started = std::time::Instant::now();
    let config = shared.site.config;
    let mut documents = Documents {
        templates,
        memo,
        is_verifying,
        errors: Vec::new(),
        kept: HashMap::new(),
    };
    let mut items = vec![Item {
        id: "title".into(),
        href: "title.xhtml".into(),
        title: config.title.clone(),
        properties: None,
    }];
    let in_book = book_size(shared);
    let entries: Vec<BookEntryView> = shared
        .summaries
        .iter()
        .take(in_book)
        .map(|summary| BookEntryView {
            slug: summary.slug.clone(),
            title: summary.title.clone(),
            source_name: summary.source_name.clone(),
            published: summary.published.clone(),
        })
        .collect();
    let title_part = documents.render("epub/title.xhtml", "title.xhtml", &[("articles", &entries)]);
    crate::timing::report("epub: title page", started);

    let chapters_started = std::time::Instant::now();
    let chapters = render_chapters(shared, templates, in_book, memo, is_verifying);
    crate::timing::report("epub: chapters", chapters_started);
    let (chapter_errors, chapter_parts, kept_chapters) = gather_chapters(chapters, &mut items);

    let mut tail_parts = render_topics_and_pages(shared, &entries, &mut documents, &mut items);
    let book = book(shared, items);
    for (template, href) in [
        ("epub/package.opf", "package.opf"),
        ("epub/nav.xhtml", "nav.xhtml"),
        ("epub/style.css", "style.css"),
    ] {
        tail_parts.push(documents.render(template, href, &[("book", &book)]));
    }
    let Documents {
        mut errors, kept, ..
    } = documents;
    let container = render_container(templates, &book, &mut errors);
    errors.extend(chapter_errors);
    let (Some(container), true) = (container, errors.is_empty()) else {
        return Err(errors);
    };
    let kept = EpubMemo {
        chapters: kept_chapters,
        documents: kept,
    };
    // Every document rendered (a template error returned above), so none is missing here.
    let parts = title_part
        .iter()
        .map(borrowed)
        .chain(chapter_parts.iter().map(|part| {
            part.as_ref()
                .map(|done| Cow::Borrowed(done.compressed.as_slice()))
                .map_err(clone_error)
        }))
        .chain(tail_parts.iter().flatten().map(borrowed));
    crate::timing::measure("epub: pack", || pack(&container, parts))
        .map(|book| (book, kept))
        .map_err(|e| vec![Diagnostic::error(format!("cannot pack the EPUB: {e}"))])
}

/// The book's documents other than chapters: each is compressed on its own, and kept from
/// the last build when its key (the site-wide key and its whole context) is unchanged.
struct Documents<'t, 'm> {
    templates: &'t Templates<'t>,
    memo: Option<(&'m EpubMemo, &'m blake3::Hash)>,
    is_verifying: bool,
    errors: Vec<Diagnostic>,
    /// This build's compressed documents, by key.
    kept: HashMap<blake3::Hash, Arc<Vec<u8>>>,
}

impl Documents<'_, '_> {
    /// Renders `template` with `values` into the document at `href` (or takes it from the
    /// memo); `None` after a template error, which is kept in `errors`.
    fn render(
        &mut self,
        template: &str,
        href: &str,
        values: &[(&str, &dyn ContextValue)],
    ) -> Option<zip::result::ZipResult<Arc<Vec<u8>>>> {
        let key = self.memo.map(|(_, site_key)| {
            let mut key = KeyBuilder::new(site_key, href);
            key.text(template);
            for (name, value) in values {
                key.text(name);
                value.add_to_key(&mut key);
            }
            key.finish()
        });
        let known = self
            .memo
            .zip(key)
            .and_then(|((previous, _), key)| previous.documents.get(&key).cloned());
        if let (Some(done), Some(key), false) = (&known, key, self.is_verifying) {
            self.kept.insert(key, done.clone());
            return Some(Ok(done.clone()));
        }
        let mut context = Context::new();
        for (name, value) in values {
            value.add_to_context(name, &mut context);
        }
        match self.templates.render(template, &context) {
            Ok(text) => {
                let entry = format!("EPUB/{href}");
                let text = checked_epub_document(&entry, template, text, &mut self.errors);
                let part = compress(&[(href.to_string(), text)]).map(Arc::new);
                if let (Some(known), Ok(part)) = (&known, &part)
                    && known != part
                {
                    self.errors
                        .push(changed_while_kept(&format!("EPUB document `{href}`")));
                }
                if let (Some(key), Ok(part)) = (key, &part) {
                    self.kept.insert(key, part.clone());
                }
                Some(part)
            }
            Err(error) => {
                self.errors.push(error);
                None
            }
        }
    }
}

/// How many articles the book holds: the newest `[outputs] epub_articles` (articles are
/// sorted newest first, so they are the first ones).
fn book_size(shared: &Views<'_>) -> usize {
    let limit = shared.site.config.outputs.epub_articles;
    shared.site.collection.articles.len().min(limit)
}

/// The first `in_book` articles' chapters render and compress in parallel, a chunk at a
/// time, so memory holds a chunk's XHTML rather than the whole book's; the book keeps the
/// collection's order. With a memo, a chunk whose chapters are all unchanged is taken from
/// the last build as it is.
fn render_chapters(
    shared: &Views<'_>,
    templates: &Templates<'_>,
    in_book: usize,
    memo: Option<(&EpubMemo, &blake3::Hash)>,
    is_verifying: bool,
) -> Vec<ChapterChunk> {
    shared.site.collection.articles[..in_book]
        .par_chunks(DOCUMENTS_PER_TASK)
        .enumerate()
        .map(|(chunk_index, chunk)| {
            let first = chunk_index * DOCUMENTS_PER_TASK;
            let key = memo.map(|(_, site_key)| chunk_key(shared, site_key, first, chunk.len()));
            let kept = memo
                .zip(key)
                .and_then(|((previous, _), key)| previous.chapters.get(&key));
            if let Some(done) = kept.filter(|_| !is_verifying) {
                return ChapterChunk {
                    key,
                    errors: Vec::new(),
                    done: Ok(done.clone()),
                };
            }
            let mut errors = Vec::new();
            let done = render_chunk(shared, templates, first, chunk, &mut errors);
            if let (Some(kept), Ok(done)) = (kept, &done)
                && kept.compressed != done.compressed
            {
                errors.push(changed_while_kept(&format!("EPUB chapters {first}..")));
            }
            ChapterChunk { key, errors, done }
        })
        .collect()
}

/// Renders the chapters of `chunk` (whose first article is number `first`) and compresses
/// them together; template errors go into `errors`.
fn render_chunk(
    shared: &Views<'_>,
    templates: &Templates<'_>,
    first: usize,
    chunk: &[crate::model::Article],
    errors: &mut Vec<Diagnostic>,
) -> zip::result::ZipResult<Arc<CompressedChapters>> {
    let mut items = Vec::with_capacity(chunk.len());
    let mut texts = Vec::with_capacity(chunk.len());
    for (offset, article) in chunk.iter().enumerate() {
        let (view, meta) = detached(shared, first + offset);
        let has_svg = view
            .editor_note_html
            .as_deref()
            .is_some_and(|h| h.contains("<svg"));
        let mut context = Context::new();
        context.insert("article", &view);
        context.insert("page", &meta);
        let href = format!("articles/{}.xhtml", article.slug);
        match templates.render("epub/chapter.xhtml", &context) {
            Ok(text) => {
                let entry = format!("EPUB/{href}");
                let template = "epub/chapter.xhtml";
                let text = checked_epub_document(&entry, template, text, errors);
                texts.push((href.clone(), text));
            }
            Err(error) => errors.push(error),
        }
        items.push(Item {
            id: format!("article-{}", article.slug),
            href,
            title: article.title.clone(),
            properties: has_svg.then_some("svg"),
        });
    }
    compress(&texts).map(|compressed| Arc::new(CompressedChapters { items, compressed }))
}

/// The rendered chunks of chapters in order: their errors, their parts for packing and the
/// chunks to keep for the next build (only error-free ones); their items go into `items`.
type GatheredChapters = (
    Vec<Diagnostic>,
    Vec<zip::result::ZipResult<Arc<CompressedChapters>>>,
    HashMap<blake3::Hash, Arc<CompressedChapters>>,
);

/// Splits the chunks into what [`GatheredChapters`] holds.
fn gather_chapters(chapters: Vec<ChapterChunk>, items: &mut Vec<Item>) -> GatheredChapters {
    let mut chapter_errors = Vec::new();
    let mut chapter_parts = Vec::with_capacity(chapters.len());
    let mut kept_chapters = HashMap::new();
    for chunk in chapters {
        let is_clean = chunk.errors.is_empty();
        chapter_errors.extend(chunk.errors);
        match chunk.done {
            Ok(done) => {
                items.extend(done.items.iter().cloned());
                if let (Some(key), true) = (chunk.key, is_clean) {
                    kept_chapters.insert(key, done.clone());
                }
                chapter_parts.push(Ok(done));
            }
            Err(error) => chapter_parts.push(Err(error)),
        }
    }
    (chapter_errors, chapter_parts, kept_chapters)
}

/// Renders the topics document and one document per Markdown page, adding their items.
fn render_topics_and_pages(
    shared: &Views<'_>,
    entries: &[BookEntryView],
    documents: &mut Documents<'_, '_>,
    items: &mut Vec<Item>,
) -> Vec<Option<zip::result::ZipResult<Arc<Vec<u8>>>>> {
    let site = shared.site;
    let collection = site.collection;
    let root = site.config.base_url.as_str();
    let topics: Vec<TopicView> = shared
        .topic_views
        .iter()
        .zip(&shared.topics)
        .map(|(view, topic)| {
            let mut view = view.clone();
            view.description_html = topic.description.as_deref().map(|md| {
                render_markdown(
                    md,
                    LinkBase {
                        root,
                        known_pages: &shared.known_pages,
                        charts: None,
                    },
                )
                .html
            });
            view
        })
        .collect();
    let members: Vec<Vec<usize>> = collection
        .topics
        .keys()
        .map(|slug| {
            let all = site.topic_articles.get(slug).map_or(&[][..], Vec::as_slice);
            // Only the articles in the book: `entries` holds the first `entries.len()`.
            all.iter()
                .copied()
                .filter(|&index| index < entries.len())
                .collect()
        })
        .collect();
    let mut tail_parts = Vec::new();
    tail_parts.push(documents.render(
        "epub/topics.xhtml",
        "topics.xhtml",
        &[
            ("topics", &topics as &dyn ContextValue),
            ("members", &members),
            ("articles", &entries),
        ],
    ));
    items.push(Item {
        id: "topics".into(),
        href: "topics.xhtml".into(),
        title: shared.site_view.strings.topics.into(),
        properties: None,
    });

    for page in &collection.pages {
        let body_html = render_markdown(
            &page.body,
            LinkBase {
                root,
                known_pages: &shared.known_pages,
                charts: None,
            },
        )
        .html;
        let href = format!("pages/{}.xhtml", page.slug);
        tail_parts.push(documents.render(
            "epub/page.xhtml",
            &href,
            &[
                ("title", &page.title as &dyn ContextValue),
                ("body_html", &body_html),
            ],
        ));
        items.push(Item {
            id: format!("page-{}", page.slug),
            href,
            title: page.title.clone(),
            properties: None,
        });
    }
    tail_parts
}

/// The book's metadata and its manifest `items`.
fn book(shared: &Views<'_>, items: Vec<Item>) -> Book {
    let config = shared.site.config;
    let modified = shared
        .site
        .collection
        .articles
        .iter()
        .map(|a| a.published)
        .max()
        .map_or_else(|| "2000-01-01T00:00:00Z".to_string(), |d| d.rfc3339());
    Book {
        identifier: format!("{}{}", config.base_url.as_str(), paths::EPUB),
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.clone(),
        editor: config.editor.clone(),
        modified,
        items,
    }
}

/// `META-INF/container.xml`, rendered afresh each build; `None` after a template error.
fn render_container(
    templates: &Templates<'_>,
    book: &Book,
    errors: &mut Vec<Diagnostic>,
) -> Option<String> {
    let mut context = Context::new();
    context.insert("book", book);
    match templates.render("epub/container.xml", &context) {
        Ok(text) => Some(checked_epub_document(
            "META-INF/container.xml",
            "epub/container.xml",
            text,
            errors,
        )),
        Err(error) => {
            errors.push(error);
            None
        }
    }
}

/// A value of a book document's context: it goes into the document's key and, when the
/// document is rendered, into its context.
trait ContextValue {
    fn add_to_key(&self, key: &mut KeyBuilder);
    fn add_to_context(&self, name: &str, context: &mut Context);
}

impl<T: Serialize> ContextValue for T {
    fn add_to_key(&self, key: &mut KeyBuilder) {
        key.json(self);
    }

    fn add_to_context(&self, name: &str, context: &mut Context) {
        context.insert(name.to_string(), self);
    }
}

/// A compressed document of the book, borrowed for packing.
fn borrowed(part: &zip::result::ZipResult<Arc<Vec<u8>>>) -> zip::result::ZipResult<Cow<'_, [u8]>> {
    part.as_ref()
        .map(|bytes| Cow::Borrowed(bytes.as_slice()))
        .map_err(clone_error)
}

/// A zip error again, for a part whose error is reported through a shared reference.
fn clone_error(error: &zip::result::ZipError) -> zip::result::ZipError {
    zip::result::ZipError::Io(std::io::Error::other(error.to_string()))
}

/// The key of a chunk of chapters: the site-wide key and each chapter's detached article
/// inputs (the article, the entity links in its text and the parts of its series).
fn chunk_key(
    shared: &Views<'_>,
    site_key: &blake3::Hash,
    first: usize,
    count: usize,
) -> blake3::Hash {
    let mut key = KeyBuilder::new(site_key, "epub chapters");
    for index in first..first + count {
        ArticleInputs::detached(shared, index).key(shared, &mut key);
    }
    key.finish()
}

/// A run of chapters: its key (with a memo), its template errors, and the chapters done.
struct ChapterChunk {
    key: Option<blake3::Hash>,
    errors: Vec<Diagnostic>,
    done: zip::result::ZipResult<Arc<CompressedChapters>>,
}

/// A run of chapters ready for the book: their manifest items, and their documents deflated
/// into a small archive of their own.
#[derive(Debug)]
pub(super) struct CompressedChapters {
    items: Vec<Item>,
    compressed: Vec<u8>,
}

/// What the last written build compressed, by key: chunks of chapters, and each other
/// document of the book.
#[derive(Debug, Default, Clone)]
pub struct EpubMemo {
    chapters: HashMap<blake3::Hash, Arc<CompressedChapters>>,
    documents: HashMap<blake3::Hash, Arc<Vec<u8>>>,
}

/// An article as the book's title page and topics list show it.
#[derive(Debug, Serialize)]
struct BookEntryView {
    slug: String,
    title: String,
    source_name: Option<String>,
    published: DateView,
}

/// Deflate level 2: measured on a generated 10,000-article book, it packs in half the time
/// of the default level 6 for a book 4% larger (46.9 MB against 45.2 MB; level 1 gives
/// 62.8 MB).
const COMPRESSION_LEVEL: i64 = 2;

/// Documents compressed per parallel task: enough to keep each task's overhead small.
const DOCUMENTS_PER_TASK: usize = 64;

/// The options of every deflated entry: a fixed timestamp, so the same input gives the same
/// bytes.
fn deflated() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(COMPRESSION_LEVEL))
        .last_modified_time(DateTime::default())
}

/// Deflates documents into a small archive, to be copied into the book by [`pack`].
fn compress(documents: &[(String, String)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (href, text) in documents {
        zip.start_file(format!("EPUB/{href}"), deflated())?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Packs the book: `mimetype` first and stored, then the container, then the entries of
/// each already deflated part in order, copied without compressing them again.
fn pack<'p>(
    container: &str,
    parts: impl IntoIterator<Item = zip::result::ZipResult<Cow<'p, [u8]>>>,
) -> zip::result::ZipResult<Vec<u8>> {
    let parts: Vec<Cow<'p, [u8]>> = parts.into_iter().collect::<Result<_, _>>()?;
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::default());
    // The book is about the size of its parts: room for it up front, so a 47 MB book is
    // not copied again each time the buffer grows.
    let size = parts.iter().map(|part| part.len()).sum::<usize>() + container.len() + 4096;
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size)));
    zip.start_file("mimetype", stored)?;
    zip.write_all(b"application/epub+zip")?;
    zip.start_file("META-INF/container.xml", deflated())?;
    zip.write_all(container.as_bytes())?;
    for part in &parts {
        zip.merge_archive(ZipArchive::new(Cursor::new(part.as_ref()))?)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// A manifest item as the build cache stores it: id, path, title, whether it holds a chart.
pub(crate) type StoredItem = (String, String, String, bool);

impl EpubMemo {
    /// Every entry, ordered by key, borrowed for the build cache on disk: each chunk of
    /// chapters (key, its manifest items, its deflated archive), then each other document
    /// (key, its deflated bytes).
    #[allow(clippy::type_complexity)]
    pub fn to_stored(
        &self,
    ) -> (
        Vec<([u8; 32], Vec<StoredItem>, &[u8])>,
        Vec<([u8; 32], &[u8])>,
    ) {
        let mut chapters: Vec<([u8; 32], Vec<StoredItem>, &[u8])> = self
            .chapters
            .iter()
            .map(|(key, done)| {
                let items = done
                    .items
                    .iter()
                    .map(|item| {
                        let is_svg = item.properties.is_some();
                        (
                            item.id.clone(),
                            item.href.clone(),
                            item.title.clone(),
                            is_svg,
                        )
                    })
                    .collect();
                (*key.as_bytes(), items, done.compressed.as_slice())
            })
            .collect();
        chapters.sort_unstable_by_key(|a| a.0);
        let mut documents: Vec<([u8; 32], &[u8])> = self
            .documents
            .iter()
            .map(|(key, bytes)| (*key.as_bytes(), bytes.as_slice()))
            .collect();
        documents.sort_unstable_by_key(|a| a.0);
        (chapters, documents)
    }

    /// The memo of entries stored by [`EpubMemo::to_stored`].
    pub fn from_stored(
        chapters: Vec<([u8; 32], Vec<StoredItem>, Vec<u8>)>,
        documents: Vec<([u8; 32], Vec<u8>)>,
    ) -> EpubMemo {
        let chapters = chapters
            .into_iter()
            .map(|(key, items, compressed)| {
                let items = items
                    .into_iter()
                    .map(|(id, href, title, is_svg)| Item {
                        id,
                        href,
                        title,
                        properties: is_svg.then_some("svg"),
                    })
                    .collect();
                let done = CompressedChapters { items, compressed };
                (blake3::Hash::from_bytes(key), Arc::new(done))
            })
            .collect();
        let documents = documents
            .into_iter()
            .map(|(key, bytes)| (blake3::Hash::from_bytes(key), Arc::new(bytes)))
            .collect();
        EpubMemo {
            chapters,
            documents,
        }
    }
}
