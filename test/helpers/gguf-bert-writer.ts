// Writes a tiny BERT-architecture GGUF, the shape of the sentence-embedding models the catalog
// offers (all-MiniLM-L6-v2, bge-small-en-v1.5): learned positions, LayerNorm with biases, a
// two-matrix GELU feed-forward, bidirectional attention, mean pooling and a WordPiece vocabulary.
// Tensor and key names follow llama.cpp's BERT loader and convert_hf_to_gguf.py's BertModel.
import { ALIGNMENT, SPACE, TOKEN_TYPE, writeGgufFile } from './gguf-writer.ts'
import type { MetaEntry, TensorFill, TensorSpec, WeightType } from './gguf-writer.ts'

export interface TinyBertOptions {
  embeddingLength: number
  layers: number
  heads: number
  feedForwardLength: number
  contextLength: number
  /** Whole words of the vocabulary (lowercase); characters are always there as a fallback. */
  vocab?: string[]
  type?: WeightType
  seed?: number
  name?: string
}

/** all-MiniLM-L6-v2: 6 layers, 384 wide, 12 heads, 1,536 feed-forward, 512 positions. */
const miniLm = {
  embeddingLength: 384,
  layers: 6,
  heads: 12,
  feedForwardLength: 1536,
  contextLength: 512,
}

/** Encoder shapes of the catalog's embedding models, with their real depth and widths. */
export const bertShapes = {
  tiny: { embeddingLength: 64, layers: 2, heads: 4, feedForwardLength: 256, contextLength: 512 },
  miniLm,
  /** bge-small-en-v1.5: MiniLM's widths, twice its depth. */
  bgeSmall: { ...miniLm, layers: 12 },
} satisfies Record<string, TinyBertOptions>

// BERT's special tokens, first, as in a WordPiece vocab.txt (ids differ; the file names them).
const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const
const FALLBACK_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'
const POOLING_MEAN = 1
// Sentence A and sentence B, as BERT's segment embeddings have; llama.cpp uses only the first.
const TOKEN_TYPE_COUNT = 2

/**
 * WordPiece vocabulary as llama.cpp stores it: a word's first piece carries "▁", continuations
 * do not. Every character is there both ways, so any text tokenizes without [UNK].
 */
function buildWordPieceVocab(words: string[]): { tokens: string[]; types: number[] } {
  const pieces = new Set<string>()
  for (const c of FALLBACK_CHARS) pieces.add(SPACE + c).add(c)
  for (const word of words) pieces.add(SPACE + word.toLowerCase())
  const tokens = [...SPECIALS, ...pieces]
  const types: number[] = tokens.map((_, i) =>
    i < SPECIALS.length ? TOKEN_TYPE.control : TOKEN_TYPE.normal,
  )
  types[SPECIALS.indexOf('[UNK]')] = TOKEN_TYPE.unknown
  return { tokens, types }
}

/** Writes a tiny BERT-architecture GGUF v3 sentence-embedding model with seeded weights. */
export function writeTinyBertGguf(file: string, options: Partial<TinyBertOptions> = {}): void {
  const o = { ...bertShapes.tiny, ...options }
  const nEmbd = o.embeddingLength
  const nFf = o.feedForwardLength
  if (nEmbd % o.heads !== 0) throw new Error('embeddingLength must be a multiple of heads')
  const { tokens, types } = buildWordPieceVocab(o.vocab ?? [])

  const tensors: TensorSpec[] = []
  const add = (name: string, dims: number[], fill: TensorFill = 'random', f32 = false) =>
    tensors.push({ name, dims, fill, f32 })
  // A LayerNorm starts as the identity: weight one, bias zero.
  const layerNorm = (name: string) => {
    add(`${name}.weight`, [nEmbd], 'one')
    add(`${name}.bias`, [nEmbd], 'zero')
  }
  const linear = (name: string, inputs: number, outputs: number) => {
    add(`${name}.weight`, [inputs, outputs])
    add(`${name}.bias`, [outputs], 'zero')
  }
  add('token_embd.weight', [nEmbd, tokens.length])
  // Added to every token as a whole row, not gathered: llama.cpp never quantizes it.
  add('token_types.weight', [nEmbd, TOKEN_TYPE_COUNT], 'random', true)
  add('position_embd.weight', [nEmbd, o.contextLength])
  layerNorm('token_embd_norm')
  for (let i = 0; i < o.layers; i++) {
    for (const part of ['attn_q', 'attn_k', 'attn_v', 'attn_output'])
      linear(`blk.${i}.${part}`, nEmbd, nEmbd)
    layerNorm(`blk.${i}.attn_output_norm`)
    linear(`blk.${i}.ffn_up`, nEmbd, nFf)
    linear(`blk.${i}.ffn_down`, nFf, nEmbd)
    layerNorm(`blk.${i}.layer_output_norm`)
  }

  const id = (token: (typeof SPECIALS)[number]) => SPECIALS.indexOf(token)
  const meta: MetaEntry[] = [
    ['general.architecture', 'str', 'bert'],
    ['general.name', 'str', o.name ?? 'switchboard-tiny-bert'],
    ['general.alignment', 'u32', ALIGNMENT],
    ['bert.context_length', 'u32', o.contextLength],
    ['bert.embedding_length', 'u32', nEmbd],
    ['bert.feed_forward_length', 'u32', nFf],
    ['bert.block_count', 'u32', o.layers],
    ['bert.attention.head_count', 'u32', o.heads],
    ['bert.attention.layer_norm_epsilon', 'f32', 1e-12],
    ['bert.attention.causal', 'bool', 0],
    ['bert.pooling_type', 'u32', POOLING_MEAN],
    ['tokenizer.ggml.model', 'str', 'bert'],
    ['tokenizer.ggml.tokens', 'str', tokens],
    ['tokenizer.ggml.token_type', 'i32', types],
    ['tokenizer.ggml.token_type_count', 'u32', TOKEN_TYPE_COUNT],
    ['tokenizer.ggml.bos_token_id', 'u32', id('[CLS]')],
    ['tokenizer.ggml.seperator_token_id', 'u32', id('[SEP]')],
    ['tokenizer.ggml.unknown_token_id', 'u32', id('[UNK]')],
    ['tokenizer.ggml.padding_token_id', 'u32', id('[PAD]')],
    ['tokenizer.ggml.mask_token_id', 'u32', id('[MASK]')],
  ]
  writeGgufFile(file, meta, tensors, o.type ?? 'f32', o.seed ?? 42)
}
