import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** A file to fetch and the MD5 checksum torchvision checks it against. */
export interface Resource {
  readonly file: string;
  readonly md5: string;
}

/** Options of {@link downloadResource}. */
export interface DownloadOptions {
  /** Base URLs tried in order; the file name is appended. */
  readonly mirrors: readonly string[];
  /** The fetch to use (default: the global fetch). */
  readonly fetch?: typeof fetch;
}

/**
 * Fetches `resource.file` from the first mirror that answers, into `dir`, and checks its MD5.
 * The bytes are streamed into a temporary file next to the destination, hashed on the way, and
 * renamed into place only once the checksum matches: an interrupted or corrupted download leaves
 * nothing behind under the file's name (nor the temporary file). A mirror that cannot be reached
 * or answers with an HTTP error is skipped; a checksum mismatch is an error at once, as in
 * torchvision (`check_integrity` after `download_url`). Node only.
 *
 * @returns the path of the downloaded file
 * @throws Error `<url>: checksum mismatch: expected MD5 <md5>, got <md5> (<n> bytes); the file
 *   was not saved`, or `<file>: download failed from every mirror: <url>: HTTP 404 Not Found; ...`
 */
export async function downloadResource(
  resource: Resource,
  dir: string,
  options: DownloadOptions,
): Promise<string> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  await mkdir(dir, { recursive: true });
  const dest = join(dir, resource.file);
  const failures: string[] = [];
  for (const mirror of options.mirrors) {
    const url = `${mirror}${resource.file}`;
    let response: Response;
    try {
      response = await fetchFn(url);
    } catch (error) {
      failures.push(`${url}: ${describe(error)}`);
      continue;
    }
    if (!response.ok || response.body === null) {
      failures.push(`${url}: HTTP ${response.status} ${response.statusText}`);
      await response.body?.cancel();
      continue;
    }
    const temp = `${dest}.part-${randomUUID()}`;
    let hash: { md5: string; bytes: number };
    try {
      hash = await saveStream(response.body, temp);
    } catch (error) {
      await rm(temp, { force: true });
      failures.push(`${url}: ${describe(error)}`);
      continue;
    }
    if (hash.md5 !== resource.md5.toLowerCase()) {
      await rm(temp, { force: true });
      throw new Error(
        `${url}: checksum mismatch: expected MD5 ${resource.md5}, got ${hash.md5} (${hash.bytes} bytes); the file was not saved`,
      );
    }
    await rename(temp, dest);
    return dest;
  }
  throw new Error(`${resource.file}: download failed from every mirror: ${failures.join('; ')}`);
}

/** Writes a stream to `path`, returning the MD5 of what was written and its size. */
async function saveStream(
  body: ReadableStream<Uint8Array>,
  path: string,
): Promise<{ md5: string; bytes: number }> {
  const md5 = createHash('md5');
  const file = await open(path, 'wx');
  let bytes = 0;
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      md5.update(chunk);
      bytes += chunk.length;
      await file.write(chunk);
    }
  } finally {
    await file.close();
  }
  return { md5: md5.digest('hex'), bytes };
}

/** The MD5 of bytes, as a hex string (torchvision's `calculate_md5`). */
export function md5Of(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
};
