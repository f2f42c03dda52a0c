import * as prettier from 'prettier';
import { stringify } from 'yaml';
import { asyncApiDocument, type AsyncApiInput } from '../asyncapi/asyncapi-document.ts';
import type { GeneratedFile } from './generated-file.ts';
import { generatedHeader, layout } from './layout.ts';

/** `docs/asyncapi.yaml`, formatted by prettier like every other output. */
export async function asyncApiFile(
  input: AsyncApiInput,
  prettierOptions: prettier.Options,
): Promise<GeneratedFile> {
  // No anchors and aliases: a reader of the document should see each schema where it applies.
  const yaml = stringify(asyncApiDocument(input), { aliasDuplicateObjects: false, lineWidth: 0 });
  const text = `${generatedHeader.map((line) => `# ${line}`).join('\n')}\n${yaml}`;
  return {
    path: layout.asyncApiFile,
    content: await prettier.format(text, { ...prettierOptions, parser: 'yaml' }),
  };
}
