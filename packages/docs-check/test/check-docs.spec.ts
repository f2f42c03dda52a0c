import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { checkDocs, formatProblem } from '../src/index.ts';
import { scratchRepo, type ScratchRepo } from './support/scratch-repo.ts';

describe('checkDocs', () => {
  let repo: ScratchRepo;
  beforeEach(() => {
    repo = scratchRepo();
  });
  afterEach(() => {
    repo.remove();
  });
  const problems = () => checkDocs(repo.root).problems.map(formatProblem);

  it('passes pages whose links, anchors, scripts and paths all resolve', () => {
    repo.write('tools/tool/src/main.ts', '');
    repo.write(
      'README.md',
      [
        '# Scratch',
        '',
        'Start with `npm start`, then read [the guide](docs/guide.md#first-steps).',
        '',
        '```sh',
        'npm run -s docs:check',
        'npm run -w @scratch/tool build',
        '```',
        '',
        'The entry point is `tools/tool/src/main.ts`; see https://example.com and [above](#scratch).',
      ].join('\n'),
    );
    repo.write('docs/guide.md', '# Guide\n\n## First steps\n\n![A picture](images/a.png)\n');
    repo.write('docs/images/a.png', 'png');

    expect(checkDocs(repo.root)).to.deep.equal({ files: ['README.md', 'docs/guide.md'], problems: [] });
  });

  it('reads README.md and every Markdown page under docs/, nested folders too', () => {
    repo.write('README.md', '# R\n');
    repo.write('docs/a.md', '# A\n');
    repo.write('docs/deep/b.md', '# B\n');
    repo.write('docs/data.yaml', 'a: 1\n');

    expect(checkDocs(repo.root).files).to.deep.equal(['README.md', 'docs/a.md', 'docs/deep/b.md']);
  });

  it('reports a broken link, a broken anchor and an unknown script, each at its file and line', () => {
    repo.write('README.md', '# Scratch\n\nSee [the guide](docs/gone.md).\n');
    repo.write(
      'docs/guide.md',
      '# Guide\n\nBack to [the start](../README.md#quick-start).\n\n`npm run deploy`\n',
    );

    expect(problems()).to.deep.equal([
      'README.md:3: link docs/gone.md: docs/gone.md does not exist',
      'docs/guide.md:3: link ../README.md#quick-start: #quick-start matches no heading in README.md',
      'docs/guide.md:5: `npm run deploy`: the root package.json has no script "deploy"',
    ]);
  });

  it('passes on this repository’s own README.md and docs/', () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const result = checkDocs(root);

    expect(result.files).to.include.members(['README.md', 'docs/architecture.md']);
    expect(result.problems.map(formatProblem)).to.deep.equal([]);
  });
});
