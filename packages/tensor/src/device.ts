import type { AnyBackend } from '@nabla/backend';
import { NablaError } from './errors.js';
import type { DeviceMemory } from './tidy.js';

/** Options of {@link useDevice}. */
export interface DeviceOptions {
  /**
   * How the device's storage is scoped, freed and counted, for a device whose storage is not
   * garbage-collected (the GPU): `tidy` opens a scope on it and `memory()` reports its counts.
   */
  memory?: DeviceMemory;
}

/**
 * The devices tensors can live on, by name ('cpu', 'gpu', ...). Nothing is registered on
 * import: a program (or the umbrella package `nabla`) says which backend serves each device.
 */
const devices = new Map<string, AnyBackend>();
const memories = new Map<string, DeviceMemory>();
let defaultDevice = 'cpu';

/**
 * Makes `backend` the device called `name`. The umbrella package calls
 * `useDevice('cpu', autodiff(cpuBackend()))`; a program that wants another composition
 * calls it itself. Mirrors what `torch.device` names, with the backend chosen explicitly.
 * A device whose storage is not garbage-collected passes `options.memory`, so that `tidy`
 * frees its storage and `memory()` counts it (nabla's `useGpu` does).
 */
export function useDevice(name: string, backend: AnyBackend, options: DeviceOptions = {}): void {
  devices.set(name, backend);
  if (options.memory === undefined) memories.delete(name);
  else memories.set(name, options.memory);
}

/** @internal The devices, each with its memory scopes when it has them, in registration order. */
export function deviceMemories(): ReadonlyMap<string, DeviceMemory | undefined> {
  return new Map([...devices.keys()].map((name) => [name, memories.get(name)]));
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
