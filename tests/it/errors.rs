//! Every user-facing error: the full text `shelf` prints and its exit code.
//!
//! Each case is a copy of `build/basic` with one thing broken, in `tests/fixtures/errors/`.
//! Expected texts are written out whole, so a change in wording, position or `help:` shows
//! up here and is reviewed as the user would read it.

use crate::{Fixture, run_shelf};

const FAILED_ONE: &str = "error: build failed with 1 error; nothing was written\n";

/// Runs `shelf build` (plus `args`) on `tests/fixtures/errors/<case>` and checks the exit
/// code, that nothing went to stdout, and that no output folder was created.
fn build_fails(case: &str, args: &[&str], code: i32) -> String {
    let fixture = Fixture::from_dir(&format!("errors/{case}"));
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let (status, stdout, stderr) = run_shelf(&fixture, &all);
    assert_eq!(status, code, "exit code of {case}; stderr:\n{stderr}");
    assert_eq!(stdout, "", "{case}");
    assert!(
        !fixture.root().join("public").exists(),
        "{case} wrote output"
    );
    assert!(!stderr.contains("panicked"), "{case}: {stderr}");
    stderr
}

#[test]
fn rejects_malformed_metadata_toml_with_line_column_and_caret() {
    assert_eq!(
        build_fails("metadata_malformed_toml", &[], 1),
        r#"error: invalid TOML in article metadata
 --> content/articles/beta.toml:2:14
  |
2 | title = "Beta
  |              ^ invalid basic string, expected `"`

"#
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_unknown_metadata_key_with_suggestion() {
    assert_eq!(
        build_fails("metadata_unknown_key", &[], 1),
        r#"error: unknown key `auther` in article metadata
 --> content/articles/beta.toml:3:1
  |
3 | auther = "B. Writer"
  | ^^^^^^
  |
  = help: did you mean `authors`? known keys: `seed`, `title`, `subtitle`, `published`, `published_certainty`, `published_note`, `authors`, `topics`, `summary`, `language`, `editor_note`, `content_note`, `draft`, `source`, `series`, `structure`, `corrections`, `extra`

"#
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_unknown_site_key_with_suggestion() {
    assert_eq!(
        build_fails("site_unknown_key", &[], 1),
        r#"error: unknown key `minfy` in site.toml
 --> site.toml:7:1
  |
7 | minfy = false
  | ^^^^^
  |
  = help: did you mean `minify`? known keys: `title`, `description`, `base_url`, `language`, `editor`, `theme`, `output`, `minify`, `intro`, `reading_speed`, `per_page`, `feeds`, `outputs`

"#
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_missing_required_metadata_key_naming_the_file() {
    assert_eq!(
        build_fails("metadata_missing_key", &[], 1),
        "error: missing required key `summary` in article metadata
--> content/articles/beta.toml
 = help: add `summary = …`; required keys: `seed`, `title`, `published`, `topics`, `summary`

"
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_string_where_topic_list_is_expected_and_shows_the_fix() {
    assert_eq!(
        build_fails("metadata_wrong_type", &[], 1),
        r#"error: invalid value for `topics` in article metadata
 --> content/articles/beta.toml:4:10
  |
4 | topics = "rivers"
  |          ^^^^^^^^ expected a list, found a string
  |
  = help: write `topics = ["rivers"]`

"#
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_month_thirteen() {
    assert_eq!(
        build_fails("invalid_date", &[], 1),
        r#"error: invalid `published` date
 --> content/articles/beta.toml:3:13
  |
3 | published = "2023-13"
  |             ^^^^^^^^^ there is no month 13; months run from 01 to 12
  |
  = help: write `published = "2023-12"` (a year, a year and month, or a full date)

"#
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_unknown_date_certainty_listing_the_values_17() {
    assert_eq!(
        build_fails("invalid_date_certainty", &[], 1),
        r#"error: invalid `published_certainty` `guessed`
 --> content/articles/beta.toml:4:23
  |
4 | published_certainty = "guessed"
  |                       ^^^^^^^^^ expected `stated`, `inferred`, `approximate` or `disputed`
  |
  = help: write one of `stated`, `inferred`, `approximate`, `disputed`

"#
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_a_date_note_without_a_certainty_17() {
    assert_eq!(
        build_fails("date_note_without_certainty", &[], 1),
        r#"error: `published_note` without `published_certainty`
 --> content/articles/beta.toml:4:18
  |
4 | published_note = "from the river levels it reports"
  |                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ a note explains how the date is known
  |
  = help: add `published_certainty = "inferred"` (or `approximate`, `disputed`, `stated`), or remove the note

"#
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_thirtieth_of_february() {
    assert_eq!(
        build_fails("impossible_date", &[], 1),
        r#"error: invalid `published` date
 --> content/articles/beta.toml:3:13
  |
3 | published = "2023-02-30"
  |             ^^^^^^^^^^^^ February 2023 has 28 days
  |
  = help: write `published = "2023-12"` (a year, a year and month, or a full date)

"#
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_missing_seed_with_suggestion() {
    assert_eq!(
        build_fails("seed_missing", &[], 1),
        r#"error: seed `betta.txt` not found in seeds/
 --> content/articles/beta.toml:1:8
  |
1 | seed = "betta.txt"
  |        ^^^^^^^^^^^ no such file
  |
  = help: did you mean `beta.txt`?

warning: seed `beta.txt` has no metadata and is not published
--> seeds/beta.txt
 = help: run `shelf new seeds/beta.txt` to start its metadata

"#
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_empty_seed() {
    assert_eq!(
        build_fails("seed_empty", &[], 1),
        "error: seed `beta.txt` is empty
--> seeds/beta.txt
 = help: paste the article's text into the file, or remove the metadata that points to it

"
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_seed_that_is_not_utf8_naming_line_and_column_of_the_bad_byte() {
    assert_eq!(
        build_fails("seed_not_utf8", &[], 1),
        "error: `seeds/beta.txt` is not valid UTF-8 (byte 0xE9 at offset 62)
 --> seeds/beta.txt:3:40
  |
3 | It has two paragraphs and a Latin-1 caf\u{FFFD}.
  |                                        ^ invalid byte here
  |
  = help: save the file as UTF-8 (most editors offer “Save with encoding”)

"
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_seed_outside_the_seeds_folder() {
    assert_eq!(
        build_fails("seed_outside_seeds", &[], 1),
        r#"error: seed `../site.toml` is outside seeds/
 --> content/articles/beta.toml:1:8
  |
1 | seed = "../site.toml"
  |        ^^^^^^^^^^^^^^ a seed is a file name under seeds/
  |
  = help: copy the raw text into seeds/ and write its file name, like `seed = "my-article.txt"`

warning: seed `beta.txt` has no metadata and is not published
--> seeds/beta.txt
 = help: run `shelf new seeds/beta.txt` to start its metadata

"#
        .to_string()
            + FAILED_ONE
    );
}

/// Metadata in a subfolder of content/articles/ is read too, and its slug is its file name,
/// so `sub/beta.toml` collides with `beta.toml`.
#[test]
fn rejects_two_articles_with_the_same_slug_in_different_folders() {
    assert_eq!(
        build_fails("duplicate_slug", &[], 1),
        "error: two articles have the slug `beta`
--> content/articles/sub/beta.toml
 = help: `content/articles/beta.toml` already uses it; rename one of the files

"
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_unknown_theme_with_suggestion() {
    assert_eq!(
        build_fails("unknown_theme", &[], 1),
        r#"error: unknown theme `defualt`
 --> site.toml:6:9
  |
6 | theme = "defualt"
  |         ^^^^^^^^^ no such folder under themes/
  |
  = help: did you mean `default`? known themes: `default`

"#
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_template_syntax_error_with_template_path_and_line() {
    assert_eq!(
        build_fails("template_syntax_error", &[], 1),
        "error: template syntax error in `article.html`
 --> themes/default/templates/article.html:9:26
  |
9 |     <h1>{{ article.title }</h1>
  |                          ^ found `}` but expected }}

"
        .to_string()
            + FAILED_ONE
    );
}

/// Both articles render `article.html`; the error is reported once, not once per page.
#[test]
fn rejects_template_render_error_once_with_path_line_column_and_fields() {
    assert_eq!(
        build_fails("template_render_error", &[], 1),
        "error: template error in `article.html`
 --> themes/default/templates/article.html:9:45
  |
9 |     <h1>{{ article.title }}</h1> {{ article.nope }}
  |                                             ^^^^ field `nope` is not defined
  |
  = help: available fields: `as_copied_path`, `authors`, `blocks`, `character_count`, `citation`, `comment_count`, `comments`, `content_note`, `corrections`, `editor_note_html`, `editor_note_lead`, `events`, `extra`, `is_draft`, `json_ld`, `language`, `length_figure`, `newer`, `older`, `path`, `published`, `reading_minutes`, `related`, `series`, `slug`, `source_name`, `source_url`, `strings`, `subtitle`, `summary`, `title`, `toc`, `topics`, `url_path`, `word_count`

"
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_relative_base_url_in_site_toml() {
    assert_eq!(
        build_fails("invalid_base_url", &[], 1),
        r#"error: invalid `base_url` `example.org/reading/`
 --> site.toml:3:12
  |
3 | base_url = "example.org/reading/"
  |            ^^^^^^^^^^^^^^^^^^^^^^ expected an absolute URL starting with `https://` or `http://`
  |
  = help: write `base_url = "https://example.org/"` (the address the site will be published at)

"#
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_relative_base_url_flag_as_usage_error() {
    assert_eq!(
        build_fails("valid_site", &["--base-url", "example.org"], 2),
        "error: invalid `--base-url` `example.org`: expected an absolute URL starting with `https://` or `http://`
 |
 = help: pass a URL like `--base-url https://example.org/reading/`
"
    );
}

#[test]
fn refuses_output_folder_inside_the_sources() {
    assert_eq!(
        build_fails("valid_site", &["--output", "seeds"], 2),
        "error: refusing to build into `seeds`: it would overwrite the sources in `seeds/`
 |
 = help: choose a separate folder, like `--output public` (the default)
"
    );
}

#[test]
fn refuses_the_project_folder_as_output() {
    assert_eq!(
        build_fails("valid_site", &["--output", "."], 2),
        "error: refusing to build into `.`: it is the project folder or contains it
 |
 = help: choose a separate folder, like `--output public` (the default)
"
    );
}

#[test]
fn rejects_link_to_missing_page_in_editor_note_with_suggestion() {
    assert_eq!(
        build_fails("broken_link_in_editor_note", &[], 1),
        "error: link `@/articles/betta/` points to no page
 --> content/articles/alpha.toml:7:36
  |
7 | editor_note = \"Read it with [beta](@/articles/betta/) in mind.\"
  |                                    ^^^^^^^^^^^^^^^^^
  |
  = help: did you mean `@/articles/beta/`? internal links look like `@/articles/<slug>/`, `@/topics/<slug>/` or `@/<page-slug>/`

"
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_link_to_missing_page_in_a_page_with_suggestion() {
    assert_eq!(
        build_fails("broken_link_in_page", &[], 1),
        "error: link `@/articles/alfa/` points to no page
 --> content/pages/about.md:6:37
  |
6 | This is the about page. See [alpha](@/articles/alfa/).
  |                                     ^^^^^^^^^^^^^^^^
  |
  = help: did you mean `@/articles/alpha/`? internal links look like `@/articles/<slug>/`, `@/topics/<slug>/` or `@/<page-slug>/`

"
        .to_string()
            + FAILED_ONE
    );
}

/// No "topic is described but unused" warnings either: the articles that use them failed.
#[test]
fn reports_errors_in_several_files_in_one_run_sorted_by_path() {
    assert_eq!(
        build_fails("several_errors", &[], 1),
        r#"error: unknown key `auther` in article metadata
 --> content/articles/alpha.toml:4:1
  |
4 | auther = ["A. Writer"]
  | ^^^^^^
  |
  = help: did you mean `authors`? known keys: `seed`, `title`, `subtitle`, `published`, `published_certainty`, `published_note`, `authors`, `topics`, `summary`, `language`, `editor_note`, `content_note`, `draft`, `source`, `series`, `structure`, `corrections`, `extra`

error: invalid value for `topics` in article metadata
 --> content/articles/beta.toml:4:10
  |
4 | topics = "rivers"
  |          ^^^^^^^^ expected a list, found a string
  |
  = help: write `topics = ["rivers"]`

error: missing required key `title` in page front matter
--> content/pages/about.md
 = help: add `title = …`; required keys: `title`

error: unknown key `titel` in page front matter
 --> content/pages/about.md:2:1
  |
2 | titel = "About"
  | ^^^^^
  |
  = help: did you mean `title`? known keys: `title`, `description`, `slug`, `weight`, `draft`

error: build failed with 4 errors; nothing was written
"#
    );
}

#[test]
fn rejects_bad_command_line_flag_with_exit_code_two() {
    let fixture = Fixture::from_dir("errors/valid_site");
    let (status, stdout, stderr) = run_shelf(&fixture, &["build", "--bogus"]);
    assert_eq!((status, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "error: unexpected argument '--bogus' found

Usage: shelf build [OPTIONS]

For more information, try '--help'.
"
    );
}

#[test]
fn rejects_binary_metadata_file_without_panicking() {
    assert_eq!(
        build_fails("garbage_metadata", &[], 1),
        "error: `content/articles/beta.toml` is not valid UTF-8 (byte 0x89 at offset 0)
 --> content/articles/beta.toml:1:1
  |
1 | \u{FFFD}PNG
  | ^ invalid byte here
  |
  = help: save the file as UTF-8 (most editors offer “Save with encoding”)

"
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_site_toml_of_brackets_without_panicking() {
    assert_eq!(
        build_fails("garbage_site_toml", &[], 1),
        "error: invalid TOML in site.toml
 --> site.toml:1:3
  |
1 | [[[
  |   ^ unquoted keys cannot be empty, expected letters, numbers, `-`, `_`

"
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn rejects_page_whose_front_matter_is_never_closed() {
    assert_eq!(
        build_fails("unclosed_front_matter", &[], 1),
        "error: front matter is never closed
 --> content/pages/about.md:1:1
  |
1 | +++
  | ^^^ opened here
  |
  = help: end the front matter with a line holding only `+++`

"
        .to_string()
            + FAILED_ONE
    );
}

#[test]
fn check_prints_warnings_with_file_names_and_succeeds() {
    let fixture = Fixture::from_dir("errors/check_warnings");
    let (status, stdout, stderr) = run_shelf(&fixture, &["check"]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        stderr,
        "warning: topic `borders` has no description
--> content/articles/alpha.toml
 = help: describe it in content/topics.toml: `[borders]` with `name` and `description`

"
    );
    assert_eq!(
        stdout,
        "checked 2 articles, 2 topics and 11 pages: no errors, 1 warning\n"
    );
    assert!(
        !fixture.root().join("public").exists(),
        "check writes nothing"
    );
}

/// #13 finding 7: serde stops at a file's first wrongly typed value; every one is reported,
/// the one inside `[series]` included.
#[test]
fn reports_every_type_error_in_one_metadata_file_13() {
    assert_eq!(
        build_fails("three_type_errors", &[], 1),
        r#"error: invalid value for `title` in article metadata
 --> content/articles/beta.toml:2:9
  |
2 | title = 1999
  |         ^^^^ expected a string, found a number

error: invalid value for `topics` in article metadata
 --> content/articles/beta.toml:4:10
  |
4 | topics = "rivers"
  |          ^^^^^^^^ expected a list, found a string
  |
  = help: write `topics = ["rivers"]`

error: invalid value for `part` in article metadata
 --> content/articles/beta.toml:9:8
  |
9 | part = "two"
  |        ^^^^^ expected a whole number, 0 or more, found a string

error: build failed with 3 errors; nothing was written
"#
    );
}

/// #13 finding 7: the caret was four columns left of the slug (spans were counted from the
/// end of the opening `+++`).
#[test]
fn points_at_an_invalid_page_slug_in_front_matter_13() {
    assert_eq!(
        build_fails("page_slug_invalid", &[], 1),
        r#"error: invalid page slug `About Us`
 --> content/pages/about.md:3:8
  |
3 | slug = "About Us"
  |        ^^^^^^^^^^
  |
  = help: a slug is lowercase letters `a-z`, digits and single hyphens, like `border-guards`

"#
        .to_string()
            + FAILED_ONE
    );
}

/// #13 finding 7: an article whose metadata failed was reported a second time, falsely, as
/// an "unknown article" by the timeline event citing it.
#[test]
fn an_article_that_failed_causes_no_follow_on_error_13() {
    assert_eq!(
        build_fails("failed_article_cited", &[], 1),
        r#"error: invalid value for `topics` in article metadata
 --> content/articles/beta.toml:4:10
  |
4 | topics = "rivers"
  |          ^^^^^^^^ expected a list, found a string
  |
  = help: write `topics = ["rivers"]`

"#
        .to_string()
            + FAILED_ONE
    );
}

/// #13 finding 7: a wrongly typed 1 MB title gave a 2 MB message; the quoted line is now a
/// window around the span. (The fixture is written by the test, to keep 1 MB out of git.)
#[test]
fn clips_the_quoted_line_of_a_huge_value_13() {
    let fixture = Fixture::from_dir("errors/valid_site");
    let huge = "ab".repeat(500_000);
    fixture.write(
        "content/articles/beta.toml",
        format!(
            "seed = \"beta.txt\"\ntitle = [\"{huge}\"]\npublished = \"2019\"\ntopics = [\"rivers\"]\nsummary = \"s\"\n"
        ),
    );
    let (status, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(status, 1, "{stderr}");
    assert!(stderr.len() < 1_000, "{} bytes", stderr.len());
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "error: invalid value for `title` in article metadata",
            " --> content/articles/beta.toml:2:9",
            "  |"
        ]
    );
    assert!(lines[3].starts_with("2 | ... = [\"abab"), "{}", lines[3]);
    assert!(lines[3].ends_with("abab\"]"), "{}", lines[3]);
    assert!(lines[4].ends_with("^ expected a string, found a list"));
    assert_eq!(lines[5..], ["", FAILED_ONE.trim_end()]);
}

/// #16: "checked 1 articles", and plain `check` skipped drafts without a word though checking
/// a new draft is a step of adding an article; `--drafts` checks them.
#[test]
fn check_counts_in_the_right_number_and_names_the_drafts_it_skipped_16() {
    let fixture = Fixture::from_dir("errors/valid_site");
    let alpha = fixture.read("content/articles/alpha.toml");
    let alpha = alpha.replace("[source]", "draft = true\n\n[source]");
    fixture.write("content/articles/alpha.toml", alpha).write(
        "content/pages/about.md",
        "+++\ntitle = \"About\"\n+++\n\nNo links.\n",
    );
    let (status, stdout, stderr) = run_shelf(&fixture, &["check"]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        stdout,
        "checked 1 article, 2 topics and 9 pages: no errors, 1 warning; skipped 1 draft (check them with `--drafts`)\n"
    );
    let (status, stdout, stderr) = run_shelf(&fixture, &["check", "--drafts"]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        stdout,
        "checked 2 articles, 2 topics and 11 pages: no errors, 0 warnings\n"
    );
}

/// #16: `check --format json` gives every diagnostic with its file, line, column, severity,
/// message, label and help on stdout, and only the summary line on stderr.
#[test]
fn check_json_lists_every_diagnostic_for_tools_16() {
    let fixture = Fixture::from_dir("errors/several_errors");
    let (status, stdout, stderr) = run_shelf(&fixture, &["check", "--format", "json"]);
    assert_eq!(status, 1, "{stderr}");
    assert_eq!(stderr, "error: check failed with 4 errors\n");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["errors"], 4);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 4);
    assert_eq!(
        diagnostics[1],
        serde_json::json!({
            "file": "content/articles/beta.toml",
            "line": 4,
            "column": 10,
            "severity": "error",
            "message": "invalid value for `topics` in article metadata",
            "label": "expected a list, found a string",
            "help": "write `topics = [\"rivers\"]`",
        })
    );
    assert_eq!(diagnostics[2]["line"], serde_json::Value::Null);

    let fixture = Fixture::from_dir("errors/check_warnings");
    let (status, stdout, stderr) = run_shelf(&fixture, &["check", "--format", "json"]);
    assert_eq!((status, stderr.as_str()), (0, ""));
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["warnings"], 1);
    assert_eq!(report["counts"]["articles"], 2);
    assert_eq!(
        report["diagnostics"][0]["message"],
        "topic `borders` has no description"
    );
}

/// #13 finding 7: a `site.toml` error hid every content error, and content errors hid
/// broken `@/` links; now one run reports all three stages.
#[test]
fn reports_site_content_and_link_errors_in_one_run_13() {
    assert_eq!(
        build_fails("all_stages", &[], 1),
        r#"error: invalid value for `summary` in article metadata
 --> content/articles/beta.toml:5:11
  |
5 | summary = 7
  |           ^ expected a string, found a number

error: link `@/articles/rivers/` points to no page
 --> content/pages/about.md:5:23
  |
5 | See [the river piece](@/articles/rivers/) and [alpha](@/articles/alpha/).
  |                       ^^^^^^^^^^^^^^^^^^
  |
  = help: did you mean `@/topics/rivers/`? internal links look like `@/articles/<slug>/`, `@/topics/<slug>/` or `@/<page-slug>/`

error: unknown key `reading_sped` in site.toml
 --> site.toml:8:1
  |
8 | reading_sped = 200
  | ^^^^^^^^^^^^
  |
  = help: did you mean `reading_speed`? known keys: `title`, `description`, `base_url`, `language`, `editor`, `theme`, `output`, `minify`, `intro`, `reading_speed`, `per_page`, `feeds`, `outputs`

error: build failed with 3 errors; nothing was written
"#
    );
}

/// #13 finding 7: `check` too reports every stage, and a link to an article that failed
/// (here `beta`, linked from `alpha`'s editor note) is no follow-on error.
#[test]
fn check_reports_every_stage_and_no_link_to_a_failed_article_13() {
    let fixture = Fixture::from_dir("errors/all_stages");
    let (status, stdout, stderr) = run_shelf(&fixture, &["check"]);
    assert_eq!((status, stdout.as_str()), (1, ""), "{stderr}");
    let messages: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(
        messages,
        [
            "error: invalid value for `summary` in article metadata",
            "error: link `@/articles/rivers/` points to no page",
            "error: unknown key `reading_sped` in site.toml",
            "error: check failed with 3 errors",
        ]
    );
}

/// #13 finding 7: the output refusal named no place; from `site.toml`, it points at the key.
#[test]
fn points_at_an_output_folder_refused_in_site_toml_13() {
    assert_eq!(
        build_fails("output_in_sources", &[], 1),
        r#"error: refusing to build into `seeds`: it would overwrite the sources in `seeds/`
 --> site.toml:8:10
  |
8 | output = "seeds"
  |          ^^^^^^^
  |
  = help: choose a separate folder, like `--output public` (the default)

"#
        .to_string()
            + FAILED_ONE
    );
}

/// #13 finding 7: an unknown chart named only its file; it points at the chart's name.
#[test]
fn points_at_an_unknown_chart_13() {
    assert_eq!(
        build_fails("unknown_chart", &[], 1),
        r#"error: chart `arrivals` names no data figure
 --> content/pages/about.md:8:1
  |
8 | arrivals
  | ^^^^^^^^
  |
  = help: add `content/data/arrivals.toml`, or correct the name in the ```chart block

"#
        .to_string()
            + FAILED_ONE
    );
}

/// #16: a failed `new` (or `check`) ended with "build failed … nothing was written".
#[test]
fn a_failed_new_says_new_failed_16() {
    let fixture = Fixture::from_dir("errors/valid_site");
    let (status, stdout, stderr) = run_shelf(&fixture, &["new", "seeds/nope.txt"]);
    assert_eq!((status, stdout.as_str()), (1, ""), "{stderr}");
    assert_eq!(
        stderr,
        "error: seed `seeds/nope.txt` not found
 |
 = help: copy the raw text into seeds/ first, then run `shelf new seeds/<file>`

error: new failed with 1 error
"
    );
}

/// #16: a mistyped seed name printed the system's "No such file or directory (os error 2)";
/// it names the seed and the closest one there is.
#[test]
fn new_with_a_mistyped_seed_names_the_closest_one_16() {
    let fixture = Fixture::from_dir("errors/valid_site");
    let seed = std::fs::read_dir(fixture.root().join("seeds"))
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .find(|name| name.ends_with(".txt") && name.len() > 5)
        .unwrap();
    let typo = format!("seeds/{}x{}", &seed[..2], &seed[3..]);
    let (status, _, stderr) = run_shelf(&fixture, &["new", &typo]);
    assert_eq!(status, 1, "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "error: seed `{typo}` not found
 |
 = help: did you mean `shelf new seeds/{seed}`?

error: new failed with 1 error
"
        )
    );
}
