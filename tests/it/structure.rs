//! Raw-text structuring as an editor meets it: overrides in the article's TOML, corrections
//! shown to readers, and `shelf inspect`.

use crate::{Fixture, run_shelf};

#[test]
fn overrides_and_corrections_from_metadata_shape_the_page() {
    let fixture = Fixture::from_dir("structure/overrides");
    fixture.build().unwrap();
    let page = fixture.read("public/articles/report/index.html");
    assert!(
        !page.contains("Border Report From The River"),
        "dropped by a line override"
    );
    assert!(
        page.contains("<p>A LINE THAT LOOKS LIKE A HEADING</p>"),
        "made a paragraph"
    );
    assert!(page.contains("<p>Photo credit line that is really a sentence about the river.</p>"));
    assert!(
        page.contains("The guards at the Daily NK office"),
        "corrected"
    );
    assert!(page.contains("[corrected: “Dailly NK” → “Daily NK”; misspelled in the original]"));
    assert!(page.contains("it wold [sic] be cold"), "kept and marked");
    assert!(
        !page.contains("SHARE THIS STORY") && !page.contains("Related: other stories"),
        "cut"
    );
    assert!(!page.contains("Reader comments"), "comments hidden");
}

#[test]
fn an_override_that_matches_nothing_is_an_error_naming_file_and_key() {
    let fixture = Fixture::from_dir("structure/overrides");
    let text = fixture.read("content/articles/report.toml").replace(
        "prefix = \"A LINE THAT LOOKS\"",
        "prefix = \"A LINE THAT IS NOT THERE\"",
    );
    fixture.write("content/articles/report.toml", text);
    let (code, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(
            "error: `[[structure.lines]] 2` matches nothing in seed `report.txt`: `A LINE THAT IS NOT THERE`\n  --> content/articles/report.toml:16:10\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("no line starts with this text"), "{stderr}");
}

#[test]
fn a_correction_needs_replace_or_sic() {
    let fixture = Fixture::from_dir("structure/overrides");
    let text = fixture
        .read("content/articles/report.toml")
        .replace("sic = true\n", "");
    fixture.write("content/articles/report.toml", text);
    let (code, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("error: a correction needs either `replace` or `sic = true`"),
        "{stderr}"
    );
}

#[test]
fn inspect_prints_each_line_with_its_kind_and_rule() {
    let fixture = Fixture::from_dir("structure/overrides");
    let (code, stdout, stderr) = run_shelf(&fixture, &["inspect", "report"]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        "seeds/report.txt structured with the rules in content/articles/report.toml"
    );
    assert!(
        lines.contains(&"    1  dropped       override             Border Report From The River"),
        "{stdout}"
    );
    assert!(lines.contains(&"    2  blank"), "{stdout}");
    assert!(
        lines.contains(&"   11  dropped       cut                  SHARE THIS STORY"),
        "{stdout}"
    );
    assert!(
        stdout.trim_end().ends_with("lines: 4 dropped, 4 paragraph") || stdout.contains(" lines: "),
        "{stdout}"
    );
}

#[test]
fn inspect_suggests_a_slug_for_a_typo() {
    let fixture = Fixture::from_dir("structure/overrides");
    let (code, _, stderr) = run_shelf(&fixture, &["inspect", "reprot"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: no article `reprot` (looked for `content/articles/reprot.toml`); did you mean `report`?\n"
    );
}
