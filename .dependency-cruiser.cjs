/**
 * The shape of src/, checked in CI (`npm run depcruise`): no import cycle anywhere, and the pure core
 * (contracts → requests → judging → reports, and the engine) imports no I/O and no adapter or entry.
 * ESLint's no-restricted-imports says the same per file; this sees the whole graph (a cycle spans files).
 * @type {import('dependency-cruiser').IConfiguration}
 */
const CORE = '^src/(contracts|requests|judging|reports|engine)/';

/**
 * The stages each core folder must not import. contracts → judging is the one way back, on purpose: the loader
 * compiles `expect.schema` and response paths with judging's own code, to refuse a bad contract before anything
 * is called.
 */
const LATER_STAGES = {
  contracts: ['requests', 'reports', 'engine'],
  requests: ['judging', 'reports', 'engine'],
  judging: ['reports', 'engine'],
  reports: ['engine'],
};

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: split out what both files need (merge-reports and run-summary were one).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-no-io',
      severity: 'error',
      comment: 'The core is pure: files belong in src/files, HTTP in src/http, GitHub in src/action.',
      from: { path: CORE },
      to: {
        path: [
          '^(node:)?(fs|fs/promises|net|http|https|http2|tls|dns|dgram|child_process|worker_threads)$',
          '(^|/)node_modules/undici/',
          '(^|/)node_modules/@actions/',
        ],
      },
    },
    {
      name: 'core-no-adapters',
      severity: 'error',
      comment: 'The core must not depend on the adapters (http, files) or the entries (action, cli).',
      from: { path: CORE },
      to: { path: '^src/(http|files|action|cli)/' },
    },
    // The core reads in one direction: each stage imports only itself and the stages before it.
    ...Object.entries(LATER_STAGES).map(([stage, later]) => ({
      name: `pipeline-${stage}`,
      severity: 'error',
      comment:
        `${stage} imports a later stage of the pipeline (contracts → requests → judging → reports, the engine on ` +
        'top): move what both need to the earlier one, or have the caller hand it in (secret-length.ts).',
      from: { path: `^src/${stage}/` },
      to: { path: `^src/(${later.join('|')})/` },
    })),
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing: a typo, or a dependency missing from package.json.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports count too: a cycle through types is still two files that cannot be read apart.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
