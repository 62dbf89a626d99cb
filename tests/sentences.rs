//! Sentence splitting through the public API: the hard cases of news text.

use newsgraph::Article;

fn split(text: &str) -> Vec<String> {
    let article = Article::parse(text).unwrap();
    article
        .sentences()
        .iter()
        .map(|s| article.slice(s.span()).to_owned())
        .collect()
}

#[test]
fn splitter_hard_cases() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "titles",
            "Mr. Smith met Dr. Jones and Gen. Lee. They talked.",
            &["Mr. Smith met Dr. Jones and Gen. Lee.", "They talked."],
        ),
        (
            "ranks",
            "Lt. Gen. Ivanov and Sgt. Major Cole spoke.",
            &["Lt. Gen. Ivanov and Sgt. Major Cole spoke."],
        ),
        (
            "months",
            "The vote is set for Sept. 30 in the capital.",
            &["The vote is set for Sept. 30 in the capital."],
        ),
        (
            "U.S. inside",
            "The U.S. envoy and U.N. officials met in Washington, D.C. on Monday.",
            &["The U.S. envoy and U.N. officials met in Washington, D.C. on Monday."],
        ),
        (
            "U.S. at the end",
            "Sanctions were imposed by the U.S. The Kremlin protested.",
            &[
                "Sanctions were imposed by the U.S.",
                "The Kremlin protested.",
            ],
        ),
        (
            "suffixes",
            "Robert Kennedy Jr. and Ford Motor Co. were named.",
            &["Robert Kennedy Jr. and Ford Motor Co. were named."],
        ),
        (
            "saint and number",
            "St. Petersburg ranked No. 2 in the survey.",
            &["St. Petersburg ranked No. 2 in the survey."],
        ),
        (
            "company",
            "The deal went to Acme Inc. It closed Monday.",
            &["The deal went to Acme Inc.", "It closed Monday."],
        ),
        (
            "initials",
            "George W. Bush and J. K. Rowling met.",
            &["George W. Bush and J. K. Rowling met."],
        ),
        (
            "decimals",
            "Prices rose 2.5 percent. Wages fell 0.3 percent.",
            &["Prices rose 2.5 percent.", "Wages fell 0.3 percent."],
        ),
        (
            "times",
            "Polls close at 8 p.m. Tuesday across the state.",
            &["Polls close at 8 p.m. Tuesday across the state."],
        ),
        (
            "time at the end",
            "Polls closed at 8 p.m. The count began at once.",
            &["Polls closed at 8 p.m.", "The count began at once."],
        ),
        (
            "ellipsis inside",
            "We tried … and we failed.",
            &["We tried … and we failed."],
        ),
        (
            "three dots inside",
            "We will win ... believe me.",
            &["We will win ... believe me."],
        ),
        (
            "closing curly quote",
            "He said: “It is over.” Then he left.",
            &["He said: “It is over.”", "Then he left."],
        ),
        (
            "closing straight quote",
            "He said: \"It is over.\" Then he left.",
            &["He said: \"It is over.\"", "Then he left."],
        ),
        (
            "question inside quote",
            "“Who pays?” she asked. Nobody answered.",
            &["“Who pays?” she asked.", "Nobody answered."],
        ),
        (
            "quote over sentences",
            "“We won. They lost. It is done,” he said.",
            &["“We won.", "They lost.", "It is done,” he said."],
        ),
        (
            "exclamation",
            "Enough! We leave now.",
            &["Enough!", "We leave now."],
        ),
        (
            "numbers open",
            "He left. 20 aides stayed.",
            &["He left.", "20 aides stayed."],
        ),
        (
            "no period",
            "Talks resumed in Geneva",
            &["Talks resumed in Geneva"],
        ),
    ];
    for (name, input, want) in cases {
        assert_eq!(&split(input), want, "{name}: {input}");
    }
}

#[test]
fn sentences_never_cross_paragraphs() {
    let s = split("The first paragraph has no end\n\nThe second does.");
    assert_eq!(s, ["The first paragraph has no end", "The second does."]);
}
