import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { OpenAIMessage } from '../../src/main/core/providers/wire/openai.ts'
import {
  extractFileNames,
  FILE_SCAN_LIMITS,
} from '../../src/main/core/routing/extract-file-names.ts'
import { readFileNamesInProse } from '../../src/main/core/routing/file-names-in-prose.ts'

interface ClientFixture {
  client: string
  route: 'chat' | 'completions'
  body: { messages?: OpenAIMessage[]; prompt?: unknown; suffix?: unknown; tools?: unknown }
  expect: { files: string[]; requestType: 'chat' | 'fim' }
}

const fixtureDir = new URL('../fixtures/clients/', import.meta.url)
const fixtures: ClientFixture[] = readdirSync(fixtureDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(new URL(name, fixtureDir), 'utf8')) as ClientFixture)

const user = (content: string): OpenAIMessage => ({ role: 'user', content })
const assistant = (content: string): OpenAIMessage => ({ role: 'assistant', content })
const fromUser = (...texts: string[]) => extractFileNames({ messages: texts.map(user) })
const call = (name: string, args: string, id = 'c1'): OpenAIMessage => ({
  role: 'assistant',
  content: null,
  tool_calls: [{ id, type: 'function', function: { name, arguments: args } }],
})

describe('extractFileNames on real client requests', () => {
  it('has one fixture per client', () => {
    expect(fixtures.map((f) => f.client)).toEqual([
      'aider',
      'claude-code',
      'cline',
      'continue',
      'copilot-style',
      'fim-codellama',
      'fim-qwen',
      'fim-suffix',
      'kilo',
      'roo',
    ])
  })

  it.each(fixtures.map((f) => [f.client, f] as const))('%s', (_, fixture) => {
    expect(extractFileNames(fixture.body)).toEqual(fixture.expect.files)
  })
})

describe('extractFileNames forms', () => {
  it.each([
    ['fence with language and path', '```ts src/app.tsx\nx\n```', ['src/app.tsx']],
    ['fence with only a path', '```src/app.tsx\nx\n```', ['src/app.tsx']],
    ['fence with language glued by a colon', '```python:src/x.py\nx\n```', ['src/x.py']],
    ['Continue fence with range', '```typescript /src/App.tsx (5-10)\nx\n```', ['/src/App.tsx']],
    ['Cursor fence start:end:path', '```12:15:app/page.tsx\nx\n```', ['app/page.tsx']],
    ['tilde fence', '~~~rust src/main.rs\nfn main() {}\n~~~', ['src/main.rs']],
    ['Windows path in a fence', '```cs C:\\repo\\Program.cs\nx\n```', ['C:\\repo\\Program.cs']],
    ['Copilot filepath comment', '```ts\n// filepath: src/a.ts\nx\n```', ['src/a.ts']],
    ['aider path line', 'src/app.py\n```python\nx\n```', ['src/app.py']],
    ['bold path line', '**src/app.ts**\n```ts\nx\n```', ['src/app.ts']],
    ['heading path line', '### `src/app.ts`\n```ts\nx\n```', ['src/app.ts']],
    ['path line with colon', '`package.json`:\n```json\n{}\n```', ['package.json']],
    [
      'aider diff-fenced',
      '```python\nhello.py\n<<<<<<< SEARCH\n=======\n>>>>>>> REPLACE\n```',
      ['hello.py'],
    ],
    ['Cline file_content', '<file_content path="src/a b.ts">\nx\n</file_content>', ['src/a b.ts']],
    ['generic file tag', '<file path="lib/util.go">\nx\n</file>', ['lib/util.go']],
    ['attribute entities', '<file_content path="src/a&amp;b.ts">\n</file_content>', ['src/a&b.ts']],
    ['read_file tool XML', '<read_file>\n<path>src/r.ts</path>\n</read_file>', ['src/r.ts']],
    ['one-line tool XML', '<write_to_file><path>src/w.ts</path></write_to_file>', ['src/w.ts']],
    [
      'Roo read_file args',
      '<read_file><args><file><path>a.rb</path></file></args></read_file>',
      ['a.rb'],
    ],
    [
      'extensionless path in a tool',
      '<read_file>\n<path>docker/entrypoint</path>\n</read_file>',
      ['docker/entrypoint'],
    ],
    ['Cline tool result header', "[read_file for 'src/x.ts'] Result:", ['src/x.ts']],
    [
      'Roo multi-file result header',
      "[read_file for 'a.ts', 'b/c.ts'] Result:",
      ['a.ts', 'b/c.ts'],
    ],
    ['@ mention', 'look at @src/app.tsx please', ['src/app.tsx']],
    ['@ mention with leading slash', 'look at @/src/app.tsx', ['/src/app.tsx']],
    [
      '@ mention before punctuation',
      'see (@src/app.tsx), then @lib/x.py.',
      ['src/app.tsx', 'lib/x.py'],
    ],
    ['@ mention of a known file name', 'fix @Makefile and @.env', ['Makefile', '.env']],
    ['Copilot #file reference', 'explain #file:Button.tsx', ['Button.tsx']],
    ['labelled path', 'File: report.pdf', ['report.pdf']],
    ['labelled comment path', '// Path: src/a.ts', ['src/a.ts']],
    ['line range suffix', '@src/a.ts:12-20 and @src/b.ts#L5-L9', ['src/a.ts', 'src/b.ts']],
  ])('%s', (_, text, files) => {
    expect(fromUser(text)).toEqual(files)
  })

  it('reads aider repo maps: `path:` above symbol rows and bare paths', () => {
    const map = 'Here are summaries.\n\nREADME.md\n\nsrc/a.py:\n⋮...\n│def f():\n⋮...\n\nLICENSE\n'
    expect(fromUser(map)).toEqual(['README.md', 'src/a.py', 'LICENSE'])
  })

  it('does not read bare lines as paths outside a repo map (an assistant writes no prose names)', () => {
    expect(
      extractFileNames({ messages: [assistant('README.md\n\nsrc/a.py:\nsetup.cfg')] }),
    ).toEqual([])
  })

  it('keeps order of appearance across messages and drops duplicates', () => {
    const names = extractFileNames({
      messages: [
        user('@b.ts then @a.ts'),
        assistant('<read_file>\n<path>c.ts</path>\n</read_file>'),
        user('again @a.ts and @b.ts'),
      ],
    })
    expect(names).toEqual(['b.ts', 'a.ts', 'c.ts'])
  })

  it('reads text parts of array content and skips images', () => {
    const names = extractFileNames({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: 'data:image/png;base64,@x/y.ts' } },
            { type: 'text', text: 'see @x/z.ts' },
          ],
        },
      ],
    })
    expect(names).toEqual(['x/z.ts'])
  })

  it('strips file:// and surrounding quotes', () => {
    expect(
      extractFileNames({ messages: [call('Read', '{"file_path":"file:///w/a.ts"}')] }),
    ).toEqual(['/w/a.ts'])
  })
})

describe('extractFileNames tool calls', () => {
  it.each([
    ['Claude Code file_path', 'Edit', '{"file_path":"/r/a.ts","old_string":"x"}', ['/r/a.ts']],
    ['notebook_path', 'NotebookEdit', '{"notebook_path":"/r/n.ipynb"}', ['/r/n.ipynb']],
    ['Continue filepath', 'edit_existing_file', '{"filepath":"src/a.ts"}', ['src/a.ts']],
    ['camelCase filePath', 'open', '{"filePath":"src/a.ts"}', ['src/a.ts']],
    ['Gemini absolute_path', 'read_file', '{"absolute_path":"/r/a.go"}', ['/r/a.go']],
    ['paths array', 'read_many_files', '{"paths":["a.ts","b/c.ts"]}', ['a.ts', 'b/c.ts']],
    [
      'files of objects',
      'read_file',
      '{"files":[{"path":"a.ts"},{"path":"b.ts"}]}',
      ['a.ts', 'b.ts'],
    ],
    ['path of a file tool', 'search_and_replace', '{"path":"src/a.ts","search":"x"}', ['src/a.ts']],
    ['Windows path', 'Read', '{"file_path":"C:\\\\repo\\\\app.ts"}', ['C:\\repo\\app.ts']],
    ['invalid JSON', 'Write', '{"file_path":"/r/a.ts","content":"unterminated', ['/r/a.ts']],
    ['Grep folder', 'Grep', '{"pattern":"x","path":"/r/src"}', []],
    ['Glob folder', 'Glob', '{"pattern":"**/*.ts","path":"/r/src"}', []],
    ['LS folder', 'LS', '{"path":"/r/src"}', []],
    ['list_files folder', 'list_files', '{"path":"src/components"}', []],
    ['camelCase listFiles', 'listFiles', '{"path":"src/components"}', []],
    ['codebase_search', 'codebase_search', '{"query":"x","path":"src/lib"}', []],
    ['a URL is not a file', 'fetch', '{"path":"https://example.com/a.ts"}', []],
    ['a command is not a file', 'Bash', '{"command":"cat src/a.ts"}', []],
  ])('%s', (_, name, args, files) => {
    expect(extractFileNames({ messages: [call(name, args)] })).toEqual(files)
  })

  it('reads the path of a Write whose content exceeds the argument bound', () => {
    const content = 'x'.repeat(FILE_SCAN_LIMITS.argumentChars * 2)
    const args = JSON.stringify({ file_path: '/r/big.ts', content })
    expect(extractFileNames({ messages: [call('Write', args)] })).toEqual(['/r/big.ts'])
  })

  it('accepts arguments sent as an object instead of a JSON string', () => {
    const message = {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'c',
          type: 'function',
          function: { name: 'Read', arguments: { file_path: '/r/o.ts' } },
        },
      ],
    } as unknown as OpenAIMessage
    expect(extractFileNames({ messages: [message] })).toEqual(['/r/o.ts'])
  })

  it('reads names from the assistant text before its tool calls', () => {
    const message: OpenAIMessage = {
      role: 'assistant',
      content: 'Editing @a.ts',
      tool_calls: [
        {
          id: 'c',
          type: 'function',
          function: { name: 'Read', arguments: '{"file_path":"b.ts"}' },
        },
      ],
    }
    expect(extractFileNames({ messages: [message] })).toEqual(['a.ts', 'b.ts'])
  })
})

describe('extractFileNames false positives', () => {
  it.each([
    ['e-mail addresses', 'mail dev@example.com or ops@corp.io about @src'],
    [
      'decorators',
      '@Component @Injectable() @app.route("/x") @pytest.fixture @dataclasses.dataclass',
    ],
    ['npm scopes and handles', 'install @types/node and @angular/core, thanks @octocat'],
    ['Copilot participants', '@workspace @vscode @terminal explain this'],
    ['version numbers', 'upgrade to @v1.2.3, @2.0.0 or @1.0.0-beta'],
    ['abbreviations', 'use @e.g. or @i.e. or @etc.'],
    ['folder mentions', 'look in @src/components/ and @src/lib'],
    ['a sentence before a fence', 'Here is the fix:\n```ts\nx\n```'],
    ['a word before a fence', 'Example:\n```\nx\n```'],
    ['an abbreviation before a fence', 'e.g.\n```\nx\n```'],
    ['a language-only fence', '```typescript\nconst a = 1\n```'],
    ['a lower-case makefile fence', '```makefile\nall:\n\techo hi\n```'],
    ['a fence with attributes', '```js {1,3}\nx\n```'],
    ['a URL in a fence info string', '```text https://example.com/a.ts\nx\n```'],
    ['a URL after a label', '// Path: https://example.com/app.js'],
    ['a folder after a label', 'Path: /api/users'],
    ['code inside fences', '```py\n@app.route("/")\n# src/hidden.py\nsee @src/hidden.ts\n```'],
    [
      'Cline editor state',
      '<environment_details>\n# VSCode Open Tabs\n@src/tab.ts\n</environment_details>',
    ],
    ['Claude Code reminders', '<system-reminder>\nStyle guide: @docs/style.md\n</system-reminder>'],
    ['written file content', '<write_to_file>\n<content>\n<path>in/content.ts</path>\n</content>'],
    ['a folder in list_files', '<list_files>\n<path>src/components</path>\n</list_files>'],
    [
      'a folder in search_files',
      '<search_files>\n<path>src</path>\n<regex>x</regex>\n</search_files>',
    ],
    ['a trailing-slash path', '<read_file>\n<path>src/</path>\n</read_file>'],
    ['a command result header', "[execute_command for 'npm test src/a.ts'] Result:"],
    ['a search result header', "[search_files for 'src/a.ts'] Result:"],
  ])('ignores %s', (_, text) => {
    expect(fromUser(text)).toEqual([])
  })

  it("ignores file names in an assistant's prose: only the person's words are read as prose", () => {
    const text = 'Fix the bug in README.md and src/app.ts, it uses Node.js.'
    expect(extractFileNames({ messages: [assistant(text)] })).toEqual([])
    expect(fromUser(text)).toEqual(['README.md', 'src/app.ts'])
  })

  it('ignores system and developer messages (tool-use examples live there)', () => {
    const example =
      '<read_file>\n<path>src/main.js</path>\n</read_file>\n```python src/main.py\n```'
    expect(
      extractFileNames({
        messages: [
          { role: 'system', content: example },
          { role: 'developer', content: '@src/dev.ts' },
        ],
      }),
    ).toEqual([])
  })

  it('ignores tool results (file contents and search hits)', () => {
    const result: OpenAIMessage = {
      role: 'tool',
      tool_call_id: 'c1',
      content: 'Found 2 files\n/r/a.ts\n@/r/b.ts\n```ts c.ts\n```',
    }
    expect(extractFileNames({ messages: [result] })).toEqual([])
  })

  it('ignores Cline/Roo tool output after a result header, in the same or the next text part', () => {
    const parts = (...texts: string[]): OpenAIMessage => ({
      role: 'user',
      content: texts.map((text) => ({ type: 'text' as const, text })),
    })
    const output = '# Readme\nsee @docs/x.md\n```ts src/y.ts\n```'
    const names = extractFileNames({
      messages: [
        parts("[read_file for 'a.md'] Result:", output, 'then @z.ts'),
        parts(`[execute_command for 'ls'] Result:\n${output}`, 'and @w.ts'),
      ],
    })
    expect(names).toEqual(['a.md', 'z.ts', 'w.ts'])
  })

  it('ignores tool definitions', () => {
    const tools = [
      {
        type: 'function',
        function: { name: 'Read', description: 'Reads @src/a.ts, e.g. /r/a.ts' },
      },
    ]
    expect(extractFileNames({ messages: [user('hi')], tools })).toEqual([])
  })

  it("drops the files of aider's few-shot examples", () => {
    const names = extractFileNames({
      messages: [
        assistant('mathweb/flask/app.py\n```python\n<<<<<<< SEARCH\n```'),
        user("I switched to a new code base. Please don't consider the above files"),
        user('real.py\n```\nx\n```'),
      ],
    })
    expect(names).toEqual(['real.py'])
  })

  it('reads the path of a file_content block but not its body', () => {
    const text =
      '<file_content path="a.md">\n@src/inner.ts\n```ts x.ts\n```\n</file_content>\n@b.ts'
    expect(fromUser(text)).toEqual(['a.md', 'b.ts'])
  })

  it('does not take inline triple backticks for a fence', () => {
    expect(fromUser('```ts``` is inline\n@a.ts')).toEqual(['a.ts'])
  })

  it('confines an unclosed fence to its own message', () => {
    expect(fromUser('```ts a.ts\nnever closed @x.ts', 'then @b.ts')).toEqual(['a.ts', 'b.ts'])
  })

  it('closes a fence that ends a content line (aider files without a final newline)', () => {
    const text = 'a.py\n```\nprint(1)```\n\nb.py\n```\nprint(2)\n```\n'
    expect(fromUser(text)).toEqual(['a.py', 'b.py'])
  })
})

describe('extractFileNames legacy completion prompts', () => {
  it.each([
    ['a path comment on the first line', '# src/x.py\nimport os\n', ['src/x.py']],
    ['a block comment header', '/* styles/site.css */\nbody {}\n', ['styles/site.css']],
    [
      'a labelled header after a FIM token',
      '<|fim_prefix|>// Path: src/a.ts\nx<|fim_suffix|>',
      ['src/a.ts'],
    ],
    [
      'a header after Codestral [PREFIX]',
      '[SUFFIX]\n}\n[PREFIX]// lib/b.js\nfunction f() {',
      ['lib/b.js'],
    ],
    ['StarCoder <filename>', '<filename>src/c.py\n<fim_prefix>def f():', ['src/c.py']],
    [
      'labelled snippets anywhere',
      'x = 1\ny = 2\nz = 3\n# Path: other/d.py\n# def g(): ...\n',
      ['other/d.py'],
    ],
    ['a shebang', '#!/usr/bin/env python3\nimport os\n', []],
    ['a pragma and an include', '#pragma once\n#include <stdio.h>\n', []],
    ['a directive comment', "// @ts-check\n'use strict'\n", []],
    ['a path comment below the header', 'import os\nimport sys\n\nx = 1\n# src/late.py\n', []],
    ['decorators in code', '@dataclass\nclass A:\n    x: int\n', []],
  ])('%s', (_, prompt, files) => {
    expect(extractFileNames({ prompt })).toEqual(files)
  })

  it('reads every prompt of an array prompt and ignores token-id prompts', () => {
    expect(extractFileNames({ prompt: ['# a.py\n', '# b.py\n'] })).toEqual(['a.py', 'b.py'])
    expect(extractFileNames({ prompt: [1, 2, 3] })).toEqual([])
  })

  it('does not read the suffix', () => {
    expect(extractFileNames({ prompt: 'x = 1', suffix: '# src/other.py\n' })).toEqual([])
  })
})

describe('extractFileNames bounds', () => {
  it(`returns at most ${FILE_SCAN_LIMITS.files} names`, () => {
    const text = Array.from({ length: 200 }, (_, i) => `@f${i}.ts`).join(' ')
    const names = fromUser(text)
    expect(names).toHaveLength(FILE_SCAN_LIMITS.files)
    expect(names[0]).toBe('f0.ts')
  })

  it(`reads only the newest ${FILE_SCAN_LIMITS.messages} messages`, () => {
    const filler = Array.from({ length: FILE_SCAN_LIMITS.messages - 1 }, () => user('ok'))
    expect(extractFileNames({ messages: [user('@old.ts'), ...filler] })).toEqual(['old.ts'])
    expect(extractFileNames({ messages: [user('@old.ts'), user('ok'), ...filler] })).toEqual([])
  })

  it('spends the text budget on the newest messages, each from its start', () => {
    const newest = `@head.ts ${'x'.repeat(FILE_SCAN_LIMITS.textChars)} @tail.ts`
    expect(extractFileNames({ messages: [user('@older.ts'), user(newest)] })).toEqual(['head.ts'])
  })

  it(`matches at most ${FILE_SCAN_LIMITS.lines} lines, newest message first`, () => {
    const filler = 'x\n'.repeat(FILE_SCAN_LIMITS.lines - 2)
    const messages = [user('@older.ts'), user(`@head.ts\n${filler}@last.ts\n@over.ts`)]
    expect(extractFileNames({ messages })).toEqual(['head.ts', 'last.ts'])
  })

  it('charges long lines by their length', () => {
    const room = FILE_SCAN_LIMITS.lines * FILE_SCAN_LIMITS.lineChars
    const line = `@head.ts ${'x '.repeat(room / 2 - 20)} @in.ts ${'y '.repeat(40)} @out.ts`
    expect(fromUser('@older.ts', line)).toEqual(['head.ts', 'in.ts'])
  })

  it('does not count skipped bodies against the line budget', () => {
    const body = 'x\n'.repeat(FILE_SCAN_LIMITS.lines * 2)
    expect(fromUser(`\`\`\`ts a.ts\n${body}\`\`\`\n@b.ts`)).toEqual(['a.ts', 'b.ts'])
  })

  it('charges tool-call arguments against the text budget', () => {
    const args = JSON.stringify({ file_path: '/r/big.ts', content: 'x'.repeat(20_000) })
    const perMessage = FILE_SCAN_LIMITS.toolCalls * FILE_SCAN_LIMITS.argumentChars
    const heavy: OpenAIMessage = {
      role: 'assistant',
      content: null,
      tool_calls: Array.from({ length: FILE_SCAN_LIMITS.toolCalls }, (_, i) => ({
        id: `c${i}`,
        type: 'function' as const,
        function: { name: 'Write', arguments: args },
      })),
    }
    const heavyTurns = Math.ceil(FILE_SCAN_LIMITS.textChars / perMessage)
    const messages = [user('@older.ts'), ...Array.from({ length: heavyTurns }, () => heavy)]
    expect(extractFileNames({ messages })).toEqual(['/r/big.ts'])
  })

  it('keeps the newest names when several messages exceed the cap', () => {
    const old = Array.from({ length: FILE_SCAN_LIMITS.files }, (_, i) => `@o${i}.ts`).join(' ')
    const names = fromUser(old, '@new.ts')
    expect(names).toHaveLength(FILE_SCAN_LIMITS.files)
    expect(names.at(-1)).toBe('new.ts')
    expect(names).not.toContain('o0.ts')
  })

  it('reads a completion prompt up to its bound', () => {
    const filler = 'x = 1\n'.repeat(Math.ceil(FILE_SCAN_LIMITS.promptChars / 6))
    const prompt = `<|file_sep|>near.py\n${filler}<|file_sep|>far.py\n`
    expect(extractFileNames({ prompt })).toEqual(['near.py'])
  })

  it('finishes on adversarial lines without backtracking blow-ups', () => {
    const lines = [
      `// Path: ${' '.repeat(50_000)}x`,
      `File:${'a '.repeat(50_000)}`,
      `${'<path>'.repeat(20_000)}`,
      `[read_file for ${"'a', ".repeat(20_000)}`,
      `${'@'.repeat(50_000)}a.ts`,
      `${'`'.repeat(3)}${'a:'.repeat(50_000)}`,
    ]
    expect(fromUser(...lines)).toEqual([])
  })
})

describe('extractFileNames in a person’s prose', () => {
  it.each([
    ['a bare relative path', 'Fix the bug in src/App.tsx', ['src/App.tsx']],
    ['a deep relative path', 'see packages/api/server.go first', ['packages/api/server.go']],
    ['./ and ../ paths', 'diff ./src/a.ts against ../lib/b.ts', ['./src/a.ts', '../lib/b.ts']],
    ['a wrapper script run from ./', 'run ./gradlew build', ['./gradlew']],
    ['backticked names', 'rename `utils.py` to `helpers.py`', ['utils.py', 'helpers.py']],
    [
      'double- and single-quoted names',
      `open "index.html" and 'app.css'`,
      ['index.html', 'app.css'],
    ],
    ['curly quotes', 'edit “main.go” please', ['main.go']],
    ['name.ext with a code extension', 'why does server.ts import db.py?', ['server.ts', 'db.py']],
    [
      'config and markup files',
      'tsconfig.json, vite.config.mjs and App.vue',
      ['tsconfig.json', 'vite.config.mjs', 'App.vue'],
    ],
    [
      'build files',
      'the Dockerfile, Makefile and Jenkinsfile disagree',
      ['Dockerfile', 'Makefile', 'Jenkinsfile'],
    ],
    [
      'full names whose extension is not a kind',
      'go.mod and go.sum are stale',
      ['go.mod', 'go.sum'],
    ],
    [
      'dotfiles',
      'add .gitignore, .env, .env.local and .eslintrc.json',
      ['.gitignore', '.env', '.env.local', '.eslintrc.json'],
    ],
    ['an absolute POSIX path', 'nginx reads /etc/nginx/nginx.conf', ['/etc/nginx/nginx.conf']],
    [
      'a home path',
      'my ~/.zshrc sources ~/dotfiles/aliases.sh',
      ['~/.zshrc', '~/dotfiles/aliases.sh'],
    ],
    ['a Windows path', 'open C:\\Users\\me\\proj\\main.rs now', ['C:\\Users\\me\\proj\\main.rs']],
    ['a relative Windows path', 'edit src\\lib\\util.ts', ['src\\lib\\util.ts']],
    [
      'a quoted Windows path with spaces',
      'see "C:\\Program Files\\App\\app.ini"',
      ['C:\\Program Files\\App\\app.ini'],
    ],
    ['a quoted POSIX path with spaces', "in '/Users/me/My Code/a.py'", ['/Users/me/My Code/a.py']],
    ['path:line:col', 'src/a.ts:12:5 - error TS2322', ['src/a.ts']],
    ['path:line and a sentence colon', 'it fails at lib/x.rb:27: undefined method', ['lib/x.rb']],
    ['a tsc position', 'src/b.ts(88,13): error TS2339', ['src/b.ts']],
    ['a dotnet frame', 'at Foo() in C:\\src\\Cart.cs:line 31', ['C:\\src\\Cart.cs']],
    ['a Node.js frame', 'at f (/app/src/index.js:10:15)', ['/app/src/index.js']],
    ['a GitHub line anchor', 'look at src/a.ts#L5-L9', ['src/a.ts']],
    ['markdown bold and links', '**src/a.ts** and [b](lib/b.ts).', ['src/a.ts', 'lib/b.ts']],
    [
      'a scoped package file',
      'node_modules/@types/node/fs.d.ts is wrong',
      ['node_modules/@types/node/fs.d.ts'],
    ],
    ['files inside inline code', 'run `pytest tests/test_api.py -k auth`', ['tests/test_api.py']],
    ['a Python traceback', 'File "/srv/app/main.py", line 12, in <module>', ['/srv/app/main.py']],
  ])('reads %s', (_, text, files) => {
    expect(fromUser(text)).toEqual(files)
  })

  it.each([
    ['URLs', 'see https://x.com/a.js and www.example.org/index.php'],
    ['URLs without a scheme', 'it is on github.com/acme/shop/blob/main/app.ts'],
    [
      'webpack and node: locations',
      'at webpack-internal:///./src/a.tsx and node:internal/x.js:1:2',
    ],
    ['versions', 'upgrade v1.2.3 to 1.2.3 or 2.0.0-beta.1 on python3.12'],
    ['domains', 'example.com, api.example.co.uk and localhost:3000 are down'],
    ['products named *.js', 'I use Node.js, Vue.js, Next.js and node.js; React/Next.js too.'],
    ['e-mail addresses', 'mail jane.doe@example.com or deploy@10.0.0.5'],
    ['abbreviations', 'e.g. this, i.e. that, a.k.a. other, at 3 p.m. in the U.S.'],
    ['numbers', 'pi is 3.14, 1.5x faster, 2.5GB, 127.0.0.1:8080'],
    ['sentence-ending words', 'Done. It works.Then it broke. Thanks!'],
    ['code identifiers', 'console.log(req.body), process.env, os.path.join, JSON.parse'],
    ['method calls on file-like names', 'call res.json() and then data.yaml()'],
    ['globs', 'lint src/**/*.ts and *.log, not packages/*'],
    ['extension mentions', 'every .tsx and .test.ts file'],
    ['folders', 'skip dist/, ./build and /etc/hosts'],
    [
      'named files that are words without a folder',
      'update the README and CHANGELOG; BUILD FAILED',
    ],
  ])('does not read %s', (_, text) => {
    expect(fromUser(text)).toEqual([])
  })

  it('reads names in order of appearance within a line, mentions included', () => {
    expect(fromUser('compare src/a.ts with @src/b.ts and c.py')).toEqual([
      'src/a.ts',
      'src/b.ts',
      'c.py',
    ])
  })

  it('reads prose around fences but not the code inside them', () => {
    const text = 'In src/a.ts:\n```ts\nimport x from "./hidden.ts"\n```\nand b.py too'
    expect(fromUser(text)).toEqual(['src/a.ts', 'b.py'])
  })

  it('reads user messages only: not system prompts, assistant text or tool results', () => {
    const names = extractFileNames({
      messages: [
        { role: 'system', content: 'For example edit src/example.ts' },
        user('Fix src/App.tsx'),
        assistant('I will look at src/other.ts'),
        { role: 'tool', tool_call_id: 'c1', content: 'Found src/result.ts' },
      ],
    })
    expect(names).toEqual(['src/App.tsx'])
  })

  it('does not read harness text in user messages: reminders, editor state, tool output, attachments', () => {
    const text = [
      '<system-reminder>\nsee src/reminder.ts\n</system-reminder>',
      '<environment_details>\nsrc/open-tab.ts\n</environment_details>',
      '<attachments>\n<attachment id="x">\nExcerpt from theme.ts\n</attachment>\n</attachments>',
      'Make src/App.tsx use it',
      "[execute_command for 'npm test'] Result:\nFAIL src/output.test.ts",
    ].join('\n')
    expect(fromUser(text)).toEqual(['src/App.tsx'])
  })

  it(`caps a name at 512 characters`, () => {
    const long = `${'a/'.repeat(300)}x.ts`
    const fits = `${'b/'.repeat(250)}y.ts`
    expect(fromUser(`see ${long} and ${fits}`)).toEqual([fits])
  })

  it(`returns at most ${FILE_SCAN_LIMITS.files} names from prose`, () => {
    const text = Array.from({ length: 100 }, (_, i) => `f${i}.ts`).join(' ')
    const names = fromUser(text)
    expect(names).toHaveLength(FILE_SCAN_LIMITS.files)
    expect(names[0]).toBe('f0.ts')
  })

  it(`reads ${FILE_SCAN_LIMITS.proseChars} characters of prose per request, newest message first`, () => {
    const filler = 'word '.repeat(Math.ceil(FILE_SCAN_LIMITS.proseChars / 5))
    const newest = `near.ts ${filler}far.ts`
    expect(fromUser('older.ts', newest)).toEqual(['near.ts'])
    // Fenced code and other forms still work once the prose budget is spent.
    expect(fromUser('@older.ts', newest)).toEqual(['older.ts', 'near.ts'])
  })

  it('reads megabyte lines of adversarial prose in one pass (no quadratic searches)', () => {
    const lines = [
      '"/a"'.repeat(250_000), // quotes that open rooted spans, none with a space
      `"/a ${'x'.repeat(1_000_000)}`, // an unclosed quoted span
      'a.'.repeat(500_000), // one huge token
      'src/a.ts:1:'.repeat(100_000), // many suffixes
      `${'a.ts#L'.repeat(100_000)}1`,
      "'C:\\ ".repeat(200_000),
    ]
    for (const line of lines) {
      let names = 0
      readFileNamesInProse(line, () => ++names < 10)
      expect(names).toBeLessThan(10)
    }
  })

  it('finishes adversarial prose in linear time', () => {
    const lines = [
      `${'a.'.repeat(100_000)}ts`,
      `${'"/x '.repeat(50_000)}`,
      `${'src/'.repeat(50_000)}a.ts`,
      `${':1'.repeat(100_000)}`,
      `${'x#L1-'.repeat(50_000)}`,
      `${"'C:\\ ".repeat(50_000)}`,
    ]
    expect(fromUser(...lines)).toEqual([])
  })
})
