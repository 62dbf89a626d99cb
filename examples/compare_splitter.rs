//! Compares newsgraph's sentence splitter with `sentencex` (a crates.io
//! splitter) on the seed article and PolNeAR articles, paragraph by
//! paragraph, and prints the agreement and every disagreement in context.
//!
//! ```text
//! cargo run --release --example compare_splitter -- [N_ARTICLES=50] [--quiet]
//! ```

use newsgraph::Article;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let limit: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(50);
    let quiet = args.iter().any(|a| a == "--quiet");
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let mut files = vec![shared.join("seed/china-russia-2021-05-29.txt")];
    let mut polnear: Vec<PathBuf> = std::fs::read_dir(shared.join("polnear/train/text"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    polnear.sort();
    files.extend(polnear.into_iter().take(limit));

    let (mut both, mut only_ours, mut only_theirs) = (0usize, 0usize, 0usize);
    let mut only_ours_in_quotes = 0usize;
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            eprintln!("skipping {}: not readable", file.display());
            continue;
        };
        let Ok(article) = Article::parse(&text) else {
            continue;
        };
        let name = file.file_name().unwrap().to_string_lossy();
        for (p, para) in article.paragraphs().iter().enumerate() {
            // Boundaries as the byte offset where a sentence ends, inside the
            // paragraph and not at its end.
            let ours: BTreeSet<usize> = article
                .sentences()
                .iter()
                .filter(|s| s.paragraph == p && s.end < para.end)
                .map(|s| s.end)
                .collect();
            let slice = article.slice(*para);
            let mut theirs = BTreeSet::new();
            let mut offset = para.start;
            for sentence in sentencex::segment("en", slice) {
                // sentencex may end a sentence before its closing quotation
                // mark ("end.|”"); count the boundary after the mark, as
                // newsgraph draws it.
                let mut end = offset + sentence.trim_end().len();
                while let Some(c) = text[end..para.end]
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '”' | '’' | '"' | '\'' | ')'))
                {
                    end += c.len_utf8();
                }
                if end < para.end && !sentence.trim().is_empty() {
                    theirs.insert(end);
                }
                offset += sentence.len();
            }
            both += ours.intersection(&theirs).count();
            for &b in ours.difference(&theirs) {
                only_ours += 1;
                let quoted = inside_quotes(&text[para.start..b]);
                only_ours_in_quotes += usize::from(quoted);
                if !quiet {
                    let where_ = if quoted { " (inside a quotation)" } else { "" };
                    println!("{name}: newsgraph only{where_}: {}", context(&text, b));
                }
            }
            for &b in theirs.difference(&ours) {
                only_theirs += 1;
                if !quiet {
                    println!("{name}: sentencex only: {}", context(&text, b));
                }
            }
        }
    }
    let total = both + only_ours + only_theirs;
    println!(
        "\n{} articles: {both} boundaries agreed, {only_ours} only newsgraph, {only_theirs} only sentencex; agreement {:.1}% of {total}",
        files.len(),
        100.0 * both as f64 / total.max(1) as f64
    );
    let outside = total - only_ours_in_quotes;
    println!(
        "{only_ours_in_quotes} of the newsgraph-only boundaries lie inside quotations, which sentencex keeps whole; \
         outside quotations the agreement is {:.1}% of {outside}",
        100.0 * both as f64 / outside.max(1) as f64
    );
}

/// Whether the end of `prefix` lies inside a double quotation: more opening
/// than closing marks before it.
fn inside_quotes(prefix: &str) -> bool {
    let mut depth = 0i32;
    let mut straight = 0;
    for c in prefix.chars() {
        match c {
            '“' => depth += 1,
            '”' => depth = (depth - 1).max(0),
            '"' => straight += 1,
            _ => {}
        }
    }
    depth > 0 || straight % 2 == 1
}

fn context(text: &str, at: usize) -> String {
    let mut a = at.saturating_sub(40);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (at + 40).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{}|{}", &text[a..at], &text[at..b]).replace('\n', "⏎")
}
