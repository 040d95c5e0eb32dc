// The real `openai` client, blocking, from a plain CommonJS script: `syncView(client)` is the `OpenAI` beside
// `AsyncOpenAI` that Python users know. It talks to a loopback fake of the API that this script starts itself
// (test/fixtures/fake-ai-server.mjs), so it needs no key and no network. Run it: `node examples/openai-sync-view.cjs`.
'use strict';
const { OpenAI, NotFoundError } = require('openai');
const { awaitSync, syncView } = require('asynchro-bridge');
const { collectStats } = require('asynchro-bridge/instrumentation');
const { startFakeAi } = require('../test/fixtures/fake-ai-server.mjs');

const stats = collectStats();
// The fake server runs in this very process: while a call blocks, the pump serves its requests too.
const fake = awaitSync(startFakeAi());

const ai = syncView(new OpenAI({ baseURL: `${fake.url}/v1`, apiKey: 'sk-fake' }));

// A list call returns its first page; for...of walks every item of every page (each next() blocks).
const models = ai.models.list();
console.log(`models on the first page: ${models.data.map((model) => model.id).join(', ')}`);
const batches = [];
for (const batch of ai.batches.list({ limit: 2 })) batches.push(batch.id); // pages of 2, fetched with `after`
console.log(`all batches, page by page: ${batches.join(', ')}`);

const completion = ai.chat.completions.create({
  model: 'gpt-fake',
  messages: [{ role: 'user', content: 'Say hello' }],
});
console.log(`completion: ${completion.choices[0].message.content}`);

process.stdout.write('streamed: ');
for (const chunk of ai.chat.completions.create({
  model: 'gpt-fake',
  messages: [{ role: 'user', content: 'one word at a time' }],
  stream: true,
})) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
}
process.stdout.write('\n');

// The 429 is retried by the SDK's own backoff (its timers run under the pump), inside the one blocking call.
const retried = ai.chat.completions.create({
  model: 'flaky-model',
  messages: [{ role: 'user', content: 'after a 429' }],
});
console.log(`after a retry: ${retried.choices[0].message.content}`);

try {
  ai.chat.completions.create({ model: 'missing-model', messages: [{ role: 'user', content: '?' }] });
} catch (error) {
  // the SDK's own error class, thrown as the async client rejected it
  console.log(
    `error: ${error.constructor.name} ${error.status} (instanceof NotFoundError: ${error instanceof NotFoundError})`,
  );
}

console.log('\nblocking calls, by property path:');
console.log(stats.table());
stats.close();
fake.server.close();
