// The one interface every persona classifier engine implements (lexical, embedding, generative).

/** What an engine knows of a persona: the user's words, nothing else. */
export interface PersonaProfile {
  id: string
  name: string
  description: string
  examples: string[]
}

export interface PersonaScore {
  personaId: string
  /** Higher is better; comparable within one engine (cosine for embedding, 0..1 otherwise). */
  score: number
}

export type EngineName = 'lexical' | 'embedding' | 'generative'

export interface ClassifierEngine {
  readonly name: EngineName
  /**
   * Ranks personas for a text, best first. An empty list means "no persona". Throws when the
   * engine cannot run (model missing or failed); the caller then skips the persona rules.
   */
  classify(text: string, personas: PersonaProfile[], signal?: AbortSignal): Promise<PersonaScore[]>
}

/** Persona vectors cached per (persona text hash, model), so they are computed once. */
export interface VectorCache {
  get(textHash: string, modelId: string): Float32Array | undefined
  set(textHash: string, modelId: string, vector: Float32Array): void
}
