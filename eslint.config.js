import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url', 'util', 'stream', 'events'];
const restrict = (groups, message) => ({ group: groups, message });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
      'boundaries/elements': [
        { type: 'shared', pattern: 'src/shared' },
        { type: 'main', pattern: 'src/main' },
        { type: 'renderer', pattern: 'src/renderer' },
      ],
    },
    rules: {
      // The process boundary: shared is common to both sides; main and renderer never meet.
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            { from: { element: { type: 'shared' } }, disallow: { to: { element: { types: { anyOf: ['main', 'renderer'] } } } } },
            { from: { element: { type: 'main' } }, disallow: { to: { element: { type: 'renderer' } } } },
            { from: { element: { type: 'renderer' } }, disallow: { to: { element: { type: 'main' } } } },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(['electron', 'electron/*'], 'src/shared is platform-neutral: no Electron.'),
            restrict(NODE_BUILTINS, 'src/shared is platform-neutral: no Node built-ins.'),
            restrict(['react', 'react-dom', 'react/*', '@mantine/*'], 'src/shared is platform-neutral: no React.'),
            restrict(['rxdb', 'rxdb/*', 'dexie'], 'src/shared is platform-neutral: no RxDB.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(['electron', 'electron/*'], 'The renderer reaches main only through the platform transport.'),
            restrict(NODE_BUILTINS, 'The renderer runs in a browser sandbox: no Node built-ins.'),
          ],
        },
      ],
    },
  },
  {
    // Screens and hooks reach data only through their feature's repositories, never the database.
    files: ['src/renderer/**/*.tsx', 'src/renderer/**/use*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(['electron', 'electron/*'], 'The renderer reaches main only through the platform transport.'),
            restrict(NODE_BUILTINS, 'The renderer runs in a browser sandbox: no Node built-ins.'),
            restrict(['rxdb', 'rxdb/*', 'dexie'], 'Screens and hooks reach data through repositories (useDesk()), never the database.'),
            restrict(['**/database', '**/clinicDatabase', '**/*Collection'], 'Screens and hooks reach data through repositories (useDesk()), never the database.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts', 'scripts/**/*.ts', 'tests/**/*.ts', '*.config.ts', '*.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(['react', 'react-dom', '@mantine/*'], 'Main renders no UI.'),
            restrict(['rxdb', 'rxdb/*', 'dexie'], 'The clinic database lives in the renderer.'),
          ],
        },
      ],
    },
  },
);
