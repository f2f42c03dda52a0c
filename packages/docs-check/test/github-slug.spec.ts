import { expect } from 'chai';
import { githubSlug, uniqueSlugs } from '../src/github-slug.ts';

describe('githubSlug', () => {
  it('lower-cases, drops punctuation and turns each space into a hyphen', () => {
    expect(githubSlug('Proof: the chaos run, the invariant checker')).to.equal(
      'proof-the-chaos-run-the-invariant-checker',
    );
    expect(githubSlug('Bad input, and what it gets')).to.equal('bad-input-and-what-it-gets');
    expect(githubSlug('A  b')).to.equal('a--b');
  });

  it('keeps underscores, hyphens, digits and letters beyond ASCII', () => {
    expect(githubSlug('NEEDS_ATTENTION and re-try 2')).to.equal('needs_attention-and-re-try-2');
    expect(githubSlug('Größe')).to.equal('größe');
  });

  it('slugs the rendered text: code spans, links and emphasis lose their markup', () => {
    expect(githubSlug('The `npm start` command')).to.equal('the-npm-start-command');
    expect(githubSlug('See [the docs](x.md) **now**')).to.equal('see-the-docs-now');
    expect(githubSlug('An _emphasised_ word')).to.equal('an-emphasised-word');
  });
});

describe('uniqueSlugs', () => {
  it('numbers repeated headings as GitHub does', () => {
    expect(uniqueSlugs(['Notes', 'Notes', 'Notes-1', 'Notes'])).to.deep.equal([
      'notes',
      'notes-1',
      'notes-1-1',
      'notes-2',
    ]);
  });
});
