// One lint configuration for the workspace, passed with -c so the top level stays as agreed.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', '**/target/**', '**/__generated__/**', '**/*.js', '**/*.mjs'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tools', onlyDependOnLibsWithTags: ['type:lib'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'read the environment only in config.ts or main.ts' },
        { selector: 'ExportDefaultDeclaration', message: 'use named exports' },
      ],
    },
  },
  {
    files: ['**/src/config.ts', '**/src/main.ts', '**/*.test.ts', 'tools/**/*.ts', 'apps/e2e/**/*.ts', 'libs/testing/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Tests state their expectations with `!` where a failed lookup would fail the test anyway.
    files: ['**/*.test.ts', 'apps/e2e/**/*.ts', 'libs/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Every queue is a versioned contract (libs/contracts payload-versions.ts): opened through service-kit's
    // createQueue/createWorker, which take only a contract's queue name and check each job's version.
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'apps/e2e/**', 'libs/testing/**', 'libs/service-kit/src/queue.ts', 'libs/service-kit/src/service-metrics.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'bullmq',
              importNames: ['Queue', 'Worker', 'FlowProducer'],
              allowTypeImports: true,
              message: "use service-kit's createQueue/createWorker: a queue is a versioned contract (libs/contracts payload-versions.ts)",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['neo4j-driver', 'mongoose', 'mongodb', 'bullmq', 'ioredis', 'express', '@apollo/*'],
              message: 'domain/ is pure logic: no drivers, no frameworks',
            },
            { group: ['**/store/**', '**/resolvers/**', '**/workers/**'], message: 'domain/ imports nothing from store/, resolvers/ or workers/' },
          ],
        },
      ],
    },
  },
];
