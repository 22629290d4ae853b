//! Slugs: the URL segments of articles, topics, pages and entities.
//!
//! A [`Slug`] is checked once where it is read (lowercase ASCII letters and digits in words
//! joined by single hyphens), so every later stage can put it in a path as it is.

use std::fmt;

use serde::Serialize;

/// A URL segment: lowercase ASCII letters and digits in words joined by single hyphens.
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

    /// Makes a slug from free text (a title), dropping what a slug cannot hold.
    /// Returns `None` when nothing is left (a title in a script without ASCII letters).
    pub fn from_text(text: &str) -> Option<Slug> {
        let mut slug = String::new();
        for c in text.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
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
            let cut = slug[..60].rfind('-').unwrap_or(60);
            slug.truncate(cut);
        }
        (!slug.is_empty()).then_some(Slug(slug))
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
}
