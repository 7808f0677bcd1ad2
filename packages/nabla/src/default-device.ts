import { cpuBackend } from '@nabla/backend-cpu';
import { hasDevice, useDevice } from '@nabla/tensor';

/**
 * The umbrella's one piece of wiring: the 'cpu' device, unless the program chose its own
 * backend for it first. Library packages never do this; the umbrella exists to.
 */
export function wireDefaultDevice(): void {
  if (!hasDevice('cpu')) useDevice('cpu', cpuBackend());
}

wireDefaultDevice();
