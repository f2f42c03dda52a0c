import { expect } from 'chai';
import { parseMarkdown } from '../src/markdown-document.ts';

describe('parseMarkdown', () => {
  const page = [
    '# Title',
    '',
    '```sh',
    '# a shell comment, not a heading',
    'npm start',
    '```',
    '',
    '## Second `code` heading ##',
    'A span that wraps `npm run',
    'lint` and a [link](a.md "its title").',
    '~~~',
    '[not a link](b.md)',
    '~~~',
  ].join('\n');
  const document = parseMarkdown(page);

  it('finds ATX headings outside fenced code, without their closing hashes', () => {
    expect(document.headings).to.deep.equal([
      { line: 1, value: 'Title' },
      { line: 8, value: 'Second `code` heading' },
    ]);
  });

  it('keeps fenced code line by line, and inline code spans with the line they start on', () => {
    expect(document.codeLines.map((c) => c.value)).to.deep.equal([
      '# a shell comment, not a heading',
      'npm start',
      '[not a link](b.md)',
    ]);
    expect(document.codeSpans).to.deep.equal([
      { line: 8, value: 'code' },
      { line: 9, value: 'npm run lint' },
    ]);
  });

  it('finds links outside code, a title after the target left out', () => {
    expect(document.links).to.deep.equal([{ line: 10, value: { target: 'a.md', image: false } }]);
  });
});
