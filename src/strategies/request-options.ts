/**
 * Where an SDK method takes its request options, so `syncView` can pass it the call's signal. Only for a resource of
 * a Stainless-generated client (openai, anthropic) whose method's last parameter is `options`: anything else gets no
 * argument it did not ask for.
 */

/** The index of `method`'s request options when `receiver` is a Stainless resource, else `undefined`. */
export function requestOptionsIndex(receiver: unknown, method: Function): number | undefined {
  if (!isStainlessResource(receiver)) return undefined;
  let index = indexes.get(method);
  if (index === undefined) indexes.set(method, (index = optionsParameterIndex(method)));
  return index < 0 ? undefined : index;
}

const indexes = new WeakMap<Function, number>();

function isStainlessResource(receiver: unknown): boolean {
  if (receiver === null || typeof receiver !== 'object') return false;
  const client = Object.getOwnPropertyDescriptor(receiver, '_client')?.value as unknown;
  if (client === null || typeof client !== 'object') return false;
  const { makeRequest, buildRequest } = client as { makeRequest?: unknown; buildRequest?: unknown };
  return typeof makeRequest === 'function' && typeof buildRequest === 'function';
}

/**
 * `args` with `signal` in the request options at `index`, merged with a signal already there; left alone when the
 * call passed more arguments than declared or the options are not a plain object.
 */
export function withSignal(args: readonly unknown[], index: number, signal: AbortSignal): unknown[] {
  if (args.length > index + 1) return args as unknown[];
  const given = args[index];
  if (given === undefined) {
    const padded = [...args];
    padded.length = index;
    padded.push({ signal });
    return padded;
  }
  if (given === null || typeof given !== 'object' || Object.getPrototypeOf(given) !== Object.prototype) {
    return args as unknown[];
  }
  const theirs = (given as { signal?: unknown }).signal;
  const both = theirs instanceof AbortSignal ? AbortSignal.any([theirs, signal]) : signal;
  const merged = [...args];
  merged[index] = { ...given, signal: both };
  return merged;
}

function optionsParameterIndex(method: Function): number {
  let source: string;
  try {
    source = Function.prototype.toString.call(method);
  } catch {
    return -1;
  }
  const names = parameterNames(source);
  return names && names.length > 0 && names[names.length - 1] === 'options' ? names.length - 1 : -1;
}

/** The parameter names of a method's source, or `undefined` for anything but plain names with simple defaults. */
function parameterNames(source: string): string[] | undefined {
  const open = source.indexOf('(');
  if (open < 0) return undefined;
  const parameters: string[] = [];
  let depth = 0;
  let current = '';
  let quote = '';
  for (let at = open + 1; at < source.length; at++) {
    const char = source[at]!;
    if (quote) {
      if (char === '\\') at++;
      else if (char === quote) quote = '';
      continue;
    }
    if (char === '"' || char === "'" || char === '`') quote = char;
    else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') depth--;
    else if (char === ')') {
      if (depth === 0) {
        if (current.trim() !== '') parameters.push(current);
        return parameters.every((parameter) => /^\s*[A-Za-z_$][\w$]*\s*(=|$)/.test(parameter))
          ? parameters.map((parameter) => parameter.split('=')[0]!.trim())
          : undefined;
      }
      depth--;
    } else if (char === ',' && depth === 0) {
      parameters.push(current);
      current = '';
      continue;
    }
    if (depth === 0) current += char;
  }
  return undefined;
}
