//! Themes (#13): `extends` names a folder under `themes/`, never a path out of it.

use crate::{Fixture, run_shelf};

#[test]
fn a_theme_cannot_extend_a_folder_outside_themes() {
    // #13: `extends = "../../../x"` loaded templates from outside themes/.
    let fixture = Fixture::from_dir("build/basic");
    let site = fixture.read("site.toml");
    fixture
        .write(
            "site.toml",
            site.replace("theme = \"default\"", "theme = \"child\""),
        )
        .write("themes/child/theme.toml", "extends = \"../evil\"\n")
        .write("evil/theme.toml", "extends = \"default\"\n")
        .write("evil/templates/article.html", "OUTSIDE THE THEMES FOLDER\n");
    let (code, _, stderr) = run_shelf(&fixture, &["build"]);
    assert!(
        !fixture
            .root()
            .join("public/articles/alpha/index.html")
            .exists(),
        "no page was built with a template from outside themes/"
    );
    assert_eq!(code, 1);
    let expected = r#"error: theme `child` extends `../evil`, which is not a theme name
 --> themes/child/theme.toml:1:11
  |
1 | extends = "../evil"
  |           ^^^^^^^^^ expected the name of a folder under themes/
  |
  = help: write a theme's folder name, like `extends = "default"`
"#;
    assert!(stderr.contains(expected), "{stderr}");
}
