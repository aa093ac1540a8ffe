//! Candidates: sentence features of A and B → for each B sentence, the few A sentences worth a
//! full comparison, from an inverted index of character trigrams. Trigrams that occur in many A
//! sentences (网络安全和 …) are capped out, so long reports do not compare everything with everything.

use super::features::Features;
use rustc_hash::FxHashMap as HashMap;

/// How many A sentences at most are compared with one B sentence.
pub const MAX_CANDIDATES: usize = 12;

/// Most A sentences a trigram may occur in and still propose candidates.
pub const MAX_POSTINGS: usize = 100;

type Trigram = (char, char, char);

pub struct CandidateIndex {
    postings: HashMap<Trigram, Vec<u32>>,
    exact: HashMap<Vec<char>, Vec<u32>>,
    cap: usize,
}

impl CandidateIndex {
    pub fn new(a: &[Features]) -> Self {
        let mut postings: HashMap<Trigram, Vec<u32>> = HashMap::default();
        let mut exact: HashMap<Vec<char>, Vec<u32>> = HashMap::default();
        for (i, f) in a.iter().enumerate() {
            let i = i as u32;
            for w in f.key.windows(3) {
                let list = postings.entry((w[0], w[1], w[2])).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            if f.key.len() < 8 {
                exact.entry(f.key.clone()).or_default().push(i);
            }
        }
        // A trigram shared by more than this many A sentences says little about any one of them:
        // one in twenty, from 40 up to at most [`MAX_POSTINGS`], so that a text of a million
        // sentences costs each B sentence no more than one of two thousand (linear, not
        // quadratic, in the length of A).
        let cap = (a.len() / 20).clamp(40, MAX_POSTINGS);
        Self {
            postings,
            exact,
            cap,
        }
    }

    /// A sentences sharing the most informative trigrams with `b`, best first.
    pub fn candidates(&self, b: &Features) -> Vec<u32> {
        let mut shared: HashMap<u32, u32> = HashMap::default();
        if let Some(same) = self.exact.get(&b.key) {
            for &i in same {
                *shared.entry(i).or_default() += 1000;
            }
        }
        let mut seen = rustc_hash::FxHashSet::default();
        for w in b.key.windows(3) {
            let gram = (w[0], w[1], w[2]);
            if !seen.insert(gram) {
                continue;
            }
            if let Some(list) = self.postings.get(&gram).filter(|l| l.len() <= self.cap) {
                for &i in list {
                    *shared.entry(i).or_default() += 1;
                }
            }
        }
        let needed = if b.key.len() < 12 { 1 } else { 2 };
        let mut ranked: Vec<(u32, u32)> =
            shared.into_iter().filter(|(_, n)| *n >= needed).collect();
        ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        ranked.truncate(MAX_CANDIDATES);
        ranked.into_iter().map(|(i, _)| i).collect()
    }
}
