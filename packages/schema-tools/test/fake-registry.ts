import { compareSchemas, isCompatibilityMode, modeRules, type CompatibilityMode } from '../src/index.ts';

export const fakeRegistryUrl = 'http://registry.test/apis/ccompat/v7';

interface Subject {
  mode: CompatibilityMode | undefined;
  versions: { id: number; schema: string }[];
}

/**
 * An in-memory stand-in for the Confluent-compatible API, served through `fetch`, that behaves
 * like Apicurio's ccompat as measured: content ids shared across subjects, idempotent
 * re-registration, 40401 for unknown subjects, 409 on an incompatible version (judged with the
 * subject's level, transitively where the level says so). The integration suite runs the real thing.
 */
export function fakeRegistry(globalMode: CompatibilityMode = 'BACKWARD') {
  const subjects = new Map<string, Subject>();
  const contentIds = new Map<string, number>();
  const requests: string[] = [];

  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const notFound = (subject: string) =>
    json(404, { message: `Subject '${subject}' not found.`, error_code: 40401 });

  function compatible(subject: Subject, schema: string, allVersions: boolean): boolean {
    const mode = subject.mode ?? globalMode;
    const against = allVersions ? subject.versions : subject.versions.slice(-1);
    return against.every((v) =>
      compareSchemas(JSON.parse(schema), JSON.parse(v.schema), mode).every((c) => c.violations.length === 0),
    );
  }

  const fetch: typeof globalThis.fetch = (input, init) => {
    const method = init?.method ?? 'GET';
    const path = decodeURIComponent(requestUrl(input).slice(fakeRegistryUrl.length));
    requests.push(`${method} ${path}`);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, string>) : {};
    const [, area, name, tail, version] = path.split('/');
    const subject = name === undefined ? undefined : subjects.get(name);
    const answer = (): Response => {
      if (area === 'config' && name === undefined) return json(200, { compatibilityLevel: globalMode });
      if (area === 'config' && method === 'PUT' && name !== undefined) {
        if (!isCompatibilityMode(body.compatibility))
          return json(422, { error_code: 42203, message: 'bad level' });
        const existing = subjects.get(name) ?? { mode: undefined, versions: [] };
        subjects.set(name, { ...existing, mode: body.compatibility });
        return json(200, { compatibility: body.compatibility });
      }
      if (area === 'config' && name !== undefined) {
        return subject?.versions.length
          ? json(200, { compatibilityLevel: subject.mode ?? globalMode })
          : notFound(name);
      }
      if (area === 'subjects' && name !== undefined) {
        if (method === 'POST' && tail === undefined) {
          const index = subject?.versions.findIndex((v) => v.schema === body.schema) ?? -1;
          if (!subject?.versions.length) return notFound(name);
          if (index < 0) return json(404, { message: 'no such schema', error_code: 40403 });
          return json(200, {
            subject: name,
            version: index + 1,
            id: subject.versions[index]!.id,
            schema: body.schema,
          });
        }
        if (method === 'POST' && tail === 'versions') {
          const target = subject ?? { mode: undefined, versions: [] };
          subjects.set(name, target);
          const existing = target.versions.find((v) => v.schema === body.schema);
          if (existing) return json(200, { id: existing.id });
          if (!compatible(target, body.schema!, modeRules[target.mode ?? globalMode].transitive)) {
            return json(409, { message: `Incompatible artifact: ${name} [AVRO]`, error_code: 409 });
          }
          const id = contentIds.get(body.schema!) ?? contentIds.size + 1;
          contentIds.set(body.schema!, id);
          target.versions.push({ id, schema: body.schema! });
          return json(200, { id });
        }
        if (!subject?.versions.length) return notFound(name);
        if (tail === 'versions' && version === undefined)
          return json(
            200,
            subject.versions.map((_, i) => i + 1),
          );
        const found = subject.versions[Number(version) - 1];
        if (!found) return json(404, { message: 'no such version', error_code: 40402 });
        return json(200, { subject: name, version: Number(version), id: found.id, schema: found.schema });
      }
      if (area === 'compatibility') {
        const [, , , target, , which] = path.split('/');
        const checked = target === undefined ? undefined : subjects.get(target);
        if (!checked?.versions.length) return notFound(target ?? '');
        return json(200, { is_compatible: compatible(checked, body.schema!, which !== 'latest') });
      }
      return json(404, { message: `no route ${method} ${path}`, error_code: 404 });
    };
    return Promise.resolve(answer());
  };

  return { fetch, subjects, requests };
}

/** The URL of whatever fetch was called with. */
export function requestUrl(input: string | URL | Request): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}
