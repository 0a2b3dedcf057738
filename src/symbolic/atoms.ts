/**
 * Atoms: subexpressions free of L that are not polynomial in the params (exp(-w0/T), sqrt(2),
 * 1/T, cos(theta/2)^2). In a polynomial they are variables named by their text, so printed forms
 * read naturally; their numeric values at the model's params are kept beside them.
 */
export class Atoms {
  private readonly values = new Map<string, number>();

  /** The variable name of an atom with this text (created on first use). */
  atom(text: string, value: number): string {
    const name = `(${text})`;
    if (!this.values.has(name)) this.values.set(name, value);
    return name;
  }

  /** Values of all atoms, to extend a numeric environment. */
  env(): Record<string, number> {
    return Object.fromEntries(this.values);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }
}
