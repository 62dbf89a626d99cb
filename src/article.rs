//! The article: one owned text, its date, headline, dateline, paragraphs and
//! sentences, all byte spans into the text.

use crate::date::{Date, DateText, read_date_prefix};
use crate::error::{Error, ErrorKind, Result};
use crate::span::{Excerpt, Span};
use crate::text::Tokenized;
use crate::text::sentences::split_sentences;
use crate::text::tokens::{self, Token, TokenKind, is_space};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;

/// The largest text [`Article::parse`] accepts by default: 64 MiB.
pub const DEFAULT_MAX_BYTES: usize = 64 << 20;

/// A sentence: a byte span and the index of its paragraph.
///
/// # Example
///
/// ```
/// let article = newsgraph::Article::parse("Talks ended. Both sides left.")?;
/// let second = &article.sentences()[1];
/// assert_eq!(second.span().slice(article.text()), "Both sides left.");
/// assert_eq!(second.paragraph, 0);
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Sentence {
    /// Byte offset of the sentence's first byte.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// Index of the paragraph that holds it.
    pub paragraph: usize,
}

impl Sentence {
    /// The sentence's byte span.
    pub const fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }
}

/// Options for [`Article::parse_with`].
///
/// # Example
///
/// ```
/// use newsgraph::{Article, Date, ParseOptions};
///
/// let options = ParseOptions::new()
///     .date(Date::new(2021, 5, 29)?)
///     .max_bytes(1 << 20);
/// let article = Article::parse_with("MOSCOW, May 29 (Reuters) - Talks began.", &options)?;
/// assert_eq!(article.date().map(|d| d.to_string()).as_deref(), Some("2021-05-29"));
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseOptions {
    max_bytes: usize,
    date: Option<Date>,
}

impl Default for ParseOptions {
    fn default() -> ParseOptions {
        ParseOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            date: None,
        }
    }
}

impl ParseOptions {
    /// The defaults: a 64 MiB limit and no fallback date.
    pub fn new() -> ParseOptions {
        ParseOptions::default()
    }

    /// The size limit in bytes.
    pub(crate) fn limit(&self) -> usize {
        self.max_bytes
    }

    /// Texts longer than `max_bytes` are refused with
    /// [`ErrorKind::TooLarge`].
    pub fn max_bytes(mut self, max_bytes: usize) -> ParseOptions {
        self.max_bytes = max_bytes;
        self
    }

    /// The article's date when the text has no header date. It also gives
    /// the year to a dateline that names only month and day.
    pub fn date(mut self, date: Date) -> ParseOptions {
        self.date = Some(date);
        self
    }

    /// The configured size limit in bytes.
    pub fn get_max_bytes(&self) -> usize {
        self.max_bytes
    }
}

/// A news article: the text, its date, headline, dateline, paragraphs and
/// sentences.
///
/// The article owns its text exactly as given (byte-order mark, carriage
/// returns and all), so every offset the crate returns is an offset into the
/// caller's input.
///
/// # Example
///
/// ```
/// use newsgraph::Article;
///
/// let text = " date 2021-05-29 Talks resumed in Geneva.\n\nBoth sides met. Mr. Lavrov spoke.";
/// let article = Article::parse(text)?;
/// assert_eq!(article.date().unwrap().to_string(), "2021-05-29");
/// assert_eq!(article.paragraphs().len(), 2);
/// let sentences: Vec<&str> = article
///     .sentences()
///     .iter()
///     .map(|s| s.span().slice(article.text()))
///     .collect();
/// assert_eq!(sentences, ["Talks resumed in Geneva.", "Both sides met.", "Mr. Lavrov spoke."]);
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "ArticleData")]
pub struct Article {
    date: Option<Date>,
    headline: Option<Span>,
    dateline: Option<Span>,
    text: String,
    paragraphs: Vec<Span>,
    sentences: Vec<Sentence>,
}

/// The JSON form of an article: spans with text where the contract wants it.
#[derive(Clone, Deserialize)]
struct ArticleData {
    date: Option<Date>,
    headline: Option<Excerpt>,
    #[serde(default)]
    dateline: Option<Excerpt>,
    text: String,
    paragraphs: Vec<Span>,
    sentences: Vec<Sentence>,
}

/// [`ArticleData`] borrowed from an article: serializing does not copy the
/// text, which `#[serde(into)]` would (it clones the article first).
#[derive(Serialize)]
struct ArticleRef<'a> {
    date: Option<Date>,
    headline: Option<Excerpt>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dateline: Option<Excerpt>,
    text: &'a str,
    paragraphs: &'a [Span],
    sentences: &'a [Sentence],
}

impl Serialize for Article {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        ArticleRef {
            date: self.date,
            headline: self.headline.map(|s| Excerpt::new(&self.text, s)),
            dateline: self.dateline.map(|s| Excerpt::new(&self.text, s)),
            text: &self.text,
            paragraphs: &self.paragraphs,
            sentences: &self.sentences,
        }
        .serialize(serializer)
    }
}

impl TryFrom<ArticleData> for Article {
    type Error = Error;

    /// Checks that every span of a deserialized article lies on char
    /// boundaries inside its text, so that later stages can slice safely.
    fn try_from(d: ArticleData) -> Result<Article> {
        let text = &d.text;
        let check = |span: Span, what: &str| -> Result<()> {
            if span.is_valid_in(text) {
                Ok(())
            } else {
                Err(Error::new(
                    ErrorKind::InvalidData,
                    format!(
                        "article {what} {}..{} is not a span of its text",
                        span.start, span.end
                    ),
                ))
            }
        };
        let headline = d.headline.map(|e| e.span());
        let dateline = d.dateline.map(|e| e.span());
        for s in headline
            .iter()
            .chain(dateline.iter())
            .chain(d.paragraphs.iter())
        {
            check(*s, "span")?;
        }
        let mut last_end = 0;
        for s in &d.sentences {
            check(s.span(), "sentence")?;
            if s.start < last_end || s.paragraph >= d.paragraphs.len().max(1) {
                return Err(Error::new(
                    ErrorKind::InvalidData,
                    "article sentences must be ordered, disjoint and name a paragraph",
                ));
            }
            last_end = s.end;
        }
        Ok(Article {
            date: d.date,
            headline,
            dateline,
            text: d.text,
            paragraphs: d.paragraphs,
            sentences: d.sentences,
        })
    }
}

impl Article {
    /// Parses an article with the default options.
    ///
    /// The first line may be a date header: ` date 2021-05-29 ...` (the rest
    /// of the line is text), `Date: 2021-05-29`, `date: May 29, 2021`,
    /// `Published: 29 May 2021`, or a line holding only a date. A wire
    /// dateline (`MOSCOW, May 29 (Reuters) -`) is recognised at the start of
    /// the body. Paragraphs follow blank lines, or single line breaks when the
    /// text has no blank line. The first paragraph is the headline when it is
    /// one short line followed by more text.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::Empty`]: the text is empty or whitespace only.
    /// - [`ErrorKind::InvalidDate`]: the header names a date that does not
    ///   exist (`date 2021-02-30`) or cannot be read (`Date: soon`).
    /// - [`ErrorKind::TooLarge`]: the text exceeds [`DEFAULT_MAX_BYTES`].
    ///
    /// # Example
    ///
    /// ```
    /// use newsgraph::{Article, ErrorKind};
    ///
    /// let article = Article::parse("Date: 2016-11-08\nVoters went to the polls.")?;
    /// assert_eq!(article.date().unwrap().to_string(), "2016-11-08");
    /// assert_eq!(Article::parse("").unwrap_err().kind(), ErrorKind::Empty);
    /// # Ok::<(), newsgraph::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Article> {
        Article::parse_with(text, &ParseOptions::default())
    }

    /// Parses an article with `options` (size limit, fallback date).
    ///
    /// # Errors
    ///
    /// As [`Article::parse`], with the configured size limit.
    pub fn parse_with(text: &str, options: &ParseOptions) -> Result<Article> {
        parse_article(Cow::Borrowed(text), options).map(|(article, _)| article)
    }

    /// Parses an article from bytes that must be UTF-8.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidUtf8`] naming the line and byte of the first bad
    /// byte, and the errors of [`Article::parse`].
    ///
    /// # Example
    ///
    /// ```
    /// use newsgraph::{Article, ErrorKind};
    ///
    /// let err = Article::from_bytes(b"Talks\n\xff ended").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidUtf8);
    /// assert_eq!((err.line(), err.offset()), (Some(2), Some(6)));
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Article> {
        Article::from_bytes_with(bytes, &ParseOptions::default())
    }

    /// Parses an article from UTF-8 bytes with `options`.
    ///
    /// # Errors
    ///
    /// As [`Article::from_bytes`].
    pub fn from_bytes_with(bytes: &[u8], options: &ParseOptions) -> Result<Article> {
        Article::parse_with(utf8(bytes, options)?, options)
    }

    /// The article's text, exactly as given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The date from the header, a dated dateline, or the options.
    pub fn date(&self) -> Option<Date> {
        self.date
    }

    /// The headline's span, when the text has one.
    pub fn headline(&self) -> Option<Span> {
        self.headline
    }

    /// The wire dateline's span (`WASHINGTON (AP) —`), when the text has one.
    pub fn dateline(&self) -> Option<Span> {
        self.dateline
    }

    /// The paragraphs' spans, in order, without surrounding whitespace.
    pub fn paragraphs(&self) -> &[Span] {
        &self.paragraphs
    }

    /// The sentences, in order; every non-space character of every
    /// paragraph lies in exactly one sentence.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The text covered by `span`.
    ///
    /// # Panics
    ///
    /// Panics if `span` is not a span of this article's text; spans this
    /// crate returned for this article always are.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// The part of the article over `bytes`, which starts where sentence
    /// `sentences.start` does, at 0, or at a token inside that sentence, and
    /// holds `sentences` (or pieces of the first and last), as an
    /// article of its own: its text is a copy of that part, every offset is
    /// counted from the part's start, its paragraphs are the article's cut
    /// to the part, and it keeps the date (and the headline and dateline
    /// when they lie in it). A long text is analyzed part by part (see
    /// `crate::window`).
    pub(crate) fn part(&self, bytes: Range<usize>, sentences: Range<usize>) -> Article {
        let base = bytes.start;
        let inside = |s: Span| {
            (bytes.start <= s.start && s.end <= bytes.end)
                .then(|| Span::new(s.start - base, s.end - base))
        };
        let first = self.paragraphs.partition_point(|p| p.end <= bytes.start);
        let end = self.paragraphs.partition_point(|p| p.start < bytes.end);
        let paragraphs = self.paragraphs[first..end.max(first)]
            .iter()
            .map(|p| Span::new(p.start.max(bytes.start) - base, p.end.min(bytes.end) - base))
            .collect();
        // A sentence cut by the part (one with no break in a window's
        // length) keeps the piece inside it, up to its last token.
        let sentences = self.sentences[sentences]
            .iter()
            .map(|s| {
                let start = s.start.max(bytes.start);
                let end = if s.end > bytes.end {
                    start + self.text[start..bytes.end].trim_end_matches(is_space).len()
                } else {
                    s.end
                };
                Sentence {
                    start: start - base,
                    end: end - base,
                    paragraph: s.paragraph - first,
                }
            })
            .collect();
        Article {
            date: self.date,
            headline: self.headline.and_then(inside),
            dateline: self.dateline.and_then(inside),
            text: self.text[bytes].to_owned(),
            paragraphs,
            sentences,
        }
    }
}

/// Checks `bytes` against the size limit and UTF-8.
pub(crate) fn utf8<'b>(bytes: &'b [u8], options: &ParseOptions) -> Result<&'b str> {
    check_size(bytes, options)?;
    std::str::from_utf8(bytes).map_err(|e| {
        Error::at(
            ErrorKind::InvalidUtf8,
            "invalid UTF-8",
            bytes,
            e.valid_up_to(),
        )
    })
}

fn check_size(bytes: &[u8], options: &ParseOptions) -> Result<()> {
    if bytes.len() > options.max_bytes {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "text of {} bytes exceeds the limit of {} bytes (the limit is reached at byte {})",
                bytes.len(),
                options.max_bytes,
                options.max_bytes
            ),
        ));
    }
    Ok(())
}

/// Parses `text` and returns the article together with its tokens, so that
/// the analysis does not tokenize twice. An owned text moves into the
/// article instead of being copied.
pub(crate) fn parse_article(
    source: Cow<'_, str>,
    options: &ParseOptions,
) -> Result<(Article, Tokenized)> {
    let text: &str = &source;
    check_size(text.as_bytes(), options)?;
    let Some(first) = text.find(|c: char| !is_space(c)) else {
        return Err(Error::at(
            ErrorKind::Empty,
            "the text is empty or holds only whitespace",
            text.as_bytes(),
            0,
        ));
    };
    let header = read_header(text, first, options)?;
    let body_start = header.body_start;

    // News text has about a token in five bytes, a few texts one in four:
    // room for that once, rather than a copy of the tokens as they grow.
    let mut tokens = Vec::with_capacity(text.len() / 4 + 16);
    tokens::tokenize_into(text, &mut tokens);
    let body_start = body_on_token(&tokens, body_start);
    let mut sentences = Vec::with_capacity(text.len() / 100 + 4);
    // Each sentence's tokens, for the analysis's `Doc`.
    let mut sentence_tokens = Vec::with_capacity(text.len() / 100 + 4);
    // The tokens of the first two paragraphs, which may be the headline
    // and the dateline's.
    let mut first_two = [0..0, 0..0];
    let paragraphs = split_paragraphs(text, &tokens, body_start, |p, range| {
        if let Some(r) = first_two.get_mut(p) {
            *r = range.clone();
        }
        split_sentences(text, &tokens, range, |f, l| {
            sentences.push(Sentence {
                start: tokens[f].start as usize,
                end: tokens[l].end() as usize,
                paragraph: p,
            });
            sentence_tokens.push(f..l + 1);
        });
    });
    let paragraph_tokens = &first_two[..paragraphs.len().min(2)];

    let headline = find_headline(text, &tokens, &paragraphs, paragraph_tokens);
    let dateline_paragraph = usize::from(headline.is_some());
    let mut date = header.date;
    let mut dateline = None;
    if let Some(range) = paragraph_tokens.get(dateline_paragraph)
        && let Some((end_token, found)) = find_dateline(text, &tokens, range.clone())
    {
        dateline = Some(Span::new(
            tokens[range.start].start as usize,
            tokens[end_token].end() as usize,
        ));
        if date.is_none() {
            date = match found {
                Some(DateText::Full(d)) => Some(d),
                Some(DateText::MonthDay(m, d)) => {
                    options.date.and_then(|o| Date::new(o.year(), m, d).ok())
                }
                None => None,
            };
        }
    }
    let date = date.or(options.date);
    Ok((
        Article {
            date,
            headline,
            dateline,
            text: source.into_owned(),
            paragraphs,
            sentences,
        },
        Tokenized {
            tokens,
            sentence_tokens,
        },
    ))
}

struct Header {
    date: Option<Date>,
    /// Where the article's body starts (after a header line).
    body_start: usize,
}

/// Reads a date header on the line starting at `first`.
fn read_header(text: &str, first: usize, options: &ParseOptions) -> Result<Header> {
    let eol = text[first..].find('\n').map_or(text.len(), |i| first + i);
    let line = &text[first..eol];
    let next_line = (eol + 1).min(text.len());
    let bytes = text.as_bytes();

    let keyword_len = ["date", "dated", "published", "posted"]
        .iter()
        .filter(|k| {
            line.as_bytes()
                .get(..k.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(k.as_bytes()))
                && line
                    .get(k.len()..)
                    .is_some_and(|rest| rest.starts_with([':', ' ', '\t', '\u{a0}']))
        })
        .map(|k| k.len())
        .max();

    if let Some(klen) = keyword_len {
        let after = &line[klen..];
        let colon = after.trim_start_matches([' ', '\t']).starts_with(':');
        let rest = after.trim_start_matches([' ', '\t', ':', '\u{a0}']);
        let date_at = first + (line.len() - rest.len());
        match read_date_prefix(rest) {
            Some((Ok(DateText::Full(date)), used)) => {
                let remainder = &rest[used..];
                let skip = remainder.len()
                    - remainder
                        .trim_start_matches(|c: char| {
                            is_space(c) || matches!(c, '|' | '-' | '—' | '–' | ':' | ',')
                        })
                        .len();
                let body = date_at + used + skip;
                let body_start = if text[body..eol].trim().is_empty() {
                    next_line
                } else {
                    body
                };
                return Ok(Header {
                    date: Some(date),
                    body_start,
                });
            }
            Some((Ok(DateText::MonthDay(..)), _)) => {
                return Err(Error::at(
                    ErrorKind::InvalidDate,
                    format!("the date header {:?} has no year", line.trim_end()),
                    bytes,
                    date_at,
                ));
            }
            Some((Err(e), _)) => {
                return Err(Error::at(
                    ErrorKind::InvalidDate,
                    format!("invalid date in header: {e}"),
                    bytes,
                    date_at,
                ));
            }
            None if colon => {
                return Err(Error::at(
                    ErrorKind::InvalidDate,
                    format!("cannot read the date of header {:?}", line.trim_end()),
                    bytes,
                    date_at,
                ));
            }
            None => {}
        }
    }

    // A line holding only a date.
    if let Some((result, used)) = read_date_prefix(line)
        && line[used..].trim().trim_end_matches('.').is_empty()
    {
        return match result {
            Ok(DateText::Full(date)) => Ok(Header {
                date: Some(date),
                body_start: next_line,
            }),
            Ok(DateText::MonthDay(m, d)) => Ok(Header {
                date: options.date.and_then(|o| Date::new(o.year(), m, d).ok()),
                body_start: next_line,
            }),
            Err(e) => Err(Error::at(
                ErrorKind::InvalidDate,
                format!("invalid date in header: {e}"),
                bytes,
                first,
            )),
        };
    }
    Ok(Header {
        date: None,
        body_start: first,
    })
}

/// Splits `text[body_start..]` into paragraphs: returns their spans without
/// surrounding whitespace, and calls `each(p, range)` with the range of the
/// tokens inside each paragraph `p`, in order.
///
/// Paragraphs follow blank lines, or single line breaks when the body has
/// no blank line (after its first line). Read from the tokens, which cover
/// every non-space char: a line is blank when it holds no token, so only
/// the gaps between tokens that hold a line break are read, not the text.
/// `body_start` is on a token or in a gap (see [`body_on_token`]).
fn split_paragraphs(
    text: &str,
    tokens: &[Token],
    body_start: usize,
    mut each: impl FnMut(usize, std::ops::Range<usize>),
) -> Vec<Span> {
    let bytes = text.as_bytes();
    // The first token of the body, which starts on a token or in a gap.
    let first = tokens.partition_point(|t| (t.end() as usize) <= body_start);
    debug_assert!(
        tokens
            .get(first)
            .is_none_or(|t| t.start as usize >= body_start)
    );
    // The line breaks in the gap before token `k`: 0, 1, or 2 for two or
    // more, when a blank line lies between (every line inside the gap holds
    // only space).
    let breaks = |k: usize| -> u8 {
        let t = &tokens[k];
        if !t.has(tokens::flag::LINE_BEFORE) {
            return 0;
        }
        let gap = &bytes[tokens[k - 1].end() as usize..t.start as usize];
        let mut breaks = gap.iter().filter(|&&b| b == b'\n');
        match (breaks.next(), breaks.next()) {
            (None, _) => 0,
            (Some(_), None) => 1,
            (Some(_), Some(_)) => 2,
        }
    };
    // Room for a paragraph per 32 tokens: news text has fewer (PolNeAR's
    // have about 50 tokens).
    let mut paragraphs = Vec::with_capacity(tokens.len() / 32 + 2);
    if first == tokens.len() {
        return paragraphs;
    }
    // Mostly found at the first paragraph's end.
    let has_blank = (first + 1..tokens.len()).any(|k| breaks(k) == 2);
    let least = if has_blank { 2 } else { 1 };
    let mut push = |a: usize, b: usize| {
        paragraphs.push(Span::new(
            tokens[a].start as usize,
            tokens[b - 1].end() as usize,
        ));
        each(paragraphs.len() - 1, a..b);
    };
    let mut a = first;
    for k in first + 1..tokens.len() {
        if breaks(k) >= least {
            push(a, k);
            a = k;
        }
    }
    push(a, tokens.len());
    paragraphs
}

/// Where the body starts once a header date that ends inside a token
/// ("date 2024-03-1:2 ...", read up to its colon, or "2021-05-29x") has
/// left the rest of that token to the header: on a token or in a gap, so
/// that the paragraphs' sentences hold all of their text.
fn body_on_token(tokens: &[Token], body_start: usize) -> usize {
    tokens
        .get(tokens.partition_point(|t| (t.end() as usize) <= body_start))
        .filter(|t| (t.start as usize) < body_start)
        .map_or(body_start, |t| t.end() as usize)
}

/// The first paragraph is the headline when it is a single short line (at
/// most 20 words) that more paragraphs follow and no dateline opens.
fn find_headline(
    text: &str,
    tokens: &[Token],
    paragraphs: &[Span],
    paragraph_tokens: &[std::ops::Range<usize>],
) -> Option<Span> {
    if paragraphs.len() < 2 {
        return None;
    }
    let first = paragraphs[0];
    let range = paragraph_tokens[0].clone();
    let slice = first.slice(text);
    if slice.contains('\n') || slice.ends_with(':') {
        return None;
    }
    let words = tokens[range.clone()]
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .count();
    if words == 0 || words > 20 || find_dateline(text, tokens, range).is_some() {
        return None;
    }
    Some(first)
}

/// A wire dateline at the start of `range`: capitalized place words, an
/// optional date, an optional agency in parentheses, then a dash. Returns the
/// index of the dash token and the date read, if any.
fn find_dateline(
    text: &str,
    tokens: &[Token],
    range: std::ops::Range<usize>,
) -> Option<(usize, Option<DateText>)> {
    let limit = range.end.min(range.start + 16);
    let mut saw_upper_place = false;
    let mut saw_agency = false;
    let mut date = None;
    let mut in_parens = false;
    let mut i = range.start;
    while i < limit {
        let t = &tokens[i];
        let s = t.text(text);
        match t.kind {
            TokenKind::Punct if tokens::is_dash(s) => {
                let ok = i > range.start
                    && t.has(tokens::flag::SPACE_BEFORE)
                    && (saw_upper_place || saw_agency);
                return ok.then_some((i, date));
            }
            TokenKind::Punct if s == "(" => in_parens = true,
            TokenKind::Punct if s == ")" => in_parens = false,
            TokenKind::Punct if s == "," || s == "." => {}
            TokenKind::Word if t.has(tokens::flag::CAP) => {
                if in_parens {
                    saw_agency = true;
                } else if i == range.start && t.has(tokens::flag::UPPER) && s.len() >= 3 {
                    saw_upper_place = true;
                }
                if date.is_none()
                    && crate::date::month_number(s).is_some()
                    && let Some((Ok(d), _)) = read_date_prefix(&text[t.start as usize..])
                {
                    date = Some(d);
                }
            }
            TokenKind::Number => {}
            _ => return None,
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(a: &Article) -> Vec<&str> {
        a.sentences().iter().map(|s| a.slice(s.span())).collect()
    }

    #[test]
    fn header_forms() {
        let cases = [
            (
                " date 2021-05-29 China and Russia met.",
                Some("2021-05-29"),
                "China and Russia met.",
            ),
            (
                "Date: 2021-05-29\n\nChina and Russia met.",
                Some("2021-05-29"),
                "China and Russia met.",
            ),
            (
                "date: May 29, 2021\nChina and Russia met.",
                Some("2021-05-29"),
                "China and Russia met.",
            ),
            (
                "Published: 29 May 2021\nChina and Russia met.",
                Some("2021-05-29"),
                "China and Russia met.",
            ),
            (
                "2021-05-29\nChina and Russia met.",
                Some("2021-05-29"),
                "China and Russia met.",
            ),
            ("China and Russia met.", None, "China and Russia met."),
            ("Date night was fun.", None, "Date night was fun."),
            (
                "\u{feff}Date: 2021-05-29\r\n\r\nChina and Russia met.\r\n",
                Some("2021-05-29"),
                "China and Russia met.",
            ),
        ];
        for (input, date, first) in cases {
            let a = Article::parse(input).unwrap();
            assert_eq!(
                a.date().map(|d| d.to_string()).as_deref(),
                date,
                "{input:?}"
            );
            assert_eq!(sentences(&a)[0], first, "{input:?}");
        }
    }

    #[test]
    fn a_header_date_ending_inside_a_token_leaves_no_text_out() {
        // The date reader stops at the colon of "1:2", a token of its own.
        for text in [
            "date 2024-03-1:2 Japan, South Korea pledge ties\n\nSEOUL - They met. It went well.",
            "date 2021-05-29x Talks\n\nBody text here.",
            "date 2024-03-1:2\n\nBody text here.",
        ] {
            let article = Article::parse(text).unwrap();
            for (index, p) in article.paragraphs().iter().enumerate() {
                for (offset, c) in article.slice(*p).char_indices() {
                    let at = p.start + offset;
                    assert!(
                        c.is_whitespace()
                            || article
                                .sentences()
                                .iter()
                                .any(|s| s.paragraph == index && s.start <= at && at < s.end),
                        "{text:?}: {c:?} at {at} is in no sentence"
                    );
                }
            }
        }
    }

    #[test]
    fn bad_headers_are_errors_with_places() {
        let err = Article::parse(" date 2021-02-30 Talks.").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidDate);
        assert_eq!((err.line(), err.offset()), (Some(1), Some(6)));
        let err = Article::parse("\n\nDate: sometime\nTalks.").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidDate);
        assert_eq!(err.line(), Some(3));
        assert!(err.to_string().contains("line 3"), "{err}");
        let err = Article::parse("Date: May 29\nTalks.").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidDate);
    }

    #[test]
    fn empty_and_too_large() {
        for input in ["", "   ", "\n\t\u{a0}\r\n", "\u{feff}"] {
            assert_eq!(
                Article::parse(input).unwrap_err().kind(),
                ErrorKind::Empty,
                "{input:?}"
            );
        }
        let options = ParseOptions::new().max_bytes(10);
        let err = Article::parse_with("This text is longer than ten bytes.", &options).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::TooLarge);
        assert!(Article::parse_with("Short.", &options).is_ok());
    }

    #[test]
    fn datelines() {
        let a = Article::parse("MOSCOW, May 29 (Reuters) - Russia said talks went well.").unwrap();
        assert_eq!(a.slice(a.dateline().unwrap()), "MOSCOW, May 29 (Reuters) -");
        assert_eq!(a.date(), None);
        let opts = ParseOptions::new().date(Date::new(2021, 1, 1).unwrap());
        let a = Article::parse_with(
            "MOSCOW, May 29 (Reuters) - Russia said talks went well.",
            &opts,
        )
        .unwrap();
        assert_eq!(a.date().unwrap().to_string(), "2021-05-29");
        let a = Article::parse("Headline here.\n\nWASHINGTON (AP) — The Senate voted.").unwrap();
        assert_eq!(a.slice(a.headline().unwrap()), "Headline here.");
        assert_eq!(a.slice(a.dateline().unwrap()), "WASHINGTON (AP) —");
        let a = Article::parse("NEW YORK, Dec. 22, 2015 (UPI) — Chelsea Clinton spoke.").unwrap();
        assert_eq!(a.date().unwrap().to_string(), "2015-12-22");
        let a = Article::parse("Donald Trump — the candidate — spoke.").unwrap();
        assert_eq!(a.dateline(), None);
    }

    #[test]
    fn paragraphs_by_blank_lines_or_single_breaks() {
        let a = Article::parse("One.\nstill one.\n\nTwo.\n \nThree.").unwrap();
        assert_eq!(a.paragraphs().len(), 3);
        assert_eq!(a.slice(a.paragraphs()[0]), "One.\nstill one.");
        let a = Article::parse("One.\nTwo.\nThree.").unwrap();
        assert_eq!(a.paragraphs().len(), 3);
        let a = Article::parse("One.\r\n\r\nTwo.\r\n").unwrap();
        assert_eq!(a.slice(a.paragraphs()[1]), "Two.");
    }

    /// Paragraphs as the text says, line by line: what `split_paragraphs`
    /// reads from the tokens.
    fn paragraphs_by_lines(
        text: &str,
        tokens: &[Token],
        body_start: usize,
    ) -> (Vec<Span>, Vec<std::ops::Range<usize>>) {
        let mut lines = Vec::new();
        let mut pos = body_start;
        for line in text[body_start..].split('\n') {
            lines.push((pos, pos + line.len(), line.chars().all(is_space)));
            pos += line.len() + 1;
        }
        let nonblank = lines.iter().position(|l| !l.2).unwrap_or(lines.len());
        let has_blank = lines[nonblank..].windows(2).any(|w| w[0].2 && !w[1].2);
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut open = false;
        for &(start, end, blank) in &lines {
            match (blank, open) {
                (true, _) => open = false,
                (false, true) if has_blank => groups.last_mut().unwrap().1 = end,
                (false, _) => {
                    groups.push((start, end));
                    open = true;
                }
            }
        }
        let spans: Vec<Span> = groups
            .into_iter()
            .map(|(s, e)| {
                let slice = &text[s..e];
                let lead = slice.len() - slice.trim_start_matches(is_space).len();
                let trail = slice.len() - slice.trim_end_matches(is_space).len();
                Span::new(s + lead, e - trail)
            })
            .collect();
        let ranges = spans
            .iter()
            .map(|p| {
                let a = tokens.partition_point(|t| (t.start as usize) < p.start);
                let b = tokens.partition_point(|t| (t.end() as usize) <= p.end);
                a..b
            })
            .collect();
        (spans, ranges)
    }

    #[test]
    fn paragraphs_from_tokens_are_paragraphs_by_lines() {
        let pieces = [
            "Talks", "ended", ".", " ", " ", "\n", "\n", "\r\n", " \n", "\u{a0}", "\u{2028}",
            "\u{feff}", "\t", "“", "Élysée", "29x",
        ];
        // Every text of up to five pieces, from a small generator.
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let mut text = String::new();
            let mut r = rng.next();
            for _ in 0..(r % 9) {
                r /= 9;
                text.push_str(pieces[(r % pieces.len() as u64) as usize]);
                r /= pieces.len() as u64;
            }
            let mut tokens = Vec::new();
            tokens::tokenize_into(&text, &mut tokens);
            let starts = (0..=text.len()).filter(|&b| text.is_char_boundary(b));
            for body_start in starts.map(|b| body_on_token(&tokens, b)) {
                let mut ranges = Vec::new();
                let spans = split_paragraphs(&text, &tokens, body_start, |p, range| {
                    assert_eq!(p, ranges.len());
                    ranges.push(range);
                });
                assert_eq!(
                    (spans, ranges),
                    paragraphs_by_lines(&text, &tokens, body_start),
                    "{text:?} from {body_start}"
                );
            }
        }
    }

    #[test]
    fn headline_detection() {
        let a = Article::parse("Cruz looks to ease bad blood with GOP.\n\nTed Cruz said he would.")
            .unwrap();
        assert!(a.headline().is_some());
        let long = "China and Russia reiterated their commitment to strengthen their relationship as the White House announced the first summit between the two leaders next month.\n\nMore text.";
        assert!(Article::parse(long).unwrap().headline().is_none());
        assert!(
            Article::parse("Only one paragraph.")
                .unwrap()
                .headline()
                .is_none()
        );
    }

    #[test]
    fn utf8_errors() {
        let err = Article::from_bytes(b"ok\n\xc3\x28").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidUtf8);
        assert_eq!(err.offset(), Some(3));
        assert!(Article::from_bytes("Élysée said.".as_bytes()).is_ok());
    }

    #[test]
    fn serde_round_trip_and_validation() {
        let a = Article::parse("Title line\n\nBody text here. More.").unwrap();
        let json = serde_json::to_string(&a).unwrap();
        assert!(
            json.contains(r#""headline":{"start":0,"end":10,"text":"Title line"}"#),
            "{json}"
        );
        let back: Article = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
        let bad = json.replace(r#""end":10"#, r#""end":1000"#);
        assert!(serde_json::from_str::<Article>(&bad).is_err());
    }
}
