//! Finds mentions of entities in plain text: whole words, Unicode-aware, linear in the text.
//!
//! Takes every entity's name and aliases once, builds one Aho-Corasick automaton, and then
//! scans each text in a single pass, whatever the number of entities. A match counts only
//! when it is a whole word: the characters around it are not letters or digits in any
//! script, so `Tumen` matches in “the Tumen River” and “Tumen’s” but not in “Tumenskaya”.
//! Where matches overlap, the leftmost, then the longest wins (`Tumen River` over `Tumen`).
//!
//! A match inside a longer proper name is no mention (#17): when a capitalised word stands
//! next to it, separated only by white space, the match is part of a name such as “Free
//! North Korea Broadcasting”, and is skipped. An entity whose name or alias spells the
//! longer name out still matches it whole, since the longest match wins. The word before
//! does not count when it starts a sentence (“North Korea said”, “In North Korea, …”), is a
//! possessive (“Japan’s Asahi TV”), a title (“President …”) or ends in punctuation
//! (“Mr. …”, “Seoul, …”); hyphens and apostrophes never join words into a name, so
//! “the North Korea-China border” mentions both.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// One mention found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Index of the entity, as given to [`MentionFinder::new`].
    pub entity: usize,
    /// Byte range of the mention in the text.
    pub start: usize,
    /// End of the byte range (exclusive).
    pub end: usize,
}

/// A compiled set of names to look for.
#[derive(Debug, Clone)]
pub struct MentionFinder {
    automaton: Option<AhoCorasick>,
    entity_of_pattern: Vec<usize>,
}

impl MentionFinder {
    /// Compiles `(entity index, name)` pairs; empty names are ignored.
    pub fn new<'a>(names: impl IntoIterator<Item = (usize, &'a str)>) -> MentionFinder {
        let (entity_of_pattern, patterns): (Vec<usize>, Vec<&str>) = names
            .into_iter()
            .filter(|(_, name)| !name.trim().is_empty())
            .unzip();
        // Standard semantics with overlapping search: every candidate is seen, so a longer
        // name that fails the whole-word test cannot hide a shorter one that passes.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok();
        MentionFinder {
            automaton,
            entity_of_pattern,
        }
    }

    /// Every whole-word mention in `text`, in order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut candidates: Vec<Mention> = automaton
            .find_overlapping_iter(text)
            .filter(|m| is_whole_word(text, m.start(), m.end()))
            .filter(|m| !is_inside_longer_name(text, m.start(), m.end()))
            .map(|m| Mention {
                entity: self.entity_of_pattern[m.pattern().as_usize()],
                start: m.start(),
                end: m.end(),
            })
            .collect();
        candidates.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| b.end.cmp(&a.end)));
        let mut chosen: Vec<Mention> = Vec::new();
        for candidate in candidates {
            if chosen.last().is_none_or(|last| candidate.start >= last.end) {
                chosen.push(candidate);
            }
        }
        chosen
    }
}

fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Characters that open a quotation or aside, and may stand before a name's first word.
const OPENING: &[char] = &['“', '"', '‘', '\'', '(', '[', '«', '「', '『', '¿', '¡'];

/// Characters that close one, and may stand after a sentence's last word.
const CLOSING: &[char] = &['”', '"', '’', '\'', ')', ']', '»', '」', '』'];

/// Words written with a capital before a name without being part of it: titles, and
/// the function words that start a sentence (or a quotation) anywhere.
const NOT_NAME_WORDS: &[&str] = &[
    "A",
    "After",
    "An",
    "And",
    "As",
    "At",
    "Before",
    "But",
    "By",
    "Chairman",
    "Comrade",
    "Dr",
    "During",
    "For",
    "From",
    "General",
    "If",
    "In",
    "Leader",
    "Marshal",
    "Minister",
    "Mr",
    "Mrs",
    "Ms",
    "On",
    "President",
    "Premier",
    "Professor",
    "Since",
    "The",
    "This",
    "To",
    "When",
    "While",
    "With",
];

/// Whether the match `start..end` of `text` stands in a longer capitalised name: a
/// capitalised word right after it, or one right before it that belongs to a name (see
/// the module documentation). Looks only at the words next to the match.
fn is_inside_longer_name(text: &str, start: usize, end: usize) -> bool {
    let after = &text[end..];
    let rest = after.trim_start();
    if rest.len() < after.len() && rest.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    let before = &text[..start];
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        return false;
    }
    let token_start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token = &trimmed[token_start..];
    if !token.chars().next_back().is_some_and(char::is_alphanumeric) {
        return false;
    }
    let is_possessive = ["’s", "'s"].iter().any(|s| token.ends_with(s));
    let word = token.trim_start_matches(OPENING);
    if is_possessive
        || !word.chars().next().is_some_and(char::is_uppercase)
        || NOT_NAME_WORDS.contains(&word)
    {
        return false;
    }
    !starts_sentence(&trimmed[..token_start])
}

/// Whether a word after `prefix` starts a sentence: nothing but punctuation or a bullet
/// comes before it on the line, or the sentence before it ends there.
fn starts_sentence(prefix: &str) -> bool {
    let Some((last, c)) = prefix
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
    else {
        return true;
    };
    let gap = prefix[last + c.len_utf8()..]
        .trim()
        .trim_end_matches(OPENING)
        .trim_end()
        .trim_end_matches(CLOSING);
    gap.ends_with(['.', '!', '?', '…', ':', '。', '！', '？'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder() -> MentionFinder {
        MentionFinder::new([
            (0, "Tumen"),
            (1, "Tumen River"),
            (2, "Hoeryong"),
            (2, "Hoiryeong"),
            (3, "회령"),
        ])
    }

    fn found(text: &str) -> Vec<(usize, &str)> {
        finder()
            .find(text)
            .into_iter()
            .map(|m| (m.entity, &text[m.start..m.end]))
            .collect()
    }

    #[test]
    fn matches_whole_words_only() {
        assert_eq!(found("Tumenskaya and ATumen"), []);
        assert_eq!(found("the Tumen’s banks"), [(0, "Tumen")]);
    }

    #[test]
    fn prefers_the_longest_name_at_a_position() {
        assert_eq!(
            found("across the Tumen River, then Tumen"),
            [(1, "Tumen River"), (0, "Tumen")]
        );
    }

    #[test]
    fn aliases_map_to_their_entity() {
        assert_eq!(
            found("Hoiryeong, or Hoeryong"),
            [(2, "Hoiryeong"), (2, "Hoeryong")]
        );
    }

    #[test]
    fn word_boundaries_are_unicode_aware() {
        assert_eq!(found("회령 시"), [(3, "회령")]);
        assert_eq!(found("회령시"), []);
    }

    fn names(text: &str) -> Vec<&str> {
        let finder = MentionFinder::new([
            (0, "North Korea"),
            (1, "China"),
            (2, "Asahi TV"),
            (3, "Hoeryong"),
            (3, "Hoeryong City"),
            (4, "Freedom in North Korea"),
            (5, "Japan"),
        ]);
        finder
            .find(text)
            .into_iter()
            .map(|m| &text[m.start..m.end])
            .collect()
    }

    #[test]
    fn a_name_inside_a_longer_capitalised_name_is_no_mention_17() {
        assert_eq!(
            names("heard on Free North Korea Broadcasting today"),
            [""; 0]
        );
        assert_eq!(names("a report by North Korea Today, a weekly"), [""; 0]);
        assert_eq!(names("the Free North Korea station"), [""; 0]);
        assert_eq!(names("the “Free North Korea” campaign"), [""; 0]);
        assert_eq!(names("Radio Free Asia and Inner China Post"), [""; 0]);
    }

    #[test]
    fn a_name_beside_lowercase_words_or_punctuation_is_a_mention_17() {
        assert_eq!(names("North Korea said so"), ["North Korea"]);
        assert_eq!(names("the North Korea border"), ["North Korea"]);
        assert_eq!(names("In North Korea, prices rose"), ["North Korea"]);
        assert_eq!(
            names("prices rose. The North Korea border"),
            ["North Korea"]
        );
        assert_eq!(
            names("he said: “In North Korea they wait”"),
            ["North Korea"]
        );
        assert_eq!(names("◆ During North Korea’s famine"), ["North Korea"]);
        assert_eq!(
            names("in Seoul, North Korea, China"),
            ["North Korea", "China"]
        );
        assert_eq!(names("since President North Korea"), ["North Korea"]);
        assert_eq!(names("North Korea. Then China"), ["North Korea", "China"]);
    }

    #[test]
    fn hyphens_and_apostrophes_do_not_join_names_17() {
        assert_eq!(
            names("the North Korea-China border"),
            ["North Korea", "China"]
        );
        assert_eq!(names("a pro-North Korea group"), ["North Korea"]);
        assert_eq!(names("Japan’s Asahi TV reported"), ["Japan", "Asahi TV"]);
        assert_eq!(names("Japan's Asahi TV reported"), ["Japan", "Asahi TV"]);
        assert_eq!(names("North Korea’s Hoeryong"), ["North Korea", "Hoeryong"]);
    }

    #[test]
    fn an_alias_covering_the_longer_name_matches_it_whole_17() {
        assert_eq!(names("left Hoeryong City at dawn"), ["Hoeryong City"]);
        assert_eq!(
            names("produced by “Freedom in North Korea” or LiNK"),
            ["Freedom in North Korea"]
        );
        assert_eq!(names("left Hoeryong Station at dawn"), [""; 0]);
    }

    #[test]
    fn an_empty_finder_finds_nothing() {
        assert!(MentionFinder::new([]).find("anything").is_empty());
    }
}
