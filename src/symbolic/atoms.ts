/**
 * Atoms: subexpressions free of L that are not polynomial in the params (exp(-w0/T), sqrt(2),
 * 1/T, cos(theta/2)^2). In a polynomial they are variables named by their text, so printed forms
 * read naturally; their numeric values at the model's params are kept beside them.
 */
export class Atoms {
  private readonly values = new Map<string, number>();

  private readonly named = new Map<string, string>();
  private readonly unitAtoms = new Set<string>();

  /** @param reserved names atoms must not take (the model's params) */
  constructor(private readonly reserved: ReadonlySet<string> = new Set()) {}

  /** Marks an atom as known to lie in (0, 1] (exp of a negative quantity, a probability). */
  markUnit(name: string): void {
    this.unitAtoms.add(name);
  }

  /** Names of the atoms known to lie in (0, 1]. */
  units(): string[] {
    return [...this.unitAtoms];
  }

  /**
   * The variable name of an atom with this text (created on first use). With `short`, the atom is a
   * plain identifier (such as p for cos(theta/2)^2) and `definitions` says what it stands for.
   */
  atom(text: string, value: number, short?: string): string {
    if (short) {
      if (!this.values.has(short)) { this.values.set(short, value); this.named.set(short, text); }
      return short;
    }
    const name = `(${text})`;
    if (!this.values.has(name)) this.values.set(name, value);
    return name;
  }

  /**
   * A short-named atom for a long text (a bath factor): the name already given to this text, or the
   * next free `${prefix}1`, `${prefix}2`, ...
   */
  numbered(text: string, value: number, prefix: string): string {
    for (const [k, t] of this.named) if (t === text) return k;
    let i = 1;
    while (this.values.has(`${prefix}${i}`) || this.reserved.has(`${prefix}${i}`)) i++;
    return this.atom(text, value, `${prefix}${i}`);
  }

  /** "p = cos(theta/2)^2" for every short-named atom. */
  definitions(): string[] {
    return [...this.named].map(([k, t]) => `${k} = ${t} = ${this.values.get(k)}`);
  }

  /** Every atom: its name, defining text, value and whether it is known to lie in (0, 1]. */
  table(): Record<string, { expr: string; value: number; unit: boolean }> {
    const out: Record<string, { expr: string; value: number; unit: boolean }> = {};
    for (const [name, value] of this.values) {
      const expr = this.named.get(name) ?? (name.startsWith('(') && name.endsWith(')') ? name.slice(1, -1) : name);
      out[name] = { expr, value, unit: this.unitAtoms.has(name) };
    }
    return out;
  }

  /** Values of all atoms, to extend a numeric environment. */
  env(): Record<string, number> {
    return Object.fromEntries(this.values);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }
}
