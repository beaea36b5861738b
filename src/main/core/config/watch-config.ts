import { statSync, watch, type FSWatcher } from 'node:fs'
import { basename, dirname } from 'node:path'

export interface WatchOptions {
  /** Saves arrive as bursts of events (truncate, write, rename): wait this long for quiet. */
  debounceMs?: number
  /** A stat every so often catches what fs.watch misses (network and container mounts). */
  pollMs?: number
}

/**
 * Calls `onChange` once a file settles after a change. Watches the folder, not the file, since
 * editors save by writing a new file and renaming it over the old one.
 */
export function watchConfigFile(
  file: string,
  onChange: () => void,
  { debounceMs = 250, pollMs = 2_000 }: WatchOptions = {},
): { close(): void } {
  let timer: NodeJS.Timeout | undefined
  let last = signature(file)
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      last = signature(file)
      onChange()
    }, debounceMs)
    timer.unref()
  }

  let watcher: FSWatcher | undefined
  try {
    watcher = watch(dirname(file), (_event, name) => {
      if (name === null || name === basename(file)) schedule()
    })
    // A folder that goes away (an unmounted volume) leaves the stat poll in charge.
    watcher.on('error', () => watcher?.close())
  } catch {
    watcher = undefined
  }
  const poll = setInterval(() => {
    if (signature(file) !== last) schedule()
  }, pollMs)
  poll.unref()

  return {
    close() {
      clearTimeout(timer)
      clearInterval(poll)
      watcher?.close()
    },
  }
}

function signature(file: string): string {
  try {
    const s = statSync(file)
    return `${s.ino}:${s.size}:${s.mtimeMs}`
  } catch {
    return 'missing'
  }
}
