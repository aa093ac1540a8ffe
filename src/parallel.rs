//! Parallel map over a slice on rayon's pool: `&[T]` → `Vec<R>` in the same order. Stages that
//! work per document or per pair (loading, tokenizing, shingling, aligning) spread over every core
//! with it; rayon's work stealing keeps both cores busy when items differ much in size.

use rayon::prelude::*;

/// `items.iter().map(f).collect()`, spread over the available cores; results keep their order.
pub fn parallel_map<'a, T: Sync, R: Send>(
    items: &'a [T],
    f: impl Fn(&'a T) -> R + Sync + Send,
) -> Vec<R> {
    items.par_iter().map(f).collect()
}
