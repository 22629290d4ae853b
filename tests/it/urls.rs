//! URL fields (#13): every one is an absolute `http(s)` URL checked by a real parser;
//! queries and fragments are fine in links, script and user names are not.

use crate::{Fixture, run_shelf};

/// The basic fixture with alpha's source `url` replaced.
fn with_source_url(url: &str) -> Fixture {
    let fixture = Fixture::from_dir("build/basic");
    let alpha = fixture.read("content/articles/alpha.toml");
    fixture.write(
        "content/articles/alpha.toml",
        alpha.replace("https://alpha.example.com/story", url),
    );
    fixture
}

#[test]
fn a_source_url_may_have_a_query_a_fragment_and_a_quote() {
    // #13: `?`, `&` and `'` were refused because the base_url parser was reused.
    let fixture = with_source_url("https://alpha.example.com/o'neil?id=4&page=2#part");
    let (code, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let bib = fixture.read("public/articles/alpha/citation.bib");
    assert!(
        bib.contains("url = {https://alpha.example.com/o'neil?id=4&page=2#part},"),
        "{bib}"
    );
}

#[test]
fn a_brace_in_a_source_url_cannot_break_the_bibtex_entry() {
    // #13: `}` was accepted and ended the BibTeX field early.
    let fixture = with_source_url("https://alpha.example.com/a}b{c");
    fixture.build().unwrap();
    let bib = fixture.read("public/articles/alpha/citation.bib");
    assert!(
        bib.contains("url = {https://alpha.example.com/a%7Db%7Bc},"),
        "{bib}"
    );
}

#[test]
fn a_script_url_in_series_parts_is_an_error_at_its_place() {
    // #13: `javascript:alert(1)` in `[series] parts` became a live link.
    let fixture = Fixture::from_dir("build/basic");
    let beta = fixture.read("content/articles/beta.toml");
    fixture.write(
        "content/articles/beta.toml",
        format!(
            "{beta}\n[series]\ntitle = \"Rivers\"\npart = 1\nparts = [\n  {{ title = \"One\", url = \"javascript:alert(1)\" }},\n]\n"
        ),
    );
    let (code, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 1);
    let expected = r#"error: invalid series part `url` `javascript:alert(1)`
  --> content/articles/beta.toml:11:27
   |
11 |   { title = "One", url = "javascript:alert(1)" },
   |                           ^^^^^^^^^^^^^^^^^^^ expected an absolute URL starting with `https://` or `http://`
   |
   = help: copy the original's full address (`https://…`) from the browser, or leave `url` out

error: build failed with 1 error; nothing was written
"#;
    assert!(stderr.ends_with(expected), "{stderr}");
}

#[test]
fn a_base_url_with_a_user_name_is_refused() {
    // #13: `https://host@evil/` was accepted, so every absolute link pointed at `evil`.
    let fixture = Fixture::from_dir("build/basic");
    let site = fixture.read("site.toml");
    fixture.write(
        "site.toml",
        site.replace(
            "https://example.org/reading/",
            "https://example.org@evil.test/",
        ),
    );
    let (code, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("the part before `@` is a user name, so the host would be `evil.test`"),
        "{stderr}"
    );
}
