import { useEffect, useId, useMemo, useState } from 'react'
import { GROUP_PROVIDER, type GroupTarget } from '../../../shared/groups.ts'
import type { Target } from '../../../shared/schemas.ts'
import { useGroups } from '../stores/groups.ts'
import { useProviders } from '../stores/providers.ts'

interface Common {
  label: string
  placeholder?: string
  invalid?: boolean
}

/**
 * A rule's target names a provider (or a model group); a group's target may leave the provider
 * open ("any provider"): whichever provider serves the model.
 */
type Props = Common &
  (
    | { anyProvider?: false; value: Target | null; onChange(target: Target): void }
    | { anyProvider: true; value: GroupTarget | null; onChange(target: GroupTarget): void }
  )

interface Option {
  /** null: any provider that serves the model. */
  provider: string | null
  section: string
  model: string
}

const ANY = 'Any provider'

const asText = (t: { provider: string | null; model: string } | null) =>
  !t ? '' : t.provider === null ? t.model : `${t.provider}/${t.model}`

/**
 * A searchable model picker grouped by provider, one Tab stop (ARIA 1.2 combobox: the list opens
 * on typing, ArrowDown or a click, never on focus; arrows move, Enter picks, Escape closes).
 * Typing `provider/model` picks a model the provider has not listed.
 */
export function ModelPicker(props: Props) {
  const { label, placeholder, invalid, anyProvider } = props
  const providers = useProviders((s) => s.providers)
  const modelGroups = useGroups((s) => s.groups)
  const [query, setQuery] = useState<string | null>(null)
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const listId = useId()
  const optionId = (i: number) => `${listId}-opt-${i}`
  const emit = props.onChange as (t: { provider: string | null; model: string }) => void

  const options = useMemo(() => {
    const q = (query ?? '').toLowerCase().trim()
    const byProvider: Option[] = providers.flatMap((p) =>
      p.models.map((m) => ({ provider: p.id, section: p.name, model: m.id })),
    )
    const all: Option[] = anyProvider
      ? [
          ...[...new Set(byProvider.map((o) => o.model))]
            .sort()
            .map((model) => ({ provider: null, section: ANY, model })),
          ...byProvider,
        ]
      : [
          ...byProvider,
          // A rule may target a model group, which then picks one of its own targets.
          ...modelGroups.map((g) => ({
            provider: GROUP_PROVIDER,
            section: 'Model groups',
            model: g.id,
          })),
        ]
    return q ? all.filter((o) => `${asText(o)} ${o.section}`.toLowerCase().includes(q)) : all
  }, [providers, modelGroups, query, anyProvider])

  // Keep the highlighted option in view while the arrows move through a long list.
  useEffect(() => {
    if (open) document.getElementById(optionId(active))?.scrollIntoView?.({ block: 'nearest' })
  }, [open, active])

  function close() {
    setOpen(false)
    setQuery(null)
  }

  function pick(o: Option) {
    emit({ provider: o.provider, model: o.model })
    close()
  }

  /** Free text such as "ollama/qwen2.5-coder:7b" (or, for any provider, a bare model name). */
  function pickTyped(): boolean {
    const text = (query ?? '').trim()
    if (!text) return false
    const slash = text.indexOf('/')
    const prefix = slash > 0 ? text.slice(0, slash) : ''
    const known = prefix === GROUP_PROVIDER || providers.some((p) => p.id === prefix)
    if (known && !(anyProvider && prefix === GROUP_PROVIDER)) {
      emit({ provider: prefix, model: text.slice(slash + 1) })
    } else if (anyProvider) {
      emit({ provider: null, model: text })
    } else {
      return false
    }
    close()
    return true
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      if (!open) {
        setOpen(true)
        setActive(e.key === 'ArrowUp' ? Math.max(options.length - 1, 0) : 0)
        return
      }
      if (e.altKey) return
      const delta = e.key === 'ArrowDown' ? 1 : -1
      setActive((i) => (options.length ? (i + delta + options.length) % options.length : 0))
    } else if (e.key === 'Enter') {
      if (!open) return
      e.preventDefault()
      // The highlighted option wins; typed text counts when nothing listed matches it.
      const o = options[active]
      if (o) pick(o)
      else pickTyped()
    } else if (e.key === 'Escape' && (open || query !== null)) {
      // Inside a dialog, the first Escape closes the list, not the dialog.
      e.preventDefault()
      e.stopPropagation()
      close()
    }
  }

  const sections = new Map<string, { o: Option; index: number }[]>()
  options.forEach((o, index) => {
    const items = sections.get(o.section) ?? []
    items.push({ o, index })
    sections.set(o.section, items)
  })

  return (
    <div className="combo">
      <input
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-invalid={invalid || undefined}
        aria-activedescendant={open && options[active] ? optionId(active) : undefined}
        className="mono"
        autoComplete="off"
        spellCheck={false}
        value={query ?? asText(props.value)}
        placeholder={placeholder ?? 'Pick a model…'}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
          setOpen(true)
        }}
        onClick={() => setOpen(true)}
        onBlur={() => {
          // A click on an option keeps focus (mousedown is prevented), so blur means leaving.
          if (query) pickTyped()
          close()
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul
          className="combo-list"
          id={listId}
          role="listbox"
          aria-label={`${label} options`}
          // Chromium makes scrollable boxes keyboard-focusable: the input stays the one Tab stop.
          tabIndex={-1}
          onMouseDown={(e) => e.preventDefault()}
        >
          {options.length === 0 && (
            <li className="combo-group" role="presentation">
              {providers.length === 0
                ? 'Add a provider first'
                : anyProvider
                  ? 'No match. Type a model name to use one no provider lists yet.'
                  : 'No match. Type provider/model to use an unlisted model.'}
            </li>
          )}
          {[...sections.entries()].map(([section, items]) => (
            <li key={section} role="presentation">
              <div className="combo-group" role="presentation">
                {section}
              </div>
              <ul role="group" aria-label={section} className="combo-items">
                {items.map(({ o, index }) => (
                  <li
                    key={o.model}
                    id={optionId(index)}
                    role="option"
                    className="combo-option"
                    aria-selected={index === active}
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
