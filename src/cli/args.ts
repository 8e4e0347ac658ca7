/**
 * Minimal argument parsing for nq24: positional words, --flag, --key value, --key=value.
 * Written here so the command line needs nothing beyond Node and ExcelJS.
 */
export interface ParsedArgs {
  command?: string;
  positional: string[];
  flags: Set<string>;
  values: Record<string, string>;
  errors: string[];
}

export interface ArgSpec {
  /** Options that take a value. */
  withValue: string[];
  /** Options that are switches. */
  switches: string[];
  /** Short aliases: "-h" → "help". */
  aliases: Record<string, string>;
}

export function parseArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const out: ParsedArgs = { positional: [], flags: new Set(), values: {}, errors: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("-") && a !== "-") {
      let key: string;
      let inline: string | undefined;
      if (a.startsWith("--")) {
        const eq = a.indexOf("=");
        key = eq >= 0 ? a.slice(2, eq) : a.slice(2);
        inline = eq >= 0 ? a.slice(eq + 1) : undefined;
      } else {
        const alias = spec.aliases[a];
        if (!alias) {
          out.errors.push(a);
          continue;
        }
        key = alias;
      }
      if (spec.withValue.includes(key)) {
        const v = inline ?? argv[i + 1];
        if (v === undefined || (inline === undefined && v.startsWith("--"))) {
          out.errors.push(`--${key}`);
          continue;
        }
        out.values[key] = v;
        if (inline === undefined) i++;
      } else if (spec.switches.includes(key) && inline === undefined) {
        out.flags.add(key);
      } else {
        out.errors.push(a);
      }
      continue;
    }
    if (out.command === undefined) out.command = a;
    else out.positional.push(a);
  }
  return out;
}
