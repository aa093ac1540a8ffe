//! A deterministic corpus generator for reuse benchmarks and tests: higher-level documents holding
//! real sentences (from the samples, and from ../shared/corpora when present), lower-level
//! documents that copy and adapt some of their sentences (place, level and year words replaced,
//! sentences dropped and reordered) among sentences of their own, and unrelated documents. Every
//! document knows which pool sentences it holds, so the truth of "these two share a passage" is
//! known.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

/// xorshift64*: small, deterministic, good enough to shuffle test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

pub struct GeneratedDoc {
    pub id: String,
    pub year: i32,
    pub level: &'static str,
    pub text: String,
    /// Pool sentences this document contains (copied or adapted).
    pub sentences: BTreeSet<usize>,
    /// The documents this one copied from (planted reuse).
    pub copied_from: Vec<usize>,
}

pub struct Generated {
    pub docs: Vec<GeneratedDoc>,
}

#[derive(Debug, Clone, Copy)]
pub struct Score {
    pub planted: usize,
    pub found: usize,
    pub recall: f64,
    pub precision: f64,
}

impl Generated {
    /// Whether two documents truly share a pool sentence.
    pub fn share(&self, a: usize, b: usize) -> bool {
        !self.docs[a].sentences.is_disjoint(&self.docs[b].sentences)
    }

    /// The documents as reuse detection takes them.
    pub fn reuse_docs(&self) -> Vec<tifa::reuse::ReuseDoc> {
        self.docs
            .iter()
            .map(|d| tifa::reuse::ReuseDoc {
                id: d.id.clone(),
                text: d.text.clone(),
                year: Some(d.year),
                level: tifa::ingest::metadata::Level::parse(d.level),
                ..Default::default()
            })
            .collect()
    }

    /// Recall over the planted (copied) pairs and precision over the found pairs, which are right
    /// when the two documents hold a common pool sentence; with the count of planted and found.
    pub fn score(&self, result: &tifa::reuse::ReuseResult) -> Score {
        let found: BTreeSet<(usize, usize)> = result
            .pairs
            .iter()
            .map(|p| {
                let (a, b) = (p.source as usize, p.target as usize);
                (a.min(b), a.max(b))
            })
            .collect();
        let planted: BTreeSet<(usize, usize)> = self
            .docs
            .iter()
            .enumerate()
            .flat_map(|(t, d)| d.copied_from.iter().map(move |&s| (s.min(t), s.max(t))))
            .collect();
        let recalled = planted.iter().filter(|p| found.contains(p)).count();
        let correct = found.iter().filter(|&&(a, b)| self.share(a, b)).count();
        Score {
            planted: planted.len(),
            found: found.len(),
            recall: recalled as f64 / planted.len().max(1) as f64,
            precision: correct as f64 / found.len().max(1) as f64,
        }
    }

    /// Writes the documents and a manifest.csv into `dir`.
    pub fn write(&self, dir: &Path) {
        let mut manifest = String::from("file,title,date,year,level,region,speaker,genre\n");
        for d in &self.docs {
            std::fs::write(dir.join(format!("{}.txt", d.id)), &d.text).unwrap();
            // Anonymous regions: the generated own sentences name real places by chance (和县),
            // which inference would take for the document's region.
            let region = if d.level == "provincial" {
                "XX省"
            } else {
                "XX县"
            };
            let _ = writeln!(
                manifest,
                "{}.txt,,,{},{},{region},,speech",
                d.id, d.year, d.level
            );
        }
        std::fs::write(dir.join("manifest.csv"), manifest).unwrap();
    }
}

/// The pool the benchmarks and the example use: the bundled samples and, when present, every
/// folder of ../shared/corpora.
pub fn default_pool() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut folders = vec![root.join("corpus")];
    if let Ok(entries) = std::fs::read_dir(root.join("../shared/corpora")) {
        folders.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir()),
        );
    }
    let refs: Vec<&Path> = folders.iter().map(|p| p.as_path()).collect();
    sentence_pool(&refs)
}

/// Sentences of at least 16 characters from every .txt file under the given folders.
pub fn sentence_pool(folders: &[&Path]) -> Vec<String> {
    let mut pool = BTreeSet::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(folder) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for file in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            for sentence in text.split(['。', '！', '？', '\n']) {
                let s = sentence.trim();
                // Chinese prose only: glossed or Latin text (領(lǐng)導) repeats its letters.
                let latin = s.chars().any(|c| c.is_alphabetic() && !is_han(c));
                if !latin
                    && s.chars().count() >= 16
                    && s.chars().filter(|c| is_han(*c)).count() >= 12
                {
                    pool.insert(format!("{s}。"));
                }
            }
        }
    }
    distinct(pool.into_iter().collect())
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Keeps sentences that share no 8-character stretch with a sentence kept before, also once
/// adapted, so that two documents share a passage exactly when they hold a common pool sentence
/// (8, not 12: reuse detection bridges small gaps between shorter exact runs).
fn distinct(sentences: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut kept = Vec::new();
    for s in sentences {
        // A sentence as written and as a county adapts it (全省 → 全县): neither may meet another.
        let mut windows: Vec<String> = Vec::new();
        for form in [s.clone(), adapt(&s, 2000)] {
            let chars: Vec<char> = form.chars().filter(|c| c.is_alphanumeric()).collect();
            windows.extend(chars.windows(8).map(|w| w.iter().collect::<String>()));
        }
        if windows.iter().any(|w| seen.contains(w)) {
            continue;
        }
        seen.extend(windows);
        kept.push(s);
    }
    kept
}

const PLACES: [(&str, &str); 6] = [
    ("全省", "全县"),
    ("全国", "全县"),
    ("全市", "全县"),
    ("省委", "县委"),
    ("市委", "县委"),
    ("河南", "本县"),
];

/// The adaptation a county makes of a provincial sentence.
fn adapt(sentence: &str, year: i32) -> String {
    let mut s = sentence.to_string();
    for (from, to) in PLACES {
        s = s.replace(from, to);
    }
    for y in 2015..2024 {
        s = s.replace(&format!("{y}年"), &format!("{year}年"));
    }
    s
}

/// A sentence of the document's own: words of the pool in a random order, so that it shares no
/// 12-character stretch with any other document except by chance.
fn own_sentence(rng: &mut Rng, words: &[String]) -> String {
    let mut s = String::new();
    let n = 6 + rng.below(6);
    for k in 0..n {
        s.push_str(&words[rng.below(words.len())]);
        if k + 1 < n && rng.below(3) == 0 {
            s.push('，');
        }
    }
    s.push('。');
    s
}

/// Sentences of a document's own making: with them a document is about 6 KB of text, the size of
/// a real speech, and 10,000 documents make about 60 MB.
const OWN_SENTENCES: usize = 75;

/// `n` documents: a tenth higher-level, six tenths copying from one or two of them, the rest unrelated.
pub fn generate(n: usize, pool: &[String], seed: u64) -> Generated {
    let mut rng = Rng::new(seed);
    // Distinct two-character pieces, drawn uniformly: common ones (网络, 工作) drawn by their
    // frequency would line up into chance 12-character matches between unrelated documents.
    let words: Vec<String> = pool
        .iter()
        .flat_map(|s| {
            let chars: Vec<char> = s.chars().filter(|c| *c >= '\u{4e00}').collect();
            chars
                .chunks(2)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    let highers = (n / 10).max(1);
    let copiers = n * 6 / 10;
    let mut docs: Vec<GeneratedDoc> = Vec::with_capacity(n);
    // Higher-level documents hold pool sentences of their own (taken in turn, so that two of them
    // share one only once the pool is used up) among sentences of their own making.
    let mut next_pool = 0;
    for i in 0..highers {
        let mut sentences = BTreeSet::new();
        let mut lines: Vec<String> = (0..OWN_SENTENCES)
            .map(|_| own_sentence(&mut rng, &words))
            .collect();
        for _ in 0..8.min(pool.len()) {
            let k = next_pool % pool.len();
            next_pool += 1;
            if sentences.insert(k) {
                let at = rng.below(lines.len() + 1);
                lines.insert(at, pool[k].clone());
            }
        }
        docs.push(GeneratedDoc {
            id: format!("p{i:05}"),
            year: 2015 + (i % 4) as i32,
            level: "provincial",
            text: lines.join("\n"),
            sentences,
            copied_from: Vec::new(),
        });
    }
    for i in 0..n - highers {
        let year = 2019 + (i % 5) as i32;
        let own = OWN_SENTENCES + rng.below(OWN_SENTENCES / 2);
        let mut lines: Vec<String> = (0..own).map(|_| own_sentence(&mut rng, &words)).collect();
        let mut sentences = BTreeSet::new();
        let mut copied_from = Vec::new();
        if i < copiers {
            for _ in 0..1 + rng.below(2) {
                let source = rng.below(highers);
                copied_from.push(source);
                let taken: Vec<usize> = docs[source].sentences.iter().copied().collect();
                for _ in 0..3 + rng.below(4) {
                    let k = taken[rng.below(taken.len())];
                    if sentences.insert(k) {
                        let at = rng.below(lines.len() + 1);
                        lines.insert(at, adapt(&pool[k], year));
                    }
                }
            }
        }
        docs.push(GeneratedDoc {
            id: format!("c{i:05}"),
            year,
            level: "county",
            text: lines.join("\n"),
            sentences,
            copied_from,
        });
    }
    Generated { docs }
}
