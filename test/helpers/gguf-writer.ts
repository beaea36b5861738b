// Writes a tiny llama-architecture GGUF (v3) with seeded random weights, F32 or Q8_0, so tests and
// benches run real node-llama-cpp without downloading a model. Layout follows ggml's docs/gguf.md;
// Q8_0 blocks follow ggml's block_q8_0 (an f16 scale, then 32 int8 quants).
import { closeSync, openSync, writeSync } from 'node:fs'

export interface TinyLlamaOptions {
  embeddingLength?: number
  layers?: number
  heads?: number
  /** Grouped-query attention: fewer key/value heads than query heads (defaults to `heads`). */
  headsKv?: number
  contextLength?: number
  feedForwardLength?: number
  /** Word pieces to add (no "▁" marker needed); their prefixes are added so SPM can reach them. */
  vocab?: string[]
  seed?: number
  name?: string
  /**
   * Weight type of the matrices: 'q8_0' as the catalog's models ship. Norms stay F32 either way,
   * as llama.cpp's quantizer leaves 1-D and `_norm.weight` tensors unquantized.
   */
  type?: WeightType
}

export type WeightType = 'f32' | 'q8_0' | 'q4_0'

/**
 * Decoder shapes for tests and benchmarks; vocabularies stay small, so sizes are dominated by the
 * layers. The embedding models' BERT shapes are in gguf-bert-writer.ts.
 */
export const benchModelShapes = {
  /** The test default: ~0.5 MB, written in ~30 ms, loaded in ~30 ms. */
  tiny: { embeddingLength: 64, layers: 2, heads: 4, feedForwardLength: 128, contextLength: 512 },
  /** A small decoder with grouped-query attention: ~100 MB of F32, written in ~0.4 s. */
  smallGenerativeLike: {
    embeddingLength: 512,
    layers: 8,
    heads: 8,
    headsKv: 2,
    feedForwardLength: 1408,
    contextLength: 2048,
  },
  /** Qwen2.5-0.5B-like layers (~1.4 GB of F32): slow to write, for a one-off bench only. */
  halfBillionLike: {
    embeddingLength: 896,
    layers: 24,
    heads: 14,
    headsKv: 2,
    feedForwardLength: 4864,
    contextLength: 2048,
  },
} satisfies Record<string, TinyLlamaOptions>

const defaultWords = ['the', 'react', 'component', 'hook', 'state', 'css', 'sql', 'query', 'index']
defaultWords.push('python', 'rust', 'test', 'bug', 'fix', 'code', 'api', 'server', 'docker')
export const ALIGNMENT = 32
/** ggml_type ids (ggml.h) and the Q8_0 block: QK8_0 values in an f16 scale plus QK8_0 int8s. */
const GGML_TYPE = { f32: 0, q4_0: 2, q8_0: 8 } as const
export const QK8_0 = 32
export const Q8_0_BLOCK_BYTES = 2 + QK8_0
const Q4_0_BLOCK_BYTES = 2 + QK8_0 / 2
export const SPACE = '\u2581'
const GGUF = { u32: 4, i32: 5, f32: 6, bool: 7, str: 8, arr: 9 } as const
export const TOKEN_TYPE = { normal: 1, unknown: 2, control: 3, byte: 6 } as const

export type ScalarType = 'u32' | 'i32' | 'f32' | 'bool' | 'str'
export type MetaEntry = [
  key: string,
  type: ScalarType,
  value: number | string | (number | string)[],
]

interface ByteSink {
  parts: Buffer[]
  u32(v: number): void
  i32(v: number): void
  u64(v: number): void
  f32(v: number): void
  bool(v: number): void
  str(v: string): void
  size(): number
}

/** Little-endian byte builder for the header, metadata and tensor infos. */
function createByteSink(): ByteSink {
  const parts: Buffer[] = []
  const num = (bytes: number, write: (b: Buffer) => void): void => {
    const b = Buffer.alloc(bytes)
    write(b)
    parts.push(b)
  }
  const sink: ByteSink = {
    parts,
    u32: (v) => num(4, (b) => b.writeUInt32LE(v)),
    i32: (v) => num(4, (b) => b.writeInt32LE(v)),
    u64: (v) => num(8, (b) => b.writeBigUInt64LE(BigInt(v))),
    f32: (v) => num(4, (b) => b.writeFloatLE(v)),
    bool: (v) => num(1, (b) => b.writeUInt8(v ? 1 : 0)),
    str: (v) => {
      const bytes = Buffer.from(v, 'utf8')
      sink.u64(bytes.length)
      parts.push(bytes)
    },
    size: () => parts.reduce((n, b) => n + b.length, 0),
  }
  return sink
}

function writeMeta(sink: ByteSink, [key, type, value]: MetaEntry): void {
  const put = (v: number | string): void => {
    if (type === 'str') sink.str(String(v))
    else sink[type](Number(v))
  }
  sink.str(key)
  if (Array.isArray(value)) {
    sink.u32(GGUF.arr)
    sink.u32(GGUF[type])
    sink.u64(value.length)
    value.forEach(put)
  } else {
    sink.u32(GGUF[type])
    put(value)
  }
}

/** SPM vocabulary: <unk>, <s>, </s>, the 256 byte-fallback tokens, single characters, word pieces. */
function buildVocab(words: string[]): { tokens: string[]; types: number[] } {
  const tokens = ['<unk>', '<s>', '</s>']
  const types: number[] = [TOKEN_TYPE.unknown, TOKEN_TYPE.control, TOKEN_TYPE.control]
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`)
    types.push(TOKEN_TYPE.byte)
  }
  const pieces = new Set<string>([SPACE, ...'abcdefghijklmnopqrstuvwxyz0123456789'])
  // SPM only merges adjacent pieces into a known piece, so every prefix must exist too.
  for (const word of words) {
    const marked = SPACE + word.toLowerCase()
    for (let end = 2; end <= marked.length; end++) pieces.add(marked.slice(0, end))
  }
  for (const piece of pieces) {
    tokens.push(piece)
    types.push(TOKEN_TYPE.normal)
  }
  return { tokens, types }
}

/** mulberry32: tiny, fast, seedable; the weights only need to be deterministic. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Writes a tiny llama-architecture GGUF v3 model with seeded random weights to `file`. */
export function writeTinyLlamaGguf(file: string, options: TinyLlamaOptions = {}): void {
  const o = { ...benchModelShapes.tiny, ...options }
  const heads = o.heads
  const headsKv = options.headsKv ?? heads
  const nEmbd = o.embeddingLength
  const headDim = nEmbd / heads
  if (!Number.isInteger(headDim)) throw new Error('embeddingLength must be a multiple of heads')
  const { tokens, types } = buildVocab(o.vocab ?? defaultWords)
  const nVocab = tokens.length
  const nFf = o.feedForwardLength

  // ggml shapes list the row length first: [columns, rows].
  const tensors: TensorSpec[] = [
    { name: 'token_embd.weight', dims: [nEmbd, nVocab], fill: 'random' },
  ]
  for (let i = 0; i < o.layers; i++) {
    const blk = (n: string, dims: number[], fill: TensorFill = 'random') =>
      tensors.push({ name: `blk.${i}.${n}.weight`, dims, fill })
    blk('attn_norm', [nEmbd], 'one')
    blk('attn_q', [nEmbd, nEmbd])
    blk('attn_k', [nEmbd, headDim * headsKv])
    blk('attn_v', [nEmbd, headDim * headsKv])
    blk('attn_output', [nEmbd, nEmbd])
    blk('ffn_norm', [nEmbd], 'one')
    blk('ffn_gate', [nEmbd, nFf])
    blk('ffn_up', [nEmbd, nFf])
    blk('ffn_down', [nFf, nEmbd])
  }
  tensors.push({ name: 'output_norm.weight', dims: [nEmbd], fill: 'one' })
  tensors.push({ name: 'output.weight', dims: [nEmbd, nVocab], fill: 'random' })

  const meta: MetaEntry[] = [
    ['general.architecture', 'str', 'llama'],
    ['general.name', 'str', o.name ?? 'switchboard-tiny-llama'],
    ['general.alignment', 'u32', ALIGNMENT],
    ['llama.context_length', 'u32', o.contextLength],
    ['llama.embedding_length', 'u32', nEmbd],
    ['llama.block_count', 'u32', o.layers],
    ['llama.feed_forward_length', 'u32', nFf],
    ['llama.attention.head_count', 'u32', heads],
    ['llama.attention.head_count_kv', 'u32', headsKv],
    ['llama.rope.dimension_count', 'u32', headDim],
    ['llama.attention.layer_norm_rms_epsilon', 'f32', 1e-5],
    ['tokenizer.ggml.model', 'str', 'llama'],
    ['tokenizer.ggml.tokens', 'str', tokens],
    // Higher score merges first in SPM; earlier pieces win, as in a frequency-sorted vocabulary.
    ['tokenizer.ggml.scores', 'f32', tokens.map((_, i) => -i)],
    ['tokenizer.ggml.token_type', 'i32', types],
    ['tokenizer.ggml.unknown_token_id', 'u32', 0],
    ['tokenizer.ggml.bos_token_id', 'u32', 1],
    ['tokenizer.ggml.eos_token_id', 'u32', 2],
  ]
  writeGgufFile(file, meta, tensors, options.type ?? 'f32', o.seed ?? 42)
}

export type TensorFill = 'one' | 'zero' | 'random'
export interface TensorSpec {
  name: string
  /** ggml order: the row length first. */
  dims: number[]
  fill: TensorFill
  /** Stays F32 whatever the weight type, as llama.cpp's quantizer leaves it. */
  f32?: boolean
}

/**
 * Writes a GGUF v3 file: header, metadata, tensor infos, then the tensors with seeded values.
 * Matrices take `weightType`; 1-D tensors (norms, biases) stay F32, as llama.cpp quantizes them.
 */
export function writeGgufFile(
  file: string,
  meta: MetaEntry[],
  tensors: TensorSpec[],
  weightType: WeightType,
  seed: number,
): void {
  const head = createByteSink()
  head.parts.push(Buffer.from('GGUF', 'ascii'))
  head.u32(3)
  head.u64(tensors.length)
  head.u64(meta.length)
  for (const entry of meta) writeMeta(head, entry)
  let offset = 0
  const padTo = (n: number) => Math.ceil(n / ALIGNMENT) * ALIGNMENT
  const typeOf = (t: TensorSpec): WeightType => (t.dims.length >= 2 && !t.f32 ? weightType : 'f32')
  for (const t of tensors) {
    head.str(t.name)
    head.u32(t.dims.length)
    for (const d of t.dims) head.u64(d)
    head.u32(GGML_TYPE[typeOf(t)])
    head.u64(offset)
    offset = padTo(offset + tensorBytes(t.dims, typeOf(t)))
  }
  head.parts.push(Buffer.alloc(padTo(head.size()) - head.size()))

  const fd = openSync(file, 'w')
  try {
    for (const part of head.parts) writeSync(fd, part)
    const random = createRandom(seed)
    for (const t of tensors) {
      const count = t.dims.reduce((a, b) => a * b, 1)
      const values = new Float32Array(count)
      // Scale by 1/sqrt(fan-in) so activations stay finite through the layers.
      const scale = 2 / Math.sqrt(t.dims[0])
      if (t.fill === 'one') values.fill(1)
      else if (t.fill === 'random')
        for (let i = 0; i < count; i++) values[i] = (random() - 0.5) * scale
      const bytes = QUANTIZE[typeOf(t)](values)
      writeSync(fd, bytes)
      writeSync(fd, Buffer.alloc(padTo(bytes.length) - bytes.length))
    }
  } finally {
    closeSync(fd)
  }
}

const QUANTIZE: Record<WeightType, (values: Float32Array) => Buffer> = {
  f32: (values) => Buffer.from(values.buffer, values.byteOffset, values.byteLength),
  q8_0: (values) => quantizeQ8_0(values),
  q4_0: (values) => quantizeQ4_0(values),
}

function tensorBytes(dims: number[], type: WeightType): number {
  const count = dims.reduce((a, b) => a * b, 1)
  if (type === 'f32') return count * 4
  if (dims[0] % QK8_0 !== 0)
    throw new Error(`Quantized rows must be a multiple of ${QK8_0}: ${dims[0]}`)
  return (count / QK8_0) * (type === 'q8_0' ? Q8_0_BLOCK_BYTES : Q4_0_BLOCK_BYTES)
}

/**
 * ggml's reference Q8_0 quantization: per block of 32 values, scale d = max|x| / 127 stored as
 * f16, then each value as round(x / d) in an int8. `values.length` must be a multiple of 32.
 */
export function quantizeQ8_0(values: Float32Array): Buffer {
  if (values.length % QK8_0 !== 0) throw new Error(`length must be a multiple of ${QK8_0}`)
  const blocks = values.length / QK8_0
  const out = Buffer.alloc(blocks * Q8_0_BLOCK_BYTES)
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  for (let b = 0; b < blocks; b++) {
    const at = b * Q8_0_BLOCK_BYTES
    let amax = 0
    for (let j = 0; j < QK8_0; j++) amax = Math.max(amax, Math.abs(values[b * QK8_0 + j]))
    const d = amax / 127
    const inverse = d ? 1 / d : 0
    view.setFloat16(at, d, true)
    for (let j = 0; j < QK8_0; j++) {
      // C's roundf: halves away from zero (Math.round takes -2.5 to -2).
      const q = values[b * QK8_0 + j] * inverse
      view.setInt8(at + 2 + j, Math.sign(q) * Math.round(Math.abs(q)))
    }
  }
  return out
}

/**
 * ggml's reference Q4_0 quantization: per block of 32 values, scale d = (the value of largest
 * magnitude) / -8 as f16, then each value as a nibble round(x / d) + 8, clamped to 15; the block's
 * first 16 values fill the low nibbles and its last 16 the high ones.
 */
export function quantizeQ4_0(values: Float32Array): Buffer {
  if (values.length % QK8_0 !== 0) throw new Error(`length must be a multiple of ${QK8_0}`)
  const blocks = values.length / QK8_0
  const half = QK8_0 / 2
  const out = Buffer.alloc(blocks * Q4_0_BLOCK_BYTES)
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  // C's (int8_t)(x + 8.5f) truncates toward zero; x + 8.5 is never below 0 here.
  const nibble = (x: number) => Math.min(15, Math.trunc(x + 8.5))
  for (let b = 0; b < blocks; b++) {
    const at = b * Q4_0_BLOCK_BYTES
    let amax = 0
    let max = 0
    for (let j = 0; j < QK8_0; j++) {
      const v = values[b * QK8_0 + j]
      if (Math.abs(v) > amax) [amax, max] = [Math.abs(v), v]
    }
    const d = max / -8
    const inverse = d ? 1 / d : 0
    view.setFloat16(at, d, true)
    for (let j = 0; j < half; j++) {
      const low = nibble(values[b * QK8_0 + j] * inverse)
      const high = nibble(values[b * QK8_0 + half + j] * inverse)
      out[at + 2 + j] = low | (high << 4)
    }
  }
  return out
}
