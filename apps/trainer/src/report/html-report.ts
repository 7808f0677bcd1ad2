import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { epochLine, f5, type History } from '../course/history.js';
import { escapeXml } from './svg.js';

/** A picture of the report: written as `file` in the report folder. */
export interface Figure {
  file: string;
  title: string;
  svg: string;
}

/** A block of text of the report (a model summary, the final weights). */
export interface TextBlock {
  title: string;
  body: string;
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, text);
  await rename(temp, path);
}

/**
 * What one run shows: the console output, text blocks (model summary, printouts), figures
 * (learning curves, image grids, graphs) and the history. `write(dir)` puts each figure in its own
 * SVG file, the history in history.json, and a report.html that links them, for a browser.
 */
export class Report {
  readonly lines: string[] = [];
  readonly figures: Figure[] = [];
  readonly texts: TextBlock[] = [];
  history: History | null = null;

  constructor(
    readonly program: string,
    readonly title: string,
    readonly command: string,
  ) {}

  log(line: string): void {
    this.lines.push(line);
  }

  /** Adds a figure; a second one with the same file name replaces the first. */
  figure(file: string, title: string, svg: string): void {
    const i = this.figures.findIndex((f) => f.file === file);
    if (i >= 0) this.figures.splice(i, 1);
    this.figures.push({ file, title, svg });
  }

  text(title: string, body: string): void {
    this.texts.push({ title, body });
  }

  /** Writes the report's files into `dir` (created if missing); returns report.html's path. */
  async write(dir: string): Promise<string> {
    await mkdir(dir, { recursive: true });
    for (const f of this.figures) await writeAtomic(join(dir, f.file), f.svg);
    if (this.history !== null) {
      await writeAtomic(join(dir, 'history.json'), `${JSON.stringify(this.history)}\n`);
    }
    const path = join(dir, 'report.html');
    await writeAtomic(path, this.html());
    return path;
  }

  html(): string {
    const section = (title: string, body: string): string =>
      `<section><h2>${escapeXml(title)}</h2>\n${body}</section>\n`;
    const parts = [
      '<!doctype html>',
      '<html lang="en"><head><meta charset="utf-8">',
      `<title>${escapeXml(this.program)}: ${escapeXml(this.title)}</title>`,
      '<style>body{font-family:sans-serif;max-width:1260px;margin:2em auto;padding:0 1em}' +
        'pre{background:#f6f6f6;padding:.8em;overflow-x:auto;font-size:13px}' +
        'figure{display:inline-block;margin:0 1em 1em 0;vertical-align:top}' +
        'figure img{max-width:100%;border:1px solid #ddd}' +
        'table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}</style>',
      '</head><body>',
      `<h1>${escapeXml(this.program)}</h1>`,
      `<p>${escapeXml(this.title)}</p>`,
      `<p><code>${escapeXml(this.command)}</code></p>`,
    ];
    if (this.figures.length > 0) {
      const figs = this.figures
        .map(
          (f) =>
            `<figure><a href="${escapeXml(f.file)}"><img src="${escapeXml(f.file)}" alt="${escapeXml(f.title)}"></a><figcaption>${escapeXml(f.title)}</figcaption></figure>`,
        )
        .join('\n');
      parts.push(section('Figures', figs));
    }
    for (const t of this.texts) parts.push(section(t.title, `<pre>${escapeXml(t.body)}</pre>`));
    if (this.history !== null && this.history.length > 0) {
      const rows = this.history
        .map(
          (r) =>
            `<tr><td>${r[0]}</td>${r
              .slice(1)
              .map((v) => `<td>${f5(v)}</td>`)
              .join('')}</tr>`,
        )
        .join('\n');
      const total = this.history[this.history.length - 1]?.[0] ?? 0;
      parts.push(
        section(
          'History',
          `<p>${escapeXml(epochLine(this.history[this.history.length - 1] ?? [0, 0, 0, 0, 0], total))}</p>` +
            '<table><tr><th>epoch</th><th>loss</th><th>acc</th><th>val_loss</th><th>val_acc</th></tr>\n' +
            `${rows}</table> <p><a href="history.json">history.json</a></p>`,
        ),
      );
    }
    parts.push(section('Output', `<pre>${escapeXml(this.lines.join('\n'))}</pre>`));
    parts.push('</body></html>\n');
    return parts.join('\n');
  }
}
