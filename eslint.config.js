import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { boundaryRules, edgePlugin, pureFolders } from './.eslint/boundaries.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'renderer/dist/**',
      'out/**',
      'dist/**',
      'release/**',
      'test-output/**',
      'coverage/**',
      '.edge-data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { edge: edgePlugin },
    rules: { 'edge/relative-import-extension': 'error', 'edge/layer-direction': 'error' },
  },
  ...boundaryRules,
  {
    files: pureFolders.map((f) => `${f}/*.ts`),
    rules: { 'edge/pure-folder-suffix': 'error' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
