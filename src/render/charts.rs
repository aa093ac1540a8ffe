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

const FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular-subset.otf");
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

/// Rectangle corners for row `row` (counted from the top) of `n` on a segmented axis.
fn row_span(n: usize, row: usize) -> (SegmentValue<usize>, SegmentValue<usize>) {
    let y = n - 1 - row;
    (SegmentValue::Exact(y), SegmentValue::Exact(y + 1))
}

/// The series legend, drawn the same way on every chart.
fn legend<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
) -> Result<(), String>
where
    DB: DrawingBackend + 'a,
    CT: plotters::coord::CoordTranslate,
{
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .label_font(font(13))
        .draw()
        .map_err(err)
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
        (longest * 9 + 20).clamp(40, 140)
    }
    /// The smallest value off the diagonal: colours run from it (white) to 1 (dark blue), so
    /// that documents of one genre, all fairly alike, still show their differences.
    fn floor(&self) -> f64 {
        let n = self.labels.len();
        (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| self.values[i][j])
            .fold(1.0f64, f64::min)
            .min(0.99)
    }
}

impl Draw for Heatmap {
    fn size(&self) -> (u32, u32) {
        let n = self.labels.len() as u32;
        let side = (n * 56).clamp(280, 860) + self.label_area() + 20;
        (side, side)
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let n = self.labels.len();
        let mut chart = ChartBuilder::on(root)
            .margin(10)
            .x_label_area_size(self.label_area())
            .y_label_area_size(self.label_area())
            .build_cartesian_2d((0..n - 1).into_segmented(), (0..n - 1).into_segmented())
            .map_err(err)?;
        let label = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) => self.labels.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        };
        let long_labels = self.labels.iter().any(|l| l.chars().count() > 4);
        let x_style = if long_labels {
            font(12).transform(FontTransform::Rotate90)
        } else {
            font(13)
        };
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(n.min(40))
            .y_labels(n.min(40))
            .x_label_formatter(&label)
            .y_label_formatter(&label)
            .x_label_style(x_style)
            .y_label_style(font(13))
            .draw()
            .map_err(err)?;
        let floor = self.floor();
        let cell = |i: usize, j: usize| (self.values[i][j] - floor).max(0.0) / (1.0 - floor);
        chart
            .draw_series((0..n).flat_map(|i| {
                (0..n).map(move |j| {
                    let v = cell(i, j).clamp(0.0, 1.0);
                    let colour = RGBColor(
                        (255.0 - 225.0 * v) as u8,
                        (255.0 - 160.0 * v) as u8,
                        (255.0 - 75.0 * v) as u8,
                    );
                    Rectangle::new(
                        [
                            (SegmentValue::Exact(i), SegmentValue::Exact(j)),
                            (SegmentValue::Exact(i + 1), SegmentValue::Exact(j + 1)),
                        ],
                        colour.filled(),
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
                            font(13)
                                .color(colour)
                                .pos(Pos::new(HPos::Center, VPos::Center)),
                        )
                    })
                }))
                .map_err(err)?;
        }
        Ok(())
    }
}

/// Lines of a value per year, one per named series.
pub struct Lines {
    pub series: Vec<(String, Vec<(i32, f64)>)>,
    pub y_label: String,
}

impl Draw for Lines {
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
            .x_label_area_size(36)
            .y_label_area_size(60)
            .build_cartesian_2d(lo..hi, 0.0..top)
            .map_err(err)?;
        chart
            .configure_mesh()
            .light_line_style(WHITE.mix(0.0))
            .x_labels(((hi - lo) as usize + 1).min(15))
            .x_label_formatter(&|y| y.to_string())
            .y_desc(self.y_label.as_str())
            .label_style(font(13))
            .draw()
            .map_err(err)?;
        for (k, (name, points)) in self.series.iter().enumerate() {
            let colour = PALETTE[k % PALETTE.len()];
            chart
                .draw_series(LineSeries::new(
                    points.iter().copied(),
                    colour.stroke_width(2),
                ))
                .map_err(err)?
                .label(name.as_str())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
                });
            chart
                .draw_series(points.iter().map(|p| Circle::new(*p, 3, colour.filled())))
                .map_err(err)?;
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    }
}

/// Horizontal bars around zero: positive values (the target's terms) right, negative left.
pub struct DivergingBars {
    pub bars: Vec<(String, f64)>,
    pub x_label: String,
}

impl Draw for DivergingBars {
    fn size(&self) -> (u32, u32) {
        (900, (self.bars.len() as u32 * 26 + 90).max(200))
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
            .x_label_area_size(40)
            .y_label_area_size(200)
            .build_cartesian_2d(-reach..reach, (0..n - 1).into_segmented())
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
            .label_style(font(13))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(self.bars.iter().enumerate().map(|(k, (_, v))| {
                let (bottom, top) = row_span(n, k);
                let colour = if *v >= 0.0 { PALETTE[1] } else { PALETTE[0] };
                Rectangle::new([(0.0, bottom), (*v, top)], colour.mix(0.8).filled())
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
    fn size(&self) -> (u32, u32) {
        (900, (self.rows.len() as u32 * 26 + 110).max(220))
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
            .x_label_area_size(36)
            .y_label_area_size(220)
            .build_cartesian_2d(lo..hi, (0..n - 1).into_segmented())
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
            .label_style(font(13))
            .draw()
            .map_err(err)?;
        for (g, group) in self.groups.iter().enumerate() {
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
                .map_err(err)?
                .label(group.as_str())
                .legend(move |(x, y)| Circle::new((x + 8, y), 6, colour.filled()));
        }
        legend(&mut chart, SeriesLabelPosition::LowerRight)?;
        Ok(())
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
    fn size(&self) -> (u32, u32) {
        (640, 640)
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(54)
            .build_cartesian_2d(
                0..self.a_len.max(1),
                (0..self.b_len.max(1) - 1).into_segmented(),
            )
            .map_err(err)?;
        chart
            .configure_mesh()
            .light_line_style(WHITE.mix(0.0))
            .x_desc(self.a_label.as_str())
            .y_desc(self.b_label.as_str())
            .label_style(font(13))
            .draw()
            .map_err(err)?;
        for (k, kind) in self.kinds.iter().enumerate() {
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
                .map_err(err)?
                .label(kind.as_str())
                .legend(move |(x, y)| Circle::new((x + 8, y), 5, colour.filled()));
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    }
}

/// Horizontal bars of shares adding up to one, one bar per row.
pub struct StackedShares {
    pub rows: Vec<(String, Vec<f64>)>,
    pub parts: Vec<String>,
}

impl Draw for StackedShares {
    fn size(&self) -> (u32, u32) {
        (900, (self.rows.len() as u32 * 40 + 120).max(220))
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let n = self.rows.len().max(1);
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(220)
            .build_cartesian_2d(0.0..1.0f64, (0..n - 1).into_segmented())
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
            .label_style(font(13))
            .draw()
            .map_err(err)?;
        for (p, part) in self.parts.iter().enumerate() {
            // The last part (new, the rest) is grey whatever the number of parts.
            let colour = if p + 1 == self.parts.len() {
                PALETTE[7]
            } else {
                [PALETTE[1], PALETTE[3]][p % 2]
            };
            chart
                .draw_series(self.rows.iter().enumerate().map(|(k, (_, shares))| {
                    let (bottom, top) = row_span(n, k);
                    let start: f64 = shares[..p].iter().sum();
                    let end = start + shares[p];
                    Rectangle::new([(start, bottom), (end, top)], colour.mix(0.85).filled())
                }))
                .map_err(err)?
                .label(part.as_str())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 14, y + 5)], colour.filled())
                });
        }
        legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        Ok(())
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
