// happy-dom as the DOM of component tests. Install it after the core has loaded in Node and
// before React loads: react-dom looks for a DOM when it loads.

/** Puts a happy-dom window's DOM names on globalThis; close it after the tests. */
export async function installDom(): Promise<{ close(): Promise<void> }> {
  const { Window } = await import('happy-dom')
  const window = new Window({ url: 'http://localhost/' })
  // DOM names Node lacks (document, HTMLElement, MouseEvent...); Node's own (URL, fetch) stay.
  const globals = globalThis as Record<string, unknown>
  for (let o: object | null = window; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Object.getOwnPropertyNames(o)) {
      if (!(key in globals)) globals[key] = (window as unknown as Record<string, unknown>)[key]
    }
  }
  globals.window = window
  globals.IS_REACT_ACT_ENVIRONMENT = true
  return window.happyDOM
}
