import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { hasDevice, useDevice } from '@nabla/tensor';

/** Gives the tests a 'cpu' device, as the umbrella package does. */
export function useCpu(): void {
  if (!hasDevice('cpu')) useDevice('cpu', autodiff(cpuBackend()));
}
