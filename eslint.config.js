// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Focused or skipped tests hide results; the project forbids them everywhere. */
const noFocusedOrSkippedTests = [
  'error',
  ...['describe', 'it', 'test'].flatMap((object) =>
    ['only', 'skip', 'todo', 'skipIf', 'runIf'].map((property) => ({
      object,
      property,
      message: 'Focused, skipped or todo tests hide results; remove the modifier.',
    })),
  ),
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'data/',
      'bench/results/',
      'test/e2e/artifacts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': noFocusedOrSkippedTests,
      'no-restricted-globals': [
        'error',
        { name: 'xit', message: 'Skipped tests hide results.' },
        { name: 'fit', message: 'Focused tests hide results.' },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The shared core runs in the browser and in Node: no DOM and no Node APIs.
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'react', 'react-dom', 'dexie'],
              message: 'src/shared must stay pure: no Node, DOM or UI imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
