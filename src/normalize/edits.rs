//! Character-level edits inside one line: [`Line`] → [`Line`] plus [`Finding`]s.
//! `clean_line` repairs what must go before script conversion (Markdown, pinyin glosses, damage);
//! `tidy_line` unifies punctuation, widths and spaces afterwards.

use super::{Ch, Finding, FindingKind, Line, line_text};
use crate::chars::{is_chinese_context, is_cjk_punct, is_han, is_space};
use regex::Regex;
use std::sync::LazyLock;

/// Replace the characters `start..end` of a line with `replacement`.
struct Edit {
    start: usize,
    end: usize,
    replacement: String,
    kind: FindingKind,
    shown: Shown,
}

/// What a finding shows of an edit: the edit itself, a wider context, or nothing because another
/// edit's finding already shows it (the closing `**` of a pair).
enum Shown {
    Edit,
    Context { before: String, after: String },
    Hidden,
}

impl Edit {
    fn new(start: usize, end: usize, replacement: impl Into<String>, kind: FindingKind) -> Self {
        Self {
            start,
            end,
            replacement: replacement.into(),
            kind,
            shown: Shown::Edit,
        }
    }
}

const PINYIN_LETTERS: &str = "a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ";
const TONE_MARKS: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿü";

static EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*([^*\n]{1,100}?)\*\*|__([^_\n]{1,100}?)__").unwrap());
static STRAY_MARKER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\*\*|__").unwrap());
/// A Markdown heading's hashes (`## 第一章 总则`) and an HTML comment on one line
/// (`<!-- INFO END -->`): markup, not text.
static MARKDOWN_MARKUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#{1,6}[ \t　]+|<!--.*?-->").unwrap());
static GLOSS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\p{{Han}}((?:[(（][{PINYIN_LETTERS}]{{1,7}}[)）])+)"
    ))
    .unwrap()
});
/// What is left of a character and its gloss when the character was lost: `?xùn)|`.
static BROKEN_GLOSS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\?[{PINYIN_LETTERS}]{{1,7}}\)[^\p{{Han}}\s，。、；：“”]?"
    ))
    .unwrap()
});

pub(super) fn clean_line(line: Line, findings: &mut Vec<Finding>) -> Line {
    let passes: [EditPass; 6] = [
        invisible_edits,
        variant_edits,
        markdown_edits,
        broken_gloss_edits,
        gloss_edits,
        replacement_char_edits,
    ];
    run_passes(line, &passes, findings)
}

pub(super) fn tidy_line(line: Line, findings: &mut Vec<Finding>) -> Line {
    let passes: [EditPass; 5] = [
        dash_edits,
        punctuation_edits,
        width_edits,
        letter_spacing_edits,
        space_edits,
    ];
    run_passes(line, &passes, findings)
}

/// A rule: looks at a line and proposes edits.
type EditPass = fn(&[Ch], &mut Vec<Edit>);

/// Most lines settle in one round; cascades (`导.,` → `导。,` → `导。，`) need a second.
const MAX_ROUNDS: usize = 4;

/// Each pass sees the line as the passes before it left it, and the passes repeat until none
/// changes anything, so that one rule's result is never hidden from another (removing `**` can put
/// a gloss right after its character; a comma made full-width makes the space beside it
/// removable). Normalizing normalized text therefore changes nothing.
fn run_passes(mut line: Line, passes: &[EditPass], findings: &mut Vec<Finding>) -> Line {
    for _ in 0..MAX_ROUNDS {
        let mut changed = false;
        for pass in passes {
            let mut edits = Vec::new();
            pass(&line, &mut edits);
            changed |= !edits.is_empty();
            line = apply(line, edits, findings);
        }
        if !changed {
            break;
        }
    }
    line
}

/// Characters that take no room and change nothing a reader sees, but split words for a search:
/// zero-width space, joiners, word joiner, soft hyphen, bidi marks and isolates, a stray BOM.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{00AD}'
        | '\u{2060}'..='\u{2064}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{180E}'
        // Control characters (ESC, BEL, form feeds …) would act on a terminal and break XML.
        | '\u{0}'..='\u{8}'
        | '\u{B}'..='\u{C}'
        | '\u{E}'..='\u{1F}'
        | '\u{7F}'..='\u{9F}')
}

/// A combining mark (U+0300–U+036F, U+20D0–U+20FF, U+FE20–U+FE2F): after a Han character it is
/// copy-paste debris; after a letter it may be part of pinyin, and stays.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn invisible_edits(line: &[Ch], edits: &mut Vec<Edit>) {
    for (i, ch) in line.iter().enumerate() {
        let after_han = i > 0 && (is_han(line[i - 1].c) || is_combining(line[i - 1].c));
        if is_invisible(ch.c) || (is_combining(ch.c) && after_han) {
            let mut edit = Edit::new(i, i + 1, "", FindingKind::Invisible);
            edit.shown = Shown::Context {
                before: format!("U+{:04X}", ch.c as u32),
                after: String::new(),
            };
            edits.push(edit);
        }
    }
}

/// Variant characters, radicals and compatibility ideographs: `data/variants.txt` (built from
/// Unicode's Unihan and EquivalentUnifiedIdeograph data, see data/variants-LICENSE.txt).
static VARIANTS: LazyLock<std::collections::HashMap<char, char>> = LazyLock::new(|| {
    include_str!("../../data/variants.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut chars = l.split('\t').map(|f| f.chars().next());
            Some((chars.next()??, chars.next()??))
        })
        .collect()
});

fn variant_edits(line: &[Ch], edits: &mut Vec<Edit>) {
    for (i, ch) in line.iter().enumerate() {
        if let Some(standard) = VARIANTS.get(&ch.c) {
            edits.push(Edit::new(
                i,
                i + 1,
                standard.to_string(),
                FindingKind::Variant,
            ));
        }
    }
}

/// Letter-spaced runs: 政　府　工　作　报　告 (a title spread out with U+3000) and 1 9 9 8年 (spaced
/// digits): at least three single Han characters, or three single digits, each parted by spaces,
/// are joined. Spaces between words of two characters or more stay (感受时代之变 走进千年古都).
fn letter_spacing_edits(line: &[Ch], edits: &mut Vec<Edit>) {
    let chars: Vec<char> = line.iter().map(|ch| ch.c).collect();
    for class in [is_han as fn(char) -> bool, |c: char| c.is_ascii_digit()] {
        let mut i = 0;
        while i < chars.len() {
            let run = spaced_run(&chars, i, class);
            // 李　强 alone on its line is a spaced name; inside prose two characters stay apart.
            let whole_line = run.len() == 2
                && chars[..run[0]].iter().all(|&c| is_space(c))
                && chars[run[1] + 1..].iter().all(|&c| is_space(c));
            if run.len() >= 3 || whole_line {
                for pair in run.windows(2) {
                    let mut edit = Edit::new(pair[0] + 1, pair[1], "", FindingKind::Whitespace);
                    let shown: String = chars[run[0]..=run[run.len() - 1]].iter().collect();
                    edit.shown = if pair[0] == run[0] {
                        Shown::Context {
                            after: shown.chars().filter(|&c| !is_space(c)).collect(),
                            before: shown,
                        }
                    } else {
                        Shown::Hidden
                    };
                    edits.push(edit);
                }
                i = run[run.len() - 1] + 1;
            } else {
                i += 1;
            }
        }
    }
}

/// Positions of single characters of `class` from `start` on, each parted from the next by one
/// to three spaces; empty unless the character at `start` is one and stands alone on its left.
fn spaced_run(chars: &[char], start: usize, class: fn(char) -> bool) -> Vec<usize> {
    let single_left = start == 0 || !class(chars[start - 1]);
    if !class(chars[start]) || !single_left {
        return Vec::new();
    }
    let mut run = vec![start];
    let mut i = start;
    loop {
        let mut j = i + 1;
        while j < chars.len() && is_space(chars[j]) && j - i <= 3 {
            j += 1;
        }
        let spaced = j > i + 1 && j < chars.len() && class(chars[j]);
        let single = spaced && !chars.get(j + 1).is_some_and(|&c| class(c));
        if !single {
            // The last may be followed by more of its class only if nothing is spaced after it:
            // 1 9 9 8年 ends the run at 8.
            break;
        }
        run.push(j);
        i = j;
    }
    run
}

fn markdown_edits(line: &[Ch], edits: &mut Vec<Edit>) {
    let text = line_text(line);
    emphasis_edits(&text, edits);
    // Markers of a pair are proposed twice; apply() keeps the first edit of a range, the pair's.
    regex_edits(
        &text,
        &STRAY_MARKER,
        FindingKind::Markdown,
        |_| Some(String::new()),
        edits,
    );
    regex_edits(
        &text,
        &MARKDOWN_MARKUP,
        FindingKind::Markdown,
        |_| Some(String::new()),
        edits,
    );
}

fn broken_gloss_edits(line: &[Ch], edits: &mut Vec<Edit>) {
    let text = line_text(line);
    regex_edits(
        &text,
        &BROKEN_GLOSS,
        FindingKind::Damage,
        |m| has_tone(m).then(|| "□".into()),
        edits,
    );
}

fn gloss_edits(line: &[Ch], edits: &mut Vec<Edit>) {
    let text = line_text(line);
    let mut index = CharIndex::new(&text);
    for caps in GLOSS.captures_iter(&text) {
        let gloss = caps.get(1).expect("group 1 always takes part");
        if has_tone(gloss.as_str()) {
            let (start, end) = index.range(gloss.start(), gloss.end());
            edits.push(Edit::new(start, end, "", FindingKind::PinyinGloss));
        }
    }
}

fn replacement_char_edits(line: &[Ch], edits: &mut Vec<Edit>) {
    for (i, ch) in line.iter().enumerate() {
        if ch.c == char::REPLACEMENT_CHARACTER {
            edits.push(Edit::new(i, i + 1, "□", FindingKind::Damage));
        }
    }
}

/// `**bold**` loses both markers; one finding shows the whole phrase.
fn emphasis_edits(text: &str, edits: &mut Vec<Edit>) {
    let mut index = CharIndex::new(text);
    for caps in EMPHASIS.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        let inner = caps.get(1).or(caps.get(2)).expect("one group matches");
        let (start, end) = index.range(whole.start(), whole.end());
        let kind = FindingKind::Markdown;
        let mut open = Edit::new(start, start + 2, "", kind);
        open.shown = Shown::Context {
            before: whole.as_str().to_string(),
            after: inner.as_str().to_string(),
        };
        let mut close = Edit::new(end - 2, end, "", kind);
        close.shown = Shown::Hidden;
        edits.extend([open, close]);
    }
}

fn has_tone(s: &str) -> bool {
    s.chars().any(|c| TONE_MARKS.contains(c))
}

/// Character positions of byte ranges found in text order, counted on from the last one, so
/// that many matches on one long line cost one pass over it.
struct CharIndex<'t> {
    text: &'t str,
    byte: usize,
    char: usize,
}

impl<'t> CharIndex<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            byte: 0,
            char: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.char = 0;
        }
        self.char += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.char
    }

    fn range(&mut self, byte_start: usize, byte_end: usize) -> (usize, usize) {
        (self.at(byte_start), self.at(byte_end))
    }
}

fn regex_edits(
    text: &str,
    regex: &Regex,
    kind: FindingKind,
    replacement: impl Fn(&str) -> Option<String>,
    edits: &mut Vec<Edit>,
) {
    let mut index = CharIndex::new(text);
    for m in regex.find_iter(text) {
        if let Some(replacement) = replacement(m.as_str()) {
            let (start, end) = index.range(m.start(), m.end());
            edits.push(Edit::new(start, end, replacement, kind));
        }
    }
}

fn punctuation_edits(line: &[Ch], edits: &mut Vec<Edit>) {
    let chars: Vec<char> = line.iter().map(|ch| ch.c).collect();
    let (before, after) = neighbours(&chars);
    let mut push = |i: usize, c: char| {
        edits.push(Edit::new(i, i + 1, c.to_string(), FindingKind::Punctuation))
    };
    for (i, &c) in chars.iter().enumerate() {
        let (prev, next) = (before[i], after[i]);
        let chinese_side =
            prev.is_some_and(is_chinese_context) || next.is_some_and(is_chinese_context);
        let full = match c {
            ',' | ';' | '?' | '!' if chinese_side => full_width(c),
            ':' if chinese_side
                && !(prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit())) =>
            {
                Some('：')
            }
            '.' if prev.is_some_and(is_han) && next.is_none_or(is_chinese_context) => Some('。'),
            _ => None,
        };
        if let Some(f) = full {
            push(i, f);
        }
    }
    for (open, close) in paired(&chars, '(', ')') {
        if chars[open + 1..close].iter().any(|&c| is_han(c)) {
            push(open, '（');
            push(close, '）');
        }
    }
    straight_quotes(&chars, &mut push);
}

/// U+2015 HORIZONTAL BAR, common in copied titles (――在…上的讲话), is the dash U+2014.
fn dash_edits(line: &[Ch], edits: &mut Vec<Edit>) {
    for (i, ch) in line.iter().enumerate() {
        if ch.c == '―' {
            edits.push(Edit::new(i, i + 1, "—", FindingKind::Punctuation));
        }
    }
}

fn full_width(c: char) -> Option<char> {
    char::from_u32(c as u32 + 0xFEE0)
}

/// For every position, the nearest character before and after it, skipping spaces and other
/// ASCII punctuation that is itself about to be converted (`,,县` converts both commas). One pass
/// each way, so that a line of 50,000 spaces costs linear time.
fn neighbours(chars: &[char]) -> (Vec<Option<char>>, Vec<Option<char>>) {
    let skipped = |c: char| is_space(c) || matches!(c, ',' | ';' | ':' | '?' | '!');
    let mut before = Vec::with_capacity(chars.len());
    let mut last = None;
    for &c in chars {
        before.push(last);
        if !skipped(c) {
            last = Some(c);
        }
    }
    let mut after = vec![None; chars.len()];
    let mut next = None;
    for (i, &c) in chars.iter().enumerate().rev() {
        after[i] = next;
        if !skipped(c) {
            next = Some(c);
        }
    }
    (before, after)
}

/// Index pairs of matching brackets on one line (innermost first).
fn paired(chars: &[char], open: char, close: char) -> Vec<(usize, usize)> {
    let mut stack = Vec::new();
    let mut pairs = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == open {
            stack.push(i);
        } else if c == close
            && let Some(o) = stack.pop()
        {
            pairs.push((o, i));
        }
    }
    pairs
}

/// ASCII double quotes around Chinese text become “…”, when they pair up on the line.
fn straight_quotes(chars: &[char], push: &mut impl FnMut(usize, char)) {
    let quotes: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == '"')
        .map(|(i, _)| i)
        .collect();
    if !quotes.len().is_multiple_of(2) {
        return;
    }
    for pair in quotes.chunks(2) {
        if chars[pair[0] + 1..pair[1]].iter().any(|&c| is_han(c)) {
            push(pair[0], '“');
            push(pair[1], '”');
        }
    }
}

fn width_edits(line: &[Ch], edits: &mut Vec<Edit>) {
    for (i, ch) in line.iter().enumerate() {
        if matches!(ch.c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '＋') {
            let ascii = char::from_u32(ch.c as u32 - 0xFEE0)
                .expect("full-width alphanumerics and ＋ map to ASCII");
            edits.push(Edit::new(i, i + 1, ascii.to_string(), FindingKind::Width));
        }
    }
}

/// Characters of context shown on each side of a removed space.
const CONTEXT: usize = 3;

/// Indentation and trailing spaces go; inside the line, spaces go when they separate Chinese from
/// a number or a Latin word (" 2018 年") or sit beside full-width punctuation, and a single space
/// inside a word (网 络安全: the two characters beside it are a word of the general dictionary).
/// Other spaces between two Han characters stay: titles and slogans use them on purpose.
fn space_edits(line: &[Ch], edits: &mut Vec<Edit>) {
    let chars: Vec<char> = line.iter().map(|ch| ch.c).collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_space(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_space(chars[i]) {
            i += 1;
        }
        let prev = start.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i).copied();
        let outer = (
            start.checked_sub(2).map(|p| chars[p]),
            chars.get(i + 1).copied(),
        );
        if space_is_noise(prev, next) || (i - start == 1 && splits_a_word(prev, next, outer)) {
            let mut edit = Edit::new(start, i, "", FindingKind::Whitespace);
            let p: String = chars[start.saturating_sub(CONTEXT)..start].iter().collect();
            let n: String = chars[i..(i + CONTEXT).min(chars.len())].iter().collect();
            let spaces: String = chars[start..i].iter().collect();
            edit.shown = Shown::Context {
                before: format!("{p}{spaces}{n}"),
                after: format!("{p}{n}"),
            };
            edits.push(edit);
        }
    }
}

/// One space between two Han characters that are one word together, neither of which makes a
/// word with its other neighbour (网 络安全, 数 据要素): a word broken by a stray space. Between two
/// words (中共中央 国务院, 时代之变 走进千年: 走进 is a word) it stays.
fn splits_a_word(
    prev: Option<char>,
    next: Option<char>,
    outer: (Option<char>, Option<char>),
) -> bool {
    let (Some(p), Some(n)) = (prev, next) else {
        return false;
    };
    if !is_han(p) || !is_han(n) {
        return false;
    }
    let word = |a: char, b: char| {
        let mut w = String::with_capacity(6);
        w.push(a);
        w.push(b);
        crate::words::in_general_dictionary(&w)
    };
    word(p, n)
        && !outer.0.is_some_and(|o| is_han(o) && word(o, p))
        && !outer.1.is_some_and(|o| is_han(o) && word(n, o))
}

fn space_is_noise(prev: Option<char>, next: Option<char>) -> bool {
    let (Some(p), Some(n)) = (prev, next) else {
        return true;
    };
    // A plus sign beside Han is part of a formulation (人工智能 + 行动 is 人工智能+行动).
    let alnum = |c: char| {
        c.is_ascii_alphanumeric()
            || matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '+' | '＋')
    };
    (is_han(p) && alnum(n)) || (alnum(p) && is_han(n)) || is_cjk_punct(p) || is_cjk_punct(n)
}

/// Applies non-overlapping edits (earlier ones win), recording a finding for each run of edits of
/// one kind. Replacement characters inherit the origins of what they replace.
fn apply(line: Line, mut edits: Vec<Edit>, findings: &mut Vec<Finding>) -> Line {
    if edits.is_empty() {
        return line;
    }
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = Vec::with_capacity(line.len());
    let mut cursor = 0;
    let mut pending: Option<Finding> = None;
    for edit in edits {
        if edit.start < cursor {
            continue;
        }
        out.extend_from_slice(&line[cursor..edit.start]);
        let replaced = &line[edit.start..edit.end];
        let at = replaced
            .first()
            .or(line.get(edit.start))
            .map_or(0, |ch| ch.at);
        let replacement: Vec<char> = edit.replacement.chars().collect();
        for (k, &c) in replacement.iter().enumerate() {
            let origin = if replacement.len() == replaced.len() {
                replaced[k].at
            } else {
                at
            };
            out.push(Ch { c, at: origin });
        }
        let adjacent = edit.start == cursor;
        cursor = edit.end;
        let (before, after) = match edit.shown {
            Shown::Hidden => continue,
            Shown::Context { before, after } => {
                findings.extend(pending.take());
                findings.push(Finding::at(edit.kind, at, before, after));
                continue;
            }
            Shown::Edit => (line_text(replaced), edit.replacement),
        };
        match &mut pending {
            Some(f) if adjacent && f.kind == edit.kind => {
                f.before.push_str(&before);
                f.after.push_str(&after);
            }
            _ => {
                findings.extend(pending.take());
                pending = Some(Finding::at(edit.kind, at, before, after));
            }
        }
    }
    findings.extend(pending);
    out.extend_from_slice(&line[cursor..]);
    out
}
