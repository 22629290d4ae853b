//! Training the learned line classifier ([`super::learned`]) from labelled lines: used by
//! `examples/train_structurer.rs`, which writes `weights.rs`, and by the test that checks the
//! committed weights are what training gives.
//!
//! Multinomial logistic regression over the sparse features, fitted by full-batch gradient
//! descent with Adam steps: a fixed number of iterations over the examples in their given
//! order, starting from zero weights, with no randomness, so the same examples give the same
//! weights bit for bit. Examples whose class keeps the line in the article weigh
//! [`Settings::body_weight`] times as much (a cost-sensitive objective). The transition
//! scores of the sequence pass ([`super::learned::Model::smooth`]) are counted from the
//! labelled pages' consecutive lines.

use super::learned::{CLASSES, DIMENSION, Model};

/// One labelled line.
#[derive(Debug, Clone)]
pub struct Example {
    /// The line's sparse features ([`super::learned::LineFeatures::values`]).
    pub values: Vec<(u32, f32)>,
    /// Index in [`CLASSES`] of the kinds the outline gives it.
    pub class: usize,
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Full passes over the examples.
    pub iterations: usize,
    /// Adam's step size.
    pub rate: f64,
    /// L2 penalty on every weight.
    pub l2: f64,
    /// How much a line the outline keeps in the article (any kind but dropped, caption or
    /// comment) weighs against one it takes out: losing a body line is the worse mistake (the
    /// editor cannot see it in the page), so the objective pays more for it.
    pub body_weight: f64,
}

/// The settings the committed weights were trained with.
pub const SETTINGS: Settings = Settings {
    iterations: 250,
    rate: 0.05,
    l2: 2e-4,
    body_weight: 2.0,
};

/// Fits a model to `examples` (deterministic: see the module docs).
pub fn train(examples: &[Example], settings: Settings) -> Model {
    let classes = CLASSES.len();
    let size = classes * DIMENSION;
    let mut weights = vec![0f64; size];
    let mut first = vec![0f64; size];
    let mut second = vec![0f64; size];
    let mut gradient = vec![0f64; size];
    let (beta1, beta2, epsilon) = (0.9f64, 0.999f64, 1e-8f64);
    let body = |class: usize| !matches!(CLASSES[class], "dropped" | "caption" | "comment");
    let weight_of = |class: usize| {
        if body(class) {
            settings.body_weight
        } else {
            1.0
        }
    };
    let total_weight: f64 = examples.iter().map(|e| weight_of(e.class)).sum();
    let scale = 1.0 / total_weight.max(1.0);
    for step in 1..=settings.iterations {
        gradient.iter_mut().for_each(|g| *g = 0.0);
        for example in examples {
            let example_scale = scale * weight_of(example.class);
            let mut logits = [0f64; CLASSES.len()];
            for (class, logit) in logits.iter_mut().enumerate() {
                let row = &weights[class * DIMENSION..];
                *logit = example
                    .values
                    .iter()
                    .map(|&(i, v)| row[i as usize] * f64::from(v))
                    .sum();
            }
            let max = logits.iter().copied().fold(f64::MIN, f64::max);
            let total: f64 = logits.iter().map(|l| (l - max).exp()).sum();
            for (class, logit) in logits.iter().enumerate() {
                let p = (logit - max).exp() / total;
                let error = (p - f64::from(u8::from(class == example.class))) * example_scale;
                let row = &mut gradient[class * DIMENSION..];
                for &(i, v) in &example.values {
                    row[i as usize] += error * f64::from(v);
                }
            }
        }
        let correction1 = 1.0 - beta1.powi(step as i32);
        let correction2 = 1.0 - beta2.powi(step as i32);
        for k in 0..size {
            let g = gradient[k] + settings.l2 * weights[k];
            first[k] = beta1 * first[k] + (1.0 - beta1) * g;
            second[k] = beta2 * second[k] + (1.0 - beta2) * g * g;
            let m = first[k] / correction1;
            let v = second[k] / correction2;
            weights[k] -= settings.rate * m / (v.sqrt() + epsilon);
        }
    }
    Model {
        weights: weights.iter().map(|&w| w as f32).collect(),
        transitions: Vec::new(),
    }
}

/// Fits a model to labelled pages, each its lines' examples in order: the line classifier
/// ([`train`] on every line) and the transition scores between the classes of consecutive
/// labelled lines ([`transitions`]).
pub fn train_pages(pages: &[Vec<Example>], settings: Settings) -> Model {
    let flat: Vec<Example> = pages.iter().flatten().cloned().collect();
    let mut model = train(&flat, settings);
    let sequences: Vec<Vec<usize>> = pages
        .iter()
        .map(|p| p.iter().map(|e| e.class).collect())
        .collect();
    model.transitions = transitions(&sequences);
    model
}

/// Log-probabilities of each class following each other (`from * CLASSES.len() + to`), then
/// of each class starting a page, counted over `sequences` with one added to every count
/// (so an unseen transition is unlikely, not impossible); deterministic.
pub fn transitions(sequences: &[Vec<usize>]) -> Vec<f32> {
    let n = CLASSES.len();
    let mut counts = vec![1f64; n * n + n];
    for sequence in sequences {
        if let Some(&first) = sequence.first() {
            counts[n * n + first] += 1.0;
        }
        for pair in sequence.windows(2) {
            counts[pair[0] * n + pair[1]] += 1.0;
        }
    }
    let mut out = vec![0f32; n * n + n];
    for row in 0..=n {
        let cells = row * n..row * n + n;
        let total: f64 = counts[cells.clone()].iter().sum();
        for k in cells {
            out[k] = (counts[k] / total).ln() as f32;
        }
    }
    out
}

/// The kinds of every non-blank line of `text` (normalized first) from a block outline as
/// the seeds' reviewed `.expected` files write it: one row per block, `kind rule Lfirst-last:
/// text`. Lines no row covers get no kinds (an empty string).
pub fn block_outline_kinds(text: &str, outline: &str) -> Vec<String> {
    let text = super::normalize(text);
    let lines: Vec<&str> = text.split('\n').collect();
    let mut kinds: Vec<String> = vec![String::new(); lines.len()];
    for row in outline.lines() {
        let mut words = row.split(' ');
        let (Some(kind), Some(_rule), Some(range)) = (words.next(), words.next(), words.next())
        else {
            continue;
        };
        let Some((first, last)) = range
            .strip_prefix('L')
            .and_then(|r| r.trim_end_matches(':').split_once('-'))
        else {
            continue;
        };
        let (Ok(first), Ok(last)) = (first.parse::<usize>(), last.parse::<usize>()) else {
            continue;
        };
        for index in first.saturating_sub(1)..last.min(lines.len()) {
            if lines[index].trim().is_empty() || kinds[index].split('+').next_back() == Some(kind) {
                continue;
            }
            if !kinds[index].is_empty() {
                kinds[index].push('+');
            }
            kinds[index].push_str(kind);
        }
    }
    lines
        .iter()
        .zip(kinds)
        .filter(|(line, _)| !line.trim().is_empty())
        .map(|(_, kinds)| kinds)
        .collect()
}
