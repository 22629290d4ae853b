//! Run rules: the structurer's tests that look at a run of lines rather than one.
//!
//! [`list_runs`] marks the lines of lists of two or more items (ordered or not, blank lines
//! between allowed); [`series_runs`] marks series listings (`… Part 1`, `… Part 2` sharing a
//! long prefix); [`field_list_runs`] marks a fact box's `Key: value` rows. Each makes one
//! pass over the body's lines before the per-line rules run.

use super::lines::Line;
use super::rules::{
    RunMarker, ends_sentence, list_marker, run_marker, section_marker, series_part,
};

/// A series listing's lines share at least this many characters before they differ.
const MIN_SERIES_PREFIX_CHARS: usize = 20;

/// A fact box has at least this many `Key: value` rows.
const MIN_FIELD_ROWS: usize = 3;

/// A sentence at least this long (in [`weight`](super::signals::weight)) before a run of
/// fields shows the article's text has begun: fields above it are the page's.
const MIN_OPENING_WEIGHT: usize = 60;

/// For each body line in a run of two or more list items: whether the list is ordered.
/// Blank lines may separate items; any other line ends the run. Items whose markers need a
/// run to be read as such ([`run_marker`]: `가.` `나.`, `（一）` `（二）`, `Step 1` `Step 2`…)
/// make a list when their numbers follow on, in one style, for at least the style's
/// [`MarkerStyle::min_items`].
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
    let mut sequence: Vec<usize> = Vec::new();
    let mut last: Option<RunMarker> = None;
    let flush_sequence =
        |sequence: &mut Vec<usize>, last: &mut Option<RunMarker>, marks: &mut Vec<Option<bool>>| {
            if let Some(style) = last.take().map(|m| m.style)
                && sequence.len() >= style.min_items()
            {
                for &i in sequence.iter() {
                    marks[i] = Some(style.is_ordered());
                }
            }
            sequence.clear();
        };
    for (index, line) in lines.iter().enumerate() {
        if line.text.is_empty() {
            continue;
        }
        let is_section = section_marker(line.text).is_some();
        let marker = list_marker(line.text).filter(|_| !is_section);
        let numbered = marker
            .is_none()
            .then(|| run_marker(line.text))
            .flatten()
            .filter(|_| !is_section);
        if marker.is_some() || numbered.is_none() {
            flush_sequence(&mut sequence, &mut last, &mut marks);
        }
        if let Some(item) = numbered {
            flush(&mut run, run_ordered, &mut marks);
            let continues = last.is_some_and(|previous| {
                previous.style == item.style && item.style.follows(previous.number, item.number)
            });
            if !continues {
                flush_sequence(&mut sequence, &mut last, &mut marks);
            }
            sequence.push(index);
            last = Some(item);
            continue;
        }
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
    flush_sequence(&mut sequence, &mut last, &mut marks);
    marks
}

/// Longest line that counts as an item of an unmarked list, in characters.
const MAX_BARE_ITEM_CHARS: usize = 60;

/// Marks the items of lists whose markers were lost in copying: two or more short lines in
/// a row (no blank between), none ending a sentence or carrying a marker, right under a line
/// that introduces them (`The new launches are on the following lakes:`), or three or more
/// right under a short heading that follows a sentence, when a sentence or a marked line
/// follows the run (`前提` over `本番のPostgreSQLは15系` …).
pub(crate) fn bare_list_runs(lines: &[Line<'_>]) -> Vec<bool> {
    let mut marks = vec![false; lines.len()];
    let is_item = |l: &Line<'_>| {
        !l.text.is_empty()
            && super::signals::chrome_hint(l.text).is_none()
            && !is_post_stamp(l.text)
            && l.text.chars().count() <= MAX_BARE_ITEM_CHARS
            && !ends_sentence(l.text)
            && !l.text.ends_with([':', '：'])
            && list_marker(l.text).is_none()
            && section_marker(l.text).is_none()
    };
    let mut index = 0;
    while index < lines.len() {
        let intro = lines[index].text;
        // An introducing sentence (`…on the following lakes:`), not a label (`Media Contact:`).
        let introduces = intro.ends_with([':', '：'])
            && (intro.split_whitespace().count() >= 4
                || intro.chars().filter(|&c| super::signals::is_cjk(c)).count() >= 8)
            && super::signals::chrome_hint(intro).is_none();
        let heads = index > 0
            && !intro.is_empty()
            && intro.chars().count() <= 12
            && !ends_sentence(intro)
            && ends_sentence(lines[index - 1].text)
            && super::signals::chrome_hint(intro).is_none();
        if !(introduces || heads) {
            index += 1;
            continue;
        }
        let run_end = (index + 1..lines.len())
            .find(|&i| !is_item(&lines[i]))
            .unwrap_or(lines.len());
        let items = run_end - index - 1;
        let closes = lines.get(run_end).is_some_and(|l| {
            l.text.is_empty() || ends_sentence(l.text) || list_marker(l.text).is_some()
        });
        // Closed by the text going on, not by the page's footer (`© 2025 …`).
        let closed_by_text = lines.get(run_end).is_some_and(|l| {
            (ends_sentence(l.text) || list_marker(l.text).is_some())
                && super::signals::chrome_hint(l.text).is_none()
        });
        if introduces && items >= 2 && closes || heads && items >= 3 && closed_by_text {
            for mark in &mut marks[index + 1..run_end] {
                *mark = true;
            }
        }
        index = run_end.max(index + 1);
    }
    marks
}

/// Marks a page's contents box: three or more lines in a row numbered 1, 2, 3… (`1 History`,
/// `2. 制作工艺`), at least half of whose titles stand again as lines further down (the
/// sections they link to), and the short label right above them (`Contents`, `目录`). A
/// numbered list of the text (a line-up, steps) names nothing that recurs as a line.
pub(crate) fn contents_runs(lines: &[Line<'_>]) -> Vec<bool> {
    let mut marks = vec![false; lines.len()];
    let mut index = 0;
    while index < lines.len() {
        let mut end = index;
        while end < lines.len()
            && entry(lines[end].text).is_some_and(|(n, _)| n as usize == end - index + 1)
        {
            end += 1;
        }
        if end - index < 3 {
            index = end.max(index + 1);
            continue;
        }
        // Bounded: the sections follow within a few hundred lines.
        let later: std::collections::HashSet<&str> = lines[end..]
            .iter()
            .take(MAX_CONTENTS_REACH)
            .map(|l| l.text)
            .collect();
        let recurring = lines[index..end]
            .iter()
            .filter_map(|l| entry(l.text))
            .filter(|(_, title)| later.contains(title))
            .count();
        if recurring * 2 >= end - index {
            for mark in &mut marks[index..end] {
                *mark = true;
            }
            if let Some(label) = index.checked_sub(1).map(|i| lines[i].text)
                && !label.is_empty()
                && label.chars().count() <= 20
                && !ends_sentence(label)
            {
                marks[index - 1] = true;
            }
        }
        index = end;
    }
    marks
}

/// A contents box's entry: its number and the section's title (`2 Personality`).
fn entry(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let title = text[digits..].strip_prefix(['.', ' '])?.trim_start();
    let number = text[..digits].parse().ok()?;
    (!title.is_empty() && title.chars().count() <= 40 && !ends_sentence(title))
        .then_some((number, title))
}

/// How many lines after a contents box are searched for its sections' titles.
const MAX_CONTENTS_REACH: usize = 400;

/// A post's stamp or counter, never a list's item: a date and time (`2025.03.10. 14:22`,
/// `Asked 3 years ago`), a bare number (`7`: a vote count), or a CJK word with its count
/// (`조회 342`, `阅读 2.1万`).
fn is_post_stamp(text: &str) -> bool {
    let is_cjk_count = text.split_once(' ').is_some_and(|(word, count)| {
        (1..=4).contains(&word.chars().count())
            && word.chars().all(super::signals::is_cjk)
            && count.starts_with(|c: char| c.is_ascii_digit())
            && count.len() <= 8
            // A bare count (`342`, `2.1万`), not a quantity (`1/2本`, `300g`).
            && count
                .trim_end_matches(['万', '萬', '千', 'k', 'K'])
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    });
    super::signals::is_stamp(text) || !text.chars().any(char::is_alphabetic) || is_cjk_count
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

/// `Scale: 00 (4mm:1ft)`, `주소: 강원 …`, `单电机版:最大功率200kW`: the key and value of a
/// fact box's row. The key is short (at most four words and 30 characters, or ten
/// characters in a CJK script, where no space need follow the colon), the value not empty.
fn field_row(text: &str) -> Option<(&str, &str)> {
    if text.chars().count() > 200 {
        return None;
    }
    let window = &text[..super::rules::floor_char_boundary(text, 40)];
    let colon = window.find([':', '：'])?;
    let key = text[..colon].trim();
    let value = text[colon..].trim_start_matches([':', '：']);
    let cjk_key = key.chars().any(super::signals::is_cjk);
    let key_fits = if cjk_key {
        key.chars().count() <= 10
    } else {
        value.starts_with(' ')
            && key.chars().count() <= 30
            && (1..=4).contains(&key.split_whitespace().count())
    };
    let value = value.trim();
    (key_fits && !key.is_empty() && !value.is_empty() && key.chars().next()?.is_alphabetic())
        .then_some((key, value))
}

/// A [`field_row`] whose key labels no page or link and which is no sure chrome.
fn fact_row(text: &str) -> Option<(&str, &str)> {
    field_row(text).filter(|(key, _)| {
        !super::cues::is_page_key(&super::boilerplate::collapse_lowercase(key))
            && super::signals::chrome_hint(text) != Some(super::signals::Hint::Strong)
    })
}

/// For each line: whether it is a row of a fact box inside the article, read as a list
/// item (`field-list`). A fact box is a block of [`MIN_FIELD_ROWS`] or more [`field_row`]
/// lines in a row, ended by a blank line, inside the article (a sentence of
/// [`MIN_OPENING_WEIGHT`] or more above it and another below it), with a different key on
/// each row and no value that ends a sentence (a dialogue's `Q:` and `A:` rows are
/// paragraphs), none of whose keys labels the page or a link
/// ([`is_page_key`](super::cues::is_page_key): `Posted:`, `Tags:`, `Related:`, `Photo:`,
/// `上一篇：`) and none of which is sure chrome (`© 2024 …`).
pub(crate) fn field_list_runs(lines: &[Line<'_>]) -> Vec<bool> {
    let mut marks = vec![false; lines.len()];
    let is_sentence = |l: &Line<'_>| {
        ends_sentence(l.text) && super::signals::weight(l.text) >= MIN_OPENING_WEIGHT
    };
    let Some(last_sentence) = lines.iter().rposition(is_sentence) else {
        return marks;
    };
    // Rows above the article's first sentence are the page's: skip to after it.
    let Some(opening) = lines[..last_sentence].iter().position(is_sentence) else {
        return marks;
    };
    let mut index = opening + 1;
    while index < last_sentence {
        let mut rows: Vec<(&str, &str)> = Vec::new();
        let mut end = index;
        while let Some(row) = lines.get(end).and_then(|l| fact_row(l.text)) {
            rows.push(row);
            end += 1;
        }
        let closed = lines.get(end).is_some_and(|l| l.text.is_empty());
        let distinct = rows
            .iter()
            .enumerate()
            .all(|(i, (key, _))| rows[..i].iter().all(|(other, _)| other != key));
        let no_sentences = rows.iter().all(|(_, value)| !ends_sentence(value));
        if closed && end < last_sentence && rows.len() >= MIN_FIELD_ROWS && distinct && no_sentences
        {
            marks[index..end].fill(true);
        }
        // The line at `end` is no row: the next run can start after it at the earliest.
        index = end + 1;
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::lines::lines_of;

    #[test]
    fn finds_lists_whose_markers_were_lost() {
        let text = "The new launches are on these lakes:\nBirch Lake\nOtter Lake\n\nMore text.";
        let marks = bare_list_runs(&lines_of(text));
        assert_eq!(marks[..4], [false, true, true, false]);
        let text = "Last line.\nRelated\nOne story\nTwo story\nThree story\n© 2025 Site. All rights reserved.";
        assert!(!bare_list_runs(&lines_of(text)).contains(&true));
        let text = "Contact:\nJane Kim\npress@example.org\n";
        assert!(!bare_list_runs(&lines_of(text)).contains(&true));
    }

    /// #12: items whose markers need a run are a list when their numbers follow on in one
    /// style (Korean letters, Chinese numerals, steps, chapter times, repeated `一、`); a
    /// lone item, numbers that jump (vote counts) or fall (a live blog's key events), and a
    /// ranking box of two are not.
    #[test]
    fn lists_runs_of_markers_whose_numbers_follow_on() {
        let listed = |text: &str| -> Vec<bool> {
            list_runs(&lines_of(text))
                .iter()
                .map(Option::is_some)
                .collect()
        };
        let text = "안내드립니다.\n가. 공사 구역 차량은 이동해 주세요.\n나. 견인될 수 있습니다.\n다. 환기에 유의해 주십시오.\n감사합니다.";
        assert_eq!(listed(text), [false, true, true, true, false]);
        let text = "二、排查内容\n（一）野外用火情况；\n（二）输电线路的隐患；\n三、工作要求";
        assert_eq!(listed(text), [false, true, true, false]);
        let text = "当天安排如下：\n一、読経\n\n一、塔婆供養\n一、お茶の接待";
        assert_eq!(listed(text), [false, true, false, true, true]);
        let text = "Chapters\n00:00 Hello\n03:15 The bread\n17:40 The factory loaf";
        assert_eq!(listed(text), [false, true, true, true]);
        let text = "Agenda\na. Minutes of the last meeting\nb. Payment of bills\nc. Reports";
        assert_eq!(listed(text), [false, true, true, true]);
        let text = "Step 1 Wash the rice.\nStep 2 Soak it for an hour.";
        assert_eq!(listed(text), [true, true]);
        // A heading numbered `一、` with its text under it, then the next: no list.
        let text = "一、硬盘的选择\n我选了两块旧盘。\n二、系统的选择\n装了一个轻量系统。";
        assert!(!listed(text).contains(&true));
        // Jumping counts, falling times, a ranking box of two, one letter alone.
        let text = "87 有用\n2 没用";
        assert!(!listed(text).contains(&true));
        let text = "19:42 The foldable is real\n19:20 Price revealed\n19:05 The keynote starts";
        assert!(!listed(text).contains(&true));
        let text = "많이 본 뉴스\n1 아이돌 그룹, 팬미팅 개최\n2 인기 예능, 시즌3 확정";
        assert!(!listed(text).contains(&true));
        let text = "a. m. is when we met.\nThen we left.";
        assert!(!listed(text).contains(&true));
        let text = "a. First\nc. Third";
        assert!(!listed(text).contains(&true));
    }

    /// #12: a wiki's contents box (`Contents` over `1 History`, `2 Legacy`…, sections that
    /// follow as lines) is marked with its label; a numbered line-up is not.
    #[test]
    fn a_contents_box_names_sections_that_follow() {
        let text = "The mill stood by the river for a century.\nContents\n1 History\n2 The wheel\n3 Legacy\nHistory\nThe mill was built in 1820.\nThe wheel\nIt had twelve spokes.\nLegacy\nA museum now.";
        let marks = contents_runs(&lines_of(text));
        assert_eq!(marks[..6], [false, true, true, true, true, false]);
        let text = "Today's line-up:\n1 Park Ji-ho (CF)\n2 Kim Tae-u (SS)\n3 Lee Min (DH)\nThe game starts at two.";
        assert!(!contents_runs(&lines_of(text)).contains(&true));
    }

    /// #12: a post's stamps and counters under its title (`2025.03.10. 14:22`, `조회 342`,
    /// `阅读 2.1万`, a bare vote count) are not a list whose markers were lost; quantities
    /// (`ねぎ 1/2本`, `50cm`) still are items.
    #[test]
    fn stamps_and_counters_are_not_bare_list_items() {
        let text = "Last week the road was closed.\nMorning notes\n2025.03.10. 14:22\n조회 342\n7\nThe road opened again today.";
        assert!(!bare_list_runs(&lines_of(text)).contains(&true));
        let text =
            "旧街搬了三次家。\n城市笔记\n2025-08-21 09:00\n阅读 2.1万\n12\n巷子口有一家修鞋铺。";
        assert!(!bare_list_runs(&lines_of(text)).contains(&true));
        let text = "We sewed the bag by hand.\nWhat we used\nOld jeans 1 pair\nCotton cloth 50cm\nTape 1.5m\nThe pocket came from the jeans.";
        assert_eq!(bare_list_runs(&lines_of(text))[2..5], [true, true, true]);
        let text =
            "鍋で煮るだけです。\n材料\n大根 1/2本\n塩 小さじ1\n水 300ml\n最初に大根を切ります。";
        assert_eq!(bare_list_runs(&lines_of(text))[2..5], [true, true, true]);
    }
}
