/**
 * The names issue 10 requires, checked at runtime (names.test.ts) and at the type level (types.test-d.ts) from
 * these same lists.
 */

/** SDK nouns and verbs whose leading `a` is part of the word: `agents` gives `agentsSync`. */
export const KEPT_WORDS = [
  'agents', 'accounts', 'actions', 'activities', 'addresses', 'alerts', 'aliases', 'analytics', 'annotations', 'answers',
  'apis', 'apps', 'applications', 'archives', 'artifacts', 'assets', 'assistants', 'attachments', 'attributes', 'audio',
  'audits', 'authorizations', 'abort', 'accept', 'add', 'allow', 'apply', 'assign', 'attach', 'await',
] as const;

/** Async-prefixed names: `aget` gives `getSync`. */
export const STRIPPED_NAMES = [
  ['aget', 'getSync'], ['alist', 'listSync'], ['arun', 'runSync'], ['ainvoke', 'invokeSync'], ['astream', 'streamSync'],
  ['afetch', 'fetchSync'], ['acreate', 'createSync'], ['aupdate', 'updateSync'], ['adelete', 'deleteSync'],
  ['asearch', 'searchSync'], ['aread', 'readSync'], ['awrite', 'writeSync'], ['aupload', 'uploadSync'],
  ['asend', 'sendSync'], ['aclose', 'closeSync'], ['aconnect', 'connectSync'], ['aload', 'loadSync'],
  ['asave', 'saveSync'], ['afoo', 'fooSync'], ['aGetUser', 'getUserSync'], ['aiterUsers', 'iterUsersSync'],
  ['alistAgents', 'listAgentsSync'], ['agetAccount', 'getAccountSync'],
] as const;

/**
 * Common SDK verbs (and a few words) whose `a`-prefixed form is itself an English word: `aping` is `aping`, so it
 * gives `apingSync`, not `pingSync`. The README lists exactly the ones this list finds.
 */
export const SDK_VERBS = [
  'get', 'list', 'run', 'invoke', 'stream', 'fetch', 'create', 'update', 'delete', 'search', 'read', 'write', 'upload',
  'send', 'close', 'connect', 'load', 'save', 'ping', 'head', 'wait', 'do', 'go', 'live', 'new', 'mend', 'part',
  'cancel', 'call', 'check', 'clear', 'copy', 'embed', 'execute', 'export', 'find', 'flush', 'import', 'index', 'join',
  'kill', 'lock', 'log', 'login', 'logout', 'merge', 'move', 'open', 'parse', 'patch', 'poll', 'post', 'publish',
  'pull', 'push', 'put', 'query', 'queue', 'record', 'refresh', 'register', 'reload', 'remove', 'rename', 'render',
  'replace', 'reply', 'request', 'reset', 'resolve', 'restart', 'restore', 'resume', 'retry', 'revoke', 'scan',
  'schedule', 'select', 'set', 'setup', 'shutdown', 'sleep', 'sort', 'spawn', 'start', 'status', 'step', 'stop',
  'store', 'submit', 'subscribe', 'sync', 'tag', 'test', 'train', 'transform', 'trigger', 'unlock', 'unsubscribe',
  'upsert', 'validate', 'verify', 'watch', 'wake', 'version',
] as const;

/** Of `SDK_VERBS`, those whose `a`-prefixed form is an English word (pinned; the README lists them). */
export const AMBIGUOUS_NAMES = ['aping', 'ahead', 'await', 'ado', 'ago', 'alive', 'anew', 'amend', 'apart', 'asleep', 'awake', 'aversion'] as const;
