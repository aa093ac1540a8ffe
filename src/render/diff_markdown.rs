//! `tifa diff --format md`: the summary as a table, then each changed pair with ~~deleted~~ and
//! **inserted** phrases, ready to paste into a briefing.

use super::labels::Lang;
use super::percent;
use super::views::{pair_view, segments, shown_pairs, summary_rows};
use crate::compare::Comparison;
use crate::diff::EditOp;
use std::fmt::Write;

/// Characters that Markdown would read as markup.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '*' | '_' | '~' | '`' | '[' | ']' | '|' | '<' | '>' | '#' | '\\'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn render(c: &Comparison, lang: Lang, top: usize) -> String {
    let mut out = String::new();
    let cov = &c.alignment.coverage;
    let _ = writeln!(
        out,
        "# {}：{} → {}\n",
        lang.text("title"),
        escape(&c.a.id),
        escape(&c.b.id)
    );
    let _ = writeln!(out, "| | |\n| --- | --- |");
    for (label, value) in summary_rows(c, lang) {
        let _ = writeln!(out, "| {label} | {value} |");
    }
    out.push('\n');
    let _ = writeln!(out, "## {}\n", lang.text("changes"));
    if c.diff.formulation_changes.is_empty() {
        let _ = writeln!(out, "{}\n", lang.text("none"));
    }
    for f in c.diff.formulation_changes.iter().take(top) {
        let _ = writeln!(
            out,
            "- {} → {} ×{}（{}）",
            escape(&f.before),
            escape(&f.after),
            f.count,
            lang.change(f.kind)
        );
    }
    let _ = writeln!(out, "\n## {}\n", lang.text("sections"));
    for s in &cov.b_sections {
        let heading = if s.heading.is_empty() {
            lang.text("before_heading").to_string()
        } else {
            escape(&s.heading)
        };
        let _ = writeln!(out, "- {}：{}", heading, percent(s.ratio));
    }
    let _ = writeln!(out, "\n## {}", lang.text("changed_pairs"));
    for k in shown_pairs(c) {
        let view = pair_view(c, k, &c.alignment.pairs[k]);
        let (Some(a), Some(b)) = (&view.a, &view.b) else {
            continue;
        };
        let class = view.class.map(|x| lang.class(x)).unwrap_or_default();
        let _ = writeln!(
            out,
            "\n**{}** `{}:{}` → `{}:{}` · {} {:.2} · {}\n",
            lang.kind(view.kind),
            c.a.path,
            a.line,
            c.b.path,
            b.line,
            lang.text("similarity"),
            view.similarity,
            class
        );
        let mut line = String::from("> ");
        for s in segments(c, k) {
            match s.op {
                EditOp::Equal => line.push_str(&escape(&s.old)),
                EditOp::Delete => line.push_str(&format!("~~{}~~", escape(&s.old))),
                EditOp::Insert => line.push_str(&format!("**{}**", escape(&s.new))),
                EditOp::Replace => {
                    line.push_str(&format!("~~{}~~**{}**", escape(&s.old), escape(&s.new)))
                }
            }
        }
        let _ = writeln!(out, "{line}");
    }
    out
}
