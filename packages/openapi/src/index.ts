export { checkOpenApi } from './check-openapi.ts';
export { documentPath, documentText } from './document-file.ts';
export { platformServices } from './platform-services.ts';
export { writeDocuments } from './write-documents.ts';
