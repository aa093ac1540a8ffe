//! Normalization: [`Decoded`] text → [`Normalized`] text, an [`OffsetMap`] back to the file, and
//! the [`Finding`]s that record every change.
//!
//! The text is worked on as lines of `Ch` (a character with the byte offset it came from), so
//! that every rule — boilerplate, Markdown, pinyin glosses, Traditional → Simplified, punctuation,
//! widths, spaces, broken lines — keeps each character tied to its origin without extra book-keeping.
//! Paragraphs come out one per line, separated by a single `\n`.

mod boilerplate;
mod edits;
pub mod furniture;
mod lines;
mod script;

pub use boilerplate::{BoilerplateError, BoilerplateRules};
pub use script::query_to_simplified;

use crate::decode::Decoded;
use serde::{Deserialize, Serialize};

/// What kind of change a finding records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// CRLF or CR line ends turned into LF.
    LineEnding,
    /// A whole line dropped by a boilerplate rule (disclaimer, classification mark, page furniture).
    Boilerplate,
    /// Markdown emphasis markers removed.
    Markdown,
    /// A pinyin gloss after a character removed: 習(xí) → 習.
    PinyinGloss,
    /// Traditional characters converted to Simplified.
    Traditional,
    /// Half-width punctuation in Chinese context made full-width, or a dash unified.
    Punctuation,
    /// Full-width letters or digits made ASCII.
    Width,
    /// Spaces removed: indentation, or spaces between Chinese and numbers.
    Whitespace,
    /// A line broken inside a sentence joined to the next one.
    JoinedLine,
    /// Damage that cannot be repaired (a mangled character, undecodable bytes): marked □.
    Damage,
    /// Invisible characters removed: zero-width spaces and joiners, soft hyphens, bidi marks, control
    /// characters (ESC, BEL, form feeds),
    /// combining marks after Han characters.
    Invisible,
    /// A variant character (衞, 擧), a Kangxi or CJK radical (⼯ U+2F2F from a PDF) or a
    /// compatibility ideograph read as the standard character (卫, 举, 工): `data/variants.txt`.
    Variant,
    /// What reading the file's format had to simplify (nesting beyond a limit, a heading level
    /// outside 1–9): said once per file, at its first line.
    Extraction,
}

impl FindingKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::LineEnding => "line-ending",
            Self::Boilerplate => "boilerplate",
            Self::Markdown => "markdown",
            Self::PinyinGloss => "pinyin-gloss",
            Self::Traditional => "traditional",
            Self::Punctuation => "punctuation",
            Self::Width => "width",
            Self::Whitespace => "whitespace",
            Self::JoinedLine => "joined-line",
            Self::Damage => "damage",
            Self::Invisible => "invisible",
            Self::Variant => "variant",
            Self::Extraction => "extraction",
        }
    }
}

/// One change made to the text, where it was made, and what it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// 1-based line in the original file.
    pub line: u32,
    /// Byte offset in the original file.
    pub offset: u32,
    pub before: String,
    pub after: String,
    /// For boilerplate: the name of the rule that matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

impl Finding {
    /// A finding at an original byte offset; its line is filled in once by [`normalize`].
    pub(crate) fn at(
        kind: FindingKind,
        offset: u32,
        before: impl Into<String>,
        after: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            line: 0,
            offset,
            before: before.into(),
            after: after.into(),
            rule: None,
        }
    }
}

/// Maps positions in the normalized text back to byte offsets and lines of the original file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    /// Byte offset in the normalized text where each character starts.
    norm_starts: Vec<u32>,
    /// Byte offset in the original file of each normalized character.
    origins: Vec<u32>,
    /// Byte offset in the original file where each line starts.
    line_starts: Vec<u32>,
}

impl OffsetMap {
    /// Original byte offset of the character at (or containing) normalized byte `pos`.
    pub fn original_offset(&self, pos: usize) -> u32 {
        let i = self
            .norm_starts
            .partition_point(|&s| s as usize <= pos)
            .saturating_sub(1);
        self.origins.get(i).copied().unwrap_or(0)
    }

    /// 1-based line in the original file of normalized byte `pos`.
    pub fn original_line(&self, pos: usize) -> u32 {
        line_of(&self.line_starts, self.original_offset(pos))
    }

    /// Where the original line changes, as (normalized byte offset, 1-based original line) in
    /// text order: [`LineBreaks::line`] gives what [`OffsetMap::original_line`] gives, from a
    /// few numbers per line instead of a few per character.
    pub fn line_breaks(&self) -> LineBreaks {
        let mut breaks: Vec<(u32, u32)> = Vec::new();
        for (&at, &origin) in self.norm_starts.iter().zip(&self.origins) {
            let line = line_of(&self.line_starts, origin);
            if breaks.last().is_none_or(|&(_, l)| l != line) {
                breaks.push((at, line));
            }
        }
        LineBreaks(breaks)
    }

    /// Every normalized character's original byte offset, in text order.
    pub fn origins(&self) -> &[u32] {
        &self.origins
    }
}

/// A compact [`OffsetMap::original_line`]: the original line at each normalized offset where it
/// changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineBreaks(Vec<(u32, u32)>);

impl LineBreaks {
    /// 1-based line in the original file of normalized byte `pos`.
    pub fn line(&self, pos: usize) -> u32 {
        let i = self.0.partition_point(|&(at, _)| at as usize <= pos);
        i.checked_sub(1).map_or(1, |i| self.0[i].1)
    }
}

fn line_of(line_starts: &[u32], offset: u32) -> u32 {
    line_starts.partition_point(|&s| s <= offset).max(1) as u32
}

/// Normalized text with its way back to the original and the record of what was changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Normalized {
    pub text: String,
    pub map: OffsetMap,
    pub findings: Vec<Finding>,
    /// True when the text was Traditional and was converted.
    pub converted_from_traditional: bool,
}

/// A character of the working text and the byte offset in the file it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ch {
    pub c: char,
    pub at: u32,
}

pub(crate) type Line = Vec<Ch>;

/// Runs every normalization rule on a decoded file.
pub fn normalize(decoded: &Decoded, rules: &BoilerplateRules) -> Normalized {
    let line_starts = line_starts(decoded);
    let mut findings = Vec::new();
    let (raw_lines, crlf) = lines::split(decoded);
    if let Some(first) = crlf {
        findings.push(Finding::at(FindingKind::LineEnding, first, "CRLF", "LF"));
    }
    let mut paragraphs = raw_lines;
    let mut converted = false;
    for _ in 0..MAX_ROUNDS {
        let next = one_round(paragraphs.clone(), rules, &mut converted, &mut findings);
        if next == paragraphs {
            break;
        }
        paragraphs = next;
    }
    for f in &mut findings {
        f.line = line_of(&line_starts, f.offset);
    }
    findings.sort_by_key(|f| (f.offset, f.kind));
    let (text, map) = assemble(&paragraphs, line_starts);
    Normalized {
        text,
        map,
        findings,
        converted_from_traditional: converted,
    }
}

/// Rounds of the whole pipeline at most; real files settle in two (the second changes nothing).
const MAX_ROUNDS: usize = 4;

/// Every stage once: boilerplate, cleaning, script, tidying, joining. The stages are repeated until
/// a round changes nothing, because each can uncover work for another (`秘 密(xí)` is a
/// classification mark once its gloss is gone; the Traditional share is judged without the
/// boilerplate): so normalizing normalized text changes nothing, by construction.
fn one_round(
    lines: Vec<Line>,
    rules: &BoilerplateRules,
    converted: &mut bool,
    findings: &mut Vec<Finding>,
) -> Vec<Line> {
    let kept = boilerplate::drop_lines(lines, rules, findings);
    let mut edited: Vec<Line> = kept
        .into_iter()
        .map(|line| edits::clean_line(line, findings))
        .collect();
    *converted |= script::to_simplified_if_traditional(&mut edited, findings);
    let edited: Vec<Line> = edited
        .into_iter()
        .map(|line| edits::tidy_line(line, findings))
        .collect();
    lines::join_broken(edited, findings, |line, findings| {
        edits::tidy_line(edits::clean_line(line, findings), findings)
    })
}

fn line_starts(decoded: &Decoded) -> Vec<u32> {
    let mut starts = vec![decoded.char_origins.first().copied().unwrap_or(0)];
    let mut chars = decoded.text.chars().zip(&decoded.char_origins).peekable();
    // A line ends at LF, or at a CR not followed by LF (old Mac files, mixed line ends).
    while let Some((c, _)) = chars.next() {
        let ends_line = c == '\n' || (c == '\r' && chars.peek().is_none_or(|&(n, _)| n != '\n'));
        if ends_line && let Some(&(_, &next)) = chars.peek() {
            starts.push(next);
        }
    }
    starts
}

fn assemble(paragraphs: &[Line], line_starts: Vec<u32>) -> (String, OffsetMap) {
    let mut text = String::new();
    let mut map = OffsetMap {
        line_starts,
        ..OffsetMap::default()
    };
    for (i, para) in paragraphs.iter().enumerate() {
        if i > 0 {
            // The separator belongs to the end of the previous paragraph.
            let at = paragraphs[i - 1].last().map_or(0, |ch| ch.at);
            push(&mut text, &mut map, Ch { c: '\n', at });
        }
        for &ch in para {
            push(&mut text, &mut map, ch);
        }
    }
    (text, map)
}

fn push(text: &mut String, map: &mut OffsetMap, ch: Ch) {
    map.norm_starts.push(text.len() as u32);
    map.origins.push(ch.at);
    text.push(ch.c);
}

/// A text normalized with the default rules (for the stages' tests).
#[cfg(test)]
pub(crate) fn normalized(text: &str) -> Normalized {
    let decoded = crate::decode::decode(text.as_bytes(), None).expect("test text decodes");
    normalize(&decoded, &BoilerplateRules::default())
}

/// Renders a line of working characters as a string (for regexes and findings).
pub(crate) fn line_text(line: &[Ch]) -> String {
    line.iter().map(|ch| ch.c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_of_text(bytes: &[u8], needle: &str) -> u32 {
        let decoded = crate::decode::decode(bytes, None).unwrap();
        let n = normalize(&decoded, &BoilerplateRules::default());
        n.map.original_line(n.text.find(needle).unwrap())
    }

    #[test]
    fn a_paragraph_that_opens_with_its_heading_goes_on_across_a_broken_line() {
        // A PDF's line of the 2026 Jiangsu report, cut by the margin inside a word.
        let n = normalized(
            "（三）加快建设现代化产业体系。聚焦制造强省建设，实施新一轮重点产业链高质量发展行动，培育壮大先进\n制造业集群。深入实施传统产业焕新工程。\n",
        );
        assert_eq!(n.text.lines().count(), 1, "{}", n.text);
        assert!(n.text.contains("培育壮大先进制造业集群。"));
        // A heading alone on its line stays a line of its own.
        let n = normalized(
            "（三）加快建设现代化产业体系\n聚焦制造强省建设，实施新一轮重点产业链高质量发展行动。\n",
        );
        assert_eq!(n.text.lines().count(), 2, "{}", n.text);
    }

    #[test]
    fn a_formulation_written_with_a_full_width_plus_or_a_stray_space_is_one_text() {
        let n = normalized("开展“人工智能＋”行动，人工智能 + 制造，“数 据要素”，网　络安全。\n");
        assert_eq!(
            n.text,
            "开展“人工智能+”行动，人工智能+制造，“数据要素”，网络安全。"
        );
        // Spaces between two words stay: 走进 is a word, 变走 only across it.
        let n = normalized("感受时代之变 走进千年古都，中共中央 国务院。\n");
        assert_eq!(n.text, "感受时代之变 走进千年古都，中共中央 国务院。");
    }

    #[test]
    fn line_breaks_give_the_lines_the_offset_map_gives() {
        let n = normalized("第一行\n\n第二行的文字，\n接着第三行。\n第四行\n");
        let breaks = n.map.line_breaks();
        for (at, _) in n.text.char_indices() {
            assert_eq!(breaks.line(at), n.map.original_line(at), "{at}");
        }
    }

    #[test]
    fn lines_are_counted_at_cr_only_and_mixed_line_ends() {
        let cr = "第一行的文字。\r第二行的文字。\r第三行有网信。\r".as_bytes();
        assert_eq!(line_of_text(cr, "网信"), 3);
        let mixed = "第一行的文字。\r\n第二行的文字。\r第三行的文字。\n第四行有网信。\n".as_bytes();
        assert_eq!(line_of_text(mixed, "网信"), 4);
    }
}
