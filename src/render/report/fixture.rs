//! One fixed presentation for the writers' unit tests: every kind of block and inline, Chinese
//! text with characters each format must escape, and one small chart (as hyperfine tests each
//! exporter from one fixed result).

use crate::present::{Block, ChartId, Inline};
use crate::render::charts::Chart;

/// The blocks every writer prints in its tests.
pub fn blocks() -> Vec<Block> {
    let text = |s: &str| Inline::Text(s.to_string());
    vec![
        Block::Heading(1, "提法对比报告：样例".into()),
        Block::Heading(2, "一、要点".into()),
        Block::Paragraph(vec![
            Inline::Strong("2026年政府工作报告".into()),
            text(" 有 62.5% 的文字沿用 2025年政府工作报告（原样 40.0%）。"),
            Inline::Cite("gwr-2026.txt:12".into()),
        ]),
        Block::List(vec![
            vec![
                Inline::Strong("投资于人".into()),
                text("：新出现，3 次。"),
                Inline::Cite("gwr-2026.txt p.4:7".into()),
            ],
            vec![
                text("改写："),
                Inline::Del("加快".into()),
                Inline::Ins("加紧".into()),
                text("建设全国统一大市场 <市场> & *星号* |竖线|"),
            ],
        ]),
        Block::Heading(2, "二、逐对比较".into()),
        Block::Heading(3, "2025 → 2026".into()),
        Block::Table {
            header: vec!["提法".into(), "次数".into(), "出处".into()],
            rows: vec![
                vec![
                    vec![text("人工智能+")],
                    vec![text("12")],
                    vec![Inline::Cite("gwr-2026.txt:30".into())],
                ],
                vec![
                    vec![text("新质生产力")],
                    vec![text("8")],
                    vec![Inline::File("redlines/01-gwr-2025-gwr-2026.docx".into())],
                ],
            ],
        },
        Block::Chart(ChartId::Heatmap),
        Block::Chart(ChartId::Trends),
    ]
}

/// The text of the part `name` of an office file (a zip): `word/document.xml`, `xl/workbook.xml`.
pub fn zip_part(file: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(file)).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

/// The one chart the blocks show (the trend chart is not drawn: writers leave it out).
pub fn charts() -> Vec<Chart> {
    vec![Chart {
        id: ChartId::Heatmap,
        title: "文档相似度".into(),
        caption: "词频向量的余弦相似度，颜色越深越相似。".into(),
        svg: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>".into(),
        png: PNG.to_vec(),
        width: 10,
        height: 10,
    }]
}

/// A 1 × 1 white PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xFF, 0xFF, 0x3F,
    0x00, 0x05, 0xFE, 0x02, 0xFE, 0x0D, 0xEF, 0x46, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
    0x44, 0xAE, 0x42, 0x60, 0x82,
];
