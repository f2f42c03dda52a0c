/** Coordinates of one file on Maven Central. */
export interface MavenFile {
  readonly group: string;
  readonly artifact: string;
  readonly version: string;
  readonly file: string;
  readonly sha1: string;
  readonly size?: number;
}

export const MAVEN_CENTRAL = 'https://repo.maven.apache.org/maven2';

export function mavenUrl(f: Pick<MavenFile, 'group' | 'artifact' | 'version' | 'file'>): string {
  return `${MAVEN_CENTRAL}/${f.group.replaceAll('.', '/')}/${f.artifact}/${f.version}/${f.file}`;
}
