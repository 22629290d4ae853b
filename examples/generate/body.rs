//! Writes one article's body: Zipf-distributed sentences with entity mentions, arranged into
//! the blocks a scraped news page has (captions, datelines, section markers, lists, comment
//! tails, boilerplate).
//!
//! Takes the shared [`Lexicon`], the article's own random stream and what the collection
//! needs from it (entities it must mention); returns [`Body`]: the blocks, the entities its
//! paragraphs mention and the lines its metadata may refer to. Features are drawn per article
//! with fixed odds (listed at the top of `Writer::blocks`); each is written exactly as a rule
//! of the structurer recognises it, and body sentences are built so that no rule fires by
//! accident.

use std::collections::BTreeSet;

use super::blocks::{Block, Caption, Comment, CommentStyle, Comments, Credit, Encoding, Paragraph};
use super::random::{Rng, Zipf};
use super::words::{
    AGENCIES, ANONYMOUS_SPEAKERS, DATELINE_CITIES, FORM_LINES, KOREAN, MONTHS, RISKY_STARTS,
    ROMANISED, SHARE_LINES, TYPOS, capitalize, person_name, synthetic_word,
};

/// The words and names every article draws from, with their Zipf distributions.
#[derive(Debug)]
pub struct Lexicon {
    words: Vec<String>,
    word_zipf: Zipf,
    entity_names: Vec<Vec<String>>,
    entity_by_rank: Vec<usize>,
    entity_zipf: Zipf,
    people: Vec<usize>,
    people_zipf: Zipf,
}

impl Lexicon {
    /// `words` by rank; `entity_names` by entity index (each entity's name, then its
    /// aliases), ranked in the order `entity_by_rank` gives; `people`, the entities that are
    /// persons, ranked as listed.
    pub fn new(
        words: Vec<String>,
        entity_names: Vec<Vec<String>>,
        entity_by_rank: Vec<usize>,
        people: Vec<usize>,
    ) -> Lexicon {
        Lexicon {
            word_zipf: Zipf::new(words.len()),
            words,
            entity_zipf: Zipf::new(entity_by_rank.len().max(1)),
            entity_names,
            entity_by_rank,
            people_zipf: Zipf::new(people.len().max(1)),
            people,
        }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        &self.words[self.word_zipf.sample(rng)]
    }

    fn entity(&self, rng: &mut Rng) -> Option<usize> {
        let rank = self.entity_zipf.sample(rng);
        self.entity_by_rank.get(rank).copied()
    }

    fn person(&self, rng: &mut Rng) -> Option<usize> {
        let rank = self.people_zipf.sample(rng);
        self.people.get(rank).copied()
    }

    /// How a text names `entity`: its name, or one of its aliases one time in four.
    fn name_of(&self, entity: usize, rng: &mut Rng) -> String {
        let names = &self.entity_names[entity];
        match names.len() > 1 && rng.percent(25) {
            true => names[rng.between(1, names.len() - 1)].clone(),
            false => names[0].clone(),
        }
    }

    /// A headline: four to ten words in sentence case, sometimes with a name, no final stop.
    /// It ends with a lowercase word: a name in capitals at the end (`… KEZUTO Rami`) would
    /// read as the author's (`trailing-byline`).
    pub fn headline(&self, rng: &mut Rng) -> String {
        let mut writer = Writer::quiet(self, rng);
        loop {
            let mention = if writer.rng.percent(40) {
                Mention::Maybe
            } else {
                Mention::No
            };
            let headline = writer.clause(4, 9, mention);
            let last = headline.rsplit(' ').next().unwrap_or("");
            if last.starts_with(|c: char| c.is_lowercase()) {
                return headline;
            }
        }
    }

    /// `count` plain sentences, for summaries, notes and descriptions.
    pub fn prose(&self, rng: &mut Rng, count: usize) -> String {
        let mut writer = Writer::quiet(self, rng);
        let sentences: Vec<String> = (0..count)
            .map(|_| writer.sentence(8, 22, Mention::Maybe))
            .collect();
        sentences.join(" ")
    }

    /// A short capitalized phrase without punctuation, for topic names and event titles.
    pub fn phrase(&self, rng: &mut Rng, min: usize, max: usize) -> String {
        Writer::quiet(self, rng).phrase(min, max)
    }
}

/// What the collection asks of one article's body.
#[derive(Debug)]
pub struct Request<'a> {
    /// The article's title, repeated at the top of some texts.
    pub title: &'a str,
    /// The article's authors, for bylines.
    pub authors: &'a [String],
    /// The source's name, for datelines.
    pub source: &'a str,
    /// Entities the paragraphs must mention, so every entity is mentioned somewhere.
    pub must_mention: &'a [usize],
    /// Place names for datelines.
    pub places: &'a [String],
}

/// One article's body and what its metadata may refer to.
#[derive(Debug)]
pub struct Body {
    /// The blocks in order.
    pub blocks: Vec<Block>,
    /// Entities mentioned in paragraphs (where shelf links them).
    pub mentions: BTreeSet<usize>,
    /// How the seed is encoded.
    pub encoding: Encoding,
    /// A planted misspelling and its correct spelling.
    pub typo: Option<(&'static str, &'static str)>,
    /// The title line at the top, when the text repeats it.
    pub title_line: Option<String>,
    /// Whether the share boilerplate holds `RECOMMENDATIONS` (a `cut_at` candidate).
    pub has_recommendations: bool,
    /// Whether the text ends with reader comments.
    pub has_comments: bool,
    /// Words written (the target counts only the article's own text; captions, headings and
    /// comments come on top).
    pub word_count: usize,
}

struct Writer<'a> {
    lexicon: &'a Lexicon,
    rng: &'a mut Rng,
    is_korean: bool,
    has_nbsp: bool,
    mentions: BTreeSet<usize>,
    pending: Vec<usize>,
    typo: Option<&'static str>,
    word_count: usize,
}

/// Whether a sentence mentions an entity.
#[derive(Clone, Copy)]
enum Mention {
    No,
    Maybe,
    This(usize),
}

impl Body {
    /// Writes a body of 900–1,500 words of paragraph text for `request`.
    pub fn write(lexicon: &Lexicon, rng: &mut Rng, request: &Request<'_>) -> Body {
        let target = rng.between(900, 1500);
        let encoding = Encoding {
            is_crlf: rng.percent(5),
            has_bom: rng.percent(1),
        };
        let typo = rng.percent(5).then(|| rng.pick(TYPOS));
        let is_korean = rng.percent(10);
        let has_nbsp = rng.percent(15);
        let mut pending = request.must_mention.to_vec();
        pending.reverse();
        let mut writer = Writer {
            lexicon,
            rng,
            is_korean,
            has_nbsp,
            mentions: BTreeSet::new(),
            pending,
            typo: typo.map(|(wrong, _)| wrong),
            word_count: 0,
        };
        let mut body = writer.blocks(request, target);
        body.encoding = encoding;
        body.typo = typo.filter(|_| writer.typo.is_none());
        body.mentions = std::mem::take(&mut writer.mentions);
        body.word_count = writer.word_count;
        body
    }
}

impl<'a> Writer<'a> {
    /// A writer for metadata text: no Korean, no planted typos, nothing to mention.
    fn quiet(lexicon: &'a Lexicon, rng: &'a mut Rng) -> Writer<'a> {
        Writer {
            lexicon,
            rng,
            is_korean: false,
            has_nbsp: false,
            mentions: BTreeSet::new(),
            pending: Vec::new(),
            typo: None,
            word_count: 0,
        }
    }

    fn blocks(&mut self, request: &Request<'_>, target: usize) -> Body {
        let has_sections = self.rng.percent(35);
        let has_subheads = self.rng.percent(15);
        let caption_odds = if self.rng.percent(60) { 12 } else { 0 };
        let has_list = self.rng.percent(6);
        let has_quote = self.rng.percent(4);
        let has_indented_quote = self.rng.percent(5);
        let has_break = self.rng.percent(10);
        let has_glued_image = self.rng.percent(5);
        let has_pagination = self.rng.percent(5);
        let has_advertisement = self.rng.percent(8);

        let mut blocks = Vec::new();
        let mut title_line = None;
        if self.rng.percent(20) {
            blocks.push(Block::Caption(self.caption(false)));
        }
        let caps_author = request
            .authors
            .first()
            .filter(|a| a.split(' ').next().is_some_and(is_capitals));
        // A repeated headline reads as one (`title-like`) only up to ten words.
        let is_short_title = request.title.split_whitespace().count() <= 10;
        if self.rng.percent(25) && is_short_title {
            let last_is_lowercase = request
                .title
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.chars().all(|c| c.is_lowercase()));
            match caps_author {
                Some(author) if last_is_lowercase && self.rng.percent(50) => {
                    blocks.push(Block::TitleWithByline {
                        title: request.title.to_string(),
                        author: author.clone(),
                    });
                }
                _ => blocks.push(Block::Title(request.title.to_string())),
            }
            title_line = Some(request.title.to_string());
        }
        if !request.authors.is_empty() && self.rng.percent(15) {
            blocks.push(Block::Byline(request.authors.join(" and ")));
        }
        let mut first = self.paragraph();
        if self.rng.percent(30) {
            first.dateline = Some(self.dateline(request));
        }
        blocks.push(Block::Paragraph(first));

        let mut since_heading = 0;
        let mut pagination_left = usize::from(has_pagination);
        let mut glued_left = usize::from(has_glued_image);
        while self.word_count < target || !self.pending.is_empty() {
            since_heading += 1;
            if since_heading >= 4 && (has_sections || has_subheads) && self.rng.percent(30) {
                let marker = has_sections.then(|| if self.rng.percent(85) { '◆' } else { '■' });
                let text = self.phrase(2, if marker.is_some() { 8 } else { 6 });
                blocks.push(Block::Heading { marker, text });
                since_heading = 0;
            } else if has_break && since_heading >= 3 && self.rng.percent(8) {
                blocks.push(Block::Break(self.rng.pick(&["* * *", "***", "◆"])));
                since_heading = 0;
            } else if self.rng.percent(caption_odds) {
                let caption = self.caption(true);
                blocks.push(Block::Caption(caption));
            } else if has_list && self.rng.percent(10) {
                let ordered = self.rng.percent(40);
                let items = (0..self.rng.between(2, 5))
                    .map(|_| self.phrase(2, 7))
                    .collect();
                blocks.push(Block::List { ordered, items });
            } else if has_quote && self.rng.percent(10) {
                let text = self.sentence(6, 20, Mention::Maybe);
                blocks.push(Block::Quote(text));
            } else if has_indented_quote && self.rng.percent(10) {
                let text = self.sentence(6, 20, Mention::Maybe);
                blocks.push(Block::IndentedQuote(text));
            } else if has_advertisement && self.rng.percent(5) {
                blocks.push(Block::Boilerplate(vec!["Advertisement"]));
            } else {
                let mut paragraph = self.paragraph();
                // The rule splits a name off only before a capitalized word (`….JPGHere`), not before a
                // digit or an acronym.
                let mut first = paragraph.text.chars();
                let starts_upper = first.next().is_some_and(char::is_uppercase)
                    && first.next().is_some_and(|c| !c.is_uppercase());
                if glued_left > 0 && starts_upper && self.rng.percent(20) {
                    glued_left -= 1;
                    paragraph.glued_image = Some(self.image_name());
                } else if pagination_left > 0 && self.rng.percent(10) {
                    pagination_left -= 1;
                    paragraph.next_page = Some(self.rng.between(2, 4));
                }
                blocks.push(Block::Paragraph(paragraph));
            }
        }
        if self.rng.percent(2) {
            blocks.push(Block::Series(self.series(caps_author)));
        }
        let mut has_recommendations = false;
        if self.rng.percent(60) {
            let mut lines = self.some_of(SHARE_LINES, 1, 4);
            if self.rng.percent(40) {
                lines.push("RECOMMENDATIONS");
                has_recommendations = true;
            }
            blocks.push(Block::Boilerplate(lines));
        }
        let has_comments = self.rng.percent(25);
        if has_comments {
            let comments = self.comments(request.title);
            blocks.push(Block::Comments(comments));
        }
        if self.rng.percent(if has_comments { 70 } else { 30 }) {
            blocks.push(Block::Boilerplate(self.some_of(FORM_LINES, 2, 4)));
        }
        Body {
            blocks,
            mentions: BTreeSet::new(),
            encoding: Encoding::default(),
            typo: None,
            title_line,
            has_recommendations,
            has_comments,
            word_count: 0,
        }
    }

    /// A sentence: lowercase Zipf words with a capital first letter, sometimes an entity, a
    /// comma, a number or (in Korean-flavoured articles) a Korean word; ends with `.`, `?` or `!`.
    fn sentence(&mut self, min: usize, max: usize, mention: Mention) -> String {
        let mut text = self.clause(min, max, mention);
        let end = match self.rng.below(100) {
            0..=89 => ".",
            90..=96 => "?",
            _ => "!",
        };
        if self.has_nbsp && self.rng.percent(5) {
            text.push('\u{a0}');
        }
        text.push_str(end);
        text
    }

    /// A sentence without its final punctuation. Names, numbers and Korean words are inserted
    /// between the words, never over them, so an entity the collection asked for stays.
    fn clause(&mut self, min: usize, max: usize, mention: Mention) -> String {
        let count = self.rng.between(min, max);
        let mut words: Vec<String> = Vec::with_capacity(count + 4);
        while words.len() < count {
            let word = self.lexicon.word(self.rng);
            if !(words.is_empty() && RISKY_STARTS.contains(&word)) {
                words.push(word.to_string());
            }
        }
        let mut inserted: Vec<String> = Vec::new();
        let entity = match mention {
            Mention::No => None,
            Mention::Maybe if self.rng.percent(30) => self.lexicon.entity(self.rng),
            Mention::Maybe => None,
            Mention::This(entity) => Some(entity),
        };
        if let Some(entity) = entity {
            let name = match mention {
                Mention::This(_) => self.lexicon.entity_names[entity][0].clone(),
                _ => self.lexicon.name_of(entity, self.rng),
            };
            inserted.push(name);
            self.mentions.insert(entity);
        }
        if self.is_korean && self.rng.percent(12) {
            inserted.push(self.rng.pick(KOREAN).to_string());
        }
        if self.is_korean && self.rng.percent(8) {
            inserted.push(self.rng.pick(ROMANISED).to_string());
        }
        if self.rng.percent(8) {
            inserted.push(match self.rng.below(3) {
                0 => format!("in {}", self.rng.between(1950, 2024)),
                1 => format!("about {},000", self.rng.between(2, 90)),
                _ => format!("{} people", self.rng.between(2, 900)),
            });
        }
        for word in inserted {
            let at = self.rng.below(words.len() + 1);
            words.insert(at, word);
        }
        if !matches!(mention, Mention::No)
            && let Some(typo) = self.typo.take()
        {
            // Never first: a capital would hide it from the case-sensitive correction.
            let at = self.rng.between(1, words.len());
            words.insert(at, typo.to_string());
        }
        if words.len() >= 9 && self.rng.percent(50) {
            let at = self.rng.between(2, words.len() - 4);
            words[at].push(',');
        }
        // Two names inserted side by side would read as one longer name, in which shelf
        // links neither (#17): a comma keeps them apart, as an editor would.
        let starts_upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        for i in 1..words.len() {
            if starts_upper(&words[i - 1])
                && starts_upper(&words[i])
                && words[i - 1].ends_with(char::is_alphanumeric)
            {
                words[i - 1].push(',');
            }
        }
        self.word_count += words.len();
        capitalize(&words.join(" "))
    }

    /// Two to six sentences, sometimes opened by a quotation; takes up to three of the
    /// entities still to mention.
    fn paragraph(&mut self) -> Paragraph {
        let mut sentences = Vec::new();
        if self.rng.percent(18) {
            let quoted = self.clause(6, 20, Mention::Maybe);
            let speaker = match self.lexicon.person(self.rng) {
                Some(person) if self.rng.percent(60) => {
                    self.mentions.insert(person);
                    self.lexicon.name_of(person, self.rng)
                }
                _ => self.rng.pick(ANONYMOUS_SPEAKERS).to_string(),
            };
            sentences.push(format!("“{quoted},” says {speaker}."));
        }
        for _ in 0..self.rng.between(2, 5) {
            let mention = match self.rng.percent(50) {
                true => self.pending.pop().map_or(Mention::Maybe, Mention::This),
                false => Mention::Maybe,
            };
            sentences.push(self.sentence(6, 26, mention));
        }
        Paragraph {
            text: sentences.join(" "),
            ..Paragraph::default()
        }
    }

    /// A heading or list item: a few words, capitalized, no final punctuation.
    fn phrase(&mut self, min: usize, max: usize) -> String {
        let count = self.rng.between(min, max);
        let mut words: Vec<&str> = Vec::with_capacity(count);
        while words.len() < count {
            let word = self.lexicon.word(self.rng);
            if !(words.is_empty() && RISKY_STARTS.contains(&word)) {
                words.push(word);
            }
        }
        capitalize(&words.join(" "))
    }

    fn caption(&mut self, may_toggle: bool) -> Caption {
        let text = format!("{}.", self.clause(5, 16, Mention::No));
        let credit = match self.rng.below(if may_toggle { 6 } else { 5 }) {
            0 | 1 => Credit::Agency(self.rng.pick(AGENCIES)),
            2 => Credit::Label(person_name(self.rng)),
            3 => Credit::ApPhoto(person_name(self.rng)),
            4 => {
                let month = self.rng.pick(MONTHS);
                let year = self.rng.between(1995, 2024);
                let side = capitalize(&synthetic_word(self.rng));
                Credit::Photographed(format!("from the {side} side in {month} {year}"))
            }
            _ => Credit::Toggle {
                name: person_name(self.rng),
                agency: self.rng.pick(&["Reuters", "AFP", "AP", "Yonhap"]),
            },
        };
        let is_repeated = !matches!(credit, Credit::Toggle { .. }) && self.rng.percent(10);
        Caption {
            text,
            credit,
            is_repeated,
        }
    }

    fn dateline(&mut self, request: &Request<'_>) -> String {
        let place = match request.places.is_empty() || self.rng.percent(50) {
            true => self.rng.pick(DATELINE_CITIES).to_string(),
            false => self.rng.choose(request.places).to_uppercase(),
        };
        match self.rng.below(3) {
            0 => format!("{place} ({})", request.source),
            1 => format!(
                "{place}, {} {} ({})",
                self.rng.pick(MONTHS),
                self.rng.between(1, 28),
                self.rng.pick(AGENCIES)
            ),
            _ => place,
        }
    }

    fn image_name(&mut self) -> String {
        let extension = self.rng.pick(&["JPG", "jpg", "jpeg", "png"]);
        format!(
            "{}-{}.{extension}",
            synthetic_word(self.rng),
            synthetic_word(self.rng)
        )
    }

    /// The parts of a series, one line each, sharing their first 20 or more characters.
    fn series(&mut self, author: Option<&String>) -> Vec<String> {
        let mut title = self.phrase(4, 8);
        while title.chars().count() < 24 {
            title.push(' ');
            title.push_str(self.lexicon.word(self.rng));
        }
        (1..=self.rng.between(3, 5))
            .map(|part| {
                let name = self.phrase(3, 7);
                match author {
                    Some(author) => format!("{title}…Part {part}: {name} {author}"),
                    None => format!("{title}…Part {part}: {name}"),
                }
            })
            .collect()
    }

    fn comments(&mut self, title: &str) -> Comments {
        let style = match self.rng.below(10) {
            0..=3 => CommentStyle::Numbered,
            4 | 5 => CommentStyle::Bulleted,
            _ => CommentStyle::WordPress,
        };
        let mut comments = Vec::new();
        for _ in 0..self.rng.between(1, 6) {
            let has_reply = style != CommentStyle::Bulleted && self.rng.percent(25);
            for depth in 0..=usize::from(has_reply) {
                let lines = (0..self.rng.between(1, 2))
                    .map(|_| {
                        let sentences: Vec<String> = (0..self.rng.between(1, 3))
                            .map(|_| self.sentence(5, 18, Mention::No))
                            .collect();
                        sentences.join(" ")
                    })
                    .collect();
                let (author, date) = match style {
                    CommentStyle::WordPress => {
                        let author = match self.rng.percent(70) {
                            true => person_name(self.rng),
                            false => capitalize(&synthetic_word(self.rng)),
                        };
                        let date = self.rng.percent(50).then(|| self.comment_date());
                        (Some(author), date)
                    }
                    _ => (None, None),
                };
                comments.push(Comment {
                    author,
                    date,
                    depth,
                    lines,
                });
            }
        }
        let count = comments.len();
        let header = match (style, self.rng.below(4)) {
            (CommentStyle::Bulleted, _) | (_, 0) => None,
            (CommentStyle::WordPress, 1) => Some(format!("{count} Responses to “{title}”")),
            (_, 1) => Some("Comments".to_string()),
            (_, 2) => Some(format!("{count} Comments")),
            _ => Some(format!("{count} thoughts on “{title}”")),
        };
        Comments {
            header,
            style,
            comments,
        }
    }

    fn comment_date(&mut self) -> String {
        format!(
            "{} {}, {} at {}:{:02} {}",
            self.rng.pick(MONTHS),
            self.rng.between(1, 28),
            self.rng.between(2005, 2024),
            self.rng.between(1, 12),
            self.rng.below(60),
            if self.rng.percent(50) { "am" } else { "pm" }
        )
    }

    /// Between `min` and `max` distinct lines of `table`, in table order.
    fn some_of(&mut self, table: &[&'static str], min: usize, max: usize) -> Vec<&'static str> {
        let count = self.rng.between(min, max.min(table.len()));
        let mut chosen = BTreeSet::new();
        while chosen.len() < count {
            chosen.insert(self.rng.below(table.len()));
        }
        chosen.into_iter().map(|i| table[i]).collect()
    }
}

/// `ISHIMARU`: two or more capitals (a family name as ASIAPRESS writes it).
fn is_capitals(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase() || c == '-')
}
