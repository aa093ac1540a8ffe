//! Backbone: matched sentence pairs `(a, b, similarity)` → which of them keep their order (the
//! heaviest chain increasing in both documents) and which were moved.
//!
//! A chain that holds less than half of the matched weight is no backbone: the order was not kept
//! (a shuffled text), so every pair counts as moved.

/// Share of the matched similarity the chain must hold to count as the documents' common order.
const MIN_BACKBONE_SHARE: f64 = 0.5;

/// For each input pair: true when it is in order (on the backbone, or fitting between backbone
/// neighbours), false when it was moved. `pairs` are `(a index, b index, weight)`.
pub fn in_order(pairs: &[(usize, usize, f64)]) -> Vec<bool> {
    if pairs.is_empty() {
        return Vec::new();
    }
    let chain = heaviest_chain(pairs);
    let total: f64 = pairs.iter().map(|p| p.2).sum();
    let held: f64 = chain.iter().map(|&k| pairs[k].2).sum();
    if pairs.len() > 1 && held < MIN_BACKBONE_SHARE * total {
        return vec![false; pairs.len()];
    }
    let mut on_chain = vec![false; pairs.len()];
    for &k in &chain {
        on_chain[k] = true;
    }
    // Backbone pairs sorted by b, to find the neighbours of the others.
    let mut backbone: Vec<(usize, usize)> =
        chain.iter().map(|&k| (pairs[k].1, pairs[k].0)).collect();
    backbone.sort_unstable();
    pairs
        .iter()
        .enumerate()
        .map(|(k, &(a, b, _))| {
            if on_chain[k] {
                return true;
            }
            let next = backbone.partition_point(|&(bb, _)| bb <= b);
            let after_previous = next == 0 || backbone[next - 1].1 < a;
            let before_next = next == backbone.len() || a < backbone[next].1;
            after_previous && before_next
        })
        .collect()
}

/// Indices of the pairs on the heaviest chain strictly increasing in both a and b
/// (weighted longest increasing subsequence, O(n log n) with a Fenwick tree of prefix maxima).
fn heaviest_chain(pairs: &[(usize, usize, f64)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    // By b; within one b, larger a first so that two pairs of one b never chain.
    order.sort_by(|&x, &y| {
        pairs[x]
            .1
            .cmp(&pairs[y].1)
            .then(pairs[y].0.cmp(&pairs[x].0))
    });
    let max_a = pairs.iter().map(|p| p.0).max().unwrap_or(0) + 1;
    let mut tree = PrefixMax::new(max_a);
    let mut best = vec![0.0; pairs.len()];
    let mut previous = vec![usize::MAX; pairs.len()];
    for &k in &order {
        let (a, _, w) = pairs[k];
        let (score, from) = tree.query(a); // best chain ending at an a' < a
        best[k] = score + w;
        previous[k] = from;
        tree.update(a, best[k], k);
    }
    let Some(mut k) = (0..pairs.len()).max_by(|&x, &y| best[x].total_cmp(&best[y])) else {
        return Vec::new();
    };
    let mut chain = vec![k];
    while previous[k] != usize::MAX {
        k = previous[k];
        chain.push(k);
    }
    chain.reverse();
    chain
}

/// Fenwick tree over positions 0..n holding (best score, pair index), queried for prefixes.
struct PrefixMax {
    tree: Vec<(f64, usize)>,
}

impl PrefixMax {
    fn new(n: usize) -> Self {
        Self {
            tree: vec![(0.0, usize::MAX); n + 1],
        }
    }
    /// Best entry at positions strictly below `pos`.
    fn query(&self, pos: usize) -> (f64, usize) {
        let mut i = pos;
        let mut best = (0.0, usize::MAX);
        while i > 0 {
            if self.tree[i].0 > best.0 {
                best = self.tree[i];
            }
            i &= i - 1;
        }
        best
    }
    fn update(&mut self, pos: usize, score: f64, k: usize) {
        let mut i = pos + 1;
        while i < self.tree.len() {
            if score > self.tree[i].0 {
                self.tree[i] = (score, k);
            }
            i += i & i.wrapping_neg();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_block_is_off_the_backbone() {
        // a: 0 1 2 3 4 5 6 7; b shows 5 6 first, then 0..4, then 7.
        let pairs: Vec<(usize, usize, f64)> = [
            (5, 0),
            (6, 1),
            (0, 2),
            (1, 3),
            (2, 4),
            (3, 5),
            (4, 6),
            (7, 7),
        ]
        .iter()
        .map(|&(a, b)| (a, b, 1.0))
        .collect();
        assert_eq!(
            in_order(&pairs),
            [false, false, true, true, true, true, true, true]
        );
    }

    #[test]
    fn a_reversed_text_has_no_backbone() {
        let pairs: Vec<(usize, usize, f64)> = (0..10).map(|k| (9 - k, k, 1.0)).collect();
        assert!(in_order(&pairs).iter().all(|&x| !x));
    }

    #[test]
    fn a_pair_between_backbone_neighbours_is_in_order() {
        let pairs = vec![
            (0, 0, 1.0),
            (1, 1, 1.0),
            (2, 3, 0.6),
            (3, 2, 0.55),
            (4, 4, 1.0),
        ];
        let order = in_order(&pairs);
        assert_eq!(order.iter().filter(|&&x| x).count(), 4);
    }
}
