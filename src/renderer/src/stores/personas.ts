import { create } from 'zustand'
import type { OperationInput, OperationOutput } from '../../../shared/contract.ts'
import type { Persona } from '../../../shared/schemas.ts'
import { api } from '../api.ts'
import { upsert } from './upsert.ts'

type Saved = OperationOutput<'createPersona'>

interface PersonasState {
  personas: Persona[]
  loaded: boolean
  load(): Promise<void>
  replace(personas: Persona[]): void
  create(input: OperationInput<'createPersona'>): Promise<Saved>
  update(input: OperationInput<'updatePersona'>): Promise<Saved>
  remove(id: string, force: boolean): Promise<OperationOutput<'deletePersona'>>
  removeExample(id: string, exampleId: number): Promise<Persona>
}

const byId = (p: Persona) => p.id

export const usePersonas = create<PersonasState>((set) => ({
  personas: [],
  loaded: false,
  async load() {
    set({ personas: await api().listPersonas({}), loaded: true })
  },
  replace: (personas) => set({ personas, loaded: true }),
  async create(input) {
    const saved = await api().createPersona(input)
    set((s) => ({ personas: upsert(s.personas, saved.persona, byId) }))
    return saved
  },
  async update(input) {
    const saved = await api().updatePersona(input)
    set((s) => ({ personas: upsert(s.personas, saved.persona, byId) }))
    return saved
  },
  async remove(id, force) {
    const result = await api().deletePersona({ id, force })
    set((s) => ({ personas: s.personas.filter((p) => p.id !== id) }))
    return result
  },
  async removeExample(id, exampleId) {
    const persona = await api().removePersonaExample({ id, exampleId })
    set((s) => ({ personas: upsert(s.personas, persona, byId) }))
    return persona
  },
}))
