import { join } from 'node:path';
import * as prettier from 'prettier';
import { serviceDocument, type ServiceDefinition } from '@saga/service-kit';

/** Where a service's document is committed, under the repository's root. */
export function documentPath(root: string, service: Pick<ServiceDefinition, 'name'>): string {
  return join(root, 'docs', 'openapi', `${service.name}.json`);
}

/**
 * A service's document as the committed file holds it: the JSON formatted by the repository's
 * prettier options, so `npm run lint` and this check agree on every byte.
 */
export async function documentText(root: string, service: ServiceDefinition): Promise<string> {
  const configFile = join(root, '.prettierrc.json');
  const options =
    (await prettier.resolveConfig(configFile, { config: configFile, editorconfig: false })) ?? {};
  return prettier.format(JSON.stringify(serviceDocument(service)), { ...options, parser: 'json' });
}
