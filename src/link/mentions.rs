//! Finds mentions of entities in plain text: whole words, Unicode-aware, linear in the text.
//!
//! Takes every entity's name and aliases once, builds one Aho-Corasick automaton, and then
//! scans each text in a single pass, whatever the number of entities. A match counts only
//! when it is a whole word: the characters around it are not letters or digits in any
//! script, so `Tumen` matches in “the Tumen River” and “Tumen’s” but not in “Tumenskaya”.
//! Where matches overlap, the leftmost, then the longest wins (`Tumen River` over `Tumen`).

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

    #[test]
    fn an_empty_finder_finds_nothing() {
        assert!(MentionFinder::new([]).find("anything").is_empty());
    }
}
