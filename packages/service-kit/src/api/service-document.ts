import type { ServiceDefinition } from '../runtime/service-definition.ts';
import { kitOperations } from './kit-operations.ts';
import { openApiDocument, type OpenApiDocument } from './openapi-document.ts';

/** A service's OpenAPI document: service-kit's operations, then the service's own (`definition.api`). */
export function serviceDocument(definition: ServiceDefinition): OpenApiDocument {
  return openApiDocument({
    name: definition.name,
    version: definition.api?.version ?? '0.0.0',
    ...(definition.api?.description === undefined ? {} : { description: definition.api.description }),
    operations: [...kitOperations(definition), ...(definition.api?.operations ?? [])],
  });
}
