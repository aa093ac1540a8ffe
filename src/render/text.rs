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
    for block in crate::present::unfolded(blocks).iter() {
        match block {
            // Unfolded above.
            Block::Details { .. } => {}
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
/// by `indent`. Newlines inside the text become spaces. Lines break only where Unicode's line
/// breaking rules allow (UAX #14, through unicode-linebreak): between Chinese characters, after
/// spaces, never inside a number or a file name (`gwr-2024.txt`, `3.5%`), never before ，。、；
/// or a closing quote nor after an opening one. A stretch longer than a line is cut where it must.
fn wrap(pieces: &[Piece], width: usize, indent: &str, out: &mut String) {
    let limit = width.max(20);
    // The text as one string, each character with the piece it belongs to.
    let mut text = String::new();
    let mut owner: Vec<usize> = Vec::new();
    for (k, (t, _, _)) in pieces.iter().enumerate() {
        for ch in t.chars() {
            let ch = if ch == '\n' { ' ' } else { ch };
            text.push(ch);
            owner.extend(std::iter::repeat_n(k, ch.len_utf8()));
        }
    }
    let mut breaks: Vec<usize> = unicode_linebreak::linebreaks(&text)
        .map(|(at, _)| at)
        .filter(|&at| at < text.len())
        .collect();
    breaks.push(text.len());
    let mut line = Line {
        out,
        pieces,
        current: None,
    };
    let mut column = 0;
    let mut start = 0;
    for end in breaks {
        let segment = &text[start..end];
        let width_of = |s: &str| s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
        // Spaces at the end of a segment do not count against the line: they vanish at a break.
        let visible = width_of(segment.trim_end_matches(' '));
        if column > indent.len() && column + visible > limit {
            line.newline(indent);
            column = indent.len();
        }
        let mut at = start;
        for ch in segment.chars() {
            let w = ch.width().unwrap_or(0);
            if column > indent.len() && column + w > limit && ch != ' ' {
                // A stretch longer than a line: cut it.
                line.newline(indent);
                column = indent.len();
            }
            if !(ch == ' ' && column == indent.len() && at > 0) {
                line.push(owner[at], ch);
                column += w;
            }
            at += ch.len_utf8();
        }
        start = end;
    }
    line.finish();
}

/// Writes characters with their piece's style, closing it before a line break and opening it
/// again after.
struct Line<'a> {
    out: &'a mut String,
    pieces: &'a [Piece],
    current: Option<usize>,
}

impl Line<'_> {
    fn push(&mut self, piece: usize, ch: char) {
        if self.current != Some(piece) {
            self.close();
            self.out.push_str(self.pieces[piece].1);
            self.current = Some(piece);
        }
        self.out.push(ch);
    }

    fn close(&mut self) {
        if let Some(k) = self.current.take() {
            self.out.push_str(self.pieces[k].2);
        }
    }

    fn newline(&mut self, indent: &str) {
        let open = self.current;
        self.close();
        // Trailing spaces go with the break.
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        self.out.push('\n');
        self.out.push_str(indent);
        if let Some(k) = open {
            self.out.push_str(self.pieces[k].1);
            self.current = Some(k);
        }
    }

    fn finish(mut self) {
        self.close();
        let _ = writeln!(self.out);
    }
}

/// Sentences shown at each end of the carried-over ranking.
const SHOWN_SENTENCES: usize = 5;

/// The terminal summary: one line per document, closest first, then the base sentences most and
/// least carried over.
pub fn trace_summary(trace: &crate::trace::Trace) -> String {
    let mut s = format!(
        "{} traced through {} documents ({} sentences)\n\n",
        trace.base,
        trace.documents.len(),
        trace.sentences.len()
    );
    s.push_str(&crate::render::table::to_terminal(
        &crate::trace::document_table(trace),
    ));
    let ranked = trace.by_carried();
    let line = |i: usize| {
        let sentence = &trace.sentences[i];
        let text: String = sentence.text.chars().take(40).collect();
        format!(
            "  {}/{}  {}  {}\n",
            trace.carried(i),
            trace.documents.len(),
            sentence.citation,
            text
        )
    };
    s.push_str("\nmost carried over:\n");
    for &i in ranked.iter().take(SHOWN_SENTENCES) {
        s.push_str(&line(i));
    }
    s.push_str("least carried over:\n");
    for &i in ranked.iter().rev().take(SHOWN_SENTENCES) {
        s.push_str(&line(i));
    }
    s
}

/// `tifa corpus` as a terminal table, with a note when a value was inferred or is unknown.
pub fn corpus_listing(rows: &[crate::present::corpus::Row]) -> String {
    use crate::ingest::metadata::Origin;
    use crate::present::fmt::{pad, truncate};
    let mut out = String::new();
    const HEADER: [&str; 9] = [
        "id",
        "title",
        "year",
        "level",
        "region",
        "encoding",
        "chars",
        "sentences",
        "findings",
    ];
    let cells: Vec<[String; 9]> = rows
        .iter()
        .map(|r| {
            [
                truncate(r.id, 24),
                truncate(&r.title.display(), 30),
                r.year.display(),
                r.level.display(),
                truncate(&r.region.display(), 14),
                r.encoding.to_string(),
                r.characters.to_string(),
                r.sentences.to_string(),
                r.findings.to_string(),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..HEADER.len())
        .map(|i| {
            let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
            cells
                .iter()
                .map(|c| w(&c[i]))
                .chain([w(HEADER[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| pad(c, *w))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let _ = writeln!(out, "{}", line(&HEADER.map(String::from)));
    for c in &cells {
        let _ = writeln!(out, "{}", line(c));
    }
    let inferred = rows.iter().any(|r| {
        [
            r.title.origin,
            r.year.origin,
            r.level.origin,
            r.region.origin,
        ]
        .iter()
        .any(|o| *o != Origin::Manifest)
    });
    if inferred {
        let _ = writeln!(
            out,
            "\nx? = inferred from the text, ? = unknown: check them, and fix them in manifest.csv (`tifa corpus init DIR` writes one)."
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> Vec<String> {
        let mut out = String::new();
        wrap(&[(text.to_string(), "", "")], width, "", &mut out);
        out.lines().map(str::to_string).collect()
    }

    #[test]
    fn lines_break_where_chinese_and_file_names_allow() {
        let text = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展。见 gwr-2024.txt:123 与 national-gwr/gwr-2025.txt，比上年增长 5.2%，共 1234567 字。";
        for width in 20..60 {
            let lines = wrapped(text, width);
            assert_eq!(
                lines.concat().replace(' ', ""),
                text.replace(' ', ""),
                "{width}"
            );
            for line in &lines {
                assert!(
                    !line.starts_with(['，', '。', '、', '；', '：', '）', '”']),
                    "{width}: {line:?} in {lines:?}"
                );
                assert!(
                    line.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>() <= width,
                    "{width}: {line:?} wider than the line"
                );
            }
            let joined = lines.join("\n");
            for whole in ["gwr-2024.txt:123", "1234567", "5.2%"] {
                assert!(
                    joined.contains(whole),
                    "{width}: {whole} split in {lines:?}"
                );
            }
        }
    }
}
