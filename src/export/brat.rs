//! brat standoff export, in the format of the PolNeAR corpus.

use crate::model::Analysis;
use crate::span::Span;
use std::collections::HashMap;
use std::fmt::Write;

/// Converts byte offsets of a text to Unicode code point offsets, as brat
/// counts them.
pub(crate) struct CharOffsets {
    map: HashMap<usize, usize>,
}

impl CharOffsets {
    /// Prepares the conversion of `offsets` (byte offsets on char
    /// boundaries of `text`) in one pass over the text.
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> CharOffsets {
        let mut wanted: Vec<usize> = offsets.into_iter().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut map = HashMap::with_capacity(wanted.len());
        let mut want = wanted.iter().peekable();
        let positions = text
            .char_indices()
            .map(|(byte, _)| byte)
            .chain(std::iter::once(text.len()));
        for (chars, byte) in positions.enumerate() {
            while let Some(&&w) = want.peek() {
                if w > byte {
                    break;
                }
                map.insert(w, chars);
                want.next();
            }
        }
        CharOffsets { map }
    }

    /// The code point offset of byte offset `byte`.
    pub fn get(&self, byte: usize) -> usize {
        self.map.get(&byte).copied().unwrap_or(0)
    }
}

/// The fragments of `span` split at line breaks, trimmed, as brat writes a
/// span that crosses lines.
fn fragments(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    for (i, _) in span.slice(text).match_indices('\n') {
        let end = span.start + i;
        push_trimmed(text, start, end, &mut out);
        start = end + 1;
    }
    push_trimmed(text, start, span.end, &mut out);
    if out.is_empty() {
        out.push(span);
    }
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead < s.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

/// The analysis as a brat `.ann` file: a `T` line per actor mention
/// (labelled with the actor's kind: `Person`, `Country`, ...), `T` lines
/// labelled `Source`, `Cue`, `Content` and `Attribution` (the cue's span) per
/// statement, and an `E` line per statement. Offsets count code points.
///
/// # Example
///
/// ```
/// let analysis = newsgraph::analyze("Officials met in Geneva.")?;
/// let ann = newsgraph::to_brat(&analysis);
/// assert!(ann.lines().all(|l| l.starts_with('T') || l.starts_with('E')));
/// # Ok::<(), newsgraph::Error>(())
/// ```
pub fn to_brat(analysis: &Analysis) -> String {
    let text = analysis.article.text();
    let mut spans: Vec<Span> = Vec::new();
    for actor in &analysis.actors {
        spans.extend(actor.mentions.iter().map(|m| m.span()));
    }
    for s in &analysis.statements {
        spans.push(s.cue.span());
        spans.push(s.content.span());
        spans.extend(s.continuation.iter().map(|c| c.span()));
        spans.extend(s.source.as_ref().map(|x| x.span()));
    }
    let all: Vec<Span> = spans.iter().flat_map(|&s| fragments(text, s)).collect();
    let offsets = CharOffsets::new(text, all.iter().flat_map(|s| [s.start, s.end]));

    let mut out = String::new();
    let mut next_t = 1;
    let mut write_t = |out: &mut String, label: &str, spans: &[Span]| -> usize {
        let frags: Vec<Span> = spans.iter().flat_map(|&s| fragments(text, s)).collect();
        let ranges: Vec<String> = frags
            .iter()
            .map(|f| format!("{} {}", offsets.get(f.start), offsets.get(f.end)))
            .collect();
        let shown: Vec<&str> = frags.iter().map(|f| f.slice(text)).collect();
        let id = next_t;
        next_t += 1;
        let _ = writeln!(
            out,
            "T{id}\t{label} {}\t{}",
            ranges.join(";"),
            shown.join(" ")
        );
        id
    };
    for actor in &analysis.actors {
        for m in &actor.mentions {
            write_t(&mut out, actor.kind.label(), &[m.span()]);
        }
    }
    for (n, s) in analysis.statements.iter().enumerate() {
        let source = s
            .source
            .as_ref()
            .map(|x| write_t(&mut out, "Source", &[x.span()]));
        let cue = write_t(&mut out, "Cue", &[s.cue.span()]);
        let mut content_spans = vec![s.content.span()];
        content_spans.extend(s.continuation.iter().map(|c| c.span()));
        let content = write_t(&mut out, "Content", &content_spans);
        let trigger = write_t(&mut out, "Attribution", &[s.cue.span()]);
        let _ = write!(
            out,
            "E{}\tAttribution:T{trigger} Content:T{content} Cue:T{cue}",
            n + 1
        );
        if let Some(src) = source {
            let _ = write!(out, " Source:T{src}");
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "Élysée said “no”.";
        let offsets = CharOffsets::new(text, [0, 8, 14, text.len()]);
        assert_eq!(offsets.get(0), 0);
        assert_eq!(offsets.get(8), 6);
        assert_eq!(offsets.get(14), 12);
        assert_eq!(offsets.get(text.len()), text.chars().count());
    }

    #[test]
    fn fragments_split_at_line_breaks() {
        let text = "one two\n\nthree";
        let f = fragments(text, Span::new(0, text.len()));
        assert_eq!(f, [Span::new(0, 7), Span::new(9, 14)]);
    }
}
