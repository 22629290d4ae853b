//! The equivalent Hugo site (for Hugo 0.146 and later, measured with 0.168): the same
//! articles, topics and About page, with minimal layouts of its own, so shelf and Hugo can be
//! timed on the same collection.
//!
//! Takes what the collection writes for shelf; writes `hugo.toml`, `layouts/` and
//! `content/`. The pages match shelf's where Hugo has an equivalent: an article page (editor's
//! note, text, topics, with `--hugo-related` four related articles, older and newer), a page per topic and per
//! entity, a home page listing every article, the About page, `index.xml` feeds (the whole
//! site and each topic, 50 entries), a sitemap, `robots.txt` and a 404 page. Output is
//! minified, as shelf's is. Seed text becomes escaped Markdown (see [`super::blocks`]).
//!
//! The layouts sit at the top of `layouts/`, where Hugo's template system since 0.146 looks
//! first, with one file per page kind: `taxonomy.html` (the list of topics or entities) and
//! `term.html` (one topic's or entity's articles). Under the older `layouts/_default/`
//! names, Hugo 0.168 renders a term page through `taxonomy.html`, whose loop over the terms
//! finds none there: topic and entity pages came out without their articles.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use super::article::{Head, Notes};
use super::blocks::{Block, to_markdown};
use super::files::{MARKER, Tree, quoted};
use super::world::Topic;

const CONFIG: &str = r#"baseURL = "https://bench.example.org/"
languageCode = "en"
title = "The Bench Shelf"
rssLimit = 50
enableRobotsTXT = true
# shelf has no section list: its home page lists every article.
disableKinds = ["section"]

[taxonomies]
  topic = "topics"
  entity = "entities"

# Feeds for the whole site and each topic, as shelf writes them (entities opt out in
# content/entities/_index.md).
[outputs]
  home = ["HTML", "RSS"]
  taxonomy = ["HTML"]
  term = ["HTML", "RSS"]

[minify]
  minifyOutput = true

# Like shelf's related articles: shared topics count most, then shared entities.
[related]
  includeNewer = true
  threshold = 20
  toLower = false
  [[related.indices]]
    name = "topics"
    weight = 100
  [[related.indices]]
    name = "entities"
    weight = 50
"#;

/// What replaces `RELATED` in [`SINGLE`] with `--hugo-related`: Hugo's related-content
/// lookup, the nearest to shelf's related articles. Off by default, because it costs Hugo
/// most of its time (333 s against 22 s at 10,000 articles, measured here), and the issue's
/// reference figures for Hugo were taken without it.
const RELATED: &str = r#"{{ with first 4 (.Site.RegularPages.Related .) }}<h2>Related articles</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}"#;

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav><a href="{{ "topics/" | relURL }}">Topics</a> <a href="{{ "entities/" | relURL }}">Entities</a> <a href="{{ "about/" | relURL }}">About</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer>
</body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ with .Params.subtitle }}<p class="subtitle">{{ . }}</p>{{ end }}
{{ if eq .Type "posts" }}
<p>{{ with .Params.authors }}By {{ delimit . ", " " and " }} · {{ end }}{{ with .Params.source }}{{ if $.Params.source_url }}<a href="{{ $.Params.source_url }}">{{ . }}</a>{{ else }}{{ . }}{{ end }} · {{ end }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "January 2, 2006" }}</time> · {{ .WordCount }} words, {{ .ReadingTime }} min</p>
<ul class="topics">{{ range .GetTerms "topics" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ end }}
{{ .Content }}
{{ if eq .Type "posts" }}
RELATED
<nav>{{ with .Next }}<a href="{{ .RelPermalink }}">Next: {{ .Title }}</a>{{ end }} {{ with .Prev }}<a href="{{ .RelPermalink }}">Previous: {{ .Title }}</a>{{ end }}</nav>
{{ end }}
</article>{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006" }}</time><p>{{ .Summary }}</p></li>{{ end }}</ul>
{{ end }}
"#;

const TAXONOMY: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"#;

const INDEX: &str = r#"{{ define "main" }}<h1>{{ .Site.Title }}</h1>
{{ .Content }}
<ol>{{ range (where .Site.RegularPages "Type" "posts").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ with .Params.source }}{{ . }} · {{ end }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006" }}</time> · {{ .ReadingTime }} min
<ul class="topics">{{ range .GetTerms "topics" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul><p>{{ .Summary }}</p></li>{{ end }}</ol>
{{ end }}
"#;

const NOT_FOUND: &str = r#"{{ define "main" }}<h1>Page not found</h1><p><a href="{{ "/" | relURL }}">Home</a></p>{{ end }}
"#;

/// A Hugo site being written.
pub struct HugoSite {
    tree: Tree,
    /// Whether article pages list related articles.
    related: bool,
}

impl HugoSite {
    /// A site in `dir`, which exists and is empty.
    pub fn new(dir: &Path, related: bool) -> HugoSite {
        HugoSite {
            tree: Tree::new(dir),
            related,
        }
    }

    /// The marker, configuration, layouts, home and topic pages.
    ///
    /// # Errors
    ///
    /// Any I/O error.
    pub fn write_frame(
        &mut self,
        marker: &str,
        articles: usize,
        topics: &[Topic],
    ) -> io::Result<()> {
        let tree = &mut self.tree;
        tree.write(MARKER, marker)?;
        tree.write("hugo.toml", CONFIG)?;
        tree.write("layouts/baseof.html", BASEOF)?;
        let related = if self.related { RELATED } else { "" };
        tree.write("layouts/single.html", &SINGLE.replace("RELATED", related))?;
        tree.write("layouts/list.html", LIST)?;
        tree.write("layouts/term.html", LIST)?;
        tree.write("layouts/taxonomy.html", TAXONOMY)?;
        tree.write("layouts/home.html", INDEX)?;
        tree.write("layouts/404.html", NOT_FOUND)?;
        tree.write(
            "content/_index.md",
            &format!(
                "+++\ntitle = \"The Bench Shelf\"\n+++\n\nA synthetic collection of {articles} \
                 articles. Read [how it was made](/about/).\n"
            ),
        )?;
        // Entities have pages but no feeds in shelf.
        tree.write(
            "content/entities/_index.md",
            "+++\ntitle = \"Entities\"\n[[cascade]]\noutputs = [\"HTML\"]\n+++\n",
        )?;
        tree.write("content/topics/_index.md", "+++\ntitle = \"Topics\"\n+++\n")?;
        for topic in topics {
            tree.write(
                &format!("content/topics/{}/_index.md", topic.slug),
                &format!(
                    "+++\ntitle = {}\n+++\n\n{}\n",
                    quoted(&topic.name),
                    rewrite_links(&topic.description)
                ),
            )?;
        }
        Ok(())
    }

    /// One article as `content/posts/<slug>.md`.
    ///
    /// # Errors
    ///
    /// Any I/O error.
    pub fn write_article(
        &mut self,
        head: &Head,
        notes: &Notes,
        topics: &[&Topic],
        entities: &[&str],
        blocks: &[Block],
    ) -> io::Result<()> {
        let mut page = String::from("+++\n");
        let _ = writeln!(page, "title = {}", quoted(&head.title));
        if let Some(subtitle) = &head.subtitle {
            let _ = writeln!(page, "subtitle = {}", quoted(subtitle));
        }
        let _ = writeln!(page, "date = {}", head.published.to_full_iso());
        let names: Vec<String> = topics.iter().map(|t| quoted(&t.name)).collect();
        let _ = writeln!(page, "topics = [{}]", names.join(", "));
        let names: Vec<String> = entities.iter().map(|e| quoted(e)).collect();
        let _ = writeln!(page, "entities = [{}]", names.join(", "));
        if !head.authors.is_empty() {
            let names: Vec<String> = head.authors.iter().map(|a| quoted(a)).collect();
            let _ = writeln!(page, "authors = [{}]", names.join(", "));
        }
        let _ = writeln!(page, "summary = {}", quoted(&head.summary));
        let _ = writeln!(page, "description = {}", quoted(&head.summary));
        let _ = writeln!(page, "source = {}", quoted(&head.source));
        if let Some(url) = &head.url {
            let _ = writeln!(page, "source_url = {}", quoted(url));
        }
        page.push_str("+++\n\n");
        if let Some(note) = &notes.content_note {
            let _ = write!(
                page,
                "**Content note:** {}\n\n",
                super::blocks::escape(note)
            );
        }
        let _ = write!(
            page,
            "**Editor’s note.** {}\n\n***\n\n",
            rewrite_links(&notes.editor_note)
        );
        page.push_str(&to_markdown(blocks));
        self.tree
            .write(&format!("content/posts/{}.md", head.slug), &page)
    }

    /// The About page, from shelf's Markdown.
    ///
    /// # Errors
    ///
    /// Any I/O error.
    pub fn write_about(&mut self, body: &str) -> io::Result<()> {
        self.tree.write(
            "content/about.md",
            &format!(
                "+++\ntitle = \"About this collection\"\n\
                 description = \"How the generated benchmark collection was made.\"\n+++\n\n{}",
                rewrite_links(body)
            ),
        )
    }
}

/// shelf's `@/` links as Hugo's root-relative URLs (articles live under `/posts/`).
fn rewrite_links(markdown: &str) -> String {
    markdown
        .replace("(@/articles/", "(/posts/")
        .replace("(@/", "(/")
}
