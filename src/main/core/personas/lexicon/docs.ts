// Documentation and technical writing: READMEs, API references, doc tooling and prose edits.
import { termList, type LexiconDomain } from './types.ts'

export const docs: LexiconDomain = {
  id: 'docs',
  strong: termList(`
    documentation, docs, readme, readme.md, .md, .mdx, .rst, markdown, docstring, docstrings, jsdoc,
    tsdoc, javadoc, godoc, sphinx, mkdocs, docusaurus, gitbook, changelog, release notes,
    technical writing, technical writer, api documentation, api reference, style guide, user guide,
    tutorial, tutorials, how-to guide, architecture decision record, adr, mermaid, diagram,
    diagrams, proofread, wording, rephrase, rewrite this paragraph, copy editing,
  `),
  medium: termList(`
    document, documenting, write-up, writeup, guide, guides, wiki, confluence, notion, comment,
    comments, explain to, onboarding, glossary, typo, typos, grammar, paragraph, sentence, headline,
    blog post, article,
  `),
  weak: termList(`
    explain, explanation, describe, summary, summarize, write, writing, text,
  `),
}
