//! Structure: normalized text (`&str`) → [`Structure`]: paragraphs, headings with their levels,
//! sentences with the section path they sit in, and enumeration items (一是…二是…, 一要…, 首先…).
//! Everything is a [`Span`] into the normalized text; nothing is copied.

use crate::chars::{cn_number, ends_sentence, is_closing, is_cn_numeral};
use serde::{Deserialize, Serialize};

/// A byte range into one normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// How a heading is numbered; the order is the nesting order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkerStyle {
    /// A heading by its paragraph style in a Word or OpenDocument file (标题 1 …), level 1–9,
    /// without a number in its text.
    Styled(u8),
    /// 第一部分, 第二章
    Part,
    /// 一、
    Numeral,
    /// （一）
    BracketNumeral,
    /// 1. 1、
    Digit,
    /// （1）
    BracketDigit,
}

/// The numbering at the start of a heading line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marker {
    pub style: MarkerStyle,
    pub ordinal: u32,
    /// Length of the marker in bytes.
    pub len: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// The heading's text: the whole line, or the run-in first sentence of its paragraph.
    pub span: Span,
    pub marker: Marker,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
    /// Indices into [`Structure::headings`], outermost first.
    pub section: Vec<usize>,
    /// Set when the sentence is itself a heading.
    pub heading: Option<usize>,
}

/// One item of an enumeration: 一是 / 二要 / 首先 / 第一 … up to the end of its sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumerationItem {
    pub span: Span,
    /// The marker as written: 一是, 二要, 首先, 第三.
    pub marker: String,
    pub ordinal: u32,
    pub sentence: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Structure {
    pub paragraphs: Vec<Span>,
    pub headings: Vec<Heading>,
    pub sentences: Vec<Sentence>,
    pub enumerations: Vec<EnumerationItem>,
}

impl Structure {
    /// The section path of a sentence as heading markers, e.g. `二、/（三）`; empty before any heading.
    pub fn section_label(&self, text: &str, sentence: usize) -> String {
        self.sentences[sentence]
            .section
            .iter()
            .map(|&h| {
                let heading = &self.headings[h];
                if heading.marker.len == 0 {
                    // A styled heading has no number: its first words name it.
                    let words: String = heading.span.of(text).chars().take(6).collect();
                    return format!("{words}…");
                }
                text[heading.span.start..heading.span.start + heading.marker.len].to_string()
            })
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// The article a text starts with, as in laws and regulations: `第十二条` → (12, byte length of
/// `第十二条`), also `第十二条之一` (the article inserted after 12, numbered 12 as well).
pub fn article_number(text: &str) -> Option<(u32, usize)> {
    let rest = text.strip_prefix('第')?;
    let numerals: String = rest.chars().take_while(|&c| is_cn_numeral(c)).collect();
    if numerals.is_empty() {
        return None;
    }
    let after = rest[numerals.len()..].strip_prefix('条')?;
    let number = cn_number(&numerals)?;
    let mut len = '第'.len_utf8() + numerals.len() + '条'.len_utf8();
    if let Some(tail) = after.strip_prefix('之') {
        let sub: String = tail.chars().take_while(|&c| is_cn_numeral(c)).collect();
        if !sub.is_empty() {
            len += '之'.len_utf8() + sub.len();
        }
    }
    Some((number, len))
}

/// Recognises a heading number at the start of `text`.
pub fn heading_marker(text: &str) -> Option<Marker> {
    let chars: Vec<char> = text.chars().take(8).collect();
    let numerals = chars.iter().take_while(|c| is_cn_numeral(**c)).count();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let byte_len = |n: usize| chars[..n].iter().map(|c| c.len_utf8()).sum::<usize>();
    let numeral_value =
        |from: usize, n: usize| cn_number(&chars[from..from + n].iter().collect::<String>());
    let digit_value = |from: usize, n: usize| {
        chars[from..from + n]
            .iter()
            .collect::<String>()
            .parse::<u32>()
            .ok()
    };

    if chars.first() == Some(&'第') {
        let n = chars[1..].iter().take_while(|c| is_cn_numeral(**c)).count();
        let rest: String = chars[1 + n..].iter().take(2).collect();
        if n > 0 && (rest == "部分" || rest.starts_with('章')) {
            let len = byte_len(1 + n)
                + if rest == "部分" {
                    "部分".len()
                } else {
                    "章".len()
                };
            return Some(Marker {
                style: MarkerStyle::Part,
                ordinal: numeral_value(1, n)?,
                len,
            });
        }
        return None;
    }
    if numerals > 0 && chars.get(numerals) == Some(&'、') {
        let style = MarkerStyle::Numeral;
        return Some(Marker {
            style,
            ordinal: numeral_value(0, numerals)?,
            len: byte_len(numerals + 1),
        });
    }
    if (1..=2).contains(&digits) && matches!(chars.get(digits), Some('.' | '．' | '、')) {
        let next_is_digit = chars.get(digits + 1).is_some_and(|c| c.is_ascii_digit());
        if !next_is_digit {
            let style = MarkerStyle::Digit;
            return Some(Marker {
                style,
                ordinal: digit_value(0, digits)?,
                len: byte_len(digits + 1),
            });
        }
        return None;
    }
    if matches!(chars.first(), Some('（' | '(')) {
        let inner_numerals = chars[1..].iter().take_while(|c| is_cn_numeral(**c)).count();
        let inner_digits = chars[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        let (style, n, value) = if inner_numerals > 0 {
            (
                MarkerStyle::BracketNumeral,
                inner_numerals,
                numeral_value(1, inner_numerals),
            )
        } else if (1..=2).contains(&inner_digits) {
            (
                MarkerStyle::BracketDigit,
                inner_digits,
                digit_value(1, inner_digits),
            )
        } else {
            return None;
        };
        if matches!(chars.get(1 + n), Some('）' | ')')) {
            return Some(Marker {
                style,
                ordinal: value?,
                len: byte_len(n + 2),
            });
        }
    }
    None
}

/// Splits normalized text into paragraphs (lines), sentences, headings and enumeration items.
pub fn analyze(text: &str) -> Structure {
    analyze_with_styles(text, &|_| None)
}

/// [`analyze`], with the heading level (1–9) a paragraph's style gives it: `styled(start)` for the
/// paragraph starting at byte `start`. A number in the text (一、) still wins over the style.
pub fn analyze_with_styles(text: &str, styled: &dyn Fn(usize) -> Option<u8>) -> Structure {
    let mut structure = Structure::default();
    let mut open_sections: Vec<usize> = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let paragraph = Span::new(line_start, line_start + line.len());
        line_start = paragraph.end + 1;
        if line.is_empty() {
            continue;
        }
        let p = structure.paragraphs.len();
        structure.paragraphs.push(paragraph);
        let sentences = split_sentences(line, paragraph.start);
        let marker = heading_marker(line).or_else(|| {
            styled(paragraph.start).map(|level| Marker {
                style: MarkerStyle::Styled(level),
                ordinal: 0,
                len: 0,
            })
        });
        let heading = marker.map(|marker| Heading {
            span: sentences[0],
            marker,
        });
        if let Some(h) = heading.clone() {
            open_sections.retain(|&i| structure.headings[i].marker.style < h.marker.style);
            open_sections.push(structure.headings.len());
            structure.headings.push(h);
        }
        for (k, span) in sentences.into_iter().enumerate() {
            let s = structure.sentences.len();
            let is_heading = heading.is_some() && k == 0;
            structure.sentences.push(Sentence {
                span,
                paragraph: p,
                section: open_sections.clone(),
                heading: is_heading.then(|| structure.headings.len() - 1),
            });
            if !is_heading {
                find_enumeration_items(text, s, span, &mut structure.enumerations);
            }
        }
    }
    structure
}

/// Sentence spans of one paragraph: up to 。！？； and any closing quotes or brackets after them.
fn split_sentences(line: &str, offset: usize) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !ends_sentence(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if !(is_closing(next) || ends_sentence(next)) {
                break;
            }
            end = j + next.len_utf8();
            chars.next();
        }
        spans.push(Span::new(offset + start, offset + end));
        start = end;
    }
    if start < line.len() {
        spans.push(Span::new(offset + start, offset + line.len()));
    }
    spans
}

const ORDER_WORDS: &[(&str, u32)] = &[("首先", 1), ("其次", 2), ("再次", 3), ("最后", 99)];

/// Items start at the beginning of a sentence or right after a colon.
fn find_enumeration_items(
    text: &str,
    sentence: usize,
    span: Span,
    items: &mut Vec<EnumerationItem>,
) {
    let body = span.of(text);
    let mut starts = vec![0];
    starts.extend(body.match_indices('：').map(|(i, _)| i + '：'.len_utf8()));
    for at in starts {
        if let Some((marker, ordinal)) = enumeration_marker(&body[at..]) {
            let span = Span::new(span.start + at, span.end);
            items.push(EnumerationItem {
                span,
                marker,
                ordinal,
                sentence,
            });
        }
    }
}

fn enumeration_marker(s: &str) -> Option<(String, u32)> {
    let numerals: String = s
        .chars()
        .take_while(|c| is_cn_numeral(*c) && *c != '两')
        .take(3)
        .collect();
    if !numerals.is_empty() {
        let verb = s[numerals.len()..].chars().next()?;
        if matches!(verb, '是' | '要') {
            return Some((format!("{numerals}{verb}"), cn_number(&numerals)?));
        }
    }
    if let Some(rest) = s.strip_prefix('第') {
        let numerals: String = rest.chars().take_while(|c| is_cn_numeral(*c)).collect();
        let after = rest[numerals.len()..].chars().next();
        if !numerals.is_empty() && matches!(after, Some('，' | '、' | '是')) {
            return Some((format!("第{numerals}"), cn_number(&numerals)?));
        }
    }
    ORDER_WORDS.iter().find_map(|(word, ordinal)| {
        let after = s.strip_prefix(word)?.chars().next();
        matches!(after, Some('，' | '、' | '要' | '是')).then(|| (word.to_string(), *ordinal))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        let m = |s| heading_marker(s).map(|m| (m.style, m.ordinal));
        assert_eq!(m("一、深刻学习"), Some((MarkerStyle::Numeral, 1)));
        assert_eq!(m("（三）深刻把握"), Some((MarkerStyle::BracketNumeral, 3)));
        assert_eq!(m("12. 加强"), Some((MarkerStyle::Digit, 12)));
        assert_eq!(m("（2）加强"), Some((MarkerStyle::BracketDigit, 2)));
        assert_eq!(m("第二部分 主要任务"), Some((MarkerStyle::Part, 2)));
        assert_eq!(m("1月24日，全省"), None);
        assert_eq!(m("1.5亿元"), None);
        assert_eq!(m("（2019年2月18日）"), None);
    }

    #[test]
    fn sections_nest_and_sentences_keep_closing_quotes() {
        let text = "一、总体要求\n（一）坚持“五个明确。”学习。二是落实。\n二、主要任务\n做好工作。";
        let s = analyze(text);
        assert_eq!(s.headings.len(), 3);
        let texts: Vec<&str> = s.sentences.iter().map(|x| x.span.of(text)).collect();
        assert_eq!(
            texts,
            [
                "一、总体要求",
                "（一）坚持“五个明确。”",
                "学习。",
                "二是落实。",
                "二、主要任务",
                "做好工作。"
            ]
        );
        assert_eq!(s.section_label(text, 3), "一、/（一）");
        assert_eq!(s.section_label(text, 5), "二、");
        assert_eq!(s.enumerations.len(), 1);
        assert_eq!(s.enumerations[0].marker, "二是");
        assert_eq!(s.enumerations[0].ordinal, 2);
    }
}
