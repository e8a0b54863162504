/**
 * Sets of slots as bits in 32-bit words (slot n is bit n % 32 of word n / 32). Intersecting two
 * of them is one AND per 32 slots, and counting one is a popcount per word, which is what makes
 * a search without words cheap: its filters and facets become word operations instead of a
 * visit to every matching vendor.
 */
export type Bits = Uint32Array

export const wordsFor = (slots: number) => (slots + 31) >>> 5

export const hasBit = (bits: Bits, slot: number) => (bits[slot >>> 5]! & (1 << (slot & 31))) !== 0

export const setBit = (bits: Bits, slot: number) => {
  bits[slot >>> 5]! |= 1 << (slot & 31)
}

export const clearBit = (bits: Bits, slot: number) => {
  bits[slot >>> 5]! &= ~(1 << (slot & 31))
}

/** Set bits in one word (SWAR: pairs, nibbles, then bytes summed by one multiplication). */
export const popcount = (word: number) => {
  let x = word - ((word >>> 1) & 0x55555555)
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
}

/** How many slots are in both `a` and `b`, over their first `words` words. */
export const countBoth = (a: Bits, b: Bits, words: number) => {
  let count = 0
  for (let i = 0; i < words; i++) {
    const word = a[i]! & b[i]!
    if (word !== 0) count += popcount(word)
  }
  return count
}

export const countBits = (bits: Bits, words: number) => {
  let count = 0
  for (let i = 0; i < words; i++) {
    const word = bits[i]!
    if (word !== 0) count += popcount(word)
  }
  return count
}

/** `into` keeps only the slots also in `other`. */
export const intersect = (into: Bits, other: Bits, words: number) => {
  for (let i = 0; i < words; i++) into[i]! &= other[i]!
}

/** Calls `visit` with every slot in `bits`, in slot order. */
export const forEachBit = (bits: Bits, words: number, visit: (slot: number) => void) => {
  for (let i = 0; i < words; i++) {
    let word = bits[i]!
    while (word !== 0) {
      const lowest = word & -word
      visit((i << 5) | (31 - Math.clz32(lowest)))
      word ^= lowest
    }
  }
}

/** A copy of `bits` with room for `words` words (the rest empty). */
export const grown = (bits: Bits, words: number): Bits => {
  const next = new Uint32Array(words)
  next.set(bits.subarray(0, Math.min(bits.length, words)))
  return next
}
