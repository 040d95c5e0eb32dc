// The floor every pump figure is measured against: what a user would write with deasync alone (the pattern from its
// README), blocking on `work(i)` with `loopWhile`. Shared by the pump cases and bench/instructions.mjs.
import deasync from 'deasync';

/** A blocking version of `work` made with raw deasync: no context checks, no timeout, no error handling. */
export function blockWithDeasync(work) {
  return (i) => {
    let done = false;
    let value;
    work(i).then((result) => {
      value = result;
      done = true;
    });
    deasync.loopWhile(() => !done);
    return value;
  };
}
