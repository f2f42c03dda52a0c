/** One output file: where it goes, relative to the repository root (with `/`), and its full text. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}
