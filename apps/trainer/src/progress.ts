import cliProgress from 'cli-progress';
import { noProgress, type Progress } from './course/fit.js';

/**
 * A cli-progress bar per epoch, drawn only when `stream` is a terminal (otherwise the epoch lines
 * alone are printed, so that logs and pipes get plain text).
 *
 * @example
 * const progress = terminalProgress(process.stdout);
 * const bar = progress('Epoch 1/10', 600); // null when stdout is not a TTY
 */
export function terminalProgress(stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY) return noProgress;
  return (label, total) => {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${label} |{bar}| {value}/{total} batches | loss {loss} | {duration_formatted} (eta {eta_formatted})`,
        barsize: 30,
        hideCursor: true,
        clearOnComplete: true,
        // the trainer handles Ctrl-C itself (it saves a checkpoint); the bar only goes away
        gracefulExit: false,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { loss: '-' });
    return {
      update(done, loss) {
        bar.update(done, { loss: Number.isFinite(loss) ? loss.toFixed(5) : String(loss) });
      },
      stop() {
        bar.stop();
      },
    };
  };
}
