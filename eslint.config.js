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
      '.dependency-cruiser.cjs',
      'src/contracts/contract-validator.js',
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
    // No source file over 300 lines: one that does not fit in a head is split by concept. Every line counts,
    // comments and blank lines too, so the limit is what `wc -l` shows and no one trims a comment to fit.
    files: ['src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  {
    // The pure core (contracts → requests → judging → reports, and the engine that runs them) does no I/O: the
    // adapters (http, files) and the two entries (action, cli) wrap it. dependency-cruiser checks the same rule.
    files: [
      'src/contracts/**/*.ts',
      'src/requests/**/*.ts',
      'src/judging/**/*.ts',
      'src/reports/**/*.ts',
      'src/engine/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@actions/*'], message: 'The core is pure: GitHub access belongs in src/action.' },
            { group: ['undici'], message: 'The core is pure: HTTP belongs in src/http.' },
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
              message: 'The core does no I/O.',
            },
            {
              group: ['../http/*', '../files/*', '../action/*', '../cli/*'],
              message: 'The core must not depend on adapters or entries.',
            },
          ],
        },
      ],
    },
  },
  {
    // The runner log has one door (src/action/runner-log.ts): a line written any other way could carry a
    // workflow command from a pull request's contract file or a staging response.
    files: ['src/action/**/*.ts'],
    ignores: ['src/action/runner-log.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.name='core'][property.name=/^(info|debug|notice|warning|error|setFailed|startGroup|endGroup|group|issue|issueCommand)$/]",
          message: 'Write to the runner log through src/action/runner-log.ts.',
        },
        {
          selector: "MemberExpression[object.name='process'][property.name=/^(stdout|stderr)$/]",
          message: 'Write to the runner log through src/action/runner-log.ts.',
        },
      ],
    },
  },
);
