//! Topics: `content/topics.toml` and the topics articles name → every [`Topic`] by slug.
//!
//! Takes the parsed topic descriptions and the articles; returns each described topic, and
//! each topic an article names without a description (with a warning and a name made from
//! its slug). A described topic no article uses is a warning too, when that can be told.

use std::collections::{BTreeMap, BTreeSet};

use toml::Spanned;

use super::article::Article;
use super::slug::Slug;
use crate::error::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::SourceFile;
use crate::parse::meta::RawTopic;

/// A topic articles can be filed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// URL segment and reference key.
    pub slug: Slug,
    /// Display name.
    pub name: String,
    /// One paragraph of Markdown, when `content/topics.toml` describes the topic.
    pub description: Option<String>,
}

/// Every topic: the described ones and those articles name; `can_tell_unused` says
/// whether a described topic no article names may be reported.
pub(super) fn build_topics(
    raw_topics: Option<(&SourceFile, BTreeMap<String, Spanned<RawTopic>>)>,
    articles: &[Article],
    can_tell_unused: bool,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<Slug, Topic> {
    let mut topics = BTreeMap::new();
    if let Some((file, raw)) = raw_topics {
        for (key, value) in raw {
            let span = value.span();
            let value = value.into_inner();
            match Slug::parse_unicode(&key) {
                Ok(slug) => {
                    let topic = Topic {
                        slug: slug.clone(),
                        name: value.name,
                        description: value.description,
                    };
                    topics.insert(slug, topic);
                }
                Err(why) => diagnostics.push(
                    Diagnostic::error(format!("invalid topic slug `{key}`"))
                        .in_file(&file.path)
                        .at(&file.text, span)
                        .label(why),
                ),
            }
        }
        let used: BTreeSet<&Slug> = articles.iter().flat_map(|a| &a.topics).collect();
        for slug in topics.keys() {
            if can_tell_unused && !used.contains(slug) {
                diagnostics.push(
                    Diagnostic::warning(format!(
                        "topic `{slug}` is described but no article uses it"
                    ))
                    .in_file(&file.path)
                    .help("add it to an article's `topics`, or remove it from content/topics.toml"),
                );
            }
        }
    }
    for article in articles {
        for slug in &article.topics {
            if topics.contains_key(slug) {
                continue;
            }
            let known: Vec<&str> = topics.keys().map(Slug::as_str).collect();
            let help = match did_you_mean(slug.as_str(), known.iter().copied()) {
                Some(close) => {
                    format!("did you mean `{close}`? otherwise describe it in content/topics.toml")
                }
                None => format!(
                    "describe it in content/topics.toml: `[{}]` with `name` and `description`",
                    slug.toml_key()
                ),
            };
            diagnostics.push(
                Diagnostic::warning(format!("topic `{slug}` has no description"))
                    .in_file(&article.meta_path)
                    .help(help),
            );
            let name = title_case(slug.as_str());
            topics.insert(
                slug.clone(),
                Topic {
                    slug: slug.clone(),
                    name,
                    description: None,
                },
            );
        }
    }
    topics
}

fn title_case(slug: &str) -> String {
    let mut name = slug.replace('-', " ");
    if let Some(first) = name.get(..1) {
        let upper = first.to_uppercase();
        name.replace_range(..1, &upper);
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::article::tests::article_for_tests;
    use crate::parse::meta::parse_topics;

    fn topics(text: &str, articles: &[Article]) -> (BTreeMap<Slug, Topic>, Vec<Diagnostic>) {
        let file = SourceFile::new("content/topics.toml", text);
        let raw = parse_topics(&file).expect("the topics parse");
        let mut diagnostics = Diagnostics::default();
        let topics = build_topics(Some((&file, raw)), articles, true, &mut diagnostics);
        (topics, diagnostics.into_vec())
    }

    #[test]
    fn an_undescribed_topic_gets_a_name_from_its_slug_and_a_warning() {
        let articles = [article_for_tests("a", &["border-guards"])];
        let (topics, diagnostics) = topics("", &articles);
        let topic = &topics[&Slug::parse("border-guards").unwrap()];
        assert_eq!(topic.name, "Border guards");
        assert_eq!(topic.description, None);
        assert_eq!(
            diagnostics[0].message,
            "topic `border-guards` has no description"
        );
    }

    #[test]
    fn a_described_topic_no_article_uses_is_a_warning() {
        let articles = [article_for_tests("a", &["attention"])];
        let text = "[attention]\nname = \"Attention\"\n[unused]\nname = \"Unused\"\n";
        let (topics, diagnostics) = topics(text, &articles);
        assert_eq!(topics.len(), 2);
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["topic `unused` is described but no article uses it"]
        );
    }

    #[test]
    fn a_close_slug_is_suggested_for_an_undescribed_topic() {
        let articles = [article_for_tests("a", &["atention"])];
        let (_, diagnostics) = topics("[attention]\nname = \"Attention\"\n", &articles);
        let help = diagnostics
            .iter()
            .find(|d| d.message == "topic `atention` has no description")
            .and_then(|d| d.help.as_deref());
        assert_eq!(
            help,
            Some("did you mean `attention`? otherwise describe it in content/topics.toml")
        );
    }
}
