// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { Field } from '../../../src/renderer/src/components/Field.tsx'
import { render } from './render.ts'

describe('Field', () => {
  it('labels its control and describes it with the hint', () => {
    const r = render(
      <Field label="Port" hint="Where the proxy listens.">
        <input />
      </Field>,
    )
    const input = r.container.querySelector('input')!
    const label = r.container.querySelector('label')!
    expect(label.htmlFor).toBe(input.id)
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Where the proxy listens.',
    )
    r.unmount()
  })

  it('marks the control invalid and shows the core’s objection as an instruction', () => {
    const r = render(
      <Field label="Port" error={'Invalid value for "port": Too small: expected number to be >=1.'}>
        <input />
      </Field>,
    )
    const input = r.container.querySelector('input')!
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(r.container.querySelector('[role="alert"]')?.textContent).toBe('Use 1 or more.')
    r.unmount()
  })
})
