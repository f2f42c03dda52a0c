import { expect } from 'chai';
import { checkSourcePaths } from '../src/check-source-paths.ts';
import { openDocsSite } from '../src/docs-site.ts';
import { scratchRepo, type ScratchRepo } from './support/scratch-repo.ts';

describe('checkSourcePaths', () => {
  let repo: ScratchRepo;
  beforeEach(() => {
    repo = scratchRepo();
    repo.write('packages/events/src/event-client.ts', '');
  });
  afterEach(() => {
    repo.remove();
  });
  const messages = (page: string) => {
    repo.write('README.md', page);
    return checkSourcePaths(openDocsSite(repo.root), 'README.md').map((p) => `${p.line}: ${p.message}`);
  };

  it('accepts inline code naming a file or folder that exists', () => {
    expect(messages('`packages/events/src/event-client.ts`, `packages/events/src/`')).to.deep.equal([]);
  });

  it('reports inline code naming a repository path that does not exist', () => {
    expect(messages('Text.\n`packages/events/src/old-client.ts`')).to.deep.equal([
      '2: `packages/events/src/old-client.ts` names a path that does not exist in the repository',
    ]);
  });

  it('leaves placeholders, globs, commands and paths outside the known folders alone', () => {
    expect(
      messages(
        '`schemas/<domain>/<topic>.avsc` `packages/*` `npm run x packages/gone.ts` `.stack/data/x` `src/gone.ts`',
      ),
    ).to.deep.equal([]);
  });
});
