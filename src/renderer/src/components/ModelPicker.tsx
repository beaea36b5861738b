import { useId, useMemo, useRef, useState } from 'react'
import { GROUP_PROVIDER } from '../../../shared/groups.ts'
import type { Target } from '../../../shared/schemas.ts'
import { useGroups } from '../stores/groups.ts'
import { useProviders } from '../stores/providers.ts'

interface Props {
  value: Target | null
  onChange(target: Target): void
  label: string
  placeholder?: string
  invalid?: boolean
}

interface Option {
  provider: string
  providerName: string
  model: string
}

const asText = (t: Target | null) => (t ? `${t.provider}/${t.model}` : '')

/**
 * A searchable model picker grouped by provider (ARIA combobox: arrows move, Enter picks, Escape
 * closes). Typing `provider/model` by hand picks a model the provider has not listed.
 */
export function ModelPicker({ value, onChange, label, placeholder, invalid }: Props) {
  const providers = useProviders((s) => s.providers)
  const modelGroups = useGroups((s) => s.groups)
  const [query, setQuery] = useState<string | null>(null)
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const listId = useId()
  const inputRef = useRef<HTMLInputElement>(null)

  const options = useMemo(() => {
    const q = (query ?? '').toLowerCase().trim()
    const all: Option[] = [
      ...providers.flatMap((p) =>
        p.models.map((m) => ({ provider: p.id, providerName: p.name, model: m.id })),
      ),
      // A rule may target a model group, which then picks one of its own targets.
      ...modelGroups.map((g) => ({
        provider: GROUP_PROVIDER,
        providerName: 'Model groups',
        model: g.id,
      })),
    ]
    return q
      ? all.filter((o) => `${o.provider}/${o.model} ${o.providerName}`.toLowerCase().includes(q))
      : all
  }, [providers, modelGroups, query])

  function pick(o: Option) {
    onChange({ provider: o.provider, model: o.model })
    setQuery(null)
    setOpen(false)
  }

  /** Free text such as "ollama/qwen2.5-coder:7b" for a model not (yet) discovered. */
  function pickTyped(): boolean {
    const text = (query ?? '').trim()
    const slash = text.indexOf('/')
    if (slash <= 0) return false
    const provider = text.slice(0, slash)
    if (provider !== GROUP_PROVIDER && !providers.some((p) => p.id === provider)) return false
    onChange({ provider, model: text.slice(slash + 1) })
    setQuery(null)
    setOpen(false)
    return true
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      if (!open) return setOpen(true)
      const delta = e.key === 'ArrowDown' ? 1 : -1
      setActive((i) => (options.length ? (i + delta + options.length) % options.length : 0))
    } else if (e.key === 'Enter') {
      if (!open) return
      e.preventDefault()
      const o = options[active]
      if (query && pickTyped()) return
      if (o) pick(o)
    } else if (e.key === 'Escape' && open) {
      e.preventDefault()
      e.stopPropagation()
      setOpen(false)
      setQuery(null)
    }
  }

  const groups = new Map<string, { name: string; items: { o: Option; index: number }[] }>()
  options.forEach((o, index) => {
    const g = groups.get(o.provider) ?? { name: o.providerName, items: [] }
    g.items.push({ o, index })
    groups.set(o.provider, g)
  })
  const optionId = (i: number) => `${listId}-opt-${i}`

  return (
    <div className="combo">
      <input
        ref={inputRef}
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-invalid={invalid || undefined}
        aria-activedescendant={open && options[active] ? optionId(active) : undefined}
        className="mono"
        value={query ?? asText(value)}
        placeholder={placeholder ?? 'Pick a model…'}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => {
          // Let a click on an option land before closing.
          setTimeout(() => {
            if (query) pickTyped()
            setOpen(false)
            setQuery(null)
          }, 120)
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="combo-list" id={listId} role="listbox" aria-label={`${label} options`}>
          {options.length === 0 && (
            <li className="combo-group" role="presentation">
              {providers.length === 0
                ? 'Add a provider first'
                : 'No match. Type provider/model to use an unlisted model.'}
            </li>
          )}
          {[...groups.entries()].map(([id, g]) => (
            <li key={id} role="presentation">
              <div className="combo-group" role="presentation">
                {g.name}
              </div>
              <ul role="group" aria-label={g.name} className="combo-items">
                {g.items.map(({ o, index }) => (
                  <li
                    key={o.model}
                    id={optionId(index)}
                    role="option"
                    className="combo-option"
                    aria-selected={index === active}
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseEnter={() => setActive(index)}
                    onClick={() => pick(o)}
                  >
                    {o.model}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
