import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'bench/',
      'scripts/',
      'examples/',
      'eslint.config.js',
      'src/core/contract-validator.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The pure core does no I/O: adapters and entries wrap it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@actions/*'], message: 'src/core is pure: GitHub access belongs in src/adapters.' },
            { group: ['undici'], message: 'src/core is pure: HTTP belongs in src/adapters.' },
            {
              group: [
                'node:fs',
                'node:fs/*',
                'fs',
                'node:net',
                'node:http',
                'node:https',
                'node:child_process',
              ],
              message: 'src/core does no I/O.',
            },
            {
              group: ['../adapters/*', '../*.js'],
              message: 'src/core must not depend on adapters or entries.',
            },
          ],
        },
      ],
    },
  },
);
