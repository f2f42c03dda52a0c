import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ServiceDefinition } from '@saga/service-kit';
import { documentPath, documentText } from './document-file.ts';

/** Writes each service's OpenAPI document to docs/openapi/<service>.json; returns the files written. */
export async function writeDocuments(
  root: string,
  services: readonly ServiceDefinition[],
): Promise<string[]> {
  const written: string[] = [];
  for (const service of services) {
    const file = documentPath(root, service);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, await documentText(root, service));
    written.push(file);
  }
  return written;
}
