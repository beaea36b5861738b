// The human's words and the context around them. A question is decided by what the person wrote;
// pasted code and file names say what is open in the editor, which is often unrelated (a React file
// open while asking about a SQL report), so they only weigh as weak context.

/** An ask split into the person's own prose and the code and file names that came with it. */
export interface AskParts {
  /** The prose and the snippets typed into it, with file paths and attached files taken out. */
  words: string
  /** Fenced files (a fence whose info line names a file), file paths found in the prose, file-name lists. */
  context: string
}

// A fence runs to its closing ``` or, when cut by a budget, to the end of the text.
const FENCE = /```[^\n]*(?:\n[\s\S]*?(?:```|$)|$)/g
// An info line that names a file (a path or name.ext after the language) or is the file list.
const ATTACHED = /^files$|\S+\s+\S*[./]\S*|^\S*\/\S+/
// A path with at least one slash that ends in a file name with an extension: src/app/page.tsx.
const PATH = /(?:~|\.{1,2})?(?:\/?[\w@.+-]+\/)+[\w@+-]+\.[A-Za-z][\w]{0,9}\b/g

/** Splits an ask (see human-ask.ts) into the human's words and the surrounding context. */
export function splitAsk(text: string): AskParts {
  const context: string[] = []
  const prose = text.replace(FENCE, (block) => {
    // A snippet typed into the question (```sql) is part of it; a fence naming a file
    // (```tsx src/App.tsx) is an editor attaching what is open, or a list of file names.
    const eol = block.indexOf('\n')
    const info = block.slice(3, eol < 0 ? undefined : eol).trim()
    if (!ATTACHED.test(info)) return block.replace(/```/g, ' ')
    context.push(block.replace(/```/g, ' '))
    return '\n'
  })
  const words = prose.replace(PATH, (path) => {
    context.push(path)
    return ' '
  })
  return { words, context: context.join('\n') }
}

/** Wraps file names so `splitAsk` reads them as context, not as the human's words. */
export function fileContext(files: readonly string[]): string {
  return files.length ? `\`\`\`files\n${files.join('\n')}\n\`\`\`` : ''
}
