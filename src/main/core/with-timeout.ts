/**
 * Runs `task` with an abort signal that fires after `ms`; rejects with `message` at that moment,
 * whether or not the task notices the signal.
 */
export async function withTimeout<T>(
  task: (signal: AbortSignal) => Promise<T>,
  ms: number,
  message: string,
): Promise<T> {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Reject first, so the task's own abort error does not win the race.
      reject(new Error(message))
      controller.abort()
    }, ms)
  })
  try {
    return await Promise.race([task(controller.signal), timeout])
  } finally {
    clearTimeout(timer)
  }
}
