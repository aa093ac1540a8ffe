//! `index.html`: the outline ([`Block`]s) and charts → one self-contained page: CSS inline, charts
//! inline as SVG (each with a `<title>`), nothing fetched; with the report's [`Explore`] data
//! embedded, a small script of ours (`assets/js/explore.js`) adds search, filters by level, year
//! and region, contexts on a click and sortable tables to the static page; a header, a table of contents
//! (`<nav>`) linked to anchored headings, and the body in `<main>`. Readable on a phone (fluid width, tables scroll) and
//! printable (charts and rows never split across pages). All document text is escaped.

use crate::present::explore::Explore;
use crate::present::labels::Lang;
use crate::present::{Block, Inline};
use crate::render::charts::{self, Chart};
use std::fmt::Write;

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "\
:root{--ink:#1d1d1f;--muted:#6b6b70;--line:#dcdce0;--del:#fde2e1;--ins:#dcf3de}\
*{box-sizing:border-box}\
body{font-family:'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif;\
color:var(--ink);line-height:1.75;margin:0 auto;padding:1rem;max-width:72rem;font-size:16px}\
h1{font-size:1.7rem;border-bottom:3px solid #b22222;padding-bottom:.3rem}\
h2{font-size:1.35rem;margin-top:2.2rem;border-bottom:1px solid var(--line)}\
h3{font-size:1.15rem;margin-top:1.6rem}h4{font-size:1rem;margin:1.2rem 0 .4rem}\
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5rem 0 1rem}\
table{border-collapse:collapse;font-size:.92rem;min-width:60%}\
th,td{border:1px solid var(--line);padding:.3rem .55rem;text-align:left;vertical-align:top}\
th{background:#f4f4f6;white-space:nowrap}\
del{background:var(--del);color:#9b1c1c}ins{background:var(--ins);color:#14612a;text-decoration:none}\
cite{font-style:normal;color:var(--muted);font-size:.85em;white-space:nowrap}\
figure{margin:1rem 0;break-inside:avoid}figure svg{width:100%;height:auto;max-width:900px;display:block}\
figcaption{color:var(--muted);font-size:.9rem}\
@media (max-width:600px){body{font-size:15px;padding:.6rem}h1{font-size:1.4rem}th,td{min-width:6.5em;overflow-wrap:anywhere}figure{overflow-x:auto}figure svg{min-width:620px}}\
nav ul{list-style:none;padding-left:1.2em;margin:.2rem 0}nav>ul{padding-left:0}\
@page{size:A4;margin:18mm 16mm}\
@media print{body{max-width:none}.scroll{overflow:visible}tr,figure{break-inside:avoid}h2,h3{break-after:avoid}}";

/// The page's script: search, filters, contexts and sortable tables over the embedded data.
const SCRIPT: &str = include_str!("../../../assets/js/explore.js");

const EXPLORE_STYLE: &str = "\
#explore{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line);\
padding:.4rem 0;display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;font-size:.92rem}\
#explore[hidden],#contexts[hidden]{display:none}\
#explore input{flex:1 1 12rem;min-width:10rem;padding:.3rem .5rem;font:inherit}\
#explore select{font:inherit;padding:.2rem}#explore-results{flex-basis:100%;display:flex;flex-wrap:wrap;gap:.3rem}\
#explore-results:empty{display:none}\
button.term{font:inherit;border:1px solid var(--line);background:#f4f4f6;border-radius:3px;padding:.1rem .4rem;cursor:pointer}\
.term{cursor:pointer;text-decoration:underline dotted #b22222}\
#contexts{position:sticky;bottom:0;z-index:2;background:#fffdf6;border:1px solid var(--line);\
padding:.5rem .8rem;max-height:45vh;overflow:auto;margin:.5rem 0}\
.contexts-head button{float:right;font:inherit}.contexts-lines{padding-left:1.6em;margin:.3rem 0}\
.contexts-lines .left{color:var(--muted)}.contexts-lines .right{color:var(--muted)}\
mark{background:#fff1a8}.note{color:var(--muted);font-size:.85rem}\
body.filtered .filter-note{display:block}.filtered-out{display:none}.filter-note{display:none;color:var(--muted);font-size:.85rem;flex-basis:100%}\
th[aria-sort=ascending]::after{content:' ▲'}th[aria-sort=descending]::after{content:' ▼'}\
details>summary{cursor:pointer;color:#b22222;margin:.3rem 0}\
@media print{#explore,#contexts{display:none}}";

/// The page of `blocks`; with `explore`, the search, filters, contexts and sortable tables too
/// (the report's index.html), its data embedded in the page.
pub fn render(blocks: &[Block], charts: &[Chart], lang: Lang, explore: Option<&Explore>) -> String {
    let html_lang = if lang == Lang::Zh { "zh-CN" } else { "en" };
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading(1, t) => Some(t.as_str()),
            _ => None,
        })
        .unwrap_or("tifa");
    let mut page = Page {
        out: String::new(),
        blocks,
        charts,
        lang,
        explore,
        main_open: false,
        anchor: 0,
        parts: 0,
    };
    let style = if explore.is_some() {
        format!("{STYLE}{EXPLORE_STYLE}")
    } else {
        STYLE.to_string()
    };
    let _ = write!(
        page.out,
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{style}</style>\n</head>\n<body>\n",
        escape(title)
    );
    for block in blocks {
        page.block(block);
    }
    let mut out = page.out;
    if page.main_open {
        out.push_str("</main>\n");
    }
    if let Some(explore) = explore {
        // JSON inside a script element: `<` escaped so that no text closes the element.
        let json = serde_json::to_string(explore)
            .expect("plain values")
            .replace('<', "\\u003c");
        let _ = writeln!(
            out,
            "<script type=\"application/json\" id=\"tifa-data\">{json}</script>\n<script>{SCRIPT}</script>"
        );
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The page being written, block by block.
struct Page<'a> {
    out: String,
    blocks: &'a [Block],
    charts: &'a [Chart],
    lang: Lang,
    explore: Option<&'a Explore>,
    main_open: bool,
    anchor: usize,
    /// Level-2 parts so far: the first (the briefing) opens the page; the contents follow it.
    parts: usize,
}

impl Page<'_> {
    fn open_main(&mut self) {
        if self.main_open {
            return;
        }
        self.out.push_str("<main>\n");
        self.main_open = true;
        if let Some(explore) = self.explore {
            // Hidden until the script shows them: without JavaScript the page is the report.
            let l = &explore.labels;
            let _ = writeln!(
                self.out,
                "<div id=\"explore\" hidden><input id=\"explore-q\" type=\"search\" placeholder=\"{}\" aria-label=\"{}\">\
                 {}{}{}<div id=\"explore-results\"></div><p class=\"filter-note\">{}</p></div>\n\
                 <aside id=\"contexts\" aria-label=\"{}\" hidden></aside>",
                escape(&l.search),
                escape(&l.search),
                select("level", &l.level, &l.all),
                select("year", &l.year, &l.all),
                select("region", &l.region, &l.all),
                escape(&l.filtered),
                escape(&l.contexts),
            );
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(1, text) if !self.main_open => {
                let _ = writeln!(self.out, "<header><h1>{}</h1></header>", escape(text));
                self.open_main();
            }
            Block::Heading(level, text) => {
                self.open_main();
                if *level == 2 {
                    self.parts += 1;
                    if self.parts == 2 {
                        contents(self.blocks, self.lang, &mut self.out);
                    }
                }
                if *level <= CONTENTS_DEPTH {
                    self.anchor += 1;
                    let _ = writeln!(
                        self.out,
                        "<h{level} id=\"s{}\">{}</h{level}>",
                        self.anchor,
                        escape(text)
                    );
                } else {
                    let _ = writeln!(self.out, "<h{level}>{}</h{level}>", escape(text));
                }
            }
            Block::Paragraph(inlines) => {
                let _ = writeln!(self.out, "<p>{}</p>", inline(inlines));
            }
            Block::Table { header, rows } => table(header, rows, &mut self.out),
            Block::List(items) => {
                self.out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(self.out, "<li>{}</li>", inline(item));
                }
                self.out.push_str("</ul>\n");
            }
            Block::Chart(id) => {
                if let Some(chart) = charts::find(self.charts, *id) {
                    figure(chart, &mut self.out);
                }
            }
            Block::Details { summary, blocks } => {
                let _ = writeln!(self.out, "<details><summary>{}</summary>", escape(summary));
                for inner in blocks {
                    self.block(inner);
                }
                self.out.push_str("</details>\n");
            }
        }
    }
}

/// A filter's drop-down, filled by the script from the documents.
fn select(key: &str, label: &str, all: &str) -> String {
    format!(
        "<select id=\"explore-{key}\" aria-label=\"{0}\"><option value=\"\">{0}：{1}</option></select>",
        escape(label),
        escape(all)
    )
}

fn inline(parts: &[Inline]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Inline::Text(s) => escape(s),
            Inline::Strong(s) => format!("<strong>{}</strong>", escape(s)),
            Inline::Del(s) => format!("<del>{}</del>", escape(s)),
            Inline::Ins(s) => format!("<ins>{}</ins>", escape(s)),
            Inline::Cite(s) => format!("<cite>{}</cite>", escape(s)),
            Inline::File(s) => format!("<a href=\"{0}\">{0}</a>", escape(s)),
        })
        .collect()
}

fn table(header: &[String], rows: &[Vec<Vec<Inline>>], out: &mut String) {
    out.push_str("<div class=\"scroll\"><table>\n<thead><tr>");
    for h in header {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", inline(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

/// Headings down to this level get an anchor and a line in the table of contents.
const CONTENTS_DEPTH: u8 = 3;

/// A line of the table of contents: the heading's anchor number and text.
type Entry<'b> = (usize, &'b str);

/// The table of contents: every heading of levels 2 and 3 (after the title), linked to its
/// anchor, nested by level.
fn contents(blocks: &[Block], lang: Lang, out: &mut String) {
    let mut anchor = 0;
    let mut entries: Vec<(u8, usize, &str)> = Vec::new();
    let mut seen_title = false;
    for block in blocks {
        if let Block::Heading(level, text) = block {
            if *level == 1 && !seen_title {
                seen_title = true;
                continue;
            }
            if *level <= CONTENTS_DEPTH {
                anchor += 1;
                entries.push((*level, anchor, text));
            }
        }
    }
    if entries.is_empty() {
        return;
    }
    // Level-2 entries with their level-3 entries beneath (a level 3 before any level 2 stands
    // on its own).
    let mut tree: Vec<(Entry, Vec<Entry>)> = Vec::new();
    for (level, anchor, text) in entries {
        match tree.last_mut() {
            Some((_, children)) if level > 2 => children.push((anchor, text)),
            _ => tree.push(((anchor, text), Vec::new())),
        }
    }
    let label = lang.pick("目录", "Contents");
    // The headings carry their own numbers (一、, （二）): the list adds none.
    let _ = write!(out, "<nav aria-label=\"{label}\"><h2>{label}</h2>\n<ul>");
    let link =
        |(anchor, text): (usize, &str)| format!("<a href=\"#s{anchor}\">{}</a>", escape(text));
    for (entry, children) in tree {
        out.push_str("<li>");
        out.push_str(&link(entry));
        if !children.is_empty() {
            out.push_str("<ul>");
            for child in children {
                let _ = write!(out, "<li>{}</li>", link(child));
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></nav>\n");
}

/// The chart's SVG inline, without the XML declaration plotters may write, titled for screen
/// readers (`<title>` as its first child) and captioned.
fn figure(chart: &Chart, out: &mut String) {
    let svg = chart
        .svg
        .find("<svg")
        .map_or(chart.svg.as_str(), |at| &chart.svg[at..]);
    let titled = match svg.find('>') {
        Some(end) => format!(
            "{} role=\"img\">\n<title>{}</title>{}",
            &svg[..end],
            escape(&chart.title),
            &svg[end + 1..]
        ),
        None => svg.to_string(),
    };
    let _ = writeln!(
        out,
        "<figure id=\"{}\">{titled}<figcaption>{}</figcaption></figure>",
        escape(&chart.name()),
        escape(&format!("{}。{}", chart.title, chart.caption))
    );
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use crate::present::labels::Lang;

    #[test]
    fn the_fixed_blocks_print_as_one_page_that_prints_on_a4() {
        let html = super::render(&fixture::blocks(), &fixture::charts(), Lang::Zh, None);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
        assert!(html.contains("@page{size:A4"));
        // The briefing opens the page; the contents follow it, each part numbered once (by its
        // own 一、 / 二、, not again by a list marker).
        let briefing = html.find("一、要点").unwrap();
        let nav = html.find("<nav").unwrap();
        assert!(briefing < nav, "the contents come after the briefing");
        assert!(html.contains("<ins>加紧</ins>") && html.contains("<del>加快</del>"));
        assert!(html.contains("&lt;市场&gt; &amp;"));
        assert!(html.contains("<a href=\"redlines/01-gwr-2025-gwr-2026.docx\">"));
        assert_eq!(
            html.matches("<figure").count(),
            1,
            "the trend chart was not drawn"
        );
        insta::assert_snapshot!(html);
    }
}
