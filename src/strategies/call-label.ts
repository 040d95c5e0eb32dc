/**
 * How a blocked call is named in error messages and traces: `verb(functionName)`, e.g. `sync(fetchUser)`,
 * `getUserSync(Client.agetUser)`.
 */
import type { CallSite } from './relocation.js';

/** Names the blocked call in error messages: `verb(functionName)`, e.g. `sync(fetchUser)`. */
export interface CallLabel {
  verb: string;
  functionName?: string | undefined;
}

export const labelOf = ({ verb, functionName }: CallLabel): string => `${verb}(${functionName || '<anonymous>'})`;

/** `fn.name` if it is a string; never throws (a revoked Proxy, a getter that throws) nor runs more than that getter. */
export function functionName(fn: unknown): string | undefined {
  try {
    const name = (fn as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The label of a call from `site` to `fn`: built only when a message needs it (reading `fn.name` is not free). */
export function labelFor(site: CallSite, fn: Function | undefined): CallLabel {
  const name = site.name ?? functionName(fn);
  return { verb: site.verb, functionName: site.className && name ? `${site.className}.${name}` : name };
}
