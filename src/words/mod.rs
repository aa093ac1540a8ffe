//! Words: normalized text (`&str`) → [`Token`]s (spans with a kind), by jieba-rs with tifa's domain
//! lexicon (`data/lexicon.txt`) and any user dictionaries, after formulations have been cut out so
//! that they stay single tokens.

pub mod formulation;

use crate::chars::{is_cjk_punct, is_han};
use crate::structure::Span;
use formulation::{Formulation, FormulationKind};
use jieba_rs::Jieba;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;
use thiserror::Error;

/// The built-in domain lexicon, one term per line (its hash is recorded in report manifests).
pub const LEXICON: &str = include_str!("../../data/lexicon.txt");
const STOPWORDS: &str = include_str!("../../data/stopwords.txt");

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
}

fn lexicon_terms() -> impl Iterator<Item = &'static str> {
    LEXICON
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The terms of the built-in domain lexicon.
pub fn domain_lexicon() -> Vec<&'static str> {
    lexicon_terms().collect()
}

/// Whether `text` is exactly one term of the domain lexicon (a name such as
/// 习近平新时代中国特色社会主义思想 rather than a passage of prose).
pub fn is_domain_term(text: &str) -> bool {
    static TERMS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    TERMS
        .get_or_init(|| lexicon_terms().collect())
        .contains(text)
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
        let mut jieba = Jieba::new();
        for term in lexicon_terms() {
            jieba.add_word(term, None, None);
        }
        for path in paths {
            let shown = path.display().to_string();
            let text = std::fs::read(path).map_err(|source| WordsError::Read {
                path: shown.clone(),
                source,
            })?;
            let mut reader = std::io::BufReader::new(text.as_slice());
            jieba
                .load_dict(&mut reader)
                .map_err(|e| WordsError::Format {
                    path: shown,
                    message: e.to_string(),
                })?;
        }
        let stopwords = STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        Ok(Self { jieba, stopwords })
    }

    /// Tokens of `text` in order, covering it completely.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let formulations = formulation::find(text);
        let mut tokens = Vec::with_capacity(text.len() / 4);
        let mut cursor = 0;
        for Formulation { span, kind } in &formulations {
            self.cut(text, cursor, span.start, &mut tokens);
            tokens.push(Token {
                span: *span,
                kind: TokenKind::Formulation(*kind),
                stop: false,
            });
            cursor = span.end;
        }
        self.cut(text, cursor, text.len(), &mut tokens);
        tokens
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

fn classify(word: &str) -> TokenKind {
    let first = word.chars().next().unwrap_or(' ');
    if word.chars().all(|c| c.is_whitespace() || c == '\u{3000}') {
        TokenKind::Space
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
