//! Word grids: a document's normalized text + its tokens + its offset map → [`WordGrid`] (the
//! text, where its words start, and its original lines), kept for the passes that need the whole
//! corpus first; grids + phrases → whole-word hits per document ([`whole_word_hits`]); grids →
//! recurrent policy phrases ([`recurrent_phrases`]).
//!
//! The counting rule for formulations (ARCHITECTURE.md, "Counting"): a formulation of the corpus
//! — quoted, numbered, a title, a slogan or a recurrent phrase, in *any* document — is a term of
//! every document in which it stands on word boundaries at least once, quoted or not, and is then
//! counted at all its non-overlapping occurrences. Positions inside a formulation token (a quoted
//! phrase, a title) are boundaries too: 投资于人 inside “投资于人、服务于民” counts.

use crate::normalize::{LineBreaks, OffsetMap};
use crate::parallel::parallel_map;
use crate::words::{Segmenter, Token, TokenKind};
use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap, FxHashSet};

/// What a token is, as far as phrases care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A content word (Han or Latin).
    Word,
    /// A function word (a stopword).
    Stop,
    /// A formulation cut out before segmentation: any position inside is a boundary.
    Formulation,
    /// Punctuation, numbers, spaces.
    Other,
}

/// Where a text's tokens start, and which are formulations (any position inside one is a word
/// boundary): the boundaries a whole-word occurrence respects, for the corpus pass
/// ([`WordGrid`]) and for one document's queries (`counts::TermIndex`).
#[derive(Debug, Clone, Default)]
pub struct WordBounds {
    starts: Vec<u32>,
    formulation: Vec<bool>,
    len: usize,
}

impl WordBounds {
    pub fn new(text: &str, tokens: &[Token]) -> Self {
        Self {
            starts: tokens.iter().map(|t| t.span.start as u32).collect(),
            formulation: tokens
                .iter()
                .map(|t| matches!(t.kind, TokenKind::Formulation(_)))
                .collect(),
            len: text.len(),
        }
    }

    /// Whether a word may start or end at byte `at`: a token starts there, the text ends there,
    /// or `at` lies inside a formulation token.
    pub fn is_bound(&self, at: usize) -> bool {
        if at == 0 || at >= self.len {
            return true;
        }
        let i = self.starts.partition_point(|&s| s as usize <= at);
        i.checked_sub(1)
            .is_none_or(|k| self.starts[k] as usize == at || self.formulation[k])
    }
}

/// One document's text and word boundaries.
#[derive(Debug, Clone)]
pub struct WordGrid {
    text: Box<str>,
    starts: Vec<u32>,
    classes: Vec<Class>,
    bounds: WordBounds,
    lines: LineBreaks,
    places: crate::extract::Places,
}

impl WordGrid {
    pub fn new(
        text: &str,
        tokens: &[Token],
        map: &OffsetMap,
        places: &crate::extract::Places,
    ) -> Self {
        let mut starts = Vec::with_capacity(tokens.len());
        let mut classes = Vec::with_capacity(tokens.len());
        for t in tokens {
            starts.push(t.span.start as u32);
            classes.push(match t.kind {
                TokenKind::Formulation(_) => Class::Formulation,
                TokenKind::Word | TokenKind::Latin if t.stop => Class::Stop,
                TokenKind::Word | TokenKind::Latin => Class::Word,
                _ => Class::Other,
            });
        }
        Self {
            text: text.into(),
            starts,
            classes,
            bounds: WordBounds::new(text, tokens),
            lines: map.line_breaks(),
            places: places.clone(),
        }
    }

    /// How the lines of the document's file are cited ([`crate::extract::Places`]).
    pub fn places(&self) -> &crate::extract::Places {
        &self.places
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// 1-based line of the original file at normalized byte `pos`.
    pub fn line(&self, pos: usize) -> u32 {
        self.lines.line(pos)
    }

    /// Whether a word may start or end at byte `at` ([`WordBounds::is_bound`]).
    pub fn is_bound(&self, at: usize) -> bool {
        self.bounds.is_bound(at)
    }

    /// The runs of adjacent words (content and function words) between punctuation, numbers and
    /// formulations, as token index ranges.
    fn word_runs(&self) -> Vec<std::ops::Range<usize>> {
        let mut runs = Vec::new();
        let mut start = None;
        for (i, c) in self.classes.iter().enumerate() {
            let word = matches!(c, Class::Word | Class::Stop);
            match (word, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    runs.push(s..i);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            runs.push(s..self.classes.len());
        }
        runs
    }

    fn token_end(&self, i: usize) -> usize {
        self.starts
            .get(i + 1)
            .map_or(self.text.len(), |&s| s as usize)
    }
}

/// Whole-word occurrences of `phrase` in one text with the given boundaries: its non-overlapping
/// occurrences, or none when not one of them starts and ends on a boundary.
pub fn whole_word_positions(
    text: &str,
    phrase: &str,
    is_bound: impl Fn(usize) -> bool,
) -> Vec<usize> {
    if phrase.is_empty() {
        return Vec::new();
    }
    let at: Vec<usize> = text.match_indices(phrase).map(|(at, _)| at).collect();
    whole_if_one_is(at, phrase.len(), is_bound)
}

/// A phrase's occurrences `at` (of `len` bytes) when one of them starts and ends on a boundary,
/// else none: the whole-word rule of [`whole_word_positions`] for occurrences already found.
pub fn whole_if_one_is(at: Vec<usize>, len: usize, is_bound: impl Fn(usize) -> bool) -> Vec<usize> {
    if at.iter().any(|&s| is_bound(s) && is_bound(s + len)) {
        at
    } else {
        Vec::new()
    }
}

/// Every pattern's non-overlapping occurrences in `text`, as `str::match_indices` finds each
/// (left to right), in one pass of `automaton`: `found(pattern, start, end)` for each.
pub fn each_occurrence(
    automaton: &AhoCorasick,
    text: &str,
    mut found: impl FnMut(usize, usize, usize),
) {
    // A pattern's own matches come in order (one length each): one is taken when it starts
    // where the pattern's last match taken ended, or later.
    let mut ends: FxHashMap<usize, usize> = FxHashMap::default();
    for m in automaton.find_overlapping_iter(text) {
        let p = m.pattern().as_usize();
        let end = ends.entry(p).or_insert(0);
        if m.start() >= *end {
            *end = m.end();
            found(p, m.start(), m.end());
        }
    }
}

/// For each grid, the phrases (by index into `phrases`) that are terms of it by the counting rule,
/// with their non-overlapping occurrences: one Aho–Corasick pass per document, on every core.
/// `written(doc, phrase)`: the document writes the phrase as a formulation itself (quoted, a
/// slogan of the lexicon found inside a longer word): a term there whatever the boundaries.
pub fn whole_word_hits(
    grids: &[WordGrid],
    phrases: &[&str],
    written: impl Fn(usize, usize) -> bool + Sync,
) -> Vec<Vec<(usize, Vec<usize>)>> {
    if phrases.is_empty() {
        return vec![Vec::new(); grids.len()];
    }
    let automaton = AhoCorasick::new(phrases).expect("phrases make an automaton");
    let indexed: Vec<(usize, &WordGrid)> = grids.iter().enumerate().collect();
    parallel_map(&indexed, |&(doc, grid)| {
        let mut found: FxHashMap<usize, (Vec<usize>, bool)> = FxHashMap::default();
        each_occurrence(&automaton, grid.text(), |p, start, end| {
            let entry = found.entry(p).or_default();
            entry.0.push(start);
            entry.1 |= grid.is_bound(start) && grid.is_bound(end);
        });
        let mut hits: Vec<(usize, Vec<usize>)> = found
            .into_iter()
            .filter(|(p, (_, whole))| *whole || written(doc, *p))
            .map(|(p, (at, _))| (p, at))
            .collect();
        hits.sort_unstable_by_key(|(p, _)| *p);
        hits
    })
}

/// Fewest documents a corpus needs before recurrent phrases are looked for: in fewer, every
/// common noun phrase of the topic recurs.
pub const MIN_RECURRENT_CORPUS: usize = 10;
/// The peer group of a document with too few peers to count recurrent phrases among
/// ([`peer_groups`]).
pub const NO_PEERS: u32 = u32::MAX;

/// Each document's group of peers for [`recurrent_phrases`]: documents of one level and year
/// (an unknown level groups with unknown levels) from at least [`MIN_RECURRENT_CORPUS`]
/// different regions (a document of unknown region counts as one). A number per document, in
/// order, the same for the same group; [`NO_PEERS`] for a document of unknown year or of a
/// smaller group: one region's documents of a year, or the national texts of a year, implement
/// different things, they are not many places saying one thing.
pub fn peer_groups(infos: &[super::counts::DocInfo]) -> Vec<u32> {
    let mut groups: Vec<(Option<crate::ingest::metadata::Level>, i32)> = Vec::new();
    let mut regions: Vec<FxHashSet<&str>> = Vec::new();
    let ids: Vec<u32> = infos
        .iter()
        .map(|info| {
            let Some(year) = info.year else {
                return NO_PEERS;
            };
            let key = (info.level, year);
            let at = groups.iter().position(|g| *g == key).unwrap_or_else(|| {
                groups.push(key);
                regions.push(FxHashSet::default());
                groups.len() - 1
            });
            regions[at].insert(info.region.as_deref().unwrap_or(&info.id));
            at as u32
        })
        .collect();
    ids.into_iter()
        .map(|g| match regions.get(g as usize) {
            Some(r) if r.len() >= MIN_RECURRENT_CORPUS => g,
            _ => NO_PEERS,
        })
        .collect()
}
/// Least documents a recurrent phrase is used in.
pub const MIN_RECURRENT_DOCS: u32 = 3;
/// Least share of its peer group a recurrent phrase is used in (with [`MIN_RECURRENT_DOCS`], the
/// larger of the two): what half the provinces say alike, unquoted, they took from a common
/// source (全国统一大市场 in 15 of 16, 首发经济 in 9); what three or four say is mostly the
/// vocabulary of a field (生活污水, 规范性文件, 化石能源).
pub const MIN_RECURRENT_SHARE: f64 = 0.5;
/// Han characters of a recurrent phrase: 低空经济 to 全国统一大市场 and a little longer.
pub const RECURRENT_CHARS: std::ops::RangeInclusive<usize> = 4..=8;
/// Least association of a recurrent phrase's parts: at its weakest split, the phrase occurs at
/// least this many times more often than its two parts would meet by chance.
pub const MIN_RECURRENT_ASSOCIATION: f64 = 50.0;
/// Least share of the rarer part's occurrences that fall inside the phrase, at its weakest
/// split: 低空 almost only in 低空经济, 统一大市场 almost only in 全国统一大市场.
pub const MIN_RECURRENT_COHESION: f64 = 0.5;
/// A word followed (preceded) by at least this many different words goes with anything: such a
/// word put before (after) a recurrent phrase does not make another one.
pub const MIN_PROMISCUOUS_PARTNERS: u32 = 8;
/// A phrase followed (or preceded) by the same word in this share of its occurrences is cut
/// from a longer one (两条腿走 | 路), and is not listed.
pub const MAX_SAME_NEIGHBOUR: f64 = 0.8;
/// A phrase followed by a noun in this share of its occurrences modifies the noun: it is cut
/// from longer names (规上工业 | 增加值, 中华民族共同体 | 意识, 长期护理 | 保险), however varied
/// the nouns are.
pub const MAX_BEFORE_NOUN: f64 = 0.8;

/// A phrase followed by a number (within [`QUANTITY_LOOKAHEAD`] characters: 增长5.4%, 达到88%) in
/// this share of its occurrences is a quantity (地区生产总值, 进出口总额, 城镇调查失业率), not
/// listed.
pub const MAX_QUANTITY_SHARE: f64 = 0.5;
/// Characters after a phrase in which a number makes it a quantity's name.
pub const QUANTITY_LOOKAHEAD: usize = 5;

/// Adds `word` to a list of distinct partners, up to [`MIN_PROMISCUOUS_PARTNERS`] of them.
fn note_partner<'a>(partners: &mut Vec<&'a str>, word: &'a str) {
    if partners.len() < MIN_PROMISCUOUS_PARTNERS as usize && !partners.contains(&word) {
        partners.push(word);
    }
}

/// Recurrent policy phrases of a corpus: multi-word phrases used in several documents, whether
/// quoted or not (全国统一大市场, 低空经济, 银发经济, 投资于人), found by corpus statistics alone:
///
/// 1. candidates: runs of two to four adjacent words inside one clause, four to eight Han
///    characters, all Han, starting and ending with a content word that is not a verb, adverb,
///    numeral or measure word (the phrase names a thing), ending in a noun;
/// 2. document frequency: in at least [`MIN_RECURRENT_DOCS`] documents and
///    [`MIN_RECURRENT_SHARE`] of a group of peers (below);
/// 3. association: at every split into two parts, the phrase is at least
///    [`MIN_RECURRENT_ASSOCIATION`] times as frequent as chance (observed / expected from the parts'
///    frequencies in tokens), and at least [`MIN_RECURRENT_COHESION`] of the rarer part's
///    occurrences lie inside it;
/// 4. whole phrases only (nested terms, as C-value): a phrase most of whose occurrences
///    ([`MAX_SAME_NEIGHBOUR`]) lie inside one longer candidate, or that is followed or preceded by
///    the same word that often, is a fragment and is dropped; so is one followed by a noun in
///    [`MAX_BEFORE_NOUN`] of its occurrences (it modifies names longer than itself);
/// 5. no quantities: a phrase followed by a number in [`MAX_QUANTITY_SHARE`] of its occurrences
///    names what is measured (进出口总额增长5%), not a policy.
///
/// Document frequency is counted among peers (`peers[i]`: the group of grid `i`, documents of one
/// level and year, [`peer_groups`]) in groups of at least
/// [`MIN_RECURRENT_CORPUS`]: what many provinces' reports of one year say alike, unquoted, they
/// took from the central texts of that year (全国统一大市场, 低空经济); what a yearly series says
/// year after year is its standing vocabulary (国防科技工业, 全国各族人民), not a formulation.
///
/// Sorted by text; each is counted afterwards by the counting rule.
pub fn recurrent_phrases(grids: &[WordGrid], peers: &[u32], segmenter: &Segmenter) -> Vec<String> {
    let mut group_sizes: FxHashMap<u32, usize> = FxHashMap::default();
    for &g in peers.iter().filter(|&&g| g != NO_PEERS) {
        *group_sizes.entry(g).or_default() += 1;
    }
    // Document frequency says nothing in a handful of documents.
    let min_docs: FxHashMap<u32, u32> = group_sizes
        .iter()
        .filter(|&(_, &n)| n >= MIN_RECURRENT_CORPUS)
        .map(|(&g, &n)| {
            let least = (MIN_RECURRENT_SHARE * n as f64)
                .ceil()
                .max(f64::from(MIN_RECURRENT_DOCS)) as u32;
            (g, least)
        })
        .collect();
    if min_docs.is_empty() {
        return Vec::new();
    }
    let tag = |w: &str| segmenter.tag_of(w).unwrap_or_default();
    let names_a_head = |w: &str| {
        let t = tag(w);
        t.starts_with('n') || t == "vn"
    };
    // Word n-gram (1–5 words) counts over the corpus, each with the length of its first word and
    // where its last word starts; and candidates' document frequency.
    let per_doc = parallel_map(grids, |grid| {
        let mut grams: FxHashMap<&str, (u32, u32, u32)> = FxHashMap::default();
        let mut candidates: FxHashSet<&str> = FxHashSet::default();
        let mut before_noun: FxHashMap<&str, (u32, Vec<&str>)> = FxHashMap::default();
        let mut quantities: FxHashMap<&str, u32> = FxHashMap::default();
        for run in grid.word_runs() {
            for i in run.clone() {
                for n in 1..=5 {
                    let j = i + n;
                    if j > run.end {
                        break;
                    }
                    let start = grid.starts[i] as usize;
                    let gram = &grid.text[start..grid.token_end(j - 1)];
                    let first_len = (grid.token_end(i) - start) as u32;
                    let last_start = (grid.starts[j - 1] as usize - start) as u32;
                    grams.entry(gram).or_insert((0, first_len, last_start)).0 += 1;
                    let own_term = n == 1
                        && grid.classes[i] == Class::Word
                        && segmenter.is_own_term(gram)
                        && !segmenter.is_slogan(gram);
                    if own_term
                        || (2..=4).contains(&n)
                            && grid.classes[i] == Class::Word
                            && grid.classes[j - 1] == Class::Word
                    {
                        candidates.insert(gram);
                        let after = &grid.text[grid.token_end(j - 1)..];
                        if after
                            .chars()
                            .take(QUANTITY_LOOKAHEAD)
                            .any(|c| c.is_ascii_digit())
                        {
                            *quantities.entry(gram).or_default() += 1;
                        }
                        if j < run.end && grid.classes[j] == Class::Word {
                            let next = &grid.text[grid.starts[j] as usize..grid.token_end(j)];
                            if names_a_head(next) {
                                let entry = before_noun.entry(gram).or_default();
                                entry.0 += 1;
                                note_partner(&mut entry.1, next);
                            }
                        }
                    }
                }
            }
        }
        (grams, candidates, before_noun, quantities)
    });
    let mut grams: FxHashMap<&str, (u64, u32, u32)> = FxHashMap::default();
    let mut df: FxHashMap<(u32, &str), u32> = FxHashMap::default();
    let mut tokens: u64 = 0;
    let mut before_noun: FxHashMap<&str, (u64, Vec<&str>)> = FxHashMap::default();
    let mut quantities: FxHashMap<&str, u64> = FxHashMap::default();
    for ((g, c, b, q), &group) in per_doc.iter().zip(peers) {
        for (&gram, &n) in q {
            *quantities.entry(gram).or_default() += u64::from(n);
        }
        for (&gram, &(n, first, last)) in g {
            grams.entry(gram).or_insert((0, first, last)).0 += u64::from(n);
        }
        for (&gram, n) in b {
            let entry = before_noun.entry(gram).or_default();
            entry.0 += u64::from(n.0);
            for next in &n.1 {
                note_partner(&mut entry.1, next);
            }
        }
        if min_docs.contains_key(&group) {
            for &gram in c {
                *df.entry((group, gram)).or_default() += 1;
            }
        }
    }
    // Each candidate's largest document frequency in a group where it reaches the group's least.
    let mut df_among_peers: FxHashMap<&str, u32> = FxHashMap::default();
    for (&(group, gram), &d) in &df {
        if d >= min_docs[&group] {
            let best = df_among_peers.entry(gram).or_default();
            *best = (*best).max(d);
        }
    }
    // The most frequent one-word extension of each gram, to either side.
    let mut extended: FxHashMap<&str, u64> = FxHashMap::default();
    for (&gram, &(n, first, last)) in &grams {
        if last == 0 {
            continue;
        }
        for part in [&gram[first as usize..], &gram[..last as usize]] {
            let e = extended.entry(part).or_default();
            *e = (*e).max(n);
        }
    }
    for grid in grids {
        tokens += grid
            .classes
            .iter()
            .filter(|c| matches!(c, Class::Word | Class::Stop))
            .count() as u64;
    }
    let tokens = tokens.max(1) as f64;
    let names_a_thing = |word: &str, last: bool| {
        let t = tag(word);
        let blocked = ["m", "q", "c", "p", "u", "r", "t", "f", "y", "e"];
        if last {
            // The head: a noun (名词, 动名词, a place, an institution), never a bare verb.
            t.starts_with('n') || t == "vn" || t == "j" || t == "l"
        } else {
            !blocked.contains(&t.as_str()) && t != "v"
        }
    };
    let mut kept: Vec<(&str, u64)> = Vec::new();
    for (&cand, &d) in &df_among_peers {
        let han = cand.chars().count();
        if !RECURRENT_CHARS.contains(&han) || !cand.chars().all(crate::chars::is_han) {
            continue;
        }
        let count = grams.get(cand).map_or(0, |g| g.0);
        // A term of the lexicon or a user dictionary is one word already: its parts were
        // judged to belong together. One that is also a word of the general language (网络安全)
        // is a word, not a formulation.
        if segmenter.is_own_term(cand) {
            if crate::words::in_general_dictionary(cand) {
                continue;
            }
            kept.push((cand, count));
            continue;
        }
        let words = segmenter.cut_words(cand);
        if words.len() < 2
            || words
                .iter()
                .any(|w| segmenter.hidden(w) == Some(crate::words::Hidden::Number))
            || words.iter().any(|w| segmenter.is_stopword(w))
        {
            continue;
        }
        let (first, last) = (words[0], words[words.len() - 1]);
        // A phrase with a verb in it says what to do, not what a thing is called (参与市场竞争,
        // 提出意见); an edge of one character is a cut-off word (全 | 社会研发, 部 | 文艺作品).
        if words.iter().any(|w| tag(w) == "v")
            || first.chars().nth(1).is_none()
            || last.chars().nth(1).is_none()
        {
            continue;
        }
        if !names_a_thing(first, false) || !names_a_thing(last, true) {
            continue;
        }
        let mut weakest = f64::INFINITY;
        let mut cohesion = f64::INFINITY;
        let mut at = 0;
        for w in &words[..words.len() - 1] {
            at += w.len();
            let (left, right) = (&cand[..at], &cand[at..]);
            let (l, r) = (
                grams.get(left).map_or(count, |g| g.0).max(count),
                grams.get(right).map_or(count, |g| g.0).max(count),
            );
            let expected = l as f64 * r as f64 / tokens;
            weakest = weakest.min(count as f64 / expected.max(f64::MIN_POSITIVE));
            cohesion = cohesion.min(count as f64 / l.min(r) as f64);
        }
        if std::env::var_os("TIFA_DEBUG_RECURRENT").is_some() {
            eprintln!(
                "R\t{cand}\t{d}\t{count}\t{weakest:.1}\t{cohesion:.2}\t{}\t{:.2}",
                words.join("|"),
                before_noun.get(cand).map_or(0, |b| b.0) as f64 / count.max(1) as f64
            );
        }
        if weakest >= MIN_RECURRENT_ASSOCIATION && cohesion >= MIN_RECURRENT_COHESION {
            kept.push((cand, count));
        }
    }
    // How many different words follow and precede each word.
    let mut followers: FxHashMap<&str, u32> = FxHashMap::default();
    let mut preceders: FxHashMap<&str, u32> = FxHashMap::default();
    for (&gram, &(_, first, last)) in &grams {
        if last != 0 && first == last {
            *followers.entry(&gram[..first as usize]).or_default() += 1;
            *preceders.entry(&gram[last as usize..]).or_default() += 1;
        }
    }
    // Fragments: most occurrences beside one same word (inside one longer phrase).
    let fragment_of_longer = |cand: &str, count: u64| {
        extended
            .get(cand)
            .is_some_and(|&n| n as f64 >= MAX_SAME_NEIGHBOUR * count as f64)
    };
    // A phrase that heads many different nouns (中国特色社会主义 道路, 制度, 文化, 事业 …) is a
    // name of its own all the same.
    let modifier = |cand: &str, count: u64| {
        before_noun.get(cand).is_some_and(|(n, nouns)| {
            *n as f64 >= MAX_BEFORE_NOUN * count as f64
                && nouns.len() < MIN_PROMISCUOUS_PARTNERS as usize
        })
    };
    // A quantity: most uses followed by a number (地区生产总值增长5.4%, 优良天数比例达到88%)
    // measure something, they do not name a policy.
    let quantity = |cand: &str, count: u64| {
        quantities
            .get(cand)
            .is_some_and(|&n| n as f64 >= MAX_QUANTITY_SHARE * count as f64)
    };
    let whole: Vec<(&str, u64)> = kept
        .into_iter()
        .filter(|&(cand, count)| {
            !fragment_of_longer(cand, count) && !modifier(cand, count) && !quantity(cand, count)
        })
        .collect();
    // A phrase that is a kept phrase with a word put before or after it that goes with anything
    // (深化 | 社会治安, 数字政府 | 建设) is that phrase in a sentence, not a phrase of its own.
    let known: FxHashSet<&str> = whole.iter().map(|&(c, _)| c).collect();
    let promiscuous = |word: &str, map: &FxHashMap<&str, u32>| {
        map.get(word).copied().unwrap_or(0) >= MIN_PROMISCUOUS_PARTNERS
    };
    let mut out: Vec<String> = whole
        .iter()
        .filter(|&&(cand, _)| {
            let words = segmenter.cut_words(cand);
            if words.len() < 2 {
                return true;
            }
            let (first, last) = (words[0], words[words.len() - 1]);
            let rest_after_first = &cand[first.len()..];
            let rest_before_last = &cand[..cand.len() - last.len()];
            !((known.contains(rest_after_first) && promiscuous(first, &followers))
                || (known.contains(rest_before_last) && promiscuous(last, &preceders)))
        })
        .map(|&(cand, _)| cand.to_string())
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::metadata::Level;
    use crate::stats::counts::DocInfo;

    #[test]
    fn peers_are_ten_regions_of_one_level_and_year() {
        let provinces = [
            "山东省",
            "河南省",
            "河北省",
            "山西省",
            "江苏省",
            "浙江省",
            "安徽省",
            "湖北省",
            "湖南省",
            "广东省",
        ];
        let mut infos: Vec<DocInfo> = provinces
            .iter()
            .map(|p| DocInfo::for_test(p, 2026, Level::Provincial, p))
            .collect();
        infos.push(DocInfo::for_test("gwr-2025", 2025, Level::National, "全国"));
        let mut undated = DocInfo::for_test("undated", 2026, Level::Provincial, "福建省");
        undated.year = None;
        infos.push(undated);
        let groups = peer_groups(&infos);
        assert!(
            groups[..10]
                .iter()
                .all(|&g| g == groups[0] && g != NO_PEERS)
        );
        assert_eq!(&groups[10..], &[NO_PEERS, NO_PEERS]);
        // Nine provinces of a year, or twelve measures of one province, are too few places.
        assert!(peer_groups(&infos[1..10]).iter().all(|&g| g == NO_PEERS));
        let one_region: Vec<DocInfo> = (0..12)
            .map(|i| DocInfo::for_test(&format!("m{i}"), 2020, Level::Provincial, "浙江省"))
            .collect();
        assert!(peer_groups(&one_region).iter().all(|&g| g == NO_PEERS));
    }
}
