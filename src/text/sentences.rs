//! The sentence splitter: one pass over a paragraph's tokens.
//!
//! A sentence ends at `.`, `!`, `?`, `..`, or at a dotted acronym, together
//! with the closing quotation marks and brackets that follow, when the next
//! token can start a sentence. What blocks a break:
//! - a lowercase word next ("“Why?” he asked", "3 p.m. on");
//! - an abbreviation that stands before names or numbers ("Mr.", "Gen.",
//!   "Sept.", "No."), and a single initial ("J. Edgar");
//! - after an abbreviation that may end a sentence ("Inc.", "Jr.", "U.S.",
//!   "p.m."), or an ellipsis, a next word that is not a typical sentence
//!   opener ("U.S. officials", "3 p.m. Friday", "the U.S. The" does break).
//!
//! Decimals and times never reach the splitter: the tokenizer keeps "3.5" and
//! "9:30" whole.

use super::tokens::{Token, TokenKind, flag};
use super::words::{AbbrevClass, WORDS};

/// Splits the tokens `tokens[range]` of one paragraph into sentences, calling
/// `emit(first, last)` with inclusive token indices for each, in order. Every
/// token of the range lands in exactly one sentence.
pub(crate) fn split_sentences(
    text: &str,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    mut emit: impl FnMut(usize, usize),
) {
    let (start, end) = (range.start, range.end);
    if start >= end {
        return;
    }
    let mut first = start;
    let mut i = start;
    while i < end {
        // Most tokens cannot end a sentence, and their flags say so: skip
        // to the next that may, over a slice with no bounds check a token.
        match tokens[i..end]
            .iter()
            .position(|t| t.has(flag::DOTTED | flag::STOP))
        {
            Some(skip) => i += skip,
            None => break,
        }
        let Some(terminal) = terminal_kind(text, tokens, i) else {
            i += 1;
            continue;
        };
        // Take further terminal punctuation ("?!", "...") and closing marks.
        let mut last = i;
        while last + 1 < end {
            let t = &tokens[last + 1];
            let closes = matches!(t.kind, TokenKind::CloseQuote | TokenKind::SingleQuote)
                || (t.kind == TokenKind::Punct
                    && matches!(t.text(text), ")" | "]" | "!" | "?" | "." | "…" | "»"));
            if closes && !t.has(flag::SPACE_BEFORE) {
                last += 1;
            } else {
                break;
            }
        }
        if last + 1 >= end {
            break;
        }
        let next = &tokens[last + 1];
        if next.has(flag::SPACE_BEFORE) && breaks_before(text, tokens, i, terminal, next) {
            emit(first, last);
            first = last + 1;
        }
        i = last + 1;
    }
    emit(first, end - 1);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// `.`, `..`, `!`, `?`: ends a sentence before any sentence start.
    Strong,
    /// After an abbreviation that may end a sentence, a dotted acronym or an
    /// ellipsis: ends one only before a typical sentence opener.
    Weak,
}

/// Whether token `i` can end a sentence, and how strongly.
fn terminal_kind(text: &str, tokens: &[Token], i: usize) -> Option<Terminal> {
    let t = &tokens[i];
    match t.kind {
        TokenKind::Word if t.has(flag::DOTTED) => Some(Terminal::Weak),
        // By first byte and length, without comparing strings: a token
        // that starts with `.` is a run of dots.
        TokenKind::Punct => match (text.as_bytes()[t.start as usize], t.end() - t.start) {
            (b'!' | b'?', 1) | (b'.', 2) => Some(Terminal::Strong),
            (b'.', 3 | 4) => Some(Terminal::Weak),
            (0xe2, 3) if t.text(text) == "…" => Some(Terminal::Weak),
            (b'.', 1) => {
                if i == 0 || t.has(flag::SPACE_BEFORE) {
                    return Some(Terminal::Strong);
                }
                let prev = &tokens[i - 1];
                if prev.kind != TokenKind::Word {
                    return Some(Terminal::Strong);
                }
                let word = prev.text(text);
                match WORDS.abbreviation(word) {
                    Some(AbbrevClass::Title | AbbrevClass::Month) => None,
                    Some(AbbrevClass::Terminal) => Some(Terminal::Weak),
                    None if is_initial(word) => None,
                    None => Some(Terminal::Strong),
                }
            }
            _ => None,
        },
        _ => None,
    }
}

/// A single uppercase letter: a name's initial ("J." in "J. Edgar").
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Whether a sentence may start at `next`, after a terminal of the given
/// strength.
fn breaks_before(
    text: &str,
    tokens: &[Token],
    _i: usize,
    terminal: Terminal,
    next: &Token,
) -> bool {
    match next.kind {
        TokenKind::Word => {
            if !next.has(flag::CAP) {
                return false;
            }
            match terminal {
                Terminal::Strong => true,
                Terminal::Weak => is_opener(next.text(text)),
            }
        }
        TokenKind::Number => terminal == Terminal::Strong,
        TokenKind::OpenQuote => true,
        TokenKind::SingleQuote => terminal == Terminal::Strong,
        TokenKind::Punct => {
            terminal == Terminal::Strong
                && matches!(next.text(text), "(" | "[" | "—" | "–" | "•" | "*")
                && !tokens.is_empty()
        }
        _ => false,
    }
}

/// A capitalized word that typically opens a sentence: a function word
/// ("The", "He", "But") or the pronoun "I".
fn is_opener(word: &str) -> bool {
    word == "I" || WORDS.function_word(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize_into;
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let mut tokens = Vec::new();
        tokenize_into(text, &mut tokens);
        let mut out = Vec::new();
        split_sentences(text, &tokens, 0..tokens.len(), |a, b| {
            out.push(&text[tokens[a].start as usize..tokens[b].end() as usize]);
        });
        out
    }

    #[test]
    fn every_terminal_is_flagged() {
        let text = "Stop! Now? He said ... and .... then…. U.S. p.m. 3.5 Mr. Trump.. A.";
        let mut tokens = Vec::new();
        tokenize_into(text, &mut tokens);
        for i in 0..tokens.len() {
            if terminal_kind(text, &tokens, i).is_some() {
                assert!(tokens[i].has(flag::DOTTED | flag::STOP), "{i}");
            }
        }
    }

    #[test]
    fn hard_cases() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "plain",
                "He left. She stayed.",
                &["He left.", "She stayed."],
            ),
            (
                "title abbreviation",
                "Mr. Trump and Dr. Fauci met Gen. Milley.",
                &["Mr. Trump and Dr. Fauci met Gen. Milley."],
            ),
            (
                "military ranks",
                "Lt. Col. Smith spoke. He left.",
                &["Lt. Col. Smith spoke.", "He left."],
            ),
            (
                "month",
                "On Sept. 11 the towers fell.",
                &["On Sept. 11 the towers fell."],
            ),
            (
                "acronym mid-sentence",
                "The U.S. Senate and the U.N. Security Council met.",
                &["The U.S. Senate and the U.N. Security Council met."],
            ),
            (
                "acronym ends sentence",
                "He moved to the U.S. The move was quick.",
                &["He moved to the U.S.", "The move was quick."],
            ),
            (
                "place abbreviation",
                "He lives in Washington, D.C. with his wife.",
                &["He lives in Washington, D.C. with his wife."],
            ),
            (
                "initials",
                "J. Edgar Hoover ran the F.B.I. for decades.",
                &["J. Edgar Hoover ran the F.B.I. for decades."],
            ),
            (
                "suffixes",
                "Martin Luther King Jr. spoke at St. Paul's.",
                &["Martin Luther King Jr. spoke at St. Paul's."],
            ),
            (
                "company then sentence",
                "He joined Apple Inc. The firm grew.",
                &["He joined Apple Inc.", "The firm grew."],
            ),
            (
                "number abbreviation",
                "It ranked No. 1 in Iowa.",
                &["It ranked No. 1 in Iowa."],
            ),
            (
                "decimal",
                "Growth was 3.5 percent. Prices rose.",
                &["Growth was 3.5 percent.", "Prices rose."],
            ),
            (
                "time",
                "The vote is at 3 p.m. Friday in Ohio.",
                &["The vote is at 3 p.m. Friday in Ohio."],
            ),
            (
                "time ends sentence",
                "The vote ended at 3 p.m. The count began.",
                &["The vote ended at 3 p.m.", "The count began."],
            ),
            (
                "ellipsis inside",
                "We will win … and win again.",
                &["We will win … and win again."],
            ),
            (
                "ellipsis names",
                "He said ... Washington will pay.",
                &["He said ... Washington will pay."],
            ),
            (
                "double period",
                "via video link.. At the same event, Xi spoke.",
                &["via video link..", "At the same event, Xi spoke."],
            ),
            (
                "closing quote",
                "“We will win.” Then he left.",
                &["“We will win.”", "Then he left."],
            ),
            (
                "straight closing quote",
                "\"We will win.\" Then he left.",
                &["\"We will win.\"", "Then he left."],
            ),
            (
                "question in quote",
                "“Why?” he asked. Nobody knew.",
                &["“Why?” he asked.", "Nobody knew."],
            ),
            (
                "quote over sentences",
                "“We won. They lost,” he said.",
                &["“We won.", "They lost,” he said."],
            ),
            ("exclamations", "Stop! Now!", &["Stop!", "Now!"]),
            (
                "lowercase after period",
                "away from each other. other.",
                &["away from each other. other."],
            ),
            (
                "bracket",
                "He won (narrowly.) Then he left.",
                &["He won (narrowly.)", "Then he left."],
            ),
            (
                "no final period",
                "Talks resumed in Geneva",
                &["Talks resumed in Geneva"],
            ),
            (
                "sentence opens with number",
                "He left. 20 people stayed.",
                &["He left.", "20 people stayed."],
            ),
        ];
        for (name, input, want) in cases {
            assert_eq!(&split(input), want, "{name}: {input}");
        }
    }
}
