//! Randomness that gives the same bytes everywhere: xoshiro256** seeded by SplitMix64, and
//! Zipf sampling on integers.
//!
//! Takes a seed and a stream number; returns numbers. Nothing here uses floating point or a
//! crate, so a collection depends only on `--seed` and this file, never on the machine, the
//! libm or a dependency's version. Each article draws from its own streams, so changing how
//! much one article draws cannot shift the text of any other.

/// A xoshiro256** generator (Blackman and Vigna), one stream of a seed.
#[derive(Debug, Clone)]
pub struct Rng {
    state: [u64; 4],
}

/// One SplitMix64 step: the recommended way to fill xoshiro's state from one number.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// Stream `stream` of `seed`. Distinct streams of one seed are independent for our purposes.
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut mixer = seed;
        let base = splitmix64(&mut mixer);
        let mut state = base ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let mut words = [0; 4];
        for word in &mut words {
            *word = splitmix64(&mut state);
        }
        Rng { state: words }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = &mut self.state;
        let result = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = *s1 << 17;
        *s2 ^= *s0;
        *s3 ^= *s1;
        *s1 ^= *s2;
        *s0 ^= *s3;
        *s2 ^= t;
        *s3 = s3.rotate_left(45);
        result
    }

    /// A number in `0..n` (`n > 0`), by multiply-shift: the bias is below 2⁻³², far under
    /// anything a benchmark collection could show.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice of copyable values (`&str` tables), uniformly.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// A reference to one element of a non-empty slice, uniformly.
    pub fn choose<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Zipf's law with exponent 1 over ranks `0..n`: rank `r` has weight `1 / (r + 1)`, kept as
/// integers (`2⁴⁰ / (r + 1)`, truncated) so sampling is exact on every machine.
#[derive(Debug, Clone)]
pub struct Zipf {
    cumulative: Vec<u64>,
}

impl Zipf {
    /// The distribution over `n > 0` ranks.
    pub fn new(n: usize) -> Zipf {
        let mut total = 0u64;
        let cumulative = (0..n as u64)
            .map(|rank| {
                total += (1u64 << 40) / (rank + 1);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    /// A rank, rank 0 the most likely.
    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().unwrap_or(&1);
        let target = ((u128::from(rng.next_u64()) * u128::from(total)) >> 64) as u64;
        self.cumulative.partition_point(|&c| c <= target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_repeat_and_differ() {
        let first: Vec<u64> = (0..4).map(|_| Rng::new(1, 0).next_u64()).collect();
        assert!(first.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(Rng::new(1, 0).next_u64(), Rng::new(1, 1).next_u64());
        assert_ne!(Rng::new(1, 0).next_u64(), Rng::new(2, 0).next_u64());
    }

    #[test]
    fn zipf_prefers_low_ranks_and_stays_in_range() {
        let zipf = Zipf::new(100);
        let mut rng = Rng::new(7, 0);
        let mut counts = [0usize; 100];
        for _ in 0..100_000 {
            counts[zipf.sample(&mut rng)] += 1;
        }
        assert!(counts[0] > counts[1] && counts[1] > counts[9] && counts[9] > counts[99]);
    }
}
