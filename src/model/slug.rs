//! Slugs: the URL segments of articles, topics, pages and entities.
//!
//! A [`Slug`] is checked once where it is read: words of letters and digits joined by single
//! hyphens. Article, page and data slugs are ASCII ([`Slug::parse`]); topic and entity slugs
//! may be written in any script ([`Slug::parse_unicode`], `장마당`, #17), as Hugo and Zola
//! allow. A slug is raw in file names and percent-encoded in links ([`encode_path`]), so a
//! slug in a later stage's path is either plain text or the only thing needing encoding.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A URL segment: words of lowercase letters and digits joined by single hyphens; ASCII
/// except for topics and entities.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// Checks that `text` is already a slug.
    ///
    /// # Errors
    /// A label for a diagnostic saying what is wrong.
    pub fn parse(text: &str) -> Result<Slug, String> {
        let is_valid = !text.is_empty()
            && text.split('-').all(|word| {
                !word.is_empty()
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if is_valid {
            Ok(Slug(text.to_string()))
        } else {
            Err("a slug is lowercase letters `a-z`, digits and single hyphens, like `border-guards`".into())
        }
    }

    /// Checks that `text` is a topic's or an entity's slug: like [`Slug::parse`], but the
    /// letters may be of any script (`장마당`, `北朝鮮`, `grenzüberschreitung`), with their
    /// combining marks. The slug is kept in Unicode's composed form (NFC), so the same name
    /// typed on two systems is one slug and one file name.
    ///
    /// # Errors
    /// A label for a diagnostic saying what is wrong.
    pub fn parse_unicode(text: &str) -> Result<Slug, String> {
        let text: String = text.nfc().collect();
        let is_valid = !text.is_empty()
            && text.split('-').all(|word| {
                word.chars().next().is_some_and(char::is_alphanumeric)
                    && word.chars().all(|c| {
                        (c.is_alphanumeric() && c.to_lowercase().eq([c])) || is_combining_mark(c)
                    })
            });
        if is_valid {
            Ok(Slug(text))
        } else {
            Err("a topic or entity slug is lowercase letters (of any script), digits and single hyphens, like `border-guards` or `장마당`".into())
        }
    }

    /// Makes a slug from free text (a title), dropping what a slug cannot hold.
    /// Returns `None` when nothing is left (a title in a script without ASCII letters).
    pub fn from_text(text: &str) -> Option<Slug> {
        Slug::from_text_keeping(text, |c| c.is_ascii_alphanumeric())
    }

    /// Makes a topic's or entity's slug from free text (`장마당 세대` → `장마당-세대`), for
    /// the help of a slug [`Slug::parse_unicode`] refused. `None` when nothing is left.
    pub fn from_text_unicode(text: &str) -> Option<Slug> {
        let text: String = text.nfc().collect();
        let slug = Slug::from_text_keeping(&text, |c| c.is_alphanumeric() || is_combining_mark(c))?;
        Slug::parse_unicode(&slug.0).ok()
    }

    fn from_text_keeping(text: &str, is_kept: impl Fn(char) -> bool) -> Option<Slug> {
        let mut slug = String::new();
        for c in text.chars().flat_map(char::to_lowercase) {
            if is_kept(c) {
                slug.push(c);
            } else if !slug.is_empty()
                && !slug.ends_with('-')
                && (c.is_whitespace() || "-_/.,:;–—".contains(c))
            {
                slug.push('-');
            }
        }
        let mut slug = slug.trim_end_matches('-').to_string();
        if slug.len() > 60 {
            // A byte index inside a letter would panic: cut at the last boundary before 60.
            let end = (0..=60)
                .rev()
                .find(|&i| slug.is_char_boundary(i))
                .unwrap_or(0);
            let cut = slug[..end].rfind('-').unwrap_or(end);
            slug.truncate(cut);
        }
        (!slug.is_empty()).then_some(Slug(slug))
    }

    /// The slug as a TOML table key: bare when ASCII, else quoted (`"장마당"`), since TOML's
    /// bare keys are ASCII only.
    pub fn toml_key(&self) -> Cow<'_, str> {
        if self.0.is_ascii() {
            Cow::Borrowed(&self.0)
        } else {
            Cow::Owned(format!("\"{}\"", self.0))
        }
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A root-relative path or URL as a link must carry it: every byte outside ASCII
/// percent-encoded (`topics/장마당/` → `topics/%EC%9E%A5…/`), everything else kept. Slugs are
/// letters, digits and hyphens, so their non-ASCII letters are all a path of this site can
/// need encoding; and since `%` is kept, encoding twice changes nothing.
pub fn encode_path(path: &str) -> Cow<'_, str> {
    if path.is_ascii() {
        return Cow::Borrowed(path);
    }
    let mut out = String::with_capacity(path.len() * 3);
    for byte in path.bytes() {
        if byte.is_ascii() {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_checked_and_made_from_titles() {
        assert!(Slug::parse("border-guards-2").is_ok());
        for bad in ["Border", "a--b", "-a", "a_b", "", "한국"] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Slug::from_text("He said \"no\" & <left>").unwrap().as_str(),
            "he-said-no-left"
        );
        assert_eq!(Slug::from_text("한국어"), None);
    }

    #[test]
    fn topic_and_entity_slugs_may_be_written_in_any_script_17() {
        for good in [
            "장마당",
            "장마당-세대",
            "北朝鮮",
            "grenzüberschreitung",
            "border-2",
            "हिन्दी",
        ] {
            assert_eq!(
                Slug::parse_unicode(good).map(|s| s.0),
                Ok(good.to_string()),
                "{good}"
            );
        }
        for bad in [
            "Jangmadang",
            "장마당--세대",
            "-장마당",
            "장마당 세대",
            "장_마당",
            "",
            "ÜBER",
            "a/b",
            "a%20b",
        ] {
            assert!(Slug::parse_unicode(bad).is_err(), "{bad}");
        }
        // Decomposed jamo (as some systems type or name files) become the composed syllable.
        let decomposed = "\u{110c}\u{1161}\u{11bc}";
        assert_eq!(Slug::parse_unicode(decomposed).unwrap().as_str(), "장");
        assert!(Slug::parse("장마당").is_err(), "articles stay ASCII");
        assert_eq!(
            Slug::from_text_unicode("장마당 세대").unwrap().as_str(),
            "장마당-세대"
        );
        assert_eq!(
            Slug::from_text_unicode("Attention Span").unwrap().as_str(),
            "attention-span"
        );
        assert_eq!(Slug::from_text_unicode(" -- "), None);
        // A long name is cut at a hyphen, never inside a letter.
        let long = Slug::from_text_unicode(&"장마당 ".repeat(12)).unwrap();
        assert!(
            long.as_str().len() <= 60 && long.as_str().ends_with('당'),
            "{long}"
        );
    }

    #[test]
    fn links_carry_non_ascii_bytes_percent_encoded_and_encoding_twice_changes_nothing() {
        assert_eq!(
            encode_path("topics/border-guards/"),
            "topics/border-guards/"
        );
        assert!(matches!(encode_path("topics/x/"), Cow::Borrowed(_)));
        let once = encode_path("topics/장마당/index.html");
        assert_eq!(once, "topics/%EC%9E%A5%EB%A7%88%EB%8B%B9/index.html");
        assert_eq!(encode_path(&once), once);
    }
}
