// The generative engine: a small instruct model names the persona, constrained by a grammar to
// one of the persona ids or "none".
//
// Prefix reuse: the persona list is the system prompt, built the same way for the same personas,
// and every call runs on the one context sequence of the model. Before each call the chat history
// is reset to just that system prompt, so the rendered prompt shares its whole start (template +
// persona list) with the previous call; node-llama-cpp compares the new tokens with those already
// in the sequence and evaluates only from the first difference (the user's text) onwards.
import type {
  ChatHistoryItem,
  LlamaChatSession,
  LlamaContext,
  LlamaContextSequence,
  LlamaGrammar,
} from 'node-llama-cpp'
import type { ClassifierEngine, PersonaProfile } from './engine.ts'
import type { LoadedModel, ModelSlot } from './llama-runtime.ts'

export interface GenerativeEngineOptions {
  slot: ModelSlot
  /** The most tokens of the prompt text shown to the model (its end is kept). */
  maxTokens: number
}

const NONE = 'none'
const MAX_CONTEXT = 4096
// Room for the chat template's own tokens around the system prompt and the user turn.
const TEMPLATE_TOKENS = 64

interface SessionState {
  key: string
  session: LlamaChatSession
  history: ChatHistoryItem[]
  grammar: LlamaGrammar
  choices: string[]
  answerTokens: number
  textLimit: number
}

interface GenerativeContext {
  context: LlamaContext
  /** The one sequence every session runs on, so the evaluated prefix survives between calls. */
  sequence: LlamaContextSequence
  state?: SessionState
  dispose(): Promise<void>
}

/** The system prompt: the instruction and the persona list, stable for the same personas. */
export function buildPersonaPrompt(personas: PersonaProfile[], allowNone = true): string {
  const list = personas.map((p) => {
    const lines = [`id: ${p.id}`, `name: ${p.name}`]
    if (p.description.trim()) lines.push(`about: ${p.description.trim()}`)
    if (p.examples.length > 0) lines.push(`examples: ${p.examples.join(' | ')}`)
    return lines.join('\n')
  })
  return [
    "Pick the persona whose expertise best fits the user's request.",
    allowNone
      ? `Answer with the persona id only, or "${NONE}" when no persona fits.`
      : 'Answer with the id only.',
    '',
    'Personas:',
    list.join('\n\n'),
  ].join('\n')
}

/** The choice a (possibly partial) JSON string answer settles on, once only one can follow. */
export function settledChoice(answer: string, choices: string[]): string | undefined {
  const body = answer.trimStart().replace(/^"/, '')
  const end = body.indexOf('"')
  if (end >= 0) return choices.find((c) => c === body.slice(0, end))
  if (body === '') return undefined
  const candidates = choices.filter((c) => c.startsWith(body))
  return candidates.length === 1 ? candidates[0] : undefined
}

/** The generative classifier engine, running on the model in `slot`. */
/** The generative engine also picks among choices that must have an answer (a complexity level). */
export interface GenerativeEngine extends ClassifierEngine {
  /** Like classify, but "none" is not an answer the grammar allows. */
  pick(text: string, choices: PersonaProfile[], signal?: AbortSignal): Promise<string | null>
}

export function createGenerativeEngine(options: GenerativeEngineOptions): GenerativeEngine {
  const prepare = async (loaded: LoadedModel, personas: PersonaProfile[], allowNone: boolean) => {
    const holder = await loaded.resource<GenerativeContext>('generative', async () => {
      const context = await loaded.model.createContext({
        contextSize: Math.min(loaded.model.trainContextSize, MAX_CONTEXT),
        threads: loaded.threads,
      })
      return { context, sequence: context.getSequence(), dispose: () => context.dispose() }
    })
    const systemPrompt = buildPersonaPrompt(personas, allowNone)
    // Engines made with other options may share this model's context: their limits differ.
    const key = `${options.maxTokens}\n${systemPrompt}`
    if (holder.state?.key === key) return holder.state
    const { LlamaChatSession } = await import('node-llama-cpp')
    holder.state?.session.dispose({ disposeSequence: false })
    holder.state = undefined
    const { sequence } = holder
    const session = new LlamaChatSession({ contextSequence: sequence, systemPrompt })
    const ids = personas.map((p) => p.id)
    const choices = [...new Set(allowNone ? [...ids, NONE] : ids)]
    const grammar = await loaded.llama.createGrammarForJsonSchema({ enum: choices })
    // The answer is a JSON string: its quotes, the id, and perhaps a leading space.
    const answerTokens = Math.max(...choices.map((c) => loaded.model.tokenize(`"${c}"`).length)) + 2
    const used = loaded.model.tokenize(systemPrompt).length + answerTokens + TEMPLATE_TOKENS
    const textLimit = Math.min(Math.floor(options.maxTokens), sequence.contextSize - used)
    if (textLimit < 1) {
      session.dispose({ disposeSequence: false })
      throw new Error(
        `The persona descriptions take ${used} of the model's ${sequence.contextSize} tokens. Shorten them or remove some examples.`,
      )
    }
    const history = session.getChatHistory()
    holder.state = {
      key,
      session,
      history,
      grammar,
      choices,
      answerTokens,
      textLimit,
    }
    return holder.state
  }

  /** One grammar-constrained answer among the choices' ids (and "none" when allowed). */
  async function answer(
    text: string,
    choices: PersonaProfile[],
    allowNone: boolean,
    signal?: AbortSignal,
  ) {
    signal?.throwIfAborted()
    if (choices.length === 0 || text.trim() === '') return undefined
    return options.slot.use(async (loaded) => {
      const state = await prepare(loaded, choices, allowNone)
      state.session.setChatHistory(state.history)
      // The ask is usually the last thing in a prompt (code and history come before it): keep the end.
      const tokens = loaded.model.tokenize(text).slice(-state.textLimit)
      const settled = new AbortController()
      let answer = ''
      let choice: string | undefined
      await state.session.prompt(loaded.model.detokenize(tokens), {
        grammar: state.grammar,
        maxTokens: state.answerTokens,
        temperature: 0,
        budgets: { thoughtTokens: 0 },
        // Stop as soon as the grammar leaves one possible answer: the rest would only spell it out.
        signal: signal ? AbortSignal.any([signal, settled.signal]) : settled.signal,
        stopOnAbortSignal: true,
        onTextChunk(chunk) {
          answer += chunk
          choice = settledChoice(answer, state.choices)
          if (choice) settled.abort()
        },
      })
      signal?.throwIfAborted()
      return choice
    }, signal)
  }

  return {
    name: 'generative',
    async classify(text, personas, signal) {
      const choice = await answer(text, personas, true, signal)
      return !choice || choice === NONE ? [] : [{ personaId: choice, score: 1 }]
    },
    async pick(text, choices, signal) {
      return (await answer(text, choices, false, signal)) ?? null
    },
  }
}
