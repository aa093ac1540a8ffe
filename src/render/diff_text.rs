//! `tifa diff` in the terminal: summary first, then changed pairs as inline word diffs, colored on a
//! terminal and marked [-删-]{+增+} otherwise, wrapped by display width (CJK characters are two
//! columns wide).

use super::labels::Lang;
use super::views::{Segment, pair_view, segments, shown_pairs, summary_rows};
use crate::compare::Comparison;
use crate::diff::EditOp;
use std::fmt::Write;
use unicode_width::UnicodeWidthChar;

#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    pub color: bool,
    pub width: usize,
    pub lang: Lang,
    /// How many formulation changes to list.
    pub top: usize,
}

const RED: &str = "\x1b[31;9m";
const GREEN: &str = "\x1b[32;4m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

pub fn render(c: &Comparison, o: &TextOptions) -> String {
    let mut out = String::new();
    summary(c, o, &mut out);
    for k in shown_pairs(c) {
        pair(c, k, o, &mut out);
    }
    out
}

fn style(o: &TextOptions, code: &'static str) -> &'static str {
    if o.color { code } else { "" }
}

pub fn summary(c: &Comparison, o: &TextOptions, out: &mut String) {
    let l = o.lang;
    let doc = |d: &crate::ingest::Document| {
        let year = d
            .meta
            .year
            .value
            .map(|y| format!(" {y}"))
            .unwrap_or_default();
        format!("{}{}", d.id, year)
    };
    let _ = writeln!(
        out,
        "{}{} A {} → B {}{}",
        style(o, BOLD),
        l.text("title"),
        doc(&c.a),
        doc(&c.b),
        style(o, RESET)
    );
    for (label, value) in summary_rows(c, l) {
        let _ = writeln!(out, "{label}: {value}");
    }
    let _ = writeln!(
        out,
        "{}: {}",
        l.text("passages"),
        c.alignment.passages.len()
    );
    let _ = writeln!(out, "{}:", l.text("changes"));
    if c.diff.formulation_changes.is_empty() {
        let _ = writeln!(out, "  {}", l.text("none"));
    }
    for f in c.diff.formulation_changes.iter().take(o.top) {
        let _ = writeln!(
            out,
            "  {} → {}  ×{}  [{}]",
            f.before,
            f.after,
            f.count,
            l.change(f.kind)
        );
    }
}

fn pair(c: &Comparison, k: usize, o: &TextOptions, out: &mut String) {
    let view = pair_view(c, k, &c.alignment.pairs[k]);
    let (Some(a), Some(b)) = (&view.a, &view.b) else {
        return;
    };
    let class = view.class.map(|x| o.lang.class(x)).unwrap_or_default();
    let _ = writeln!(
        out,
        "\n{}── {} {}:{} [{}] → {}:{} [{}] · {} {:.2} · {}{}",
        style(o, DIM),
        o.lang.kind(view.kind),
        c.a.path,
        a.line,
        a.section,
        c.b.path,
        b.line,
        b.section,
        o.lang.text("similarity"),
        view.similarity,
        class,
        style(o, RESET)
    );
    let pieces = inline(&segments(c, k), o);
    wrap(&pieces, o.width, out);
}

/// (text, opening style, closing style) pieces of an inline diff.
fn inline(segments: &[Segment], o: &TextOptions) -> Vec<(String, &'static str, &'static str)> {
    let mut pieces = Vec::new();
    for s in segments {
        let deleted = |t: &str| {
            if o.color {
                (t.to_string(), RED, RESET)
            } else {
                (format!("[-{t}-]"), "", "")
            }
        };
        let inserted = |t: &str| {
            if o.color {
                (t.to_string(), GREEN, RESET)
            } else {
                (format!("{{+{t}+}}"), "", "")
            }
        };
        match s.op {
            EditOp::Equal => pieces.push((s.old.clone(), "", "")),
            EditOp::Delete => pieces.push(deleted(&s.old)),
            EditOp::Insert => pieces.push(inserted(&s.new)),
            EditOp::Replace => {
                pieces.push(deleted(&s.old));
                pieces.push(inserted(&s.new));
            }
        }
    }
    pieces
}

/// Writes styled pieces wrapped at `width` display columns, with a two-space indent.
fn wrap(pieces: &[(String, &'static str, &'static str)], width: usize, out: &mut String) {
    const INDENT: &str = "  ";
    let limit = width.saturating_sub(INDENT.len()).max(10);
    let mut column = 0;
    out.push_str(INDENT);
    for (text, open, close) in pieces {
        out.push_str(open);
        for ch in text.chars() {
            let w = ch.width().unwrap_or(0);
            if column + w > limit {
                out.push_str(close);
                out.push('\n');
                out.push_str(INDENT);
                out.push_str(open);
                column = 0;
            }
            out.push(ch);
            column += w;
        }
        out.push_str(close);
    }
    out.push('\n');
}
