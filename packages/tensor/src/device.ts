import type { AnyBackend } from '@nabla/backend';
import { NablaError } from './errors.js';

/**
 * The devices tensors can live on, by name ('cpu', 'gpu', ...). Nothing is registered on
 * import: a program (or the umbrella package `nabla`) says which backend serves each device.
 */
const devices = new Map<string, AnyBackend>();
let defaultDevice = 'cpu';

/**
 * Makes `backend` the device called `name`. The umbrella package calls
 * `useDevice('cpu', autodiff(cpuBackend()))`; a program that wants another composition
 * calls it itself. Mirrors what `torch.device` names, with the backend chosen explicitly.
 */
export function useDevice(name: string, backend: AnyBackend): void {
  devices.set(name, backend);
}

/** True when a device of that name has a backend. */
export function hasDevice(name: string): boolean {
  return devices.has(name);
}

/** The backend that serves a device; throws a clear error when none was set. */
export function getBackend(name: string = defaultDevice): AnyBackend {
  const b = devices.get(name);
  if (b === undefined) {
    const known = [...devices.keys()].join(', ') || 'none';
    throw new NablaError(
      `device: no backend for device '${name}' (known devices: ${known}); call useDevice('${name}', backend), or import from 'nabla', which sets up 'cpu'`,
    );
  }
  return b;
}

/** The device creation ops use when none is given (`torch.set_default_device`). */
export function setDefaultDevice(name: string): void {
  defaultDevice = name;
}

/** The device creation ops use when none is given. */
export function getDefaultDevice(): string {
  return defaultDevice;
}
