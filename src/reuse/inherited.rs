//! Inherited text: the likely sources of a corpus (`&[LikelySource]`) → per document an
//! [`Inherited`]: the stretches of its text it shares with an earlier or higher-level document, or
//! with peers only (同级共有: their source is not in the corpus).
//! The rest of its text is its own. An occurrence of a term counts as inherited only when it lies
//! wholly inside one stretch (ARCHITECTURE.md, "Own and inherited text").

use super::{
    LikelySource, PeerShared, ReuseDoc, ReuseOptions, detect, likely_sources, shared_with_peers,
};
use serde::Serialize;

/// Byte ranges of one document's text, sorted and disjoint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Inherited(Vec<(usize, usize)>);

impl Inherited {
    /// Every document's inherited stretches, `docs` documents in all: those of its likely
    /// sources, and those it shares with peers only (their common source is a higher-level text
    /// not in the corpus: not the document's own text either).
    pub fn of_corpus(
        docs: usize,
        sources: &[LikelySource],
        peers: &[PeerShared],
    ) -> Vec<Inherited> {
        let mut spans: Vec<Vec<(usize, usize)>> = vec![Vec::new(); docs];
        for s in sources {
            if let Some(doc) = spans.get_mut(s.target as usize) {
                doc.push((s.start, s.end));
            }
        }
        for p in peers {
            if let Some(doc) = spans.get_mut(p.doc as usize) {
                doc.push((p.start, p.end));
            }
        }
        spans.into_iter().map(Inherited::merged).collect()
    }

    /// `spans` sorted, with overlapping and touching ones joined.
    pub fn merged(mut spans: Vec<(usize, usize)>) -> Self {
        spans.sort_unstable();
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (start, end) in spans {
            match out.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => out.push((start, end)),
            }
        }
        Self(out)
    }

    /// Whether `start..end` lies wholly inside one inherited stretch.
    pub fn holds(&self, start: usize, end: usize) -> bool {
        let at = self.0.partition_point(|&(s, _)| s <= start);
        at > 0 && self.0[at - 1].1 >= end
    }

    /// The Han characters of `text` (the document's) inside inherited stretches: what
    /// `--own-text` takes off its size.
    pub fn han_chars(&self, text: &str) -> u64 {
        self.0
            .iter()
            .map(|&(s, e)| crate::chars::han_count(&text[s..e]) as u64)
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The stretches, as byte ranges.
    pub fn spans(&self) -> &[(usize, usize)] {
        &self.0
    }
}

/// Each document's inherited text, by tifa's own reuse detection with default options.
pub fn inherited_text(docs: &[ReuseDoc]) -> Vec<Inherited> {
    let result = detect(docs, &ReuseOptions::default());
    let sources = likely_sources(docs, &result);
    let peers = shared_with_peers(docs, &result, &sources);
    Inherited::of_corpus(docs.len(), &sources, &peers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_stretches_merge_and_only_whole_occurrences_count() {
        let inherited = Inherited::merged(vec![(10, 20), (0, 4), (18, 30), (30, 32)]);
        assert_eq!(inherited.spans(), &[(0, 4), (10, 32)]);
        assert!(inherited.holds(0, 4));
        assert!(inherited.holds(12, 32));
        assert!(!inherited.holds(3, 6), "straddles the end of a stretch");
        assert!(!inherited.holds(5, 9), "between stretches");
        assert!(!inherited.holds(31, 33));
        assert!(!Inherited::default().holds(0, 1));
    }
}
