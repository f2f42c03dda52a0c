/** A script a command in the docs runs: `workspace` when it names one with `-w`/`--workspace`. */
export interface NpmScriptReference {
  readonly script: string;
  readonly workspace?: string;
  /** The command as written, for the message. */
  readonly command: string;
}

/** npm's own commands that run the script of the same name. */
const lifecycleCommands = new Set(['start', 'test', 'stop']);
/** Options of `npm run` that take a value as the next word. */
const optionsWithValue = new Set(['-w', '--workspace', '--loglevel', '--prefix']);
/** Options after which the script may be absent from a package without an error. */
const lenientOptions = new Set(['--if-present', '-ws', '--workspaces']);
const placeholder = /^[<[{$]/;

/**
 * The npm scripts that a snippet of shell runs: `npm run <script>` (with `-s`, `--silent`,
 * `-w <workspace>` and friends), `npm run-script`, and `npm start`, `npm test`, `npm stop`.
 * A placeholder (`npm run <script>`), `npm run` alone (which lists scripts) and commands that
 * tolerate a missing script (`--if-present`, every workspace) name nothing to check.
 */
export function npmScriptReferences(snippet: string): NpmScriptReference[] {
  const references: NpmScriptReference[] = [];
  for (const match of snippet.matchAll(/(?<![\w-])npm((?:[ \t]+[^\s;&|()`'"]+)+)/g)) {
    const words = (match[1] ?? '')
      .trim()
      .split(/[ \t]+/)
      .map(unquote);
    const command = `npm ${words.join(' ')}`;
    const verb = words[0];
    if (verb !== undefined && lifecycleCommands.has(verb)) {
      references.push({ script: verb, command: `npm ${verb}` });
      continue;
    }
    if (verb !== 'run' && verb !== 'run-script') continue;
    let workspace: string | undefined;
    let lenient = false;
    let script: string | undefined;
    for (let i = 1; i < words.length; i++) {
      const word = words[i] ?? '';
      if (word === '--') break;
      if (optionsWithValue.has(word)) {
        if (word === '-w' || word === '--workspace') workspace = words[i + 1];
        i++;
      } else if (word.startsWith('--workspace=')) {
        workspace = word.slice('--workspace='.length);
      } else if (word.startsWith('-')) {
        if (lenientOptions.has(word)) lenient = true;
      } else {
        script = word;
        break;
      }
    }
    if (script === undefined || lenient || placeholder.test(script)) continue;
    if (workspace !== undefined && placeholder.test(workspace)) continue;
    references.push(workspace === undefined ? { script, command } : { script, workspace, command });
  }
  return references;
}

function unquote(word: string): string {
  return word.replace(/^['"]|['"]$/g, '');
}
