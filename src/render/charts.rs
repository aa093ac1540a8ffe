//! Charts with plotters: chart specifications (plain data: labels and numbers) → [`Chart`]s, each
//! drawn twice, as SVG text and as PNG bytes. The PNG renderer carries its own CJK font (a Noto
//! Sans SC subset under `assets/fonts`), registered from bytes, so Chinese labels never turn into
//! boxes on a machine without CJK fonts.

use crate::present::ChartId;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};
use std::sync::Once;

static FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular-subset.otf");
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
    /// Whether there is anything to draw: a chart without data is not drawn at all.
    fn has_data(&self) -> bool;
}

/// Draws `spec` as SVG and PNG.
pub fn render<D: Draw>(spec: &D, id: ChartId, title: &str, caption: &str) -> Result<Chart, String> {
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

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// A square matrix of values in 0..=1, documents on both axes.
pub struct Heatmap {
    pub labels: Vec<String>,
    pub values: Vec<Vec<f64>>,
}

/// Most documents whose heatmap cells carry their value as text.
const ANNOTATED_CELLS: usize = 15;

impl Heatmap {
    fn label_area(&self) -> u32 {
        let longest = self
            .labels
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(1) as u32;
        (longest * LABEL_PX + 24 + 40).clamp(60, 300)
    }
    /// Colours run from 0 (white) to 1 (dark blue): a scale that started at the smallest value
    /// made 0.8 look like no similarity at all. Small corpora carry the values in the cells.
    fn floor(&self) -> f64 {
        0.0
    }
}

impl Draw for Heatmap {
    fn has_data(&self) -> bool {
        self.labels.len() >= 2
    }
    fn size(&self) -> (u32, u32) {
        let n = self.labels.len() as u32;
        let side = (n * 56).clamp(280, 860);
        (side + self.label_area() + 20 + SCALE_PX, side + 60)
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let n = self.labels.len();
        let (width, _) = root.dim_in_pixel();
        let (matrix, scale) = root.split_horizontally(width - SCALE_PX);
        let mut chart = ChartBuilder::on(&matrix)
            .margin(10)
            .x_label_area_size(40)
            .y_label_area_size(self.label_area())
            .build_cartesian_2d((0..n - 1).into_segmented(), (0..n - 1).into_segmented())
            .map_err(err)?;
        // Rows carry the number and the label, columns the number only: rotated labels under
        // the matrix run into it.
        let row_label = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) => self
                .labels
                .get(*i)
                .map(|l| format!("{} {l}", i + 1))
                .unwrap_or_default(),
            _ => String::new(),
        };
        let column_label = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) if *i < n => (i + 1).to_string(),
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(n.min(40))
            .y_labels(n.min(40))
            .x_label_formatter(&column_label)
            .y_label_formatter(&row_label)
            .label_style(font(LABEL_PX))
            .draw()
            .map_err(err)?;
        let floor = self.floor();
        let cell = |i: usize, j: usize| (self.values[i][j] - floor).max(0.0) / (1.0 - floor);
        chart
            .draw_series((0..n).flat_map(|i| {
                (0..n).map(move |j| {
                    Rectangle::new(
                        [
                            (SegmentValue::Exact(i), SegmentValue::Exact(j)),
                            (SegmentValue::Exact(i + 1), SegmentValue::Exact(j + 1)),
                        ],
                        shade(cell(i, j)).filled(),
                    )
                })
            }))
            .map_err(err)?;
        if n <= ANNOTATED_CELLS {
            chart
                .draw_series((0..n).flat_map(|i| {
                    (0..n).map(move |j| {
                        let colour: &'static RGBColor =
                            if cell(i, j) > 0.6 { &WHITE } else { &BLACK };
                        Text::new(
                            format!("{:.2}", self.values[i][j]),
                            (SegmentValue::CenterOf(i), SegmentValue::CenterOf(j)),
                            font(SMALL_PX)
                                .color(colour)
                                .pos(Pos::new(HPos::Center, VPos::Center)),
                        )
                    })
                }))
                .map_err(err)?;
        }
        colour_scale(&scale, floor)
    }
}

/// Rows against columns, each cell a share in 0..=1 (white 0, dark blue 1): documents against
/// the sections of the text they were traced from.
pub struct Grid {
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    /// `values[row][column]`.
    pub values: Vec<Vec<f64>>,
    /// What each cell says, when not its value as a percentage (`values` then only shade).
    pub cell_text: Option<Vec<Vec<String>>>,
}

/// Most cells of a grid that carry their value as text.
const ANNOTATED_GRID_CELLS: usize = 600;

impl Draw for Grid {
    fn has_data(&self) -> bool {
        !self.rows.is_empty() && !self.columns.is_empty()
    }
    fn size(&self) -> (u32, u32) {
        let (rows, columns) = (self.rows.len() as u32, self.columns.len() as u32);
        let label_area = row_label_area(self.rows.iter());
        let width = (columns * 52).clamp(260, 1200) + label_area + 40 + SCALE_PX;
        (width, (rows * 26).clamp(160, 1400) + 80)
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let (rows, columns) = (self.rows.len(), self.columns.len());
        let (width, _) = root.dim_in_pixel();
        let (matrix, scale) = root.split_horizontally(width - SCALE_PX);
        let mut chart = ChartBuilder::on(&matrix)
            .margin(10)
            .x_label_area_size(36)
            .y_label_area_size(row_label_area(self.rows.iter()))
            .build_cartesian_2d(
                (0..columns.saturating_sub(1).max(1)).into_segmented(),
                rows_axis(rows),
            )
            .map_err(err)?;
        let column_label = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) => self.columns.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(columns.min(60))
            .y_labels(rows.min(60))
            .x_label_formatter(&column_label)
            .y_label_formatter(&|v| row_label(&self.rows, v))
            .label_style(font(LABEL_PX))
            .draw()
            .map_err(err)?;
        let cells = || (0..rows).flat_map(|r| (0..columns).map(move |c| (r, c)));
        chart
            .draw_series(cells().map(|(r, c)| {
                let (y0, y1) = row_span(rows, r);
                Rectangle::new(
                    [
                        (SegmentValue::Exact(c), y0),
                        (SegmentValue::Exact(c + 1), y1),
                    ],
                    shade(self.values[r][c]).filled(),
                )
            }))
            .map_err(err)?;
        if rows * columns <= ANNOTATED_GRID_CELLS {
            chart
                .draw_series(cells().map(|(r, c)| {
                    let v = self.values[r][c];
                    let colour: &'static RGBColor = if v > 0.6 { &WHITE } else { &BLACK };
                    let y = rows - 1 - r;
                    let label = match &self.cell_text {
                        Some(text) => text[r][c].clone(),
                        None => format!("{:.0}", v * 100.0),
                    };
                    Text::new(
                        label,
                        (SegmentValue::CenterOf(c), SegmentValue::CenterOf(y)),
                        font(SMALL_PX)
                            .color(colour)
                            .pos(Pos::new(HPos::Center, VPos::Center)),
                    )
                }))
                .map_err(err)?;
        }
        colour_scale(&scale, 0.0)
    }
}

/// Width of a heatmap's colour scale.
const SCALE_PX: u32 = 110;

/// The heatmap's colour for a share `v` of the way from its floor to 1.
fn shade(v: f64) -> RGBColor {
    let v = v.clamp(0.0, 1.0);
    RGBColor(
        (255.0 - 225.0 * v) as u8,
        (255.0 - 160.0 * v) as u8,
        (255.0 - 75.0 * v) as u8,
    )
}

/// A vertical bar from the floor (white, bottom) to 1 (dark, top), with both values written.
fn colour_scale<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    floor: f64,
) -> Result<(), String> {
    let (_, height) = area.dim_in_pixel();
    let (top, bottom) = (20i32, height as i32 - 80);
    let steps = 40;
    for k in 0..steps {
        let y0 = bottom - (bottom - top) * k / steps;
        let y1 = bottom - (bottom - top) * (k + 1) / steps;
        area.draw(&Rectangle::new(
            [(16, y1), (40, y0)],
            shade(f64::from(k) / f64::from(steps)).filled(),
        ))
        .map_err(err)?;
    }
    area.draw(&Rectangle::new([(16, top), (40, bottom)], BLACK.mix(0.4)))
        .map_err(err)?;
    for (value, y) in [(1.0, top), (floor, bottom)] {
        area.draw(&Text::new(
            format!("{value:.2}"),
            (46, y),
            font(SMALL_PX).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(err)?;
    }
    Ok(())
}

/// Lines of a value per year, one per named series.
pub struct Lines {
    pub series: Vec<(String, Vec<(i32, f64)>)>,
    pub y_label: String,
}

impl Draw for Lines {
    /// Two years at least, and a value above zero: a same-year corpus has no trend to draw.
    fn has_data(&self) -> bool {
        let mut years: Vec<i32> = self
            .series
            .iter()
            .flat_map(|(_, p)| p.iter().map(|(y, _)| *y))
            .collect();
        years.sort_unstable();
        years.dedup();
        years.len() >= 2
            && self
                .series
                .iter()
                .any(|(_, p)| p.iter().any(|(_, v)| *v > 0.0))
    }
    fn size(&self) -> (u32, u32) {
        (900, 480)
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let years = self
            .series
            .iter()
            .flat_map(|(_, p)| p.iter().map(|(y, _)| *y));
        let (lo, hi) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
        let (lo, hi) = if lo > hi {
            (2000, 2001)
        } else {
            (lo, hi.max(lo + 1))
        };
        let top = self
            .series
            .iter()
            .flat_map(|(_, p)| p.iter().map(|(_, v)| *v))
            .fold(0.0f64, f64::max)
            .max(1e-9)
            * 1.1;
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .margin_right(LEGEND_PX)
            .x_label_area_size(44)
            .y_label_area_size(80)
            .build_cartesian_2d(lo..hi, 0.0..top)
            .map_err(err)?;
        chart
            .configure_mesh()
            .light_line_style(WHITE.mix(0.0))
            .x_labels(((hi - lo) as usize + 1).min(15))
            .x_label_formatter(&|y| y.to_string())
            .y_desc(self.y_label.as_str())
            .label_style(font(LABEL_PX))
            .draw()
            .map_err(err)?;
        for (k, (_, points)) in self.series.iter().enumerate() {
            let colour = PALETTE[k % PALETTE.len()];
            // A line joins consecutive years only: years without documents are a gap, not a slope.
            let runs: Vec<&[(i32, f64)]> = points.chunk_by(|x, y| y.0 - x.0 <= 1).collect();
            for run in runs.iter().skip(1) {
                chart
                    .draw_series(LineSeries::new(run.iter().copied(), colour.stroke_width(2)))
                    .map_err(err)?;
            }
            chart
                .draw_series(LineSeries::new(
                    runs.first().copied().unwrap_or_default().iter().copied(),
                    colour.stroke_width(2),
                ))
                .map_err(err)?;
            chart
                .draw_series(points.iter().map(|p| Circle::new(*p, 3, colour.filled())))
                .map_err(err)?;
        }
        // Beside the lines, never over them: drawn on the margin the chart left free.
        let entries: Vec<(&str, RGBColor)> = self
            .series
            .iter()
            .enumerate()
            .map(|(k, (name, _))| (name.as_str(), PALETTE[k % PALETTE.len()]))
            .collect();
        side_legend(root, &entries, LEGEND_PX)
    }
}

/// Room on the right of a line chart for its legend.
const LEGEND_PX: u32 = 190;

/// Horizontal bars around zero: positive values (the target's terms) right, negative left.
pub struct DivergingBars {
    pub bars: Vec<(String, f64)>,
    pub x_label: String,
}

impl Draw for DivergingBars {
    fn has_data(&self) -> bool {
        self.bars.iter().any(|(_, v)| *v != 0.0)
    }
    fn size(&self) -> (u32, u32) {
        (900, (self.bars.len() as u32 * 32 + 110).max(220))
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let n = self.bars.len().max(1);
        let reach = self
            .bars
            .iter()
            .map(|(_, v)| v.abs())
            .fold(0.0f64, f64::max)
            .max(1.0)
            * 1.1;
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(56)
            .y_label_area_size(row_label_area(self.bars.iter().map(|b| b.0.as_str())))
            .build_cartesian_2d(-reach..reach, rows_axis(n))
            .map_err(err)?;
        let names: Vec<&str> = self.bars.iter().map(|(t, _)| t.as_str()).collect();
        let label = |v: &SegmentValue<usize>| row_label(&names, v);
        chart
            .configure_mesh()
            .light_line_style(WHITE.mix(0.0))
            .disable_y_mesh()
            .y_labels(n)
            .y_label_formatter(&label)
            .x_desc(self.x_label.as_str())
            .label_style(font(LABEL_PX))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(self.bars.iter().enumerate().map(|(k, (_, v))| {
                let (bottom, top) = row_span(n, k);
                let colour = if *v >= 0.0 { PALETTE[1] } else { PALETTE[0] };
                let mut bar = Rectangle::new([(0.0, bottom), (*v, top)], colour.mix(0.8).filled());
                bar.set_margin(3, 3, 0, 0);
                bar
            }))
            .map_err(err)?;
        Ok(())
    }
}

/// Points on a year axis, one row per item and one colour per group (level).
pub struct Timeline {
    pub rows: Vec<(String, Vec<(i32, usize)>)>,
    pub groups: Vec<String>,
}

impl Draw for Timeline {
    fn has_data(&self) -> bool {
        self.rows.iter().any(|(_, p)| !p.is_empty())
    }
    fn size(&self) -> (u32, u32) {
        (900, (self.rows.len() as u32 * 32 + 130).max(240))
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let n = self.rows.len().max(1);
        let years = self
            .rows
            .iter()
            .flat_map(|(_, p)| p.iter().map(|(y, _)| *y));
        let (lo, hi) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
        let (lo, hi) = if lo > hi {
            (2000, 2001)
        } else {
            (lo - 1, hi + 1)
        };
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .margin_right(LEGEND_PX / 2)
            .x_label_area_size(44)
            .y_label_area_size(row_label_area(self.rows.iter().map(|r| r.0.as_str())))
            .build_cartesian_2d(lo..hi, rows_axis(n))
            .map_err(err)?;
        let names: Vec<&str> = self.rows.iter().map(|(t, _)| t.as_str()).collect();
        let label = |v: &SegmentValue<usize>| row_label(&names, v);
        chart
            .configure_mesh()
            .light_line_style(WHITE.mix(0.0))
            .y_labels(n)
            .y_label_formatter(&label)
            .x_labels(((hi - lo) as usize + 1).min(15))
            .x_label_formatter(&|y| y.to_string())
            .label_style(font(LABEL_PX))
            .draw()
            .map_err(err)?;
        for g in 0..self.groups.len() {
            let colour = PALETTE[g % PALETTE.len()];
            chart
                .draw_series(self.rows.iter().enumerate().flat_map(|(k, (_, points))| {
                    let row = n - 1 - k;
                    points
                        .iter()
                        .filter(move |(_, grp)| *grp == g)
                        .map(move |(year, _)| {
                            Circle::new((*year, SegmentValue::CenterOf(row)), 6, colour.filled())
                        })
                }))
                .map_err(err)?;
        }
        // Beside the points, never over them.
        let entries: Vec<(&str, RGBColor)> = self
            .groups
            .iter()
            .enumerate()
            .map(|(g, group)| (group.as_str(), PALETTE[g % PALETTE.len()]))
            .collect();
        side_legend(root, &entries, LEGEND_PX / 2)
    }
}

/// Sentence pairs as points: A's sentence index across, B's down; one colour per kind.
pub struct DotPlot {
    pub a_len: usize,
    pub b_len: usize,
    pub a_label: String,
    pub b_label: String,
    /// (A index, B index, kind index into `kinds`).
    pub points: Vec<(usize, usize, usize)>,
    pub kinds: Vec<String>,
}

impl Draw for DotPlot {
    fn has_data(&self) -> bool {
        !self.points.is_empty()
    }
    fn size(&self) -> (u32, u32) {
        (640 + LEGEND_PX / 2, 640)
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .margin_right(LEGEND_PX / 2 + 12)
            .x_label_area_size(56)
            .y_label_area_size(70)
            .build_cartesian_2d(0..self.a_len.max(1), rows_axis(self.b_len.max(1)))
            .map_err(err)?;
        chart
            .configure_mesh()
            .light_line_style(WHITE.mix(0.0))
            .x_desc(self.a_label.as_str())
            .y_desc(self.b_label.as_str())
            .label_style(font(LABEL_PX))
            .draw()
            .map_err(err)?;
        for k in 0..self.kinds.len() {
            let colour = PALETTE[k % PALETTE.len()];
            chart
                .draw_series(
                    self.points
                        .iter()
                        .filter(move |p| p.2 == k)
                        .map(move |&(a, b, _)| {
                            Circle::new((a, SegmentValue::CenterOf(b)), 4, colour.filled())
                        }),
                )
                .map_err(err)?;
        }
        let entries: Vec<(&str, RGBColor)> = self
            .kinds
            .iter()
            .enumerate()
            .map(|(k, kind)| (kind.as_str(), PALETTE[k % PALETTE.len()]))
            .collect();
        side_legend(root, &entries, LEGEND_PX / 2)
    }
}

/// Where a term falls in each document (AntConc's dispersion plot): one bar per row, a dark mark
/// at each occurrence's relative position, a light mark where a top-level section starts.
pub struct DispersionPlot {
    pub rows: Vec<String>,
    /// Per row, relative positions (0–1) of the occurrences.
    pub hits: Vec<Vec<f64>>,
    /// Per row, relative positions where sections start.
    pub sections: Vec<Vec<f64>>,
}

impl DispersionPlot {
    /// The plot of a term's dispersion: one row per document, in its order.
    pub fn of(d: &crate::stats::dispersion::Dispersion) -> Self {
        Self {
            rows: d.docs.iter().map(|x| x.id.clone()).collect(),
            hits: d.docs.iter().map(|x| x.hits.clone()).collect(),
            sections: d.docs.iter().map(|x| x.sections.clone()).collect(),
        }
    }
}

impl Draw for DispersionPlot {
    fn has_data(&self) -> bool {
        !self.rows.is_empty()
    }
    fn size(&self) -> (u32, u32) {
        let rows = self.rows.len() as u32;
        (
            960 + row_label_area(self.rows.iter()),
            (rows * 30).clamp(120, 2400) + 70,
        )
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let n = self.rows.len();
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(row_label_area(self.rows.iter()))
            .build_cartesian_2d(0.0..100.0, rows_axis(n))
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(6)
            .x_label_formatter(&|x| format!("{x:.0}%"))
            .y_labels(n.min(80))
            .y_label_formatter(&|v| row_label(&self.rows, v))
            .label_style(font(LABEL_PX))
            .draw()
            .map_err(err)?;
        // A thin mark at relative position `x` (0–1) of row `r`, `width` percentage points wide.
        let mark = |r: usize, x: f64, width: f64, colour: RGBColor| {
            let (y0, y1) = row_span(n, r);
            Rectangle::new([(x * 100.0, y0), (x * 100.0 + width, y1)], colour.filled())
        };
        for r in 0..n {
            // Rows alternate in shade, so that neighbouring documents stay apart.
            let shade = if r % 2 == 0 {
                RGBColor(244, 244, 246)
            } else {
                RGBColor(230, 230, 236)
            };
            chart
                .draw_series(std::iter::once(mark(r, 0.0, 100.0, shade)))
                .map_err(err)?;
            chart
                .draw_series(
                    self.sections[r]
                        .iter()
                        .map(|&x| mark(r, x, 0.12, RGBColor(190, 190, 200))),
                )
                .map_err(err)?;
            chart
                .draw_series(
                    self.hits[r]
                        .iter()
                        .map(|&x| mark(r, x, 0.25, RGBColor(30, 95, 180))),
                )
                .map_err(err)?;
        }
        Ok(())
    }
}

/// Horizontal bars of shares adding up to one, one bar per row.
pub struct StackedShares {
    pub rows: Vec<(String, Vec<f64>)>,
    pub parts: Vec<String>,
}

impl Draw for StackedShares {
    fn has_data(&self) -> bool {
        self.rows
            .iter()
            .any(|(_, shares)| shares.iter().any(|v| *v > 0.0))
    }
    fn size(&self) -> (u32, u32) {
        (900, (self.rows.len() as u32 * 48 + 140).max(240))
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let n = self.rows.len().max(1);
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .margin_right(LEGEND_PX / 2 + 20)
            .x_label_area_size(44)
            .y_label_area_size(row_label_area(self.rows.iter().map(|r| r.0.as_str())))
            .build_cartesian_2d(0.0..1.0f64, rows_axis(n))
            .map_err(err)?;
        let names: Vec<&str> = self.rows.iter().map(|(t, _)| t.as_str()).collect();
        let label = |v: &SegmentValue<usize>| row_label(&names, v);
        chart
            .configure_mesh()
            .light_line_style(WHITE.mix(0.0))
            .disable_y_mesh()
            .y_labels(n)
            .y_label_formatter(&label)
            .x_label_formatter(&|x| format!("{:.0}%", x * 100.0))
            .label_style(font(LABEL_PX))
            .draw()
            .map_err(err)?;
        // The last part (new, the rest) is grey whatever the number of parts.
        let colour_of = |p: usize| {
            if p + 1 == self.parts.len() {
                PALETTE[7]
            } else {
                [PALETTE[1], PALETTE[3]][p % 2]
            }
        };
        for p in 0..self.parts.len() {
            let colour = colour_of(p);
            chart
                .draw_series(self.rows.iter().enumerate().map(|(k, (_, shares))| {
                    let (bottom, top) = row_span(n, k);
                    let start: f64 = shares[..p].iter().sum();
                    let end = start + shares[p];
                    let mut bar =
                        Rectangle::new([(start, bottom), (end, top)], colour.mix(0.85).filled());
                    bar.set_margin(4, 4, 0, 0);
                    bar
                }))
                .map_err(err)?;
        }
        let entries: Vec<(&str, RGBColor)> = self
            .parts
            .iter()
            .enumerate()
            .map(|(p, part)| (part.as_str(), colour_of(p)))
            .collect();
        side_legend(root, &entries, LEGEND_PX / 2 + 20)
    }
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
