/**
 * `max(x, 0)`. Mirrors `torch.relu`: NaN stays NaN and -0 stays -0, because only values
 * below 0 are replaced.
 */
export function relu(x: number): number {
  // biome-ignore lint/complexity/useMathMinMax: Math.max(-0, 0) is 0, torch.relu(-0.) is -0.
  return x < 0 ? 0 : x;
}
