//! Unit tests of the structurer as a whole; rule-level tests sit beside each rule.

use super::*;

fn seed(bytes: &[u8]) -> SeedFile {
    SeedFile {
        path: "seeds/t.txt".into(),
        bytes: bytes.to_vec(),
    }
}

#[test]
fn splits_on_blank_lines_and_keeps_spans() {
    let document = parse_seed(&seed(b"One two three four.\nFive six seven.\n\n  \nEight nine ten.\n")).unwrap();
    assert_eq!(document.blocks.len(), 3);
    assert_eq!(&document.text[document.blocks[2].span.clone()], "Eight nine ten.");
    assert_eq!(document.blocks[2].line_range, (5, 5));
}

#[test]
fn strips_bom_and_accepts_crlf() {
    let document = parse_seed(&seed("\u{feff}a b c.\r\n\r\nb is\rc.".as_bytes())).unwrap();
    assert_eq!(document.text, "a b c.\n\nb is\nc.");
    assert_eq!(document.blocks[1].lines, ["b is", "c."]);
}

#[test]
fn rejects_empty_and_whitespace_only_seeds() {
    assert_eq!(
        parse_seed(&seed(b" \n\n")).unwrap_err().message,
        "seed `seeds/t.txt` is empty"
    );
}

/// One line per block: `kind rule L<start>-<end>: first 60 chars` (comments add their depth
/// and author in brackets).
fn outline(document: &Document) -> String {
    let mut out = String::new();
    for block in &document.blocks {
        let kind = serde_json::to_value(block.kind).unwrap();
        let mut text = String::new();
        if let Some(info) = &block.comment {
            text.push_str(&format!("[d{}", info.depth));
            if let Some(author) = &info.author {
                text.push_str(&format!(" {author}"));
            }
            text.push_str("] ");
        }
        if block.ordered {
            text.push_str("[ordered] ");
        }
        text.push_str(&block.lines.join(" | "));
        let short: String = text.chars().take(60).collect();
        out.push_str(&format!(
            "{} {} L{}-{}: {}\n",
            kind.as_str().unwrap(),
            block.rule,
            block.line_range.0,
            block.line_range.1,
            short.trim_end()
        ));
    }
    out
}

/// Compares each `*.txt` under `dir` with its `.expected` outline; `UPDATE_EXPECTED=1`
/// rewrites them (review the diff line by line before committing).
fn check_outlines(dir: &str, extension: &str) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected_dir = root.join("tests/fixtures/structure").join(match dir {
        "seeds" => "seeds",
        _ => "texts",
    });
    let source_dir = root.join(dir);
    let mut names: Vec<_> = std::fs::read_dir(&source_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no texts in {}", source_dir.display());
    let update = std::env::var_os("UPDATE_EXPECTED").is_some();
    let mut failures = Vec::new();
    for path in names {
        let bytes = std::fs::read(&path).unwrap();
        let document = parse_seed(&seed(&bytes)).unwrap();
        let actual = outline(&document);
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let expected_path = expected_dir.join(format!("{stem}.expected"));
        if update {
            std::fs::create_dir_all(&expected_dir).unwrap();
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!("{stem}:\n{actual}"));
        }
    }
    assert!(failures.is_empty(), "outlines differ:\n{}", failures.join("\n"));
}

#[test]
fn seeds_match_their_expected_outlines() {
    check_outlines("seeds", "txt");
}

#[test]
fn own_texts_match_their_expected_outlines() {
    check_outlines("tests/fixtures/structure/texts", "txt");
}
