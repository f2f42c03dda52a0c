export {
  createRegistryClient,
  type RegisteredSchema,
  type RegistryClient,
  type RegistryClientOptions,
} from './registry-client.ts';
export { defaultRetryPolicy, retry, type RetryDependencies, type RetryPolicy } from './retry-policy.ts';
