//! The seed article (`../shared/data/seed`): parsing, paragraphs, sentences.

mod common;

use newsgraph::Article;

#[test]
fn seed_parses_with_date_and_paragraphs() {
    let Some(text) = common::seed() else { return };
    let article = Article::parse(&text).expect("the seed parses");
    assert_eq!(article.date().unwrap().to_string(), "2021-05-29");
    assert_eq!(article.paragraphs().len(), 22);
    // The header's date is not part of the body; the lede on the header line is.
    let first = article.slice(article.paragraphs()[0]);
    assert!(first.starts_with("China"), "{first}");
    assert_eq!(
        article.headline(),
        None,
        "the header line carries a lede, not a headline"
    );
}

/// The sentence boundaries a reader draws, as (first word, last word, paragraph).
#[test]
fn seed_sentence_boundaries() {
    let Some(text) = common::seed() else { return };
    let article = Article::parse(&text).unwrap();
    let want: &[(&str, &str, usize)] = &[
        ("China", "month.", 0),
        ("The", "Beijing.", 1),
        ("In", "Agency.", 2),
        ("Putin", "link..", 3),
        ("At", "partnership.", 3),
        ("Xinhua", "governments.", 4),
        ("Yang,", "agency.", 5),
        ("TASS.", "TASS.", 5),
        ("China", "Xinhua.", 6),
        ("During", "Tuesday.", 7),
        ("Analysts", "West.", 8),
        ("Zhu", "Moscow.", 9),
        ("The", "April.", 10),
        ("It", "said.", 10),
        ("Beijing", "7.", 11),
        ("Vladimir", "other.", 12),
        ("I", "Beijing.", 13),
        ("I", "said.", 13),
        ("But", "countries.", 14),
        ("Strengthening", "extent.", 14),
        ("In", "countries.", 15),
        ("Artyom", "other.", 16),
        ("While", "range.", 16),
        ("In", "States.", 17),
        ("Strong", "declares.", 17),
        ("Lukin", "unlikely.", 18),
        ("I", "Russia.", 19),
        ("The", "work.", 19),
        ("Even", "said.", 20),
        ("But", "alliance.", 21),
        ("China’s", "West.", 21),
        ("I", "said.", 21),
    ];
    let got: Vec<(&str, &str, usize)> = article
        .sentences()
        .iter()
        .map(|s| {
            let t = article.slice(s.span());
            let first = t.split_whitespace().next().unwrap();
            let last = t.split_whitespace().last().unwrap();
            (first, last, s.paragraph)
        })
        .collect();
    assert_eq!(got, want);
    // A sentence never starts or ends with whitespace, and a quotation's
    // marks stay inside the sentences that hold it.
    for s in article.sentences() {
        let t = article.slice(s.span());
        assert_eq!(t, t.trim());
    }
}
