/**
 * Per-channel currents: the heat current J_c that one named channel entry of a model carries
 * (model-language.md, `name:`), for both engines. An entry expands at L into one channel (an
 * ordinary entry) or L channels (an `each` entry), contiguous and in file order
 * (engine/family.ts); a name belongs to the entry, so the current of a named `each` entry is the
 * sum over its L channels. J = sum over every channel, named or not, so the named currents add up
 * to J when every entry is named.
 */
import type { ModelSpec } from '../lang/index.js';
import { boundedAdd, type Bounded, type Field } from '../numeric/index.js';

/** A named entry's channels at one L: the indices from (inclusive) to `to` (exclusive) of the report's channels. */
export interface ChannelGroup {
  readonly name: string;
  /** Position of the entry in the file's channel list. */
  readonly entry: number;
  readonly from: number;
  readonly to: number;
}

/**
 * The current of one named channel entry over a field: J_c with its absolute error bound, and
 * how many channels it sums (L for an `each` entry, else 1). J > 0: heat flows into the system
 * from this entry's baths.
 */
export interface NamedCurrentIn<T> {
  readonly name: string;
  readonly J: Bounded<T>;
  readonly channels: number;
}

/**
 * The named entries of `model` at L with their ranges of expanded channels; empty when no entry
 * is named (then nothing of a report changes).
 *
 * @example
 * // channels: [{ name: hot, each: k, ... }, { name: cold, each: k, ... }] at L = 3
 * channelGroups(model, 3) // [{ name: 'hot', entry: 0, from: 0, to: 3 }, { name: 'cold', entry: 1, from: 3, to: 6 }]
 */
export function channelGroups(model: ModelSpec, L: number): ChannelGroup[] {
  const out: ChannelGroup[] = [];
  let from = 0;
  model.channels.forEach((ch, entry) => {
    const to = from + (ch.each === null ? 1 : L);
    if (ch.name) out.push({ name: ch.name, entry, from, to });
    from = to;
  });
  return out;
}

/**
 * The error of a sum of channels' J in an engine's own error model (the float64 engine's
 * a-posteriori bound, engine/errors.ts `float64SumError`); the value is the sum in channel order.
 */
export type SumErrorIn<T> = (channels: readonly { readonly J: Bounded<T> }[]) => T;

/**
 * Each group's current over F from the report's channels: the sum of its channels' J in channel
 * order, from zero, as the total J is summed; its error by `sumError` where the engine has its
 * own model, else propagated (every rounding counted, numeric boundedAdd).
 *
 * @example
 * const b = (value: number) => ({ value, error: 0 });
 * namedCurrentsIn(float64Field, [b(1), b(2), b(-3)].map((J) => ({ J })), [{ name: 'hot', entry: 0, from: 0, to: 2 }])[0].J.value // 3
 */
export function namedCurrentsIn<T>(
  F: Field<T>, channels: readonly { readonly J: Bounded<T> }[], groups: readonly ChannelGroup[], sumError?: SumErrorIn<T>,
): NamedCurrentIn<T>[] {
  return groups.map((g) => {
    const part = channels.slice(g.from, g.to);
    let J: Bounded<T>;
    if (sumError) {
      let value = F.zero;
      for (const c of part) value = F.add(value, c.J.value);
      J = { value, error: sumError(part) };
    } else {
      J = part.reduce((s, c) => boundedAdd(F, s, c.J), { value: F.zero, error: F.zero } as Bounded<T>);
    }
    return { name: g.name, J, channels: part.length };
  });
}
