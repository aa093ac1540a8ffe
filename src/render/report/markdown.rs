//! `report.md`: the outline ([`Block`]s) → Markdown with pipe tables, ~~deleted~~ and **inserted**
//! words, bulleted lists, and charts linked as `charts/<name>.png`. Document text is escaped so that it never
//! becomes markup, a link or raw HTML.

use crate::present::{Block, Inline};
use crate::render::charts::{self, Chart};
use std::fmt::Write;

/// Backslash-escapes every character Markdown (or HTML inside it) could read as markup.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '~' | '`' | '[' | ']' | '|' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

pub fn render(blocks: &[Block], charts: &[Chart]) -> String {
    let mut out = String::new();
    for block in crate::present::unfolded(blocks).iter() {
        match block {
            // Unfolded above.
            Block::Details { .. } => {}
            Block::Heading(level, text) => {
                let _ = writeln!(out, "{} {}\n", "#".repeat(*level as usize), escape(text));
            }
            Block::Paragraph(inlines) => {
                let _ = writeln!(out, "{}\n", inline(inlines));
            }
            Block::Table { header, rows } => {
                let _ = writeln!(
                    out,
                    "| {} |",
                    header
                        .iter()
                        .map(|h| escape(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                );
                let _ = writeln!(out, "|{}", " --- |".repeat(header.len()));
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|c| inline(c)).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
                out.push('\n');
            }
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", inline(item));
                }
                out.push('\n');
            }
            Block::Chart(id) => {
                if let Some(chart) = charts::find(charts, *id) {
                    let _ = writeln!(
                        out,
                        "![{}](charts/{}.png)\n\n*{}*\n",
                        escape(&chart.title),
                        chart.name(),
                        escape(&chart.caption)
                    );
                }
            }
        }
    }
    out
}

fn inline(parts: &[Inline]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Inline::Text(s) => escape(s),
            Inline::Strong(s) | Inline::Ins(s) if s.trim().is_empty() => escape(s),
            Inline::Strong(s) | Inline::Ins(s) => format!("**{}**", escape(s)),
            Inline::Del(s) if s.trim().is_empty() => escape(s),
            Inline::Del(s) => format!("~~{}~~", escape(s)),
            Inline::Cite(s) => format!("`{}`", s.replace('`', "'")),
            // The target is a path tifa made (no spaces or brackets); only the label is escaped.
            Inline::File(s) => format!("[{}]({s})", escape(s)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixture;

    #[test]
    fn the_fixed_blocks_print_as_commonmark() {
        let md = super::render(&fixture::blocks(), &fixture::charts());
        // Strong text closes on a character, never after a space (CommonMark would not close it).
        let strong = regex::Regex::new(r"\*\*([^*\n]+?)\*\*").unwrap();
        for run in strong.captures_iter(&md) {
            assert_eq!(run[1].trim(), &run[1], "strong text inside its marks: {md}");
        }
        assert!(md.contains("**投资于人**："));
        // Document text never becomes markup.
        assert!(md.contains("&lt;市场&gt; &amp; \\*星号\\* \\|竖线\\|"));
        // A chart that was drawn is linked; one that was not is left out.
        assert!(md.contains("charts/heatmap.png") && !md.contains("charts/trends"));
        insta::assert_snapshot!(md);
    }
}
