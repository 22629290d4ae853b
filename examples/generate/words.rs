//! The vocabulary, the names and the phrase tables: English words of the real seeds,
//! synthetic words, Korean words and romanisations, generators for people, places,
//! organisations and publications, and the fixed lines a scraped page carries (share buttons,
//! form prompts) as `src/parse/text/boilerplate.rs` lists them.
//!
//! Takes a random stream; returns lists of distinct strings. Synthetic words are lowercase
//! ASCII, so they never match an entity name (entity matching is case-sensitive), and the
//! English list leaves out the words that would make a sentence look like a photo credit or a
//! comment (`photo`, `said`, …): the generated features should come only from where the
//! generator puts them.

use std::collections::BTreeSet;

use super::random::Rng;

/// English words written in lowercase in the real seeds, most frequent first.
const ENGLISH: &str = include_str!("words.txt");

/// Korean words that some articles quote (about one article in ten).
pub const KOREAN: &[&str] = &[
    "장마당",
    "탈북자",
    "국경",
    "밀수",
    "보위부",
    "꽃제비",
    "두만강",
    "압록강",
    "주민",
    "시장",
    "단속",
    "휴대폰",
    "장사",
    "배급",
    "군인",
    "뇌물",
];

/// Place names in McCune–Reischauer romanisation, with its breves and apostrophes.
pub const ROMANISED: &[&str] = &[
    "Hoeryŏng",
    "P’yŏngyang",
    "Ch’ŏngjin",
    "Hamhŭng",
    "Sinŭiju",
    "Kimch’aek",
    "Onsŏng",
    "Yŏnsa",
    "Kyŏngsŏng",
    "Ŭnsŏng",
];

/// Agencies the structurer knows as photo credits (`src/parse/text/boilerplate.rs`), as the
/// credits write them.
pub const AGENCIES: &[&str] = &[
    "ASIAPRESS",
    "Reuters",
    "AP",
    "AFP",
    "Yonhap",
    "KCNA",
    "Kyodo",
    "Daily NK",
    "NK News",
    "EPA",
];

/// Month names, for captions, datelines and comment dates.
pub const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Share buttons and navigation labels that follow an article (all in `BOILERPLATE_PHRASES`).
pub const SHARE_LINES: &[&str] = &[
    "Share this:",
    "Click to share on Twitter (Opens in new window)",
    "Click to share on Facebook (Opens in new window)",
    "Click to email a link to a friend (Opens in new window)",
    "Tweet",
    "Like this:",
    "Like Loading...",
    "Related posts",
    "You may also like",
    "Subscribe",
    "Follow us on Twitter",
];

/// A comment form's prompts (all in `BOILERPLATE_PHRASES`).
pub const FORM_LINES: &[&str] = &[
    "Please enter your comment!",
    "Please enter your name here",
    "You have entered an incorrect email address! Please enter your email address here",
    "Leave a Reply",
    "Cancel reply",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Notify me of follow-up comments by email.",
];

/// Misspellings planted for `[[corrections]]`, with their correct spelling; none is a word of
/// the vocabulary, so each matches only where it was planted.
pub const TYPOS: &[(&str, &str)] = &[
    ("recieved", "received"),
    ("goverment", "government"),
    ("occured", "occurred"),
    ("seperate", "separate"),
    ("untill", "until"),
];

/// First words that could make a short line read as boilerplate, a comment header or a byline
/// (`Share this`, `Follow us on`, `By …`); no generated line starts with one.
pub const RISKY_STARTS: &[&str] = &[
    "accept",
    "advertisement",
    "be",
    "by",
    "cancel",
    "click",
    "cookie",
    "discussion",
    "follow",
    "leave",
    "like",
    "log",
    "notify",
    "please",
    "post",
    "read",
    "related",
    "required",
    "responses",
    "save",
    "share",
    "sign",
    "sponsored",
    "this",
    "we",
    "you",
    "your",
];

/// Cities for datelines, besides the generated places.
pub const DATELINE_CITIES: &[&str] = &["SEOUL", "BEIJING", "TOKYO", "DANDONG", "YANJI", "SHENYANG"];

/// Speakers of quotations who are not entities.
pub const ANONYMOUS_SPEAKERS: &[&str] = &[
    "one trader",
    "a former guard",
    "a woman from the border area",
    "the official",
    "a smuggler",
];

const ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "ch",
    "sh", "th", "st", "br", "tr", "pl", "gr", "",
];
const VOWELS: &[&str] = &[
    "a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ea", "ou",
];
const CODAS: &[&str] = &["", "", "", "", "n", "r", "s", "l", "t", "m", "nd", "st"];

/// Korean-style syllables for people's given names and places; `eo` and `eu` have breve
/// spellings (`ŏ`, `ŭ`) that become aliases.
const KOREAN_SYLLABLES: &[&str] = &[
    "ae", "an", "bong", "byeong", "chang", "cheol", "chun", "dong", "eun", "gang", "geum", "gil",
    "gyeong", "ha", "hae", "ho", "hwa", "hye", "hyeon", "hui", "jae", "jeong", "ji", "jin", "ju",
    "jun", "kyu", "mi", "min", "myeong", "nam", "ok", "po", "ryong", "sam", "san", "seok", "seon",
    "seung", "so", "sol", "song", "su", "sun", "tae", "won", "ya", "yeon", "yong", "yu",
];

const KOREAN_FAMILIES: &[&str] = &[
    "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo",
    "Shin", "Kwon", "Hwang", "Ahn", "Song", "Ri", "Pak", "Ko", "Moon", "Yang", "Baek",
];

const JAPANESE_SYLLABLES: &[&str] = &[
    "ka", "ki", "ku", "ke", "ko", "sa", "shi", "su", "ta", "chi", "to", "na", "ni", "no", "ha",
    "hi", "mi", "mo", "ya", "yo", "ra", "ri", "ro", "wa", "ji", "zu", "da", "ma",
];

const ORGANISATION_HEADS: &[&str] = &[
    "Committee",
    "Association",
    "Bureau",
    "Institute",
    "Network",
    "Council",
    "Foundation",
    "Union",
    "Centre",
    "Alliance",
];

const PLACE_SUFFIXES: &[&str] = &["", "", "", " County", " Province", " River", "-ri", "-dong"];

/// The words articles are written in, ranked for Zipf sampling.
#[derive(Debug)]
pub struct Vocabulary {
    /// Words by rank, the most frequent first.
    pub ranked: Vec<String>,
    /// Every synthetic word, for slugs and topic names.
    pub synthetic: Vec<String>,
    /// Every word, for lookups.
    known: BTreeSet<String>,
}

impl Vocabulary {
    /// The top English words, then synthetic and English words three to one, so both the
    /// frequent and the rare end of the distribution mix real and invented words.
    pub fn new(rng: &mut Rng, synthetic_count: usize) -> Vocabulary {
        let english: Vec<&str> = ENGLISH
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let mut taken: BTreeSet<String> = english.iter().map(|w| w.to_string()).collect();
        let mut synthetic = Vec::with_capacity(synthetic_count);
        while synthetic.len() < synthetic_count {
            let word = synthetic_word(rng);
            if word.len() >= 3 && taken.insert(word.clone()) {
                synthetic.push(word);
            }
        }
        let head = english.len().min(150);
        let mut ranked: Vec<String> = english[..head].iter().map(|w| w.to_string()).collect();
        let mut rest_english = english[head..].iter();
        let mut rest_synthetic = synthetic.iter();
        loop {
            let mut added = false;
            for _ in 0..3 {
                if let Some(word) = rest_synthetic.next() {
                    ranked.push(word.clone());
                    added = true;
                }
            }
            if let Some(word) = rest_english.next() {
                ranked.push(word.to_string());
                added = true;
            }
            if !added {
                break;
            }
        }
        Vocabulary {
            ranked,
            synthetic,
            known: taken,
        }
    }

    /// Whether `word` (any case) is one of the vocabulary's words.
    pub fn contains(&self, word: &str) -> bool {
        self.known.contains(&word.to_lowercase())
    }
}

/// A lowercase invented word of one to three syllables (two most often).
pub fn synthetic_word(rng: &mut Rng) -> String {
    let syllables = match rng.below(20) {
        0..=5 => 1,
        6..=16 => 2,
        _ => 3,
    };
    let mut word = String::new();
    for _ in 0..syllables {
        word.push_str(rng.pick(ONSETS));
        word.push_str(rng.pick(VOWELS));
        word.push_str(rng.pick(CODAS));
    }
    word
}

/// Capitalizes the first letter.
pub fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A Korean given name: `Min-ji`, `Seong-ho`.
fn korean_given(rng: &mut Rng) -> String {
    format!(
        "{}-{}",
        capitalize(rng.pick(KOREAN_SYLLABLES)),
        rng.pick(KOREAN_SYLLABLES)
    )
}

/// A person's name in one of three styles: `Kim Min-ji`, `ISHIMARU Jiro` (family name in
/// capitals first, as ASIAPRESS writes it) or an invented Western name.
pub fn person_name(rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=5 => format!("{} {}", rng.pick(KOREAN_FAMILIES), korean_given(rng)),
        6 => {
            let family: String = (0..rng.between(2, 3))
                .map(|_| rng.pick(JAPANESE_SYLLABLES))
                .collect();
            let given: String = (0..2).map(|_| rng.pick(JAPANESE_SYLLABLES)).collect();
            format!("{} {}", family.to_uppercase(), capitalize(&given))
        }
        _ => format!(
            "{} {}",
            capitalize(&synthetic_word(rng)),
            capitalize(&synthetic_word(rng))
        ),
    }
}

/// A Korean-looking place: `Sambong`, `Hyeseon County`, `Cheol-ri`.
pub fn place_name(rng: &mut Rng) -> String {
    let stem: String = (0..2).map(|_| rng.pick(KOREAN_SYLLABLES)).collect();
    format!("{}{}", capitalize(&stem), rng.pick(PLACE_SUFFIXES))
}

/// An organisation's name and its acronym: `Gravel Stout Committee`, `GSC`.
pub fn organisation_name(rng: &mut Rng) -> (String, String) {
    let words = [
        capitalize(&synthetic_word(rng)),
        capitalize(&synthetic_word(rng)),
        rng.pick(ORGANISATION_HEADS).to_string(),
    ];
    let acronym = words.iter().filter_map(|w| w.chars().next()).collect();
    (words.join(" "), acronym)
}

/// A term: an invented capitalized word (`Jangmadang`-like) or, rarely, a Korean word.
pub fn term_name(rng: &mut Rng) -> String {
    if rng.percent(8) {
        return rng.pick(KOREAN).to_string();
    }
    let stem: String = (0..rng.between(2, 3))
        .map(|_| rng.pick(KOREAN_SYLLABLES))
        .collect();
    capitalize(&stem)
}

/// The McCune–Reischauer-like spelling of a name: `eo` → `ŏ`, `eu` → `ŭ` (`Hyeseon` →
/// `Hyesŏn`), or `None` when the name has neither.
pub fn breve_spelling(name: &str) -> Option<String> {
    let spelled = name
        .replace("eo", "ŏ")
        .replace("eu", "ŭ")
        .replace("Eo", "Ŏ")
        .replace("Eu", "Ŭ");
    (spelled != name).then_some(spelled)
}

/// A publication's name: `The Gravel Review`, `Stout Daily`.
pub fn publication_name(rng: &mut Rng) -> String {
    let word = capitalize(&synthetic_word(rng));
    match rng.below(4) {
        0 => format!("The {word} Review"),
        1 => format!("{word} Daily"),
        2 => format!("{word} News"),
        _ => format!("The {word} Observer"),
    }
}

/// Lowercase ASCII letters and digits of a name, joined by single hyphens: a slug.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}
