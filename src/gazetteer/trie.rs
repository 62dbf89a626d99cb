//! A byte trie in a double array, for anchored longest-prefix searches.
//!
//! An anchored leftmost-longest search of a set of phrases at a position
//! finds the longest phrase that the text at that position starts with: a
//! walk down a trie, remembering the last phrase passed. The double array
//! makes each step one addition and one comparison (the child of state `s`
//! on byte class `c` is `base[s] + c` when that slot's `check` is `s`), where
//! an Aho-Corasick NFA follows sparse transition lists through an
//! indirection per state.

/// The trie of a set of phrases, each known by its index.
#[derive(Clone)]
pub(crate) struct Trie {
    /// The class of each byte: 0 for bytes in no phrase, else 1.. .
    classes: [u16; 256],
    /// The states' `base` and `check`, eight bytes a state: the part of a
    /// cell that every step reads, kept small for the cache.
    steps: Vec<Step>,
    /// The phrase that ends at each state with [`FINAL`] set.
    values: Vec<u32>,
}

#[derive(Clone, Copy)]
struct Step {
    base: u32,
    check: u32,
}

#[derive(Clone, Copy)]
struct Cell {
    /// Where the children of this state start, with [`FINAL`] set when a
    /// phrase ends here.
    base: u32,
    /// The parent state ([`EMPTY`] for a free slot).
    check: u32,
    /// The phrase that ends here, if `base` has [`FINAL`].
    value: u32,
}

impl Cell {
    const FREE: Cell = Cell {
        base: 0,
        check: EMPTY,
        value: EMPTY,
    };
}

const FINAL: u32 = 1 << 31;
const EMPTY: u32 = u32::MAX;
const ROOT: u32 = 0;

/// A trie node while building.
struct Node {
    children: Vec<(u16, u32)>,
    value: u32,
}

impl Trie {
    /// Builds the trie of `phrases` (non-empty and distinct); phrase `i` is
    /// reported as `i`.
    pub fn new<'p>(phrases: impl IntoIterator<Item = &'p [u8]>) -> Trie {
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
                for &(c, t) in &children {
                    let slot = b + usize::from(c);
                    slots.take(slot, s as u32);
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
                debug_assert!(b + usize::from(c0) > 0);
                base = b as u32;
            }
            if node.value != EMPTY {
                base |= FINAL;
            }
            slots.cells[s].base = base;
        }
        // Room for a step from any state on any class.
        let mut cells = slots.cells;
        let top = cells
            .iter()
            .map(|c| (c.base & !FINAL) as usize)
            .max()
            .unwrap_or(0)
            + width;
        if cells.len() < top {
            cells.resize(top, Cell::FREE);
        }
        // The root is no state's child. Marked so, a step on a byte in no
        // phrase (class 0, to `base`, where no child of the state lies)
        // fails on its check like any other missing child, even from a
        // root whose base is 0.
        cells[ROOT as usize].check = EMPTY;
        Trie {
            classes,
            steps: cells
                .iter()
                .map(|c| Step {
                    base: c.base,
                    check: c.check,
                })
                .collect(),
            values: cells.iter().map(|c| c.value).collect(),
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
        best
    }

    /// Every phrase that `haystack[at..]` starts with, shortest first: its
    /// end and index. For callers that keep the longest one ending where
    /// they accept an end (a token end) rather than the longest one.
    #[inline]
    pub fn prefixes<'t>(&'t self, haystack: &'t [u8], at: usize) -> Prefixes<'t> {
        Prefixes {
            trie: self,
            haystack,
            state: ROOT,
            base: self.steps[ROOT as usize].base,
            at,
        }
    }
}

/// The phrases along a walk down a [`Trie`]: see [`Trie::prefixes`].
pub(crate) struct Prefixes<'t> {
    trie: &'t Trie,
    haystack: &'t [u8],
    /// The state reached and its `base`, which the step to it read.
    state: u32,
    base: u32,
    /// The next byte to read; past the haystack once the walk has left
    /// the trie.
    at: usize,
}

impl Iterator for Prefixes<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        let trie = self.trie;
        while let Some(&b) = self.haystack.get(self.at) {
            // The child on `b`'s class; a byte in no phrase has class 0,
            // and no state has a child there (see `Trie::new`).
            let c = trie.classes[usize::from(b)];
            let t = (self.base & !FINAL) as usize + usize::from(c);
            // In bounds: `steps` has room past every base.
            let step = trie.steps[t];
            if step.check != self.state {
                self.at = usize::MAX;
                return None;
            }
            (self.state, self.base) = (t as u32, step.base);
            self.at += 1;
            if step.base & FINAL != 0 {
                return Some((self.at, trie.values[t] as usize));
            }
        }
        None
    }
}

/// The cells of a double array being built, with the free ones in a list
/// so that placing a node skips the taken ones.
struct Slots {
    cells: Vec<Cell>,
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
        self.cells.resize(len, Cell::FREE);
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
            // Cell 0 is the root, taken; a base must be at least 0.
            if slot >= c0 {
                let b = slot - c0;
                if b + width > self.cells.len() {
                    self.grow(b + width);
                }
                if children
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
        let trie = Trie::new(phrases.iter().map(|p| p.as_bytes()));
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
        let empty = Trie::new(std::iter::empty());
        assert_eq!(empty.longest(b"abc", 0), None);
    }

    #[test]
    fn prefixes_along_a_walk() {
        let phrases = ["a", "ab", "abc", "b", "bcd", "’s", "vice president"];
        let trie = Trie::new(phrases.iter().map(|p| p.as_bytes()));
        let all = |s: &str, at: usize| trie.prefixes(s.as_bytes(), at).collect::<Vec<_>>();
        assert_eq!(all("abcd", 0), [(1, 0), (2, 1), (3, 2)]);
        assert_eq!(all("abd", 0), [(1, 0), (2, 1)]);
        assert_eq!(all("xbcd", 1), [(2, 3), (4, 4)]);
        assert_eq!(all("bc", 0), [(1, 3)]);
        assert_eq!(all("’s", 0), [("’s".len(), 5)]);
        assert_eq!(all("vice presidents", 0), [(14, 6)]);
        assert_eq!(all("vice", 0), []);
        assert_eq!(all("c", 0), []);
        assert_eq!(all("a", 1), []);
        // A byte in no phrase ends the walk, from a root at base 0 too
        // (its one child takes the first free cell).
        let one = Trie::new([b"a".as_slice()]);
        assert_eq!(one.steps[ROOT as usize].base, 0);
        assert_eq!(one.prefixes(b"xa", 0).collect::<Vec<_>>(), []);
        assert_eq!(one.prefixes(b"ax", 0).collect::<Vec<_>>(), [(1, 0)]);
        // The last one is the longest.
        for (s, at) in [("abcd", 0), ("xbcd", 1), ("vice president", 0), ("", 0)] {
            assert_eq!(all(s, at).last().copied(), trie.longest(s.as_bytes(), at));
        }
    }
}
