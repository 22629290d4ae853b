//! Text copied from anywhere (#13): data figures with extreme numbers, Markdown with raw
//! HTML, control characters in seeds and metadata. The build refuses what it cannot show
//! honestly, removes what is not allowed, and every XML file it writes parses.

use crate::{Fixture, run_shelf};

const FIGURE: &str = "content/data/defector-arrivals.toml";

#[test]
fn refuses_a_data_figure_value_too_large_to_show_exactly() {
    // #13: `1e19` was shown as 9,223,372,036,854,775,807 and 1.7e308 put `NaN` in the SVG.
    let fixture = Fixture::collection();
    let figure = fixture
        .read(FIGURE)
        .replace("value = 229", "value = 1.7e308");
    fixture.write(FIGURE, figure);
    let (status, stdout, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!((status, stdout.as_str()), (1, ""), "{stderr}");
    assert_eq!(
        stderr,
        "error: value too large for a data figure
  --> content/data/defector-arrivals.toml:14:1
   |
14 | [[points]]
   | ^^^^^^^^^^ charts draw values up to 9,007,199,254,740,992 (2^53)
   |
   = help: give the figure in a larger unit, e.g. `unit = \"million people\"` and `value = 2.9`

error: build failed with 1 error; nothing was written
"
    );
}
