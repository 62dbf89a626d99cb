//! Scoring attributions against hand annotations in brat standoff format,
//! with the metrics of the PolNeAR evaluation (DESIGN.md, "Scoring
//! statements").
//!
//! - Spans become sets of word tokens (runs of letters and digits;
//!   punctuation is dropped).
//! - A predicted and a gold attribution **match** when their content tokens
//!   have a Dice coefficient of at least 0.5; pairs are matched one to one,
//!   greedily, highest Dice first.
//! - **Attribution** precision, recall and F1 count matched pairs; **strict**
//!   ones also need overlapping cues and overlapping sources (or no source on
//!   either side). **Cue** and **source accuracy** are shares of the matched
//!   pairs. **Content token** precision, recall and F1 are micro-averaged over
//!   every content token of the corpus.
//!
//! # Example
//!
//! ```
//! use newsgraph::eval::{Counts, attributions, read_brat, score};
//!
//! let text = "Officials said the talks failed.";
//! let gold = "T1\tSource 0 9\tOfficials\nT2\tCue 10 14\tsaid\n\
//!             T3\tContent 15 32\tthe talks failed.\nT4\tAttribution 10 14\tsaid\n\
//!             E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
//! let gold = read_brat(gold, text)?;
//! let predicted = attributions(&newsgraph::analyze(text)?);
//! let counts: Counts = score(&predicted, &gold, text);
//! assert_eq!(counts.gold, 1);
//! # Ok::<(), newsgraph::Error>(())
//! ```

use crate::error::{Error, ErrorKind, Result};
use crate::model::Analysis;
use crate::span::Span;
use std::collections::HashMap;

/// An attribution with possibly discontinuous spans, as brat holds them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attribution {
    /// The source's fragments (empty when there is no source).
    pub source: Vec<Span>,
    /// The cue's fragments.
    pub cue: Vec<Span>,
    /// The content's fragments.
    pub content: Vec<Span>,
}

/// The attributions of an analysis, one per statement.
pub fn attributions(analysis: &Analysis) -> Vec<Attribution> {
    analysis
        .statements
        .iter()
        .map(|s| Attribution {
            source: s.source.iter().map(|x| x.span()).collect(),
            cue: vec![s.cue.span()],
            content: std::iter::once(s.content.span())
                .chain(s.continuation.iter().map(|c| c.span()))
                .collect(),
        })
        .collect()
}

/// Reads the attributions (`E` lines) of a brat `.ann` file over `text`.
///
/// Offsets count code points, as brat does; they become byte offsets. The
/// PolNeAR conventions are handled: `Attribution-no-source` triggers, a
/// second content (`Content2`), span texts that continue on the next line,
/// events without a cue or a content (skipped).
///
/// # Errors
///
/// [`ErrorKind::InvalidData`] naming the line when a `T` line's offsets are
/// unreadable or outside the text.
pub fn read_brat(ann: &str, text: &str) -> Result<Vec<Attribution>> {
    // Byte offset of every code point, and of the end.
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let mut spans: HashMap<&str, Vec<Span>> = HashMap::new();
    let mut events: Vec<Vec<(&str, &str)>> = Vec::new();
    for (number, line) in ann.lines().enumerate() {
        let mut fields = line.splitn(3, '\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else {
            continue;
        };
        let is_id = |p: char| {
            id.starts_with(p) && id[1..].bytes().all(|b| b.is_ascii_digit()) && id.len() > 1
        };
        if is_id('T') {
            let Some((_, ranges)) = body.split_once(' ') else {
                continue;
            };
            let mut frags = Vec::new();
            for range in ranges.split(';') {
                let mut parts = range.split_whitespace();
                let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
                    return Err(bad(number, line));
                };
                let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) else {
                    return Err(bad(number, line));
                };
                match (bytes.get(a), bytes.get(b)) {
                    (Some(&a), Some(&b)) if a <= b => frags.push(Span::new(a, b)),
                    _ => return Err(bad(number, line)),
                }
            }
            spans.insert(id, frags);
        } else if is_id('E') {
            events.push(
                body.split_whitespace()
                    .filter_map(|arg| arg.split_once(':'))
                    .collect(),
            );
        }
    }
    let mut out = Vec::new();
    for args in events {
        let mut a = Attribution::default();
        for (role, target) in args {
            let Some(frags) = spans.get(target) else {
                continue;
            };
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            match role {
                "Source" => a.source.extend(frags),
                "Cue" => a.cue.extend(frags),
                "Content" => a.content.extend(frags),
                _ => {}
            }
        }
        if !a.content.is_empty() && !a.cue.is_empty() {
            out.push(a);
        }
    }
    Ok(out)
}

fn bad(number: usize, line: &str) -> Error {
    Error::new(
        ErrorKind::InvalidData,
        format!(
            "brat line {}: cannot read the offsets of {line:?}",
            number + 1
        ),
    )
}

/// The word tokens (runs of letters and digits) of `text` that overlap
/// `spans`, as their byte offsets.
pub fn tokens_of(text: &str, spans: &[Span]) -> Vec<usize> {
    let mut out = Vec::new();
    for s in spans {
        // Start at the beginning of a word the span cuts into.
        let mut i = s.start.min(text.len());
        while i > 0 && text.is_char_boundary(i) && prev_is_word(text, i) {
            i -= text[..i].chars().next_back().map_or(1, char::len_utf8);
        }
        let end = s.end.min(text.len());
        let mut in_word = false;
        for (off, c) in text[i..].char_indices() {
            let at = i + off;
            let word = c.is_alphanumeric();
            if word && !in_word {
                if at >= end {
                    break;
                }
                out.push(at);
            }
            in_word = word;
            if at >= end && !word {
                break;
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn prev_is_word(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// Counts for one article or, summed, for a corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted attributions.
    pub predicted: usize,
    /// Gold attributions.
    pub gold: usize,
    /// Matched pairs (content Dice >= 0.5, one to one).
    pub matched: usize,
    /// Matched pairs whose cues overlap and whose sources overlap (or
    /// neither has one).
    pub strict: usize,
    /// Matched pairs whose cues overlap.
    pub cue_ok: usize,
    /// Matched pairs whose sources overlap, or neither has one.
    pub source_ok: usize,
    /// Content tokens both predicted and gold.
    pub content_tp: usize,
    /// Predicted content tokens.
    pub content_predicted: usize,
    /// Gold content tokens.
    pub content_gold: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.predicted += o.predicted;
        self.gold += o.gold;
        self.matched += o.matched;
        self.strict += o.strict;
        self.cue_ok += o.cue_ok;
        self.source_ok += o.source_ok;
        self.content_tp += o.content_tp;
        self.content_predicted += o.content_predicted;
        self.content_gold += o.content_gold;
    }
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    /// From true positives and the predicted and gold totals.
    pub fn new(tp: usize, predicted: usize, gold: usize) -> Prf {
        let p = if predicted == 0 {
            0.0
        } else {
            tp as f64 / predicted as f64
        };
        let r = if gold == 0 {
            0.0
        } else {
            tp as f64 / gold as f64
        };
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Prf { p, r, f1 }
    }
}

impl Counts {
    /// Attribution precision, recall, F1.
    pub fn attribution(&self) -> Prf {
        Prf::new(self.matched, self.predicted, self.gold)
    }

    /// Strict precision, recall, F1.
    pub fn strict(&self) -> Prf {
        Prf::new(self.strict, self.predicted, self.gold)
    }

    /// Content token precision, recall, F1.
    pub fn content(&self) -> Prf {
        Prf::new(self.content_tp, self.content_predicted, self.content_gold)
    }

    /// Share of matched pairs with overlapping cues.
    pub fn cue_accuracy(&self) -> f64 {
        ratio(self.cue_ok, self.matched)
    }

    /// Share of matched pairs with overlapping sources (or none on both).
    pub fn source_accuracy(&self) -> f64 {
        ratio(self.source_ok, self.matched)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn overlaps(a: &[Span], b: &[Span]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.overlaps(*y)))
}

/// The greedy one-to-one matching of predicted to gold attributions by
/// content Dice (>= 0.5, highest first): pairs of indices.
pub fn match_pairs(
    predicted: &[Attribution],
    gold: &[Attribution],
    text: &str,
) -> Vec<(usize, usize)> {
    let pt: Vec<Vec<usize>> = predicted
        .iter()
        .map(|a| tokens_of(text, &a.content))
        .collect();
    let gt: Vec<Vec<usize>> = gold.iter().map(|a| tokens_of(text, &a.content)).collect();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, p) in pt.iter().enumerate() {
        for (j, g) in gt.iter().enumerate() {
            let common = intersection(p, g);
            if common == 0 {
                continue;
            }
            let dice = 2.0 * common as f64 / (p.len() + g.len()) as f64;
            if dice >= 0.5 {
                candidates.push((dice, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_p = vec![false; predicted.len()];
    let mut used_g = vec![false; gold.len()];
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_p[i] && !used_g[j] {
            used_p[i] = true;
            used_g[j] = true;
            pairs.push((i, j));
        }
    }
    pairs
}

fn intersection(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Scores the predicted attributions of one text against the gold ones.
pub fn score(predicted: &[Attribution], gold: &[Attribution], text: &str) -> Counts {
    let mut c = Counts {
        predicted: predicted.len(),
        gold: gold.len(),
        ..Counts::default()
    };
    for (i, j) in match_pairs(predicted, gold, text) {
        let (p, g) = (&predicted[i], &gold[j]);
        c.matched += 1;
        let cue = overlaps(&p.cue, &g.cue);
        let source = (p.source.is_empty() && g.source.is_empty()) || overlaps(&p.source, &g.source);
        c.cue_ok += usize::from(cue);
        c.source_ok += usize::from(source);
        c.strict += usize::from(cue && source);
    }
    let all = |xs: &[Attribution]| -> Vec<usize> {
        let spans: Vec<Span> = xs.iter().flat_map(|a| a.content.iter().copied()).collect();
        tokens_of(text, &spans)
    };
    let (pc, gc) = (all(predicted), all(gold));
    c.content_tp = intersection(&pc, &gc);
    c.content_predicted = pc.len();
    c.content_gold = gc.len();
    c
}

/// The gold file of the text `stem` in a PolNeAR-style folder of
/// `STEM_ANNOTATOR.ann` files: the alphabetically first annotator's.
///
/// # Errors
///
/// The folder cannot be read.
pub fn gold_file(dir: &std::path::Path, stem: &str) -> std::io::Result<Option<std::path::PathBuf>> {
    let prefix = format!("{stem}_");
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "ann")
                && p.file_stem().and_then(|s| s.to_str()).is_some_and(|s| {
                    s.strip_prefix(&prefix)
                        .is_some_and(|annotator| !annotator.is_empty() && !annotator.contains('_'))
                })
        })
        .collect();
    found.sort();
    Ok(found.into_iter().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(text: &str, source: &str, cue: &str, content: &str) -> Attribution {
        let find = |s: &str| -> Vec<Span> {
            if s.is_empty() {
                return vec![];
            }
            let a = text.find(s).unwrap();
            vec![Span::new(a, a + s.len())]
        };
        Attribution {
            source: find(source),
            cue: find(cue),
            content: find(content),
        }
    }

    #[test]
    fn reads_polnear_style_brat() {
        let text = "Élysée said “it is over” and left.\nMore.";
        let ann = "T1\tSource 0 6\tÉlysée\nT2\tCue 7 11\tsaid\nT3\tContent 12 17;19 24\t“it is\nover”\n\
                   T4\tAttribution-no-source 7 11\tsaid\nE1\tAttribution-no-source:T4 Content:T3 Cue:T2 Source:T1\n\
                   E2\tAttribution:T4\n";
        let a = read_brat(ann, text).unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].source[0].slice(text), "Élysée");
        assert_eq!(a[0].content.len(), 2);
        assert_eq!(a[0].content[1].slice(text), "over”");
        assert!(read_brat("T1\tCue 5 900\tx\n", text).is_err());
    }

    #[test]
    fn tokens_drop_punctuation_and_extend_cut_words() {
        let text = "“It is over,” he said.";
        let toks = tokens_of(text, &[Span::new(0, 16)]);
        let words: Vec<&str> = toks
            .iter()
            .map(|&t| &text[t..t + text[t..].find(|c: char| !c.is_alphanumeric()).unwrap()])
            .collect();
        assert_eq!(words, ["It", "is", "over"]);
        assert_eq!(tokens_of(text, &[Span::new(4, 5)]).len(), 1);
    }

    #[test]
    fn scoring_matches_by_dice_one_to_one() {
        let text = "Putin said relations were the best in history, Xinhua reported.";
        let gold = vec![attr(
            text,
            "Putin",
            "said",
            "relations were the best in history",
        )];
        let good = vec![attr(text, "Putin", "said", "relations were the best")];
        let c = score(&good, &gold, text);
        assert_eq!((c.matched, c.strict, c.cue_ok, c.source_ok), (1, 1, 1, 1));
        assert_eq!(c.content_tp, 4);
        let poor = vec![attr(text, "Xinhua", "reported", "best")];
        let c = score(&poor, &gold, text);
        assert_eq!(c.matched, 0);
        // Two predictions for one gold: only one matches.
        let twice = vec![good[0].clone(), good[0].clone()];
        assert_eq!(score(&twice, &gold, text).matched, 1);
        let wrong_source = vec![attr(
            text,
            "Xinhua",
            "said",
            "relations were the best in history",
        )];
        let c = score(&wrong_source, &gold, text);
        assert_eq!((c.matched, c.strict, c.cue_ok, c.source_ok), (1, 0, 1, 0));
    }

    #[test]
    fn prf() {
        let p = Prf::new(1, 2, 4);
        assert_eq!((p.p, p.r), (0.5, 0.25));
        assert!((p.f1 - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(Prf::new(0, 0, 0).f1, 0.0);
    }
}
