//! Charts: a data figure → the [`ChartView`] `partials/chart.html` draws.
//!
//! Takes `content/data/<slug>.toml` as the model validated it; returns the chart's geometry
//! (bar positions, axis ticks) as numbers, so the theme draws the SVG without arithmetic
//! and without JavaScript. The render stage draws each chart once; Markdown's ```` ```chart
//! ```` blocks and the site key take the drawing from [`Views::charts`](super::site::Views).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::markdown::{LinkBase, render_markdown};
use crate::link::Site;
use crate::model::reference::Dataset;

/// An SVG coordinate, rounded to a tenth and written without `.0` when whole, so the markup
/// reads `x="72"` rather than `x="72.0"`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Px(pub f64);

impl Serialize for Px {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let rounded = (self.0 * 10.0).round() / 10.0;
        if rounded.fract() == 0.0 && rounded.abs() < 1e9 {
            serializer.serialize_i64(rounded as i64)
        } else {
            serializer.serialize_f64(rounded)
        }
    }
}

/// A bar of a chart.
#[derive(Debug, Clone, Serialize)]
pub struct BarView {
    /// Category label.
    pub label: String,
    /// The value as text.
    pub value_text: String,
    /// A remark.
    pub note: Option<String>,
    /// Left edge.
    pub x: Px,
    /// Top edge.
    pub y: Px,
    /// Width.
    pub width: Px,
    /// Height.
    pub height: Px,
    /// Centre, for labels.
    pub center: Px,
}

/// A horizontal grid line of a chart.
#[derive(Debug, Clone, Serialize)]
pub struct TickView {
    /// Vertical position.
    pub y: Px,
    /// The value as text.
    pub text: String,
}

/// A data figure: an SVG bar chart and its table.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    /// Unique id on the page, for `aria-labelledby`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description as HTML.
    pub description_html: Option<String>,
    /// Where the numbers come from.
    pub source: String,
    /// Axis labels.
    pub x_label: String,
    /// Vertical axis label.
    pub y_label: String,
    /// Unit of the values.
    pub unit: Option<String>,
    /// A sentence listing every value, for screen readers.
    pub summary: String,
    /// SVG width.
    pub width: Px,
    /// SVG height.
    pub height: Px,
    /// Plot area: left edge.
    pub left: Px,
    /// Plot area: right edge.
    pub right: Px,
    /// Plot area: top edge.
    pub top: Px,
    /// Plot area: bottom edge (the baseline).
    pub bottom: Px,
    /// Bars, in order.
    pub bars: Vec<BarView>,
    /// Grid lines, bottom up.
    pub ticks: Vec<TickView>,
}

/// Every data figure's chart, by slug, with its description as HTML (links in it checked
/// against `known_pages`; a chart cannot hold another chart).
pub fn chart_views(site: &Site<'_>, known_pages: &BTreeSet<String>) -> BTreeMap<String, ChartView> {
    site.collection
        .datasets
        .iter()
        .map(|(slug, dataset)| {
            let mut chart = chart_view(dataset, format!("chart-{slug}"));
            chart.description_html = dataset.description.as_deref().map(|md| {
                let base = LinkBase {
                    root: "",
                    known_pages,
                    charts: None,
                };
                render_markdown(md, base).html
            });
            (slug.to_string(), chart)
        })
        .collect()
}

const CHART_WIDTH: f64 = 640.0;
const CHART_HEIGHT: f64 = 320.0;

/// Lays out a bar chart of the data figure.
fn chart_view(dataset: &Dataset, id: String) -> ChartView {
    let (left, right, top, bottom) = (72.0, CHART_WIDTH - 16.0, 24.0, CHART_HEIGHT - 56.0);
    let max = dataset
        .points
        .iter()
        .map(|p| p.value)
        .fold(0.0_f64, f64::max);
    let step = nice_step(max / 4.0);
    let top_value = if max > 0.0 {
        (max / step).ceil() * step
    } else {
        1.0
    };
    let scale = |value: f64| bottom - (value / top_value) * (bottom - top);
    let band = (right - left) / dataset.points.len().max(1) as f64;
    let bars = dataset
        .points
        .iter()
        .enumerate()
        .map(|(i, point)| {
            let width = band * 0.6;
            let x = left + band * i as f64 + (band - width) / 2.0;
            let y = scale(point.value);
            BarView {
                label: point.label.clone(),
                value_text: format_number(point.value),
                note: point.note.clone(),
                x: Px(x),
                y: Px(y),
                width: Px(width),
                height: Px(bottom - y),
                center: Px(x + width / 2.0),
            }
        })
        .collect();
    let mut ticks = Vec::new();
    let mut value = 0.0;
    while value <= top_value + step / 2.0 && ticks.len() < 12 {
        ticks.push(TickView {
            y: Px(scale(value)),
            text: format_number(value),
        });
        value += step;
    }
    let unit = dataset
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let values: Vec<String> = dataset
        .points
        .iter()
        .map(|p| format!("{}: {}{unit}", p.label, format_number(p.value)))
        .collect();
    ChartView {
        id,
        title: dataset.title.clone(),
        description_html: None,
        source: dataset.source.clone(),
        x_label: dataset.x_label.clone(),
        y_label: dataset.y_label.clone(),
        unit: dataset.unit.clone(),
        summary: format!("{}. {}.", dataset.title, values.join("; ")),
        width: Px(CHART_WIDTH),
        height: Px(CHART_HEIGHT),
        left: Px(left),
        right: Px(right),
        top: Px(top),
        bottom: Px(bottom),
        bars,
        ticks,
    }
}

/// A round step (1, 2 or 5 times a power of ten) at least `rough`.
fn nice_step(rough: f64) -> f64 {
    if rough <= 0.0 || !rough.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude)
}

/// `2914` → `2,914`, `1234.5` → `1,234.5`: thousands separated, two decimals at most, and
/// a value that two decimals would show as zero (`0.001`) with two significant digits.
/// Written from the decimal text of the value, never through an integer cast, so no
/// value saturates.
fn format_number(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return "0".to_string();
    }
    let decimals = if value.abs() < 0.01 {
        // 0.001 → 4 places → `0.0010` → `0.001`; capped so a denormal stays short.
        ((-value.abs().log10()).floor() as usize + 2).min(MAX_DECIMALS)
    } else {
        2
    };
    let text = format!("{value:.decimals$}");
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut out = String::with_capacity(text.len() + whole.len() / 3);
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    if out == "-0" { "0".to_string() } else { out }
}

/// Decimal places shown at most, for the smallest values.
const MAX_DECIMALS: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Slug;
    use crate::model::reference::{MAX_VALUE, Point};

    fn dataset(values: &[f64]) -> Dataset {
        Dataset {
            slug: Slug::parse("d").unwrap(),
            title: "T".into(),
            description: None,
            source: "S".into(),
            articles: vec![],
            x_label: "Year".into(),
            y_label: "People".into(),
            unit: Some("people".into()),
            points: values
                .iter()
                .enumerate()
                .map(|(i, v)| Point {
                    label: format!("{}", 2020 + i),
                    value: *v,
                    note: None,
                })
                .collect(),
            source_path: "content/data/d.toml".into(),
        }
    }

    #[test]
    fn bars_scale_to_round_ticks() {
        let chart = chart_view(&dataset(&[2914.0, 229.0, 63.0]), "c".into());
        assert_eq!(chart.ticks.last().unwrap().text, "3,000");
        assert_eq!(chart.bars[0].value_text, "2,914");
        assert!(
            chart.bars[0].height > chart.bars[1].height
                && chart.bars[1].height > chart.bars[2].height
        );
        assert!((chart.bars[0].y.0 + chart.bars[0].height.0 - chart.bottom.0).abs() < 1e-9);
        assert_eq!(
            chart.summary,
            "T. 2020: 2,914 people; 2021: 229 people; 2022: 63 people."
        );
    }

    #[test]
    fn all_zero_values_do_not_divide_by_zero() {
        let chart = chart_view(&dataset(&[0.0, 0.0]), "c".into());
        assert!(
            chart
                .bars
                .iter()
                .all(|b| b.height.0 == 0.0 && b.y.0.is_finite())
        );
    }

    #[test]
    fn coordinates_serialize_without_trailing_zero() {
        assert_eq!(
            serde_json::to_string(&[Px(72.0), Px(12.345)]).unwrap(),
            "[72,12.3]"
        );
    }

    #[test]
    fn numbers_keep_their_digits_and_thousands_separators() {
        // #13: `1e19` showed as 9,223,372,036,854,775,807 (a saturating cast), 0.001 as
        // `0.`, and fractions lost their thousands separators.
        let cases = [
            (2914.0, "2,914"),
            (0.0, "0"),
            (-0.0, "0"),
            (7.0, "7"),
            (1e19, "10,000,000,000,000,000,000"),
            (9_007_199_254_740_992.0, "9,007,199,254,740,992"),
            (0.001, "0.001"),
            (0.0012345, "0.0012"),
            (0.5, "0.5"),
            (12.25, "12.25"),
            (1234.5, "1,234.5"),
            (1_234_567.891, "1,234,567.89"),
            (999.999, "1,000"),
            (-1234.5, "-1,234.5"),
        ];
        for (value, text) in cases {
            assert_eq!(format_number(value), text, "{value}");
        }
    }

    #[test]
    fn the_largest_allowed_value_draws_finite_coordinates() {
        let chart = chart_view(&dataset(&[MAX_VALUE, 1.0]), "c".into());
        let coordinates = chart
            .bars
            .iter()
            .flat_map(|b| [b.x, b.y, b.width, b.height, b.center])
            .chain(chart.ticks.iter().map(|t| t.y));
        for px in coordinates {
            assert!(px.0.is_finite() && px.0 >= 0.0, "{chart:?}");
        }
        assert_eq!(chart.bars[0].value_text, "9,007,199,254,740,992");
    }

    #[test]
    fn nice_steps_are_one_two_or_five() {
        assert_eq!(nice_step(728.5), 1000.0);
        assert_eq!(nice_step(180.0), 200.0);
        assert_eq!(nice_step(3.0), 5.0);
    }
}
