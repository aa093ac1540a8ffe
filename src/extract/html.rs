//! Web pages (.html, .htm): the page's main text, one line per paragraph. Scripts, styles,
//! navigation, headers, footers, forms and side bars are dropped; of what is left, the block that
//! holds the most running Chinese text that is not link text is the article (a block's score is its
//! own text plus half of its children's own text, so an article split into many small blocks is
//! found through their parent). The page's first heading is kept above it when it lies outside.

use ego_tree::NodeRef;
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

pub(super) fn main_text(bytes: &[u8]) -> Vec<super::Line> {
    // A page saved as GBK or GB18030 (older government sites) is decoded like any text file.
    let text = crate::decode::decode(bytes, None)
        .map_or_else(|_| String::from_utf8_lossy(bytes).into_owned(), |d| d.text);
    let page = Html::parse_document(&text);
    let root = page.root_element();
    let article = best_block(root).unwrap_or(root);
    let mut lines: Vec<super::Line> = Vec::new();
    if let Some(heading) = first_heading(root)
        && !article.descendants().any(|n| n.id() == heading.id())
    {
        lines.push((heading.text().collect(), Some(1)));
    }
    let mut current = String::new();
    write_text(*article, &mut current, &mut lines);
    lines.push((current, None));
    lines
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

fn first_heading(root: ElementRef<'_>) -> Option<ElementRef<'_>> {
    root.descendants()
        .filter(|n| !n.ancestors().any(dropped))
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "h1")
}

/// Han characters of the text directly in `node` and in its inline children, links left out.
fn own_han(node: NodeRef<'_, Node>) -> usize {
    node.children()
        .map(|child| match child.value() {
            Node::Text(t) => crate::chars::han_count(t),
            Node::Element(e) if e.name() == "p" || INLINE.contains(&e.name()) => inline_han(child),
            _ => 0,
        })
        .sum()
}

/// Han characters of an inline element (or a paragraph), links left out.
fn inline_han(node: NodeRef<'_, Node>) -> usize {
    node.children()
        .map(|child| match child.value() {
            Node::Text(t) => crate::chars::han_count(t),
            Node::Element(e) if e.name() == "a" || dropped(child) => 0,
            Node::Element(_) => inline_han(child),
            _ => 0,
        })
        .sum()
}

/// The block with the best score: its own text plus half its block children's own text.
fn best_block(root: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let mut best: Option<(usize, ElementRef<'_>)> = None;
    let mut stack = vec![*root];
    while let Some(node) = stack.pop() {
        if dropped(node) {
            continue;
        }
        if node.value().is_element() {
            let score = 2 * own_han(node) + node.children().map(own_han).sum::<usize>();
            if score > 0 && best.is_none_or(|(s, _)| score > s) {
                best = ElementRef::wrap(node).map(|e| (score, e));
            }
        }
        stack.extend(node.children());
    }
    best.map(|(_, e)| e)
}

fn write_text(node: NodeRef<'_, Node>, current: &mut String, lines: &mut Vec<super::Line>) {
    let preformatted = node
        .ancestors()
        .chain([node])
        .any(|n| name_of(n) == Some("pre"));
    for child in node.children() {
        match child.value() {
            Node::Text(t) if preformatted => {
                // In <pre> (LibreOffice's export of a text file) a line break is a line.
                for (k, piece) in t.split('\n').enumerate() {
                    if k > 0 {
                        lines.push((std::mem::take(current), None));
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
            Node::Element(_) if dropped(child) => {}
            Node::Element(e) if BLOCKS.contains(&e.name()) => {
                lines.push((std::mem::take(current), None));
                write_text(child, current, lines);
                lines.push((std::mem::take(current), heading_level(e.name())));
            }
            Node::Element(e) if e.name() == "td" || e.name() == "th" => {
                write_text(child, current, lines);
                current.push(' ');
            }
            Node::Element(_) => write_text(child, current, lines),
            _ => {}
        }
    }
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
        let (text, headings) = super::super::join_paragraphs(main_text(page.as_bytes()));
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
        let (text, _) = super::super::join_paragraphs(main_text(&bytes));
        assert!(text.contains("全县网络安全和信息化工作会议"));
    }
}
