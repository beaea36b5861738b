import { create } from 'zustand'
import type { OperationInput, OperationOutput } from '../../../shared/contract.ts'
import type { Provider } from '../../../shared/schemas.ts'
import { api } from '../api.ts'
import { upsert } from './upsert.ts'

export type ProviderKindInfo = OperationOutput<'listProviderKinds'>[number]

interface ProvidersState {
  providers: Provider[]
  kinds: ProviderKindInfo[]
  loaded: boolean
  load(): Promise<void>
  replace(providers: Provider[]): void
  create(input: OperationInput<'createProvider'>): Promise<Provider>
  update(input: OperationInput<'updateProvider'>): Promise<Provider>
  refresh(id: string): Promise<Provider>
  remove(id: string, force: boolean): Promise<OperationOutput<'deleteProvider'>>
}

const byId = (p: Provider) => p.id

export const useProviders = create<ProvidersState>((set) => ({
  providers: [],
  kinds: [],
  loaded: false,
  async load() {
    const [providers, kinds] = await Promise.all([
      api().listProviders({}),
      api().listProviderKinds({}),
    ])
    set({ providers, kinds, loaded: true })
  },
  replace: (providers) => set({ providers, loaded: true }),
  async create(input) {
    const p = await api().createProvider(input)
    set((s) => ({ providers: upsert(s.providers, p, byId) }))
    return p
  },
  async update(input) {
    const p = await api().updateProvider(input)
    set((s) => ({ providers: upsert(s.providers, p, byId) }))
    return p
  },
  async refresh(id) {
    const p = await api().refreshProvider({ id })
    set((s) => ({ providers: upsert(s.providers, p, byId) }))
    return p
  },
  async remove(id, force) {
    const result = await api().deleteProvider({ id, force })
    set((s) => ({ providers: s.providers.filter((p) => p.id !== id) }))
    return result
  },
}))
