/**
 * Bearer tokens of this suite's own: the service under test is started with them (see startOrderService),
 * and the HTTP helpers send the api one unless a test says otherwise.
 */
export const testTokens = {
  api: 'order-service-test-api-token-0123456789',
  admin: 'order-service-test-admin-token-0123456789',
} as const;

/** The environment a test service runs with: the process's own, plus the test tokens. */
export function withTestTokens(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, API_TOKENS: testTokens.api, ADMIN_TOKENS: testTokens.admin };
}

/** The Authorization header for a token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
