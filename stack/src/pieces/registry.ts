import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { registryAuthHeaders } from '@saga/events';
import { download } from '../provision/download.ts';
import { extractTarGz } from '../provision/extract.ts';
import { mavenUrl } from '../provision/maven.ts';
import { javaRequirement } from '../prerequisites/java-requirement.ts';
import type { Piece, PieceContext } from './piece.ts';

const VERSION = '3.3.3';
/**
 * Apicurio 3.3 is compiled for Java 21 (class file version 65). Debian 12 packages only Java 17, so
 * without a JDK 21+ on the machine the stack provisions one.
 */
const java = javaRequirement(21);
const PORT = 8081;
/** Quarkus opens a second port for health endpoints; kept off the common 9000. */
const MANAGEMENT_PORT = 8091;
const archive = {
  group: 'io.apicurio',
  artifact: 'apicurio-registry-app',
  version: VERSION,
  file: `apicurio-registry-app-${VERSION}-all.tar.gz`,
  sha1: '71e7918455480cbce405ad45552254eb47ec932d',
  size: 158_577_952,
};
/**
 * Compatibility enforced on every subject that has no rule of its own, so that nothing is
 * registered unchecked. `npm run schemas:register` sets each subject's own mode.
 */
export const GLOBAL_COMPATIBILITY = 'BACKWARD';
const appOf = (ctx: PieceContext) => join(ctx.paths.cache, `apicurio-registry-${VERSION}`);

/**
 * Apicurio Registry 3.3, serving Confluent's schema registry API under /apis/ccompat/v7.
 * Confluent's own registry is not on Maven Central; Apicurio is, and speaks the same API.
 */
export const registry: Piece = {
  name: 'registry',
  title: `Apicurio Registry ${VERSION}`,
  variable: 'SCHEMA_REGISTRY_URL',
  ports: [PORT, MANAGEMENT_PORT],
  readyTimeoutMs: 120_000,
  address: (config) => config.registry.url,
  isExternal: (config) => config.external.registry,

  checkPrerequisites: (ctx) => java.check(ctx),

  async provision(ctx) {
    // Memoised: when Kafka provisions the same runtime in parallel, it is downloaded once.
    await java.provision(ctx);
    const app = appOf(ctx);
    const tarball = join(ctx.paths.cache, 'downloads', archive.file);
    await download({
      url: mavenUrl(archive),
      dest: tarball,
      sha1: archive.sha1,
      onBytes: (bytes, total) => {
        ctx.reporter.progress('registry', archive.file, bytes, total ?? archive.size, 'bytes');
      },
    });
    await extractTarGz(tarball, app);
  },

  async prepare(ctx) {
    const data = ctx.paths.dataOf('registry');
    await mkdir(data, { recursive: true });
    const jar = join(appOf(ctx), 'quarkus-run.jar');
    return {
      command: (await java.find(ctx)).path,
      // Measured: ~200 MB RSS and a 5 s warm start with these; heap in use stays near 50 MB.
      args: ['-Xms64m', '-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', jar],
      cwd: appOf(ctx),
      env: {
        QUARKUS_HTTP_HOST: '127.0.0.1',
        QUARKUS_HTTP_PORT: String(PORT),
        QUARKUS_MANAGEMENT_HOST: '127.0.0.1',
        QUARKUS_MANAGEMENT_PORT: String(MANAGEMENT_PORT),
        // SQL storage on an H2 file: schemas survive a restart without depending on Kafka.
        APICURIO_STORAGE_KIND: 'sql',
        APICURIO_STORAGE_SQL_KIND: 'h2',
        APICURIO_DATASOURCE_URL: `jdbc:h2:file:${join(data, 'registry')}`,
        // The default pool (20 to 100 connections) is sized for a shared database, not an embedded file.
        APICURIO_DATASOURCE_JDBC_INITIAL_SIZE: '2',
        APICURIO_DATASOURCE_JDBC_MIN_SIZE: '2',
        APICURIO_DATASOURCE_JDBC_MAX_SIZE: '10',
        QUARKUS_HTTP_ACCESS_LOG_ENABLED: 'false',
        // A default only: a global rule saved through PUT /config takes precedence over it.
        APICURIO_RULES_GLOBAL_COMPATIBILITY: GLOBAL_COMPATIBILITY,
      },
      signature: jar,
    };
  },

  async probe(config) {
    try {
      const response = await fetch(`${config.registry.url}/subjects`, {
        // An external registry may need basic auth; without it, it would never look ready.
        headers: registryAuthHeaders(config),
        signal: AbortSignal.timeout(2000),
      });
      return response.ok
        ? { ok: true, detail: 'Confluent-compatible API answering' }
        : { ok: false, detail: `HTTP ${response.status} from ${config.registry.url}/subjects` };
    } catch (error) {
      const cause = (error as Error).cause as Error | undefined;
      return { ok: false, detail: cause?.message ?? (error as Error).message };
    }
  },
};
