//! Byte spans into the article text, and excerpts that carry their text.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open range `start..end` of byte offsets into [`Article::text`].
///
/// Every span the crate returns lies on `char` boundaries inside the text it
/// was made from, so `&text[span.range()]` never panics.
///
/// [`Article::text`]: crate::Article::text
///
/// # Example
///
/// ```
/// use newsgraph::Span;
///
/// let text = "Putin said.";
/// let span = Span::new(6, 10);
/// assert_eq!(span.slice(text), "said");
/// assert_eq!(span.len(), 4);
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`. `start` must not exceed `end`.
    ///
    /// # Example
    ///
    /// ```
    /// let span = newsgraph::Span::new(3, 7);
    /// assert_eq!(span.range(), 3..7);
    /// ```
    #[inline]
    pub const fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The span as a `Range<usize>`, for slicing.
    #[inline]
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Number of bytes covered.
    #[inline]
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    #[inline]
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers in `text`.
    ///
    /// # Panics
    ///
    /// Panics if the span is out of bounds or not on char boundaries of
    /// `text`; spans returned by this crate never are for their own article.
    ///
    /// # Example
    ///
    /// ```
    /// let text = "Moscow and Beijing";
    /// assert_eq!(newsgraph::Span::new(11, 18).slice(text), "Beijing");
    /// ```
    #[inline]
    pub fn slice(self, text: &str) -> &str {
        &text[self.range()]
    }

    /// Whether `other` lies entirely inside this span.
    ///
    /// # Example
    ///
    /// ```
    /// use newsgraph::Span;
    /// assert!(Span::new(0, 10).contains(Span::new(2, 5)));
    /// assert!(!Span::new(0, 10).contains(Span::new(8, 12)));
    /// ```
    #[inline]
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    ///
    /// # Example
    ///
    /// ```
    /// use newsgraph::Span;
    /// assert!(Span::new(0, 5).overlaps(Span::new(4, 9)));
    /// assert!(!Span::new(0, 5).overlaps(Span::new(5, 9)));
    /// ```
    #[inline]
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    ///
    /// # Example
    ///
    /// ```
    /// use newsgraph::Span;
    /// assert_eq!(Span::new(2, 4).cover(Span::new(7, 9)), Span::new(2, 9));
    /// ```
    #[inline]
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Whether both ends lie on char boundaries of `text` and inside it.
    ///
    /// # Example
    ///
    /// ```
    /// use newsgraph::Span;
    /// let text = "Élysée";
    /// assert!(Span::new(0, 2).is_valid_in(text));
    /// assert!(!Span::new(0, 1).is_valid_in(text));
    /// ```
    pub fn is_valid_in(self, text: &str) -> bool {
        self.start <= self.end
            && self.end <= text.len()
            && text.is_char_boundary(self.start)
            && text.is_char_boundary(self.end)
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

/// A span of the article together with the text it covers, as the JSON model
/// carries it: `{"start": 10, "end": 14, "text": "said"}`.
///
/// # Example
///
/// ```
/// use newsgraph::{Excerpt, Span};
///
/// let text = "Putin said.";
/// let cue = Excerpt::new(text, Span::new(6, 10));
/// assert_eq!(cue.text, "said");
/// assert_eq!(cue.span(), Span::new(6, 10));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Excerpt {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The covered text.
    pub text: String,
}

impl Excerpt {
    /// The excerpt of `text` covered by `span`.
    ///
    /// # Panics
    ///
    /// Panics if the span is not valid in `text` (see [`Span::is_valid_in`]).
    pub fn new(text: &str, span: Span) -> Excerpt {
        Excerpt {
            start: span.start,
            end: span.end,
            text: span.slice(text).to_owned(),
        }
    }

    /// The byte span of this excerpt.
    #[inline]
    pub const fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }
}
