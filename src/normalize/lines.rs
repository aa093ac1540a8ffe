//! Line handling: decoded text → lines of [`Ch`]; cleaned lines → paragraphs, with lines that a
//! page break or a copy-paste cut inside a sentence joined again.

use super::{Ch, Finding, FindingKind, Line, line_text};
use crate::chars::{ends_sentence, is_closing};
use crate::decode::Decoded;
use crate::structure::heading_marker;

/// Splits on LF, CRLF and CR. Returns the lines and the offset of the first CR, if any.
pub(super) fn split(decoded: &Decoded) -> (Vec<Line>, Option<u32>) {
    let mut lines = vec![Vec::new()];
    let mut first_cr = None;
    let mut chars = decoded
        .text
        .chars()
        .zip(decoded.char_origins.iter().copied())
        .peekable();
    while let Some((c, at)) = chars.next() {
        match c {
            '\r' => {
                first_cr.get_or_insert(at);
                if chars.peek().is_some_and(|&(n, _)| n == '\n') {
                    chars.next();
                }
                lines.push(Vec::new());
            }
            '\n' => lines.push(Vec::new()),
            // A BOM in the middle of a file (concatenated files) is invisible noise.
            '\u{FEFF}' => {}
            _ => lines.last_mut().expect("never empty").push(Ch { c, at }),
        }
    }
    (lines, first_cr)
}

/// Below this many characters a line without a sentence end is taken for a title, not a fragment.
const MIN_BROKEN_LINE_CHARS: usize = 40;

/// Characters of a paragraph's end cleaned again with a line joined to it: enough for every
/// rule that looks across the join (a lone `,` now after Chinese, spaces beside it), while a long
/// paragraph broken after every comma costs linear time, not quadratic (ARCHITECTURE.md,
/// "Normalization is linear").
const RECLEAN_WINDOW: usize = 64;

/// A paragraph being built, with what the join decision needs to know of it kept up to date.
struct Building {
    chars: Line,
    /// Whether it starts with a heading number (一、, （二）).
    heading: bool,
    /// Whether it holds a full-width comma anywhere.
    comma: bool,
}

impl Building {
    fn new(chars: Line) -> Self {
        let head: String = chars.iter().take(8).map(|ch| ch.c).collect();
        Self {
            heading: heading_marker(&head).is_some(),
            comma: chars.iter().any(|ch| ch.c == '，'),
            chars,
        }
    }
}

/// Drops empty lines and joins a line to the next when the sentence plainly goes on. The end of a
/// joined paragraph is cleaned again at once (`reclean`), because the join gives its characters
/// new neighbours (a lone `,` now follows Chinese) and the next decision must see the result.
pub(super) fn join_broken(
    lines: Vec<Line>,
    findings: &mut Vec<Finding>,
    reclean: impl Fn(Line, &mut Vec<Finding>) -> Line,
) -> Vec<Line> {
    let mut paragraphs: Vec<Building> = Vec::new();
    for line in lines.into_iter().filter(|l| !l.is_empty()) {
        match paragraphs.last_mut() {
            Some(previous) if sentence_goes_on(previous, &line) => {
                findings.push(join_finding(&previous.chars, &line));
                let split = window_start(&previous.chars);
                let mut window = previous.chars.split_off(split);
                window.extend(line);
                let window = reclean(window, findings);
                previous.comma |= window.iter().any(|ch| ch.c == '，');
                previous.chars.extend(window);
            }
            _ => paragraphs.push(Building::new(line)),
        }
    }
    paragraphs.into_iter().map(|p| p.chars).collect()
}

/// Where the re-cleaned end of a paragraph starts: about [`RECLEAN_WINDOW`] characters from its
/// end, moved on to a character that no rule reads differently for losing its left neighbour
/// (not a space, nor ASCII punctuation, nor right after either).
fn window_start(chars: &[Ch]) -> usize {
    let quiet = |c: char| !crate::chars::is_space(c) && !c.is_ascii_punctuation();
    let nominal = chars.len().saturating_sub(RECLEAN_WINDOW);
    (nominal.max(1)..chars.len())
        .find(|&i| quiet(chars[i].c) && quiet(chars[i - 1].c))
        // No quiet place in the tail: clean the whole paragraph again.
        .unwrap_or(0)
}

fn sentence_goes_on(previous: &Building, next: &[Ch]) -> bool {
    let Some(last) = previous.chars.last().map(|ch| ch.c) else {
        return false;
    };
    if next.first().is_some_and(|ch| continues_sentence(ch.c)) {
        return true;
    }
    if ends_sentence(last) || is_closing(last) || matches!(last, '：' | ':' | '…') {
        return false;
    }
    let next_head: String = next.iter().take(12).map(|ch| ch.c).collect();
    // Titles are short and have no commas; prose has length or commas.
    let prose = previous.chars.len() >= MIN_BROKEN_LINE_CHARS || previous.comma;
    // A heading alone on its line ends there; a paragraph that opens with its heading and goes
    // on as prose （（三）加快建设现代化产业体系。聚焦制造强省建设，…培育壮大先进 | 制造业集群）
    // goes on.
    let headed_prose = previous.chars.len() >= MIN_BROKEN_LINE_CHARS && previous.comma;
    if previous.heading && !headed_prose
        || heading_marker(&next_head).is_some()
        || crate::structure::article_number(&next_head).is_some()
    {
        return false;
    }
    matches!(last, '，' | '、' | '（' | '“') || prose
}

/// Punctuation that cannot open a sentence, so a line starting with it continues the one before.
/// ASCII forms count too: alone on a line they had no Chinese neighbour to be converted by.
fn continues_sentence(c: char) -> bool {
    matches!(
        c,
        '，' | '、' | '。' | '；' | '：' | '！' | '？' | '）' | '”' | '’' | '」' | '』' | '》'
    ) || matches!(c, ',' | ';' | ':' | '!' | '?' | ')')
}

fn join_finding(previous: &[Ch], next: &[Ch]) -> Finding {
    let tail = line_text(&previous[previous.len().saturating_sub(6)..]);
    let head = line_text(&next[..next.len().min(6)]);
    let at = previous.last().map_or(0, |ch| ch.at);
    Finding::at(
        FindingKind::JoinedLine,
        at,
        format!("{tail}⏎{head}"),
        format!("{tail}{head}"),
    )
}
