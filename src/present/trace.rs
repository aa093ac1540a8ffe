//! Trace presentation: a [`Trace`] and the documents' names → the [`Block`]s that show how the
//! base was carried out below it: the documents that follow it most closely and most loosely,
//! and the base's most and least carried-over passages. The report's part
//! 上级文件在下级文件中的落实 is made of these.

use super::{Block, ChartId, Inline, table, text};
use crate::render::labels::Lang;
use crate::trace::{Trace, TracedDoc};

/// Rows of each ranking: documents when there are more than twice as many, passages always.
pub const RANKED_ROWS: usize = 5;
/// Longest base sentence shown in a ranking, in characters (the tables hold every sentence).
const SENTENCE_CHARS: usize = 80;

/// The blocks of one trace under a heading of `level`; `name` gives a document's label for an id,
/// `chart` the chart of this trace.
pub fn blocks(
    trace: &Trace,
    name: &dyn Fn(&str) -> String,
    chart: ChartId,
    level: u8,
    lang: Lang,
) -> Vec<Block> {
    let n = trace.documents.len();
    let mut out = vec![Block::Heading(
        level,
        format!(
            "{} → {n} {}",
            name(&trace.base),
            lang.pick("份下级文件", "documents below it")
        ),
    )];
    let closest = trace.closest_first();
    if closest.len() > 2 * RANKED_ROWS {
        out.push(Block::Heading(
            level + 1,
            lang.pick("最贴近上级文件的文件", "Following it most closely")
                .into(),
        ));
        out.push(documents_table(&closest[..RANKED_ROWS], name, lang));
        out.push(Block::Heading(
            level + 1,
            lang.pick("最松散的文件", "Following it most loosely")
                .into(),
        ));
        out.push(documents_table(
            &closest[closest.len() - RANKED_ROWS..],
            name,
            lang,
        ));
    } else {
        out.push(Block::Heading(
            level + 1,
            lang.pick(
                "各下级文件（最贴近的在前）",
                "The documents below it, closest first",
            )
            .into(),
        ));
        out.push(documents_table(&closest, name, lang));
    }
    out.push(Block::Chart(chart));
    let ranked = trace.by_carried();
    let most: Vec<usize> = ranked.iter().copied().take(RANKED_ROWS).collect();
    let least: Vec<usize> = ranked
        .iter()
        .rev()
        .copied()
        .filter(|s| !most.contains(s))
        .take(RANKED_ROWS)
        .collect();
    for (rows, zh, en) in [
        (
            &most,
            "沿用最多的上级文件段落",
            "Passages carried over most",
        ),
        (
            &least,
            "沿用最少的上级文件段落",
            "Passages carried over least",
        ),
    ] {
        if rows.is_empty() {
            continue;
        }
        out.push(Block::Heading(level + 1, lang.pick(zh, en).into()));
        out.push(passages_table(trace, rows, lang));
    }
    out
}

fn percent(share: f64) -> Vec<Inline> {
    text(format!("{:.0}%", share * 100.0))
}

/// One row per document: what it did with the base's sentences and its own sections.
fn documents_table(docs: &[&TracedDoc], name: &dyn Fn(&str) -> String, lang: Lang) -> Block {
    let rows = docs
        .iter()
        .map(|d| {
            let own = d.own_section_labels();
            vec![
                text(name(&d.id)),
                percent(d.base_kept),
                text(format!(
                    "{} / {} / {} / {}",
                    d.identical, d.changed, d.moved, d.dropped
                )),
                percent(d.share_from_base),
                text(if own.is_empty() {
                    "—".to_string()
                } else {
                    own.join("；")
                }),
            ]
        })
        .collect();
    table(
        &[
            lang.pick("文件", "document"),
            lang.pick("保留上级文件", "of the base kept"),
            lang.pick(
                "原样 / 改写 / 移位 / 删去（句）",
                "identical / changed / moved / dropped (sentences)",
            ),
            lang.pick("来自上级文件", "from the base"),
            lang.pick("自写部分", "own sections"),
        ],
        rows,
    )
}

/// One row per base sentence: how many documents carry it, the sentence, where it is.
fn passages_table(trace: &Trace, sentences: &[usize], lang: Lang) -> Block {
    let n = trace.documents.len();
    let rows = sentences
        .iter()
        .map(|&s| {
            let sentence = &trace.sentences[s];
            let shown = crate::render::truncate(&sentence.text, SENTENCE_CHARS * 2);
            vec![
                text(format!("{} / {n}", trace.carried(s))),
                text(shown),
                vec![Inline::Cite(sentence.citation.clone())],
            ]
        })
        .collect();
    table(
        &[
            lang.pick("保留的文件数", "documents keeping it"),
            lang.pick("上级文件原句", "the base's sentence"),
            lang.pick("出处", "where"),
        ],
        rows,
    )
}
