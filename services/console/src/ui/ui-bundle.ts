import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { UiBundleError } from './ui-bundle-error.ts';

/** The console's web UI, built: one page, one script, one stylesheet, all served from memory. */
export interface UiBundle {
  readonly html: string;
  readonly js: Uint8Array;
  readonly css: Uint8Array;
  /** Short content hash, in the asset URLs so that a browser never runs a stale bundle. */
  readonly version: string;
}

const uiDir = fileURLToPath(new URL('../../ui/', import.meta.url));

/**
 * Bundles services/console/ui with esbuild at start-up (a few hundred milliseconds), so no build
 * output is ever checked in or goes stale: `src/main.ts` and everything it imports into one minified
 * script, `src/console.css` into one stylesheet, and `index.html` pointing at both. Nothing is loaded
 * from elsewhere, so the console works offline.
 * @throws UiBundleError with esbuild's messages when the UI does not compile.
 */
export async function buildUiBundle(): Promise<UiBundle> {
  let result;
  try {
    result = await build({
      entryPoints: { console: `${uiDir}src/main.ts`, 'console-style': `${uiDir}src/console.css` },
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      platform: 'browser',
      outdir: 'assets',
      write: false,
      logLevel: 'silent',
      sourcemap: false,
    });
  } catch (error) {
    const failure = error as {
      errors?: { text: string; location?: { file: string; line: number } | null }[];
    };
    const messages = (failure.errors ?? []).map(
      (e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`,
    );
    throw new UiBundleError(
      `the console UI does not bundle: ${messages.join('; ') || (error as Error).message}`,
      { cause: error },
    );
  }
  const output = (suffix: string) => {
    const file = result.outputFiles.find((f) => f.path.endsWith(suffix));
    if (!file) throw new UiBundleError(`esbuild wrote no ${suffix} for the console UI`);
    return file.contents;
  };
  const js = output('console.js');
  const css = output('console-style.css');
  const version = createHash('sha256').update(js).update(css).digest('hex').slice(0, 12);
  const html = (await readFile(`${uiDir}index.html`, 'utf8')).replaceAll('{{version}}', version);
  return { html, js, css, version };
}
