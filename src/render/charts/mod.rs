//! Charts with plotters: chart specifications ([`ChartSpec`]: plain data, labels and numbers) →
//! [`Chart`]s, each
//! drawn twice, as SVG text and as PNG bytes. The PNG renderer carries its own CJK font (a Noto
//! Sans SC subset under `assets/fonts`), registered from bytes, so Chinese labels never turn into
//! boxes on a machine without CJK fonts.

mod grids;
mod plots;

use crate::present::ChartId;
use crate::present::chart::{ChartData, ChartSpec};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};
use std::sync::Once;

static FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC-Regular-subset.otf");
const FAMILY: &str = "sans-serif";

fn ensure_font() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // The font is part of the binary: failing to parse it is a build defect, caught by tests.
        register_font(FAMILY, FontStyle::Normal, FONT).unwrap_or_else(|_| panic!("embedded font"));
    });
}

/// One chart in both formats.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Which chart it is; its file stem under `charts/` is [`ChartId::file_stem`].
    pub id: ChartId,
    pub title: String,
    pub caption: String,
    pub svg: String,
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Something plotters can draw on any backend.
pub trait Draw {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String>;
    fn size(&self) -> (u32, u32);
}

/// Draws `spec`, which has data ([`ChartData::has_data`]), as SVG and PNG.
pub fn draw(spec: &ChartSpec) -> Result<Chart, String> {
    let (id, title, caption) = (spec.id, spec.title.as_str(), spec.caption.as_str());
    match &spec.data {
        ChartData::Heatmap(c) => render(c, id, title, caption),
        ChartData::Grid(c) => render(c, id, title, caption),
        ChartData::Lines(c) => render(c, id, title, caption),
        ChartData::DivergingBars(c) => render(c, id, title, caption),
        ChartData::Timeline(c) => render(c, id, title, caption),
        ChartData::DotPlot(c) => render(c, id, title, caption),
        ChartData::DispersionPlot(c) => render(c, id, title, caption),
        ChartData::StackedShares(c) => render(c, id, title, caption),
    }
}

/// Draws one plot as SVG and PNG.
fn render<D: Draw>(spec: &D, id: ChartId, title: &str, caption: &str) -> Result<Chart, String> {
    ensure_font();
    let (width, height) = spec.size();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        spec.draw(&root)?;
        root.present().map_err(|e| e.to_string())?;
    }
    let mut pixels = vec![0u8; (width * height * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        spec.draw(&root)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(Chart {
        id,
        title: title.to_string(),
        caption: caption.to_string(),
        svg,
        png: encode_png(&pixels, width, height)?,
        width,
        height,
    })
}

fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(rgb).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// Label text in pixels: a 900-pixel chart placed at A4 text width (about 600 pixels) keeps it at
/// 9 pt or more.
const LABEL_PX: u32 = 18;
/// Rotated axis labels and cell values where space is short.
const SMALL_PX: u32 = 16;

fn font(size: u32) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&BLACK)
}

/// Distinct colours for up to a dozen series.
pub const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// The label of a row drawn top to bottom on a segmented axis (row 0 at the top).
fn row_label<T: AsRef<str>>(rows: &[T], v: &SegmentValue<usize>) -> String {
    match v {
        SegmentValue::CenterOf(i) if *i < rows.len() => {
            rows[rows.len() - 1 - i].as_ref().to_string()
        }
        _ => String::new(),
    }
}

/// Room for row labels on the left: the longest label at [`LABEL_PX`], within bounds.
fn row_label_area<T: AsRef<str>>(labels: impl Iterator<Item = T>) -> u32 {
    let longest = labels
        .map(|l| unicode_width::UnicodeWidthStr::width(l.as_ref()))
        .max()
        .unwrap_or(4) as u32;
    (longest * LABEL_PX / 2 + 24).clamp(60, 440)
}

/// The segmented axis of `n` rows: `0..n-1` holds n segments; one row gets a second, empty
/// segment, since a range of one value has no extent and plotters draws nothing on it.
fn rows_axis(
    n: usize,
) -> plotters::coord::ranged1d::SegmentedCoord<plotters::coord::types::RangedCoordusize> {
    (0..n.saturating_sub(1).max(1)).into_segmented()
}

/// Rectangle corners for row `row` (counted from the top) of `n` on a segmented axis.
fn row_span(n: usize, row: usize) -> (SegmentValue<usize>, SegmentValue<usize>) {
    let y = n - 1 - row;
    (SegmentValue::Exact(y), SegmentValue::Exact(y + 1))
}

/// A legend in the right margin of `root` (which the chart leaves free with
/// `margin_right(LEGEND_PX)`), so that it never covers data: a swatch and a label per entry.
fn side_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    entries: &[(&str, RGBColor)],
    margin: u32,
) -> Result<(), String> {
    let (width, _) = root.dim_in_pixel();
    let x = width as i32 - margin as i32 + 14;
    for (k, (name, colour)) in entries.iter().enumerate() {
        let y = 24 + k as i32 * (LABEL_PX as i32 + 8);
        root.draw(&Rectangle::new(
            [(x, y - 6), (x + 16, y + 6)],
            colour.filled(),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            name.to_string(),
            (x + 24, y),
            font(LABEL_PX).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(err)?;
    }
    Ok(())
}

/// Room on the right of a line chart for its legend.
const LEGEND_PX: u32 = 190;

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

impl Chart {
    /// The file stem under `charts/`.
    pub fn name(&self) -> String {
        self.id.file_stem()
    }
}

/// The chart of `id` among `charts`.
pub fn find(charts: &[Chart], id: ChartId) -> Option<&Chart> {
    charts.iter().find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::chart::{DotPlot, Heatmap, Lines, StackedShares};

    #[test]
    fn a_chart_without_data_is_not_drawn() {
        let one_year = Lines {
            series: vec![
                ("网信".into(), vec![(2023, 5.0)]),
                ("网络".into(), vec![(2023, 2.0)]),
            ],
            y_label: String::new(),
        };
        assert!(!one_year.has_data(), "a same-year corpus has no trend");
        let two_years = Lines {
            series: vec![("网信".into(), vec![(2018, 5.0), (2023, 2.0)])],
            y_label: String::new(),
        };
        assert!(two_years.has_data());
        assert!(
            !DotPlot {
                a_len: 3,
                b_len: 3,
                a_label: String::new(),
                b_label: String::new(),
                points: Vec::new(),
                kinds: Vec::new(),
            }
            .has_data()
        );
        let blank = Heatmap {
            labels: vec!["一".into()],
            values: vec![vec![1.0]],
        };
        assert!(!blank.has_data());
    }

    #[test]
    fn one_row_of_shares_is_drawn() {
        let one = StackedShares {
            rows: vec![("甲 → 乙".into(), vec![0.2, 0.3, 0.5])],
            parts: vec!["照搬".into(), "改写沿用".into(), "新写".into()],
        };
        assert!(one.has_data());
        let chart = render(&one, ChartId::Coverage, "t", "c").unwrap();
        // The 新写 bar is drawn wide (the legend's grey swatch is 16 pixels wide).
        let rect = regex::Regex::new(r##"<rect [^>]*width="(\d+)"[^>]*fill="#7F7F7F""##).unwrap();
        let widest = rect
            .captures_iter(&chart.svg)
            .map(|c| c[1].parse::<u32>().unwrap())
            .max()
            .unwrap_or(0);
        assert!(widest > 100, "the 新写 share is drawn ({widest} px)");
    }
}
