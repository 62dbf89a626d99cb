//! The tokenizer: one pass over the text, byte offsets that nothing changes.
//!
//! Tokens are words (letters and digits, with in-word apostrophes and dotted
//! acronyms such as "U.S." kept whole), numbers, quotation marks and single
//! punctuation characters. Hyphens split words ("Biden-Putin" is three
//! tokens) and a possessive "'s" is a token of its own, so that "China’s"
//! yields "China". Whitespace, including no-break spaces, a byte-order mark
//! and carriage returns, separates tokens and is not a token.

use super::words::pack8;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TokenKind {
    /// Letters, possibly with digits, in-word apostrophes or dots ("U.S.").
    Word,
    /// Digits, possibly with in-number separators ("3.5", "1,000", "9:30").
    Number,
    /// An opening double quotation mark (`“`, `„`, `«`, or a straight `"`
    /// that opens).
    OpenQuote,
    /// A closing double quotation mark (`”`, `»`, or a straight `"` that
    /// closes).
    CloseQuote,
    /// A single quotation mark (`‘`, `’`, `'`) that is not in a word.
    SingleQuote,
    /// The possessive clitic "'s" or "’s", or a bare possessive apostrophe.
    Possessive,
    /// Any other character that is neither a letter, a digit nor space; an
    /// ellipsis ("...", "…") and a dash run ("--") are one token.
    Punct,
}

/// Shape flags of a token.
pub(crate) mod flag {
    /// The first character is uppercase.
    pub const CAP: u8 = 1;
    /// Every letter is uppercase, and there are at least two letters.
    pub const UPPER: u8 = 2;
    /// A line break lies between the previous token and this one.
    pub const LINE_BEFORE: u8 = 4;
    /// Whitespace lies between the previous token and this one.
    pub const SPACE_BEFORE: u8 = 8;
    /// A dotted abbreviation or acronym that includes its final period
    /// ("U.S.", "p.m.").
    pub const DOTTED: u8 = 16;
    /// The token holds a digit.
    pub const DIGIT: u8 = 32;
    /// Punctuation that may end a sentence: `!`, `?`, `…` or a run of
    /// dots (with [`DOTTED`], the sentence splitter's candidates).
    pub const STOP: u8 = 64;
}

/// One token: a byte range of the text, a kind and shape flags, in eight
/// bytes (a long text has millions of tokens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: u32,
    /// The length in bytes: a run of text longer than `MAX_TOKEN` with no
    /// break in it is cut into several tokens.
    len: u16,
    pub kind: TokenKind,
    pub flags: u8,
}

/// The longest token, in bytes.
pub(crate) const MAX_TOKEN: usize = u16::MAX as usize;

impl Token {
    /// The token over `start..end`, which spans at most `MAX_TOKEN` bytes.
    #[inline]
    pub fn new(start: usize, end: usize, kind: TokenKind, flags: u8) -> Token {
        debug_assert!(start <= end && end - start <= MAX_TOKEN);
        Token {
            start: start as u32,
            len: (end - start) as u16,
            kind,
            flags,
        }
    }

    /// One past the token's last byte.
    #[inline]
    pub fn end(&self) -> u32 {
        self.start + u32::from(self.len)
    }

    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start as usize..self.end() as usize]
    }

    #[inline]
    pub fn has(&self, f: u8) -> bool {
        self.flags & f != 0
    }

    #[inline]
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// A word whose first letter is uppercase.
    #[inline]
    pub fn is_cap_word(&self) -> bool {
        self.kind == TokenKind::Word && self.has(flag::CAP)
    }
}

/// The keys of a text's tokens: 16-bit hashes of each token's length and
/// first eight bytes. Most tokens start no phrase of a search, and the
/// search tells them by their key (in a bitset of the keys of its phrases'
/// first tokens) without reading the text; the keys are computed once for
/// all the searches.
pub(crate) struct TokenKeys {
    /// The keys of the bytes as they are, then (from `len`) the keys of
    /// the bytes with bit 5 set in each, which folds ASCII case (and pairs
    /// some other bytes): the same in the text and in its lowercased copy.
    /// One buffer, not two: a large allocation costs more than its size.
    keys: Vec<u16>,
    len: usize,
}

/// The keys that a search reads, and which ones.
#[derive(Clone, Copy)]
pub(crate) enum Keys<'k> {
    /// Exact keys: the search runs over the text they were computed from.
    Exact(&'k [u16]),
    /// Folded keys: the search runs over that text or its lowercased copy.
    Folded(&'k [u16]),
}

impl TokenKeys {
    /// The keys of `tokens`, the tokens of `text`. Out of line: inlined
    /// into `Doc::new` its loop compiled to 10% more instructions.
    #[inline(never)]
    pub fn new(text: &str, tokens: &[Token]) -> TokenKeys {
        let bytes = text.as_bytes();
        let len = tokens.len();
        let mut keys = vec![0; 2 * len];
        let (exact, folded) = keys.split_at_mut(len);
        for ((t, e), f) in tokens.iter().zip(exact).zip(folded) {
            (*e, *f) = keys_at(bytes, t.start as usize, usize::from(t.len));
        }
        TokenKeys { keys, len }
    }

    /// The keys of the bytes as they are.
    #[inline]
    fn exact(&self) -> &[u16] {
        &self.keys[..self.len]
    }

    /// The keys for a search of the text.
    #[inline]
    pub fn of_text(&self) -> Keys<'_> {
        Keys::Exact(self.exact())
    }

    /// The keys for a search of the lowercased text.
    #[inline]
    pub fn of_lower(&self) -> Keys<'_> {
        Keys::Folded(self.folded())
    }
}

impl TokenKeys {
    /// The folded keys: a search of the lowercased text tests them.
    #[inline]
    pub fn folded(&self) -> &[u16] {
        &self.keys[self.len..]
    }
}

/// A set of folded token keys (see [`TokenKeys`]), a bit each (8 KB):
/// whether a token may be one of a few hundred words, in a load or two,
/// before a lookup of its text. A token whose text equals a word up to
/// ASCII case has the word's folded key, so the set never turns one away.
#[derive(Clone)]
pub(crate) struct KeySet(Box<[u64; KEY_SET_WORDS]>);

pub(crate) const KEY_SET_WORDS: usize = (u16::MAX as usize + 1) / 64;

impl KeySet {
    /// The set of the folded keys of `words`.
    pub fn of_words<'w>(words: impl IntoIterator<Item = &'w [u8]>) -> KeySet {
        let mut bits = Box::new([0; KEY_SET_WORDS]);
        for w in words {
            let (_, key) = keys_at(w, 0, w.len());
            bits[usize::from(key / 64)] |= 1 << (key % 64);
        }
        KeySet(bits)
    }

    /// Whether the set holds `key`.
    #[inline]
    pub fn contains(&self, key: u16) -> bool {
        self.0[usize::from(key / 64)] & (1 << (key % 64)) != 0
    }

    /// The index of the first of `keys` at or after `from` that the set
    /// holds.
    #[inline]
    pub fn next_in(&self, keys: &[u16], from: usize) -> Option<usize> {
        next_in_bits(&self.0, keys, from)
    }
}

/// The index of the first of `keys` at or after `from` whose bit is set in
/// `bits`. Two keys a step, tested together: one branch for two keys, where
/// most keys fail the test. The loop is bounded by `k + 1 < keys.len()` so
/// that both keys are read without a check of the index (a `get(k..k + 2)`
/// compiled to overflow and bounds checks at every step).
#[inline]
pub(crate) fn next_in_bits(
    bits: &[u64; KEY_SET_WORDS],
    keys: &[u16],
    from: usize,
) -> Option<usize> {
    let has = |key: u16| (bits[usize::from(key / 64)] >> (key % 64)) & 1;
    let mut k = from;
    while k + 1 < keys.len() {
        let first = has(keys[k]);
        if first | has(keys[k + 1]) != 0 {
            // The first of the two if it is held, else the second.
            return Some(k + 1 - first as usize);
        }
        k += 2;
    }
    keys.get(k).filter(|&&a| has(a) != 0).map(|_| k)
}

/// The mask of the low `n` bytes of a `u64`, at `n`.
const LOW_BYTES: [u64; 9] = {
    let mut masks = [u64::MAX; 9];
    let mut n = 0;
    while n < 8 {
        masks[n] = (1 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// The exact and folded keys (see [`TokenKeys`]) of the token
/// `bytes[start..start + len]`.
#[inline]
pub(crate) fn keys_at(bytes: &[u8], start: usize, len: usize) -> (u16, u16) {
    // `pack8` by one load and a mask, but near the end.
    let first8 = match bytes.get(start..start + 8) {
        Some(&[a, b, c, d, e, f, g, h]) => u64::from_le_bytes([a, b, c, d, e, f, g, h]),
        _ => pack8(bytes.get(start..start + len).unwrap_or_default()),
    };
    let mask = LOW_BYTES[len.min(8)];
    let hash = |eight: u64| {
        let key = eight ^ (len as u64).rotate_right(8);
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48) as u16
    };
    (hash(first8 & mask), hash((first8 | (ONES * 0x20)) & mask))
}

/// Whitespace for tokenizing: Unicode whitespace plus the byte-order mark and
/// zero-width characters that real text carries.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
        )
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // The General Punctuation block (curly quotes, dashes, ellipsis,
    // typographic spaces) holds no letter or digit: answer before the
    // Unicode tables, which cost hundreds of instructions a lookup.
    if matches!(c, '\u{2000}'..='\u{206f}') {
        return false;
    }
    c.is_alphanumeric() || matches!(c, '\u{0300}'..='\u{036f}')
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// The char starting at byte `i` of `text`, if `i` is a char boundary
/// before its end.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        _ => text.get(i..).and_then(|s| s.chars().next()),
    }
}

/// Byte classes for the tokenizer's ASCII fast paths: one table load
/// answers what several comparisons would.
mod class {
    /// `a`-`z`.
    pub const LOWER: u8 = 1;
    /// `A`-`Z`.
    pub const UPPER: u8 = 2;
    /// `0`-`9`.
    pub const DIGIT: u8 = 4;
    /// A letter or digit: part of a word.
    pub const ALNUM: u8 = LOWER | UPPER | DIGIT;
    /// ASCII whitespace.
    pub const SPACE: u8 = 8;
    /// Punctuation whose token depends on its neighbours (`"`, `'`, `.`,
    /// `-`); any other ASCII punctuation is a token of one byte.
    pub const CONTEXT: u8 = 16;
    /// The first byte of a multibyte char: decode it.
    pub const MULTIBYTE: u8 = 32;
    /// Punctuation that may continue a word (`'`, `.`, `,`, `:`): "don't",
    /// "U.S.", "1,000", "9:30".
    pub const JOIN: u8 = 64;

    /// The class of every byte.
    pub static OF: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            table[b] = match c {
                b'a'..=b'z' => LOWER,
                b'A'..=b'Z' => UPPER,
                b'0'..=b'9' => DIGIT,
                // What `char::is_whitespace` accepts among ASCII.
                b' ' | b'\t'..=b'\r' => SPACE,
                b'\'' | b'.' => CONTEXT | JOIN,
                b'"' | b'-' => CONTEXT,
                b',' | b':' => JOIN,
                0x80.. => MULTIBYTE,
                _ => 0,
            };
            b += 1;
        }
        table
    };
}

/// A run of ASCII letters and digits.
#[derive(Default)]
struct Run {
    lowers: usize,
    uppers: usize,
    digits: usize,
}

/// One in every byte of a `u64`.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
const HIGH: u64 = ONES * 0x80;

/// For each byte of `x` (eight bytes of text), whether it is at least `lo`,
/// as its high bit, ignoring the byte's own high bit: setting that bit
/// first keeps every subtraction within its byte.
#[inline]
fn at_least(x: u64, lo: u8) -> u64 {
    ((x | HIGH) - ONES * u64::from(lo)) & HIGH
}

/// The number of bytes whose high bit `mask` sets (`mask` holds no other
/// bit): the multiply sums the eight bytes into the top one.
#[inline]
fn count(mask: u64) -> usize {
    ((mask >> 7).wrapping_mul(ONES) >> 56) as usize
}

/// Eight bytes of text from `i` (zeros past its end, which end any run),
/// with the high bits of its ASCII letters and of its ASCII digits.
///
/// Bit tricks on a `u64` mark the letters and digits, where a byte-by-byte
/// loop would branch on each.
#[inline]
fn eight_at(bytes: &[u8], i: usize) -> (u64, u64, u64) {
    let rest = bytes.get(i..).unwrap_or_default();
    let eight = match rest.first_chunk::<8>() {
        Some(eight) => *eight,
        None => {
            let mut eight = [0u8; 8];
            eight[..rest.len()].copy_from_slice(rest);
            eight
        }
    };
    let x = u64::from_le_bytes(eight);
    let ascii = !x & HIGH;
    // `x | 0x20` folds the case of letters (and only of letters into
    // `a`-`z`).
    let folded = x | (ONES * 0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1) & ascii;
    let digit = at_least(x, b'0') & !at_least(x, b'9' + 1) & ascii;
    (x, letter, digit)
}

impl Run {
    /// Scans the run of ASCII letters and digits at `i`; returns its end.
    #[inline]
    fn scan(bytes: &[u8], mut i: usize) -> (usize, Run) {
        let mut run = Run::default();
        loop {
            let (x, letter, digit) = eight_at(bytes, i);
            // Bit 5 clear marks the uppercase letter: moved to bit 7.
            let upper = letter & !(x << 2);
            let stop = !(letter | digit) & HIGH;
            let n = (stop.trailing_zeros() / 8) as usize;
            // The bits below the first stop (all of them if none).
            let within = (stop & stop.wrapping_neg()).wrapping_sub(1);
            let (uppers, digits) = (count(upper & within), count(digit & within));
            run.uppers += uppers;
            run.digits += digits;
            run.lowers += n - uppers - digits;
            i += n;
            if n < 8 {
                return (i, run);
            }
        }
    }
}

/// The shape of a run of ASCII letters and digits, for the tokenizer's
/// fast path: which of its bytes are letters, lowercase letters and
/// digits, as high bits ORed over its eight-byte chunks, where [`Run`]
/// counts them.
#[derive(Default)]
struct Shape {
    letters: u64,
    /// Nonzero when the run holds two letters or more.
    two_letters: u64,
    lowers: u64,
    digits: u64,
}

impl Shape {
    /// Scans the run of ASCII letters and digits at `i`; returns its end.
    #[inline]
    fn scan(bytes: &[u8], mut i: usize) -> (usize, Shape) {
        let mut shape = Shape::default();
        loop {
            let (x, letter, digit) = eight_at(bytes, i);
            let stop = !(letter | digit) & HIGH;
            // The bits below the first stop (all of them if none).
            let within = (stop & stop.wrapping_neg()).wrapping_sub(1);
            let (letter, digit) = (letter & within, digit & within);
            // A second letter: in this chunk, or after one in another.
            let seen = 0u64.wrapping_sub(u64::from(shape.letters != 0));
            shape.two_letters |= letter & (letter.wrapping_sub(1) | seen);
            shape.letters |= letter;
            // Bit 5 set marks the lowercase letter: moved to bit 7.
            shape.lowers |= letter & (x << 2);
            shape.digits |= digit;
            let n = (stop.trailing_zeros() / 8) as usize;
            i += n;
            if n < 8 {
                return (i, shape);
            }
        }
    }
}

/// Splits `text` into tokens, appending them to `tokens` (cleared first).
pub(crate) fn tokenize_into(text: &str, tokens: &mut Vec<Token>) {
    // The tokens gather in a local vector: behind `&mut`, every push first
    // loaded the reference to reach the vector's length and buffer.
    let mut local = std::mem::take(tokens);
    local.clear();
    let out = &mut local;
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut pending = 0u8;
    while i < bytes.len() {
        let b = bytes[i];
        let class = class::OF[usize::from(b)];
        let (end, kind, flags) = if class & class::ALNUM != 0 {
            // Most words are a letter or digit and then lowercase letters,
            // with a space or punctuation after them: "said", "Putin".
            if let Some((end, kind, shape, next)) = lowercase_word(bytes, i, class) {
                push(out, text, i, end, kind, shape | pending);
                // The byte after the word came with it: a space there is
                // taken without loading it again (the next token waits on
                // this).
                let space = next == b' ';
                pending = if space { flag::SPACE_BEFORE } else { 0 };
                i = end + usize::from(space);
                continue;
            } else {
                // Other runs of ASCII letters and digits are shaped here,
                // and dots, apostrophes and other scripts are left to
                // `scan_word`.
                let (end, shape) = Shape::scan(bytes, i);
                if ends_plain_word(bytes, end) {
                    let kind = if shape.letters == 0 {
                        TokenKind::Number
                    } else {
                        TokenKind::Word
                    };
                    let mut flags = 0;
                    if class == class::UPPER {
                        flags |= flag::CAP;
                    }
                    if shape.two_letters != 0 && shape.lowers == 0 {
                        flags |= flag::UPPER;
                    }
                    if shape.digits != 0 {
                        flags |= flag::DIGIT;
                    }
                    (end, kind, flags)
                } else {
                    scan_word(text, i)
                }
            }
        } else if class & class::SPACE != 0 {
            pending |= if b == b'\n' {
                flag::SPACE_BEFORE | flag::LINE_BEFORE
            } else {
                flag::SPACE_BEFORE
            };
            i += 1;
            continue;
        } else if class & (class::CONTEXT | class::MULTIBYTE) == 0 {
            // Plain ASCII punctuation: a token of its own.
            let stop = if b == b'!' || b == b'?' {
                flag::STOP
            } else {
                0
            };
            (i + 1, TokenKind::Punct, stop)
        } else if b == b'.' {
            // A run of dots, which may end a sentence: mostly one.
            let mut end = i + 1;
            while bytes.get(end) == Some(&b'.') {
                end += 1;
            }
            (end, TokenKind::Punct, flag::STOP)
        } else if class & class::MULTIBYTE == 0 {
            // `"`, `'` or `-`: neither space nor part of a word here.
            scan_other(text, i, char::from(b), out.last(), pending)
        } else {
            let c = char_at(text, i).unwrap_or('\u{fffd}');
            if is_space(c) {
                pending |= flag::SPACE_BEFORE;
                if matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                    pending |= flag::LINE_BEFORE;
                }
                i += c.len_utf8();
                continue;
            }
            if is_word_char(c) {
                scan_word(text, i)
            } else {
                scan_other(text, i, c, out.last(), pending)
            }
        };
        push(out, text, i, end, kind, flags | pending);
        i = end;
        // Most tokens end at a single space before the next one: take it
        // here rather than in another turn of the loop.
        pending = 0;
        if bytes.get(i) == Some(&b' ') {
            pending = flag::SPACE_BEFORE;
            i += 1;
        }
    }
    *tokens = local;
}

/// Pushes the token over `start..end`; a run longer than `MAX_TOKEN` bytes
/// (no word is) goes in pieces cut on char boundaries, the first with
/// `flags`, the others with no space before them.
#[inline]
fn push(out: &mut Vec<Token>, text: &str, start: usize, end: usize, kind: TokenKind, flags: u8) {
    if end - start <= MAX_TOKEN {
        out.push(Token::new(start, end, kind, flags));
        return;
    }
    push_long(out, text, start, end, kind, flags);
}

#[cold]
fn push_long(
    out: &mut Vec<Token>,
    text: &str,
    mut start: usize,
    end: usize,
    kind: TokenKind,
    mut flags: u8,
) {
    while start < end {
        let mut cut = end.min(start + MAX_TOKEN);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push(Token::new(start, cut, kind, flags));
        flags &= !(flag::SPACE_BEFORE | flag::LINE_BEFORE);
        start = cut;
    }
}

/// The word at `i` whose first byte is of class `first` (a letter or
/// digit), when the bytes after that are lowercase ASCII letters up to a
/// byte that ends a plain word (see [`ends_plain_word`]): its end, kind,
/// shape flags and the byte at its end. The tokenizer's most common case,
/// tested eight bytes at a time with no count of letters: the first byte
/// alone tells the shape.
#[inline]
fn lowercase_word(bytes: &[u8], i: usize, first: u8) -> Option<(usize, TokenKind, u8, u8)> {
    let stops = |x: u64| !(at_least(x, b'a') & !at_least(x, b'z' + 1) & !x) & HIGH;
    // Sixteen bytes, the next one included, or the general path (near the
    // end of the text): both eight at once, as a word of more than nine
    // letters is too rare for the predictor to guess but too common to
    // miss it each time.
    let sixteen = bytes.get(i + 1..)?.first_chunk::<16>()?;
    let (a, b) = sixteen.split_at(8);
    let (a, b) = (
        u64::from_le_bytes(a.try_into().ok()?),
        u64::from_le_bytes(b.try_into().ok()?),
    );
    let (sa, sb) = (stops(a), stops(b));
    let (x, stop, mut end) = if sa != 0 {
        (a, sa, i + 1)
    } else {
        (b, sb, i + 9)
    };
    let next = if stop != 0 {
        let n = stop.trailing_zeros() / 8;
        end += n as usize;
        (x >> (8 * n)) as u8
    } else {
        end += 8;
        loop {
            let x = u64::from_le_bytes(*bytes.get(end..)?.first_chunk::<8>()?);
            let stop = stops(x);
            if stop != 0 {
                let n = stop.trailing_zeros() / 8;
                end += n as usize;
                break (x >> (8 * n)) as u8;
            }
            end += 8;
        }
    };
    // An uppercase letter or a digit after lowercase letters ("iPhone",
    // "McCain", "abc123"), or a byte that may extend the word.
    let c = class::OF[usize::from(next)];
    if c & class::ALNUM != 0
        || (c & (class::JOIN | class::MULTIBYTE) != 0 && !ends_plain_word(bytes, end))
    {
        return None;
    }
    // One uppercase letter and lowercase ones is never `UPPER`. The flags
    // from a table, not from a branch on the first letter's case, which
    // the predictor would often miss.
    const SHAPE: [u8; 8] = {
        let mut shape = [0; 8];
        shape[class::UPPER as usize] = flag::CAP;
        shape[class::DIGIT as usize] = flag::DIGIT;
        shape
    };
    let shape = SHAPE[usize::from(first & class::ALNUM)];
    let kind = if first == class::DIGIT && end == i + 1 {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    Some((end, kind, shape, next))
}

/// Whether a run of ASCII letters and digits that stops at `end` is a whole
/// word that no rule of `scan_word` extends: what follows is no
/// apostrophe before a letter, no letter of another script, and no `.`,
/// `,` or `:` with a letter or digit right after it ("said." and "China,"
/// end there; "U.S" and "3.5" go on).
#[inline]
fn ends_plain_word(bytes: &[u8], end: usize) -> bool {
    let Some(&b) = bytes.get(end) else {
        return true;
    };
    let c = class::OF[usize::from(b)];
    if c & (class::JOIN | class::MULTIBYTE) == 0 {
        return true;
    }
    if c & class::MULTIBYTE != 0 {
        return ends_at_punctuation(bytes, end);
    }
    if b == b'\'' {
        return false;
    }
    bytes.get(end + 1).is_none_or(|&a| {
        class::OF[usize::from(a)] & (class::ALNUM | class::MULTIBYTE) == 0
            || punctuation_at(bytes, end + 1)
    })
}

/// Whether the char at `i` is one of U+2000-U+203F (curly quotes, dashes,
/// the ellipsis, typographic spaces): punctuation, never part of a word.
#[inline]
fn punctuation_at(bytes: &[u8], i: usize) -> bool {
    matches!(bytes.get(i..i + 2), Some([0xe2, 0x80]))
}

/// Whether a word ends before the char at `i` (a multibyte one): it is
/// punctuation (see [`punctuation_at`]), and if it is the apostrophe `’`,
/// what follows makes it no in-word apostrophe: no letter or digit, or a
/// possessive "’s" ("China’s"). Anything else is left to `scan_word`.
#[inline]
fn ends_at_punctuation(bytes: &[u8], i: usize) -> bool {
    let plain_at = |k: usize| {
        bytes
            .get(k)
            .is_none_or(|&a| class::OF[usize::from(a)] & (class::ALNUM | class::MULTIBYTE) == 0)
    };
    match bytes.get(i..i + 3) {
        Some([0xe2, 0x80, 0x99]) => {
            plain_at(i + 3) || (matches!(bytes.get(i + 3), Some(b's' | b'S')) && plain_at(i + 4))
        }
        Some([0xe2, 0x80, _]) => true,
        _ => false,
    }
}

/// Scans a word or number starting at `start`. Returns its end, kind and
/// shape flags.
fn scan_word(text: &str, start: usize) -> (usize, TokenKind, u8) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut letters = 0usize;
    let mut uppers = 0usize;
    let mut digits = 0usize;
    let mut first_upper = false;
    let mut segment_letters = 0usize;
    let mut dots = 0usize;
    loop {
        // Consume a run of word characters: ASCII through the class table
        // (most of the text), anything else through the Unicode tables.
        loop {
            let (end, run) = Run::scan(bytes, i);
            if end > i {
                if letters == 0 && digits == 0 {
                    first_upper = class::OF[usize::from(bytes[i])] == class::UPPER;
                }
                let run_letters = run.lowers + run.uppers;
                letters += run_letters;
                segment_letters += run_letters;
                uppers += run.uppers;
                digits += run.digits;
                i = end;
            }
            if bytes.get(i).is_none_or(|&b| b < 0x80) {
                break;
            }
            let Some(c) = char_at(text, i) else { break };
            if !is_word_char(c) {
                break;
            }
            if c.is_numeric() {
                digits += 1;
            } else if c.is_alphabetic() {
                if letters == 0 && digits == 0 {
                    first_upper = c.is_uppercase();
                }
                letters += 1;
                segment_letters += 1;
                if c.is_uppercase() {
                    uppers += 1;
                }
            }
            i += c.len_utf8();
        }
        let Some(&b) = bytes.get(i) else { break };
        // Only an apostrophe or `.`, `,`, `:` may continue a word.
        if b == b'.' || b == b',' || b == b':' {
            let after = char_at(text, i + 1);
            match after {
                Some(a) if a.is_ascii_digit() && letters == 0 && digits > 0 => {
                    // 3.5, 1,000, 9:30
                    i += 1;
                    continue;
                }
                // Dotted acronyms: "U.S.", "p.m.", "Ph.D.", "e.g.".
                Some(a)
                    if b == b'.' && a.is_alphabetic() && segment_letters <= 2 && digits == 0 =>
                {
                    dots += 1;
                    i += 1;
                    segment_letters = 0;
                    continue;
                }
                _ => {}
            }
            if b == b'.' && dots > 0 && segment_letters <= 2 {
                // The final period of a dotted acronym belongs to it.
                i += 1;
                dots += 1;
            }
            break;
        }
        if b != b'\'' && b < 0x80 {
            break;
        }
        let next = char_at(text, i).unwrap_or(' ');
        // In-word apostrophe: "don't", "O'Brien", but not the possessive "'s".
        if is_apostrophe(next)
            && letters > 0
            && let Some(a) = char_at(text, i + next.len_utf8())
            && a.is_alphabetic()
        {
            let after2 = char_at(text, i + next.len_utf8() + a.len_utf8());
            let is_possessive = (a == 's' || a == 'S') && !after2.is_some_and(is_word_char);
            if !is_possessive {
                i += next.len_utf8();
                segment_letters = 0;
                continue;
            }
        }
        break;
    }
    let kind = if letters == 0 {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    let mut flags = 0;
    if first_upper {
        flags |= flag::CAP;
    }
    if letters >= 2 && uppers == letters {
        flags |= flag::UPPER;
    }
    if dots > 0 && bytes[i - 1] == b'.' {
        flags |= flag::DOTTED;
    }
    if digits > 0 {
        flags |= flag::DIGIT;
    }
    (i, kind, flags)
}

/// Scans a non-word token starting at `start` with first char `c`.
fn scan_other(
    text: &str,
    start: usize,
    c: char,
    prev: Option<&Token>,
    pending: u8,
) -> (usize, TokenKind, u8) {
    let clen = c.len_utf8();
    // The context is read only for the quotation marks that need it.
    let after = || char_at(text, start + clen);
    let space_before = prev.is_none() || pending & flag::SPACE_BEFORE != 0;
    let prev_opens = || {
        prev.is_some_and(|t| {
            matches!(t.kind, TokenKind::OpenQuote)
                || (t.kind == TokenKind::Punct
                    && t.end() - t.start == 1
                    && matches!(text.as_bytes()[t.start as usize], b'(' | b'[' | b'{'))
                || (t.kind == TokenKind::Punct && is_dash(t.text(text)))
        })
    };
    match c {
        '“' | '„' | '«' => (start + clen, TokenKind::OpenQuote, 0),
        '”' | '»' => (start + clen, TokenKind::CloseQuote, 0),
        '"' => {
            // A straight quote opens when it follows space or an opening
            // bracket and is followed by a non-space; otherwise it closes.
            let space_after = after().is_none_or(is_space);
            let opens = (space_before || prev_opens()) && !space_after;
            let kind = if opens || (prev.is_none() && !space_after) {
                TokenKind::OpenQuote
            } else {
                TokenKind::CloseQuote
            };
            (start + 1, kind, 0)
        }
        // Two apostrophes stand for a double quotation mark in some
        // newspapers' text ("''We won,'' he said."): open or close by the
        // same rule as a straight quote.
        '\'' | '’' | '‘' if after() == Some(c) => {
            let after2 = char_at(text, start + 2 * clen);
            let space_after2 = after2.is_none_or(is_space);
            let opens = (space_before || prev_opens()) && !space_after2;
            let kind = if opens || (prev.is_none() && !space_after2) {
                TokenKind::OpenQuote
            } else {
                TokenKind::CloseQuote
            };
            (start + 2 * clen, kind, 0)
        }
        '\'' | '’' | 'ʼ' | '‘' => {
            // A possessive after a word: "China's", "voters’".
            let prev_is_word = !space_before && prev.is_some_and(|t| t.kind == TokenKind::Word);
            if c != '‘' && prev_is_word {
                let after = after();
                if let Some(a) = after
                    && (a == 's' || a == 'S')
                {
                    let end = start + clen + 1;
                    if !char_at(text, end).is_some_and(is_word_char) {
                        return (end, TokenKind::Possessive, 0);
                    }
                }
                let prev_ends_s = prev.is_some_and(|t| {
                    let w = t.text(text);
                    w.ends_with('s') || w.ends_with('S')
                });
                if prev_ends_s && !after.is_some_and(is_word_char) {
                    return (start + clen, TokenKind::Possessive, 0);
                }
            }
            (start + clen, TokenKind::SingleQuote, 0)
        }
        '.' => {
            let bytes = text.as_bytes();
            let mut end = start + 1;
            while end < bytes.len() && bytes[end] == b'.' {
                end += 1;
            }
            (end, TokenKind::Punct, flag::STOP)
        }
        '-' => {
            let bytes = text.as_bytes();
            let mut end = start + 1;
            while end < bytes.len() && bytes[end] == b'-' {
                end += 1;
            }
            (end, TokenKind::Punct, 0)
        }
        '…' => (start + clen, TokenKind::Punct, flag::STOP),
        _ => (start + clen, TokenKind::Punct, 0),
    }
}

/// Whether `s` is a dash: "-", "--", "–", "—", "―".
#[inline]
pub(crate) fn is_dash(s: &str) -> bool {
    matches!(s, "-" | "--" | "---" | "–" | "—" | "―")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_longer_than_a_token_is_cut_on_char_boundaries() {
        for unit in ["a", "é", "日本"] {
            let run = unit.repeat(MAX_TOKEN / unit.len() + 1000);
            let text = format!("Putin {run} said");
            let mut out = Vec::new();
            tokenize_into(&text, &mut out);
            let pieces: Vec<&Token> = out[1..out.len() - 1].iter().collect();
            assert!(pieces.len() >= 2, "{unit}");
            assert_eq!(pieces[0].start as usize, "Putin ".len());
            for pair in pieces.windows(2) {
                assert_eq!(pair[0].end(), pair[1].start, "{unit}: pieces tile the run");
            }
            for t in &pieces {
                assert!((t.end() - t.start) as usize <= MAX_TOKEN);
                assert!(text.is_char_boundary(t.end() as usize));
            }
            assert_eq!(out.last().map(|t| t.text(&text)), Some("said"));
        }
    }

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        let mut out = Vec::new();
        tokenize_into(text, &mut out);
        out.iter().map(|t| (t.text(text), t.kind)).collect()
    }

    fn words(text: &str) -> Vec<&str> {
        toks(text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn token_table() {
        use TokenKind::*;
        let cases: &[(&str, &[&str])] = &[
            ("Putin said.", &["Putin", "said", "."]),
            ("China’s Xinhua", &["China", "’s", "Xinhua"]),
            (
                "the U.S. and U.N. at 3 p.m. Friday",
                &["the", "U.S.", "and", "U.N.", "at", "3", "p.m.", "Friday"],
            ),
            ("Mr. Trump", &["Mr", ".", "Trump"]),
            ("J. Edgar", &["J", ".", "Edgar"]),
            ("Biden-Putin summit", &["Biden", "-", "Putin", "summit"]),
            ("don’t O'Brien", &["don’t", "O'Brien"]),
            (
                "3.5 percent of 1,000 at 9:30",
                &["3.5", "percent", "of", "1,000", "at", "9:30"],
            ),
            ("link.. At", &["link", "..", "At"]),
            ("wait… what", &["wait", "…", "what"]),
            ("voters’ choice", &["voters", "’", "choice"]),
            ("Ph.D. student", &["Ph.D.", "student"]),
            ("Breitbart.com", &["Breitbart", ".", "com"]),
            ("\u{feff}Hello\u{a0}world\r\n", &["Hello", "world"]),
            ("Covid-19 crisis", &["Covid", "-", "19", "crisis"]),
            ("end. Next", &["end", ".", "Next"]),
        ];
        for (input, want) in cases {
            assert_eq!(&words(input), want, "{input}");
        }
        assert_eq!(toks("“Yes,” he said")[0].1, OpenQuote);
        assert_eq!(toks("“Yes,” he said")[3].1, CloseQuote);
        assert_eq!(toks("China’s")[1].1, Possessive);
        let t = toks("''We won,'' he said.");
        assert_eq!((t[0].0, t[0].1), ("''", OpenQuote));
        assert_eq!((t[4].0, t[4].1), ("''", CloseQuote));
        assert_eq!(toks("voters’ choice")[1].1, Possessive);
        let t = toks("‘woman’s card’");
        assert_eq!(
            t.iter().map(|x| x.1).collect::<Vec<_>>(),
            [SingleQuote, Word, Possessive, Word, SingleQuote]
        );
    }

    #[test]
    fn straight_quotes_open_and_close() {
        use TokenKind::*;
        let t = toks(r#"He said "we will win." Then "no.""#);
        let kinds: Vec<_> = t
            .iter()
            .filter(|(_, k)| matches!(k, OpenQuote | CloseQuote))
            .map(|(_, k)| *k)
            .collect();
        assert_eq!(kinds, [OpenQuote, CloseQuote, OpenQuote, CloseQuote]);
        let t = toks(r#"("Yes")"#);
        assert_eq!(t[1].1, OpenQuote);
        assert_eq!(t[3].1, CloseQuote);
    }

    #[test]
    fn flags() {
        let text = "NATO U.S. Putin\nthe G7";
        let mut out = Vec::new();
        tokenize_into(text, &mut out);
        assert!(out[0].has(flag::UPPER) && out[0].has(flag::CAP));
        assert!(out[1].has(flag::DOTTED) && out[1].has(flag::UPPER));
        assert!(out[2].has(flag::CAP) && !out[2].has(flag::UPPER));
        assert!(out[3].has(flag::LINE_BEFORE));
        assert!(out[4].has(flag::DIGIT));
    }

    #[test]
    fn word_chars_agree_with_unicode() {
        let slow = |c: char| c.is_alphanumeric() || matches!(c, '\u{0300}'..='\u{036f}');
        for c in ('\0'..='\u{2fff}').chain(['\u{ff10}', '\u{1d400}', '\u{10ffff}']) {
            assert_eq!(is_word_char(c), slow(c), "{c:?}");
        }
    }

    /// Pieces of text that random test texts are made of: words of every
    /// shape the fast paths and `scan_word` tell apart, and the marks and
    /// spaces around them (the space three times, as in text).
    const WORD_PIECES: &[&str] = &[
        "a",
        "Z",
        "ab",
        "NATO",
        "G7",
        "3",
        "1,000",
        "3.5",
        "9:30",
        "U.S.",
        "p.m.",
        "don't",
        "China's",
        "voters’",
        "é",
        "東",
        "’s",
        "’S",
        "s",
        "“",
        "”",
        "—",
        "\u{200b}",
        "ʼ",
        ".",
        ",",
        ":",
        "'",
        "’",
        "-",
        "\"",
        " ",
        "\n",
        "…",
        "said",
        "Putin",
        "officials",
        "interventionism",
        "I",
        "3rd",
        "2016",
        "iPhone",
        "McCain",
        "abc123",
        " ",
        " ",
    ];

    #[test]
    fn the_fast_path_agrees_with_scan_word() {
        let pieces = WORD_PIECES;
        let mut rng = crate::testing::XorShift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..50_000 {
            let mut r = rng.next();
            let mut text = String::new();
            for _ in 0..(r % 7 + 1) {
                r /= 7;
                text.push_str(pieces[(r % pieces.len() as u64) as usize]);
                r /= pieces.len() as u64;
            }
            let mut out = Vec::new();
            tokenize_into(&text, &mut out);
            for t in out
                .iter()
                .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
            {
                let shape = t.flags & !(flag::SPACE_BEFORE | flag::LINE_BEFORE);
                let slow = scan_word(&text, t.start as usize);
                assert_eq!((t.end() as usize, t.kind, shape), slow, "{text:?}");
            }
        }
    }

    #[test]
    fn lowercase_words_are_what_scan_word_finds() {
        let pieces = WORD_PIECES;
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1d);
        let mut found = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..rng.below(16) {
                text.push_str(pieces[rng.below(pieces.len())]);
            }
            let bytes = text.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                let first = class::OF[usize::from(b)];
                if first & class::ALNUM == 0 {
                    continue;
                }
                if let Some((end, kind, shape, next)) = lowercase_word(bytes, i, first) {
                    found += 1;
                    assert!(ends_plain_word(bytes, end), "{text:?} at {i}");
                    assert_eq!((end, kind, shape), scan_word(&text, i), "{text:?} at {i}");
                    assert_eq!(next, bytes[end], "{text:?} at {i}");
                }
            }
        }
        assert!(found > 20_000, "{found}");
    }

    #[test]
    fn runs_count_and_shape_as_a_byte_loop_does() {
        let naive = |bytes: &[u8], mut i: usize| {
            let (mut lowers, mut uppers, mut digits) = (0, 0, 0);
            while let Some(b) = bytes.get(i) {
                match b {
                    b'a'..=b'z' => lowers += 1,
                    b'A'..=b'Z' => uppers += 1,
                    b'0'..=b'9' => digits += 1,
                    _ => break,
                }
                i += 1;
            }
            (i, lowers, uppers, digits)
        };
        // Every byte after runs of every length up to two words, at every
        // distance from the end of the text.
        let stem = b"aZ9zA0mQ5bY1cX2dW3eV4f";
        for len in 0..=17 {
            for stop in 0..=255u8 {
                for tail in 0..3 {
                    let mut bytes = stem[..len].to_vec();
                    bytes.push(stop);
                    bytes.extend(std::iter::repeat_n(b'k', tail));
                    let (end, run) = Run::scan(&bytes, 0);
                    let got = (end, run.lowers, run.uppers, run.digits);
                    let want = naive(&bytes, 0);
                    assert_eq!(got, want, "{bytes:?}");
                    let (end, shape) = Shape::scan(&bytes, 0);
                    let (_, lowers, uppers, digits) = want;
                    let got = (
                        end,
                        shape.letters != 0,
                        shape.two_letters != 0,
                        shape.lowers != 0,
                        shape.digits != 0,
                    );
                    let letters = lowers + uppers;
                    let want = (want.0, letters > 0, letters > 1, lowers > 0, digits > 0);
                    assert_eq!(got, want, "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn token_keys_hash_the_first_eight_bytes_and_the_length() {
        // The keys of a token's bytes, as a plain loop takes them.
        let naive = |word: &[u8]| {
            let key = |fold: u8| {
                let mut first8 = 0u64;
                for (i, &b) in word.iter().take(8).enumerate() {
                    first8 |= u64::from(b | fold) << (8 * i);
                }
                first8 ^= (word.len() as u64).rotate_right(8);
                (first8.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48) as u16
            };
            (key(0), key(0x20))
        };
        let pieces = [
            "a",
            "Z",
            "NATO",
            "Putin",
            "U.S.",
            "don't",
            "China’s",
            "É",
            "東京",
            ".",
            "-",
            " ",
            "\n",
            "interventionism",
            "1,000",
        ];
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1d);
        let mut tokens = Vec::new();
        for _ in 0..5_000 {
            let mut text = String::new();
            for _ in 0..rng.below(12) {
                text.push_str(pieces[rng.below(pieces.len())]);
            }
            tokenize_into(&text, &mut tokens);
            let keys = TokenKeys::new(&text, &tokens);
            let lower = text.to_ascii_lowercase();
            let lower_keys = TokenKeys::new(&lower, &tokens);
            for (k, t) in tokens.iter().enumerate() {
                // Read with the text after it or at the end, alike.
                let want = naive(t.text(&text).as_bytes());
                assert_eq!((keys.exact()[k], keys.folded()[k]), want, "{text:?}");
                let alone = t.text(&text).as_bytes();
                assert_eq!(keys_at(alone, 0, alone.len()), want, "{text:?}");
                assert_eq!(lower_keys.folded()[k], keys.folded()[k], "{text:?}");
            }
        }
    }

    #[test]
    fn key_sets_hold_what_a_plain_set_holds() {
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1d);
        let word = |rng: &mut crate::testing::XorShift| -> String {
            (0..1 + rng.below(12))
                .map(|_| char::from(b"abcdeXYZ'.-"[rng.below(11)]))
                .collect()
        };
        for size in [0, 1, 18, 400] {
            let words: Vec<String> = (0..size).map(|_| word(&mut rng)).collect();
            let set = KeySet::of_words(words.iter().map(|w| w.as_bytes()));
            let plain: std::collections::HashSet<u16> = words
                .iter()
                .map(|w| keys_at(w.as_bytes(), 0, w.len()).1)
                .collect();
            for w in &words {
                for form in [w.clone(), w.to_ascii_uppercase()] {
                    assert!(
                        set.contains(keys_at(form.as_bytes(), 0, form.len()).1),
                        "{form:?}"
                    );
                }
            }
            for key in 0..=u16::MAX {
                assert_eq!(set.contains(key), plain.contains(&key), "{key}");
            }
            // The next held key, against a scan one key at a time: held
            // and other keys in runs of every length.
            let held: Vec<u16> = plain.iter().copied().collect();
            for _ in 0..200 {
                let keys: Vec<u16> = (0..rng.below(20))
                    .map(|_| match (held.is_empty(), rng.below(4)) {
                        (false, 0) => held[rng.below(held.len())],
                        _ => rng.next() as u16,
                    })
                    .collect();
                for from in 0..=keys.len() + 1 {
                    let want = keys
                        .get(from..)
                        .and_then(|rest| rest.iter().position(|&k| set.contains(k)))
                        .map(|p| from + p);
                    assert_eq!(set.next_in(&keys, from), want, "{keys:?} from {from}");
                }
            }
        }
    }

    #[test]
    fn offsets_are_char_boundaries() {
        let text = "Élysée’s «non» — 東京 ok…";
        let mut out = Vec::new();
        tokenize_into(text, &mut out);
        for t in &out {
            assert!(text.is_char_boundary(t.start as usize));
            assert!(text.is_char_boundary(t.end() as usize));
            assert!(t.start < t.end());
        }
        assert_eq!(out[0].text(text), "Élysée");
    }
}
