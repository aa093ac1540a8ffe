//! Plots on axes: lines per year, diverging bars, a timeline, sentence dot plots, dispersion.

use super::*;
use crate::present::chart::{DispersionPlot, DivergingBars, DotPlot, Lines, Timeline};
use plotters::coord::Shift;
use plotters::prelude::*;

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

impl Draw for DivergingBars {
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

impl Draw for Timeline {
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

impl Draw for DotPlot {
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

impl Draw for DispersionPlot {
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
