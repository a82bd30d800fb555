// Flat config: typescript-eslint's recommended rules on the TypeScript sources.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.kafka/**', '.ci/out/**', 'docs/.site/**', '**/*.d.mts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Small files with one job: a library file that outgrows this is doing two.
    files: ['libs/kafka-kit/src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 250 }] },
  },
);
