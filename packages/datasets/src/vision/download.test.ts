import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../fixtures.test.util.js';
import { useCpu } from '../setup.test.util.js';
import { CIFAR10 } from './cifar10.js';
import { downloadResource, md5Of, type Resource } from './download.js';
import { MNIST } from './mnist.js';

beforeAll(useCpu);

const RAW = new URL('../__fixtures__/mnist-mini/MNIST/raw', import.meta.url).pathname;
const BIN = new URL('../__fixtures__/cifar-mini/cifar-10-batches-bin', import.meta.url).pathname;
const md5s = readFixture<{ mnist: { md5: Record<string, string> } }>('loaders').mnist.md5;

/** Files the server serves, by URL path; '/corrupt/...' serves them with one byte changed. */
const served = new Map<string, Uint8Array>();
let server: Server;
let base = '';
const tmp = mkdtempSync(join(tmpdir(), 'nabla-download-'));

beforeAll(async () => {
  for (const name of readdirSync(RAW)) served.set(`/good/${name}`, readFileSync(join(RAW, name)));
  served.set('/good/cifar-10-binary.tar.gz', cifarArchive());
  for (const [path, bytes] of [...served]) {
    const corrupt = Uint8Array.from(bytes);
    corrupt[corrupt.length >> 1] = ((corrupt[corrupt.length >> 1] as number) + 1) & 0xff;
    served.set(path.replace('/good/', '/corrupt/'), corrupt);
  }
  server = createServer((req, res) => {
    const body = served.get(req.url ?? '');
    if (body === undefined) {
      res.writeHead(404, 'Not Found').end();
      return;
    }
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

/** A ustar archive of the CIFAR-10 binary files under cifar-10-batches-bin/, gzipped. */
function cifarArchive(): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const name of readdirSync(BIN).sort()) {
    const data = readFileSync(join(BIN, name));
    const header = new Uint8Array(512);
    const put = (text: string, at: number) => header.set(new TextEncoder().encode(text), at);
    put(`cifar-10-batches-bin/${name}`, 0);
    put('0000644\0', 100);
    put(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    put('0', 156);
    put('ustar\0', 257);
    put('        ', 148);
    const checksum = header.reduce((a, b) => a + b, 0);
    put(`${checksum.toString(8).padStart(6, '0')}\0 `, 148);
    parts.push(header, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  parts.push(new Uint8Array(1024));
  return gzipSync(Buffer.concat(parts));
}

/** MNIST with the checksums of the test files, to download them from the local server. */
class MiniMNIST extends MNIST {
  static override readonly resources: readonly Resource[] = MNIST.resources.map(({ file }) => ({
    file,
    md5: md5s[file] as string,
  }));
}

describe('downloadResource', () => {
  it('fetches a file, checks its MD5 and renames it into place', async () => {
    const dir = join(tmp, 'one');
    const file = 't10k-labels-idx1-ubyte.gz';
    const path = await downloadResource({ file, md5: md5s[file] as string }, dir, {
      mirrors: [`${base}/good/`],
    });
    expect(path).toBe(join(dir, file));
    expect(md5Of(readFileSync(path))).toBe(md5s[file]);
    expect(readdirSync(dir)).toEqual([file]);
  });

  it('rejects a corrupted file with a checksum error and leaves nothing behind', async () => {
    const dir = join(tmp, 'corrupt');
    const file = 'train-images-idx3-ubyte.gz';
    await expect(
      downloadResource({ file, md5: md5s[file] as string }, dir, {
        mirrors: [`${base}/corrupt/`, `${base}/good/`],
      }),
    ).rejects.toThrow(
      new RegExp(
        `^${base}/corrupt/${file}: checksum mismatch: expected MD5 ${md5s[file]}, got [0-9a-f]{32} \\(\\d+ bytes\\); the file was not saved$`,
      ),
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('tries the next mirror when one fails, and reports every failure', async () => {
    const dir = join(tmp, 'mirrors');
    const file = 't10k-labels-idx1-ubyte.gz';
    const resource = { file, md5: md5s[file] as string };
    await downloadResource(resource, dir, { mirrors: [`${base}/missing/`, `${base}/good/`] });
    expect(readdirSync(dir)).toEqual([file]);
    await expect(
      downloadResource(resource, join(tmp, 'none'), {
        mirrors: [`${base}/missing/`, 'http://127.0.0.1:1/'],
      }),
    ).rejects.toThrow(
      `${file}: download failed from every mirror: ${base}/missing/${file}: HTTP 404 Not Found; http://127.0.0.1:1/${file}: fetch failed`,
    );
    expect(readdirSync(join(tmp, 'none'))).toEqual([]);
  });
});

describe('MNIST.load and CIFAR10.load with download', () => {
  it('downloads the missing files and reads them', async () => {
    const root = join(tmp, 'mnist');
    const ds = await MiniMNIST.load(root, { download: true, mirrors: [`${base}/good/`] });
    expect(ds.length).toBe(50);
    expect(readdirSync(join(root, 'MiniMNIST', 'raw')).sort()).toEqual(Object.keys(md5s).sort());
    // a second load finds the files and fetches nothing
    const again = await MiniMNIST.load(root, {
      download: true,
      mirrors: ['http://127.0.0.1:1/'],
      train: false,
    });
    expect(again.length).toBe(20);
  });

  it('stops at the first corrupted file, leaving no file under its name', async () => {
    const root = join(tmp, 'mnist-corrupt');
    await expect(
      MiniMNIST.load(root, { download: true, mirrors: [`${base}/corrupt/`] }),
    ).rejects.toThrow('checksum mismatch');
    expect(readdirSync(join(root, 'MiniMNIST', 'raw'))).toEqual([]);
    // the official checksums do not match the test files
    await expect(
      MNIST.load(join(tmp, 'official'), { download: true, mirrors: [`${base}/good/`] }),
    ).rejects.toThrow('expected MD5 f68b3c2dcbeaaa9fbdd348bbdeb94873');
  });

  it('fetches and unpacks the CIFAR-10 archive', async () => {
    const archive = served.get('/good/cifar-10-binary.tar.gz') as Uint8Array;
    class MiniCIFAR10 extends CIFAR10 {
      static override readonly resource: Resource = {
        file: 'cifar-10-binary.tar.gz',
        md5: md5Of(archive),
      };
    }
    const root = join(tmp, 'cifar');
    const ds = await MiniCIFAR10.load(root, {
      download: true,
      mirrors: [`${base}/good/`],
      train: false,
    });
    expect(ds.length).toBe(4);
    expect(existsSync(join(root, 'cifar-10-batches-bin', 'data_batch_5.bin'))).toBe(true);
    await expect(
      MiniCIFAR10.load(join(tmp, 'cifar-bad'), { download: true, mirrors: [`${base}/corrupt/`] }),
    ).rejects.toThrow('checksum mismatch');
    expect(existsSync(join(tmp, 'cifar-bad', 'cifar-10-binary.tar.gz'))).toBe(false);
  });
});
