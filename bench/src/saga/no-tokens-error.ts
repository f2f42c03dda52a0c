import { BenchError } from '../bench-error.ts';

/** The bench has no bearer token to call the services with. */
export class NoTokensError extends BenchError {
  readonly code = 'BENCH_NO_TOKENS';

  constructor() {
    super(
      'the bench needs the services’ bearer tokens: run it as `npm run bench` (which passes the stack’s tokens on), or set OPS_TOKENS, ADMIN_TOKENS and AUTH_JWT_SECRET',
    );
  }
}
