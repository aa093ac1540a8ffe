//! Grids of shades and shares: the similarity heatmap, rows against columns, stacked shares.

use super::*;
use crate::present::chart::{Grid, Heatmap, StackedShares};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Most documents whose heatmap cells carry their value as text.
const ANNOTATED_CELLS: usize = 15;

fn heatmap_label_area(h: &Heatmap) -> u32 {
    let longest = h
        .labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(1) as u32;
    (longest * LABEL_PX + 24 + 40).clamp(60, 300)
}
/// Colours run from 0 (white) to 1 (dark blue): a scale that started at the smallest value
/// made 0.8 look like no similarity at all. Small corpora carry the values in the cells.
fn heatmap_floor(_: &Heatmap) -> f64 {
    0.0
}

impl Draw for Heatmap {
    fn size(&self) -> (u32, u32) {
        let n = self.labels.len() as u32;
        let side = (n * 56).clamp(280, 860);
        (side + heatmap_label_area(self) + 20 + SCALE_PX, side + 60)
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let n = self.labels.len();
        let (width, _) = root.dim_in_pixel();
        let (matrix, scale) = root.split_horizontally(width - SCALE_PX);
        let mut chart = ChartBuilder::on(&matrix)
            .margin(10)
            .x_label_area_size(40)
            .y_label_area_size(heatmap_label_area(self))
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
        let floor = heatmap_floor(self);
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

/// Most cells of a grid that carry their value as text.
const ANNOTATED_GRID_CELLS: usize = 600;

impl Draw for Grid {
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

impl Draw for StackedShares {
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
