//! Helpers for tests that read `../shared` (the seed article and PolNeAR).
//!
//! A fresh clone has no `../shared`: such tests print a message and pass.
//! CI sets `NEWSGRAPH_REQUIRE_SHARED=1`, which makes a missing `../shared` a
//! failure, since CI always has it.

#![allow(dead_code)]

use std::path::PathBuf;

/// The path of `rel` under `../shared`, or `None` (with a message) when the
/// folder is absent and not required.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var_os("NEWSGRAPH_REQUIRE_SHARED").is_some_and(|v| v != "0" && !v.is_empty()) {
        panic!(
            "{} is missing and NEWSGRAPH_REQUIRE_SHARED is set",
            path.display()
        );
    }
    eprintln!(
        "skipping: {} not found (it ships beside the repository, not in it)",
        path.display()
    );
    None
}

/// The seed article's text, if `../shared` is present.
pub fn seed() -> Option<String> {
    let path = shared("data/seed/china-russia-2021-05-29.txt")?;
    Some(std::fs::read_to_string(path).expect("the seed article is readable UTF-8"))
}

/// Up to `limit` PolNeAR article paths (sorted), if `../shared` is present.
pub fn polnear_texts(limit: usize) -> Option<Vec<PathBuf>> {
    let dir = shared("data/polnear/train/text")?;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the PolNeAR text folder is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths.truncate(limit);
    Some(paths)
}

/// Whether actor `id` of `analysis` is the one written `name`: its canonical
/// name or the text of one of its mentions, curly apostrophes read straight.
pub fn actor_is(analysis: &newsgraph::Analysis, id: &str, name: &str) -> bool {
    analysis.actor(id).is_some_and(|a| {
        straight(&a.name) == name || a.mentions.iter().any(|m| straight(&m.text) == name)
    })
}

/// The relations of `analysis` from `source` to `target`, or either way
/// round when the relation is symmetric.
pub fn relations_between<'a>(
    analysis: &'a newsgraph::Analysis,
    source: &str,
    target: &str,
) -> Vec<&'a newsgraph::Relation> {
    analysis
        .relations
        .iter()
        .filter(|r| {
            (actor_is(analysis, &r.source, source) && actor_is(analysis, &r.target, target))
                || (r.symmetric
                    && actor_is(analysis, &r.source, target)
                    && actor_is(analysis, &r.target, source))
        })
        .collect()
}

/// `s` with curly apostrophes made straight.
pub fn straight(s: &str) -> String {
    s.replace('\u{2019}', "'")
}
