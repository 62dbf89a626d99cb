//! A calendar date, checked, as the article header gives it.

use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A date of the proleptic Gregorian calendar, years 1 to 9999.
///
/// It serializes as `"YYYY-MM-DD"`. Dates order chronologically.
///
/// # Example
///
/// ```
/// use newsgraph::Date;
///
/// let date: Date = "2021-05-29".parse()?;
/// assert_eq!((date.year(), date.month(), date.day()), (2021, 5, 29));
/// assert_eq!(date.to_string(), "2021-05-29");
/// assert!("2021-02-30".parse::<Date>().is_err());
/// assert!(date < Date::new(2021, 6, 1)?);
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A checked date.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidDate`] when the day does not exist in that month
    /// (`2021-02-30`) or the year is outside 1..=9999.
    ///
    /// # Example
    ///
    /// ```
    /// use newsgraph::Date;
    /// assert!(Date::new(2024, 2, 29).is_ok());
    /// assert!(Date::new(2023, 2, 29).is_err());
    /// ```
    pub fn new(year: u32, month: u32, day: u32) -> Result<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(Error::new(
                ErrorKind::InvalidDate,
                format!("no such date: {year:04}-{month:02}-{day:02}"),
            ));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(Error::new(
                ErrorKind::InvalidDate,
                format!("no such date: {year:04}-{month:02}-{day:02}"),
            ));
        }
        Ok(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The year.
    pub fn year(self) -> u32 {
        u32::from(self.year)
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Whether `word` is an English weekday name ("Friday", "monday").
pub(crate) fn is_weekday(word: &str) -> bool {
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .any(|day| day.eq_ignore_ascii_case(word))
}

/// The month number of an English month name or abbreviation ("Sept.",
/// "Dec", "May"), if it is one.
pub(crate) fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    // Month names are capitalized in running text; "may" and "march" are
    // verbs otherwise.
    if !word.starts_with(|c: char| c.is_uppercase()) || word.len() > 9 {
        return None;
    }
    // Lowercased on the stack: this is asked of many words.
    let mut buf = [0u8; 9];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    Some(match &*lower {
        b"january" | b"jan" => 1,
        b"february" | b"feb" => 2,
        b"march" | b"mar" => 3,
        b"april" | b"apr" => 4,
        b"may" => 5,
        b"june" | b"jun" => 6,
        b"july" | b"jul" => 7,
        b"august" | b"aug" => 8,
        b"september" | b"sep" | b"sept" => 9,
        b"october" | b"oct" => 10,
        b"november" | b"nov" => 11,
        b"december" | b"dec" => 12,
        _ => return None,
    })
}

/// How a date was written, once read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateText {
    /// A whole date.
    Full(Date),
    /// Month and day without a year ("May 29", wire datelines).
    MonthDay(u32, u32),
}

/// Reads a date at the start of `s`: `2021-05-29`, `2021/05/29`,
/// `May 29, 2021`, `May 29 2021`, `29 May 2021`, `May 29`.
///
/// Returns the date and the number of bytes it took, or `None` when `s` does
/// not start with something shaped like a date. A date-shaped text naming a
/// day that does not exist is an error.
pub(crate) fn read_date_prefix(s: &str) -> Option<(Result<DateText>, usize)> {
    let bytes = s.as_bytes();
    // ISO: four digits, separator, one or two digits, separator, one or two.
    if bytes.len() >= 8 && bytes[..4].iter().all(u8::is_ascii_digit) {
        let sep = bytes[4];
        if sep == b'-' || sep == b'/' || sep == b'.' {
            let (month, i) = digits(bytes, 5)?;
            if i < bytes.len() && bytes[i] == sep {
                let (day, j) = digits(bytes, i + 1)?;
                if j == bytes.len() || !bytes[j].is_ascii_alphanumeric() {
                    let year: u32 = s[..4].parse().ok()?;
                    return Some((Date::new(year, month, day).map(DateText::Full), j));
                }
            }
        }
        return None;
    }
    // Words: "May 29, 2021", "29 May 2021", "May 29".
    // At most three words, on the stack: every header line is read here.
    let mut found = [("", 0); 3];
    let mut n = 0;
    let mut pos = 0;
    while n < 3 {
        let rest = &s[pos..];
        let skip = rest.len() - rest.trim_start_matches([' ', ',', '\u{a0}']).len();
        if n == 0 && skip > 0 {
            return None;
        }
        let start = pos + skip;
        let word_len = s[start..]
            .find(|c: char| !(c.is_alphanumeric() || c == '.'))
            .unwrap_or(s.len() - start);
        if word_len == 0 {
            break;
        }
        let word = s[start..start + word_len].trim_end_matches('.');
        let end = start + word.len();
        // Keep an abbreviation's period ("Sept.") but not a sentence's.
        let end = if month_number(word).is_some() && s[end..].starts_with('.') {
            end + 1
        } else {
            end
        };
        found[n] = (word, end);
        n += 1;
        pos = end;
    }
    let number = |w: &str, max: usize| -> Option<u32> {
        (w.len() <= max && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
    };
    match &found[..n] {
        [(m, _), (d, d_end), rest @ ..] if month_number(m).is_some() && number(d, 2).is_some() => {
            let (month, day) = (month_number(m)?, number(d, 2)?);
            if let Some((y, y_end)) = rest.first()
                && let Some(year) = number(y, 4).filter(|_| y.len() == 4)
            {
                return Some((Date::new(year, month, day).map(DateText::Full), *y_end));
            }
            if day == 0 || day > days_in_month(2000, month) {
                return Some((
                    Err(Error::new(
                        ErrorKind::InvalidDate,
                        format!("no such date: {m} {d}"),
                    )),
                    *d_end,
                ));
            }
            Some((Ok(DateText::MonthDay(month, day)), *d_end))
        }
        [(d, _), (m, _), (y, y_end)]
            if number(d, 2).is_some() && month_number(m).is_some() && y.len() == 4 =>
        {
            let year = number(y, 4)?;
            Some((
                Date::new(year, month_number(m)?, number(d, 2)?).map(DateText::Full),
                *y_end,
            ))
        }
        _ => None,
    }
}

fn digits(bytes: &[u8], start: usize) -> Option<(u32, usize)> {
    let mut i = start;
    let mut value = 0u32;
    while i < bytes.len() && i < start + 2 && bytes[i].is_ascii_digit() {
        value = value * 10 + u32::from(bytes[i] - b'0');
        i += 1;
    }
    (i > start).then_some((value, i))
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = Error;

    /// Reads `YYYY-MM-DD` and the other forms article headers use
    /// (`May 29, 2021`, `29 May 2021`, `2021/05/29`).
    fn from_str(s: &str) -> Result<Date> {
        let trimmed = s.trim();
        match read_date_prefix(trimmed) {
            Some((Ok(DateText::Full(date)), used)) if used == trimmed.len() => Ok(date),
            Some((Err(e), _)) => Err(e),
            _ => Err(Error::new(
                ErrorKind::InvalidDate,
                format!("not a date: {trimmed:?} (expected YYYY-MM-DD)"),
            )),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Date, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_weekdays_in_any_case() {
        for day in ["Monday", "friday", "SUNDAY"] {
            assert!(is_weekday(day), "{day}");
        }
        for word in ["Mon", "May", "Fridays", ""] {
            assert!(!is_weekday(word), "{word}");
        }
    }

    #[test]
    fn month_names_and_abbreviations_when_capitalized() {
        let cases = [
            ("January", Some(1)),
            ("Sept.", Some(9)),
            ("SEPTEMBER", Some(9)),
            ("Dec", Some(12)),
            ("May", Some(5)),
            ("may", None),
            ("march", None),
            ("Mayday", None),
            ("Septembers", None),
            ("Ärz", None),
            ("", None),
            (".", None),
        ];
        for (word, want) in cases {
            assert_eq!(month_number(word), want, "{word}");
        }
    }

    #[test]
    fn reads_date_forms() {
        let cases = [
            ("2021-05-29", Some("2021-05-29")),
            ("2021/5/9", Some("2021-05-09")),
            ("May 29, 2021", Some("2021-05-29")),
            ("May 29 2021", Some("2021-05-29")),
            ("29 May 2021", Some("2021-05-29")),
            ("Sept. 3, 2016", Some("2016-09-03")),
            ("2021-02-30", None),
            ("2021-13-01", None),
            ("yesterday", None),
            ("may 29, 2021", None),
        ];
        for (input, want) in cases {
            let got = input.parse::<Date>().ok().map(|d| d.to_string());
            assert_eq!(got.as_deref(), want, "{input}");
        }
    }

    #[test]
    fn month_day_without_year() {
        let (date, used) = read_date_prefix("May 29 (Reuters)").unwrap();
        assert_eq!(date.unwrap(), DateText::MonthDay(5, 29));
        assert_eq!(used, 6);
        assert!(read_date_prefix("Feb 30 (AP)").unwrap().0.is_err());
    }

    #[test]
    fn leap_years() {
        assert!(Date::new(2000, 2, 29).is_ok());
        assert!(Date::new(1900, 2, 29).is_err());
        assert!(Date::new(2024, 2, 29).is_ok());
    }

    #[test]
    fn serde_round_trip() {
        let date = Date::new(2016, 11, 8).unwrap();
        let json = serde_json::to_string(&date).unwrap();
        assert_eq!(json, "\"2016-11-08\"");
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), date);
        assert!(serde_json::from_str::<Date>("\"2016-11-31\"").is_err());
    }
}
