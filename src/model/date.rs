//! Partial dates: a year, a month or a day, keeping the precision the editor gave.
//!
//! Takes `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and rejects impossible dates; gives the forms each
//! output needs (`<time datetime>`, display text, RFC 3339 for feeds); and how sure the
//! editor is of a date ([`DateCertainty`]); and the checks of an article's `published`
//! keys, each problem pointing at its value.

use toml::Spanned;

use crate::error::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::SourceFile;

/// How an article's date is known: stated by the text or its source, or worked out by
/// the editor, or known only roughly, or disputed (#17).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DateCertainty {
    /// The text or its source gives the date (the default).
    #[default]
    Stated,
    /// Not given anywhere: the editor worked it out from evidence.
    Inferred,
    /// Known only roughly: "about 2007".
    Approximate,
    /// Sources disagree about it.
    Disputed,
}

impl DateCertainty {
    /// Every value, as written in metadata.
    pub const NAMES: [&'static str; 4] = ["stated", "inferred", "approximate", "disputed"];

    /// Reads `stated`, `inferred`, `approximate` or `disputed`.
    pub fn parse(text: &str) -> Option<DateCertainty> {
        match text {
            "stated" => Some(DateCertainty::Stated),
            "inferred" => Some(DateCertainty::Inferred),
            "approximate" => Some(DateCertainty::Approximate),
            "disputed" => Some(DateCertainty::Disputed),
            _ => None,
        }
    }

    /// Whether the date may be given as a machine-readable value (JSON-LD, `<meta>`): one
    /// known only roughly, or disputed, would read there as a fact.
    pub fn is_citable(self) -> bool {
        matches!(self, DateCertainty::Stated | DateCertainty::Inferred)
    }

    /// The value as written in metadata.
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Four-digit year.
    pub year: u16,
    /// 1-12, when known.
    pub month: Option<u8>,
    /// 1-31, when known (only with a month).
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
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

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible dates.
    ///
    /// # Errors
    /// A label saying what is wrong.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let expected = "expected `YYYY`, `YYYY-MM` or `YYYY-MM-DD`";
        let parts: Vec<&str> = text.split('-').collect();
        let number = |part: &str, digits: usize| -> Result<u16, String> {
            if part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| expected.to_string())
            } else {
                Err(expected.to_string())
            }
        };
        if parts.len() > 3 {
            return Err(expected.into());
        }
        let year = number(parts[0], 4)?;
        let month = parts.get(1).map(|m| number(m, 2)).transpose()?;
        let day = parts.get(2).map(|d| number(d, 2)).transpose()?;
        if year == 0 {
            return Err("the year must be after 0".into());
        }
        if let Some(month) = month
            && !(1..=12).contains(&month)
        {
            return Err(format!(
                "there is no month {month}; months run from 01 to 12"
            ));
        }
        if let (Some(month), Some(day)) = (month, day) {
            let last = days_in_month(year, month as u8);
            if day == 0 || day > u16::from(last) {
                return Err(format!(
                    "{} {year} has {last} days",
                    MONTHS[month as usize - 1]
                ));
            }
        }
        Ok(PartialDate {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    /// The value for `<time datetime>`, with exactly the known precision.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// How people read it: `2010`, `December 2023`, `4 February 2007`.
    pub fn display(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }

    /// RFC 3339 timestamp for feeds, at the first day of the known period, midnight UTC.
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }

    /// Chicago's form: `2010`, `December 2023`, `February 4, 2007`.
    pub fn chicago(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{} {d}, {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }

    /// `year`, `month` or `day`: how precise the date is.
    pub fn precision(&self) -> &'static str {
        match (self.month, self.day) {
            (Some(_), Some(_)) => "day",
            (Some(_), None) => "month",
            _ => "year",
        }
    }
}

/// `published`: a date string or a TOML date, at its precision.
pub(super) fn published_date(
    file: &SourceFile,
    published: &Spanned<toml::Value>,
    diagnostics: &mut Diagnostics,
) -> Option<PartialDate> {
    let parsed = match published.get_ref() {
        toml::Value::String(text) => PartialDate::parse(text),
        toml::Value::Datetime(datetime) => match datetime.date {
            Some(date) => PartialDate::parse(&format!(
                "{:04}-{:02}-{:02}",
                date.year, date.month, date.day
            )),
            None => Err("a time without a date".to_string()),
        },
        other => Err(format!(
            "expected a date string, found {}",
            other.type_str()
        )),
    };
    match parsed {
        Ok(date) => Some(date),
        Err(why) => {
            diagnostics.push(
                error_at(
                    file,
                    "invalid `published` date".to_string(),
                    published.span(),
                )
                .label(why)
                .help("write `published = \"2023-12\"` (a year, a year and month, or a full date)"),
            );
            None
        }
    }
}

/// `published_certainty`, and whether `published_note` has a certainty to explain.
pub(super) fn date_certainty(
    file: &SourceFile,
    certainty: Option<&Spanned<String>>,
    note: Option<&Spanned<String>>,
    diagnostics: &mut Diagnostics,
) -> Option<DateCertainty> {
    let Some(certainty) = certainty else {
        if let Some(note) = note {
            diagnostics.push(
                error_at(
                    file,
                    "`published_note` without `published_certainty`".to_string(),
                    note.span(),
                )
                .label("a note explains how the date is known")
                .help("add `published_certainty = \"inferred\"` (or `approximate`, `disputed`, `stated`), or remove the note"),
            );
            return None;
        }
        return Some(DateCertainty::Stated);
    };
    if let Some(parsed) = DateCertainty::parse(certainty.get_ref()) {
        return Some(parsed);
    }
    let names = DateCertainty::NAMES.map(|n| format!("`{n}`")).join(", ");
    let help = match did_you_mean(certainty.get_ref(), DateCertainty::NAMES) {
        Some(close) => format!("did you mean `{close}`? known values: {names}"),
        None => format!("write one of {names}"),
    };
    diagnostics.push(
        error_at(
            file,
            format!("invalid `published_certainty` `{}`", certainty.get_ref()),
            certainty.span(),
        )
        .label("expected `stated`, `inferred`, `approximate` or `disputed`")
        .help(help),
    );
    None
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// An error at `span` of a metadata file (used by `article` too; it lives here, the lower
/// module, so the two files do not import each other).
pub(super) fn error_at(
    file: &SourceFile,
    message: String,
    span: std::ops::Range<usize>,
) -> Diagnostic {
    Diagnostic::error(message)
        .in_file(&file.path)
        .at(&file.text, span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_keep_their_precision() {
        let month = PartialDate::parse("2023-12").unwrap();
        assert_eq!(
            (month.iso(), month.display(), month.precision()),
            ("2023-12".into(), "December 2023".into(), "month")
        );
        assert_eq!(
            PartialDate::parse("2010").unwrap().rfc3339(),
            "2010-01-01T00:00:00Z"
        );
        assert_eq!(
            PartialDate::parse("2007-02-04").unwrap().display(),
            "4 February 2007"
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(
            PartialDate::parse("2023-02-29").unwrap_err(),
            "February 2023 has 28 days"
        );
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert_eq!(
            PartialDate::parse("2023-13").unwrap_err(),
            "there is no month 13; months run from 01 to 12"
        );
        assert!(PartialDate::parse("23-01").is_err());
        assert!(PartialDate::parse("2023/01").is_err());
    }

    #[test]
    fn chicago_dates_put_the_month_first() {
        let chicago = |text: &str| PartialDate::parse(text).unwrap().chicago();
        assert_eq!(chicago("2007-02-04"), "February 4, 2007");
        assert_eq!(chicago("2023-12"), "December 2023");
        assert_eq!(chicago("2018"), "2018");
    }

    #[test]
    fn certainty_names_read_back() {
        for name in DateCertainty::NAMES {
            assert_eq!(
                DateCertainty::parse(name).map(DateCertainty::as_str),
                Some(name)
            );
        }
        assert_eq!(DateCertainty::parse("guessed"), None);
    }

    #[test]
    fn dates_sort_by_period_start() {
        let year = PartialDate::parse("2023").unwrap();
        let december = PartialDate::parse("2023-12").unwrap();
        assert!(year < december);
    }
}
