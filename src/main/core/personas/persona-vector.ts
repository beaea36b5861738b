// A persona's embedding: its name and description, and the centroid of its examples beside it.
// One vector of the whole text would be cut at the token limit, so with many examples (corrections
// add them) the later ones would be ignored, and a long example list would drown the description.
import { createHash } from 'node:crypto'
import type { PersonaProfile } from './engine.ts'

/** Bump when the way persona vectors are built changes, so vectors cached the old way are not reused. */
const METHOD = 'centroid-v1'

/** The cache key of a persona's vector: its whole text and the method that built it. */
export function personaVectorKey(persona: PersonaProfile): string {
  return createHash('sha256')
    .update([METHOD, persona.name, persona.description, ...persona.examples].join('\n'))
    .digest('hex')
}

/**
 * The persona's vector: the unit vector of "name + description" plus the unit centroid of its
 * examples' unit vectors, so the description weighs as much as all examples together.
 */
export async function personaVector(
  persona: PersonaProfile,
  embed: (text: string) => Promise<Float32Array>,
): Promise<Float32Array> {
  const vector = unit(await embed(`${persona.name}\n${persona.description}`))
  if (persona.examples.length === 0) return vector
  const centroid = new Float32Array(vector.length)
  for (const example of persona.examples) addInto(centroid, unit(await embed(example)))
  return unit(addInto(vector, unit(centroid)))
}

function unit(v: Float32Array): Float32Array {
  let norm = 0
  for (const x of v) norm += x * x
  if (norm === 0) return v
  const scale = 1 / Math.sqrt(norm)
  return v.map((x) => x * scale)
}

function addInto(target: Float32Array, v: Float32Array): Float32Array {
  for (let i = 0; i < target.length; i++) target[i] += v[i]
  return target
}
