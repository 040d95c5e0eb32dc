/**
 * The context matrix (issue 2 §4) for the loop pump: every work, blocked on from every calling context, in real
 * child processes. Other strategies reuse `describeContextMatrix` with their own table.
 */
import { describeContextMatrix } from './matrix/suite.js';
import { pumpStrategy } from './matrix/expectations.js';

describeContextMatrix(pumpStrategy);
