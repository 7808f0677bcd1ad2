const warned = new Set<string>();

/**
 * `console.warn(message)` the first time this message comes, as Python's default warning filter
 * shows a `UserWarning` once per place: a training loop warns once, not on every step.
 */
export function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(message);
}

/** Test-only: forgets which warnings were shown. */
export function resetWarnings(): void {
  warned.clear();
}
