/** Telling decorator calls apart: a TC39 standard decorator gets a context object as its second argument. */

/** True for a TC39 standard decorator context (`{ kind, name, addInitializer, ... }`); no options object looks like one. */
export function isDecoratorContext(value: unknown): value is DecoratorContext {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { addInitializer?: unknown }).addInitializer === 'function'
  );
}
