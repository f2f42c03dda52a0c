import { expect } from 'chai';
import { checkNpmScripts } from '../src/check-npm-scripts.ts';
import { openDocsSite } from '../src/docs-site.ts';
import { scratchRepo, type ScratchRepo } from './support/scratch-repo.ts';

describe('checkNpmScripts', () => {
  let repo: ScratchRepo;
  beforeEach(() => {
    repo = scratchRepo();
  });
  afterEach(() => {
    repo.remove();
  });
  const messages = (page: string) => {
    repo.write('README.md', page);
    return checkNpmScripts(openDocsSite(repo.root), 'README.md').map((p) => `${p.line}: ${p.message}`);
  };

  it('accepts root scripts and workspace scripts, by the workspace’s name or folder', () => {
    expect(
      messages(
        '```sh\nnpm start\nnpm test\nnpm run -s docs:check\nnpm run -w @scratch/tool build\nnpm run --workspace=tools/tool build\n```',
      ),
    ).to.deep.equal([]);
  });

  it('reports a script the root package.json lacks, in a code block or inline code', () => {
    expect(messages('```sh\nnpm run deploy -- --now\n```\n\nOr `npm stop`.')).to.deep.equal([
      '2: `npm run deploy -- --now`: the root package.json has no script "deploy"',
      '5: `npm stop`: the root package.json has no script "stop"',
    ]);
  });

  it('reports a script the named workspace lacks, and a workspace that does not exist', () => {
    expect(messages('`npm run -w @scratch/tool test` and `npm run -w @scratch/gone build`')).to.deep.equal([
      '1: `npm run -w @scratch/tool test`: workspace @scratch/tool has no script "test"',
      '1: `npm run -w @scratch/gone build`: no workspace is named "@scratch/gone"',
    ]);
  });

  it('leaves npm commands in prose alone: only code is a command', () => {
    expect(messages('Never npm run deploy by hand.')).to.deep.equal([]);
  });
});
