// SyncView<T> against the real openai and @anthropic-ai/sdk typings: what the runtime tests show, the types say.
import Anthropic from '@anthropic-ai/sdk';
import type { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream';
import OpenAI from 'openai';
import type { Stream } from 'openai/core/streaming';
import { describe, expectTypeOf, test } from 'vitest';
import { syncView, type SyncResult, type SyncView } from '../../src/index.js';

const ai = syncView(new OpenAI({ apiKey: 'k' }));
const anthropic = syncView(new Anthropic({ apiKey: 'k' }));
const user = [{ role: 'user' as const, content: 'hi' }];
/** What the SDKs' own `WithRequestID` adds to a parsed response. */
type WithRequestId<T> = T & { _request_id?: string | null };

describe('openai', () => {
  test('the view is a SyncView of the client, resources are views', () => {
    expectTypeOf(ai).toEqualTypeOf<SyncView<OpenAI>>();
    expectTypeOf(ai.chat.completions).toEqualTypeOf<SyncView<OpenAI['chat']['completions']>>();
    expectTypeOf(ai.baseURL).toEqualTypeOf<string>();
  });

  test('create returns the ChatCompletion (with its request id), not a promise', () => {
    const completion = ai.chat.completions.create({ model: 'm', messages: user });
    expectTypeOf(completion).toEqualTypeOf<WithRequestId<OpenAI.ChatCompletion>>();
    expectTypeOf(completion.choices[0]!.message.content).toEqualTypeOf<string | null>();
  });

  test('stream: true picks the streaming overload: a view iterable with for...of over chunks', () => {
    const stream = ai.chat.completions.create({ model: 'm', messages: user, stream: true });
    expectTypeOf(stream).toEqualTypeOf<SyncView<WithRequestId<Stream<OpenAI.ChatCompletionChunk>>>>();
    expectTypeOf(stream).toExtend<Iterable<OpenAI.ChatCompletionChunk>>();
    expectTypeOf(stream.controller).toEqualTypeOf<AbortController>();
    for (const chunk of stream) expectTypeOf(chunk).toEqualTypeOf<OpenAI.ChatCompletionChunk>();
  });

  test('a boolean `stream` gets the third overload: either result', () => {
    const either = ai.chat.completions.create({ model: 'm', messages: user, stream: Math.random() > 0.5 });
    expectTypeOf(either).toEqualTypeOf<
      SyncView<WithRequestId<Stream<OpenAI.ChatCompletionChunk>>> | WithRequestId<OpenAI.ChatCompletion>
    >();
  });

  test('list returns the first page as a view: its data, for...of over all items, getNextPage() blocking', () => {
    const page = ai.models.list();
    expectTypeOf(page.data).toEqualTypeOf<OpenAI.Model[]>();
    for (const model of page) expectTypeOf(model).toEqualTypeOf<OpenAI.Model>();
    const batches = ai.batches.list({ limit: 2 });
    expectTypeOf(batches.has_more).toEqualTypeOf<boolean>();
    expectTypeOf(batches.hasNextPage()).toEqualTypeOf<boolean>();
    expectTypeOf(batches.getNextPage().data).toEqualTypeOf<OpenAI.Batch[]>();
  });

  test('a generic helper loses its type parameters: stream() parses to unknown (documented)', () => {
    const helper = ai.chat.completions.stream({ model: 'm', messages: user });
    expectTypeOf(helper.finalChatCompletion().choices[0]!.message.parsed).toEqualTypeOf<unknown>();
    expectTypeOf(helper.finalChatCompletion().choices[0]!.message.content).toEqualTypeOf<string | null>();
  });

  test('methods keep their parameters', () => {
    expectTypeOf(ai.models.retrieve).parameter(0).toEqualTypeOf<string>();
    // @ts-expect-error: `model` is required, as on the async client
    ai.chat.completions.create({ messages: user });
  });
});

describe('anthropic', () => {
  test('messages.create, plain and streamed', () => {
    const message = anthropic.messages.create({ model: 'claude', max_tokens: 8, messages: user });
    expectTypeOf(message).toExtend<Anthropic.Message>();
    expectTypeOf(message.content).toEqualTypeOf<Anthropic.ContentBlock[]>();
    const events = anthropic.messages.create({ model: 'claude', max_tokens: 8, messages: user, stream: true });
    for (const event of events) expectTypeOf(event).toEqualTypeOf<Anthropic.RawMessageStreamEvent>();
  });

  test('messages.stream() returns a MessageStream (not a promise): viewed, so finalMessage() blocks', () => {
    const stream = anthropic.messages.stream({ model: 'claude', max_tokens: 8, messages: user });
    expectTypeOf(stream).toEqualTypeOf<SyncView<MessageStream<null>>>();
    expectTypeOf(stream.finalText()).toEqualTypeOf<string>();
    expectTypeOf(stream.on('text', () => {})).toEqualTypeOf<SyncView<MessageStream<null>>>();
  });
});

describe('SyncView on hand-written shapes', () => {
  interface Shapes {
    get(id: number): Promise<{ id: number; at: Date }>;
    count(): number;
    pick<T>(value: T): Promise<T>;
    over(a: string): Promise<string>;
    over(a: number): Promise<number>;
    all(): AsyncGenerator<number>;
    nested: { deeper: { ping(): PromiseLike<'pong'> } };
    data: { level: number; when: Date; tags: string[] };
    readonly [Symbol.toStringTag]: string;
  }
  const shapes = {} as SyncView<Shapes>;

  test('PromiseLike<R> becomes R; a plain result stays; nested resources are views', () => {
    expectTypeOf(shapes.get(1)).toEqualTypeOf<{ id: number; at: Date }>();
    expectTypeOf(shapes.count()).toEqualTypeOf<number>();
    expectTypeOf(shapes.nested.deeper.ping()).toEqualTypeOf<'pong'>();
    expectTypeOf(shapes.data.level).toEqualTypeOf<number>();
    expectTypeOf(shapes.data.when).toEqualTypeOf<Date>();
    expectTypeOf(shapes.data.tags).toEqualTypeOf<string[]>();
    expectTypeOf(shapes[Symbol.toStringTag]).toEqualTypeOf<string>();
  });

  test('overloads are kept; generic methods lose their type parameter (documented)', () => {
    expectTypeOf(shapes.over('a')).toEqualTypeOf<string>();
    expectTypeOf(shapes.over(1)).toEqualTypeOf<number>();
    expectTypeOf(shapes.pick(1)).toEqualTypeOf<unknown>();
  });

  test('up to six overloads are kept: of seven, the first is lost', () => {
    interface Seven {
      pick(a: 1): Promise<'one'>;
      pick(a: 2): Promise<'two'>;
      pick(a: 3): Promise<'three'>;
      pick(a: 4): Promise<'four'>;
      pick(a: 5): Promise<'five'>;
      pick(a: 6): Promise<'six'>;
      pick(a: 7): Promise<'seven'>;
    }
    const seven = {} as SyncView<Seven>;
    expectTypeOf(seven.pick(2)).toEqualTypeOf<'two'>();
    expectTypeOf(seven.pick(7)).toEqualTypeOf<'seven'>();
    // @ts-expect-error: the first of seven overloads does not survive the mapping
    seven.pick(1);
  });

  test('an async generator result is iterable', () => {
    for (const n of shapes.all()) expectTypeOf(n).toEqualTypeOf<number>();
    expectTypeOf<SyncResult<AsyncGenerator<number>>>().toEqualTypeOf<SyncView<AsyncGenerator<number>>>();
  });
});
