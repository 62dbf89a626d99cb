//! Event tables: one relation per line, in the spirit of GDELT's event files.

use crate::model::{Analysis, Relation};
use std::fmt::Write;

/// The header line of [`to_event_table`]'s output.
pub const EVENT_TABLE_HEADER: &str = "article\tdate\tsource\tsource_code\ttarget\ttarget_code\tcameo\tquad_class\tgoldstein\tmodality\tsymmetric\ttrigger\tsentence";

/// The relations of `analyses` as a TSV event table with a header line: the
/// article's 1-based index in `analyses`, its date, source name and code,
/// target name and code, CAMEO root, GDELT quad class (1-4), Goldstein value,
/// modality, whether the relation is symmetric, the trigger text and the
/// sentence. Tabs and line breaks inside fields become spaces.
///
/// # Example
///
/// ```
/// let analysis = newsgraph::analyze("date 2021-05-29 Talks ended.")?;
/// let table = newsgraph::to_event_table(&[analysis]);
/// assert!(table.starts_with(newsgraph::EVENT_TABLE_HEADER));
/// # Ok::<(), newsgraph::Error>(())
/// ```
pub fn to_event_table(analyses: &[Analysis]) -> String {
    let mut out = String::from(EVENT_TABLE_HEADER);
    out.push('\n');
    for (index, analysis) in analyses.iter().enumerate() {
        for relation in &analysis.relations {
            write_event(&mut out, index + 1, analysis, relation);
        }
    }
    out
}

fn write_event(out: &mut String, index: usize, analysis: &Analysis, r: &Relation) {
    let actor = |id: &str| analysis.actor(id);
    let name = |id: &str| actor(id).map(|a| clean(&a.name)).unwrap_or_default();
    let code = |id: &str| actor(id).and_then(|a| a.code.clone()).unwrap_or_default();
    let date = analysis
        .article
        .date()
        .map(|d| d.to_string())
        .unwrap_or_default();
    let sentence = analysis
        .article
        .sentences()
        .get(r.sentence)
        .map(|s| clean(analysis.article.slice(s.span())))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{index}\t{date}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.1}\t{}\t{}\t{}\t{sentence}",
        name(&r.source),
        code(&r.source),
        name(&r.target),
        code(&r.target),
        r.cameo.root_code(),
        r.quad.number(),
        r.goldstein,
        r.modality.name(),
        r.symmetric,
        clean(&r.trigger.text),
    );
}

fn clean(s: &str) -> String {
    s.split(['\t', '\n', '\r']).collect::<Vec<_>>().join(" ")
}
