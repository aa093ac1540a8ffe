//! What the binary tells its users about licences (`tifa licenses`).

use crate::common;

use common::stdout;

#[test]
fn licenses_lists_tifa_the_font_the_data_and_every_crate() {
    let out = stdout(&["licenses"]);
    assert!(out.starts_with("=== tifa\n\nMIT License"), "{}", &out[..80]);
    assert!(out.contains("SIL OPEN FONT LICENSE"));
    assert!(out.contains("UNICODE, INC. LICENSE AGREEMENT"));
    assert!(
        out.contains("=== data/jieba-dict.txt") && out.contains("Copyright (c) 2013 Sun Junyi")
    );
    for krate in [
        "| jieba-rs |",
        "| polars-core |",
        "| plotters |",
        "| clap |",
        "| similar |",
        "| toml |",
        "| clap_mangen |",
    ] {
        assert!(out.contains(krate), "{krate} missing");
    }
    // The OpenCC dictionaries opencc-fmmseg embeds come with their licence.
    assert!(out.contains("opencc-fmmseg 0.13.0 (dicts/LICENSE)"));
    // Dev-only crates and proc-macros (they run in the compiler) are not in the binary.
    assert!(!out.contains("| criterion |") && !out.contains("| insta |"));
    assert!(!out.contains("| serde_derive |") && !out.contains("| thiserror-impl |"));
}
