import { randomUUID } from 'node:crypto';
import type { Config } from '@saga/config';
import { registryFetch } from '@saga/events';
import { RegistryUnreachableError } from './registry-unreachable-error.ts';

const contentType = 'application/vnd.schemaregistry.v1+json';

/**
 * A subject of the codec section's own (`bench.codec.<run id>.<topic>-value`), so that measuring
 * never touches the saga's subjects: registered at `create`, deleted (soft, then permanently, where
 * the registry has both) at `remove`.
 */
export class ScratchSubject {
  readonly name: string;
  private readonly url: string;
  private readonly fetch: typeof fetch;
  /** Set once a registration was attempted: only then is there anything to delete. */
  private registering = false;

  constructor(config: Pick<Config, 'registry'>, topic: string, runId: string = randomUUID().slice(0, 8)) {
    this.name = `bench.codec.${runId}.${topic}-value`;
    this.url = config.registry.url;
    this.fetch = registryFetch(config);
  }

  /** Registers `schema` under the subject. @throws RegistryUnreachableError */
  async create(schema: object): Promise<void> {
    this.registering = true;
    const response = await this.call('POST', '/versions', { schema: JSON.stringify(schema) });
    if (!response.ok)
      throw new RegistryUnreachableError(
        this.url,
        `refused to register ${this.name} (HTTP ${response.status}: ${(await response.text()).slice(0, 200)})`,
      );
  }

  /** Deletes the subject; a registry without permanent deletion keeps it soft-deleted. */
  async remove(): Promise<void> {
    if (!this.registering) return;
    const soft = await this.call('DELETE', '');
    if (!soft.ok && soft.status !== 404)
      throw new RegistryUnreachableError(this.url, `refused to delete ${this.name} (HTTP ${soft.status})`);
    await this.call('DELETE', '?permanent=true');
  }

  private async call(method: string, path: string, body?: unknown): Promise<Response> {
    try {
      const response = await this.fetch(`${this.url}/subjects/${encodeURIComponent(this.name)}${path}`, {
        method,
        headers: { Accept: contentType, ...(body === undefined ? {} : { 'Content-Type': contentType }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      });
      return response;
    } catch (error) {
      throw new RegistryUnreachableError(this.url, 'does not answer', { cause: error });
    }
  }
}
