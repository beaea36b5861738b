import { act, type ReactElement } from 'react'
import { createRoot } from 'react-dom/client'

// A minimal render helper over react-dom and happy-dom: no testing library needed for a few
// component tests; the end-to-end suite covers the rest in a real Chromium.

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

export interface Rendered {
  container: HTMLElement
  unmount(): void
}

export function render(element: ReactElement): Rendered {
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  act(() => root.render(element))
  return {
    container,
    unmount() {
      act(() => root.unmount())
      container.remove()
    },
  }
}

/** Types into an input the way React notices: the native value setter, then an input event. */
export function typeInto(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = Object.getPrototypeOf(input) as object
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set
  act(() => {
    setter?.call(input, value)
    input.dispatchEvent(new Event('input', { bubbles: true }))
  })
}

export function press(el: Element, key: string, init: KeyboardEventInit = {}): void {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }))
  })
}

export function click(el: Element): void {
  act(() => {
    el.dispatchEvent(new MouseEvent('click', { bubbles: true }))
  })
}

/** Clicks and lets the async work it started (an API call, a failed check) settle. */
export async function clickAndSettle(el: Element): Promise<void> {
  await act(async () => {
    el.dispatchEvent(new MouseEvent('click', { bubbles: true }))
  })
}

export function byLabel<T extends Element = HTMLElement>(root: ParentNode, label: string): T {
  const el = root.querySelector<Element>(`[aria-label="${label}"]`)
  if (!el) throw new Error(`nothing labelled "${label}"`)
  return el as T
}
