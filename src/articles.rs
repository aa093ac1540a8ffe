//! Articles: two [`Document`]s structured in 第X条 articles (laws, regulations, implementing
//! measures) and their sentence [`Alignment`] → an [`ArticleMap`]: which article of A each article
//! of B takes over verbatim or adapts, which of A's articles B leaves out and which of B's are new,
//! and where B cites A by article (根据《中华人民共和国水法》第二十条).
//!
//! Articles pair by content, never by number: each article's partner is the one its aligned
//! sentences mostly lie in, so renumbered articles (第十二条 → 第十四条) find each other. An
//! article's similarity is the sentence pairs' similarity weighted by their Han characters over
//! both articles' characters: 1 for an article taken over whole, 0 for one with nothing aligned.
//! Articles rewritten sentence by sentence pair by the phrases they share, and a last look pairs
//! what is left by the wording only the two articles share (`Wording::pair_the_rest`).

use crate::align::{Alignment, PairKind};
use crate::ingest::Document;
use crate::structure::article_number;
use crate::words::Token;
use serde::Serialize;
use std::sync::LazyLock;

/// Fewest articles each side needs before a pair is read article by article.
pub const MIN_ARTICLES: usize = 3;
/// Least similarity of two articles that pair: below it, the article is left out (A) or new (B).
pub const MIN_ARTICLE_SIMILARITY: f64 = 0.3;
/// An article of B with no partner by its sentences still adapts an article of A when their
/// texts share this much: Dice of their Han character trigrams …
pub const MIN_ADAPTED_DICE: f64 = 0.35;
/// … or this share of the shorter one's trigrams (a provincial article that rewrites every
/// sentence of a national one, keeping its phrases: 建设水工程，必须符合流域综合规划), with a
/// Dice of at least [`MIN_CONTAINED_DICE`] (a short article's stock phrases are in any long one).
pub const MIN_ADAPTED_CONTAINMENT: f64 = 0.45;
pub const MIN_CONTAINED_DICE: f64 = 0.2;
/// Most (A articles left out × B articles) the last look compares; a law and its measure hold
/// a few hundred articles a side.
const MAX_LAST_LOOK_CELLS: usize = 4_000_000;
/// A last look for articles still unpaired, by the wording the two articles share and the rest
/// of the two documents does not: the content words' tf-idf cosine (over both documents'
/// articles) must reach this …
pub const MIN_WORD_COSINE: f64 = 0.2;
/// … and this share of the article's distinctive trigrams (each weighted by its idf over the
/// articles) must be in the other one, leaving out what the other article already shares with
/// its partner: 各级人民政府采取措施广泛宣传献血的意义 → 市、区（市）人民政府应当采取措施加强献血
/// 宣传教育.
pub const MIN_DISTINCT_SHARE: f64 = 0.12;
/// A trigram in more articles than this is the two laws' stock wording (开发、利用、节约、保护水资源
/// 和防治水害; 对直接负责的主管人员和其他直接责任人员) and shows no article's source.
pub const MAX_DISTINCT_ARTICLES: usize = 4;

/// One article of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// As written: `第十二条`, `第十二条之一`.
    pub label: String,
    pub number: u32,
    /// Its sentences (indices into the document's sentences).
    pub sentences: std::ops::Range<usize>,
    /// Where it starts (`水法.md:40`).
    pub citation: String,
    /// Han characters of its sentences.
    pub chars: usize,
}

/// How an article of B stands to one of A.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArticleKind {
    /// The same words (its number, spaces and punctuation aside).
    Verbatim,
    /// Taken over with changes.
    Adapted,
    /// An article of A that B does not take over.
    LeftOut,
    /// An article of B that takes over no article of A.
    New,
}

impl ArticleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Verbatim => "verbatim",
            Self::Adapted => "adapted",
            Self::LeftOut => "left-out",
            Self::New => "new",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Self::Verbatim => "原文照录",
            Self::Adapted => "改写",
            Self::LeftOut => "未采用",
            Self::New => "新增",
        }
    }
}

/// One row of the correspondence: an article of A, of B, or of both.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleLink {
    /// Index into [`ArticleMap::a`], none for a new article of B.
    pub a: Option<usize>,
    /// Index into [`ArticleMap::b`], none for an article of A left out.
    pub b: Option<usize>,
    pub kind: ArticleKind,
    pub similarity: f64,
}

/// B citing A: B's article, and the article of A it names (none when it names the law only).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    /// Index into [`ArticleMap::b`].
    pub b: usize,
    /// The article of A cited, by number (`第二十条` → 20).
    pub a_number: Option<u32>,
    /// The words as written: `《中华人民共和国水法》第二十条`.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleMap {
    pub a: Vec<Article>,
    pub b: Vec<Article>,
    /// A's articles in order, each with its partner in B or left out; then B's new articles,
    /// in B's order.
    pub links: Vec<ArticleLink>,
    pub citations: Vec<Citation>,
}

impl ArticleMap {
    pub fn count(&self, kind: ArticleKind) -> usize {
        self.links.iter().filter(|l| l.kind == kind).count()
    }

    /// The citations of the article of B at `b`, as `第二十条` labels (or the law's name).
    pub fn cited_by(&self, b: usize) -> Vec<&Citation> {
        self.citations.iter().filter(|c| c.b == b).collect()
    }
}

/// The articles of `doc`: each from a sentence that opens with 第X条 to the next article or
/// heading (第X章, 第X节, a numbered part).
pub fn articles_of(doc: &Document) -> Vec<Article> {
    let text = &doc.normalized.text;
    let sentences = &doc.structure.sentences;
    let mut out: Vec<Article> = Vec::new();
    let mut open: Option<usize> = None;
    for (i, s) in sentences.iter().enumerate() {
        let start = s.span.of(text).trim_start();
        // An article opens a sentence at the start of its paragraph.
        let first_of_paragraph = i == 0 || sentences[i - 1].paragraph != s.paragraph;
        let article = first_of_paragraph.then(|| article_number(start)).flatten();
        if let Some((number, len)) = article {
            if let Some(k) = open {
                out[k].sentences.end = i;
            }
            out.push(Article {
                label: start[..len].to_string(),
                number,
                sentences: i..i + 1,
                citation: doc.cite(s.span.start),
                chars: 0,
            });
            open = Some(out.len() - 1);
        } else if s
            .heading
            .is_some_and(|h| closes_article(doc.structure.headings[h].marker.style))
        {
            // A chapter or section heading closes the article before it; its own items
            // (（一）…, 1. …) do not.
            if let Some(k) = open.take() {
                out[k].sentences.end = i;
            }
        } else if let Some(k) = open {
            out[k].sentences.end = i + 1;
        }
    }
    for a in &mut out {
        a.chars = a
            .sentences
            .clone()
            .map(|i| crate::chars::han_count(sentences[i].span.of(text)))
            .sum();
    }
    out
}

/// Whether a heading of this style ends the article before it: a part or chapter (第X章), a
/// styled heading or a 一、 part does; an article's own enumerated items （一） 1. （1） do not.
fn closes_article(style: crate::structure::MarkerStyle) -> bool {
    use crate::structure::MarkerStyle;
    matches!(
        style,
        MarkerStyle::Styled(_) | MarkerStyle::Part | MarkerStyle::Numeral
    )
}

/// Which article holds each sentence.
fn article_of_sentence(articles: &[Article], sentences: usize) -> Vec<Option<usize>> {
    let mut of = vec![None; sentences];
    for (k, a) in articles.iter().enumerate() {
        for i in a.sentences.clone() {
            of[i] = Some(k);
        }
    }
    of
}

/// The article correspondence of A and B, when both are written in articles.
pub fn map_articles(
    a: (&Document, &[Token]),
    b: (&Document, &[Token]),
    alignment: &Alignment,
) -> Option<ArticleMap> {
    let ((a, a_tokens), (b, b_tokens)) = (a, b);
    let (arts_a, arts_b) = (articles_of(a), articles_of(b));
    if arts_a.len() < MIN_ARTICLES || arts_b.len() < MIN_ARTICLES {
        return None;
    }
    let (na, nb) = (arts_a.len(), arts_b.len());
    let of_a = article_of_sentence(&arts_a, a.structure.sentences.len());
    let of_b = article_of_sentence(&arts_b, b.structure.sentences.len());
    let han = |doc: &Document, i: usize| {
        crate::chars::han_count(doc.structure.sentences[i].span.of(&doc.normalized.text))
    };
    // weight[(i, j)]: similarity × characters of the sentence pairs between A's article i and
    // B's article j, a pair's characters shared out over the articles its sentences lie in.
    let mut weight: rustc_hash::FxHashMap<(usize, usize), f64> = Default::default();
    for pair in &alignment.pairs {
        let (Some(ra), Some(rb)) = (&pair.a, &pair.b) else {
            continue;
        };
        if matches!(pair.kind, PairKind::Added | PairKind::Dropped) {
            continue;
        }
        let ca: Vec<(usize, usize)> = ra
            .clone()
            .filter_map(|i| of_a[i].map(|k| (k, han(a, i))))
            .collect();
        let cb: Vec<(usize, usize)> = rb
            .clone()
            .filter_map(|j| of_b[j].map(|k| (k, han(b, j))))
            .collect();
        let (ta, tb) = (
            ca.iter().map(|c| c.1).sum::<usize>() as f64,
            cb.iter().map(|c| c.1).sum::<usize>() as f64,
        );
        if ta == 0.0 || tb == 0.0 {
            continue;
        }
        for &(i, x) in &ca {
            for &(j, y) in &cb {
                let share = (x as f64 / ta) * (y as f64 / tb);
                *weight.entry((i, j)).or_default() += pair.similarity * share * (ta + tb);
            }
        }
    }
    let similarity = |i: usize, j: usize| {
        let total = (arts_a[i].chars + arts_b[j].chars) as f64;
        if total == 0.0 {
            0.0
        } else {
            (weight.get(&(i, j)).copied().unwrap_or(0.0) / total).min(1.0)
        }
    };
    let mut best_a: Vec<Option<(usize, f64)>> = vec![None; na];
    let mut best_b: Vec<Option<(usize, f64)>> = vec![None; nb];
    let mut keys: Vec<(usize, usize)> = weight.keys().copied().collect();
    keys.sort_unstable();
    for (i, j) in keys {
        let s = similarity(i, j);
        if s < MIN_ARTICLE_SIMILARITY {
            continue;
        }
        if best_a[i].is_none_or(|(_, t)| s > t) {
            best_a[i] = Some((j, s));
        }
        if best_b[j].is_none_or(|(_, t)| s > t) {
            best_b[j] = Some((i, s));
        }
    }
    let body = |doc: &Document, art: &Article| -> String {
        let text = &doc.normalized.text;
        let sentences = &doc.structure.sentences;
        let span = crate::structure::Span::new(
            sentences[art.sentences.start].span.start,
            sentences[art.sentences.end - 1].span.end,
        );
        span.of(text)
            .trim_start()
            .get(art.label.len()..)
            .unwrap_or_default()
            .chars()
            .filter(|&c| crate::align::features::comparable(c))
            .collect()
    };
    let kind_of = |i: usize, j: usize| {
        if body(a, &arts_a[i]) == body(b, &arts_b[j]) {
            ArticleKind::Verbatim
        } else {
            ArticleKind::Adapted
        }
    };
    let mut links: Vec<ArticleLink> = Vec::new();
    let mut linked_b = vec![false; nb];
    for (i, best) in best_a.iter().enumerate() {
        match best {
            Some((j, s)) => {
                linked_b[*j] = true;
                links.push(ArticleLink {
                    a: Some(i),
                    b: Some(*j),
                    kind: kind_of(i, *j),
                    similarity: *s,
                });
            }
            None => links.push(ArticleLink {
                a: Some(i),
                b: None,
                kind: ArticleKind::LeftOut,
                similarity: 0.0,
            }),
        }
    }
    // B's articles that are no A article's best partner: one that merges a second article of A
    // pairs with it too; one that shares A's phrases though every sentence was rewritten adapts
    // it; the others are B's own.
    let trigrams_a: Vec<Trigrams> = arts_a.iter().map(|x| Trigrams::of(&body(a, x))).collect();
    let trigrams_b: Vec<Trigrams> = arts_b.iter().map(|x| Trigrams::of(&body(b, x))).collect();
    for (j, best) in best_b.iter().enumerate() {
        if linked_b[j] {
            continue;
        }
        let best = best.or_else(|| adapted_partner(&trigrams_b[j], &trigrams_a));
        match best {
            Some((i, s)) => place(
                &mut links,
                ArticleLink {
                    a: Some(i),
                    b: Some(j),
                    kind: kind_of(i, j),
                    similarity: s,
                },
            ),
            None => links.push(ArticleLink {
                a: None,
                b: Some(j),
                kind: ArticleKind::New,
                similarity: 0.0,
            }),
        }
    }
    // A's articles still left out that a B article adapts along with another (a provincial
    // article merging two national ones, or restating one as a list).
    for link in &mut links {
        let (Some(i), ArticleKind::LeftOut) = (link.a, link.kind) else {
            continue;
        };
        let best = adapted_partner(&trigrams_a[i], &trigrams_b);
        if let Some((j, dice)) = best {
            *link = ArticleLink {
                a: Some(i),
                b: Some(j),
                kind: kind_of(i, j),
                similarity: dice,
            };
        }
    }
    let wording = Wording::of(
        arts_a
            .iter()
            .zip(&trigrams_a)
            .map(|(x, t)| article_words(a, a_tokens, x, t)),
        arts_b
            .iter()
            .zip(&trigrams_b)
            .map(|(x, t)| article_words(b, b_tokens, x, t)),
    );
    wording.pair_the_rest(&mut links, kind_of, |i, j| {
        trigrams_a[i].dice(&trigrams_b[j])
    });
    let citations = citations_of(a, b, &arts_b);
    Some(ArticleMap {
        a: arts_a,
        b: arts_b,
        links,
        citations,
    })
}

/// Puts `link` (an article of A paired with one of B) in its place: instead of the A article's
/// "left out" row, or else after its rows, so that A's articles stay in order.
fn place(links: &mut Vec<ArticleLink>, link: ArticleLink) {
    let i = link.a;
    match links
        .iter()
        .position(|l| l.a == i && l.kind == ArticleKind::LeftOut)
    {
        Some(left) => links[left] = link,
        None => {
            let at = links
                .iter()
                .rposition(|l| l.a.is_some() && l.a <= i)
                .map_or(0, |p| p + 1);
            links.insert(at, link);
        }
    }
}

/// The article among `others` that `mine` adapts, by shared phrases alone: the one of highest
/// Dice at or above [`MIN_ADAPTED_DICE`], or contained at [`MIN_ADAPTED_CONTAINMENT`] with a Dice
/// of [`MIN_CONTAINED_DICE`]; with its Dice.
fn adapted_partner(mine: &Trigrams, others: &[Trigrams]) -> Option<(usize, f64)> {
    others
        .iter()
        .enumerate()
        .map(|(k, theirs)| (k, mine.dice(theirs), mine.containment(theirs)))
        .filter(|&(_, dice, contained)| {
            dice >= MIN_ADAPTED_DICE
                || (contained >= MIN_ADAPTED_CONTAINMENT && dice >= MIN_CONTAINED_DICE)
        })
        .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
        .map(|(k, dice, _)| (k, dice))
}

/// An article's words and trigrams, for the last look ([`Wording::pair_the_rest`]).
struct ArticleWords {
    /// Content words (two Han characters or more) and their counts.
    words: rustc_hash::FxHashMap<String, u32>,
    trigrams: rustc_hash::FxHashSet<[char; 3]>,
}

/// The content words of `article` (tokens of two Han characters or more inside it) and its Han
/// `trigrams`.
fn article_words(
    doc: &Document,
    tokens: &[Token],
    article: &Article,
    trigrams: &Trigrams,
) -> ArticleWords {
    let sentences = &doc.structure.sentences;
    let (start, end) = (
        sentences[article.sentences.start].span.start,
        sentences[article.sentences.end - 1].span.end,
    );
    let text = &doc.normalized.text;
    let first = tokens.partition_point(|t| t.span.start < start);
    let mut words: rustc_hash::FxHashMap<String, u32> = Default::default();
    for t in tokens[first..].iter().take_while(|t| t.span.end <= end) {
        let w = t.span.of(text);
        if w.chars().count() >= 2 && w.chars().all(crate::chars::is_han) {
            *words.entry(w.to_string()).or_default() += 1;
        }
    }
    ArticleWords {
        words,
        trigrams: trigrams.counts.keys().copied().collect(),
    }
}

/// Both documents' articles' wording, with each word's and trigram's weight: its idf over all
/// the articles of both (ln(articles / articles holding it)); a trigram in more than
/// [`MAX_DISTINCT_ARTICLES`] articles weighs nothing.
struct Wording {
    a: Vec<ArticleWords>,
    b: Vec<ArticleWords>,
    trigram_weight: rustc_hash::FxHashMap<[char; 3], f64>,
    /// Each article's unit tf-idf vector of words.
    vectors_a: Vec<rustc_hash::FxHashMap<String, f64>>,
    vectors_b: Vec<rustc_hash::FxHashMap<String, f64>>,
}

impl Wording {
    fn of(a: impl Iterator<Item = ArticleWords>, b: impl Iterator<Item = ArticleWords>) -> Self {
        let (a, b): (Vec<ArticleWords>, Vec<ArticleWords>) = (a.collect(), b.collect());
        let n = (a.len() + b.len()) as f64;
        let mut word_df: rustc_hash::FxHashMap<String, usize> = Default::default();
        let mut trigram_df: rustc_hash::FxHashMap<[char; 3], usize> = Default::default();
        for art in a.iter().chain(&b) {
            for w in art.words.keys() {
                *word_df.entry(w.clone()).or_default() += 1;
            }
            for t in &art.trigrams {
                *trigram_df.entry(*t).or_default() += 1;
            }
        }
        let word_idf: rustc_hash::FxHashMap<String, f64> = word_df
            .into_iter()
            .map(|(w, df)| (w, (n / df as f64).ln()))
            .collect();
        let trigram_weight = trigram_df
            .into_iter()
            .map(|(t, df)| {
                let w = if df > MAX_DISTINCT_ARTICLES {
                    0.0
                } else {
                    (n / df as f64).ln()
                };
                (t, w)
            })
            .collect();
        let vector = |art: &ArticleWords| {
            let mut v: rustc_hash::FxHashMap<String, f64> = art
                .words
                .iter()
                .map(|(w, &tf)| (w.clone(), (1.0 + f64::from(tf).ln()) * word_idf[w]))
                .collect();
            let norm = v.values().map(|x| x * x).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.values_mut().for_each(|x| *x /= norm);
            }
            v
        };
        let vectors_a = a.iter().map(vector).collect();
        let vectors_b = b.iter().map(vector).collect();
        Self {
            a,
            b,
            trigram_weight,
            vectors_a,
            vectors_b,
        }
    }

    fn cosine(&self, i: usize, j: usize) -> f64 {
        let (x, y) = (&self.vectors_a[i], &self.vectors_b[j]);
        let (small, large) = if x.len() <= y.len() { (x, y) } else { (y, x) };
        small
            .iter()
            .map(|(w, v)| v * large.get(w).copied().unwrap_or(0.0))
            .sum()
    }

    /// The weighted share of `own`'s trigrams that `other` holds, those in `explained` aside.
    fn distinct_share(
        &self,
        own: &ArticleWords,
        other: &ArticleWords,
        explained: &rustc_hash::FxHashSet<[char; 3]>,
    ) -> f64 {
        let weight = |t: &[char; 3]| self.trigram_weight.get(t).copied().unwrap_or(0.0);
        let total: f64 = own.trigrams.iter().map(weight).sum();
        if total == 0.0 {
            return 0.0;
        }
        let shared: f64 = own
            .trigrams
            .iter()
            .filter(|t| other.trigrams.contains(*t) && !explained.contains(*t))
            .map(weight)
            .sum();
        shared / total
    }

    /// The last look: each A article still left out adapts the B article that holds most of
    /// its distinctive wording, beyond what that article shares with the A articles it already
    /// pairs with (best first, so a second article of A merged into one of B is credited only
    /// with what the first does not explain); then each B article still new adapts the A article
    /// that holds most of its distinctive wording. Both need [`MIN_WORD_COSINE`] and
    /// [`MIN_DISTINCT_SHARE`].
    fn pair_the_rest(
        &self,
        links: &mut Vec<ArticleLink>,
        kind_of: impl Fn(usize, usize) -> ArticleKind,
        similarity: impl Fn(usize, usize) -> f64,
    ) {
        let (na, nb) = (self.a.len(), self.b.len());
        let left_out = links
            .iter()
            .filter(|l| l.kind == ArticleKind::LeftOut)
            .count();
        if left_out.saturating_mul(nb) > MAX_LAST_LOOK_CELLS {
            // Thousands of articles a side (laws concatenated into one file): the last look
            // would cost their product; the articles paired by sentences and phrases stand.
            return;
        }
        // What each B article shares with its partners already.
        let mut explained: Vec<rustc_hash::FxHashSet<[char; 3]>> = vec![Default::default(); nb];
        let explain =
            |explained: &mut Vec<rustc_hash::FxHashSet<[char; 3]>>, i: usize, j: usize| {
                let shared = self.a[i]
                    .trigrams
                    .iter()
                    .filter(|t| self.b[j].trigrams.contains(*t));
                explained[j].extend(shared);
            };
        for l in links.iter() {
            if let (Some(i), Some(j)) = (l.a, l.b) {
                explain(&mut explained, i, j);
            }
        }
        let unpaired: Vec<bool> = {
            let mut v = vec![false; na];
            for l in links.iter().filter(|l| l.kind == ArticleKind::LeftOut) {
                if let Some(i) = l.a {
                    v[i] = true;
                }
            }
            v
        };
        let close: Vec<Vec<usize>> = (0..na)
            .map(|i| {
                if !unpaired[i] {
                    return Vec::new();
                }
                (0..nb)
                    .filter(|&j| self.cosine(i, j) >= MIN_WORD_COSINE)
                    .collect()
            })
            .collect();
        loop {
            let best = links
                .iter()
                .enumerate()
                .filter(|(_, l)| l.kind == ArticleKind::LeftOut)
                .filter_map(|(at, l)| l.a.map(|i| (at, i)))
                .flat_map(|(at, i)| {
                    let explained = &explained;
                    close[i].iter().map(move |&j| {
                        let share = self.distinct_share(&self.a[i], &self.b[j], &explained[j]);
                        (at, i, j, share)
                    })
                })
                .filter(|c| c.3 >= MIN_DISTINCT_SHARE)
                .max_by(|x, y| x.3.total_cmp(&y.3).then(y.1.cmp(&x.1)).then(y.2.cmp(&x.2)));
            let Some((at, i, j, _)) = best else { break };
            links[at] = ArticleLink {
                a: Some(i),
                b: Some(j),
                kind: kind_of(i, j),
                similarity: similarity(i, j),
            };
            explain(&mut explained, i, j);
        }
        // A B article an A article now pairs with is no longer new.
        let paired: rustc_hash::FxHashSet<usize> = links
            .iter()
            .filter(|l| l.a.is_some())
            .filter_map(|l| l.b)
            .collect();
        links.retain(|l| l.kind != ArticleKind::New || l.b.is_none_or(|j| !paired.contains(&j)));
        let none = rustc_hash::FxHashSet::default();
        let adapting: Vec<(usize, usize)> = links
            .iter()
            .filter(|l| l.kind == ArticleKind::New)
            .filter_map(|l| l.b)
            .filter_map(|j| {
                (0..na)
                    .filter(|&i| self.cosine(i, j) >= MIN_WORD_COSINE)
                    .map(|i| (i, self.distinct_share(&self.b[j], &self.a[i], &none)))
                    .filter(|c| c.1 >= MIN_DISTINCT_SHARE)
                    .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
                    .map(|(i, _)| (i, j))
            })
            .collect();
        for (i, j) in adapting {
            links.retain(|l| l.b != Some(j) || l.kind != ArticleKind::New);
            place(
                links,
                ArticleLink {
                    a: Some(i),
                    b: Some(j),
                    kind: kind_of(i, j),
                    similarity: similarity(i, j),
                },
            );
        }
    }
}

/// The Han character trigrams of a text, counted.
struct Trigrams {
    counts: rustc_hash::FxHashMap<[char; 3], u32>,
    total: u32,
}

impl Trigrams {
    fn of(text: &str) -> Self {
        let han: Vec<char> = text.chars().filter(|&c| crate::chars::is_han(c)).collect();
        let mut counts: rustc_hash::FxHashMap<[char; 3], u32> = Default::default();
        for w in han.windows(3) {
            *counts.entry([w[0], w[1], w[2]]).or_default() += 1;
        }
        let total = han.len().saturating_sub(2) as u32;
        Self { counts, total }
    }

    fn shared(&self, other: &Self) -> u32 {
        self.counts
            .iter()
            .map(|(k, &n)| n.min(other.counts.get(k).copied().unwrap_or(0)))
            .sum()
    }

    fn dice(&self, other: &Self) -> f64 {
        match self.total + other.total {
            0 => 0.0,
            t => 2.0 * f64::from(self.shared(other)) / f64::from(t),
        }
    }

    /// The share of the shorter text's trigrams the other holds.
    fn containment(&self, other: &Self) -> f64 {
        match self.total.min(other.total) {
            0 => 0.0,
            t => f64::from(self.shared(other)) / f64::from(t),
        }
    }
}

static CITED: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"《([^《》]{2,60})》(第[一二三四五六七八九十百零〇两]+条(?:第[一二三四五六七八九十]+款)?)?")
        .expect("a valid pattern")
});

/// The law's short name: 《中华人民共和国水法》 and 《水法》 name one law.
fn short_name(title: &str) -> &str {
    title.trim().trim_start_matches("中华人民共和国")
}

/// Where B names A: each 《…》 in B's articles whose title is A's (with or without
/// 中华人民共和国), with the article it cites, if any.
fn citations_of(a: &Document, b: &Document, arts_b: &[Article]) -> Vec<Citation> {
    let a_title = a.meta.title.value.clone().unwrap_or_default();
    let a_name = short_name(a_title.trim_matches(['《', '》']));
    if a_name.chars().count() < 2 {
        return Vec::new();
    }
    let text = &b.normalized.text;
    let mut out = Vec::new();
    for (k, art) in arts_b.iter().enumerate() {
        for i in art.sentences.clone() {
            let sentence = b.structure.sentences[i].span.of(text);
            for caps in CITED.captures_iter(sentence) {
                let cited = short_name(&caps[1]);
                // The title may run on (an inferred title with a subtitle): the law's name opens it.
                if cited.chars().count() < 2 || !a_name.starts_with(cited) {
                    continue;
                }
                let a_number = caps
                    .get(2)
                    .and_then(|m| article_number(m.as_str()))
                    .map(|(n, _)| n);
                out.push(Citation {
                    b: k,
                    a_number,
                    text: caps[0].to_string(),
                });
            }
        }
    }
    out
}

/// The correspondence as a table: one row per link, with both articles' labels and citations,
/// the kind, the similarity and B's citations of A in that article.
pub fn article_table(map: &ArticleMap) -> crate::table::Table {
    use crate::table::{ColumnType, Table, Value};
    let mut t = Table::new(&[
        ("a_article", ColumnType::Str),
        ("b_article", ColumnType::Str),
        ("kind", ColumnType::Str),
        ("similarity", ColumnType::Float),
        ("a_citation", ColumnType::Str),
        ("b_citation", ColumnType::Str),
        ("cites", ColumnType::Str),
    ]);
    for link in &map.links {
        let a = link.a.map(|i| &map.a[i]);
        let b = link.b.map(|j| &map.b[j]);
        let cites: Vec<String> = link
            .b
            .map(|j| map.cited_by(j).iter().map(|c| c.text.clone()).collect())
            .unwrap_or_default();
        t.push(vec![
            a.map_or(Value::Null, |x| x.label.as_str().into()),
            b.map_or(Value::Null, |x| x.label.as_str().into()),
            link.kind.as_str().into(),
            link.similarity.into(),
            a.map_or(Value::Null, |x| x.citation.as_str().into()),
            b.map_or(Value::Null, |x| x.citation.as_str().into()),
            cites.join("；").into(),
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{LoadOptions, document_from_bytes};

    #[test]
    fn an_articles_enumerated_items_stay_in_it_and_a_chapter_ends_it() {
        let text = "# 示例法\n\n第一章 总则\n\n第一条 为了示例，制定本法。\n\n第二章 法律责任\n\n\
第二条 有下列行为之一的，由县级以上人民政府责令改正：\n\n（一）非法采集血液的；\n\n\
（二）出售无偿献血的血液的。\n\n1. 其他情形。\n\n第三章 附则\n\n第三条 本法自公布之日起施行。\n";
        let doc =
            document_from_bytes(text.as_bytes(), "law.md", None, &LoadOptions::default()).unwrap();
        let arts = articles_of(&doc);
        let texts: Vec<String> = arts
            .iter()
            .map(|a| {
                a.sentences
                    .clone()
                    .map(|i| doc.structure.sentences[i].span.of(&doc.normalized.text))
                    .collect()
            })
            .collect();
        assert_eq!(
            texts,
            [
                "第一条 为了示例，制定本法。",
                "第二条 有下列行为之一的，由县级以上人民政府责令改正：（一）非法采集血液的；（二）出售无偿献血的血液的。1. 其他情形。",
                "第三条 本法自公布之日起施行。",
            ]
        );
    }
}
