//! Words: normalized text (`&str`) → [`Token`]s (spans with a kind), by jieba-rs with tifa's domain
//! lexicon (`data/lexicon.txt`) and any user dictionaries, after formulations have been cut out so
//! that they stay single tokens.

pub mod formulation;
mod subset;
pub use subset::in_general_dictionary;

use crate::chars::{is_cjk_punct, is_han};
use crate::structure::Span;
use aho_corasick::{AhoCorasick, MatchKind};
use formulation::{Formulation, FormulationKind};
use jieba_rs::Jieba;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;
use thiserror::Error;

/// The built-in domain lexicon, one term per line (its hash is recorded in report manifests).
pub static LEXICON: &str = include_str!("../../data/lexicon.txt");
static STOPWORDS: &str = include_str!("../../data/stopwords.txt");

#[derive(Debug, Error)]
pub enum WordsError {
    #[error("cannot read dictionary {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "dictionary {path} is not in jieba format (`word [frequency] [tag]` per line): {message}"
    )]
    Format { path: String, message: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TokenKind {
    Word,
    Formulation(FormulationKind),
    Number,
    Latin,
    Punct,
    Space,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// A function word left out of term counts.
    pub stop: bool,
}

/// jieba with the domain lexicon and stopwords. Building one costs a few hundred milliseconds,
/// so the default one is shared ([`Segmenter::shared`]).
pub struct Segmenter {
    jieba: Jieba,
    stopwords: HashSet<&'static str>,
    /// Lexicon slogans (marked `提法` in `data/lexicon.txt`), found wherever they occur.
    slogans: AhoCorasick,
    slogan_set: HashSet<&'static str>,
    /// The terms of the lexicon and of the user dictionaries.
    own_terms: HashSet<String>,
    /// Texts already tokenized in this run ([`Segmenter::tokenize`]): a report reads each
    /// document in several stages (counts, reuse of its own text, contexts, pairs, traces).
    memo: std::sync::Mutex<TokenMemo>,
}

/// Tokens of the texts tokenized so far, keyed by two independent hashes and the length of the
/// text, up to [`TokenMemo::LIMIT`] tokens in all (beyond it texts are tokenized each time).
#[derive(Default)]
struct TokenMemo {
    tokens: rustc_hash::FxHashMap<(u64, u64, usize), std::sync::Arc<Vec<Token>>>,
    held: usize,
}

impl TokenMemo {
    /// About 200 MB of tokens: the documents of a corpus of a few thousand long reports.
    const LIMIT: usize = 8_000_000;

    fn key(text: &str) -> (u64, u64, usize) {
        use std::hash::Hasher;
        let mut fx = rustc_hash::FxHasher::default();
        fx.write(text.as_bytes());
        // SipHash with fixed keys: the same text has the same key all run long.
        let mut sip = std::hash::DefaultHasher::new();
        sip.write(text.as_bytes());
        (fx.finish(), sip.finish(), text.len())
    }
}

/// Texts shorter than this are tokenized each time (a query, a sentence): cheaper than a lookup.
const MEMO_MIN_BYTES: usize = 4096;

/// The marker that makes a lexicon term a slogan: `新发展理念 提法`.
const SLOGAN_MARK: &str = "提法";

/// (term, is a slogan) for each entry of the built-in lexicon.
fn lexicon_entries() -> impl Iterator<Item = (&'static str, bool)> {
    LEXICON
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut fields = l.split_whitespace();
            let term = fields.next()?;
            Some((term, fields.any(|f| f == SLOGAN_MARK)))
        })
}

fn lexicon_terms() -> impl Iterator<Item = &'static str> {
    lexicon_entries().map(|(term, _)| term)
}

/// The terms of the built-in domain lexicon.
pub fn domain_lexicon() -> Vec<&'static str> {
    lexicon_terms().collect()
}

/// The slogans of the built-in domain lexicon (counted as formulations).
pub fn lexicon_slogans() -> Vec<&'static str> {
    lexicon_entries()
        .filter(|(_, slogan)| *slogan)
        .map(|(term, _)| term)
        .collect()
}

/// Whether `text` is exactly one term of the domain lexicon (a name such as
/// 习近平新时代中国特色社会主义思想 rather than a passage of prose).
pub fn is_domain_term(text: &str) -> bool {
    static TERMS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    TERMS
        .get_or_init(|| lexicon_terms().collect())
        .contains(text)
}

/// Part-of-speech tags (jieba's, first letter) of words that carry no content: adverbs,
/// prepositions, conjunctions, particles, pronouns, numerals, classifiers, locatives, time words,
/// modal particles, interjections, onomatopoeia, prefixes and suffixes.
const FUNCTION_TAGS: &str = "dpcurmqftyeohkz";
/// Modal and auxiliary verbs, which jieba tags as verbs: compiled by hand for tifa.
const MODAL_VERBS: &[&str] = &[
    "应该", "应当", "必须", "能够", "可以", "需要", "可能", "愿意", "得以", "予以", "加以", "给予",
    "进行", "作为", "成为", "就是", "还是", "只是", "但是", "使得", "有所", "有关", "没有", "不能",
];

/// Why a term is kept out of the report's headline lists (it stays in every full table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hidden {
    /// One character: 好, 年, 到.
    SingleCharacter,
    /// A function word by its part of speech (地, 对于, 已经) or a modal verb (应该).
    FunctionWord,
    /// A number written in Han numerals (一九五七年, 百分之八十五点).
    Number,
}

impl Hidden {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SingleCharacter => "single-character",
            Self::FunctionWord => "function-word",
            Self::Number => "number",
        }
    }
}

/// Each user dictionary as (the path shown in messages, its bytes).
fn read_dictionaries(paths: &[&Path]) -> Result<Vec<(String, Vec<u8>)>, WordsError> {
    paths
        .iter()
        .map(|path| {
            let shown = path.display().to_string();
            match crate::files::read_regular(path, crate::files::SETTINGS_LIMIT) {
                Ok(bytes) => Ok((shown, bytes)),
                Err(source) => Err(WordsError::Read {
                    path: shown,
                    source,
                }),
            }
        })
        .collect()
}

impl Segmenter {
    /// The default segmenter, built once per process.
    pub fn shared() -> &'static Segmenter {
        static SHARED: OnceLock<Segmenter> = OnceLock::new();
        SHARED.get_or_init(|| {
            Segmenter::with_dictionaries(&[]).expect("no user dictionaries to fail")
        })
    }

    /// A segmenter with the domain lexicon plus user dictionaries in jieba format.
    pub fn with_dictionaries(paths: &[&Path]) -> Result<Self, WordsError> {
        Self::build(subset::whole_dictionary(), &read_dictionaries(paths)?)
    }

    /// A segmenter that cuts `texts` (and only them: any other text may be cut differently)
    /// exactly as [`Segmenter::with_dictionaries`] would, built from the dictionary entries
    /// occurring in them: for commands that read a pair, where loading jieba's whole
    /// dictionary would take longer than reading both files.
    pub fn for_texts(texts: &[&str], paths: &[&Path]) -> Result<Self, WordsError> {
        let user = read_dictionaries(paths)?;
        let user_texts: Vec<String> = user
            .iter()
            .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
            .collect();
        // The lexicon's terms take frequencies from how the dictionary cuts them.
        let mut all: Vec<&str> = vec![LEXICON];
        all.extend(user_texts.iter().map(String::as_str));
        all.extend_from_slice(texts);
        let jieba = match subset::dictionary_within(&all) {
            Some(dict) => Jieba::with_dict(&mut dict.as_bytes())
                .expect("lines of jieba's own dictionary are well-formed"),
            None => subset::whole_dictionary(),
        };
        Self::build(jieba, &user)
    }

    fn build(mut jieba: Jieba, user: &[(String, Vec<u8>)]) -> Result<Self, WordsError> {
        let mut own_terms: Vec<String> = Vec::new();
        for term in lexicon_terms() {
            jieba.add_word(term, None, None);
            own_terms.push(term.to_string());
        }
        for (shown, text) in user {
            let mut reader = std::io::BufReader::new(text.as_slice());
            jieba
                .load_dict(&mut reader)
                .map_err(|e| WordsError::Format {
                    path: shown.clone(),
                    message: e.to_string(),
                })?;
            own_terms.extend(
                String::from_utf8_lossy(text)
                    .lines()
                    .filter_map(|l| l.split_whitespace().next())
                    .map(str::to_string),
            );
        }
        let stopwords = STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let slogan_list = lexicon_slogans();
        let slogans = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&slogan_list)
            .expect("the lexicon's slogans make an automaton");
        Ok(Self {
            jieba,
            stopwords,
            slogans,
            slogan_set: slogan_list.into_iter().collect(),
            own_terms: own_terms.into_iter().collect(),
            memo: Default::default(),
        })
    }

    /// The words of two characters or more strictly inside `term` (社会主义 inside
    /// 中国特色社会主义, 高质量 inside 高质量发展): dictionary words, stopwords out, that start and
    /// end where the segmenter cuts the term both without its first and without its last
    /// character — so that 高质 (across 高质量 | 发展) and 上网 (across 网上 | 网下) are not.
    pub fn inside(&self, term: &str) -> Vec<String> {
        let Some(first_len) = term.chars().next().map(char::len_utf8) else {
            return Vec::new();
        };
        let last_len = term.chars().next_back().map_or(0, char::len_utf8);
        let cuts_of = |from: usize, to: usize| -> Vec<usize> {
            self.jieba
                .cut(&term[from..to], false)
                .iter()
                .map(|t| from + t.byte_end)
                .collect()
        };
        // Boundaries both readings agree on (网上网下 read as 网上 | 网下, never 上网).
        let without_first = cuts_of(first_len, term.len());
        let without_last = cuts_of(0, term.len() - last_len);
        let mut cuts: Vec<usize> = without_first
            .into_iter()
            .filter(|b| without_last.contains(b))
            .collect();
        cuts.extend([0, term.len()]);
        cuts.sort_unstable();
        cuts.dedup();
        let mut inside = Vec::new();
        for (a, &from) in cuts.iter().enumerate() {
            for &to in &cuts[a + 1..] {
                let sub = &term[from..to];
                let whole = from == 0 && to == term.len();
                if !whole
                    && sub.chars().count() >= 2
                    && self.jieba.has_word(sub)
                    && !self.stopwords.contains(sub)
                    && !inside.iter().any(|s: &String| s == sub)
                {
                    inside.push(sub.to_string());
                }
            }
        }
        inside
    }

    /// Every occurrence of each lexicon slogan in `text` (non-overlapping for one slogan, as a
    /// phrase count; slogans may overlap each other: 全面深化改革开放 holds 全面深化改革 and
    /// 改革开放), in text order.
    pub fn slogans_in(&self, text: &str) -> Vec<Span> {
        let mut next_free = vec![0usize; self.slogans.patterns_len()];
        let mut spans = Vec::new();
        for m in self.slogans.find_overlapping_iter(text) {
            let p = m.pattern().as_usize();
            if m.start() >= next_free[p] {
                spans.push(Span::new(m.start(), m.end()));
                next_free[p] = m.end();
            }
        }
        spans.sort_by_key(|s| (s.start, s.end));
        spans
    }

    /// jieba's part-of-speech tag of `word` when it is one word of the dictionary.
    /// Whether `term` is a term of the lexicon or of a user dictionary.
    pub fn is_own_term(&self, term: &str) -> bool {
        self.own_terms.contains(term)
    }

    /// Whether `word` is a function word left out of counts.
    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(word)
    }

    /// jieba's words of `text` (no formulation cut out).
    pub fn cut_words<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.jieba
            .cut(text, true)
            .into_iter()
            .map(|w| w.word)
            .collect()
    }

    /// jieba's part-of-speech tag of `word` when it is one word.
    pub fn tag_of(&self, word: &str) -> Option<String> {
        let tags = self.jieba.tag(word, false);
        match tags.as_slice() {
            [one] if one.word == word => Some(one.tag.to_string()),
            _ => None,
        }
    }

    /// Whether `term` is a slogan of the lexicon (marked `提法`: 新质生产力, 共同富裕).
    pub fn is_slogan(&self, term: &str) -> bool {
        self.slogan_set.contains(term)
    }

    /// Why `term` stays out of headline lists, if it does.
    pub fn hidden(&self, term: &str) -> Option<Hidden> {
        if term.chars().count() <= 1 {
            return Some(Hidden::SingleCharacter);
        }
        if crate::chars::is_han_number(term) {
            return Some(Hidden::Number);
        }
        let function_tag = self
            .tag_of(term)
            .and_then(|t| t.chars().next())
            .is_some_and(|t| FUNCTION_TAGS.contains(t));
        (function_tag || MODAL_VERBS.contains(&term)).then_some(Hidden::FunctionWord)
    }

    /// A quoted idiom or saying (“不劳而获”, “山重水复”): a four-character dictionary word that jieba
    /// tags as an idiom (or, for sayings it does not know as idioms, as a name).
    fn is_quoted_idiom(&self, quoted: &str) -> bool {
        quoted.chars().count() == 4
            && !is_domain_term(quoted)
            && self
                .tag_of(quoted)
                .is_some_and(|t| t.starts_with('i') || t == "nr")
    }

    /// One word of jieba's general dictionary, not a lexicon or user term: what scare quotes hold.
    pub fn is_plain_word(&self, text: &str) -> bool {
        !self.own_terms.contains(text) && self.tag_of(text).is_some_and(|t| !t.is_empty())
    }

    /// Every formulation of `text` (quoted, titles, numbered, paired, lexicon slogans), in text
    /// order. A quoted numbered formula (“十个坚持”) is numbered; a slogan is listed wherever it
    /// occurs, also inside a longer formulation, but once where it is one already.
    pub fn formulations(&self, text: &str) -> Vec<Formulation> {
        self.formulations_in(text, &self.tokenize(text))
    }

    /// [`Segmenter::formulations`] of a text already tokenized.
    pub fn formulations_in(&self, text: &str, tokens: &[Token]) -> Vec<Formulation> {
        let mut found: Vec<Formulation> = tokens
            .iter()
            .filter_map(|t| match t.kind {
                TokenKind::Formulation(kind) => Some(Formulation {
                    span: t.span,
                    kind: self.refined_kind(t.span.of(text), kind),
                }),
                _ => None,
            })
            .collect();
        let spans: HashSet<Span> = found.iter().map(|f| f.span).collect();
        found.extend(
            self.slogans_in(text)
                .into_iter()
                .filter(|span| !spans.contains(span))
                .map(|span| Formulation {
                    span,
                    kind: FormulationKind::Slogan,
                }),
        );
        found.sort_by_key(|f| (f.span.start, f.span.end));
        found
    }

    /// What a quoted phrase or a slogan is when it is wholly a numbered formula or a paired
    /// slogan (“六强化、六提升”, 十个坚持): that kind; else `kind`.
    fn refined_kind(&self, phrase: &str, kind: FormulationKind) -> FormulationKind {
        if !matches!(kind, FormulationKind::Quoted | FormulationKind::Slogan) {
            return kind;
        }
        let inner = self.tokenize_plain(phrase);
        let bounds: Vec<usize> = inner
            .iter()
            .map(|t| t.span.start)
            .chain(std::iter::once(phrase.len()))
            .collect();
        let found = formulation::numbered_and_paired(phrase, &bounds, &[], self);
        match found.as_slice() {
            [one] if one.span.start == 0 && one.span.end == phrase.len() => one.kind,
            _ => kind,
        }
    }

    /// Where jieba (with the lexicon and user dictionaries) cuts `text` when no formulation is
    /// cut out first: the word boundaries a formulation must respect, as byte offsets.
    pub fn word_boundaries(&self, text: &str) -> Vec<usize> {
        let mut bounds: Vec<usize> = self
            .tokenize_plain(text)
            .iter()
            .map(|t| t.span.start)
            .collect();
        bounds.push(text.len());
        bounds
    }

    /// jieba's tokens of `text`, no formulation cut out.
    fn tokenize_plain(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        self.cut(text, 0, text.len(), &mut tokens);
        tokens
    }

    /// Tokens of `text` in order, covering it completely. A text tokenized before in this run is
    /// not cut again (the segmenter's token memo).
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        if text.len() < MEMO_MIN_BYTES {
            return self.tokenize_uncached(text);
        }
        let key = TokenMemo::key(text);
        let known = self
            .memo
            .lock()
            .ok()
            .and_then(|memo| memo.tokens.get(&key).cloned());
        if let Some(tokens) = known {
            return tokens.as_ref().clone();
        }
        let tokens = self.tokenize_uncached(text);
        if let Ok(mut memo) = self.memo.lock()
            && memo.held + tokens.len() <= TokenMemo::LIMIT
        {
            memo.held += tokens.len();
            memo.tokens.insert(key, std::sync::Arc::new(tokens.clone()));
        }
        tokens
    }

    fn tokenize_uncached(&self, text: &str) -> Vec<Token> {
        let cut_out: Vec<Formulation> = formulation::bracketed(text)
            .into_iter()
            .filter(|f| f.kind != FormulationKind::Quoted || !self.is_quoted_idiom(f.span.of(text)))
            .collect();
        let mut tokens = Vec::with_capacity(text.len() / 4);
        let mut cursor = 0;
        for Formulation { span, kind } in &cut_out {
            self.cut(text, cursor, span.start, &mut tokens);
            tokens.push(Token {
                span: *span,
                kind: TokenKind::Formulation(*kind),
                stop: false,
            });
            cursor = span.end;
        }
        self.cut(text, cursor, text.len(), &mut tokens);
        let bounds: Vec<usize> = tokens
            .iter()
            .map(|t| t.span.start)
            .chain(std::iter::once(text.len()))
            .collect();
        let found = formulation::numbered_and_paired(text, &bounds, &cut_out, self);
        let tokens = self.split_at(text, tokens, &found);
        let mut tokens = merge_formulations(tokens, &found);
        for token in &mut tokens {
            if token.kind == TokenKind::Word && self.slogan_set.contains(token.span.of(text)) {
                token.kind = TokenKind::Formulation(FormulationKind::Slogan);
                token.stop = false;
            }
        }
        tokens
    }

    /// `tokens` with every start and end of `found` a token boundary: a token a formulation starts
    /// or ends inside (十九 / 大全 / 感 for 【十九大】全感) is cut again on each side of it, so
    /// that tokens never overlap and still cover the text.
    fn split_at(&self, text: &str, tokens: Vec<Token>, found: &[Formulation]) -> Vec<Token> {
        let mut cuts: Vec<usize> = found
            .iter()
            .flat_map(|f| [f.span.start, f.span.end])
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let inside = |t: &Token| {
            let from = cuts.partition_point(|&c| c <= t.span.start);
            cuts.get(from).is_some_and(|&c| c < t.span.end)
        };
        if !tokens.iter().any(inside) {
            return tokens;
        }
        let mut out = Vec::with_capacity(tokens.len() + 2);
        for token in tokens {
            if !inside(&token) {
                out.push(token);
                continue;
            }
            let from = cuts.partition_point(|&c| c <= token.span.start);
            let mut start = token.span.start;
            for &c in cuts[from..].iter().take_while(|&&c| c < token.span.end) {
                if text.is_char_boundary(c) {
                    self.cut(text, start, c, &mut out);
                    start = c;
                }
            }
            self.cut(text, start, token.span.end, &mut out);
        }
        out
    }

    fn cut(&self, text: &str, start: usize, end: usize, tokens: &mut Vec<Token>) {
        if start >= end {
            return;
        }
        for piece in self.jieba.cut(&text[start..end], true) {
            let span = Span::new(start + piece.byte_start, start + piece.byte_end);
            let kind = classify(piece.word);
            let stop = kind == TokenKind::Word && self.stopwords.contains(piece.word);
            tokens.push(Token { span, kind, stop });
        }
    }
}

impl formulation::Lexicon for Segmenter {
    fn tag(&self, word: &str) -> Option<String> {
        self.tag_of(word)
    }
    fn is_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }
    fn is_own_term(&self, word: &str) -> bool {
        self.own_terms.contains(word)
    }
}

/// Replaces the tokens inside each found formulation (which starts and ends on token boundaries)
/// with one formulation token.
fn merge_formulations(tokens: Vec<Token>, found: &[Formulation]) -> Vec<Token> {
    if found.is_empty() {
        return tokens;
    }
    let mut merged = Vec::with_capacity(tokens.len());
    let mut next = found.iter().peekable();
    for token in tokens {
        while next.peek().is_some_and(|f| f.span.end <= token.span.start) {
            next.next();
        }
        match next.peek() {
            Some(f) if token.span.start >= f.span.start && token.span.end <= f.span.end => {
                if token.span.start == f.span.start {
                    merged.push(Token {
                        span: f.span,
                        kind: TokenKind::Formulation(f.kind),
                        stop: false,
                    });
                }
            }
            _ => merged.push(token),
        }
    }
    merged
}

fn classify(word: &str) -> TokenKind {
    let first = word.chars().next().unwrap_or(' ');
    if word.chars().all(|c| c.is_whitespace() || c == '\u{3000}') {
        TokenKind::Space
    } else if crate::chars::is_han_number(word) {
        TokenKind::Number
    } else if word.chars().any(is_han) {
        TokenKind::Word
    } else if word
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '%' | ','))
    {
        TokenKind::Number
    } else if first.is_ascii_alphanumeric() {
        TokenKind::Latin
    } else if word
        .chars()
        .all(|c| is_cjk_punct(c) || c.is_ascii_punctuation() || !c.is_alphanumeric())
    {
        TokenKind::Punct
    } else {
        TokenKind::Word
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_text_tokenized_again_gives_the_same_tokens_from_the_memo() {
        let segmenter = Segmenter::with_dictionaries(&[]).unwrap();
        let text =
            "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。\n".repeat(60);
        assert!(text.len() >= MEMO_MIN_BYTES);
        let first = segmenter.tokenize(&text);
        assert_eq!(segmenter.memo.lock().unwrap().held, first.len());
        assert_eq!(segmenter.tokenize(&text), first);
        assert_eq!(segmenter.tokenize_uncached(&text), first);
        // Another text of the same length is not taken for it.
        let other = text.replacen("稳中求进", "稳字当头", 1);
        assert_eq!(other.len(), text.len());
        assert_eq!(
            segmenter.tokenize(&other),
            segmenter.tokenize_uncached(&other)
        );
    }

    use super::*;

    #[test]
    fn terms_nested_in_lexicon_terms() {
        let segmenter = Segmenter::shared();
        let inside = segmenter.inside("中国特色社会主义");
        assert!(inside.iter().any(|t| t == "社会主义"), "{inside:?}");
        let inside = segmenter.inside("黄河流域生态保护和高质量发展");
        assert!(inside.iter().any(|t| t == "高质量发展"), "{inside:?}");
        assert!(!inside.iter().any(|t| t == "高质"), "{inside:?}");
        assert!(!segmenter.inside("网上网下").iter().any(|t| t == "上网"));
        let inside = segmenter.inside("高质量发展");
        assert!(inside.iter().any(|t| t == "高质量") && inside.iter().any(|t| t == "发展"));
    }

    #[test]
    fn function_words_numbers_and_single_characters_are_hidden() {
        let segmenter = Segmenter::shared();
        for (word, why) in [
            ("地", Hidden::SingleCharacter),
            ("对于", Hidden::FunctionWord),
            ("由于", Hidden::FunctionWord),
            ("应该", Hidden::FunctionWord),
            ("已经", Hidden::FunctionWord),
            ("一九五七年", Hidden::Number),
            ("百分之八十五点", Hidden::Number),
        ] {
            assert_eq!(segmenter.hidden(word), Some(why), "{word}");
        }
        for word in ["新质生产力", "化债", "低空经济", "网络安全", "推进"] {
            assert_eq!(segmenter.hidden(word), None, "{word}");
        }
    }

    #[test]
    fn quoted_idioms_and_nicknames_are_not_formulations() {
        let segmenter = Segmenter::shared();
        let text = "说资产阶级是“不劳而获”，就好象“山重水复”；被誉为“当代愚公”的老工人，落实“放管服”改革。";
        let found: Vec<&str> = segmenter
            .formulations(text)
            .iter()
            .map(|f| f.span.of(text))
            .collect();
        assert_eq!(found, ["放管服"]);
    }
}
