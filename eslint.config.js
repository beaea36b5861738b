import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const noElectron = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: 'electron',
          message:
            'core/ and shared/ run under plain Node: pass Electron things in as interfaces from src/main/index.ts.',
        },
      ],
      patterns: [{ group: ['electron/*'], message: 'core/ and shared/ never import electron.' }],
    },
  ],
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  { files: ['src/main/core/**', 'src/shared/**'], rules: noElectron },
)
