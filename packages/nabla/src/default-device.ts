import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { hasDevice, useDevice } from '@nabla/tensor';

/**
 * The umbrella's one piece of wiring: the 'cpu' device, autodiff over the CPU backend, unless
 * the program chose its own backend for it first. Library packages never do this; the umbrella
 * exists to.
 */
export function wireDefaultDevice(): void {
  if (!hasDevice('cpu')) useDevice('cpu', autodiff(cpuBackend()));
}

wireDefaultDevice();
