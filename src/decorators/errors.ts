import { AsynchroError } from '../errors.js';

/**
 * A decorator cannot do what it was asked, found when the class is decorated (not when it is used): two methods
 * whose variants would share a name, a variant name taken by a non-method member, or invalid options.
 */
export class DecorationError extends AsynchroError {}
