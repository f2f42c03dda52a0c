import { expect } from 'chai';
import { checkLinks } from '../src/check-links.ts';
import { openDocsSite } from '../src/docs-site.ts';
import { scratchRepo, type ScratchRepo } from './support/scratch-repo.ts';

describe('checkLinks', () => {
  let repo: ScratchRepo;
  beforeEach(() => {
    repo = scratchRepo();
    repo.write('docs/other.md', '# Other\n\n## Set up\n\n## Set up\n\n<a id="custom"></a>\n');
    repo.write('tools/tool/src/main.ts', '');
    repo.write('docs/images/real.png', 'png');
  });
  afterEach(() => {
    repo.remove();
  });
  const messages = (page: string) => {
    repo.write('docs/page.md', page);
    return checkLinks(openDocsSite(repo.root), 'docs/page.md').map((p) => `${p.line}: ${p.message}`);
  };

  it('resolves relative targets from the page’s folder, and /targets from the repository’s root', () => {
    expect(
      messages('[a](other.md) [b](../tools/tool/src/main.ts) [c](/tools/tool/) [d](./images/real.png)'),
    ).to.deep.equal([]);
  });

  it('reports a link or image whose file does not exist, naming it from the root', () => {
    expect(messages('[a](missing.md)\n\n![b](images/gone.png)\n[c](../tools/tool/src/old.ts)')).to.deep.equal(
      [
        '1: link missing.md: docs/missing.md does not exist',
        '3: image images/gone.png: docs/images/gone.png does not exist',
        '4: link ../tools/tool/src/old.ts: tools/tool/src/old.ts does not exist',
      ],
    );
  });

  it('reports a target outside the repository', () => {
    expect(messages('[a](../../../etc/passwd)')).to.deep.equal([
      '1: link ../../../etc/passwd: points outside the repository',
    ]);
  });

  it('matches anchors to headings by GitHub’s slugs, repeats numbered, HTML ids included', () => {
    expect(
      messages('# Page\n\n[a](#page) [b](other.md#set-up) [c](other.md#set-up-1) [d](other.md#custom)'),
    ).to.deep.equal([]);
  });

  it('reports an anchor that matches no heading, in the page itself or in another', () => {
    expect(messages('# Page\n\n[a](#nowhere)\n[b](other.md#set-up-2)')).to.deep.equal([
      '3: link #nowhere: #nowhere matches no heading in this page',
      '4: link other.md#set-up-2: #set-up-2 matches no heading in docs/other.md',
    ]);
  });

  it('does not fetch web addresses, but reports one that is not well-formed or not http(s)', () => {
    expect(
      messages('[a](https://example.com/x#y) [b](mailto:a@b.c)\n[c](https://)\n[d](ftp://example.com/f)'),
    ).to.deep.equal([
      '2: link https://: is not a well-formed address',
      '3: link ftp://example.com/f: only http(s) and mailto links are allowed, not ftp:',
    ]);
  });

  it('ignores what sits in code: fenced blocks and inline code spans', () => {
    expect(messages('```md\n[a](gone.md)\n```\n\nText `[b](gone.md)` and ``[c](gone.md)``.')).to.deep.equal(
      [],
    );
  });

  it('checks HTML links and images, and reference-style links with their labels', () => {
    expect(
      messages(
        '<img src="images/gone.png">\n\n[text][guide] and [other][nolabel]\n\n[guide]: other.md#set-up\n',
      ),
    ).to.deep.equal([
      '1: image images/gone.png: docs/images/gone.png does not exist',
      '3: link [nolabel] uses a reference label the page does not define',
    ]);
  });
});
