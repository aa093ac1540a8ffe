//! Furniture repeated across files: the [`Normalized`] texts of one corpus → for each text, the
//! lines (as boilerplate keys) that are its web page's furniture because the pages of one source
//! repeat them.
//!
//! The per-file rules know interface words (下载 打印 分享) and footer shapes (ICP备, 主办：… 承办：…);
//! a portal also prints lines of its own (its name, a slogan, a menu item such as 走进北京) that no
//! vocabulary holds. Such a line is furniture when
//! - it stands in the page's margin (before the document's first paragraph of prose or after its
//!   last), is short, and is no heading, title, subtitle, salutation, date, speaker or attachment
//!   label;
//! - in its file it is joined to furniture the per-file rules already removed, through nothing but
//!   other such lines (so a document's own closing lines, which sit beside its date, stay);
//! - and it is so in at least [`MIN_FILES`] files: the pages of one source.

use super::FindingKind;
use super::Normalized;
use super::boilerplate::{TITLE_ENDINGS, line_key};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Files in which a line must be furniture for it to be taken as the source's.
pub const MIN_FILES: usize = 2;
/// Longest line taken for furniture, in characters.
const MAX_CHARS: usize = 40;
/// A paragraph this long, or with a sentence end, is the document's prose.
const PROSE_CHARS: usize = 40;

/// Lines that belong to the document even in its margin: offices and speakers (北京市市长 殷勇),
/// dates, attachments.
static OWN_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"省长|市长|县长|区长|州长|旗长|主席|书记|总理|部长|厅长|局长|主任|代表|委员|\d{4}年|\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年|^附件|^附表|^抄送|^印发",
    )
    .expect("a valid pattern")
});

/// For each text, the keys of its lines that are furniture repeated across the texts' pages.
pub fn repeated(texts: &[&Normalized]) -> Vec<Vec<String>> {
    let found: Vec<Vec<String>> = texts.iter().map(|n| joined_to_furniture(n)).collect();
    let mut files: HashMap<&str, usize> = HashMap::new();
    for keys in &found {
        for key in keys {
            *files.entry(key.as_str()).or_default() += 1;
        }
    }
    found
        .iter()
        .map(|keys| {
            keys.iter()
                .filter(|k| files[k.as_str()] >= MIN_FILES)
                .cloned()
                .collect()
        })
        .collect()
}

/// What a line of the margin is, on the way from furniture to the document's own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    /// A line a per-file rule removed.
    Removed,
    /// A margin line that may be furniture.
    Candidate,
    /// Anything else: the document's own text.
    Own,
}

/// The keys of the margin lines of `n` joined to removed furniture, each once.
fn joined_to_furniture(n: &Normalized) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut at = 0;
    for para in n.text.split('\n') {
        let end = at + para.len();
        if !para.trim().is_empty() {
            let first = n.map.original_line(at);
            let last = n.map.original_line(end.saturating_sub(1).max(at));
            paragraphs.push((first, last, para));
        }
        at = end + 1;
    }
    let prose = |p: &str| {
        p.chars().any(|c| matches!(c, '。' | '！' | '？')) || p.chars().count() > PROSE_CHARS
    };
    let (Some(first), Some(last)) = (
        paragraphs.iter().position(|p| prose(p.2)),
        paragraphs.iter().rposition(|p| prose(p.2)),
    ) else {
        return Vec::new();
    };
    let mut events: Vec<(u32, Event, Option<&str>)> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, &(line, end, text))| {
            let margin = i < first || i > last;
            let kind = if margin && line == end && may_be_furniture(text) {
                Event::Candidate
            } else {
                Event::Own
            };
            (line, kind, Some(text))
        })
        .collect();
    events.extend(
        n.findings
            .iter()
            .filter(|f| f.kind == FindingKind::Boilerplate)
            .map(|f| (f.line, Event::Removed, None)),
    );
    events.sort_by_key(|e| (e.0, e.1 == Event::Own));
    let mut keys: Vec<String> = Vec::new();
    let mut run_start = 0;
    for i in 0..=events.len() {
        if i < events.len() && events[i].1 != Event::Own {
            continue;
        }
        let run = &events[run_start..i];
        if run.iter().any(|e| e.1 == Event::Removed) {
            for e in run.iter().filter(|e| e.1 == Event::Candidate) {
                let key = line_key(e.2.expect("a paragraph"));
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        run_start = i + 1;
    }
    keys
}

/// A short margin line that is none of the document's own kinds of line.
fn may_be_furniture(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= MAX_CHARS
        && t.chars().any(crate::chars::is_han)
        && !t.ends_with(['：', ':', '！', '!', '？', '?', '，'])
        && !t.starts_with(['—', '－', '-', '（', '('])
        && !t.contains('《')
        && crate::structure::heading_marker(t).is_none()
        && crate::structure::article_number(t).is_none()
        && !TITLE_ENDINGS.iter().any(|e| t.ends_with(e))
        && !OWN_LINE.is_match(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(name: &str, slogan: &str, body: &str, closing: &str) -> Normalized {
        crate::normalize::normalized(&format!(
            "首页 > 政务公开 > 政府工作报告\n{name}\n{slogan}\n政府工作报告\n——2026年1月12日在市人民代表大会上\n【字体：大 中 小】 打印 分享\n各位代表：\n{body}\n{closing}\n2026年1月30日\n【打印】 【关闭】\n{name}\n主办：市人民政府办公厅\n"
        ))
    }

    #[test]
    fn a_line_of_one_source_beside_its_furniture_in_two_pages_is_furniture() {
        let a = page(
            "宁州市人民政府网",
            "走进宁州",
            "现在，我代表市人民政府，向大会报告政府工作，请予审议。",
            "宁州市人民政府",
        );
        let b = page(
            "宁州市人民政府网",
            "走进宁州",
            "过去一年，全市经济运行稳中有进，城乡居民收入稳步增长。",
            "宁州市人民政府",
        );
        let found = repeated(&[&a, &b]);
        for keys in &found {
            // The site's name and slogan, above and below, and the lone 主办 line.
            assert!(keys.contains(&"走进宁州".to_string()), "{keys:?}");
            assert!(
                keys.contains(&"主办：市人民政府办公厅".to_string()),
                "{keys:?}"
            );
            // The document's closing line sits beside its date, not beside furniture.
            assert!(!keys.contains(&"宁州市人民政府".to_string()), "{keys:?}");
            // Titles and salutations are the document's.
            assert!(
                !keys
                    .iter()
                    .any(|k| k.contains("政府工作报告") || k.contains("代表"))
            );
        }
        // One page alone repeats nothing.
        assert_eq!(repeated(&[&a]), vec![Vec::<String>::new()]);
    }
}
