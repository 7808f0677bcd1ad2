/** One regular file of a tar archive. */
export interface TarEntry {
  /** The path inside the archive (`prefix/name` for ustar). */
  readonly name: string;
  /** A view of the file's bytes inside the archive. */
  readonly data: Uint8Array;
}

const text = (bytes: Uint8Array): string => {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
};

/**
 * The regular files of a tar archive (ustar or GNU; not gzipped), in order. Enough to unpack the
 * CIFAR-10 archive; links, directories and other entries are skipped.
 *
 * @throws Error `<path>: truncated tar archive: ...` when an entry runs past the end
 */
export function readTar(archive: Uint8Array, path = 'tar archive'): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break; // end of archive
    const name = text(header.subarray(0, 100));
    const prefix = text(header.subarray(345, 500));
    const sizeField = text(header.subarray(124, 136)).trim();
    const size = Number.parseInt(sizeField || '0', 8);
    if (!Number.isFinite(size) || size < 0) {
      throw new Error(`${path}: corrupt tar header at byte ${offset}: size '${sizeField}'`);
    }
    const type = String.fromCharCode(header[156] ?? 0);
    const start = offset + 512;
    if (start + size > archive.length) {
      throw new Error(
        `${path}: truncated tar archive: ${name} needs ${size} bytes at ${start}, the archive has ${archive.length}`,
      );
    }
    if (type === '0' || type === '\0') {
      entries.push({
        name: prefix ? `${prefix}/${name}` : name,
        data: archive.subarray(start, start + size),
      });
    }
    offset = start + Math.ceil(size / 512) * 512;
  }
  return entries;
}
