import { create } from 'zustand'
import type { OperationInput } from '../../../shared/contract.ts'
import type { ModelGroup } from '../../../shared/groups.ts'
import { api } from '../api.ts'
import { upsert } from './upsert.ts'

interface GroupsState {
  groups: ModelGroup[]
  loaded: boolean
  load(): Promise<void>
  replace(groups: ModelGroup[]): void
  create(input: OperationInput<'createGroup'>): Promise<ModelGroup>
  update(input: OperationInput<'updateGroup'>): Promise<ModelGroup>
  remove(id: string): Promise<void>
}

const byId = (g: ModelGroup) => g.id

/** Model groups: virtual model names whose strategy picks one of their targets per request. */
export const useGroups = create<GroupsState>((set) => ({
  groups: [],
  loaded: false,
  async load() {
    set({ groups: await api().listGroups({}), loaded: true })
  },
  replace: (groups) => set({ groups, loaded: true }),
  async create(input) {
    const g = await api().createGroup(input)
    set((s) => ({ groups: upsert(s.groups, g, byId) }))
    return g
  },
  async update(input) {
    const g = await api().updateGroup(input)
    set((s) => ({ groups: upsert(s.groups, g, byId) }))
    return g
  },
  async remove(id) {
    await api().deleteGroup({ id })
    set((s) => ({ groups: s.groups.filter((g) => g.id !== id) }))
  },
}))
