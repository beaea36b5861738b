import {
  choiceKey,
  DROP,
  type MappingChoices,
  type MissingKind,
  type MissingReference,
} from '../lib/import-mapping.ts'
import { useGroups } from '../stores/groups.ts'
import { usePersonas } from '../stores/personas.ts'
import { useProviders } from '../stores/providers.ts'
import { Field } from './Field.tsx'

interface Props {
  missing: MissingReference[]
  choices: MappingChoices
  onChoose(key: string, value: string | undefined): void
}

const NOUN: Record<MissingKind, string> = {
  provider: 'Provider',
  persona: 'Persona',
  group: 'Model group',
}

/** One picker per provider, persona or group the imported file names and this machine lacks. */
export function ImportMappingList({ missing, choices, onChoose }: Props) {
  const providers = useProviders((s) => s.providers)
  const personas = usePersonas((s) => s.personas)
  const groups = useGroups((s) => s.groups)
  const ours: Record<MissingKind, { id: string; label: string }[]> = {
    provider: providers.map((p) => ({ id: p.id, label: `${p.name} (${p.id})` })),
    persona: personas.map((p) => ({ id: p.id, label: p.name })),
    group: groups.map((g) => ({ id: g.id, label: g.id })),
  }
  return (
    <fieldset className="import-mapping">
      <legend>Not on this machine</legend>
      <p className="muted small">
        The file routes to these, which do not exist here. Choose one of yours for each, or drop the
        rules that use it.
      </p>
      {missing.map((m) => {
        const key = choiceKey(m.kind, m.id)
        const noun = NOUN[m.kind]
        return (
          <Field
            key={key}
            label={`${noun} “${m.id}”`}
            hint={`Used by ${m.uses} ${m.uses === 1 ? 'rule' : 'rules'}.`}
          >
            <select
              value={choices[key] ?? ''}
              onChange={(e) => onChoose(key, e.target.value || undefined)}
            >
              <option value="">Choose…</option>
              {ours[m.kind].map((o) => (
                <option key={o.id} value={o.id}>
                  Use {o.label}
                </option>
              ))}
              <option value={DROP}>Drop the rules that use it</option>
            </select>
          </Field>
        )
      })}
    </fieldset>
  )
}
