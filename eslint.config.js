import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import path from 'node:path';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url', 'util', 'stream', 'events'];
const restrict = (groups, message) => ({ group: groups, message });

/**
 * A feature uses another only through that feature's `public.ts`: everything else in a feature's
 * folder is its own, so it can change without breaking the others.
 */
const featurePublicModule = {
  meta: {
    type: 'problem',
    messages: { private: "{{from}} may use {{to}} only through '{{to}}/public' (not {{spec}})." },
    schema: [],
  },
  create(context) {
    const own = /src[\\/]renderer[\\/]features[\\/]([^\\/]+)[\\/]/.exec(context.filename);
    if (!own) return {};
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), spec).split(path.sep).join('/');
      const other = /src\/renderer\/features\/([^/]+)(?:\/(.+))?$/.exec(target);
      if (!other || other[1] === own[1] || other[2] === 'public') return;
      context.report({ node, messageId: 'private', data: { from: own[1], to: other[1], spec } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { boundaries, clinicdesk: { rules: { 'feature-public-module': featurePublicModule } } },
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
      'clinicdesk/feature-public-module': 'error',
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
