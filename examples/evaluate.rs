//! Scores newsgraph's statements against brat gold annotations (PolNeAR by
//! default) with the metrics of DESIGN.md, per article and overall, and
//! prints the worst articles, the misses by shape and the coverage of gold
//! sources by actor mentions.
//!
//! ```text
//! cargo run --release --example evaluate                       # analyze PolNeAR in-process and score
//! cargo run --release --example evaluate -- --pred out/        # score brat files written by `analyze --brat out/`
//! cargo run --release --example evaluate -- --text T --gold G  # another corpus: NAME.txt in T, NAME_ANNOTATOR.ann in G
//! cargo run --release --example evaluate -- --worst 20 --limit 100 --per-article
//! ```

use newsgraph::eval::{
    Attribution, Counts, attributions, gold_file, match_pairs, read_brat, score,
};
use newsgraph::{Analyzer, Span};
use std::collections::BTreeMap;
use std::path::PathBuf;

struct Options {
    text: PathBuf,
    gold: PathBuf,
    pred: Option<PathBuf>,
    worst: usize,
    limit: usize,
    per_article: bool,
    examples: usize,
    show: Option<String>,
}

fn parse_args() -> Options {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/train");
    let mut o = Options {
        text: root.join("text"),
        gold: root.join("attributions"),
        pred: None,
        worst: 10,
        limit: usize::MAX,
        per_article: false,
        examples: 0,
        show: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--text" => o.text = value().into(),
            "--gold" => o.gold = value().into(),
            "--pred" => o.pred = Some(value().into()),
            "--worst" => o.worst = value().parse().expect("--worst N"),
            "--limit" => o.limit = value().parse().expect("--limit N"),
            "--examples" => o.examples = value().parse().expect("--examples N"),
            "--per-article" => o.per_article = true,
            "--show" => o.show = Some(value()),
            "-h" | "--help" => {
                println!(
                    "usage: evaluate [--text DIR] [--gold DIR] [--pred DIR] [--worst N] [--limit N] [--examples N] [--per-article]"
                );
                std::process::exit(0);
            }
            other => panic!("unknown argument {other}"),
        }
    }
    o
}

fn main() {
    let o = parse_args();
    let mut texts: Vec<PathBuf> = match std::fs::read_dir(&o.text) {
        Ok(d) => d
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect(),
        Err(e) => {
            eprintln!("evaluate: {}: {e}", o.text.display());
            std::process::exit(1);
        }
    };
    texts.sort();
    texts.truncate(o.limit);
    let analyzer = Analyzer::new();
    let mut total = Counts::default();
    let mut per: Vec<(String, Counts)> = Vec::new();
    let mut misses: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut missed_cues: BTreeMap<String, usize> = BTreeMap::new();
    let mut false_cues: BTreeMap<String, usize> = BTreeMap::new();
    let (mut sources, mut covered, mut named, mut named_covered) = (0usize, 0usize, 0usize, 0usize);
    let mut shown = 0;
    for path in &texts {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(Some(gold_path)) = gold_file(&o.gold, &stem) else {
            continue;
        };
        let gold_ann = std::fs::read_to_string(&gold_path).expect("gold readable");
        let gold = match read_brat(&gold_ann, &text) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("evaluate: {}: {e}", gold_path.display());
                continue;
            }
        };
        let analysis = analyzer.analyze(&text).ok();
        let predicted: Vec<Attribution> = match &o.pred {
            Some(dir) => {
                let ann =
                    std::fs::read_to_string(dir.join(format!("{stem}.ann"))).unwrap_or_default();
                read_brat(&ann, &text).unwrap_or_default()
            }
            None => analysis
                .as_ref()
                .map(|a| {
                    // Through the brat export, as a file-based run would go.
                    read_brat(&newsgraph::to_brat(a), &text).unwrap_or_else(|_| attributions(a))
                })
                .unwrap_or_default(),
        };
        let c = score(&predicted, &gold, &text);
        if o.show.as_deref().is_some_and(|n| stem.contains(n)) {
            let pairs = match_pairs(&predicted, &gold, &text);
            let line = |a: &Attribution| {
                format!(
                    "[{}] [{}] [{}]",
                    cue_text(&text, &a.source),
                    cue_text(&text, &a.cue),
                    clip(&cue_text(&text, &a.content))
                )
            };
            for (j, g) in gold.iter().enumerate() {
                let m = pairs
                    .iter()
                    .find(|p| p.1 == j)
                    .map(|p| line(&predicted[p.0]));
                println!(
                    "GOLD {}
  => {}",
                    line(g),
                    m.unwrap_or_else(|| "MISSED".into())
                );
            }
            for (i, p) in predicted.iter().enumerate() {
                if !pairs.iter().any(|x| x.0 == i) {
                    println!("FALSE {}", line(p));
                }
            }
        }
        total += c;
        per.push((stem.clone(), c));

        // Misses by shape, and false alarms by cue.
        let pairs = match_pairs(&predicted, &gold, &text);
        for (j, g) in gold.iter().enumerate() {
            if pairs.iter().any(|&(_, gj)| gj == j) {
                continue;
            }
            for shape in shapes(&text, g) {
                *misses.entry(shape).or_default() += 1;
            }
            let same_cue = predicted
                .iter()
                .any(|p| p.cue.iter().any(|c| g.cue.iter().any(|x| x.overlaps(*c))));
            *misses
                .entry(if same_cue {
                    "(cue found, content differs)"
                } else {
                    "(cue not predicted)"
                })
                .or_default() += 1;
            *missed_cues.entry(cue_text(&text, &g.cue)).or_default() += 1;
            if shown < o.examples {
                shown += 1;
                let at = g.cue.first().map_or(0, |c| c.start);
                let mut a = at.saturating_sub(150);
                while !text.is_char_boundary(a) {
                    a -= 1;
                }
                let mut b = (at + 150).min(text.len());
                while !text.is_char_boundary(b) {
                    b += 1;
                }
                let tag = if same_cue { "DIFF" } else { "NONE" };
                if let Some(p) = predicted
                    .iter()
                    .find(|p| p.cue.iter().any(|c| g.cue.iter().any(|x| x.overlaps(*c))))
                {
                    println!(
                        "  PRED source {:?} content {:?}",
                        cue_text(&text, &p.source),
                        clip(&cue_text(&text, &p.content))
                    );
                }
                println!(
                    "MISS {tag} {stem}: cue {:?} source {:?} content {:?}\n    ctx {:?}",
                    cue_text(&text, &g.cue),
                    cue_text(&text, &g.source),
                    clip(&cue_text(&text, &g.content)),
                    &text[a..b]
                );
            }
        }
        if o.examples > 0 {
            for &(i, j) in &pairs {
                let (p, g) = (&predicted[i], &gold[j]);
                let source_ok = (p.source.is_empty() && g.source.is_empty())
                    || p.source
                        .iter()
                        .any(|a| g.source.iter().any(|b| a.overlaps(*b)));
                let cue_ok = p.cue.iter().any(|a| g.cue.iter().any(|b| a.overlaps(*b)));
                if !source_ok || !cue_ok {
                    let inside = |cue: &[Span], content: &[Span]| {
                        cue.iter().any(|c| content.iter().any(|x| x.contains(*c)))
                    };
                    let how = if cue_ok {
                        ""
                    } else if inside(&p.cue, &g.content) {
                        "(pred cue in gold content)"
                    } else if inside(&g.cue, &p.content) {
                        "(gold cue in pred content)"
                    } else {
                        "(apart)"
                    };
                    println!(
                        "WRONG {}{how} {stem}: gold [{}] [{}] pred [{}] [{}]",
                        if cue_ok { "SOURCE" } else { "CUE" },
                        cue_text(&text, &g.source),
                        cue_text(&text, &g.cue),
                        cue_text(&text, &p.source),
                        cue_text(&text, &p.cue)
                    );
                }
            }
        }
        for (i, p) in predicted.iter().enumerate() {
            if !pairs.iter().any(|&(pi, _)| pi == i) {
                if o.examples > 0 {
                    let overlapping = gold.iter().any(|g| {
                        g.content
                            .iter()
                            .any(|x| p.cue.iter().any(|c| x.overlaps(*c)))
                    });
                    println!(
                        "FALSE{} {stem}: [{}] [{}] [{}]",
                        if overlapping {
                            "(cue in gold content)"
                        } else {
                            ""
                        },
                        cue_text(&text, &p.source),
                        cue_text(&text, &p.cue),
                        clip(&cue_text(&text, &p.content))
                    );
                }
                *false_cues.entry(cue_text(&text, &p.cue)).or_default() += 1;
            }
        }
        // Gold sources that fall on an actor mention.
        if let Some(a) = &analysis {
            let mentions: Vec<Span> = a
                .actors
                .iter()
                .flat_map(|x| x.mentions.iter().map(|m| m.span()))
                .collect();
            for g in &gold {
                if g.source.is_empty() {
                    continue;
                }
                sources += 1;
                let hit = g
                    .source
                    .iter()
                    .any(|s| mentions.iter().any(|m| m.overlaps(*s)));
                covered += usize::from(hit);
                if is_named(&text, &g.source) {
                    named += 1;
                    named_covered += usize::from(hit);
                }
            }
        }
    }
    if o.per_article {
        for (name, c) in &per {
            let a = c.attribution();
            println!(
                "{name}\tgold {}\tpred {}\tF1 {:.3}\tstrict {:.3}",
                c.gold,
                c.predicted,
                a.f1,
                c.strict().f1
            );
        }
    }
    let a = total.attribution();
    let s = total.strict();
    let t = total.content();
    println!(
        "articles {}  gold {}  predicted {}  matched {}",
        per.len(),
        total.gold,
        total.predicted,
        total.matched
    );
    println!("attribution  P {:.3}  R {:.3}  F1 {:.3}", a.p, a.r, a.f1);
    println!("strict       P {:.3}  R {:.3}  F1 {:.3}", s.p, s.r, s.f1);
    println!("content tok  P {:.3}  R {:.3}  F1 {:.3}", t.p, t.r, t.f1);
    println!(
        "cue accuracy {:.3}  source accuracy {:.3}",
        total.cue_accuracy(),
        total.source_accuracy()
    );
    println!(
        "gold sources on an actor mention: {:.1}% of {sources}; named sources: {:.1}% of {named}",
        100.0 * covered as f64 / sources.max(1) as f64,
        100.0 * named_covered as f64 / named.max(1) as f64
    );
    let missed = total.gold - total.matched;
    println!(
        "\nmisses by shape ({missed} gold attributions unmatched; one miss may have several shapes):"
    );
    let mut m: Vec<_> = misses.into_iter().collect();
    m.sort_by_key(|x| std::cmp::Reverse(x.1));
    for (shape, n) in m {
        println!(
            "  {shape:<28} {n:>6}  {:.1}%",
            100.0 * n as f64 / missed.max(1) as f64
        );
    }
    print_top("missed gold cues", missed_cues, 25);
    print_top("unmatched predicted cues", false_cues, 25);
    per.retain(|(_, c)| c.gold >= 5);
    per.sort_by(|x, y| x.1.attribution().f1.total_cmp(&y.1.attribution().f1));
    println!("\nworst articles (at least 5 gold attributions):");
    for (name, c) in per.iter().take(o.worst) {
        let a = c.attribution();
        println!(
            "  {name}  gold {} pred {} matched {}  F1 {:.3}",
            c.gold, c.predicted, c.matched, a.f1
        );
    }
}

fn print_top(title: &str, counts: BTreeMap<String, usize>, n: usize) {
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let line: Vec<String> = v
        .iter()
        .take(n)
        .map(|(k, c)| format!("{k:?} {c}"))
        .collect();
    println!("\n{title}: {}", line.join(", "));
}

fn cue_text(text: &str, spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| s.slice(text))
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(90).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// Whether a source names someone: a capitalized word that is not the
/// sentence's first word alone nor a pronoun.
fn is_named(text: &str, source: &[Span]) -> bool {
    let s = cue_text(text, source);
    let raw: Vec<&str> = source.iter().map(|x| x.slice(text)).collect();
    let raw = raw.join(" ");
    let words: Vec<&str> = raw.split_whitespace().collect();
    let pronoun = matches!(
        s.as_str(),
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "who" | "which" | "that"
    );
    !pronoun
        && words.iter().enumerate().any(|(k, w)| {
            w.chars().next().is_some_and(char::is_uppercase)
                && (k > 0
                    || words.len() == 1
                    || words
                        .iter()
                        .skip(1)
                        .any(|x| x.chars().next().is_some_and(char::is_uppercase)))
                && !matches!(
                    *w,
                    "The"
                        | "A"
                        | "An"
                        | "His"
                        | "Her"
                        | "Their"
                        | "Its"
                        | "He"
                        | "She"
                        | "They"
                        | "It"
                        | "We"
                        | "I"
                )
        })
}

/// The shapes of a gold attribution, for the distribution of misses.
fn shapes(text: &str, g: &Attribution) -> Vec<&'static str> {
    let mut out = Vec::new();
    let content: String = g
        .content
        .iter()
        .map(|s| s.slice(text))
        .collect::<Vec<_>>()
        .join(" ");
    let cue = cue_text(text, &g.cue);
    let first_content = g.content.iter().map(|s| s.start).min().unwrap_or(0);
    let first_cue = g.cue.iter().map(|s| s.start).min().unwrap_or(0);
    out.push(if first_content < first_cue {
        "content before cue"
    } else {
        "content after cue"
    });
    if content.contains(['“', '”', '"']) {
        out.push("quoted content");
    } else {
        out.push("unquoted content");
    }
    if g.content.len() > 1 {
        out.push("discontinuous content");
    }
    if content.contains(". ") || content.contains(".” ") || content.contains('\n') {
        out.push("several sentences");
    }
    if g.source.is_empty() {
        out.push("no source");
    } else {
        let s = cue_text(text, &g.source);
        if matches!(
            s.as_str(),
            "he" | "she" | "they" | "it" | "we" | "i" | "you"
        ) {
            out.push("pronoun source");
        }
    }
    if !cue.chars().any(char::is_alphanumeric) {
        out.push("punctuation cue");
    } else if [
        "say",
        "said",
        "says",
        "saying",
        "told",
        "tell",
        "according to",
    ]
    .iter()
    .any(|c| cue.contains(c))
    {
        out.push("say/tell/according cue");
    } else {
        out.push("other cue");
    }
    out
}
