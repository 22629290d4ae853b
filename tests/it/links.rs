//! Every internal link and asset reference resolves to a file in the output, at the root,
//! under a sub-path, and from disk (which is what relative links with `index.html` give).

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::Fixture;

/// Pulls `href="…"` and `src="…"` values out of HTML (quoted or, after minification, not).
fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=", "src="] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            let value = match rest.chars().next() {
                Some(quote @ ('"' | '\'')) => rest[1..].split(quote).next().unwrap_or_default(),
                _ => rest
                    .split(|c: char| c.is_whitespace() || c == '>')
                    .next()
                    .unwrap_or_default(),
            };
            found.push(value.replace("&amp;", "&"));
        }
    }
    found
}

fn resolve(page: &Path, reference: &str) -> PathBuf {
    let without_fragment = reference.split('#').next().unwrap_or_default();
    let mut path: PathBuf = page.parent().unwrap().to_path_buf();
    for component in Path::new(without_fragment).components() {
        match component {
            Component::ParentDir => {
                assert!(
                    path.pop(),
                    "{reference} from {} leaves the site",
                    page.display()
                );
            }
            Component::Normal(name) => path.push(name),
            _ => {}
        }
    }
    path
}

/// Checks every relative reference of every HTML page; returns how many were checked.
fn check_internal_links(fixture: &Fixture) -> usize {
    let files: BTreeSet<PathBuf> = fixture
        .snapshot("public")
        .into_iter()
        .map(|(name, _)| PathBuf::from(name))
        .collect();
    let mut checked = 0;
    for page in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
    {
        if page == Path::new("404.html") {
            continue;
        }
        let html = fixture.read(&format!("public/{}", page.display()));
        for reference in references(&html) {
            if reference.starts_with("http")
                || reference.starts_with("mailto:")
                || reference.starts_with('#')
            {
                continue;
            }
            assert!(
                !reference.starts_with('/'),
                "root-relative link {reference} in {}",
                page.display()
            );
            assert!(
                !reference.ends_with('/'),
                "directory link {reference} in {} breaks from disk",
                page.display()
            );
            let target = resolve(page, &reference);
            assert!(
                files.contains(&target),
                "{} links to missing {reference}",
                page.display()
            );
            checked += 1;
        }
    }
    checked
}

#[test]
fn every_internal_link_of_a_fixture_resolves() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.build().unwrap();
    assert!(check_internal_links(&fixture) > 50);
}

#[test]
fn every_internal_link_of_the_real_collection_resolves() {
    let fixture = Fixture::collection();
    fixture.build().unwrap();
    assert!(check_internal_links(&fixture) > 100);
}

#[test]
fn the_404_page_links_under_the_base_path() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.build().unwrap();
    let html = fixture.read("public/404.html");
    let references = references(&html);
    let internal: Vec<&String> = references
        .iter()
        .filter(|r| !r.starts_with("http") && !r.starts_with('#'))
        .collect();
    assert!(!internal.is_empty());
    assert!(
        internal.iter().all(|r| r.starts_with("/reading/")),
        "{internal:?}"
    );
}
