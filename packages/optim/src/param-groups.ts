/**
 * A param group as the caller writes it: the parameters, and any hyper-parameters that differ
 * from the optimizer's defaults (`{ params: net.fc.parameters(), lr: 1e-3 }`).
 */
export type ParamGroupInit<P, O extends object> = { params: Iterable<P> } & Partial<O>;

/** A param group as an optimizer keeps it: the parameters in order, and every hyper-parameter. */
export type ParamGroup<P, O extends object> = O & { params: P[] };

/** A param group is written as a plain object with `params`, as PyTorch's is a `dict`. */
function isGroupInit(value: unknown): value is { params: unknown } {
  if (typeof value !== 'object' || value === null || !('params' in value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    value !== null &&
    value !== undefined &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
}

function typeName(value: unknown): string {
  return value === null ? 'null' : typeof value;
}

/**
 * Turns what an optimizer was given (its parameters, or a list of param groups) into param
 * groups with every hyper-parameter set: a group's own options win, the rest come from
 * `defaults`. Parameters are compared by identity; they keep their order.
 *
 * Mirrors `torch.optim.Optimizer.__init__(params, defaults)` and `add_param_group`: a list of
 * parameters becomes one group; a parameter listed twice in a group is kept and warned about;
 * a parameter in two groups is an error.
 *
 * @typeParam P - the parameter type (a `Parameter` in `@nabla/layers`; anything in tests)
 * @typeParam O - the optimizer's hyper-parameters (`SgdDefaults`, `AdamDefaults`)
 * @throws Error `optimizer got an empty parameter list` for an empty list;
 *   `some parameters appear in more than one parameter group`; a TypeError when `params` is not
 *   iterable, or mixes parameters and param groups.
 *
 * @example
 * ```ts
 * toParamGroups([w, b], { lr: 0.1, momentum: 0 });
 * // [{ lr: 0.1, momentum: 0, params: [w, b] }]
 * toParamGroups([{ params: [w] }, { params: [b], lr: 0.01 }], { lr: 0.1, momentum: 0 });
 * // [{ lr: 0.1, momentum: 0, params: [w] }, { lr: 0.01, momentum: 0, params: [b] }]
 * ```
 */
export function toParamGroups<P, O extends object>(
  params: Iterable<P> | Iterable<ParamGroupInit<P, O>>,
  defaults: O,
): ParamGroup<P, O>[] {
  // Checked at run time too: JavaScript callers can pass a single parameter.
  const source: unknown = params;
  if (!isIterable(source)) {
    throw new TypeError(
      'params argument given to the optimizer should be an iterable of parameters or param ' +
        `groups, but got ${typeName(source)}`,
    );
  }
  const items: unknown[] = Array.from(source);
  if (items.length === 0) throw new Error('optimizer got an empty parameter list');
  // As in PyTorch, a list of parameters is one group.
  const grouped = isGroupInit(items[0]);
  if (items.some((item) => isGroupInit(item) !== grouped)) {
    throw new TypeError(
      'params given to the optimizer mix parameters and param groups: pass one kind or the other',
    );
  }
  const inits = (grouped ? items : [{ params: items }]) as { params: unknown }[];

  const groups: ParamGroup<P, O>[] = [];
  const seen = new Set<unknown>();
  for (const init of inits) {
    const group = addDefaults<P, O>(init, defaults);
    if (new Set(group.params).size !== group.params.length) {
      console.warn(
        'optimizer contains a parameter group with duplicate parameters; ' +
          'in future, this will cause an error; ' +
          'see github.com/pytorch/pytorch/issues/40967 for more information',
      );
    }
    if (group.params.some((p) => seen.has(p))) {
      throw new Error('some parameters appear in more than one parameter group');
    }
    for (const p of group.params) seen.add(p);
    groups.push(group);
  }
  return groups;
}

/** One group with its parameters as an array and every option: its own, else the default. */
function addDefaults<P, O extends object>(
  init: { params: unknown },
  defaults: O,
): ParamGroup<P, O> {
  if (!isIterable(init.params)) {
    throw new TypeError(
      `param group params must be an iterable of parameters, but got ${typeName(init.params)}`,
    );
  }
  const group: Record<string, unknown> = {};
  for (const [key, value] of [...Object.entries(defaults), ...Object.entries(init)]) {
    // The group's own options come last and win; one given as undefined counts as not given.
    if (value !== undefined) group[key] = value;
  }
  group.params = Array.from(init.params);
  return group as ParamGroup<P, O>;
}
