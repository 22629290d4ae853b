//! Unit tests of the write stage: changed files only, stale ones removed, all at once.

use super::*;

fn files(entries: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
    entries
        .iter()
        .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
        .collect()
}

#[test]
fn a_kept_manifest_is_used_until_the_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let staging = Staging::begin(&out, Minify::Off, None, None).unwrap();
    staging.put("a.txt", b"A".to_vec());
    let (_, kept) = staging.commit_keeping().unwrap();
    assert_eq!(kept.files.len(), 1);
    // The kept manifest stands for the file: an entry only it has is seen.
    let mut marked = kept;
    marked.files.insert("only-kept".into(), blake3::hash(b"x"));
    let staging = Staging::begin(&out, Minify::Off, None, Some(marked)).unwrap();
    assert!(staging.previous.contains_key("only-kept"));
    let (_, kept) = staging.commit_keeping().unwrap();
    // Another build rewrote the manifest: it is read again.
    std::fs::write(
        out.join(MANIFEST),
        format!("b.txt\t{}\n", blake3::hash(b"B").to_hex()),
    )
    .unwrap();
    let staging = Staging::begin(&out, Minify::Off, None, Some(kept)).unwrap();
    assert!(staging.previous.contains_key("b.txt") && !staging.previous.contains_key("a.txt"));
    staging.abort();
}

#[test]
fn writes_only_changed_files_and_removes_stale_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("CNAME"), "example.org").unwrap();
    let first = write_to_disk(
        &out,
        &files(&[("a/index.html", "A"), ("b/index.html", "B")]),
    )
    .unwrap();
    assert_eq!(
        first,
        WriteReport {
            written: 2,
            unchanged: 0,
            removed: 0
        }
    );
    let second = write_to_disk(&out, &files(&[("a/index.html", "A2")])).unwrap();
    assert_eq!(
        second,
        WriteReport {
            written: 1,
            unchanged: 0,
            removed: 1
        }
    );
    assert!(
        !out.join("b").exists(),
        "empty folders of stale files are removed"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("CNAME")).unwrap(),
        "example.org"
    );
    let third = write_to_disk(&out, &files(&[("a/index.html", "A2")])).unwrap();
    assert_eq!(
        third,
        WriteReport {
            written: 0,
            unchanged: 1,
            removed: 0
        }
    );
}

#[test]
fn an_aborted_build_leaves_the_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_to_disk(&out, &files(&[("a/index.html", "A")])).unwrap();
    let before = std::fs::read(out.join(MANIFEST)).unwrap();
    let staging = Staging::begin(&out, Minify::Off, None, None).unwrap();
    staging.put("a/index.html", b"changed".to_vec());
    staging.put("b/index.html", b"new".to_vec());
    staging.abort();
    assert_eq!(
        std::fs::read_to_string(out.join("a/index.html")).unwrap(),
        "A"
    );
    let work = dir.path().join(".public.shelf");
    assert!(!out.join("b").exists() && !work.join(STAGING).exists());
    assert_eq!(std::fs::read(out.join(MANIFEST)).unwrap(), before);

    let fresh = dir.path().join("never-built");
    let staging = Staging::begin(&fresh, Minify::Off, None, None).unwrap();
    staging.put("index.html", b"x".to_vec());
    staging.abort();
    assert!(
        !fresh.exists() && !dir.path().join(".never-built.shelf").exists(),
        "a folder the build created is removed again"
    );
}

#[test]
fn a_killed_builds_staging_is_cleared_and_deleted_files_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_to_disk(&out, &files(&[("a/index.html", "A"), ("b.css", "B")])).unwrap();
    let work = dir.path().join(".public.shelf");
    for staging in [out.join(STAGING), work.join(STAGING)] {
        std::fs::create_dir_all(staging.join("old")).unwrap();
        std::fs::write(staging.join("old/x.html"), "half").unwrap();
    }
    std::fs::remove_file(out.join("b.css")).unwrap();
    let report = write_to_disk(&out, &files(&[("a/index.html", "A"), ("b.css", "B")]));
    assert_eq!(
        report.unwrap(),
        WriteReport {
            written: 1,
            unchanged: 1,
            removed: 0
        },
        "the manifest's hash alone does not make a deleted file unchanged"
    );
    assert_eq!(std::fs::read_to_string(out.join("b.css")).unwrap(), "B");
    assert!(!out.join(STAGING).exists() && !work.join(STAGING).exists());
    let manifest = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
    assert_eq!(manifest.lines().count(), 2, "{manifest}");
    assert!(manifest.starts_with("a/index.html\t"), "{manifest}");
}

#[test]
fn ignores_unsafe_manifest_entries() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(dir.path().join("precious.txt"), "keep").unwrap();
    let hash = blake3::hash(b"keep").to_hex();
    std::fs::write(
        out.join(MANIFEST),
        format!("../precious.txt\t{hash}\n/etc/passwd\t{hash}\n"),
    )
    .unwrap();
    write_to_disk(&out, &files(&[("index.html", "x")])).unwrap();
    assert!(dir.path().join("precious.txt").exists());
}

#[test]
fn refuses_output_folders_that_overlap_the_sources() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["seeds", "content", "themes"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    for bad in [
        ".",
        "..",
        "seeds",
        "content/out",
        "themes/default/x",
        "public/../seeds",
    ] {
        assert!(
            check_output_folder(dir.path(), Path::new(bad)).is_err(),
            "{bad}"
        );
    }
    assert!(check_output_folder(dir.path(), Path::new("public")).is_ok());
}

/// Builds `entries` into `out` as a series of builds does (a memo and the kept manifest).
fn build_in_series(
    out: &Path,
    memo: &MinifyMemo,
    kept: Option<KeptManifest>,
    entries: &[(&str, &str)],
) -> (WriteReport, KeptManifest) {
    let staging = Staging::begin(out, Minify::Off, Some(memo), kept).unwrap();
    for (path, bytes) in entries {
        staging.put(path, bytes.as_bytes().to_vec());
    }
    staging.commit_keeping().unwrap()
}

#[test]
fn a_series_of_builds_swaps_in_exactly_each_new_site() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let memo = MinifyMemo::new();
    let sites: [&[(&str, &str)]; 5] = [
        &[("a/index.html", "A"), ("b/index.html", "B"), ("c.css", "C")],
        &[
            ("a/index.html", "A2"),
            ("b/index.html", "B2"),
            ("c.css", "C"),
        ],
        // A file changed by the last build and removed by this one (#13: it stayed).
        &[("a/index.html", "A2"), ("c.css", "C")],
        &[("a/index.html", "A3"), ("c.css", "C"), ("d/e/f.html", "F")],
        &[("a/index.html", "A3"), ("b/index.html", "B")],
    ];
    let mut kept = None;
    for site in sites {
        let (_, now) = build_in_series(&out, &memo, kept.take(), site);
        kept = Some(now);
        let mut expected: Vec<(String, String)> = site
            .iter()
            .map(|(path, bytes)| (path.to_string(), bytes.to_string()))
            .collect();
        expected.sort();
        let mut found: Vec<(String, String)> = walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.file_name() != MANIFEST)
            .map(|e| {
                let name = crate::load::slash_path(e.path().strip_prefix(&out).unwrap());
                (name, std::fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        found.sort();
        assert_eq!(found, expected);
    }
}

#[test]
fn a_file_deleted_from_the_output_comes_back_in_every_later_site() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let memo = MinifyMemo::new();
    let site: &[(&str, &str)] = &[("a/index.html", "A"), ("b.css", "B")];
    let (_, kept) = build_in_series(&out, &memo, None, site);
    let (_, kept) = build_in_series(&out, &memo, Some(kept), site);
    std::fs::remove_file(out.join("b.css")).unwrap();
    let mut kept = Some(kept);
    for _ in 0..3 {
        let (_, now) = build_in_series(&out, &memo, kept.take(), site);
        kept = Some(now);
        assert_eq!(std::fs::read_to_string(out.join("b.css")).unwrap(), "B");
    }
}

#[test]
fn without_a_work_folder_files_move_in_place_and_never_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    // Something that is not a folder where the work folder would go: no swap is possible.
    std::fs::write(dir.path().join(".public.shelf"), "not a folder").unwrap();
    write_to_disk(&out, &files(&[("a/index.html", "A"), ("b.css", "B")])).unwrap();
    let second = write_to_disk(&out, &files(&[("a/index.html", "A2")])).unwrap();
    assert_eq!((second.written, second.removed), (1, 1));
    assert_eq!(
        std::fs::read_to_string(out.join("a/index.html")).unwrap(),
        "A2"
    );
    assert!(!out.join("b.css").exists() && !out.join(STAGING).exists());

    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::remove_dir_all(out.join("a")).unwrap();
    std::os::unix::fs::symlink(&content, out.join("a")).unwrap();
    let error = write_to_disk(&out, &files(&[("a/index.html", "A3")])).unwrap_err();
    assert!(
        error.to_string().contains("never writes through a link"),
        "{error}"
    );
    assert!(std::fs::read_dir(&content).unwrap().next().is_none());
}
