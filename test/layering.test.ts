// The import rule of src/: imports only point down the layers, and no module reaches itself through its imports.
//   top-level files (types, options, errors, config, ...)  <-  metadata, instrumentation, strategies  <-  bridge
//   <-  decorators  <-  the package's entries (index, subpaths/: asynchro-bridge/introspection...)  <-  testing
//   (the asynchro-bridge/testing entry)
// The pump's folder is entered only through its index.ts: the rest of src/ never reaches its parts.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('../src/', import.meta.url));

/** Layer of a file in src/, by its first folder; a file directly in src/ is the bottom layer (index.ts the top). */
const LAYERS: Record<string, number> = {
  metadata: 1,
  instrumentation: 1,
  strategies: 1,
  bridge: 2,
  decorators: 3,
  subpaths: 4,
  testing: 5,
};
function layerOf(file: string): number {
  const [first, ...rest] = file.split('/');
  if (rest.length === 0) return first === 'index.ts' ? 4 : 0;
  const layer = LAYERS[first!];
  if (layer === undefined) throw new Error(`src/${file}: folder ${first} has no layer; add it to LAYERS`);
  return layer;
}

function sourceFiles(dir = srcDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Relative imports of every file (static `import`/`export ... from`, and `import()` of a literal). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const path of sourceFiles()) {
    const text = readFileSync(path, 'utf8');
    const specifiers = [
      ...text.matchAll(
        /(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)|^import\s+'(\.[^']+)'/gm,
      ),
    ].map((match) => match[1] ?? match[2] ?? match[3]!);
    const targets = specifiers.map((specifier) =>
      relative(srcDir, resolve(dirname(path), specifier)).replace(/\.js$/, '.ts'),
    );
    graph.set(relative(srcDir, path), targets);
  }
  return graph;
}

describe('layering of src/', () => {
  const graph = importGraph();

  it('reads the imports it checks', () => {
    expect(graph.get('index.ts')).toContain('bridge/sync.ts');
    expect(graph.get('strategies/pump/errors.ts')).toContain('errors.ts');
  });

  it('has no upward import', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => layerOf(target) > layerOf(file)).map((target) => `${file} -> ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('keeps the two threads of the worker strategy apart: each side imports only the wire format', () => {
    // strategies/worker/: calling/ runs on the calling thread, thread/ on the worker thread, wire/ on both. index.ts
    // is the calling thread's entry, runner.ts the worker thread's.
    const worker = 'strategies/worker/';
    const partOf = (file: string): string | undefined => {
      if (!file.startsWith(worker)) return undefined;
      const rest = file.slice(worker.length);
      if (rest === 'index.ts') return 'calling';
      if (rest === 'runner.ts') return 'thread';
      const part = rest.split('/')[0]!;
      if (!['calling', 'thread', 'wire'].includes(part))
        throw new Error(`src/${file}: not in calling/, thread/, wire/`);
      return part;
    };
    const allowed: Record<string, string[]> = {
      calling: ['calling', 'wire'],
      thread: ['thread', 'wire'],
      wire: ['wire'],
    };
    const crossing = [...graph].flatMap(([file, targets]) => {
      const from = partOf(file);
      return from === undefined
        ? []
        : targets
            .filter((target) => partOf(target) !== undefined && !allowed[from]!.includes(partOf(target)!))
            .map((target) => `${file} -> ${target}`);
    });
    expect(graph.get('strategies/worker/thread/serve.ts')).toContain('strategies/worker/wire/protocol.ts');
    expect(graph.get('strategies/worker/calling/host.ts')).toContain('strategies/worker/wire/protocol.ts');
    expect(crossing).toEqual([]);
  });

  it('reaches the worker strategy only through its entry', () => {
    // Outside strategies/worker/, only index.ts (and wire/clone.ts, the clone checks a decorated class's fields
    // need) are imported: the rest is the strategy's own.
    const inside = [...graph].flatMap(([file, targets]) =>
      file.startsWith('strategies/worker/')
        ? []
        : targets
            .filter((target) => target.startsWith('strategies/worker/'))
            .filter((target) => !['strategies/worker/index.ts', 'strategies/worker/wire/clone.ts'].includes(target))
            .map((target) => `${file} -> ${target}`),
    );
    expect(inside).toEqual([]);
  });

  it('enters the pump only through its entry, strategies/pump/index.ts', () => {
    const inside = (file: string): boolean => file.startsWith('strategies/pump/');
    const past = [...graph].flatMap(([file, targets]) =>
      inside(file)
        ? []
        : targets
            .filter((target) => inside(target) && target !== 'strategies/pump/index.ts')
            .map((target) => `${file} -> ${target}`),
    );
    expect(past).toEqual([]);
    expect(graph.get('bridge/sync.ts')).toContain('strategies/pump/index.ts');
  });

  it('has no import circle', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });
});
