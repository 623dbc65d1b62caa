// ESLint flat config. The lint zones make the layering an error, not a convention:
//   components/  presentational only: never lib/api, features or app
//   lib/         infrastructure: never features, components or app
//   features/    a feature never reaches into another feature's files (only its index)
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const crossFeature = {
  group: ['@/features/*/*', '../../features/**', '../*/**'],
  message: "Import another feature only through its index ('@/features/<name>').",
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/lib/api/schema.d.ts', 'e2e/screenshots'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.strict],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/api', '@/lib/api/*', '**/lib/api/**', 'openapi-fetch', '@tanstack/react-query'],
              message: 'components/ are presentational: they never fetch. Pass data in as props.',
            },
            { group: ['@/features', '@/features/*', '**/features/**', '@/app/*', '**/app/**'], message: 'components/ never depend on features or the app.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/features', '@/features/*', '@/app/*', '@/components/*', '**/features/**', '**/app/**'], message: 'lib/ is infrastructure: it never depends on features, components or the app.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [crossFeature, { group: ['@/app/*', '**/app/**'], message: 'features never depend on the app.' }] }],
    },
  },
);
