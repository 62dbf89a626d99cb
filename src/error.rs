//! The crate's one error type.

use std::fmt;

/// What went wrong, to match on.
///
/// # Example
///
/// ```
/// use newsgraph::{Article, ErrorKind};
///
/// let err = Article::parse("   \n\t ").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Empty);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is empty or holds only whitespace.
    Empty,
    /// A date header or a date option names a date that does not exist or
    /// cannot be read.
    InvalidDate,
    /// The text is larger than the configured limit.
    TooLarge,
    /// Bytes given to a bytes API are not UTF-8.
    InvalidUtf8,
    /// A user-supplied dictionary (TSV) is malformed.
    InvalidData,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorKind::Empty => "empty text",
            ErrorKind::InvalidDate => "invalid date",
            ErrorKind::TooLarge => "text too large",
            ErrorKind::InvalidUtf8 => "invalid UTF-8",
            ErrorKind::InvalidData => "invalid dictionary data",
        })
    }
}

/// The error of every fallible function in this crate.
///
/// It is opaque: a [`kind`](Error::kind) to match on, a message that names the
/// place in the input (line and byte offset) where there is one, and the
/// place itself.
///
/// # Example
///
/// ```
/// use newsgraph::{Article, ErrorKind};
///
/// let err = Article::parse("date 2021-02-30 Talks resumed.").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidDate);
/// assert_eq!(err.line(), Some(1));
/// assert_eq!(err.offset(), Some(5));
/// assert!(err.to_string().contains("line 1, byte 5"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
    line: Option<usize>,
    offset: Option<usize>,
}

impl Error {
    /// An error with no place in the input.
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            line: None,
            offset: None,
        }
    }

    /// An error at byte `offset` of `text`; the message gets the 1-based line
    /// and the byte offset appended.
    pub(crate) fn at(
        kind: ErrorKind,
        message: impl Into<String>,
        text: &[u8],
        offset: usize,
    ) -> Error {
        let offset = offset.min(text.len());
        let line = 1 + text[..offset].iter().filter(|&&b| b == b'\n').count();
        Error {
            kind,
            message: format!("{} (line {line}, byte {offset})", message.into()),
            line: Some(line),
            offset: Some(offset),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The 1-based line of the input where the problem is, if it has a place.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The byte offset in the input where the problem is, if it has a place.
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
