import fs from 'node:fs'

import tseslint from 'typescript-eslint'

/**
 * The layers, enforced (docs/ARCHITECTURE.md draws them):
 * - the shared kit (`src/lib/kit`) imports nothing of the app;
 * - `access/` imports only the kit and the generated types;
 * - a plugin imports only its own files, the kit and the generated types (types only): what
 *   else it needs comes in through its options;
 * - everything else imports a plugin through its index (or its browser-safe `client.ts`).
 */
const plugins = fs
  .readdirSync('plugins', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)

const generatedTypesOnly = {
  regex: '^@/payload-types$',
  allowTypeImports: true,
  message: 'Only types come from @/payload-types here (import type).',
}

/** Relative imports climbing out of a folder whose files sit `depth` folders below its root. */
const leaving = (depth, message) => ({ regex: `^(\\.\\./){${depth + 1},}`, message })

const restrict = (files, patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
})

const pluginMessage =
  'A plugin imports only its own files, the shared kit (@/lib/kit/*) and types from @/payload-types; take what else it needs as an option.'

const pluginBoundaries = plugins.flatMap((name) =>
  [0, 1, 2, 3, 4].map((depth) =>
    restrict(
      [`plugins/${name}/${'*/'.repeat(depth)}*.{ts,tsx}`],
      [
        { regex: '^@/(?!lib/kit/|payload-types$)', message: pluginMessage },
        generatedTypesOnly,
        leaving(depth, pluginMessage),
      ],
    ),
  ),
)

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      '.data/**',
      'node_modules/**',
      'media/**',
      'test-results/**',
      'migrations/**',
      'src/payload-types.ts',
      'src/app/(payload)/**',
      'next-env.d.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    ...restrict(
      ['**/*.{ts,tsx,mjs}'],
      [
        {
          regex: '^(@/|(\\.\\.?/)+)plugins/[^/]+/(?!client$).+',
          message:
            'Import a plugin through its index (@/plugins/<name>) or its client.ts, never deeper.',
        },
      ],
    ),
    ignores: ['plugins/**'],
  },
  ...pluginBoundaries,
  restrict(
    ['src/lib/kit/**/*.{ts,tsx}'],
    [
      {
        regex: '^@/(?!lib/kit/|payload-types$)',
        message: 'The kit is the bottom layer: it imports nothing of the app.',
      },
      generatedTypesOnly,
      leaving(0, 'The kit is the bottom layer: it imports nothing of the app.'),
    ],
  ),
  restrict(
    ['access/**/*.ts'],
    [
      {
        regex: '^@/(?!lib/kit/|payload-types$|access/)',
        message: 'access/ holds generic rules: it imports only the kit and the generated types.',
      },
      generatedTypesOnly,
    ],
  ),
)
