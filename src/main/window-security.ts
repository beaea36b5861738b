// The management window's hardening, kept apart from window creation so tests can read it.
import type { WebContents, WebPreferences } from 'electron'

/** Isolated, sandboxed, no Node in the page or its workers and frames, no <webview>. */
export function windowWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
  }
}

/** Links worth handing to the browser: web pages and mail, never file: or custom schemes. */
export function isExternalLink(url: string): boolean {
  return /^(https?:|mailto:)/i.test(url)
}

/** Only the app's own page may be loaded (a reload, or a hash change); everything else is blocked. */
export function isAppPage(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url)
    const own = new URL(appUrl)
    return target.origin === own.origin && target.pathname === own.pathname
  } catch {
    return false
  }
}

type OpenExternal = (url: string) => unknown

/** Sends new windows and navigation away to the browser (web links) or nowhere (anything else). */
export function guardNavigation(contents: WebContents, openExternal: OpenExternal): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void openExternal(url)
    return { action: 'deny' }
  })
  const leavesApp = (url: string) => {
    const current = contents.getURL()
    return !current || !isAppPage(url, current)
  }
  contents.on('will-navigate', (event, url) => {
    if (!leavesApp(url)) return
    event.preventDefault()
    // A plain <a href> to the web: the user meant to open it, so the browser does.
    if (isExternalLink(url)) void openExternal(url)
  })
  contents.on('will-redirect', (event, url) => {
    if (leavesApp(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** Permissions the page may have: writing to the clipboard (the "Copy" buttons), nothing else. */
export function isPermissionAllowed(permission: string): boolean {
  return permission === 'clipboard-sanitized-write'
}
