import { type nn, type Tensor, torch } from 'nabla';
import { encodePng } from '../report/png.js';
import { el, escapeXml, svgOpen } from '../report/svg.js';

/** How {@link showImagesLabels} reads and draws the images. */
export interface ShowImagesOptions {
  /** The shape of one image, `[C, H, W]`, for inputs flattened for an MLP (`[784]`). */
  imageShape?: readonly [number, number, number];
  /** Draw dark on light, as `cmap='gray_r'` (the course's MNIST digits). */
  invert?: boolean;
  /** The figure's title. */
  title?: string;
}

const COLS = 10;
const CELL_W = 120;
const IMAGE = 84;
const TITLE_H = 22;

/** One image tensor `[C, H, W]` in [-1, 1] (after Normalize(0.5, 0.5)) to 8-bit pixels, HWC. */
function toPixels(
  img: Tensor,
  invert: boolean,
): { bytes: Uint8Array; h: number; w: number; c: 1 | 3 } {
  const [c, h, w] = img.shape as [number, number, number];
  // img = np.transpose(img, (1, 2, 0)); img = (img + 1) / 2
  const values = img.dataSync();
  const channels: 1 | 3 = c === 1 ? 1 : 3;
  const bytes = new Uint8Array(h * w * channels);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let k = 0; k < channels; k++) {
        const v = ((values[k * h * w + y * w + x] as number) + 1) / 2;
        const clipped = Math.min(1, Math.max(0, invert ? 1 - v : v));
        bytes[(y * w + x) * channels + k] = Math.round(clipped * 255);
      }
    }
  }
  return { bytes, h, w, c: channels };
}

/**
 * The course's `show_images_labels` (BOOK.md §2.4): the first batch of `loader`, at most 50
 * images in a 5 x 10 grid, each titled with its true class name, and with `net` the predicted one
 * (`label:predicted`), black when right and **blue when wrong**; images are shown as the course
 * shows them, `(img + 1) / 2` to undo `Normalize(0.5, 0.5)`. Returns the figure as an SVG
 * document (the images as embedded PNG); the course draws it with matplotlib.
 *
 * @example
 * const svg = await showImagesLabels(testLoader, classes, net, 'cpu');
 * writeFileSync('images.svg', svg);
 */
export async function showImagesLabels(
  loader: AsyncIterable<readonly [Tensor, Tensor]>,
  classes: readonly string[],
  net: nn.Module | null,
  device: string | null,
  options: ShowImagesOptions = {},
): Promise<string> {
  let first: readonly [Tensor, Tensor] | undefined;
  for await (const batch of loader) {
    first = batch;
    break;
  }
  if (first === undefined) throw new Error('showImagesLabels: the loader has no batches');
  const [images, labels] = first;
  const nSize = Math.min(images.shape[0] ?? 0, 50);
  let predicted: number[] | null = null;
  if (net !== null) {
    // predicted = torch.max(net(images.to(device)), 1)[1]
    predicted = torch.noGrad(
      () => torch.max(net(images.to(device ?? 'cpu')), 1)[1].tolist() as number[],
    );
  }
  const trueLabels = labels.tolist() as number[];
  const rows = Math.ceil(nSize / COLS);
  const titleH = options.title ? 36 : 8;
  const width = COLS * CELL_W;
  const height = titleH + rows * (IMAGE + TITLE_H + 10);
  const parts = [svgOpen(width, height, options.title ?? 'images and labels')];
  if (options.title) {
    parts.push(
      el(
        'text',
        { x: width / 2, y: 24, 'text-anchor': 'middle', 'font-size': 16 },
        escapeXml(options.title),
      ),
    );
  }
  for (let i = 0; i < nSize; i++) {
    const shape = options.imageShape ?? (images.shape.slice(1) as [number, number, number]);
    const img = images.index(i).reshape([...shape]);
    const { bytes, h, w, c } = toPixels(img, options.invert ?? false);
    const png = Buffer.from(encodePng(bytes, w, h, c)).toString('base64');
    const labelName = classes[trueLabels[i] as number] ?? String(trueLabels[i]);
    const predictedName =
      predicted === null ? null : (classes[predicted[i] as number] ?? String(predicted[i]));
    const wrong = predictedName !== null && predictedName !== labelName;
    const x = (i % COLS) * CELL_W;
    const y = titleH + Math.floor(i / COLS) * (IMAGE + TITLE_H + 10);
    const title = predictedName === null ? labelName : `${labelName}:${predictedName}`;
    parts.push(
      `<g class="cell" data-index="${i}" data-label="${escapeXml(labelName)}"${predictedName === null ? '' : ` data-predicted="${escapeXml(predictedName)}"`} data-correct="${!wrong}">` +
        el(
          'text',
          {
            x: x + CELL_W / 2,
            y: y + 16,
            'text-anchor': 'middle',
            'font-size': title.length > 17 ? 9 : 11,
            fill: wrong ? 'blue' : 'black',
          },
          escapeXml(title),
        ) +
        el('image', {
          x: x + (CELL_W - IMAGE) / 2,
          y: y + TITLE_H,
          width: IMAGE,
          height: IMAGE,
          'image-rendering': 'pixelated',
          href: `data:image/png;base64,${png}`,
        }) +
        '</g>\n',
    );
  }
  parts.push('</svg>\n');
  return parts.join('');
}
