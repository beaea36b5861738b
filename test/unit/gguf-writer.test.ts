import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { readGgufFileInfo, type LlamaEmbeddingContext, type LlamaModel } from 'node-llama-cpp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getLlamaOnce } from '../../src/main/core/personas/llama-runtime.ts'
import {
  Q8_0_BLOCK_BYTES,
  QK8_0,
  quantizeQ4_0,
  quantizeQ8_0,
  writeTinyLlamaGguf,
} from '../helpers/gguf-writer.ts'
import { writeTinyBertGguf } from '../helpers/gguf-bert-writer.ts'
import { makeTempDir } from '../helpers/temp-dir.ts'

const temp = makeTempDir()
const tiny = join(temp.dir, 'tiny.gguf')

beforeAll(() => writeTinyLlamaGguf(tiny))

/** Loads `file`, embeds `text` in a small one-thread context, unloads it; `inspect` looks on. */
async function embedOnce(
  file: string,
  text: string,
  inspect?: (model: LlamaModel, context: LlamaEmbeddingContext) => void,
): Promise<readonly number[]> {
  const llama = await getLlamaOnce()
  const model = await llama.loadModel({ modelPath: file, gpuLayers: 0 })
  try {
    const context = await model.createEmbeddingContext({ contextSize: 64, threads: 1 })
    try {
      inspect?.(model, context)
      return (await context.getEmbeddingFor(text)).vector
    } finally {
      await context.dispose()
    }
  } finally {
    await model.dispose()
  }
}

const cosine = (a: readonly number[], b: readonly number[]) => {
  const dot = a.reduce((sum, x, i) => sum + x * b[i], 0)
  const norm = (v: readonly number[]) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0))
  return dot / (norm(a) * norm(b))
}
afterAll(() => temp.cleanup())

describe('writeTinyLlamaGguf', () => {
  it('writes llama metadata that node-llama-cpp reads back', async () => {
    const info = await readGgufFileInfo(tiny, { readTensorInfo: true })
    expect(info.version).toBe(3)
    expect(info.metadata.general).toMatchObject({ architecture: 'llama', alignment: 32 })
    expect(info.metadata.llama).toMatchObject({
      context_length: 512,
      embedding_length: 64,
      block_count: 2,
      feed_forward_length: 128,
      attention: { head_count: 4, head_count_kv: 4 },
      rope: { dimension_count: 16 },
    })
    const tokenizer = info.metadata.tokenizer.ggml
    expect(tokenizer.model).toBe('llama')
    expect(tokenizer.tokens.slice(0, 4)).toEqual(['<unk>', '<s>', '</s>', '<0x00>'])
    expect(tokenizer.tokens).toContain('<0xFF>')
    expect(tokenizer.token_type?.slice(0, 4)).toEqual([2, 3, 3, 6])
    expect(tokenizer.scores).toHaveLength(tokenizer.tokens.length)
    expect([tokenizer.bos_token_id, tokenizer.eos_token_id, tokenizer.unknown_token_id]).toEqual([
      1, 2, 0,
    ])
  })

  it('lists every tensor with 32-byte aligned offsets', async () => {
    const info = await readGgufFileInfo(tiny, { readTensorInfo: true })
    const names = info.fullTensorInfo?.map((t) => t.name) ?? []
    expect(names).toHaveLength(3 + 9 * 2)
    expect(names).toEqual(expect.arrayContaining(['token_embd.weight', 'blk.1.ffn_down.weight']))
    for (const tensor of info.fullTensorInfo ?? []) expect(Number(tensor.offset) % 32).toBe(0)
  })

  it('is deterministic for a seed and differs across seeds', () => {
    writeTinyLlamaGguf(join(temp.dir, 'a.gguf'), { seed: 7 })
    writeTinyLlamaGguf(join(temp.dir, 'b.gguf'), { seed: 7 })
    writeTinyLlamaGguf(join(temp.dir, 'c.gguf'), { seed: 8 })
    const read = (name: string) => readFileSync(join(temp.dir, name))
    expect(read('a.gguf').equals(read('b.gguf'))).toBe(true)
    expect(read('a.gguf').equals(read('c.gguf'))).toBe(false)
  })

  it('honours shape options, grouped-query attention and extra vocabulary', async () => {
    const file = join(temp.dir, 'shaped.gguf')
    const options = { embeddingLength: 96, layers: 3, heads: 6, headsKv: 2, vocab: ['kubernetes'] }
    writeTinyLlamaGguf(file, { ...options, feedForwardLength: 160, contextLength: 256 })
    const info = await readGgufFileInfo(file)
    expect(info.metadata.llama).toMatchObject({
      embedding_length: 96,
      block_count: 3,
      context_length: 256,
      attention: { head_count: 6, head_count_kv: 2 },
    })
    expect(info.metadata.tokenizer.ggml.tokens).toContain('\u2581kubernetes')
    const llama = await getLlamaOnce()
    const model = await llama.loadModel({ modelPath: file, gpuLayers: 0 })
    // The whole word is one piece, reachable through its prefixes.
    expect(model.tokenize('kubernetes')).toHaveLength(1)
    await model.dispose()
  })

  it('loads in node-llama-cpp, tokenizes, embeds and generates', async () => {
    const llama = await getLlamaOnce()
    const model = await llama.loadModel({ modelPath: tiny, gpuLayers: 0 })
    try {
      expect(model.embeddingVectorSize).toBe(64)
      expect(model.trainContextSize).toBe(512)
      const text = 'Fix the React hook, then the SQL query! ü€'
      expect(model.detokenize(model.tokenize(text))).toBe(text)

      const embedding = await model.createEmbeddingContext({ contextSize: 64, threads: 1 })
      const { vector } = await embedding.getEmbeddingFor('react state')
      expect(vector).toHaveLength(64)
      expect(vector.every(Number.isFinite)).toBe(true)
      await embedding.dispose()

      const context = await model.createContext({ contextSize: 64, threads: 1 })
      const { LlamaCompletion } = await import('node-llama-cpp')
      const completion = new LlamaCompletion({ contextSequence: context.getSequence() })
      const meta = await completion.generateCompletionWithMeta('the react', { maxTokens: 5 })
      expect(['maxTokens', 'eogToken']).toContain(meta.metadata.stopReason)
      await context.dispose()
    } finally {
      await model.dispose()
    }
  })
})

describe('quantizeQ8_0', () => {
  it('writes ggml blocks: an f16 scale max|x|/127, then 32 int8 quants', () => {
    const values = new Float32Array(2 * QK8_0)
    for (let j = 0; j < QK8_0; j++) values[j] = (j - 16) / 4 // block 0: -4 .. 3.75
    values[QK8_0 + 5] = 0.5 // block 1: one value, the rest zero
    const bytes = quantizeQ8_0(values)
    expect(bytes).toHaveLength(2 * Q8_0_BLOCK_BYTES)
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const scale0 = view.getFloat16(0, true)
    expect(scale0).toBeCloseTo(4 / 127, 5)
    expect(view.getInt8(2)).toBe(-127) // -4, the largest magnitude
    expect(view.getInt8(2 + 16)).toBe(0)
    for (let j = 0; j < QK8_0; j++) {
      expect(Math.abs(view.getInt8(2 + j) * scale0 - values[j])).toBeLessThanOrEqual(scale0)
    }
    const at = Q8_0_BLOCK_BYTES
    expect(view.getFloat16(at, true)).toBeCloseTo(0.5 / 127, 6)
    expect(view.getInt8(at + 2 + 5)).toBe(127)
    expect(view.getInt8(at + 2 + 4)).toBe(0)
  })

  it('writes an all-zero block with a zero scale, and refuses a partial block', () => {
    expect(quantizeQ8_0(new Float32Array(QK8_0)).every((b) => b === 0)).toBe(true)
    expect(() => quantizeQ8_0(new Float32Array(QK8_0 + 1))).toThrow(/multiple of 32/)
  })
})

describe('writeTinyLlamaGguf with Q8_0 weights', () => {
  const f32 = join(temp.dir, 'same-seed-f32.gguf')
  const q8 = join(temp.dir, 'same-seed-q8.gguf')
  beforeAll(() => {
    writeTinyLlamaGguf(f32, { seed: 11 })
    writeTinyLlamaGguf(q8, { seed: 11, type: 'q8_0' })
  })

  it('quantizes the matrices and keeps the norms F32, as llama.cpp does', async () => {
    const info = await readGgufFileInfo(q8, { readTensorInfo: true })
    for (const tensor of info.fullTensorInfo ?? []) {
      expect(tensor.ggmlType, tensor.name).toBe(tensor.dimensions.length >= 2 ? 8 : 0)
    }
    // 34 bytes per 32 weights instead of 128: about a quarter of the F32 file.
    expect(statSync(q8).size / statSync(f32).size).toBeLessThan(0.3)
  })

  it('loads in node-llama-cpp and embeds as the F32 model of the same seed does', async () => {
    const text = 'fix the react hook and the sql query'
    const [a, b] = [await embedOnce(f32, text), await embedOnce(q8, text)]
    expect(b).toHaveLength(64)
    expect(b.every(Number.isFinite)).toBe(true)
    // Only if the blocks decode to the same weights do the two models agree.
    expect(cosine(a, b)).toBeGreaterThan(0.99)
  })
})

describe('quantizeQ4_0', () => {
  it('writes ggml blocks: an f16 scale (largest value)/-8, then nibbles low half first', () => {
    const values = new Float32Array(QK8_0)
    for (let j = 0; j < QK8_0; j++) values[j] = (j - 16) / 4 // -4 .. 3.75; -4 is the largest
    const bytes = quantizeQ4_0(values)
    expect(bytes).toHaveLength(2 + QK8_0 / 2)
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const scale = view.getFloat16(0, true)
    expect(scale).toBeCloseTo(0.5, 5)
    const decoded = Array.from({ length: QK8_0 }, (_, j) => {
      const byte = bytes[2 + (j % 16)]
      return ((j < 16 ? byte & 0x0f : byte >> 4) - 8) * scale
    })
    decoded.forEach((x, j) => expect(Math.abs(x - values[j])).toBeLessThanOrEqual(scale / 2))
    expect(() => quantizeQ4_0(new Float32Array(QK8_0 - 1))).toThrow(/multiple of 32/)
  })
})

describe('writeTinyBertGguf', () => {
  const bertF32 = join(temp.dir, 'bert-f32.gguf')
  const bertQ4 = join(temp.dir, 'bert-q4.gguf')
  beforeAll(() => {
    writeTinyBertGguf(bertF32, { seed: 5, vocab: ['kubernetes', 'react'] })
    writeTinyBertGguf(bertQ4, { seed: 5, vocab: ['kubernetes', 'react'], type: 'q4_0' })
  })

  it('writes an encoder node-llama-cpp reads as BERT with mean pooling and WordPiece', async () => {
    const info = await readGgufFileInfo(bertF32, { readTensorInfo: true })
    expect(info.metadata.general.architecture).toBe('bert')
    expect(info.metadata.bert).toMatchObject({
      block_count: 2,
      pooling_type: 1,
      attention: { causal: false, head_count: 4 },
    })
    expect(info.metadata.tokenizer.ggml.model).toBe('bert')
    const q4 = await readGgufFileInfo(bertQ4, { readTensorInfo: true })
    // Matrices in Q4_0; norms, biases and the segment embeddings (added, never gathered) in F32.
    for (const t of q4.fullTensorInfo ?? []) {
      const matrix = t.dimensions.length >= 2 && t.name !== 'token_types.weight'
      expect(t.ggmlType, t.name).toBe(matrix ? 2 : 0)
    }
  })

  it('tokenizes words whole with [CLS] and [SEP] around them, and embeds as F32 does in Q4_0', async () => {
    const text = 'kubernetes pods restart in react'
    const inspect = (model: LlamaModel, context: LlamaEmbeddingContext) => {
      expect(model.tokenize('Kubernetes react')).toHaveLength(2)
      expect(context.calculateInputLength([])).toBe(2)
    }
    const [a, b] = [await embedOnce(bertF32, text, inspect), await embedOnce(bertQ4, text, inspect)]
    expect(b).toHaveLength(64)
    expect(cosine(a, b)).toBeGreaterThan(0.98)
  })
})
