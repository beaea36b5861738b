// A streaming hash of strings for in-memory keys: the texts are fed piece by piece, so no key text
// is ever built, copied or encoded, and nothing is allocated. Two 32-bit
// multiply-xor lanes (cyrb53's mixing) give a 64-bit digest: collisions among the few thousand
// keys a bounded store holds are vanishingly rare. Not for anything an attacker could exploit.

export class TextHash {
  private h1 = 0xdeadbeef
  private h2 = 0x41c6ce57

  /** Feeds `text[from, to)`, then a separator, so ("ab", "c") and ("a", "bc") differ. */
  add(text: string, from = 0, to = text.length): this {
    let h1 = this.h1
    let h2 = this.h2
    // Two UTF-16 code units per 32-bit word: half the multiplies of one per unit.
    let i = from
    for (; i + 1 < to; i += 2) {
      const word = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)
      h1 = Math.imul(h1 ^ word, 2654435761)
      h2 = Math.imul(h2 ^ word, 1597334677)
    }
    if (i < to) {
      h1 = Math.imul(h1 ^ text.charCodeAt(i), 2654435761)
      h2 = Math.imul(h2 ^ text.charCodeAt(i), 1597334677)
    }
    // A code unit no text holds on its own (a lone high surrogate cannot end a well-formed string).
    this.h1 = Math.imul(h1 ^ 0xd800, 2654435761)
    this.h2 = Math.imul(h2 ^ (to - from), 1597334677)
    return this
  }

  /** The 64-bit digest in base 36. */
  digest(): string {
    let h1 = Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507)
    h1 ^= Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909)
    let h2 = Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507)
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
    return (h2 >>> 0).toString(36) + '.' + (h1 >>> 0).toString(36)
  }
}
