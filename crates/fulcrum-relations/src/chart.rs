//! Charts of balance and dyad series, as SVG text or PNG bytes.
//!
//! Both formats are drawn by the same code through plotters' backends. Text is laid out with
//! DejaVu Sans, compiled into the crate and registered with plotters on first use: the PNG
//! rasteriser needs the glyphs, and both backends need the metrics to place labels. The SVG
//! output itself only names the generic `sans-serif` family, so it renders with whatever
//! sans-serif font the viewer has and never refers to the font file.

use std::sync::OnceLock;

use plotters::coord::Shift as AreaShift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::network::xml_escape;
use crate::{Balance, RelationRow, ShiftSeries};

/// The font compiled into the crate (see `assets/README.md` for its source and licence).
static FONT: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");

/// The family name the font is registered under and every text style asks for.
const FAMILY: &str = "sans-serif";

const WIDTH: u32 = 1000;
const HEIGHT: u32 = 700;

/// Colours for the powers, from a palette chosen to stay distinguishable for most readers.
const PALETTE: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
];

const TILT_COLOUR: RGBColor = RGBColor(50, 50, 50);

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChartError {
    /// The compiled-in font was rejected by the text renderer.
    #[error("the chart font could not be loaded")]
    Font,
    /// The plotting library reported an error.
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    /// The PNG encoder reported an error.
    #[error("encoding the PNG failed: {0}")]
    Png(String),
}

/// Registers the font once per process; later calls only read the outcome.
fn ensure_font() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED
        .get_or_init(|| plotters::style::register_font(FAMILY, FontStyle::Normal, FONT).is_ok());
    if ok {
        Ok(())
    } else {
        Err(ChartError::Font)
    }
}

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// One line of a panel: a value with interval bounds per period, or None for a gap.
struct Series {
    name: String,
    colour: RGBColor,
    points: Vec<Option<(f64, f64, f64)>>,
    /// Whether the bounds are an interval worth drawing.
    bands: bool,
}

/// A labelled vertical line at the boundary before period `index`.
struct Marker {
    index: usize,
    label: String,
    colour: RGBColor,
}

/// Draws one panel: its series with bands (or whiskers for isolated periods), markers and a
/// legend, over x positions 0..labels.len() labelled with the period labels.
fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, AreaShift>,
    caption: &str,
    y_desc: &str,
    labels: &[String],
    series: &[Series],
    markers: &[Marker],
    hits: &mut Vec<Hit>,
) -> DrawResult<DB> {
    let n = labels.len().max(1);
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for s in series {
        for &(v, l, u) in s.points.iter().flatten() {
            lo = lo.min(v.min(l));
            hi = hi.max(v.max(u));
        }
    }
    // Every panel shows zero: scores, tilts and counts all read against it.
    {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if hi - lo < 1e-9 {
        lo -= 1.0;
        hi += 1.0;
    }
    let pad = (hi - lo) * 0.08;
    // Extra headroom at the top leaves space for the marker labels.
    let top_pad = if markers.is_empty() { pad } else { pad * 3.0 };
    let (y0, y1) = (lo - pad, hi + top_pad);
    let (x0, x1) = (-0.5, n as f64 - 0.5);

    let mut chart = ChartBuilder::on(area)
        .caption(caption, (FAMILY, 19))
        .margin(12)
        .x_label_area_size(32)
        .y_label_area_size(56)
        .build_cartesian_2d(x0..x1, y0..y1)?;
    // Only whole positions are periods; plotters may also propose ticks between them, which
    // get no label.
    let label_of = |x: &f64| {
        let i = x.round();
        if (x - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < labels.len() {
            labels[i as usize].clone()
        } else {
            String::new()
        }
    };
    // Wide ranges (event counts) read better as whole numbers.
    let decimals = if y1 - y0 >= 20.0 { 0 } else { 1 };
    let value_of = |y: &f64| format!("{y:.decimals$}");
    chart
        .configure_mesh()
        .x_labels(labels.len().clamp(1, 10))
        .y_labels(8)
        .x_label_formatter(&label_of)
        .y_desc(y_desc)
        .y_label_formatter(&value_of)
        .label_style((FAMILY, 14))
        .axis_desc_style((FAMILY, 15))
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(225, 225, 225))
        .draw()?;
    // Where each period's column lies in pixels, so that the SVG can carry a hit area per
    // period for hovering and clicking.
    for i in 0..labels.len() {
        let (left, top) = chart.backend_coord(&(i as f64 - 0.5, y1));
        let (right, bottom) = chart.backend_coord(&(i as f64 + 0.5, y0));
        hits.push(Hit {
            index: i,
            left,
            top,
            right,
            bottom,
        });
    }

    {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x0, 0.0), (x1, 0.0)],
            BLACK.mix(0.45).stroke_width(1),
        )))?;
    }

    for s in series {
        let colour = s.colour;
        // Contiguous runs of periods with a value: lines never bridge an empty period.
        let mut runs: Vec<Vec<(f64, f64, f64, f64)>> = Vec::new();
        let mut current = Vec::new();
        for (i, p) in s.points.iter().enumerate() {
            match p {
                Some((v, l, u)) => current.push((i as f64, *v, *l, *u)),
                None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
                None => {}
            }
        }
        if !current.is_empty() {
            runs.push(current);
        }
        for run in &runs {
            if s.bands && run.len() >= 2 {
                let mut outline: Vec<(f64, f64)> = run.iter().map(|r| (r.0, r.3)).collect();
                outline.extend(run.iter().rev().map(|r| (r.0, r.2)));
                chart.draw_series(std::iter::once(Polygon::new(
                    outline,
                    colour.mix(0.16).filled(),
                )))?;
            } else if s.bands {
                let (x, _, l, u) = run[0];
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(x, l), (x, u)],
                    colour.mix(0.7).stroke_width(2),
                )))?;
            }
            if run.len() >= 2 {
                chart.draw_series(LineSeries::new(
                    run.iter().map(|r| (r.0, r.1)),
                    colour.stroke_width(2),
                ))?;
            }
        }
        chart
            .draw_series(
                s.points
                    .iter()
                    .enumerate()
                    .filter_map(|(i, p)| p.map(|(v, _, _)| (i as f64, v)))
                    .map(|xy| Circle::new(xy, 3, colour.filled())),
            )?
            .label(s.name.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
            });
    }

    for (k, m) in markers.iter().enumerate() {
        let x = m.index as f64 - 0.5;
        chart.draw_series(std::iter::once(DashedPathElement::new(
            vec![(x, y0), (x, y1)],
            5,
            4,
            m.colour.mix(0.85).stroke_width(1),
        )))?;
        // Labels of nearby markers are staggered in height so they do not print over each
        // other.
        let y = y1 - (y1 - y0) * (0.02 + 0.06 * (k % 3) as f64);
        chart.draw_series(std::iter::once(Text::new(
            m.label.clone(),
            (x + 0.08, y),
            (FAMILY, 14).into_font().color(&m.colour),
        )))?;
    }

    if !series.is_empty() {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.35))
            .label_font((FAMILY, 14))
            .draw()?;
    }
    Ok(())
}

/// Writes a message in the middle of an area, for charts with nothing to plot.
fn draw_message<DB: DrawingBackend>(
    area: &DrawingArea<DB, AreaShift>,
    msg: &str,
) -> DrawResult<DB> {
    let (w, h) = area.dim_in_pixel();
    let style =
        TextStyle::from((FAMILY, 19).into_font()).pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Center,
        ));
    area.draw_text(msg, &style, (w as i32 / 2, h as i32 / 2))
}

fn signed(x: f64) -> String {
    format!("{}{:.1}", if x >= 0.0 { "+" } else { "−" }, x.abs())
}

/// Draws the balance chart: scores with intervals on top, tilt below, shifts marked.
fn draw_balance<DB: DrawingBackend>(
    root: &DrawingArea<DB, AreaShift>,
    b: &Balance,
    title: &str,
    hits: &mut Vec<Hit>,
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let area = root.titled(title, (FAMILY, 24))?;
    if b.periods.is_empty() {
        return draw_message(&area, "No events in the range.");
    }
    let labels: Vec<String> = b.periods.iter().map(|p| p.period.clone()).collect();
    let colour = |i: usize| PALETTE[i % PALETTE.len()];
    let level = (b.options.level * 100.0).round();
    let scores: Vec<Series> = b
        .powers
        .iter()
        .enumerate()
        .map(|(i, name)| Series {
            name: name.clone(),
            colour: colour(i),
            points: b
                .periods
                .iter()
                .map(|p| p.powers[i].score.map(|e| (e.value, e.lower, e.upper)))
                .collect(),
            bands: true,
        })
        .collect();
    let score_markers: Vec<Marker> = b
        .shifts
        .iter()
        .filter(|s| s.series == ShiftSeries::Score)
        .map(|s| Marker {
            index: s.index,
            label: format!("{} {}", s.power, signed(s.size)),
            colour: b
                .powers
                .iter()
                .position(|p| *p == s.power)
                .map_or(TILT_COLOUR, colour),
        })
        .collect();
    let score_caption = format!(
        "Relation score of {} with each power (shrunk mean Goldstein, {level}% interval)",
        b.focus
    );
    if b.powers.len() < 2 {
        return draw_panel(
            &area,
            &score_caption,
            "score",
            &labels,
            &scores,
            &score_markers,
            hits,
        );
    }
    let split = area.dim_in_pixel().1 as i32 * 56 / 100;
    let (upper, lower) = area.split_vertically(split);
    draw_panel(
        &upper,
        &score_caption,
        "score",
        &labels,
        &scores,
        &score_markers,
        hits,
    )?;

    let (tilts, tilt_caption) = if b.powers.len() == 2 {
        (
            vec![Series {
                name: format!("tilt toward {}", b.powers[0]),
                colour: TILT_COLOUR,
                points: b
                    .periods
                    .iter()
                    .map(|p| p.tilt.map(|e| (e.value, e.lower, e.upper)))
                    .collect(),
                bands: true,
            }],
            format!(
                "Tilt: score with {} − score with {}",
                b.powers[0], b.powers[1]
            ),
        )
    } else {
        (
            b.powers
                .iter()
                .enumerate()
                .map(|(i, name)| Series {
                    name: name.clone(),
                    colour: colour(i),
                    points: b
                        .periods
                        .iter()
                        .map(|p| p.powers[i].tilt.map(|e| (e.value, e.lower, e.upper)))
                        .collect(),
                    bands: true,
                })
                .collect(),
            "Tilt: each power's score − mean score of the others".to_string(),
        )
    };
    let tilt_markers: Vec<Marker> = b
        .shifts
        .iter()
        .filter(|s| s.series == ShiftSeries::Tilt)
        .map(|s| Marker {
            index: s.index,
            // With two powers the legend already says whose tilt it is.
            label: if b.powers.len() == 2 {
                format!("tilt {}", signed(s.size))
            } else {
                format!("{} tilt {}", s.power, signed(s.size))
            },
            colour: TILT_COLOUR,
        })
        .collect();
    draw_panel(
        &lower,
        &tilt_caption,
        "tilt",
        &labels,
        &tilts,
        &tilt_markers,
        hits,
    )
}

/// Draws the dyad chart: events per direction on top, Goldstein means below.
fn draw_relations<DB: DrawingBackend>(
    root: &DrawingArea<DB, AreaShift>,
    rows: &[RelationRow],
    title: &str,
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let area = root.titled(title, (FAMILY, 24))?;
    let Some(first) = rows.first() else {
        return draw_message(&area, "No events in the range.");
    };
    let (a, b) = (&first.a, &first.b);
    let labels: Vec<String> = rows.iter().map(|r| r.period.clone()).collect();
    let plain = |v: Option<f64>| v.map(|v| (v, v, v));
    let counts = vec![
        Series {
            name: format!("{a} → {b}"),
            colour: PALETTE[0],
            points: rows
                .iter()
                .map(|r| plain(Some(r.a_to_b.events as f64)))
                .collect(),
            bands: false,
        },
        Series {
            name: format!("{b} → {a}"),
            colour: PALETTE[1],
            points: rows
                .iter()
                .map(|r| plain(Some(r.b_to_a.events as f64)))
                .collect(),
            bands: false,
        },
    ];
    let means = vec![
        Series {
            name: "both directions".into(),
            colour: TILT_COLOUR,
            points: rows.iter().map(|r| plain(r.both.goldstein_mean)).collect(),
            bands: false,
        },
        Series {
            name: format!("{a} → {b}"),
            colour: PALETTE[0],
            points: rows
                .iter()
                .map(|r| plain(r.a_to_b.goldstein_mean))
                .collect(),
            bands: false,
        },
        Series {
            name: format!("{b} → {a}"),
            colour: PALETTE[1],
            points: rows
                .iter()
                .map(|r| plain(r.b_to_a.goldstein_mean))
                .collect(),
            bands: false,
        },
    ];
    let split = area.dim_in_pixel().1 as i32 * 45 / 100;
    let (upper, lower) = area.split_vertically(split);
    draw_panel(
        &upper,
        "Events per period",
        "events",
        &labels,
        &counts,
        &[],
        &mut Vec::new(),
    )?;
    draw_panel(
        &lower,
        "Mean Goldstein per period",
        "Goldstein",
        &labels,
        &means,
        &[],
        &mut Vec::new(),
    )
}

/// Turns a plotting error into the crate's error.
fn draw_error<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Renders a drawing function to an SVG document.
fn render_svg(
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, AreaShift>) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    ensure_font()?;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        draw(&root)?;
        root.present()
            .map_err(|e| ChartError::Draw(e.to_string()))?;
    }
    Ok(out)
}

/// Renders a drawing function to a PNG image.
fn render_png(
    draw: impl FnOnce(&DrawingArea<BitMapBackend<'_>, AreaShift>) -> Result<(), ChartError>,
) -> Result<Vec<u8>, ChartError> {
    ensure_font()?;
    let mut pixels = vec![0u8; WIDTH as usize * HEIGHT as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT)).into_drawing_area();
        draw(&root)?;
        root.present()
            .map_err(|e| ChartError::Draw(e.to_string()))?;
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let png_err = |e: png::EncodingError| ChartError::Png(e.to_string());
        let mut writer = encoder.write_header().map_err(png_err)?;
        writer.write_image_data(&pixels).map_err(png_err)?;
        writer.finish().map_err(png_err)?;
    }
    Ok(out)
}

/// The balance as an SVG chart: each power's score with its interval band, the tilt in a
/// second panel (with two powers, the first power's tilt; with more, every power's), shifts as
/// dashed vertical lines with their size, period labels on the x axis and a legend.
///
/// Each period also gets a transparent hit area over its column in both panels, carrying
/// `data-period`, `data-start`, `data-end` and a `<title>` with the period's numbers: browsers
/// show the title on hover, and a page can list the period's events on click.
pub fn chart_svg(balance: &Balance, title: &str) -> Result<String, ChartError> {
    let mut hits = Vec::new();
    let svg = render_svg(|root| draw_balance(root, balance, title, &mut hits).map_err(draw_error))?;
    Ok(with_hit_areas(svg, balance, &hits))
}

/// One period's column in pixels.
#[derive(Debug, Clone, Copy)]
struct Hit {
    index: usize,
    left: i32,
    top: i32,
    right: i32,
    bottom: i32,
}

/// The words shown when hovering over a period.
fn period_summary(b: &Balance, i: usize) -> String {
    let p = &b.periods[i];
    let est = |e: &Option<crate::Estimate>| match e {
        // Two decimals, as the tables print them, so the hover text and the table agree.
        Some(e) => format!("{:+.2} [{:+.2}, {:+.2}]", e.value, e.lower, e.upper),
        None => "no events".to_string(),
    };
    let mut out = format!("{}: {} events", p.period, p.events);
    for pp in &p.powers {
        out += &format!("; {} {} ({} events)", pp.power, est(&pp.score), pp.events);
    }
    if b.powers.len() >= 2 {
        out += &format!("; tilt {}", est(&p.tilt));
    }
    out
}

/// Adds the periods' hit areas to a rendered balance chart, on top of everything else.
fn with_hit_areas(mut svg: String, b: &Balance, hits: &[Hit]) -> String {
    if b.periods.is_empty() || hits.is_empty() {
        return svg;
    }
    let mut g = String::from("<g class=\"periods\">\n");
    for (i, p) in b.periods.iter().enumerate() {
        // The union of the period's columns in every panel.
        let cols: Vec<&Hit> = hits.iter().filter(|h| h.index == i).collect();
        let (Some(left), Some(right), Some(top), Some(bottom)) = (
            cols.iter().map(|h| h.left).min(),
            cols.iter().map(|h| h.right).max(),
            cols.iter().map(|h| h.top).min(),
            cols.iter().map(|h| h.bottom).max(),
        ) else {
            continue;
        };
        g += &format!(
            "<rect x=\"{left}\" y=\"{top}\" width=\"{}\" height=\"{}\" fill=\"#000\" fill-opacity=\"0\" data-period=\"{}\" data-start=\"{}\" data-end=\"{}\"><title>{}</title></rect>\n",
            (right - left).max(1),
            (bottom - top).max(1),
            xml_escape(&p.period),
            p.start,
            p.end,
            xml_escape(&period_summary(b, i))
        );
    }
    g += "</g>\n";
    match svg.rfind("</svg>") {
        Some(at) => svg.insert_str(at, &g),
        None => svg.push_str(&g),
    }
    svg
}

/// The same chart as [`chart_svg`], as a 1000 × 700 PNG image.
pub fn chart_png(balance: &Balance, title: &str) -> Result<Vec<u8>, ChartError> {
    render_png(|root| draw_balance(root, balance, title, &mut Vec::new()).map_err(draw_error))
}

/// A dyad's rows (from [`crate::relations`]) as an SVG chart: events per direction, and the
/// mean Goldstein value for both directions and each, with empty periods left as gaps.
pub fn relations_chart_svg(rows: &[RelationRow], title: &str) -> Result<String, ChartError> {
    render_svg(|root| draw_relations(root, rows, title).map_err(draw_error))
}

/// The same chart as [`relations_chart_svg`], as a 1000 × 700 PNG image.
pub fn relations_chart_png(rows: &[RelationRow], title: &str) -> Result<Vec<u8>, ChartError> {
    render_png(|root| draw_relations(root, rows, title).map_err(draw_error))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{flipping_series, noisy_series, worked_example};
    use crate::{balance, relations, BalanceOptions, Period};

    fn flipping_balance(powers: &[&str]) -> Balance {
        balance(
            &flipping_series(),
            "PRK",
            powers,
            Period::Month,
            &BalanceOptions {
                bootstrap: 100,
                ..BalanceOptions::default()
            },
        )
    }

    /// Saves a chart for a person to look at when FULCRUM_CHART_DIR names a folder; the tests
    /// themselves never need the files.
    fn keep(name: &str, bytes: &[u8]) {
        if let Ok(dir) = std::env::var("FULCRUM_CHART_DIR") {
            std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
        }
    }

    /// The trimmed contents of the SVG's text elements.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| {
                let body = &t[t.find('>')? + 1..t.find("</text>")?];
                Some(body.trim().to_string())
            })
            .collect()
    }

    #[test]
    fn svg_shows_series_shifts_and_labels() {
        let b = flipping_balance(&["CHN", "USA"]);
        let svg = chart_svg(&b, "North Korea between China & the United States").unwrap();
        keep("balance.svg", svg.as_bytes());
        assert!(svg.starts_with("<svg"));
        assert!(svg.trim_end().ends_with("</svg>"));
        // The title is escaped, and the legend names both powers and the tilt.
        assert!(svg.contains("North Korea between China &amp; the United States"));
        let t = texts(&svg);
        for text in ["CHN", "USA", "tilt toward CHN", "2017-01", "2018-04"] {
            assert!(t.iter().any(|x| x == text), "missing {text}");
        }
        // One line per run of periods for each power and the tilt, one band each, and the
        // shift labels.
        assert!(svg.matches("<polyline").count() >= 3);
        assert!(svg.matches("<polygon").count() >= 3);
        assert!(t.iter().any(|x| x.starts_with("tilt −")));
        assert!(t.iter().any(|x| x.starts_with("CHN −")));
        assert!(t.iter().any(|x| x.starts_with("USA +")));
        // Text names the generic family; the font file is not referenced.
        assert!(svg.contains("sans-serif"));
        assert!(!svg.contains("DejaVu") && !svg.contains(".ttf"));
    }

    #[test]
    fn svg_has_one_hit_area_per_period_with_its_numbers() {
        let b = flipping_balance(&["CHN", "USA"]);
        let svg = chart_svg(&b, "t").unwrap();
        for p in &b.periods {
            assert!(
                svg.contains(&format!("data-period=\"{}\"", p.period)),
                "{} has no hit area",
                p.period
            );
        }
        assert_eq!(svg.matches("data-period=").count(), b.periods.len());
        assert!(svg.contains("<title>"), "hover text");
        assert!(
            svg.trim_end().ends_with("</svg>"),
            "the areas are inside the picture"
        );
    }

    #[test]
    fn png_is_a_decodable_image() {
        let b = balance(
            &noisy_series(),
            "PRK",
            &["CHN", "USA", "RUS"],
            Period::Month,
            &BalanceOptions::default(),
        );
        let png_bytes = chart_png(&b, "Balance").unwrap();
        keep("noisy3.svg", chart_svg(&b, "Balance").unwrap().as_bytes());
        let b = balance(
            &noisy_series(),
            "PRK",
            &["CHN", "USA"],
            Period::Month,
            &BalanceOptions::default(),
        );
        keep(
            "noisy.png",
            &chart_png(&b, "PRK between CHN and USA").unwrap(),
        );
        keep("noisy.json", b.to_json().as_bytes());
        keep("balance3.png", &png_bytes);
        let decoder = png::Decoder::new(png_bytes.as_slice());
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
        let b2 = flipping_balance(&["CHN", "USA"]);
        keep("balance.png", &chart_png(&b2, "Balance").unwrap());
    }

    #[test]
    fn charts_of_nothing_still_render() {
        let empty = balance(
            &[],
            "PRK",
            &["CHN", "USA"],
            Period::Month,
            &BalanceOptions::default(),
        );
        let svg = chart_svg(&empty, "Empty").unwrap();
        assert!(texts(&svg).iter().any(|t| t == "No events in the range."));
        assert!(!chart_png(&empty, "Empty").unwrap().is_empty());
        let one = balance(
            &worked_example(),
            "PRK",
            &["USA"],
            Period::Month,
            &BalanceOptions::default(),
        );
        assert!(texts(&chart_svg(&one, "One power").unwrap()).contains(&"USA".to_string()));
        assert!(relations_chart_svg(&[], "None")
            .unwrap()
            .contains("No events"));
    }

    #[test]
    fn dyad_chart_has_both_directions() {
        let rows = relations(
            &flipping_series(),
            "PRK",
            "USA",
            Period::Quarter,
            None,
            None,
        );
        let svg = relations_chart_svg(&rows, "PRK and USA").unwrap();
        keep("relations.svg", svg.as_bytes());
        keep(
            "relations.png",
            &relations_chart_png(&rows, "PRK and USA").unwrap(),
        );
        let t = texts(&svg);
        for text in ["PRK → USA", "USA → PRK", "both directions", "2017-Q1"] {
            assert!(t.iter().any(|x| x == text), "missing {text}");
        }
        assert!(svg.matches("<polyline").count() >= 5);
    }
}
