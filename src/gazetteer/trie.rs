//! A byte trie in a double array, for anchored longest-prefix searches.
//!
//! An anchored leftmost-longest search of a set of phrases at a position
//! finds the longest phrase that the text at that position starts with: a
//! walk down a trie, remembering the last phrase passed. The double array
//! makes each step one addition and one comparison (the child of state `s`
//! on byte class `c` is `base[s] + c` when that cell's label is `c`), where
//! an Aho-Corasick NFA follows sparse transition lists through an
//! indirection per state.

/// A trie in the smallest cells that hold it: four bytes a state, or eight
/// for more states or byte classes than four bytes can hold.
#[derive(Clone)]
pub(crate) enum AnyTrie {
    Narrow(Trie<u32>),
    Wide(Trie<u64>),
}

impl AnyTrie {
    /// Builds the trie of `phrases` (non-empty and distinct); phrase `i` is
    /// reported as `i`.
    pub fn new<'p>(phrases: impl IntoIterator<Item = &'p [u8]>) -> AnyTrie {
        let layout = Layout::new(phrases);
        if layout.fits::<u32>() {
            AnyTrie::Narrow(Trie::from_layout(layout))
        } else {
            AnyTrie::Wide(Trie::from_layout(layout))
        }
    }

    /// The longest phrase that `haystack[at..]` starts with: its end and
    /// index.
    pub fn longest(&self, haystack: &[u8], at: usize) -> Option<(usize, usize)> {
        match self {
            AnyTrie::Narrow(trie) => trie.longest(haystack, at),
            AnyTrie::Wide(trie) => trie.longest(haystack, at),
        }
    }
}

/// The trie of a set of phrases, each known by its index.
#[derive(Clone)]
pub(crate) struct Trie<C> {
    /// The class of each byte: 0 for bytes in no phrase, else 1.. .
    classes: [u16; 256],
    /// The states: the part of a state that every step reads, kept small
    /// for the cache (half the size of a base and a parent state, for the
    /// gazetteer's 530 KB instead of 1 MB).
    cells: Vec<C>,
    /// The phrase that ends at each state, or [`EMPTY`].
    values: Vec<u32>,
}

/// A state packed in an integer: in its low bits the class of the byte
/// that leads to it (its label; all ones for the root and free cells),
/// then whether a phrase ends there, then where its children start (its
/// base). A step checks the label of the cell that it lands on, where a
/// classic double array checks for the parent state: each state's children
/// start at a base of its own, so the cell at `base + c` labelled `c` is
/// the child on `c` of the one state with that base. Base 0 is the
/// childless states', and no cell from it is labelled as reached from it.
/// The label takes the low byte (or two), which a step compares as it is.
pub(crate) trait Cell: Copy {
    /// How many cells the bases reach.
    const MAX_CELLS: usize;
    /// The largest class that a label holds.
    const MAX_CLASS: u16;
    /// The cell of a state, or of a free slot when `label` is `None`.
    fn new(base: u32, is_final: bool, label: Option<u16>) -> Self;
    fn has_label(self, class: u16) -> bool;
    fn base(self) -> usize;
    fn is_final(self) -> bool;
}

impl Cell for u32 {
    const MAX_CELLS: usize = 1 << 23;
    const MAX_CLASS: u16 = 0xfe;

    #[inline]
    fn new(base: u32, is_final: bool, label: Option<u16>) -> u32 {
        debug_assert!((base as usize) < Self::MAX_CELLS);
        debug_assert!(label.is_none_or(|c| c <= Self::MAX_CLASS));
        let label = label.map_or(0xff, u32::from);
        (base << 9) | (u32::from(is_final) << 8) | label
    }

    #[inline]
    fn has_label(self, class: u16) -> bool {
        self as u8 == class as u8
    }

    #[inline]
    fn base(self) -> usize {
        (self >> 9) as usize
    }

    #[inline]
    fn is_final(self) -> bool {
        self & (1 << 8) != 0
    }
}

impl Cell for u64 {
    const MAX_CELLS: usize = usize::MAX;
    const MAX_CLASS: u16 = 0xfffe;

    #[inline]
    fn new(base: u32, is_final: bool, label: Option<u16>) -> u64 {
        let label = label.map_or(0xffff, u64::from);
        (u64::from(base) << 17) | (u64::from(is_final) << 16) | label
    }

    #[inline]
    fn has_label(self, class: u16) -> bool {
        self as u16 == class
    }

    #[inline]
    fn base(self) -> usize {
        (self >> 17) as usize
    }

    #[inline]
    fn is_final(self) -> bool {
        self & (1 << 16) != 0
    }
}

/// A state while building.
#[derive(Clone, Copy)]
struct Slot {
    /// Where the children of this state start.
    base: u32,
    /// The parent state ([`EMPTY`] for a free slot).
    check: u32,
    /// The class of the byte that leads here.
    label: u16,
    /// The phrase that ends here, or [`EMPTY`].
    value: u32,
}

impl Slot {
    const FREE: Slot = Slot {
        base: 0,
        check: EMPTY,
        label: 0,
        value: EMPTY,
    };
}

const EMPTY: u32 = u32::MAX;
const ROOT: u32 = 0;

/// A trie node while building.
struct Node {
    children: Vec<(u16, u32)>,
    value: u32,
}

/// The cells of a trie before they are packed: each state's base, label
/// and phrase.
struct Layout {
    classes: [u16; 256],
    n_classes: u16,
    cells: Vec<Slot>,
}

impl Layout {
    fn new<'p>(phrases: impl IntoIterator<Item = &'p [u8]>) -> Layout {
        let phrases: Vec<&[u8]> = phrases.into_iter().collect();
        // Byte classes: the bytes in use, numbered from 1.
        let mut classes = [0u16; 256];
        let mut used = [false; 256];
        for p in &phrases {
            for &b in *p {
                used[usize::from(b)] = true;
            }
        }
        let mut n_classes = 0u16;
        for (class, _) in classes.iter_mut().zip(used).filter(|(_, u)| *u) {
            n_classes += 1;
            *class = n_classes;
        }
        // The plain trie.
        let mut nodes = vec![Node {
            children: Vec::new(),
            value: EMPTY,
        }];
        for (i, p) in phrases.iter().enumerate() {
            let mut s = 0usize;
            for &b in *p {
                let c = classes[usize::from(b)];
                s = match nodes[s].children.iter().find(|&&(k, _)| k == c) {
                    Some(&(_, t)) => t as usize,
                    None => {
                        let t = nodes.len();
                        nodes.push(Node {
                            children: Vec::new(),
                            value: EMPTY,
                        });
                        nodes[s].children.push((c, t as u32));
                        t
                    }
                };
            }
            nodes[s].value = i as u32;
        }
        // The double array: place each node's children where their slots
        // are free. The first two levels go breadth first, so that the
        // states every search passes through share a few cache lines;
        // deeper ones depth first, so that a walk down a phrase finds its
        // states in nearby cells (a chain of single children takes
        // consecutive ones) rather than a cache miss a byte.
        let width = usize::from(n_classes) + 1;
        let mut slots = Slots::new(nodes.len() + width);
        // The cell of each trie node.
        let mut cell_of = vec![0u32; nodes.len()];
        slots.take(0, ROOT);
        let mut queue = std::collections::VecDeque::from([(0usize, 0u32)]);
        while let Some((n, depth)) = queue.pop_front() {
            let s = cell_of[n] as usize;
            let node = &mut nodes[n];
            node.children.sort_unstable_by_key(|&(c, _)| c);
            let children = std::mem::take(&mut node.children);
            slots.cells[s].value = node.value;
            let mut base = 0u32;
            if let Some(&(c0, _)) = children.first() {
                let b = slots.place(&children, width);
                slots.used_bases[b] = true;
                for &(c, t) in &children {
                    let slot = b + usize::from(c);
                    slots.take(slot, s as u32);
                    slots.cells[slot].label = c;
                    cell_of[t as usize] = slot as u32;
                }
                if depth < 2 {
                    queue.extend(children.iter().map(|&(_, t)| (t as usize, depth + 1)));
                } else {
                    // The first child's subtree is placed next.
                    for &(_, t) in children.iter().rev() {
                        queue.push_front((t as usize, depth + 1));
                    }
                }
                debug_assert!(b > 0 && b + usize::from(c0) > 0);
                base = b as u32;
            }
            slots.cells[s].base = base;
        }
        // Room for a step from any state on any class.
        let mut cells = slots.cells;
        let top = cells.iter().map(|c| c.base as usize).max().unwrap_or(0) + width;
        if cells.len() < top {
            cells.resize(top, Slot::FREE);
        }
        // The root is no state's child.
        cells[ROOT as usize].check = EMPTY;
        Layout {
            classes,
            n_classes,
            cells,
        }
    }

    /// Whether cells of type `C` hold this trie's bases and classes.
    fn fits<C: Cell>(&self) -> bool {
        self.cells.len() <= C::MAX_CELLS && self.n_classes <= C::MAX_CLASS
    }
}

impl<C: Cell> Trie<C> {
    /// Builds the trie of `phrases` (non-empty and distinct); phrase `i` is
    /// reported as `i`.
    #[cfg(test)]
    pub fn new<'p>(phrases: impl IntoIterator<Item = &'p [u8]>) -> Trie<C> {
        Trie::from_layout(Layout::new(phrases))
    }

    /// Packs the cells of `layout`, which fit in `C`.
    fn from_layout(layout: Layout) -> Trie<C> {
        assert!(layout.fits::<C>());
        let label = |c: &Slot| (c.check != EMPTY).then_some(c.label);
        Trie {
            classes: layout.classes,
            cells: (layout.cells.iter())
                .map(|c| C::new(c.base, c.value != EMPTY, label(c)))
                .collect(),
            values: layout.cells.iter().map(|c| c.value).collect(),
        }
    }

    /// The longest phrase that `haystack[at..]` starts with: its end and
    /// index.
    #[inline]
    pub fn longest(&self, haystack: &[u8], at: usize) -> Option<(usize, usize)> {
        let mut best = None;
        for found in self.prefixes(haystack, at) {
            best = Some(found);
        }
        best.map(|(end, state)| (end, self.phrase(state)))
    }

    /// Every phrase that `haystack[at..]` starts with, shortest first: its
    /// end and the state where it ends, which [`Trie::phrase`] turns into
    /// its index. For callers that keep the longest one ending where they
    /// accept an end (a token end) rather than the longest one, and look
    /// up only the phrase they keep: that load, from a table as large as
    /// the trie, missed the cache at each phrase passed.
    #[inline]
    pub fn prefixes<'t>(&'t self, haystack: &'t [u8], at: usize) -> Prefixes<'t, C> {
        Prefixes {
            trie: self,
            haystack,
            base: self.cells[ROOT as usize].base(),
            at,
        }
    }

    /// The index of the phrase that ends at `state`, a state that
    /// [`Trie::prefixes`] reported.
    #[inline]
    pub fn phrase(&self, state: usize) -> usize {
        self.values[state] as usize
    }
}

/// The phrases along a walk down a [`Trie`]: see [`Trie::prefixes`].
pub(crate) struct Prefixes<'t, C> {
    trie: &'t Trie<C>,
    haystack: &'t [u8],
    /// The `base` of the state reached, which the step to it read.
    base: usize,
    /// The next byte to read; past the haystack once the walk has left
    /// the trie.
    at: usize,
}

impl<C: Cell> Iterator for Prefixes<'_, C> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        let trie = self.trie;
        while let Some(&b) = self.haystack.get(self.at) {
            // The child on `b`'s class; a byte in no phrase has class 0,
            // and no cell is labelled so (see `Cell`).
            let c = trie.classes[usize::from(b)];
            let t = self.base + usize::from(c);
            // In bounds: `cells` has room past every base.
            let cell = trie.cells[t];
            if !cell.has_label(c) {
                self.at = usize::MAX;
                return None;
            }
            self.base = cell.base();
            self.at += 1;
            if cell.is_final() {
                return Some((self.at, t));
            }
        }
        None
    }
}

/// The cells of a double array being built, with the free ones in a list
/// so that placing a node skips the taken ones.
struct Slots {
    cells: Vec<Slot>,
    /// The bases taken: each state's children start at a base of its own.
    used_bases: Vec<bool>,
    /// The free cells in order, linked both ways, from `head` to `tail`.
    next: Vec<u32>,
    prev: Vec<u32>,
    head: u32,
    tail: u32,
}

impl Slots {
    fn new(len: usize) -> Slots {
        let mut slots = Slots {
            cells: Vec::new(),
            used_bases: Vec::new(),
            next: Vec::new(),
            prev: Vec::new(),
            head: EMPTY,
            tail: EMPTY,
        };
        slots.grow(len);
        slots
    }

    /// Adds free cells up to `len`, at the end of the list.
    fn grow(&mut self, len: usize) {
        let old = self.cells.len();
        if len <= old {
            return;
        }
        self.cells.resize(len, Slot::FREE);
        self.used_bases.resize(len, false);
        self.next.resize(len, EMPTY);
        self.prev.resize(len, EMPTY);
        for i in old..len {
            if self.tail == EMPTY {
                self.head = i as u32;
            } else {
                self.next[self.tail as usize] = i as u32;
                self.prev[i] = self.tail;
            }
            self.tail = i as u32;
        }
    }

    /// Marks cell `i` as the child of `parent`.
    fn take(&mut self, i: usize, parent: u32) {
        debug_assert_eq!(self.cells[i].check, EMPTY);
        self.cells[i].check = parent;
        let (p, n) = (self.prev[i], self.next[i]);
        if p == EMPTY {
            self.head = n;
        } else {
            self.next[p as usize] = n;
        }
        if n == EMPTY {
            self.tail = p;
        } else {
            self.prev[n as usize] = p;
        }
    }

    /// A base at which every child class is a free cell (children sorted,
    /// non-empty): the first child tries each free cell in turn.
    fn place(&mut self, children: &[(u16, u32)], width: usize) -> usize {
        let c0 = usize::from(children[0].0);
        let mut free = self.head;
        loop {
            if free == EMPTY {
                // No free cell left: add a row's worth.
                let len = self.cells.len();
                self.grow(len + width);
                free = len as u32;
                continue;
            }
            let slot = free as usize;
            // Cell 0 is the root, taken; base 0 is the childless states'.
            if slot > c0 {
                let b = slot - c0;
                if b + width > self.cells.len() {
                    self.grow(b + width);
                }
                if !self.used_bases[b]
                    && children
                        .iter()
                        .all(|&(c, _)| self.cells[b + usize::from(c)].check == EMPTY)
                {
                    return b;
                }
            }
            free = self.next[slot];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrases() {
        let phrases = ["a", "ab", "abc", "b", "bcd", "é", "’s", "Congo Republic"];
        let trie = AnyTrie::new(phrases.iter().map(|p| p.as_bytes()));
        assert!(matches!(trie, AnyTrie::Narrow(_)));
        let find = |s: &str, at: usize| trie.longest(s.as_bytes(), at);
        assert_eq!(find("abcd", 0), Some((3, 2)));
        assert_eq!(find("abd", 0), Some((2, 1)));
        assert_eq!(find("ax", 0), Some((1, 0)));
        assert_eq!(find("bcx", 0), Some((1, 3)));
        assert_eq!(find("bcd", 0), Some((3, 4)));
        assert_eq!(find("xbcd", 1), Some((4, 4)));
        assert_eq!(find("c", 0), None);
        assert_eq!(find("é", 0), Some(("é".len(), 5)));
        assert_eq!(find("’s", 0), Some(("’s".len(), 6)));
        assert_eq!(find("’", 0), None);
        assert_eq!(find("Congo Republican", 0), Some((14, 7)));
        assert_eq!(find("Congo Rep", 0), None);
        assert_eq!(find("", 0), None);
        let empty = AnyTrie::new(std::iter::empty());
        assert_eq!(empty.longest(b"abc", 0), None);
    }

    #[test]
    fn prefixes_along_a_walk() {
        let phrases = ["a", "ab", "abc", "b", "bcd", "’s", "vice president"];
        let trie = Trie::<u32>::new(phrases.iter().map(|p| p.as_bytes()));
        let all = |s: &str, at: usize| {
            let found = trie.prefixes(s.as_bytes(), at);
            found
                .map(|(end, state)| (end, trie.phrase(state)))
                .collect::<Vec<_>>()
        };
        assert_eq!(all("abcd", 0), [(1, 0), (2, 1), (3, 2)]);
        assert_eq!(all("abd", 0), [(1, 0), (2, 1)]);
        assert_eq!(all("xbcd", 1), [(2, 3), (4, 4)]);
        assert_eq!(all("bc", 0), [(1, 3)]);
        assert_eq!(all("’s", 0), [("’s".len(), 5)]);
        assert_eq!(all("vice presidents", 0), [(14, 6)]);
        assert_eq!(all("vice", 0), []);
        assert_eq!(all("c", 0), []);
        assert_eq!(all("a", 1), []);
        // A byte in no phrase ends the walk, and so does any byte after a
        // state without children (at base 0, where no cell is a child).
        let one = Trie::<u32>::new([b"a".as_slice()]);
        let one = |s: &[u8]| one.longest(s, 0);
        assert_eq!(one(b"xa"), None);
        assert_eq!(one(b"ax"), Some((1, 0)));
        assert_eq!(one(b"aa"), Some((1, 0)));
        let none = Trie::<u32>::new(std::iter::empty());
        assert_eq!(none.prefixes(b"\0a", 0).count(), 0);
        // The last one is the longest.
        for (s, at) in [("abcd", 0), ("xbcd", 1), ("vice president", 0), ("", 0)] {
            assert_eq!(all(s, at).last().copied(), trie.longest(s.as_bytes(), at));
        }
    }

    /// Every phrase that `text[at..]` starts with, shortest first, as a
    /// plain scan of the phrases finds them.
    fn naive(phrases: &[Vec<u8>], text: &[u8], at: usize) -> Vec<(usize, usize)> {
        let mut found: Vec<(usize, usize)> = (phrases.iter().enumerate())
            .filter(|(_, p)| text.get(at..).is_some_and(|rest| rest.starts_with(p)))
            .map(|(i, p)| (at + p.len(), i))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn phrases_of_every_byte_take_wide_cells() {
        // 256 byte classes: more than a label of a byte holds.
        let phrases: Vec<Vec<u8>> = (0..=255u8).map(|b| vec![b, b.wrapping_mul(7)]).collect();
        let trie = AnyTrie::new(phrases.iter().map(|p| p.as_slice()));
        assert!(matches!(trie, AnyTrie::Wide(_)));
        // 255 classes are still too many, 254 fit.
        let bytes = |n: u8| (0..n).map(|b| [b]).collect::<Vec<_>>();
        let fewer = AnyTrie::new(bytes(255).iter().map(|p| p.as_slice()));
        assert!(matches!(fewer, AnyTrie::Wide(_)));
        let narrow = AnyTrie::new(bytes(254).iter().map(|p| p.as_slice()));
        assert!(matches!(narrow, AnyTrie::Narrow(_)));
        assert_eq!(narrow.longest(&[253, 254], 0), Some((1, 253)));
        assert_eq!(narrow.longest(&[254, 253], 0), None);
        let text: Vec<u8> = (0..2000u32).map(|i| (i * i % 251) as u8).collect();
        for at in 0..text.len() {
            let want = naive(&phrases, &text, at).last().copied();
            assert_eq!(trie.longest(&text, at), want, "at {at}");
        }
    }

    #[test]
    fn narrow_and_wide_cells_walk_as_a_scan_of_the_phrases() {
        // Random phrases over a few bytes (some in no phrase, some
        // multibyte), sharing prefixes, and random texts of those bytes.
        let alphabet = [b'a', b'b', b'c', b' ', b'.', 0xc3, 0xa9, 0, 0xff];
        let mut rng = crate::testing::XorShift(0x2545_f491_4f6c_dd1d);
        let mut random = |n: usize, len: usize| -> Vec<Vec<u8>> {
            (0..n)
                .map(|_| {
                    let len = 1 + rng.below(len);
                    (0..len)
                        .map(|_| alphabet[rng.below(alphabet.len() - 1)])
                        .collect()
                })
                .collect()
        };
        for size in [0, 1, 2, 5, 30, 200] {
            let mut phrases = random(size, 7);
            phrases.sort_unstable();
            phrases.dedup();
            let narrow = Trie::<u32>::new(phrases.iter().map(|p| p.as_slice()));
            let wide = Trie::<u64>::new(phrases.iter().map(|p| p.as_slice()));
            // Texts hold 0xff, a byte that no phrase holds, too.
            for mut text in random(300, 12) {
                text.push(0xff);
                text.extend_from_slice(&text.clone());
                for at in 0..=text.len() {
                    let want = naive(&phrases, &text, at);
                    let all = |found: Vec<(usize, usize)>, trie: &dyn Fn(usize) -> usize| {
                        found
                            .into_iter()
                            .map(|(e, s)| (e, trie(s)))
                            .collect::<Vec<_>>()
                    };
                    let got = all(narrow.prefixes(&text, at).collect(), &|s| narrow.phrase(s));
                    assert_eq!(got, want, "{phrases:?} in {text:?} at {at}");
                    let got = all(wide.prefixes(&text, at).collect(), &|s| wide.phrase(s));
                    assert_eq!(got, want, "{phrases:?} in {text:?} at {at}");
                }
            }
        }
    }
}
