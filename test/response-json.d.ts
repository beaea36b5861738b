// Tests read JSON bodies of many shapes; let `await res.json()` be untyped there, as in the DOM lib.
declare global {
  interface Response {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    json(): Promise<any>
  }
}
export {}
