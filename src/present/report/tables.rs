//! The report's tables: a [`Report`] → the tables of `tables/` and the sheets of report.xlsx,
//! each named by its [`TableId`] and built only when it is written.

use crate::align::PairKind;
use crate::present::TableId;
use crate::report::Report;
use crate::stats::formulations::{formulations_table, level_starts, lists_table};
use crate::stats::frame::sizes_table;
use crate::stats::kwic::kwic_table;
use crate::stats::terms::keyness_table;
use crate::stats::trends::trends_table;
use crate::table::{ColumnType, Table, Value};

/// A table of `tables/`: its file stem and how to build it. Each is built only when it is written
/// (the keyness and trend tables of a large corpus run to a million rows).
pub type TableMaker<'a> = (TableId, Box<dyn Fn() -> Table + 'a>);

/// The tables of `tables/`, in the order they are written.
pub fn tables(report: &Report) -> Vec<TableMaker<'_>> {
    let mut all: Vec<TableMaker<'_>> = vec![
        (TableId::Documents, Box::new(|| sizes_table(&report.counts))),
        (TableId::Similarity, Box::new(|| similarity_table(report))),
        (TableId::Pairs, Box::new(|| pairs_table(report))),
        (TableId::Alignments, Box::new(|| alignments_table(report))),
        (TableId::Keyness, Box::new(|| all_keyness_table(report))),
        (TableId::Trends, Box::new(|| trends_table(&report.trends))),
        (TableId::Series, Box::new(|| report.series.clone())),
        (
            TableId::Formulations,
            Box::new(|| formulations_table(&report.formulations, &level_starts(&report.docs))),
        ),
        (
            TableId::FormulationAdoption,
            Box::new(|| report.diffusion.adoption_table()),
        ),
        (
            TableId::FormulationFirstUses,
            Box::new(|| report.diffusion.first_use_table()),
        ),
        (
            TableId::FormulationLags,
            Box::new(|| report.diffusion.lag_table()),
        ),
        (
            TableId::Enumerations,
            Box::new(|| lists_table(&report.lists)),
        ),
        (TableId::Kwic, Box::new(|| kwic_lines_table(report))),
    ];
    if let Some(m) = &report.matrix {
        all.push((
            TableId::FormulationMatrix,
            Box::new(move || crate::stats::matrix::matrix_table(m)),
        ));
    }
    if !report.own_formulations.is_empty() {
        all.push((
            TableId::OwnFormulations,
            Box::new(|| own_formulations_table(report)),
        ));
    }
    if !report.traces.is_empty() {
        all.push((
            TableId::TraceDocuments,
            Box::new(|| traces_table(report, crate::trace::document_table)),
        ));
        all.push((
            TableId::TraceVariants,
            Box::new(|| traces_table(report, crate::trace::variant_table)),
        ));
        all.push((TableId::Collation, Box::new(|| collations_table(report))));
    }
    if let Some(reuse) = &report.reuse {
        let docs = &report.corpus.documents;
        all.push((
            TableId::ReusePairs,
            Box::new(move || crate::reuse::tables::network(docs, &reuse.result)),
        ));
        all.push((
            TableId::ReuseSources,
            Box::new(move || crate::reuse::tables::sources(docs, &reuse.sources)),
        ));
        all.push((
            TableId::ReuseCoverage,
            Box::new(move || crate::reuse::tables::coverage(docs, &reuse.shares)),
        ));
    }
    all
}

/// Per document with sources: each formulation of its own text that none of its sources has.
fn own_formulations_table(report: &Report) -> Table {
    let mut table = Table::new(&[
        ("doc", ColumnType::Str),
        ("formulation", ColumnType::Str),
        ("own_count", ColumnType::Int),
        ("sources", ColumnType::Str),
    ]);
    let id = |d: usize| report.docs[d].id.as_str();
    for own in &report.own_formulations {
        let sources: Vec<&str> = own.sources.iter().map(|&s| id(s)).collect();
        for (formulation, n) in &own.formulations {
            table.push(vec![
                id(own.doc).into(),
                formulation.as_str().into(),
                (*n).into(),
                sources.join(" ").into(),
            ]);
        }
    }
    table
}

/// One table for all the report's traces: the base, then `table`'s columns.
fn traces_table(report: &Report, table: fn(&crate::trace::Trace) -> Table) -> Table {
    with_base(report.traces.iter().map(|t| (t.base.as_str(), table(t))))
}

/// The collations in long form, each row with its base.
fn collations_table(report: &Report) -> Table {
    with_base(
        report
            .collations
            .iter()
            .map(|c| (c.base.as_str(), crate::collate::long_table(c))),
    )
}

/// Tables of one shape, one per base, as one table whose first column names the base.
fn with_base<'a>(tables: impl Iterator<Item = (&'a str, Table)>) -> Table {
    let mut all = Table::new(&[("base", ColumnType::Str)]);
    let mut rest: Option<Table> = None;
    for (base, t) in tables {
        for _ in 0..t.len() {
            all.push(vec![base.into()]);
        }
        match &mut rest {
            None => rest = Some(t),
            Some(rest) => {
                for (column, more) in rest.columns.iter_mut().zip(t.columns) {
                    column.values.extend(more.values);
                }
            }
        }
    }
    all.columns
        .extend(rest.map(|t| t.columns).unwrap_or_default());
    all
}

fn kwic_lines_table(report: &Report) -> Table {
    let lines: Vec<_> = report
        .kwic
        .iter()
        .flat_map(|(_, l)| l.iter().cloned())
        .collect();
    kwic_table(&lines)
}

/// One keyness table for all comparisons: which comparison, then the measures.
fn all_keyness_table(report: &Report) -> Table {
    let mut keyness = Table::new(&[("target", ColumnType::Str), ("reference", ColumnType::Str)]);
    for comparison in &report.keyness {
        for _ in &comparison.rows {
            keyness.push(vec![
                comparison.target.as_str().into(),
                comparison.reference.as_str().into(),
            ]);
        }
    }
    let rows: Vec<_> = report
        .keyness
        .iter()
        .flat_map(|c| c.rows.iter().cloned())
        .collect();
    keyness.columns.extend(keyness_table(&rows).columns);
    keyness
}

fn similarity_table(report: &Report) -> Table {
    let mut table = Table::new(&[
        ("doc_a", ColumnType::Str),
        ("doc_b", ColumnType::Str),
        ("cosine", ColumnType::Float),
    ]);
    for (i, row) in report.similarity.iter().enumerate() {
        for (j, value) in row.iter().enumerate() {
            let (a, b) = (report.heatmap_docs[i], report.heatmap_docs[j]);
            table.push(vec![
                report.docs[a].id.as_str().into(),
                report.docs[b].id.as_str().into(),
                (*value).into(),
            ]);
        }
    }
    table
}

fn pairs_table(report: &Report) -> Table {
    let mut table = Table::new(&[
        ("pair", ColumnType::Int),
        ("doc_a", ColumnType::Str),
        ("doc_b", ColumnType::Str),
        ("reason", ColumnType::Str),
        ("compared", ColumnType::Bool),
        ("shared_chars", ColumnType::Int),
        ("shared_share", ColumnType::Float),
        ("copy_ratio", ColumnType::Float),
        ("verbatim_ratio", ColumnType::Float),
        ("kept_ratio", ColumnType::Float),
        ("passage_ratio", ColumnType::Float),
        ("moved", ColumnType::Int),
        ("formulation_changes", ColumnType::Int),
    ]);
    // Every planned pair with its shared text; the pairs compared in full with their sentence
    // measures (empty for the others).
    for (k, p) in report.plan.iter().enumerate() {
        let shared = report.shared.get(k).copied().unwrap_or_default();
        let mut row = vec![
            Value::from(k),
            report.docs[p.a].id.as_str().into(),
            report.docs[p.b].id.as_str().into(),
            p.reason.label_en().into(),
            Value::Bool(k < report.comparisons.len()),
            shared.shared_chars.into(),
            shared.share_of_b.into(),
        ];
        match report.comparisons.get(k) {
            Some(c) => {
                let cov = &c.alignment.coverage;
                row.extend([
                    cov.copy_ratio.into(),
                    cov.verbatim_ratio.into(),
                    cov.kept_ratio.into(),
                    cov.passage_ratio.into(),
                    c.alignment.count(PairKind::Moved).into(),
                    c.diff.formulation_changes.len().into(),
                ]);
            }
            None => row.extend(std::iter::repeat_n(Value::Null, 6)),
        }
        table.push(row);
    }
    table
}

fn alignments_table(report: &Report) -> Table {
    let mut table = Table::new(&[
        ("pair", ColumnType::Int),
        ("kind", ColumnType::Str),
        ("similarity", ColumnType::Float),
        ("doc_a", ColumnType::Str),
        ("line_a", ColumnType::Int),
        ("text_a", ColumnType::Str),
        ("doc_b", ColumnType::Str),
        ("line_b", ColumnType::Int),
        ("text_b", ColumnType::Str),
    ]);
    for (k, c) in report.comparisons.iter().enumerate() {
        for (i, p) in c.alignment.pairs.iter().enumerate() {
            let view = crate::present::views::pair_view(c, i, p);
            let side = |s: &Option<crate::present::views::SideView>| {
                s.as_ref().map_or((Value::Null, Value::Null), |s| {
                    (s.line.into(), s.text.as_str().into())
                })
            };
            let (line_a, text_a) = side(&view.a);
            let (line_b, text_b) = side(&view.b);
            table.push(vec![
                Value::from(k),
                p.kind.as_str().into(),
                p.similarity.into(),
                c.a.id.as_str().into(),
                line_a,
                text_a,
                c.b.id.as_str().into(),
                line_b,
                text_b,
            ]);
        }
    }
    table
}
