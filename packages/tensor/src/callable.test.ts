import { describe, expect, it } from 'vitest';
import { Callable } from './callable.js';

class Affine extends Callable<[number], number> {
  override name = 'affine';
  override length = 3;
  constructor(readonly scale: number) {
    super();
  }
  forward(x: number): number {
    return this.scale * x + this.length;
  }
}

describe('Callable', () => {
  it('calls forward when the instance is called, with the subclass fields', () => {
    const f = new Affine(2);
    expect(f(5)).toBe(13);
    expect(f.forward(5)).toBe(13);
    expect(f).toBeInstanceOf(Affine);
    expect(f).toBeInstanceOf(Callable);
    expect(f.name).toBe('affine');
    expect(typeof f).toBe('function');
  });
});
