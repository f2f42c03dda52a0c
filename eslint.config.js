// One lint setup for every package: typescript-eslint's type-aware rules, formatting left to prettier.
import js from '@eslint/js';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.stack/**', '**/dist/**', 'codegen/test/fixtures/**/*.must-fail.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Flags mongoose's idiomatic schema literals ({ type: String, required: true }).
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
  {
    // One Kafka seam: only @saga/events talks to the client library; everything else goes through its
    // KafkaCluster, kafkaErrorKind and event client (docs/architecture.md, "The Kafka client").
    ignores: ['packages/events/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kafkajs',
              message:
                'Only @saga/events uses the Kafka client: use createKafkaCluster, KafkaAdmin, kafkaErrorKind and the event client from @saga/events.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportExpression[source.value='kafkajs'], CallExpression[callee.name='require'][arguments.0.value='kafkajs']",
          message:
            'Only @saga/events uses the Kafka client: use createKafkaCluster and friends from @saga/events.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/test/**/*.ts', '**/test-integration/**/*.ts', 'integration/**/*.ts'],
    rules: {
      // chai's `expect(x).to.be.true` style reads as an expression statement.
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
