package example.strategysweep;

/**
 * What a sweep found.
 *
 * @param evaluationStartIndex the close the evaluation starts from (equity 1), one day before the first return.
 * @param pairs                how many (fast, slow) pairs were backtested.
 * @param bestFast             the best pair's fast window in days.
 * @param bestSlow             the best pair's slow window in days.
 * @param best                 the best pair's performance.
 * @param buyAndHold           buy-and-hold over the same days, for comparison.
 */
record SweepResult(
        int evaluationStartIndex, int pairs, int bestFast, int bestSlow, Performance best, Performance buyAndHold) {}
