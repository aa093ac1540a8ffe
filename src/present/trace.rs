//! Trace presentation: a [`Trace`] and the documents' names → the [`Block`]s that show how the
//! base was carried out below it: the documents that follow it most closely and most loosely,
//! and the base's most and least carried-over passages. The report's part
//! 上级文件在下级文件中的落实 is made of these.

use super::{Block, ChartId, Inline, table, text};
use crate::align::PairKind;
use crate::collate::{Collation, Mark};
use crate::present::labels::Lang;
use crate::trace::{Trace, TracedDoc};

/// Rows of each ranking: documents when there are more than twice as many, passages always.
pub const RANKED_ROWS: usize = 5;
/// Longest base sentence shown in a ranking, in characters (the tables hold every sentence).
const SENTENCE_CHARS: usize = 80;

/// The blocks of one trace under a heading of `level`; `name` gives a document's label for an id,
/// `chart` the chart of this trace; `collation` the same trace collated, and the file of the
/// report folder that shows it whole.
pub fn blocks(
    trace: &Trace,
    name: &dyn Fn(&str) -> String,
    chart: ChartId,
    collation: Option<(&Collation, String)>,
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
    if let Some((collation, file)) = collation {
        out.extend(rewording(collation, &file, name, level + 1, lang));
    }
    out
}

/// The base sentence under a heading that most documents reword (most kept
/// among equals; the opening before the first heading only when nothing else is), each
/// document's wording of it with its changes marked, and the file with every sentence so.
fn rewording(
    c: &Collation,
    file: &str,
    name: &dyn Fn(&str) -> String,
    level: u8,
    lang: Lang,
) -> Vec<Block> {
    let mut out = Vec::new();
    let row = c
        .rows
        .iter()
        .filter(|r| r.heat.changed > 0)
        .max_by_key(|r| {
            (
                // The opening (before the first heading) is procedure: 现在，我代表…
                !r.section.is_empty(),
                r.heat.changed,
                r.heat.kept(),
                std::cmp::Reverse(r.sentence),
            )
        });
    if let Some(row) = row {
        out.push(Block::Heading(
            level,
            lang.pick(
                "改写最多的一句：各文件的措辞",
                "The sentence reworded most: each document's wording",
            )
            .into(),
        ));
        let mut intro = vec![Inline::Text(match lang {
            Lang::Zh => format!(
                "上级文件原句（{} 份文件中 {} 份沿用，其中 {} 份改写）：{}",
                row.heat.total(),
                row.heat.kept(),
                row.heat.changed,
                row.base
            ),
            Lang::En => format!(
                "The base's sentence ({} of {} documents keep it, {} reworded): {}",
                row.heat.kept(),
                row.heat.total(),
                row.heat.changed,
                row.base
            ),
        })];
        intro.push(Inline::Cite(row.citation.clone()));
        out.push(Block::Paragraph(intro));
        let rows = c
            .documents
            .iter()
            .zip(&row.cells)
            .filter(|(_, cell)| cell.kind != PairKind::Dropped)
            .map(|(doc, cell)| {
                let wording = cell
                    .pieces
                    .iter()
                    .map(|p| match p.mark {
                        Mark::Same => Inline::Text(p.text.clone()),
                        Mark::Inserted => Inline::Ins(p.text.clone()),
                        Mark::Deleted => Inline::Del(p.text.clone()),
                    })
                    .collect();
                vec![
                    text(name(&doc.id)),
                    wording,
                    vec![Inline::Cite(cell.citation.clone())],
                ]
            })
            .collect();
        out.push(table(
            &[
                lang.pick("文件", "document"),
                lang.pick(
                    "措辞（删除线：删去的原词；加粗：改用的词）",
                    "wording (struck: words left out; marked: words put in)",
                ),
                lang.pick("出处", "where"),
            ],
            rows,
        ));
    }
    out.push(Block::Paragraph(vec![
        Inline::Text(
            lang.pick(
                "每一句在各文件中的措辞并排对照，见 ",
                "Every sentence in every document's wording, side by side: ",
            )
            .into(),
        ),
        Inline::File(file.to_string()),
        Inline::Text(
            lang.pick(
                "（tifa collate 可对照任一文件）。",
                " (tifa collate collates any document).",
            )
            .into(),
        ),
    ]));
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
            let shown = crate::present::fmt::truncate(&sentence.text, SENTENCE_CHARS * 2);
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
