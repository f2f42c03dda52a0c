import { mkdir, rename, rm } from 'node:fs/promises';
import { extract } from 'tar';
import { exists } from './download.ts';

/**
 * Unpacks a .tar.gz into `dest` through a temporary folder renamed at the end,
 * so an interrupted extraction never looks complete.
 */
export async function extractTarGz(archive: string, dest: string): Promise<void> {
  if (await exists(dest)) return;
  const tmp = `${dest}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    await extract({ file: archive, cwd: tmp });
    await rename(tmp, dest);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
