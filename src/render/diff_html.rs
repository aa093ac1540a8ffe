//! `tifa diff --format html`: one self-contained page (no scripts, no network) with the summary
//! and every changed pair as an inline diff: `<del>` for A's words, `<ins>` for B's.

use super::labels::Lang;
use super::views::{pair_view, segments, shown_pairs, summary_rows};
use crate::compare::Comparison;
use crate::diff::EditOp;
use std::fmt::Write;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;max-width:60em;margin:2em auto;line-height:1.8;color:#222}\
del{background:#fde0e0;color:#a00}ins{background:#dff5df;color:#060;text-decoration:none}\
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}\
.pair{border-top:1px solid #ddd;margin-top:1em}.where{color:#666;font-size:.9em}";

pub fn render(c: &Comparison, lang: Lang, top: usize) -> String {
    let html_lang = if lang == Lang::Zh { "zh-CN" } else { "en" };
    let title = format!(
        "{}：{} → {}",
        lang.text("title"),
        escape(&c.a.id),
        escape(&c.b.id)
    );
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{STYLE}</style></head><body>\n<h1>{title}</h1>\n<table>\n"
    );
    for (label, value) in summary_rows(c, lang) {
        let _ = writeln!(out, "<tr><th>{label}</th><td>{value}</td></tr>");
    }
    out.push_str("</table>\n");
    let _ = writeln!(out, "<h2>{}</h2>\n<ul>", lang.text("changes"));
    for f in c.diff.formulation_changes.iter().take(top) {
        let _ = writeln!(
            out,
            "<li><del>{}</del> → <ins>{}</ins> ×{}（{}）</li>",
            escape(&f.before),
            escape(&f.after),
            f.count,
            lang.change(f.kind)
        );
    }
    let _ = writeln!(out, "</ul>\n<h2>{}</h2>", lang.text("changed_pairs"));
    for k in shown_pairs(c) {
        let view = pair_view(c, k, &c.alignment.pairs[k]);
        let (Some(a), Some(b)) = (&view.a, &view.b) else {
            continue;
        };
        let class = view.class.map(|x| lang.class(x)).unwrap_or_default();
        let _ = write!(
            out,
            "<div class=\"pair\"><p class=\"where\">{} · {}:{} → {}:{} · {} {:.2} · {}</p><p>",
            lang.kind(view.kind),
            escape(&c.a.path),
            a.line,
            escape(&c.b.path),
            b.line,
            lang.text("similarity"),
            view.similarity,
            class
        );
        for s in segments(c, k) {
            match s.op {
                EditOp::Equal => out.push_str(&escape(&s.old)),
                EditOp::Delete => out.push_str(&format!("<del>{}</del>", escape(&s.old))),
                EditOp::Insert => out.push_str(&format!("<ins>{}</ins>", escape(&s.new))),
                EditOp::Replace => out.push_str(&format!(
                    "<del>{}</del><ins>{}</ins>",
                    escape(&s.old),
                    escape(&s.new)
                )),
            }
        }
        out.push_str("</p></div>\n");
    }
    out.push_str("</body></html>\n");
    out
}
