//! Snapshots (insta) of what the renderers print for the bundled corpus.

use crate::common;

use common::stdout as run;

#[test]
fn corpus_table() {
    insta::assert_snapshot!(run(&["corpus"]));
}

#[test]
fn corpus_json() {
    insta::assert_snapshot!(run(&["corpus", "--json"]));
}

#[test]
fn findings_of_the_provincial_summary() {
    insta::assert_snapshot!(run(&["show", "002", "--findings"]));
}

#[test]
fn findings_json_of_the_county_speech() {
    insta::assert_snapshot!(run(&["show", "001", "--findings", "--json"]));
}

#[test]
fn structure_of_the_2023_speech() {
    insta::assert_snapshot!(run(&["show", "000", "--structure"]));
}

#[test]
fn tokens_of_the_district_report() {
    insta::assert_snapshot!(run(&["show", "003", "--tokens"]));
}

#[test]
fn normalized_district_report() {
    insta::assert_snapshot!(run(&["show", "003", "--normalized"]));
}

const LOOSE: [&str; 2] = ["--min-similarity", "0.35"];

#[test]
fn diff_text_plain() {
    insta::assert_snapshot!(run(&[
        "diff", "001", "000", LOOSE[0], LOOSE[1], "--color", "never", "--width", "80"
    ]));
}

#[test]
fn diff_text_colored_in_english() {
    insta::assert_snapshot!(run(&[
        "diff", "001", "000", LOOSE[0], LOOSE[1], "--color", "always", "--lang", "en", "--width",
        "60"
    ]));
}

#[test]
fn diff_markdown() {
    insta::assert_snapshot!(run(&[
        "diff", "001", "000", LOOSE[0], LOOSE[1], "--format", "md"
    ]));
}

#[test]
fn diff_html() {
    insta::assert_snapshot!(run(&[
        "diff", "001", "000", LOOSE[0], LOOSE[1], "--format", "html"
    ]));
}

#[test]
fn diff_json() {
    insta::assert_snapshot!(run(&[
        "diff", "001", "000", LOOSE[0], LOOSE[1], "--format", "json"
    ]));
}

#[test]
fn align_json() {
    insta::assert_snapshot!(run(&["align", "001", "000", LOOSE[0], LOOSE[1]]));
}

#[test]
fn align_csv() {
    insta::assert_snapshot!(run(&[
        "align", "001", "000", LOOSE[0], LOOSE[1], "--format", "csv"
    ]));
}
