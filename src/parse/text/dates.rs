//! Dates and times inside a line, for the scorer and its context tests: whether a line
//! carries a numeric date or clock time among other words (`原创 作者 2024-05-20 18:00`), or
//! a full date written out (`Posted 2 April 2025 by Jenny`, `2024年5月14日`), and whether a
//! line is a bare clock time heading a live blog's entry (`11:42`).
//!
//! Each test reads at most the line's first bytes ([`super::cues`]'s scan window) and copies
//! nothing.

use super::rules::floor_char_boundary;

/// Bytes of a line the date tests read (as the cues do).
const DATE_SCAN_BYTES: usize = 300;

fn sample(line: &str) -> &str {
    &line[..floor_char_boundary(line, DATE_SCAN_BYTES)]
}

/// Whether a word of the line is a numeric date or clock time (`2024-05-20`, `18:00`,
/// `2024.03.05`): a line that carries one among other words is a post's metadata line
/// (`原创 作者 2024-05-20 18:00`), never its headline.
pub(crate) fn has_date_time(line: &str) -> bool {
    let text = sample(line);
    // Every date and time holds a digit; most lines of text hold none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    has_written_date(text)
        || text.split_whitespace().any(|word| {
            let word = word.trim_matches(|c: char| !c.is_ascii_digit());
            let parts: Vec<&str> = word.split(['-', ':', '.', '/']).collect();
            parts.len() >= 2
                && (word.contains(':') || parts.len() >= 3)
                && parts
                    .iter()
                    .all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
        })
}

/// `2 April 2025`, `Oct 12, 2024`, `2024年5月14日`: a full date written out, with its year.
fn has_written_date(text: &str) -> bool {
    let is_year = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_ascii_digit());
        w.len() == 4 && w.starts_with(['1', '2']) && w.chars().all(|c| c.is_ascii_digit())
    };
    let is_day = |w: &str| {
        let w = w
            .trim_end_matches([',', '.'])
            .trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
        (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit())
    };
    // Three words at a time: `2 April 2025` or `April 2, 2025`, with no copy of the words.
    let mut window = ["", "", "", ""];
    let mut latin = false;
    for word in text.split_whitespace().chain(["", ""]) {
        window.rotate_left(1);
        window[3] = word;
        let [before, month, next, after] = window;
        let bare = month.trim_end_matches([',', '.']);
        let is_month = bare.chars().next().is_some_and(char::is_uppercase)
            && super::boilerplate::MONTH_WORDS
                .iter()
                .any(|m| m.eq_ignore_ascii_case(bare));
        if is_month && (is_day(before) && is_year(next) || is_day(next) && is_year(after)) {
            latin = true;
            break;
        }
    }
    // `2024年5月14日`: four digits, 年, then the month's digits and 月.
    let cjk = text.match_indices('年').any(|(at, _)| {
        let before = text[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        let after = &text[at + '年'.len_utf8()..];
        let month_digits = after.chars().take_while(char::is_ascii_digit).count();
        before == 4 && (1..=2).contains(&month_digits) && after[month_digits..].starts_with('月')
    });
    latin || cjk
}

/// `11:42`, `9.05am`, `14:30 GMT`: a bare clock time, as live blogs head their entries.
pub(crate) fn is_clock(line: &str) -> bool {
    let text = line.trim();
    if text.len() > 14 {
        return false;
    }
    let time = text.split_whitespace().next().unwrap_or("");
    let time = time
        .trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.')
        .trim_end();
    let Some((hours, minutes)) = time.split_once([':', '.']) else {
        return false;
    };
    (1..=2).contains(&hours.len())
        && minutes.len() == 2
        && hours
            .chars()
            .chain(minutes.chars())
            .all(|c| c.is_ascii_digit())
        && text.split_whitespace().count() <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_dates_and_clock_times() {
        assert!(has_date_time("原创 陈小雨 2024-05-20 18:00"));
        assert!(!has_date_time("The 2-1 win in 1998"));
        assert!(has_date_time("Posted 2 April 2025 by Jenny"));
        assert!(has_date_time("By Hannah Ortiz · Published Oct 12, 2024"));
        assert!(has_date_time("2024年5月14日 発表"));
        assert!(!has_date_time("May the best team win in 2025"));
        assert!(is_clock("11:42"));
        assert!(is_clock("9.05am"));
        assert!(!is_clock("3.5 stars out of five"));
    }
}
