/**
 * The core names the field in its message ("Invalid value for "port": …") for API users. Next to
 * the field itself that prefix is noise, and zod's range wording is turned into an instruction.
 */
export function fieldMessage(message: string): string {
  const text = message.replace(/^Invalid value for "[^"]+":\s*/, '')
  const small = /Too small: expected \w+ to (?:be|have) >=?\s*(\d+(?:\.\d+)?)/.exec(text)
  if (small) return `Use ${small[1]} or more.`
  const big = /Too big: expected \w+ to (?:be|have) <=?\s*(\d+(?:\.\d+)?)/.exec(text)
  if (big) return `Use ${big[1]} or less.`
  return text.charAt(0).toUpperCase() + text.slice(1)
}
