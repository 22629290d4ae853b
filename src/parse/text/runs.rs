//! Run rules: the structurer's tests that look at a run of lines rather than one.
//!
//! [`list_runs`] marks the lines of lists of two or more items (ordered or not, blank lines
//! between allowed); [`series_runs`] marks series listings (`… Part 1`, `… Part 2` sharing a
//! long prefix). Each makes one pass over the body's lines before the per-line rules run.

use super::lines::Line;
use super::rules::{list_marker, section_marker, series_part};

/// A series listing's lines share at least this many characters before they differ.
const MIN_SERIES_PREFIX_CHARS: usize = 20;

/// For each body line in a run of two or more list items: whether the list is ordered.
/// Blank lines may separate items; any other line ends the run.
pub(crate) fn list_runs(lines: &[Line<'_>]) -> Vec<Option<bool>> {
    let mut marks = vec![None; lines.len()];
    let mut run: Vec<usize> = Vec::new();
    let mut run_ordered = false;
    let flush = |run: &mut Vec<usize>, ordered: bool, marks: &mut Vec<Option<bool>>| {
        if run.len() >= 2 {
            for &i in run.iter() {
                marks[i] = Some(ordered);
            }
        }
        run.clear();
    };
    for (index, line) in lines.iter().enumerate() {
        if line.text.is_empty() {
            continue;
        }
        let marker = list_marker(line.text).filter(|_| section_marker(line.text).is_none());
        match marker {
            Some((ordered, _)) if run.is_empty() || ordered == run_ordered => {
                run_ordered = ordered;
                run.push(index);
            }
            Some((ordered, _)) => {
                flush(&mut run, run_ordered, &mut marks);
                run_ordered = ordered;
                run.push(index);
            }
            None => flush(&mut run, run_ordered, &mut marks),
        }
    }
    flush(&mut run, run_ordered, &mut marks);
    marks
}

/// Marks lines of series listings: two or more consecutive lines (blank lines between are
/// fine) that each name a different `Part N` and share a prefix of
/// [`MIN_SERIES_PREFIX_CHARS`] or more.
pub(crate) fn series_runs(lines: &[Line<'_>]) -> Vec<bool> {
    let mut marks = vec![false; lines.len()];
    let mut run: Vec<(usize, u32)> = Vec::new();
    let flush = |run: &mut Vec<(usize, u32)>, marks: &mut Vec<bool>| {
        if run.len() >= 2 {
            let first = lines[run[0].0].text;
            let shared = run.iter().skip(1).fold(first.len(), |shared, &(i, _)| {
                common_prefix_len(&first[..shared], lines[i].text)
            });
            let mut parts: Vec<u32> = run.iter().map(|&(_, n)| n).collect();
            parts.sort_unstable();
            parts.dedup();
            if first[..shared].chars().count() >= MIN_SERIES_PREFIX_CHARS
                && parts.len() == run.len()
            {
                for &(i, _) in run.iter() {
                    marks[i] = true;
                }
            }
        }
        run.clear();
    };
    for (index, line) in lines.iter().enumerate() {
        if line.text.is_empty() {
            continue;
        }
        match series_part(line.text) {
            Some((_, number)) => run.push((index, number)),
            None => flush(&mut run, &mut marks),
        }
    }
    flush(&mut run, &mut marks);
    marks
}

/// Length in bytes of the longest common prefix, on a char boundary.
fn common_prefix_len(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|&((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}
