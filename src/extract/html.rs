//! Web pages (.html, .htm): the page's main text, one line per paragraph. Scripts, styles,
//! navigation, headers, footers, forms and side bars are dropped; of what is left, the block that
//! holds the most running Chinese text that is not link text is the article (a block's score is its
//! own text plus half of its children's own text, so an article split into many small blocks is
//! found through their parent). The page's first heading is kept above it when it lies outside.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

/// Elements whose content is never the article.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "textarea", "menu",
];

/// Elements inside running text: their text is their parent's own.
const INLINE: &[&str] = &[
    "span", "font", "strong", "b", "em", "i", "u", "s", "strike", "sub", "sup", "small", "big",
    "label", "abbr", "cite", "q", "mark", "time", "code", "ins", "del",
];

/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "ul",
    "ol",
    "center",
    "hr",
];

pub(super) fn main_text(bytes: &[u8]) -> super::Paragraphs {
    // A page saved as GBK or GB18030 (older government sites) is decoded like any text file.
    let text = crate::decode::decode(bytes, None)
        .map_or_else(|_| String::from_utf8_lossy(bytes).into_owned(), |d| d.text);
    let mut notes = Vec::new();
    let (text, flattened) = flatten_deep_nesting(&text, MAX_DEPTH);
    if flattened > 0 {
        notes.push(format!(
            "{flattened} elements nested deeper than {MAX_DEPTH} levels were read as plain text of their parent (as browsers do)"
        ));
    }
    let page = Html::parse_document(&text);
    let root = page.root_element();
    let tally = Tally::of(*root);
    let article = tally.best.unwrap_or(root);
    let mut lines: Vec<super::Line> = Vec::new();
    if let Some(heading) = tally.first_heading
        && !article.descendants().any(|n| n.id() == heading.id())
    {
        lines.push((heading.text().collect(), Some(1)));
    }
    write_text(*article, &mut lines);
    (lines, notes)
}

/// The deepest nesting a page keeps: deeper elements' tags are left out and their text kept, as
/// browsers cap the tree (Chromium at 512). The HTML parser's scope checks walk the stack of open
/// elements, so a page nested 100,000 deep would take minutes.
const MAX_DEPTH: usize = 512;

/// Elements whose content is raw text, where `<` opens no tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Elements without content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
];

/// Elements a new one of the same name closes (an unclosed `<p>` or `<li>` is no deeper level).
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "option", "tr", "td", "th"];

/// `html` with the tags of elements nested deeper than `limit` left out (their text kept), and how
/// many were left out; `html` itself, borrowed, when none is. One linear pass over the tags, with
/// a count per open name so that a closing tag finds its element without searching the stack.
fn flatten_deep_nesting(html: &str, limit: usize) -> (std::borrow::Cow<'_, str>, usize) {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0; // bytes of `html` before this are in `out` (or left out)
    let mut stack: Vec<(String, bool)> = Vec::new(); // (name, tag kept)
    let mut open: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut left_out = 0usize;
    let mut at = 0;
    while let Some(found) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + found;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(html.len(), |end| start + end + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            at = start + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(bytes, name_start + name_len);
        let self_closed = bytes[..end].ends_with(b"/>");
        at = end;
        if closing {
            if open.get(&name).copied().unwrap_or(0) == 0 {
                continue;
            }
            while let Some((top, kept)) = stack.pop() {
                *open.entry(top.clone()).or_default() -= 1;
                if top == name {
                    if !kept {
                        out.push_str(&html[copied..start]);
                        copied = end;
                    }
                    break;
                }
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // Its content up to its closing tag is text, whatever it holds.
            let close = format!("</{name}");
            at = find_ignoring_case(html, end, &close).unwrap_or(html.len());
            continue;
        }
        if self_closed || VOID.contains(&name.as_str()) {
            continue;
        }
        if SELF_CLOSING_SIBLINGS.contains(&name.as_str())
            && stack.last().is_some_and(|(top, _)| *top == name)
            && let Some((top, _)) = stack.pop()
        {
            *open.entry(top).or_default() -= 1;
        }
        let kept = stack.len() < limit;
        if !kept {
            out.push_str(&html[copied..start]);
            copied = end;
            left_out += 1;
        }
        *open.entry(name.clone()).or_default() += 1;
        stack.push((name, kept));
    }
    if left_out == 0 {
        return (std::borrow::Cow::Borrowed(html), 0);
    }
    out.push_str(&html[copied..]);
    (std::borrow::Cow::Owned(out), left_out)
}

/// The byte after the `>` that ends a tag whose attributes start at `from` (quoted values may hold
/// `>`), or the end of the page.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// Where `needle` (ASCII) next occurs in `haystack` from `from`, without regard to ASCII case.
fn find_ignoring_case(haystack: &str, from: usize, needle: &str) -> Option<usize> {
    let bytes = haystack.as_bytes();
    let needle = needle.as_bytes();
    (from..bytes.len().saturating_sub(needle.len() - 1))
        .find(|&i| bytes[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The level of an `h1`–`h6` element.
fn heading_level(name: &str) -> Option<u8> {
    let digit = name.strip_prefix('h')?;
    (digit.len() == 1).then(|| digit.parse().ok()).flatten()
}

fn name_of(node: NodeRef<'_, Node>) -> Option<&str> {
    node.value().as_element().map(|e| e.name())
}

fn dropped(node: NodeRef<'_, Node>) -> bool {
    name_of(node).is_some_and(|n| DROPPED.contains(&n))
}

/// What one walk over the page finds: the block with the best score (its own text plus half its
/// block children's own text) and the first `h1` outside dropped elements.
///
/// The walk is iterative (an open/close traversal), and each node's figures are summed once from
/// its children's, so time and stack stay linear in the page however deep its nesting.
struct Tally<'a> {
    best: Option<ElementRef<'a>>,
    first_heading: Option<ElementRef<'a>>,
}

/// A node's Han characters: `inline` — its text and its inline children's, links and dropped
/// elements left out; `own` — the text directly in it and in its inline or paragraph children.
#[derive(Default, Clone, Copy)]
struct Han {
    inline: usize,
    own: usize,
}

impl<'a> Tally<'a> {
    fn of(root: NodeRef<'a, Node>) -> Self {
        let mut tally = Tally {
            best: None,
            first_heading: None,
        };
        let mut best_score = 0;
        // One frame per open node: its figures so far, and the sum of its children's `own`.
        let mut frames: Vec<(Han, usize)> = Vec::new();
        // The depth at which a dropped element opened, while inside it.
        let mut dropped_at: Option<usize> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if dropped_at.is_none() && dropped(node) {
                        dropped_at = Some(frames.len());
                    }
                    if dropped_at.is_none()
                        && tally.first_heading.is_none()
                        && name_of(node) == Some("h1")
                    {
                        tally.first_heading = ElementRef::wrap(node);
                    }
                    frames.push((Han::default(), 0));
                }
                Edge::Close(node) => {
                    let Some((mut han, children_own)) = frames.pop() else {
                        continue;
                    };
                    let inside_dropped = dropped_at.is_some_and(|depth| depth <= frames.len());
                    if dropped_at == Some(frames.len()) {
                        dropped_at = None;
                    }
                    let mut as_child = Han::default();
                    match node.value() {
                        Node::Text(t) => {
                            let n = crate::chars::han_count(t);
                            han = Han { inline: n, own: 0 };
                            as_child = Han { inline: n, own: n };
                        }
                        Node::Element(e) => {
                            if !inside_dropped {
                                let score = 2 * han.own + children_own;
                                // Ties go to the later-closing node: an ancestor, or a later sibling.
                                if score > 0 && score >= best_score {
                                    best_score = score;
                                    tally.best = ElementRef::wrap(node);
                                }
                            }
                            let name = e.name();
                            let counted = name != "a" && !DROPPED.contains(&name);
                            as_child.inline = if counted { han.inline } else { 0 };
                            as_child.own = if name == "p" || INLINE.contains(&name) {
                                han.inline
                            } else {
                                0
                            };
                        }
                        _ => {}
                    }
                    if let Some((parent, parent_children_own)) = frames.last_mut() {
                        parent.inline += as_child.inline;
                        parent.own += as_child.own;
                        *parent_children_own += han.own;
                    }
                }
            }
        }
        tally
    }
}

/// The lines of `article`'s text: a block element ends a line, a table cell a cell, and in
/// `<pre>` a line break is a line. Iterative, as [`Tally::of`].
fn write_text(article: NodeRef<'_, Node>, lines: &mut Vec<super::Line>) {
    let mut current = String::new();
    let mut in_pre = article
        .ancestors()
        .filter(|n| name_of(*n) == Some("pre"))
        .count();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in article.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) if in_pre > 0 => {
                        // In <pre> (LibreOffice's export of a text file) a line break is a line.
                        for (k, piece) in t.split('\n').enumerate() {
                            if k > 0 {
                                lines.push((std::mem::take(&mut current), None));
                            }
                            current.push_str(piece.trim_end_matches('\r'));
                        }
                    }
                    Node::Text(t) => {
                        // Source line breaks inside a paragraph are layout, not text.
                        current.extend(
                            t.chars()
                                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
                        );
                    }
                    Node::Element(e) => {
                        if node != article && dropped(node) {
                            skipping = Some(node.id());
                            continue;
                        }
                        if e.name() == "pre" {
                            in_pre += 1;
                        }
                        if node != article && BLOCKS.contains(&e.name()) {
                            lines.push((std::mem::take(&mut current), None));
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                let Node::Element(e) = node.value() else {
                    continue;
                };
                if e.name() == "pre" {
                    in_pre -= 1;
                }
                if node == article {
                    continue;
                }
                if BLOCKS.contains(&e.name()) {
                    lines.push((std::mem::take(&mut current), heading_level(e.name())));
                } else if e.name() == "td" || e.name() == "th" {
                    current.push(' ');
                }
            }
        }
    }
    lines.push((current, None));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_is_kept_and_the_page_around_it_dropped() {
        let page = r#"<!DOCTYPE html><html><head><title>通知_中国政府网</title>
<style>.x{font-family:monospace}</style><script>var 导航 = "首页";</script></head>
<body><div class="header"><a href="/">首页</a> <a href="/zc">政策</a> <a href="/hd">互动交流</a></div>
<nav><ul><li><a href="/1">国务院</a></li><li><a href="/2">总理</a></li></ul></nav>
<h1>国务院关于加强网络安全工作的通知</h1>
<div id="zoom"><p>各省、自治区、直辖市人民政府：</p>
<p>为深入贯彻落实党中央决策部署，<span style="font-family:仿宋">进一步加强网络安全工作</span>，现通知如下。</p>
<p>一、提高思想认识&nbsp;&amp;&nbsp;压实责任。</p></div>
<div class="footer">主办单位：国务院办公厅 <a href="/about">网站地图</a> 版权所有</div></body></html>"#;
        let (text, headings) = super::super::join_paragraphs(main_text(page.as_bytes()).0);
        assert_eq!(headings, [(1, 1)]);
        assert_eq!(
            text,
            "国务院关于加强网络安全工作的通知\n各省、自治区、直辖市人民政府：\n为深入贯彻落实党中央决策部署，进一步加强网络安全工作，现通知如下。\n一、提高思想认识\u{a0}&\u{a0}压实责任。\n"
        );
    }

    #[test]
    fn a_gbk_page_is_decoded() {
        let page = "<html><body><p>全县网络安全和信息化工作会议在县委召开，会议传达了上级精神。</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let (text, _) = super::super::join_paragraphs(main_text(&bytes).0);
        assert!(text.contains("全县网络安全和信息化工作会议"));
    }
}
