import { useState, type FormEvent } from 'react'
import { useSession } from '../stores/session.ts'
import { ErrorNote } from './ErrorNote.tsx'
import { Field } from './Field.tsx'

/** The browser host's door: the admin token from <data-dir>/admin-token. */
export function SignIn() {
  const signIn = useSession((s) => s.signIn)
  const error = useSession((s) => s.error)
  const [token, setToken] = useState('')
  const [pending, setPending] = useState(false)
  async function submit(e: FormEvent) {
    e.preventDefault()
    setPending(true)
    await signIn(token)
    setPending(false)
  }
  return (
    <main className="signin">
      <form className="panel" onSubmit={submit} aria-labelledby="signin-title">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <h1 id="signin-title">Sign in to Switchboard</h1>
        </div>
        <p className="muted">
          Paste the admin token. It is in <code>&lt;data-dir&gt;/admin-token</code>, for example{' '}
          <code>cat ~/.config/Switchboard/admin-token</code>, or the value of{' '}
          <code>--admin-token</code>.
        </p>
        <Field label="Admin token">
          <input
            type="password"
            autoComplete="current-password"
            autoFocus
            value={token}
            onChange={(e) => setToken(e.target.value)}
            name="token"
          />
        </Field>
        <ErrorNote error={error} />
        <div className="row">
          <button className="primary" type="submit" disabled={pending}>
            {pending ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </main>
  )
}
