//! Terminal text: [`Block`]s → lines wrapped by display width (CJK characters are two columns),
//! colored on a terminal (deleted red and struck, inserted green and underlined, citations dim)
//! and marked `[-删-]{+增+}` otherwise. Charts are left out: the terminal cannot show them.

use crate::present::{Block, Inline};
use std::fmt::Write;
use unicode_width::UnicodeWidthChar;

#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    pub color: bool,
    pub width: usize,
}

const RED: &str = "\x1b[31;9m";
const GREEN: &str = "\x1b[32;4m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// A piece of text with the escape codes that open and close its style.
type Piece = (String, &'static str, &'static str);

pub fn render(blocks: &[Block], style: &TextStyle) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, title) => {
                let marker = if *level <= 1 { "" } else { "── " };
                let piece = (format!("{marker}{title}"), bold(style), reset(style));
                out.push('\n');
                wrap(&[piece], style.width, "", &mut out);
            }
            Block::Paragraph(inlines) => wrap(&pieces(inlines, style), style.width, "", &mut out),
            Block::List(items) => {
                for item in items {
                    let mut p = vec![("• ".to_string(), "", "")];
                    p.extend(pieces(item, style));
                    wrap(&p, style.width, "  ", &mut out);
                }
            }
            Block::Table { header, rows } => {
                let head = (header.join(" │ "), dim(style), reset(style));
                wrap(&[head], style.width, "", &mut out);
                for row in rows {
                    let mut p = Vec::new();
                    for (k, cell) in row.iter().enumerate() {
                        if k > 0 {
                            p.push((" │ ".to_string(), dim(style), reset(style)));
                        }
                        p.extend(pieces(cell, style));
                    }
                    wrap(&p, style.width, "  ", &mut out);
                }
            }
            Block::Chart(_) => {}
        }
    }
    out
}

fn bold(s: &TextStyle) -> &'static str {
    if s.color { BOLD } else { "" }
}
fn dim(s: &TextStyle) -> &'static str {
    if s.color { DIM } else { "" }
}
fn reset(s: &TextStyle) -> &'static str {
    if s.color { RESET } else { "" }
}

fn pieces(inlines: &[Inline], style: &TextStyle) -> Vec<Piece> {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(t) => (t.clone(), "", ""),
            Inline::Strong(t) => (t.clone(), bold(style), reset(style)),
            Inline::Cite(t) | Inline::File(t) => (t.clone(), dim(style), reset(style)),
            Inline::Del(t) if style.color => (t.clone(), RED, RESET),
            Inline::Del(t) => (format!("[-{t}-]"), "", ""),
            Inline::Ins(t) if style.color => (t.clone(), GREEN, RESET),
            Inline::Ins(t) => (format!("{{+{t}+}}"), "", ""),
        })
        .collect()
}

/// Writes styled pieces wrapped at `width` display columns; lines after the first are indented
/// by `indent`. Newlines inside the text become spaces.
fn wrap(pieces: &[Piece], width: usize, indent: &str, out: &mut String) {
    let limit = width.max(20);
    let mut column = 0;
    for (text, open, close) in pieces {
        out.push_str(open);
        for ch in text.chars() {
            let ch = if ch == '\n' { ' ' } else { ch };
            let w = ch.width().unwrap_or(0);
            if column + w > limit {
                out.push_str(close);
                out.push('\n');
                out.push_str(indent);
                out.push_str(open);
                column = indent.len();
            }
            out.push(ch);
            column += w;
        }
        out.push_str(close);
    }
    let _ = writeln!(out);
}
