//! The deploy recipes (#16) as a user copies them: every `shelf build` command that
//! `docs/deploy.md` and `docs/github-pages.yml` give is run on a collection served under a
//! sub-path, with the host's variables filled in, and the site it writes must have its
//! `404.html` where the recipe publishes it, linking under the path the site is served from.

use crate::{Fixture, project_root};

/// What the recipes' variables stand for in these tests: GitHub Pages' project-site address
/// and Netlify's `$URL`, the root of the site's domain.
const VARIABLES: [(&str, &str); 2] = [
    (
        "${{ steps.pages.outputs.base_url }}",
        "https://user.github.io/reading",
    ),
    ("$URL", "https://reading.example.net"),
];

/// Every `shelf build …` command in the deploy documents, as written there.
fn recipe_commands() -> Vec<String> {
    let mut commands = Vec::new();
    for doc in ["docs/deploy.md", "docs/github-pages.yml"] {
        let text = std::fs::read_to_string(project_root().join(doc)).unwrap();
        for line in text.lines() {
            let Some(at) = line.find("shelf build") else {
                continue;
            };
            let command: String = line[at..]
                .chars()
                .take_while(|c| *c != '`' && *c != ')')
                .collect();
            commands.push(command.trim().to_string());
        }
    }
    commands
}

/// The words of a command line the way a shell splits it here: on spaces, double quotes
/// grouping, with the recipes' variables replaced.
fn words(command: &str) -> Vec<String> {
    let mut command = command.to_string();
    for (name, value) in VARIABLES {
        command = command.replace(name, value);
    }
    let mut words = vec![String::new()];
    let mut is_quoted = false;
    for c in command.chars() {
        match c {
            '"' => is_quoted = !is_quoted,
            ' ' if !is_quoted => words.push(String::new()),
            c => words.last_mut().unwrap().push(c),
        }
    }
    words.retain(|w| !w.is_empty());
    words
}

/// The path part of the `--base-url` a command gives, or of the fixture's `base_url`.
fn served_path(words: &[String]) -> String {
    let url = words
        .iter()
        .position(|w| w == "--base-url")
        .map_or("https://example.org/reading/", |at| words[at + 1].as_str());
    let after_host = url.splitn(4, '/').nth(3).unwrap_or("");
    format!("/{after_host}")
}

#[test]
fn the_documents_give_a_build_command_for_every_host() {
    let commands = recipe_commands();
    // GitHub Pages (the workflow), Netlify (root and sub-path), rsync.
    assert!(commands.len() >= 4, "{commands:?}");
    assert!(commands.iter().any(|c| c.contains("--base-url")));
    assert!(commands.iter().any(|c| c.contains("--output")));
}

#[test]
fn every_recipe_builds_a_site_whose_404_page_links_under_its_served_path() {
    for command in recipe_commands() {
        let words = words(&command);
        assert_eq!(words[..2], ["shelf", "build"], "{command}");
        let fixture = Fixture::from_dir("outputs/basic");
        let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        let output = fixture.run(&args);
        assert!(
            output.status.success(),
            "`{command}` failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let folder = words
            .iter()
            .position(|w| w == "--output")
            .map_or("public", |at| words[at + 1].as_str());
        let page = fixture.read(&format!("{folder}/404.html"));
        let path = served_path(&words);
        let links: Vec<&str> = page
            .split("href=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .filter(|link| link.starts_with('/'))
            .collect();
        assert!(!links.is_empty(), "`{command}`: no root-relative link");
        for link in links {
            assert!(
                link.starts_with(&path),
                "`{command}`: {link} is not under {path}"
            );
        }
    }
}
