// ESLint's flat config: the recommended JavaScript and TypeScript rules, imports in one order, and
// nothing about layout (Prettier owns that: see .prettierrc.json).
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import perfectionist from 'eslint-plugin-perfectionist'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '.next/**',
      '.data/**',
      '.packs/**',
      'packages/*/dist/**',
      'media/**',
      'test-results/**',
      'bench/results/**',
      'coverage/**',
      'next-env.d.ts',
      'payload-types.ts',
      'src/app/(payload)/admin/importMap.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { perfectionist },
    rules: {
      // As Payload's own packages order them: types first (outside, then ours), then values (outside, then ours).
      'perfectionist/sort-imports': [
        'error',
        {
          groups: [
            'type-import',
            ['type-parent', 'type-sibling', 'type-index'],
            ['value-builtin', 'value-external'],
            'value-internal',
            ['value-parent', 'value-sibling', 'value-index'],
            'unknown',
          ],
          internalPattern: ['^@/.+', '^@payload-config$'],
          type: 'natural',
        },
      ],
    },
  },
  {
    languageOptions: { globals: globals.node },
    rules: {
      // A leading underscore marks what is unused on purpose (a rest sibling left out, an argument a signature needs).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true, varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Written by `payload migrate:create`, with the arguments it always destructures.
    files: ['migrations/*.ts', 'examples/*/migrations/*.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    // Tests and benchmarks read JSON bodies of every shape.
    files: ['tests/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
)
