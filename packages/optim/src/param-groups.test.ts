import { afterEach, describe, expect, it, vi } from 'vitest';
import { type SgdDefaults, validateSgdOptions } from './options.js';
import { toParamGroups } from './param-groups.js';

/** Stands in for a Parameter: only its identity matters. */
class Param {
  constructor(readonly name: string) {}
}

const w = new Param('w');
const b = new Param('b');
const defaults: SgdDefaults = validateSgdOptions({ lr: 0.1, momentum: 0.9 });

describe('toParamGroups', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('makes a list of parameters one group with the defaults', () => {
    expect(toParamGroups<Param, SgdDefaults>([w, b], defaults)).toEqual([
      { ...defaults, params: [w, b] },
    ]);
  });

  it('accepts any iterable, such as a generator like module.parameters()', () => {
    function* parameters(): Generator<Param> {
      yield w;
      yield b;
    }
    const [group] = toParamGroups<Param, SgdDefaults>(parameters(), defaults);
    expect(group?.params).toEqual([w, b]);
  });

  it("lets a group's own options win over the defaults", () => {
    // optim.SGD([{'params': [a]}, {'params': [b], 'lr': 0.01}], lr=0.1, momentum=0.9)
    const groups = toParamGroups<Param, SgdDefaults>(
      [{ params: [w] }, { params: [b], lr: 0.01 }],
      defaults,
    );
    expect(groups).toEqual([
      { ...defaults, params: [w] },
      { ...defaults, lr: 0.01, params: [b] },
    ]);
    expect(groups[1]?.momentum).toBe(0.9);
  });

  it('treats an option given as undefined as not given', () => {
    const [group] = toParamGroups<Param, SgdDefaults>([{ params: [w], lr: undefined }], defaults);
    expect(group?.lr).toBe(0.1);
  });

  it('keeps the parameters, not copies of them, and copies the list', () => {
    const list = [w];
    const [group] = toParamGroups<Param, SgdDefaults>([{ params: list }], defaults);
    expect(group?.params[0]).toBe(w);
    expect(group?.params).not.toBe(list);
  });

  it('rejects an empty parameter list', () => {
    expect(() => toParamGroups<Param, SgdDefaults>([], defaults)).toThrow(
      'optimizer got an empty parameter list',
    );
  });

  it('allows a group with no parameters, as PyTorch does', () => {
    expect(toParamGroups<Param, SgdDefaults>([{ params: [] }], defaults)).toEqual([
      { ...defaults, params: [] },
    ]);
  });

  it('rejects a parameter in two groups', () => {
    expect(() =>
      toParamGroups<Param, SgdDefaults>([{ params: [w] }, { params: [w, b] }], defaults),
    ).toThrow('some parameters appear in more than one parameter group');
  });

  it('warns about, and keeps, a parameter listed twice in one group', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const [group] = toParamGroups<Param, SgdDefaults>([w, w], defaults);
    expect(group?.params).toEqual([w, w]);
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /^optimizer contains a parameter group with duplicate parameters; in future/,
    );
  });

  it('rejects something that is not iterable, as a single parameter', () => {
    const single = w as unknown as Param[];
    expect(() => toParamGroups<Param, SgdDefaults>(single, defaults)).toThrow(
      'params argument given to the optimizer should be an iterable of parameters or param ' +
        'groups, but got object',
    );
  });

  it('rejects groups mixed with parameters, and group params that are not iterable', () => {
    const message = 'params given to the optimizer mix parameters and param groups';
    const groupFirst = [{ params: [w] }, b] as unknown as Param[];
    expect(() => toParamGroups<Param, SgdDefaults>(groupFirst, defaults)).toThrow(message);
    const paramFirst = [w, { params: [b] }] as unknown as Param[];
    expect(() => toParamGroups<Param, SgdDefaults>(paramFirst, defaults)).toThrow(message);
    const notIterable = [{ params: 3 }] as unknown as Param[];
    expect(() => toParamGroups<Param, SgdDefaults>(notIterable, defaults)).toThrow(
      'param group params must be an iterable of parameters, but got number',
    );
  });
});
