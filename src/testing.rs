//! Helpers for the crate's unit tests.

/// A xorshift generator: made-up inputs that are the same on every run.
pub(crate) struct XorShift(pub u64);

impl XorShift {
    /// The next state.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// The next state modulo `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `words` with a space after each, every char uppercased (ASCII) one time
/// in `one_in`, as `rng` draws.
pub(crate) fn random_case(words: &[&str], rng: &mut XorShift, one_in: usize) -> String {
    let mut text = String::new();
    for w in words {
        for c in w.chars() {
            text.push(if rng.below(one_in) == 0 {
                c.to_ascii_uppercase()
            } else {
                c
            });
        }
        text.push(' ');
    }
    text
}
