import type { Options } from 'prettier';
import type { TopicRoutes } from '../asyncapi/topic-routes.ts';
import { CodegenError } from '../codegen-error.ts';
import { indexModule } from '../emit/index-module.ts';
import { printModule } from '../emit/print-module.ts';
import { schemasModule } from '../emit/schemas-module.ts';
import { checkTypeNames } from '../emit/type-names.ts';
import { topicKey, topicsModule } from '../emit/topics-module.ts';
import { typesModule } from '../emit/types-module.ts';
import type { ContractsModel } from '../model/contracts-model.ts';
import { referencedTypes } from '../model/referenced-types.ts';
import type { NamedTypeModel } from '../model/type-model.ts';
import type { GeneratedFile } from './generated-file.ts';
import { generatedHeader, layout } from './layout.ts';

const fixedModules: ReadonlySet<string> = new Set(['topics', 'schemas', 'index']);

/**
 * The files of `@saga/contracts`' generated folder: one module per namespace, named after its last
 * part (`io.saga.order` -> `order.ts`), then `topics.ts`, `schemas.ts` and an `index.ts` for all.
 * @throws CodegenError `NAME_COLLISION` when two types, topics or namespaces would share a name.
 */
export async function contractsFiles(
  model: ContractsModel,
  routes: TopicRoutes | undefined,
  prettierOptions: Options,
): Promise<GeneratedFile[]> {
  checkTypeNames(model.namedTypes);
  checkTopicKeys(model.topics.map((t) => t.topic));

  const modules = new Map<string, NamedTypeModel[]>();
  const moduleOf = new Map<string, string>();
  const namespaceOfModule = new Map<string, string>();
  for (const type of model.namedTypes) {
    const module = type.namespace.slice(type.namespace.lastIndexOf('.') + 1);
    const taken = namespaceOfModule.get(module);
    if (fixedModules.has(module) || (taken !== undefined && taken !== type.namespace)) {
      throw new CodegenError(
        'NAME_COLLISION',
        `namespace ${type.namespace} would be module ${module}.ts, which ${taken ?? 'codegen'} already uses; rename the namespace`,
      );
    }
    namespaceOfModule.set(module, type.namespace);
    modules.set(module, [...(modules.get(module) ?? []), type]);
    moduleOf.set(type.fullName, module);
  }
  const specifier = (fullName: string) => `./${moduleOf.get(fullName) ?? ''}.ts`;

  const outputs: [string, Parameters<typeof printModule>[0]][] = [];
  for (const module of [...modules.keys()].sort()) {
    const types = modules.get(module) ?? [];
    const imports = new Map<string, Set<string>>();
    for (const type of types) {
      for (const used of referencedTypes(type)) {
        if (moduleOf.get(used) === module) continue;
        const from = specifier(used);
        imports.set(from, (imports.get(from) ?? new Set()).add(used.slice(used.lastIndexOf('.') + 1)));
      }
    }
    outputs.push([module, typesModule(types, imports)]);
  }
  outputs.push([
    'topics',
    topicsModule(
      model.topics.map(({ topic, message }) => {
        const route = routes?.topics.get(topic);
        return route ? { topic, message, route } : { topic, message };
      }),
      specifier,
    ),
  ]);
  outputs.push(['schemas', schemasModule(model.topics, './topics.ts')]);
  outputs.push([
    'index',
    indexModule([...[...modules.keys()].sort(), 'topics', 'schemas'].map((m) => `./${m}.ts`)),
  ]);

  return Promise.all(
    outputs.map(async ([module, statements]) => ({
      path: `${layout.contractsDir}/${module}.ts`,
      content: await printModule(statements, generatedHeader, prettierOptions),
    })),
  );
}

function checkTopicKeys(topics: readonly string[]): void {
  const byKey = new Map<string, string>();
  for (const topic of topics) {
    const other = byKey.get(topicKey(topic));
    if (other !== undefined) {
      throw new CodegenError(
        'NAME_COLLISION',
        `topics ${other} and ${topic} would both be Topics.${topicKey(topic)}`,
      );
    }
    byKey.set(topicKey(topic), topic);
  }
}
